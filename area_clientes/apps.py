import logging

from django.apps import AppConfig

logger = logging.getLogger("area_clientes")


class AreaClientesConfig(AppConfig):
    name = "area_clientes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from area_clientes import checks  # noqa: F401  (registers the system checks)

        avisar_sin_captcha()


def avisar_sin_captcha() -> bool:
    """Log a start-up warning when the portal login runs without reCAPTCHA. True if warned."""
    from area_clientes.captcha import captcha_activo

    if captcha_activo():
        return False
    logger.warning(
        "Área de Clientes: RECAPTCHA_PUBLIC_KEY/RECAPTCHA_PRIVATE_KEY no están configuradas; "
        "el ingreso del portal funciona sin la casilla «No soy un robot»."
    )
    return True
