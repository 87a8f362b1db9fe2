"""Back-office forms of Pagos en línea; they validate, services act."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from nucleo.campos import SELECT_PEQUENO
from pagos.models import EstadoTransaccion, Pasarela
from terceros.forms import TerceroField

FECHA_MINIMA = date(2000, 1, 1)
FECHA_MAXIMA = date(2100, 12, 31)


class FechaFiltroField(forms.DateField):
    widget = forms.DateInput(
        attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"
    )

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        dia = super().clean(value)
        if dia is not None and not FECHA_MINIMA <= dia <= FECHA_MAXIMA:
            raise forms.ValidationError(_("Escriba una fecha entre 2000 y 2100."), code="fuera_de_rango")
        return dia


class FiltroTransaccionesForm(forms.Form):
    estado = forms.ChoiceField(
        label=_("Estado"),
        required=False,
        choices=[("", _("Todos")), *EstadoTransaccion.choices],
        widget=SELECT_PEQUENO,
    )
    pasarela = forms.ChoiceField(
        label=_("Pasarela"),
        required=False,
        choices=[("", _("Todas")), *Pasarela.choices],
        widget=SELECT_PEQUENO,
    )
    texto = forms.CharField(
        label=_("Referencia, id de la pasarela o documento"), required=False, max_length=80
    )
    desde = FechaFiltroField(label=_("Desde"))
    hasta = FechaFiltroField(label=_("Hasta"))
    tercero = TerceroField(label=_("Cliente"), required=False)
