from django.apps import AppConfig


class NucleoConfig(AppConfig):
    """Shared plumbing with no domain of its own; every app may import it, it imports no app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "nucleo"
    verbose_name = "Núcleo"
