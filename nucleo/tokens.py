"""Signed one-time links for portal passwords.

Both are single-use because the hash covers the password hash and last login, which change
once the link is used. Each has its own salt and lifetime.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.http import base36_to_int


class _TokenConVigencia(PasswordResetTokenGenerator):
    setting_horas = ""

    def check_token(self, user, token):
        if not super().check_token(user, token):
            return False
        # Django checks PASSWORD_RESET_TIMEOUT; enforce this link's own lifetime as well.
        try:
            ts_b36 = token.split("-")[0]
            edad = self._num_seconds(self._now()) - base36_to_int(ts_b36)
        except (ValueError, IndexError):
            return False
        return edad <= getattr(settings, self.setting_horas) * 3600


class RecuperarContrasenaToken(_TokenConVigencia):
    """Self-service reset (RECUPERAR_CONTRASENA_HORAS)."""

    key_salt = "area_clientes.recuperar_contrasena"
    setting_horas = "RECUPERAR_CONTRASENA_HORAS"


class ActivacionToken(_TokenConVigencia):
    """'Enlace de activación' delivery mode of envios (CONTRASENA_TEMPORAL_HORAS)."""

    key_salt = "envios.enlace_activacion"
    setting_horas = "CONTRASENA_TEMPORAL_HORAS"


recuperar_contrasena_token = RecuperarContrasenaToken()
activacion_token = ActivacionToken()
