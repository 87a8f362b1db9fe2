"""Forms of the Área de Clientes screen: they validate, services act."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from envios.models import AlcanceEnvio, ConfiguracionAreaClientes, FiltroAplicacion
from nucleo.entrada import entero_o_none
from terceros.forms import TercerosSelectMultiple
from terceros.models import CLASES_ENVIO, ClaseTercero, Tercero

MAX_SELECCION = 2000


class TercerosField(forms.Field):
    """Tercero ids picked in the searchable multi-select; only the chosen ones are rendered."""

    widget = TercerosSelectMultiple(clase_desde="id_clase")

    def to_python(self, value):
        if not value:
            return []
        ids = {entero_o_none(v, minimo=1) for v in value}
        if None in ids:
            raise ValidationError(_("La selección de terceros no es válida."), code="invalida")
        return sorted(ids)

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_SELECCION:
            raise ValidationError(
                _("Seleccione como máximo %(n)s terceros; para más, use la clase de tercero."),
                params={"n": MAX_SELECCION},
                code="demasiados",
            )
        if value and Tercero.objects.filter(pk__in=value).count() != len(value):
            raise ValidationError(_("Algún tercero seleccionado ya no existe."), code="inexistente")


class GenerarForm(forms.Form):
    clase = forms.ChoiceField(label=_("Clase de Tercero"), choices=CLASES_ENVIO, initial=ClaseTercero.AMBOS)
    filtro = forms.ChoiceField(
        label=_("Filtrar Aplicación"), choices=FiltroAplicacion.choices, initial=FiltroAplicacion.NINGUNO
    )
    terceros = TercerosField(
        label=_("Terceros para el filtro"),
        required=False,
        help_text=_("Escriba al menos 2 letras del nombre o números del documento."),
    )
    alcance = forms.ChoiceField(
        label=_("A quién enviar"),
        choices=AlcanceEnvio.choices,
        initial=AlcanceEnvio.SIN_ACCESO,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Quien ya tiene acceso conserva su contraseña: la temporal es adicional y vence sola."),
    )
    # Set by the confirmation step when a send to everyone reaches clients who already log in.
    confirmado = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_alcance(self):
        # Left out (an old form, a script): the safe scope.
        return self.cleaned_data["alcance"] or AlcanceEnvio.SIN_ACCESO

    def clean(self):
        datos = super().clean()
        if datos.get("filtro", FiltroAplicacion.NINGUNO) != FiltroAplicacion.NINGUNO and not datos.get(
            "terceros"
        ):
            self.add_error(
                "terceros",
                _(
                    "Busque y elija al menos un tercero para aplicar el filtro, o deje el filtro en -Seleccione-."
                ),
            )
        return datos


class ConfiguracionForm(forms.ModelForm):
    class Meta:
        model = ConfiguracionAreaClientes
        fields = ["modo_entrega", "lote", "intervalo_segundos", "max_por_hora", "horas_expiracion"]
        help_texts = {
            "modo_entrega": _(
                "Contraseña temporal: el correo lleva usuario y contraseña, que debe cambiarse al ingresar. "
                "Enlace de activación: el correo lleva un enlace de un solo uso para elegir la contraseña."
            ),
            "lote": _("Cuántos correos salen en cada lote (entre 1 y 1000)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Staff read the values the installation runs with, never the names of its settings.
        self.fields["intervalo_segundos"].help_text = _(
            "Pausa mínima entre un lote y el siguiente. El servidor revisa la cola cada %(n)s segundos "
            "(lo fija quien administra la instalación): un valor menor no acelera los envíos."
        ) % {"n": settings.ENVIOS_INTERVALO}
        self.fields["horas_expiracion"].help_text = _(
            "Vigencia de la contraseña temporal. El enlace de activación vence a las %(n)s horas "
            "(lo fija quien administra la instalación)."
        ) % {"n": settings.CONTRASENA_TEMPORAL_HORAS}
