from django.apps import AppConfig


class PqrsConfig(AppConfig):
    name = "pqrs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The back-office home shows what is due through terceros's registry, never by importing us.
        from pqrs.extensiones import registrar

        registrar()
