"""Untrusted input → clean values or form errors, in one place for each kind of value.

`str.isdigit()` says yes to '²' (which `int()` refuses) and `int()` takes '٣': integers typed in
a URL or a form are read here, with ASCII digits only. Money is typed the Colombian way
(`$ 1.300.000,50`). A concurrent twin that wins a unique constraint becomes a form error.
"""

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from django import forms
from django.db import IntegrityError, transaction
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nucleo.formato import pesos

T = TypeVar("T")

# Eighteen digits always fit a PostgreSQL bigint; anything longer is not an id or a year.
_ENTERO = re.compile(r"[0-9]{1,18}")


def entero_o_none(texto, *, minimo: int | None = None, maximo: int | None = None) -> int | None:
    """The integer written in ASCII digits (surrounding spaces allowed) within the bounds, else None."""
    if isinstance(texto, int) and not isinstance(texto, bool):
        numero = texto
    elif isinstance(texto, str) and _ENTERO.fullmatch(texto.strip()):
        numero = int(texto.strip())
    else:
        return None
    if (minimo is not None and numero < minimo) or (maximo is not None and numero > maximo):
        return None
    return numero


def digitos_ascii(texto: str) -> bool:
    """Only 0-9, at least one (a document number's prefix, say)."""
    return texto.isascii() and texto.isdigit()


# --- money --------------------------------------------------------------------------------------

_MILES = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")  # 1.300.000
_MILES_CON_COMA = re.compile(r"[0-9]{1,3}(\.[0-9]{3})*(,[0-9]+)?")  # 1.300.000,50
_SIMPLE = re.compile(r"[0-9]+([.,][0-9]{1,2})?")  # 1300000 · 1300000.5 · 1300000,50


def decimal_de_texto(texto) -> Decimal:
    """A number as people in Colombia type it, or ValueError.

    `1.300.000` and `$ 1.300.000,50` (dots for thousands, comma for cents), and the plain forms a
    browser or a spreadsheet sends (`1300000`, `1300000.50`). `1.300` is one thousand three hundred.
    """
    if isinstance(texto, Decimal):
        return texto
    if isinstance(texto, int) and not isinstance(texto, bool):
        return Decimal(texto)
    if not isinstance(texto, str):
        raise ValueError(texto)
    limpio = texto.strip().removeprefix("$").removesuffix("COP").replace(" ", "").replace("\u00a0", "")
    if _MILES.fullmatch(limpio):
        limpio = limpio.replace(".", "")
    elif _MILES_CON_COMA.fullmatch(limpio) and "," in limpio:
        limpio = limpio.replace(".", "").replace(",", ".")
    elif _SIMPLE.fullmatch(limpio):
        limpio = limpio.replace(",", ".")
    else:
        raise ValueError(texto)
    try:
        return Decimal(limpio)
    except InvalidOperation as exc:  # unreachable after the patterns above; kept as the contract
        raise ValueError(texto) from exc


def _pesos_sin_signo(valor: Decimal) -> str:
    """1.300.000,50: the project's money format without the sign a text box would carry along."""
    return pesos(valor).replace("$ ", "")


class DineroInput(forms.TextInput):
    """A text box (a number box refuses `1.300.000`) that shows amounts as `1.300.000,50`."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return _pesos_sin_signo(Decimal(value))
        return super().format_value(value)


class DineroField(forms.DecimalField):
    """Every money input: COP typed the Colombian way, sized to the model column (14 digits, 2 places)."""

    widget = DineroInput
    default_error_messages = {
        "invalid": _("Escriba el valor en pesos, por ejemplo 1.300.000 o 1.300.000,50."),
        "max_decimal_places": _("Los centavos llevan máximo 2 cifras, por ejemplo 1.300.000,50."),
    }

    def __init__(self, *, max_digits=14, decimal_places=2, **kwargs):
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)
        maximo = _pesos_sin_signo(Decimal(10) ** (max_digits - decimal_places) - 1)
        # Lazy: form classes are built at import time, before the request's language is known.
        demasiado = lazy(
            lambda: gettext("El valor es demasiado grande: máximo %(maximo)s pesos.") % {"maximo": maximo},
            str,
        )()
        self.error_messages.setdefault("max_digits", demasiado)
        self.error_messages.setdefault("max_whole_digits", demasiado)

    def widget_attrs(self, widget):
        # DecimalField would add `step`, which only number boxes understand.
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return decimal_de_texto(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def decimal_o_error(texto) -> Decimal:
    """`coerce` for a choice of numbers: Decimal('abc') raises InvalidOperation, which forms do not catch."""
    try:
        return Decimal(str(texto).strip())
    except InvalidOperation as exc:
        raise ValueError(texto) from exc


# --- searches -----------------------------------------------------------------------------------


class BuscarForm(forms.Form):
    """A free-text search read from the query string.

    Through a form, `q` gets CharField's validators: a NUL byte (which PostgreSQL refuses in text)
    or 100k characters become a message next to the box instead of reaching the database.
    """

    q = forms.CharField(label=_("Buscar"), required=False, max_length=100)

    def texto(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


# --- concurrent twins ---------------------------------------------------------------------------


def guardar_o_error(form: forms.BaseForm, guardar: Callable[[], T]) -> T | None:
    """Run `guardar`; when a twin request committed the same unique value first, show it on the form.

    The form had validated before the twin's commit. Validating it again now sees the committed row,
    so the usual field message ('Ya existe…') appears next to the field and the typed input is kept.
    Returns None in that case; an IntegrityError the form cannot explain is raised.
    """
    instancia = getattr(form, "instance", None)
    nueva = instancia is not None and instancia.pk is None
    try:
        with transaction.atomic():
            return guardar()
    except IntegrityError:
        if nueva:
            instancia.pk = None  # an id from the rolled-back insert must not reach the page
        form.full_clean()
        if form.is_valid():
            raise
        return None
