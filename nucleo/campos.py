"""Form fields and widgets more than one app's forms use."""

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

_MES = re.compile(r"([0-9]{4})-([0-9]{1,2})")
SELECT_PEQUENO = forms.Select(attrs={"class": "form-select form-select-sm"})


class MesField(forms.CharField):
    """A month typed as AAAA-MM (the browser's month picker); cleans to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": _("AAAA-MM")})
    default_error_messages = {"invalid": _("Escriba el mes como AAAA-MM, por ejemplo 2026-11.")}

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        # Four ASCII digits for the year: a 20-digit one overflowed date() (OverflowError, not
        # ValueError) and int() took '٢٠٢٦'.
        partes = _MES.fullmatch(value)
        if partes is not None and int(partes[1]) >= 1 and 1 <= int(partes[2]) <= 12:
            return date(int(partes[1]), int(partes[2]), 1)
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
