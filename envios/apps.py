from django.apps import AppConfig


class EnviosConfig(AppConfig):
    name = "envios"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from envios.autenticacion import marcar_sesion_temporal

        user_logged_in.connect(marcar_sesion_temporal, dispatch_uid="envios.marcar_sesion_temporal")
