"""System checks: `manage.py check --deploy` warns when production runs without reCAPTCHA."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def captcha_en_produccion(app_configs, **kwargs):
    from area_clientes.captcha import captcha_activo

    if settings.DEBUG or captcha_activo():
        return []
    return [
        Warning(
            "The portal login and password reset run without reCAPTCHA.",
            hint="Set RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY (v2 checkbox keys from Google).",
            id="area_clientes.W001",
        )
    ]
