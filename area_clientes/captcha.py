"""reCAPTCHA v2 checkbox (django-recaptcha), only when both keys are configured.

Keys are read when a form is built, never at import time. Google being unreachable is a
form error in Spanish, never a 500 (django-recaptcha 4.x only catches HTTPError).
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_recaptcha.fields import ReCaptchaField
from django_recaptcha.widgets import ReCaptchaV2Checkbox

from nucleo.limites import ip_cliente

logger = logging.getLogger(__name__)


def captcha_activo() -> bool:
    return bool(settings.RECAPTCHA_PUBLIC_KEY and settings.RECAPTCHA_PRIVATE_KEY)


class CaptchaWidget(ReCaptchaV2Checkbox):
    """Google's checkbox without the package's inline script (CSP forbids inline scripts)."""

    # Widgets render through the form renderer, which only sees the apps' template dirs.
    template_name = "area_clientes/widgets/captcha.html"

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.pop("data-callback", None)
        return attrs


class CaptchaField(ReCaptchaField):
    widget = CaptchaWidget
    default_error_messages = {
        "required": _("Marque la casilla «No soy un robot»."),
        "captcha_invalid": _("No pudimos comprobar que no es un robot. Marque la casilla de nuevo."),
        "captcha_error": _(
            "No pudimos verificar la casilla «No soy un robot» en este momento. "
            "Intente de nuevo en unos minutos."
        ),
    }

    def __init__(self, *, request=None, **kwargs):
        self.request = request
        kwargs.setdefault("label", _("Verificación"))
        super().__init__(widget=CaptchaWidget(api_params={"hl": "es"}), **kwargs)

    def get_remote_ip(self):
        return ip_cliente(self.request) if self.request is not None else ""

    def validate(self, value):
        try:
            super().validate(value)
        except (OSError, ValueError) as exc:  # URLError, timeouts, a garbled answer
            logger.warning("reCAPTCHA: no se pudo contactar a Google: %s", exc)
            raise ValidationError(self.error_messages["captcha_error"], code="captcha_error") from exc


def captcha_agregar(form, *, request) -> None:
    """Add the checkbox as the form's last field when keys are configured."""
    if captcha_activo():
        form.fields["captcha"] = CaptchaField(request=request)
