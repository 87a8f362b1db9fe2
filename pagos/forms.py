"""Back-office forms for payments and payouts; they validate, services act."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from facturacion.forms import AnularForm
from facturacion.models import CERO, EstadoFactura, Factura
from nucleo.campos import SELECT_PEQUENO, MesField, ModelosField
from nucleo.entrada import DineroField
from nucleo.formato import pesos
from nucleo.idempotencia import FormularioIdempotenteMixin
from pagos.models import EstadoEgreso, MetodoPago
from terceros.forms import TerceroField
from terceros.models import Contrato

METODOS_CAJA = [(m.value, m.label) for m in MetodoPago if m not in (MetodoPago.PASARELA, MetodoPago.CRUCE)]


class FacturasPendientesField(ModelosField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return gettext("%(numero)s · %(descripcion)s · vence %(vence)s · saldo %(saldo)s") % {
            "numero": obj.numero,
            "descripcion": obj.descripcion,
            "vence": f"{obj.fecha_vencimiento:%d/%m/%Y}",
            "saldo": pesos(obj.saldo),
        }


class ElegirClienteForm(forms.Form):
    """Step 1 of Registrar pago: the client, with the tercero picker."""

    tercero = TerceroField(label=_("Cliente"))


class PagoForm(FormularioIdempotenteMixin, forms.Form):
    facturas = FacturasPendientesField(
        queryset=Factura.objects.none(),
        label=_("Facturas a las que se aplica"),
        error_messages={"required": _("Elija al menos una factura.")},
    )
    valor = DineroField(label=_("Valor recibido"), min_value=Decimal("1"))
    metodo = forms.ChoiceField(label=_("Medio de pago"), choices=METODOS_CAJA)
    referencia = forms.CharField(
        label=_("Referencia"),
        required=False,
        max_length=80,
        help_text=_("Número de la consignación o transferencia, si la hay."),
    )
    fecha = forms.DateField(
        label=_("Fecha del pago"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    observaciones = forms.CharField(label=_("Observaciones"), required=False, max_length=300)

    def __init__(self, *args, tercero, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facturas"].queryset = Factura.objects.filter(
            tercero=tercero, estado=EstadoFactura.FACTURADA
        ).order_by("fecha_vencimiento", "consecutivo")

    def clean_fecha(self):
        fecha = self.cleaned_data["fecha"]
        if fecha > timezone.localdate():
            raise forms.ValidationError(_("La fecha del pago no puede ser futura."))
        return fecha

    def clean(self):
        datos = super().clean()
        facturas, valor = datos.get("facturas"), datos.get("valor")
        if facturas and valor:
            saldo = sum((f.saldo for f in facturas), CERO)
            if valor > saldo:
                self.add_error(
                    "valor",
                    _(
                        "El valor supera el saldo de las facturas elegidas (%(saldo)s). Elija más facturas o corrija el valor."
                    )
                    % {"saldo": pesos(saldo)},
                )
        return datos


class FiltroPagosForm(forms.Form):
    buscar = forms.CharField(
        label=_("Recibo, documento, nombre o referencia"), required=False, max_length=100
    )
    metodo = forms.ChoiceField(
        label=_("Medio de pago"),
        required=False,
        choices=[("", _("Todos")), *MetodoPago.choices],
        widget=SELECT_PEQUENO,
    )
    # Online payments whose money no invoice could take (paid at the counter meanwhile, or annulled).
    saldo_a_favor = forms.BooleanField(label=_("Solo con saldo a favor"), required=False)


class FiltroEgresosForm(forms.Form):
    buscar = forms.CharField(label=_("Contrato, documento o nombre"), required=False, max_length=100)
    estado = forms.ChoiceField(
        label=_("Estado"),
        required=False,
        choices=[("", _("Todos")), *EstadoEgreso.choices],
        widget=SELECT_PEQUENO,
    )
    periodo = MesField(label=_("Periodo"), required=False)


class LiquidarForm(FormularioIdempotenteMixin, forms.Form):
    contrato = forms.CharField(label=_("Contrato (número)"), max_length=30)
    periodo = MesField(label=_("Periodo liquidado"))
    otros_descuentos = DineroField(label=_("Otros descuentos"), min_value=CERO, initial=0, required=False)
    descripcion_descuentos = forms.CharField(
        label=_("Detalle de los descuentos"),
        max_length=200,
        required=False,
        help_text=_("Ej.: reparación, administración, servicios."),
    )

    def clean_contrato(self):
        contrato = Contrato.objects.filter(numero__iexact=self.cleaned_data["contrato"].strip()).first()
        if contrato is None:
            raise forms.ValidationError(_("No existe un contrato con ese número."))
        return contrato

    def clean(self):
        datos = super().clean()
        if datos.get("otros_descuentos") and not datos.get("descripcion_descuentos"):
            self.add_error("descripcion_descuentos", _("Explique a qué corresponden los descuentos."))
        return datos


class ConfirmarEgresoForm(forms.Form):
    fecha_pago = forms.DateField(
        label=_("Fecha de pago"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    metodo = forms.ChoiceField(
        label=_("Medio de pago"), choices=METODOS_CAJA, initial=MetodoPago.TRANSFERENCIA
    )
    referencia = forms.CharField(label=_("Referencia"), required=False, max_length=80)


class AnularDineroForm(AnularForm):
    """Reversing a receipt or annulling a payout: the invoice's reason plus an explicit confirmation."""

    confirmar = forms.BooleanField(
        label=_("Confirmo la anulación; no se puede deshacer."),
        error_messages={"required": _("Marque la casilla para confirmar la anulación.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["motivo"].help_text = _(
            "Queda en la auditoría y en el documento anulado, que el cliente puede ver."
        )
