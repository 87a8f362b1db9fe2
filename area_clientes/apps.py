from django.apps import AppConfig


class AreaClientesConfig(AppConfig):
    name = "area_clientes"
    default_auto_field = "django.db.models.BigAutoField"
