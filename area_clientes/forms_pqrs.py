"""Portal PQRS forms: 'Crear una PQRS' (the seed's fields), the client's reply, habeas-data requests."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nucleo.campos import ModeloField
from nucleo.idempotencia import FormularioIdempotenteMixin
from pqrs.adjuntos import AdjuntosField
from pqrs.models import Asunto, Clasificacion
from pqrs.selectors import contratos_del_cliente, propiedades_del_cliente
from terceros.models import Tercero

LARGO_TEXTO = 5000


class _PropiedadField(ModeloField):
    def label_from_instance(self, obj):
        return f"{obj.codigo} — {obj.direccion}, {obj.ciudad}"


class _ContratoField(ModeloField):
    def label_from_instance(self, obj):
        return f"{obj.numero} — {obj.propiedad.direccion}"


def _texto(label, ayuda=""):
    return forms.CharField(
        label=label,
        max_length=LARGO_TEXTO,
        strip=True,
        help_text=ayuda,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": LARGO_TEXTO}),
        error_messages={"required": _("Escriba el texto de su solicitud.")},
    )


class PqrsForm(FormularioIdempotenteMixin, forms.Form):
    """'Crear una PQRS': Clasificación, Asunto, Fecha de inicio, Descripción, Propiedad, Contrato."""

    clasificacion = forms.ChoiceField(
        label=_("Clasificación"),
        choices=[("", _("Seleccione…")), *Clasificacion.choices],
        error_messages={
            "required": _("Elija la clasificación."),
            "invalid_choice": _("Elija una clasificación de la lista."),
        },
    )
    asunto = forms.ChoiceField(
        label=_("Asunto"),
        choices=[("", _("Seleccione…")), *Asunto.choices],
        error_messages={
            "required": _("Elija el asunto."),
            "invalid_choice": _("Elija un asunto de la lista."),
        },
    )
    fecha_inicio = forms.DateField(
        label=_("Fecha de inicio"),
        help_text=_("Desde cuándo ocurre lo que nos cuenta."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={
            "required": _("Escriba la fecha de inicio."),
            "invalid": _("Escriba la fecha como DD/MM/AAAA."),
        },
    )
    descripcion = _texto(_("Descripción"), _("Cuéntenos con detalle su solicitud."))
    propiedad = _PropiedadField(
        label=_("Propiedad"),
        queryset=None,
        required=False,
        empty_label=_("Ninguna"),
        error_messages={"invalid_choice": _("Elija una de sus propiedades de la lista.")},
    )
    contrato = _ContratoField(
        label=_("Contrato"),
        queryset=None,
        required=False,
        empty_label=_("Ninguno"),
        error_messages={"invalid_choice": _("Elija uno de sus contratos de la lista.")},
    )
    adjuntos = AdjuntosField()

    def __init__(self, *args, tercero: Tercero, **kwargs):
        kwargs.setdefault("initial", {"fecha_inicio": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["propiedad"].queryset = propiedades_del_cliente(tercero)
        self.fields["contrato"].queryset = contratos_del_cliente(tercero)

    def clean_fecha_inicio(self):
        fecha = self.cleaned_data["fecha_inicio"]
        if fecha > timezone.localdate():
            raise forms.ValidationError(_("La fecha de inicio no puede ser futura."), code="futura")
        if fecha < date(2000, 1, 1):
            raise forms.ValidationError(_("Revise el año de la fecha de inicio."), code="antigua")
        return fecha

    def clean(self):
        datos = super().clean()
        propiedad, contrato = datos.get("propiedad"), datos.get("contrato")
        if propiedad and contrato and contrato.propiedad_id != propiedad.pk:
            self.add_error("contrato", _("Ese contrato no es de la propiedad elegida."))
        return datos


class RespuestaClienteForm(FormularioIdempotenteMixin, forms.Form):
    """The client's message in the thread (an answer to a request for information, or more detail)."""

    texto = _texto(_("Su mensaje"))
    adjuntos = AdjuntosField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["texto"].error_messages["required"] = _("Escriba su mensaje.")


class SolicitudDatos:
    """What a habeas-data request asks for; each becomes a PQRS of the right legal type."""

    CONSULTA = "consulta"
    RECTIFICACION = "rectificacion"
    ACTUALIZACION = "actualizacion"
    SUPRESION = "supresion"
    REVOCATORIA = "revocatoria"

    choices = [
        (CONSULTA, _("Consultar qué datos míos tiene la agencia y cómo los usa")),
        (RECTIFICACION, _("Rectificar (corregir) un dato")),
        (ACTUALIZACION, _("Actualizar mis datos")),
        (SUPRESION, _("Suprimir (borrar) mis datos")),
        (REVOCATORIA, _("Revocar la autorización de tratamiento de datos")),
    ]


class SolicitudDatosForm(FormularioIdempotenteMixin, forms.Form):
    tipo = forms.ChoiceField(
        label=_("¿Qué desea solicitar?"),
        choices=SolicitudDatos.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Elija qué desea solicitar."),
            "invalid_choice": _("Elija una opción de la lista."),
        },
    )
    detalle = _texto(_("Detalle de su solicitud"), _("Qué dato, cuál es el correcto, o por qué lo solicita."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["detalle"].error_messages["required"] = _("Describa su solicitud.")
        self.fields["detalle"].widget.attrs["rows"] = 4
