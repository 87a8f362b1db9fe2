from django.apps import AppConfig


class FacturacionConfig(AppConfig):
    name = "facturacion"
    default_auto_field = "django.db.models.BigAutoField"
