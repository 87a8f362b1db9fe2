from django.apps import AppConfig


class PagosConfig(AppConfig):
    name = "pagos"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Invoicing shows payments and refuses some annulments through its registries, never by importing us.
        from pagos.extensiones import registrar

        registrar()
