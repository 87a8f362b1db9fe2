"""Form fields and widgets more than one app's forms use."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

SELECT_PEQUENO = forms.Select(attrs={"class": "form-select form-select-sm"})


class MesField(forms.CharField):
    """A month typed as AAAA-MM (the browser's month picker); cleans to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": _("AAAA-MM")})
    default_error_messages = {"invalid": _("Escriba el mes como AAAA-MM, por ejemplo 2026-11.")}

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            anio, mes = (int(p) for p in value.split("-"))
            return date(anio, mes, 1)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
