from django.apps import AppConfig


class EnviosConfig(AppConfig):
    name = "envios"
    default_auto_field = "django.db.models.BigAutoField"
