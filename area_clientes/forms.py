from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from terceros.documentos import normalizar_documento


class PortalLoginForm(AuthenticationForm):
    """Usuario = document number; staff accounts are not portal logins."""

    username = forms.CharField(label=_("Usuario (número de documento)"), max_length=30)
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Usuario o contraseña incorrectos. Revise su número de documento y su contraseña."
        ),
    }

    def clean_username(self):
        return normalizar_documento(self.cleaned_data["username"])

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.is_staff or not hasattr(user, "tercero"):
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")


class ElegirContrasenaForm(SetPasswordForm):
    """New password typed twice, checked against the password policy."""

    error_messages = {
        **SetPasswordForm.error_messages,
        "password_mismatch": _("Las dos contraseñas no coinciden."),
    }
