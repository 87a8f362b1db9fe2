from django.apps import AppConfig


class TercerosConfig(AppConfig):
    name = "terceros"
    default_auto_field = "django.db.models.BigAutoField"
