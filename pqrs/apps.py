from django.apps import AppConfig


class PqrsConfig(AppConfig):
    name = "pqrs"
    default_auto_field = "django.db.models.BigAutoField"
