from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class StaffLoginForm(AuthenticationForm):
    """Staff only: a portal client's credentials are not a back-office login."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Usuario o contraseña incorrectos."),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.is_staff:
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
