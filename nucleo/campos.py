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


def _id_imposible(valor) -> bool:
    """Digits that cannot be a primary key: SQLite raises OverflowError past 64 bits (PostgreSQL does not)."""
    texto = str(valor).strip()
    if not re.fullmatch(r"-?[0-9]+", texto):
        return False  # not an integer at all: the field's own lookup refuses it
    # Judged by length first: int() refuses strings past 4,300 digits (ValueError, a 500).
    digitos = texto.lstrip("-").lstrip("0") or "0"
    if len(digitos) > 19:
        return True
    numero = -int(digitos) if texto.startswith("-") else int(digitos)
    return not -(2**63) <= numero < 2**63


class ModeloField(forms.ModelChoiceField):
    """A ModelChoiceField whose out-of-range id is an invalid choice on every database, not a 500."""

    def to_python(self, value):
        if value not in self.empty_values and _id_imposible(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelosField(forms.ModelMultipleChoiceField):
    """The multiple-choice twin of ModeloField."""

    def _check_values(self, value):
        for valor in value or ():
            if _id_imposible(valor):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": valor}
                )
        return super()._check_values(value)


class DecimalField(forms.DecimalField):
    """A DecimalField that refuses NaN and infinities while parsing, not only when validating.

    Django's parses 'sNaN' into a signalling NaN and refuses it later, in validate(); but
    `has_changed()` (every formset row, every ModelForm's changed_data) compares the parsed value
    first, and comparing a signalling NaN raises InvalidOperation: a 500.
    """

    def to_python(self, value):
        numero = super().to_python(value)
        if numero is not None and not numero.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return numero
