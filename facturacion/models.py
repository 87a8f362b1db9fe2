"""Invoicing: authorised numbering ranges (resoluciones), invoices and their lines."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from nucleo.idempotencia import campo_clave_idempotencia
from terceros.models import Contrato, Tercero

DINERO = {"max_digits": 14, "decimal_places": 2}
CERO = Decimal("0")


class ResolucionFacturacion(models.Model):
    """The authorised numbering range (DIAN resolution): prefix, from-to, valid dates."""

    numero = models.CharField(_("número de resolución"), max_length=30)
    fecha = models.DateField(_("fecha de la resolución"))
    prefijo = models.CharField(_("prefijo"), max_length=10)
    desde = models.PositiveIntegerField(_("desde el número"))
    hasta = models.PositiveIntegerField(_("hasta el número"))
    vigente_desde = models.DateField(_("vigente desde"))
    vigente_hasta = models.DateField(_("vigente hasta"))
    activa = models.BooleanField(_("activa"), default=True)
    # Last consecutive issued from this range; 0 while none has been issued.
    consecutivo_actual = models.PositiveIntegerField(_("último consecutivo emitido"), default=0)
    creado_en = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resolución de facturación")
        verbose_name_plural = _("resoluciones de facturación")
        ordering = ["-activa", "-vigente_desde", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(desde__gte=1) & Q(hasta__gte=F("desde")), name="resolucion_rango_valido"
            ),
            models.CheckConstraint(
                condition=Q(vigente_hasta__gte=F("vigente_desde")), name="resolucion_vigencia_valida"
            ),
            models.CheckConstraint(
                condition=Q(consecutivo_actual=0)
                | Q(consecutivo_actual__gte=F("desde")) & Q(consecutivo_actual__lte=F("hasta")),
                name="resolucion_consecutivo_en_rango",
            ),
            models.UniqueConstraint(
                fields=["activa"], condition=Q(activa=True), name="una_resolucion_activa"
            ),
        ]

    def __str__(self):
        return f"{self.numero} ({self.prefijo} {self.desde}-{self.hasta})"

    @property
    def texto(self) -> str:
        """The legal line printed on every invoice."""
        return _(
            "Resolución DIAN de facturación No. %(numero)s del %(fecha)s. Numeración autorizada "
            "del %(prefijo)s-%(desde)s al %(prefijo)s-%(hasta)s, vigente del %(vd)s al %(vh)s."
        ) % {
            "numero": self.numero,
            "fecha": date_format(self.fecha, "SHORT_DATE_FORMAT"),
            "prefijo": self.prefijo,
            "desde": self.desde,
            "hasta": self.hasta,
            "vd": date_format(self.vigente_desde, "SHORT_DATE_FORMAT"),
            "vh": date_format(self.vigente_hasta, "SHORT_DATE_FORMAT"),
        }

    @property
    def disponibles(self) -> int:
        return self.hasta - max(self.consecutivo_actual, self.desde - 1)


class TipoFactura(models.TextChoices):
    ARRENDAMIENTO = "arrendamiento", _("Arrendamiento")
    COMISION = "comision", _("Comisión")
    OTRO = "otro", _("Otro")


class EstadoFactura(models.TextChoices):
    """Stored states; 'Vencida' is derived (due and unpaid), see EstadoVisible."""

    FACTURADA = "facturada", _("Facturada")
    PAGADA = "pagada", _("Pagada")
    ANULADA = "anulada", _("Anulada")


class EstadoVisible(models.TextChoices):
    FACTURADA = "facturada", _("Facturada")
    VENCIDA = "vencida", _("Vencida")
    PAGADA = "pagada", _("Pagada")
    ANULADA = "anulada", _("Anulada")


def hoy() -> date:
    return timezone.localdate()


class FacturaQuerySet(models.QuerySet):
    def vigentes(self):
        """Not annulled."""
        return self.exclude(estado=EstadoFactura.ANULADA)

    def vencidas(self, *, a_la_fecha: date | None = None):
        return self.filter(estado=EstadoFactura.FACTURADA, fecha_vencimiento__lt=a_la_fecha or hoy())

    def pendientes(self):
        return self.filter(estado=EstadoFactura.FACTURADA)

    def con_estado_visible(self, *, a_la_fecha: date | None = None):
        return self.annotate(
            estado_calculado=Case(
                When(
                    estado=EstadoFactura.FACTURADA,
                    fecha_vencimiento__lt=a_la_fecha or hoy(),
                    then=Value(EstadoVisible.VENCIDA.value),
                ),
                default=F("estado"),
                output_field=models.CharField(),
            )
        )

    def por_estado_visible(self, estado: str, *, a_la_fecha: date | None = None):
        """Filter by what the user reads: Facturada (not yet due), Vencida, Pagada, Anulada."""
        dia = a_la_fecha or hoy()
        if estado == EstadoVisible.VENCIDA:
            return self.vencidas(a_la_fecha=dia)
        if estado == EstadoVisible.FACTURADA:
            return self.filter(estado=EstadoFactura.FACTURADA, fecha_vencimiento__gte=dia)
        return self.filter(estado=estado)


class Factura(models.Model):
    """An invoice: rent (to a tenant), commission (to an owner) or other."""

    tipo = models.CharField(_("tipo"), max_length=15, choices=TipoFactura.choices)
    numero = models.CharField(_("número"), max_length=30, unique=True)
    resolucion = models.ForeignKey(
        ResolucionFacturacion, on_delete=models.PROTECT, related_name="facturas", verbose_name=_("resolución")
    )
    consecutivo = models.PositiveIntegerField(_("consecutivo"))
    tercero = models.ForeignKey(
        Tercero, on_delete=models.PROTECT, related_name="facturas", verbose_name=_("cliente")
    )
    contrato = models.ForeignKey(
        Contrato,
        on_delete=models.PROTECT,
        related_name="facturas",
        null=True,
        blank=True,
        verbose_name=_("contrato"),
    )
    periodo = models.DateField(_("periodo"), null=True, blank=True, help_text=_("Primer día del mes."))
    descripcion = models.CharField(_("descripción"), max_length=200)
    fecha_emision = models.DateField(_("fecha de emisión"))
    fecha_vencimiento = models.DateField(_("fecha de vencimiento"))
    subtotal = models.DecimalField(_("subtotal"), **DINERO)
    iva = models.DecimalField(_("IVA"), **DINERO, default=CERO)
    total = models.DecimalField(_("total"), **DINERO)
    saldo = models.DecimalField(_("saldo"), **DINERO)
    estado = models.CharField(
        _("estado"), max_length=10, choices=EstadoFactura.choices, default=EstadoFactura.FACTURADA
    )
    motivo_anulacion = models.CharField(_("motivo de anulación"), max_length=300, blank=True)
    anulada_en = models.DateTimeField(null=True, blank=True)
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    creado_en = models.DateTimeField(auto_now_add=True)
    # Cached PDF and the fingerprint of the content it was rendered from.
    pdf = models.FileField(upload_to="facturas/%Y/%m/", blank=True)
    pdf_huella = models.CharField(max_length=64, blank=True)
    clave_idempotencia = campo_clave_idempotencia()

    objects = FacturaQuerySet.as_manager()

    class Meta:
        verbose_name = _("factura")
        verbose_name_plural = _("facturas")
        ordering = ["-fecha_emision", "-consecutivo"]
        constraints = [
            models.CheckConstraint(condition=Q(total=F("subtotal") + F("iva")), name="factura_total_suma"),
            models.CheckConstraint(
                condition=Q(subtotal__gt=0) & Q(iva__gte=0), name="factura_valores_positivos"
            ),
            models.CheckConstraint(
                condition=Q(saldo__gte=0) & Q(saldo__lte=F("total")), name="factura_saldo_entre_0_y_total"
            ),
            models.CheckConstraint(
                condition=~Q(estado="pagada") | Q(saldo=0), name="factura_pagada_sin_saldo"
            ),
            models.CheckConstraint(
                condition=~Q(estado="facturada") | Q(saldo__gt=0), name="factura_facturada_con_saldo"
            ),
            models.CheckConstraint(
                condition=~Q(estado="anulada") | ~Q(motivo_anulacion=""), name="factura_anulada_con_motivo"
            ),
            models.CheckConstraint(
                condition=Q(fecha_vencimiento__gte=F("fecha_emision")), name="factura_vence_despues"
            ),
            models.CheckConstraint(
                condition=Q(periodo__isnull=True) | Q(periodo__day=1), name="factura_periodo_primer_dia"
            ),
            models.CheckConstraint(
                condition=~Q(tipo="arrendamiento") | Q(contrato__isnull=False) & Q(periodo__isnull=False),
                name="factura_arriendo_con_contrato_y_periodo",
            ),
            models.UniqueConstraint(fields=["resolucion", "consecutivo"], name="factura_consecutivo_unico"),
            models.UniqueConstraint(
                fields=["contrato", "periodo", "tipo"],
                condition=Q(tipo="arrendamiento") & ~Q(estado="anulada"),
                name="un_arriendo_por_contrato_y_periodo",
            ),
            models.UniqueConstraint(
                fields=["contrato", "periodo", "tipo", "tercero"],
                condition=Q(tipo="comision") & ~Q(estado="anulada"),
                name="una_comision_por_propietario_y_periodo",
            ),
        ]
        indexes = [
            models.Index(fields=["tercero", "-fecha_emision"], name="factura_tercero_fecha_idx"),
            models.Index(fields=["estado", "fecha_vencimiento"], name="factura_estado_venc_idx"),
            models.Index(fields=["periodo", "tipo"], name="factura_periodo_tipo_idx"),
        ]

    def __str__(self):
        return self.numero

    @property
    def vencida(self) -> bool:
        return self.estado == EstadoFactura.FACTURADA and self.fecha_vencimiento < hoy()

    @property
    def estado_visible(self) -> str:
        calculado = getattr(self, "estado_calculado", None)
        if calculado is not None:
            return calculado
        return EstadoVisible.VENCIDA.value if self.vencida else self.estado

    @property
    def estado_visible_display(self) -> str:
        return EstadoVisible(self.estado_visible).label

    @property
    def pagado(self) -> Decimal:
        return self.total - self.saldo

    @property
    def nombre_archivo(self) -> str:
        return f"factura-{self.numero}.pdf"


class ItemFactura(models.Model):
    """One line of an invoice."""

    factura = models.ForeignKey(Factura, on_delete=models.CASCADE, related_name="items")
    descripcion = models.CharField(_("descripción"), max_length=200)
    cantidad = models.DecimalField(_("cantidad"), max_digits=10, decimal_places=2, default=Decimal("1"))
    valor_unitario = models.DecimalField(_("valor unitario"), **DINERO)
    subtotal = models.DecimalField(_("subtotal"), **DINERO)
    iva_porcentaje = models.DecimalField(_("IVA %"), max_digits=5, decimal_places=2, default=CERO)
    iva = models.DecimalField(_("IVA"), **DINERO, default=CERO)
    orden = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("ítem de factura")
        verbose_name_plural = _("ítems de factura")
        ordering = ["orden", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cantidad__gt=0) & Q(subtotal__gt=0) & Q(iva__gte=0), name="item_valores_positivos"
            ),
        ]

    def __str__(self):
        return self.descripcion

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.iva
