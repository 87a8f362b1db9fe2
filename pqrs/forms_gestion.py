"""Back-office PQRS forms: the inbox filters, Registrar PQRS, the case actions, the settings."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nucleo.campos import SELECT_PEQUENO, ModeloField
from nucleo.entrada import entero_o_none
from nucleo.idempotencia import FormularioIdempotenteMixin
from pqrs.adjuntos import AdjuntosField
from pqrs.models import Asunto, Canal, Clasificacion, EstadoPqrs
from pqrs.plazos import TipoLegal
from pqrs.selectors import contratos_del_cliente, propiedades_del_cliente
from pqrs.selectors_gestion import ASIGNADO_YO, SIN_ASIGNAR, TODAS, staff_asignables
from terceros.forms import TerceroField

# The legal subtypes staff may pick for each clasificación (the first is the default).
SUBTIPOS = {
    Clasificacion.PETICION: (
        TipoLegal.PETICION,
        TipoLegal.PETICION_DOCUMENTOS,
        TipoLegal.CONSULTA,
        TipoLegal.DATOS_CONSULTA,
    ),
    Clasificacion.QUEJA: (TipoLegal.QUEJA,),
    Clasificacion.RECLAMO: (TipoLegal.RECLAMO, TipoLegal.DATOS_RECLAMO),
    Clasificacion.SUGERENCIA: (TipoLegal.SUGERENCIA,),
}
# A request received longer ago than this is almost surely a typo in the year.
RECEPCION_MAXIMA_ANTIGUEDAD = timedelta(days=366)
TEXTO_MAXIMO = 5000


def _nombre_staff(usuario) -> str:
    return usuario.get_full_name() or usuario.get_username()


class StaffField(ModeloField):
    def label_from_instance(self, obj):
        return _nombre_staff(obj)


class FiltroBandejaForm(forms.Form):
    texto = forms.CharField(
        label=_("Buscar"),
        required=False,
        max_length=100,
        help_text=_("Radicado, nombre o documento del cliente, o palabras de la descripción."),
    )
    estado = forms.ChoiceField(
        label=_("Estado"),
        required=False,
        choices=[("", _("Abiertas")), (TODAS, _("Todas")), *EstadoPqrs.choices],
        widget=SELECT_PEQUENO,
    )
    clasificacion = forms.ChoiceField(
        label=_("Clasificación"),
        required=False,
        choices=[("", _("Todas")), *Clasificacion.choices],
        widget=SELECT_PEQUENO,
    )
    asignado = forms.ChoiceField(label=_("Asignada a"), required=False, widget=SELECT_PEQUENO)
    vence = forms.ChoiceField(
        label=_("Vencimiento"),
        required=False,
        choices=[
            ("", _("Cualquier fecha")),
            ("hoy", _("Vence hoy")),
            ("semana", _("Vence esta semana")),
            ("vencidas", _("Vencidas")),
        ],
        widget=SELECT_PEQUENO,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asignado"].choices = [
            ("", _("Cualquiera")),
            (ASIGNADO_YO, _("Asignadas a mí")),
            (SIN_ASIGNAR, _("Sin asignar")),
            *[(str(u.pk), _nombre_staff(u)) for u in staff_asignables()],
        ]

    def filtros(self) -> dict:
        """The cleaned filters, or none at all when any value is bad (the form shows why)."""
        return self.cleaned_data if self.is_valid() else {}


class ElegirTerceroForm(forms.Form):
    """Step 1 of Registrar PQRS: the client, with the tercero picker."""

    tercero = TerceroField(label=_("Cliente"))


class RegistrarPqrsForm(FormularioIdempotenteMixin, forms.Form):
    """Step 2: a request that came by phone, email or in person, with when the agency got it."""

    canal = forms.ChoiceField(
        label=_("Canal"), choices=[c for c in Canal.choices if c[0] != Canal.PORTAL], initial=Canal.TELEFONO
    )
    recibida_en = forms.DateTimeField(
        label=_("Fecha de recepción"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_(
            "Cuándo llegó la solicitud a la agencia: el término legal corre desde ese día (si no fue hábil, desde el siguiente)."
        ),
        error_messages={"invalid": _("Escriba la fecha y hora de recepción, por ejemplo 21/11/2026 09:30.")},
    )
    clasificacion = forms.ChoiceField(label=_("Clasificación"), choices=Clasificacion.choices)
    tipo_legal = forms.ChoiceField(
        label=_("Tipo legal"),
        required=False,
        choices=[("", _("Según la clasificación")), *TipoLegal.choices],
        help_text=_(
            "Elija un subtipo solo si aplica: documentos e información (10 días), consulta (30), datos personales (Ley 1581)."
        ),
    )
    asunto = forms.ChoiceField(label=_("Asunto"), choices=Asunto.choices)
    fecha_inicio = forms.DateField(
        label=_("Fecha de inicio"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Desde cuándo ocurre lo que el cliente informa. Vacía: el día de recepción."),
    )
    propiedad = ModeloField(queryset=None, label=_("Propiedad"), required=False, empty_label=_("Ninguna"))
    contrato = ModeloField(queryset=None, label=_("Contrato"), required=False, empty_label=_("Ninguno"))
    descripcion = forms.CharField(
        label=_("Descripción"), max_length=TEXTO_MAXIMO, widget=forms.Textarea(attrs={"rows": 6})
    )
    adjuntos = AdjuntosField()

    def __init__(self, *args, tercero, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["propiedad"].queryset = propiedades_del_cliente(tercero)
        self.fields["contrato"].queryset = contratos_del_cliente(tercero)
        self.fields["propiedad"].error_messages["invalid_choice"] = _(
            "Elija una propiedad de este cliente o ninguna."
        )
        self.fields["contrato"].error_messages["invalid_choice"] = _(
            "Elija un contrato de este cliente o ninguno."
        )
        if not self.is_bound:
            self.initial.setdefault("recibida_en", timezone.localtime().replace(second=0, microsecond=0))

    def clean_recibida_en(self):
        recibida = self.cleaned_data["recibida_en"]
        ahora = timezone.now()
        if recibida > ahora:
            raise forms.ValidationError(_("La fecha de recepción no puede ser futura."), code="futura")
        if recibida < ahora - RECEPCION_MAXIMA_ANTIGUEDAD:
            raise forms.ValidationError(
                _("La fecha de recepción es de hace más de un año: revise el año."), code="antigua"
            )
        return recibida

    def clean_fecha_inicio(self):
        fecha = self.cleaned_data["fecha_inicio"]
        if fecha and fecha > timezone.localdate():
            raise forms.ValidationError(_("La fecha de inicio no puede ser futura."), code="futura")
        return fecha

    def clean(self):
        datos = super().clean()
        clasificacion, tipo = datos.get("clasificacion"), datos.get("tipo_legal")
        if clasificacion and tipo and tipo not in SUBTIPOS[Clasificacion(clasificacion)]:
            self.add_error(
                "tipo_legal",
                forms.ValidationError(
                    _(
                        "Ese tipo legal no corresponde a una %(clasificacion)s; elija otro o «Según la clasificación»."
                    )
                    % {"clasificacion": Clasificacion(clasificacion).label.lower()},
                    code="subtipo",
                ),
            )
        return datos


class AsignarForm(forms.Form):
    usuario = StaffField(
        queryset=None,
        label=_("Asignar a"),
        required=False,
        empty_label=_("Nadie (quitar la asignación)"),
        widget=SELECT_PEQUENO,
        error_messages={"invalid_choice": _("Elija un usuario de la agencia de la lista.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["usuario"].queryset = staff_asignables()


def _texto(etiqueta, **kwargs):
    return forms.CharField(
        label=etiqueta, max_length=TEXTO_MAXIMO, widget=forms.Textarea(attrs={"rows": 4}), **kwargs
    )


# The case actions that add a message to the thread (and, all but the note, email the client)
# carry the idempotency key: a double click records and sends them once. Assign is idempotent by
# itself; a repeated close is refused by the state machine and creates nothing.
class ResponderForm(FormularioIdempotenteMixin, forms.Form):
    texto = _texto(
        _("Respuesta al cliente"), help_text=_("El cliente la lee en el portal y la recibe por correo.")
    )
    adjuntos = AdjuntosField()
    cerrar = forms.BooleanField(label=_("Cerrar la PQRS con esta respuesta"), required=False)


class NotaForm(FormularioIdempotenteMixin, forms.Form):
    texto = _texto(_("Nota interna"), help_text=_("Solo la ve el equipo de la agencia; el cliente no."))
    adjuntos = AdjuntosField()


class ProrrogarForm(FormularioIdempotenteMixin, forms.Form):
    motivo = _texto(
        _("Motivo de la prórroga"), help_text=_("Se le comunica al cliente junto con la nueva fecha límite.")
    )


class SolicitarInformacionForm(FormularioIdempotenteMixin, forms.Form):
    texto = _texto(
        _("Información que necesita del cliente"),
        help_text=_("El término se suspende hasta que el cliente responda (Ley 1755 de 2015, art. 17)."),
    )


class CerrarForm(forms.Form):
    texto = forms.CharField(
        label=_("Mensaje de cierre (opcional)"),
        required=False,
        max_length=TEXTO_MAXIMO,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    desistida = forms.BooleanField(required=False, widget=forms.HiddenInput)


class DiasField(forms.IntegerField):
    """Whole business days in ASCII digits ('٣' and '²' are not numbers here)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        numero = entero_o_none(value)
        if numero is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return numero


class ConfiguracionPqrsForm(forms.Form):
    sabado_habil = forms.BooleanField(
        label=_("Los sábados son días hábiles"),
        required=False,
        help_text=_("Si la agencia atiende los sábados, el término legal los cuenta como días hábiles."),
    )
    dias_sugerencia = DiasField(
        label=_("Días hábiles para responder sugerencias"),
        min_value=1,
        max_value=90,
        help_text=_("Las sugerencias no tienen término legal; este es el de la agencia (1 a 90)."),
        error_messages={
            "invalid": _("Escriba un número entero de días hábiles, de 1 a 90."),
            "required": _("Escriba cuántos días hábiles, de 1 a 90."),
            "min_value": _("Escriba de 1 a 90 días hábiles."),
            "max_value": _("Escriba de 1 a 90 días hábiles."),
        },
    )
