"""Back-office forms for invoicing; they validate, services act."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from facturacion.models import EstadoVisible, ResolucionFacturacion, TipoFactura
from facturacion.services import linea_cabe
from nucleo.campos import DecimalField, MesField
from nucleo.entrada import DineroField, decimal_o_error
from nucleo.idempotencia import FormularioIdempotenteMixin
from terceros.forms import TerceroField
from terceros.models import Contrato


class FiltroFacturasForm(forms.Form):
    buscar = forms.CharField(label=_("Número, documento o nombre"), required=False, max_length=100)
    estado = forms.ChoiceField(
        label=_("Estado"), required=False, choices=[("", _("Todos")), *EstadoVisible.choices]
    )
    tipo = forms.ChoiceField(
        label=_("Tipo"), required=False, choices=[("", _("Todos")), *TipoFactura.choices]
    )
    periodo = MesField(label=_("Periodo"), required=False)
    vencidas = forms.BooleanField(label=_("Solo vencidas"), required=False)


class ResolucionForm(forms.ModelForm):
    class Meta:
        model = ResolucionFacturacion
        fields = ["numero", "fecha", "prefijo", "desde", "hasta", "vigente_desde", "vigente_hasta"]
        widgets = {
            "fecha": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "vigente_desde": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "vigente_hasta": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_prefijo(self):
        prefijo = self.cleaned_data["prefijo"].strip().upper()
        if not prefijo.isalnum():
            raise forms.ValidationError(_("El prefijo solo lleva letras y números, por ejemplo FV."))
        return prefijo

    def clean(self):
        datos = super().clean()
        if datos.get("desde") and datos.get("hasta") and datos["hasta"] < datos["desde"]:
            self.add_error("hasta", _("Debe ser mayor o igual al número inicial."))
        if (
            datos.get("vigente_desde")
            and datos.get("vigente_hasta")
            and datos["vigente_hasta"] < datos["vigente_desde"]
        ):
            self.add_error("vigente_hasta", _("Debe ser posterior a la fecha inicial de vigencia."))
        return datos


class FacturaManualForm(FormularioIdempotenteMixin, forms.Form):
    tercero = TerceroField(label=_("Cliente"))
    tipo = forms.ChoiceField(label=_("Tipo"), choices=TipoFactura.choices, initial=TipoFactura.OTRO)
    contrato = forms.CharField(label=_("Contrato (número)"), required=False, max_length=30)
    periodo = MesField(label=_("Periodo"), required=False)
    descripcion = forms.CharField(label=_("Descripción"), max_length=200)
    fecha_emision = forms.DateField(
        label=_("Fecha de emisión"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    fecha_vencimiento = forms.DateField(
        label=_("Fecha de vencimiento"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean_contrato(self):
        numero = self.cleaned_data["contrato"].strip()
        if not numero:
            return None
        contrato = Contrato.objects.select_related("propiedad").filter(numero__iexact=numero).first()
        if contrato is None:
            raise forms.ValidationError(_("No existe un contrato con ese número."))
        return contrato

    def clean(self):
        datos = super().clean()
        if datos.get("tipo") == TipoFactura.ARRENDAMIENTO and not (
            datos.get("contrato") and datos.get("periodo")
        ):
            self.add_error("contrato", _("Una factura de arrendamiento necesita contrato y periodo."))
        if (
            datos.get("fecha_emision")
            and datos.get("fecha_vencimiento")
            and datos["fecha_vencimiento"] < datos["fecha_emision"]
        ):
            self.add_error(
                "fecha_vencimiento", _("La fecha de vencimiento no puede ser anterior a la de emisión.")
            )
        contrato, tercero = datos.get("contrato"), datos.get("tercero")
        if (
            contrato
            and tercero
            and contrato.inquilino_id != tercero.pk
            and not contrato.propiedad.participaciones.filter(tercero=tercero).exists()
        ):
            self.add_error("contrato", _("Ese contrato no es del cliente elegido."))
        return datos


class ItemForm(forms.Form):
    descripcion = forms.CharField(label=_("Descripción del ítem"), max_length=200)
    cantidad = DecimalField(
        label=_("Cantidad"), min_value=Decimal("0.01"), max_digits=10, decimal_places=2, initial=1
    )
    valor_unitario = DineroField(label=_("Valor unitario"), min_value=Decimal("1"))
    iva_porcentaje = forms.TypedChoiceField(
        label=_("IVA"),
        choices=[("0", _("Sin IVA")), ("19", "19 %"), ("5", "5 %")],
        coerce=decimal_o_error,
        initial="0",
    )

    def clean(self):
        datos = super().clean()
        cantidad, valor, iva = (datos.get(c) for c in ("cantidad", "valor_unitario", "iva_porcentaje"))
        if cantidad and valor and iva is not None and not linea_cabe(cantidad, valor, iva):
            self.add_error(
                "valor_unitario",
                _("El total del ítem (cantidad por valor, con IVA) supera el máximo de una factura."),
            )
        return datos


# absolute_max = max_num: a posted TOTAL_FORMS of 10^30 would otherwise build 1,000 forms.
ItemFormSet = forms.formset_factory(
    ItemForm, extra=3, min_num=1, validate_min=True, max_num=20, validate_max=True, absolute_max=20
)


class AnularForm(forms.Form):
    motivo = forms.CharField(
        label=_("Motivo de la anulación"),
        min_length=5,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Escriba el motivo de la anulación (al menos 5 caracteres)."),
            "min_length": _("Escriba el motivo de la anulación (al menos 5 caracteres)."),
        },
    )
