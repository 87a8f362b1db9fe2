from django.apps import AppConfig


class PagosConfig(AppConfig):
    name = "pagos"
    default_auto_field = "django.db.models.BigAutoField"
