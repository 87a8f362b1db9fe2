"""Money in (Pago, a recibo de caja, applied to invoices) and out (Egreso, a payout to an owner)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from facturacion.models import DINERO, Factura
from nucleo.idempotencia import campo_clave_idempotencia
from terceros.models import Contrato, Propiedad, Tercero


class MetodoPago(models.TextChoices):
    EFECTIVO = "efectivo", _("Efectivo")
    TRANSFERENCIA = "transferencia", _("Transferencia")
    CONSIGNACION = "consignacion", _("Consignación")
    TARJETA = "tarjeta", _("Tarjeta")
    PASARELA = "pasarela", _("Pasarela de pagos")
    # Paid by the client through the portal's online gateway (PayU, Wompi, the simulated one).
    EN_LINEA = "en_linea", _("Pago en línea")
    # A commission invoice settled by discounting it from the owner's payout.
    CRUCE = "cruce", _("Cruce con liquidación")


class EstadoPago(models.TextChoices):
    VIGENTE = "vigente", _("Vigente")
    # Reversed by staff: its amounts went back to the invoices' balances; the number stays used.
    ANULADO = "anulado", _("Anulado")


class Pago(models.Model):
    """Money received: a recibo de caja, applied to one or more invoices."""

    numero = models.PositiveIntegerField(_("recibo de caja No."), unique=True)
    tercero = models.ForeignKey(Tercero, on_delete=models.PROTECT, related_name="pagos")
    fecha = models.DateField(_("fecha"))
    valor = models.DecimalField(_("valor"), **DINERO)
    metodo = models.CharField(_("medio de pago"), max_length=15, choices=MetodoPago.choices)
    referencia = models.CharField(_("referencia"), max_length=80, blank=True)
    observaciones = models.CharField(_("observaciones"), max_length=300, blank=True)
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    creado_en = models.DateTimeField(auto_now_add=True)
    facturas = models.ManyToManyField(Factura, through="AplicacionPago", related_name="pagos")
    pdf = models.FileField(upload_to="recibos/%Y/%m/", blank=True)
    pdf_huella = models.CharField(max_length=64, blank=True)
    estado = models.CharField(
        _("estado"), max_length=10, choices=EstadoPago.choices, default=EstadoPago.VIGENTE
    )
    motivo_anulacion = models.CharField(_("motivo de anulación"), max_length=300, blank=True)
    anulado_en = models.DateTimeField(null=True, blank=True)
    anulado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    clave_idempotencia = campo_clave_idempotencia()
    # The part of an online payment no invoice could take (paid at the counter meanwhile or annulled).
    saldo_a_favor = models.DecimalField(_("saldo a favor"), **DINERO, default=Decimal("0"))

    class Meta:
        verbose_name = _("pago")
        verbose_name_plural = _("pagos")
        ordering = ["-fecha", "-numero"]
        constraints = [
            models.CheckConstraint(condition=Q(valor__gt=0), name="pago_valor_positivo"),
            models.CheckConstraint(
                condition=~Q(estado="anulado") | ~Q(motivo_anulacion="") & Q(anulado_en__isnull=False),
                name="pago_anulado_con_motivo",
            ),
        ]
        indexes = [models.Index(fields=["tercero", "-fecha"], name="pago_tercero_fecha_idx")]

    def __str__(self):
        return self.codigo

    @property
    def codigo(self) -> str:
        return f"RC-{self.numero}"

    @property
    def anulado(self) -> bool:
        return self.estado == EstadoPago.ANULADO

    @property
    def nombre_archivo(self) -> str:
        return f"recibo-{self.codigo}.pdf"


class AplicacionPago(models.Model):
    """The part of a payment applied to one invoice."""

    pago = models.ForeignKey(Pago, on_delete=models.PROTECT, related_name="aplicaciones")
    factura = models.ForeignKey(Factura, on_delete=models.PROTECT, related_name="aplicaciones")
    valor = models.DecimalField(_("valor aplicado"), **DINERO)

    class Meta:
        verbose_name = _("aplicación de pago")
        verbose_name_plural = _("aplicaciones de pago")
        constraints = [
            models.CheckConstraint(condition=Q(valor__gt=0), name="aplicacion_valor_positivo"),
            models.UniqueConstraint(fields=["pago", "factura"], name="aplicacion_unica_por_factura"),
        ]

    def __str__(self):
        return f"{self.pago} → {self.factura}: {self.valor}"


class EstadoEgreso(models.TextChoices):
    BORRADOR = "borrador", _("Borrador")
    CONFIRMADO = "confirmado", _("Confirmado")
    # Withdrawn with a reason; its commission invoice is annulled and the month can be settled again.
    ANULADO = "anulado", _("Anulado")


class Egreso(models.Model):
    """A payout to an owner for a period: rent collected minus commission, IVA and deductions."""

    numero = models.PositiveIntegerField(_("comprobante de egreso No."), unique=True, null=True, blank=True)
    propietario = models.ForeignKey(Tercero, on_delete=models.PROTECT, related_name="egresos")
    contrato = models.ForeignKey(Contrato, on_delete=models.PROTECT, related_name="egresos")
    propiedad = models.ForeignKey(Propiedad, on_delete=models.PROTECT, related_name="egresos")
    periodo = models.DateField(_("periodo"))
    canon_recaudado = models.DecimalField(_("canon recaudado"), **DINERO)
    comision_porcentaje = models.DecimalField(_("comisión %"), max_digits=5, decimal_places=2)
    comision = models.DecimalField(_("comisión"), **DINERO)
    iva_comision = models.DecimalField(_("IVA de la comisión"), **DINERO)
    otros_descuentos = models.DecimalField(_("otros descuentos"), **DINERO, default=Decimal("0"))
    descripcion_descuentos = models.CharField(_("detalle de los descuentos"), max_length=200, blank=True)
    neto = models.DecimalField(_("neto a pagar"), **DINERO)
    factura_comision = models.ForeignKey(
        Factura, on_delete=models.PROTECT, null=True, blank=True, related_name="egresos_comision"
    )
    estado = models.CharField(
        _("estado"), max_length=10, choices=EstadoEgreso.choices, default=EstadoEgreso.BORRADOR
    )
    fecha_pago = models.DateField(_("fecha de pago"), null=True, blank=True)
    metodo = models.CharField(_("medio de pago"), max_length=15, choices=MetodoPago.choices, blank=True)
    referencia = models.CharField(_("referencia"), max_length=80, blank=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmado_en = models.DateTimeField(null=True, blank=True)
    creado_en = models.DateTimeField(auto_now_add=True)
    pdf = models.FileField(upload_to="egresos/%Y/%m/", blank=True)
    pdf_huella = models.CharField(max_length=64, blank=True)
    motivo_anulacion = models.CharField(_("motivo de anulación"), max_length=300, blank=True)
    anulado_en = models.DateTimeField(null=True, blank=True)
    anulado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # One settlement form can create a payout per owner: the key is unique per owner.
    clave_idempotencia = campo_clave_idempotencia(unique=False)

    class Meta:
        verbose_name = _("egreso")
        verbose_name_plural = _("egresos")
        ordering = ["-periodo", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    neto=F("canon_recaudado") - F("comision") - F("iva_comision") - F("otros_descuentos")
                ),
                name="egreso_neto_cuadra",
            ),
            models.CheckConstraint(
                condition=Q(canon_recaudado__gt=0)
                & Q(comision__gte=0)
                & Q(iva_comision__gte=0)
                & Q(otros_descuentos__gte=0)
                & Q(neto__gte=0),
                name="egreso_valores_validos",
            ),
            models.CheckConstraint(
                condition=~Q(estado="confirmado") | Q(numero__isnull=False) & Q(fecha_pago__isnull=False),
                name="egreso_confirmado_con_numero_y_fecha",
            ),
            models.CheckConstraint(
                condition=~Q(estado="anulado") | ~Q(motivo_anulacion="") & Q(anulado_en__isnull=False),
                name="egreso_anulado_con_motivo",
            ),
            models.CheckConstraint(condition=Q(periodo__day=1), name="egreso_periodo_primer_dia"),
            models.UniqueConstraint(
                fields=["contrato", "periodo", "propietario"],
                condition=~Q(estado="anulado"),
                name="un_egreso_por_propietario_y_periodo",
            ),
            models.UniqueConstraint(
                fields=["clave_idempotencia", "propietario"], name="egreso_clave_idempotencia_unica"
            ),
        ]
        indexes = [models.Index(fields=["propietario", "estado", "-periodo"], name="egreso_propietario_idx")]

    def __str__(self):
        return self.codigo

    @property
    def codigo(self) -> str:
        return f"CE-{self.numero}" if self.numero else f"Borrador {self.pk}"

    @property
    def anulado(self) -> bool:
        return self.estado == EstadoEgreso.ANULADO

    @property
    def nombre_archivo(self) -> str:
        return f"comprobante-egreso-{self.codigo}.pdf"

    @property
    def descuentos_total(self) -> Decimal:
        return self.comision + self.iva_comision + self.otros_descuentos


class Pasarela(models.TextChoices):
    PAYU = "payu", _("PayU")
    WOMPI = "wompi", _("Wompi")
    SIMULADA = "simulada", _("Pasarela simulada")


class EstadoTransaccion(models.TextChoices):
    PENDIENTE = "pendiente", _("Pendiente")
    # Terminal: a late decline, an expiry or an API error never downgrades it.
    APROBADA = "aprobada", _("Aprobada")
    RECHAZADA = "rechazada", _("Rechazada")
    EXPIRADA = "expirada", _("Expirada")
    ERROR = "error", _("Error")


class TransaccionPasarela(models.Model):
    """One attempt to pay invoices online: a fresh reference, amount and currency fixed at creation."""

    tercero = models.ForeignKey(Tercero, on_delete=models.PROTECT, related_name="transacciones_pasarela")
    pasarela = models.CharField(_("pasarela"), max_length=10, choices=Pasarela.choices)
    referencia = models.CharField(_("referencia"), max_length=60, unique=True)
    valor = models.DecimalField(_("valor"), **DINERO)
    moneda = models.CharField(_("moneda"), max_length=3, default="COP")
    estado = models.CharField(
        _("estado"), max_length=10, choices=EstadoTransaccion.choices, default=EstadoTransaccion.PENDIENTE
    )
    facturas = models.ManyToManyField(
        Factura, through="TransaccionFactura", related_name="transacciones_pasarela"
    )
    id_externo = models.CharField(_("id de la pasarela"), max_length=80, blank=True)
    medio = models.CharField(_("medio"), max_length=40, blank=True)
    motivo = models.CharField(_("motivo"), max_length=300, blank=True)
    creada_en = models.DateTimeField(_("creada"), default=timezone.now)
    actualizada_en = models.DateTimeField(_("actualizada"), auto_now=True)
    ultima_consulta_en = models.DateTimeField(_("última consulta"), null=True, blank=True)
    proxima_consulta_en = models.DateTimeField(_("próxima consulta"), null=True, blank=True)
    pago = models.ForeignKey(
        Pago, on_delete=models.PROTECT, null=True, blank=True, related_name="transacciones_pasarela"
    )
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("transacción en línea")
        verbose_name_plural = _("transacciones en línea")
        ordering = ["-creada_en", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(valor__gt=0), name="transaccion_valor_positivo"),
            models.CheckConstraint(
                condition=~Q(estado="aprobada") | Q(pago__isnull=False), name="transaccion_aprobada_con_pago"
            ),
            models.UniqueConstraint(fields=["pago"], name="transaccion_pago_unico"),
        ]
        indexes = [
            models.Index(fields=["estado", "proxima_consulta_en"], name="transaccion_conciliar_idx"),
            models.Index(fields=["tercero", "-creada_en"], name="transaccion_tercero_idx"),
        ]

    def __str__(self):
        return self.referencia

    @property
    def esta_pendiente(self) -> bool:
        return self.estado == EstadoTransaccion.PENDIENTE

    @property
    def aprobada(self) -> bool:
        return self.estado == EstadoTransaccion.APROBADA


class TransaccionFactura(models.Model):
    """An invoice an online attempt pays, with the amount meant for it (its balance at creation)."""

    transaccion = models.ForeignKey(TransaccionPasarela, on_delete=models.CASCADE, related_name="items")
    factura = models.ForeignKey(Factura, on_delete=models.PROTECT, related_name="items_pasarela")
    valor = models.DecimalField(_("valor"), **DINERO)

    class Meta:
        verbose_name = _("factura de la transacción")
        verbose_name_plural = _("facturas de la transacción")
        constraints = [
            models.CheckConstraint(condition=Q(valor__gt=0), name="transaccion_factura_valor_positivo"),
            models.UniqueConstraint(fields=["transaccion", "factura"], name="transaccion_factura_unica"),
        ]

    def __str__(self):
        return f"{self.transaccion} → {self.factura}: {self.valor}"


class OrigenEvento(models.TextChoices):
    CONFIRMACION = "confirmacion", _("Confirmación")
    # "Consulta" alone is the PQRS kind (a consultation): this one is a query to the gateway's API.
    CONSULTA = "consulta", pgettext_lazy("evento de pasarela", "Consulta")
    RETORNO = "retorno", _("Retorno")


class ResultadoEvento(models.TextChoices):
    APLICADO = "aplicado", _("Aplicado")
    DUPLICADO = "duplicado", _("Duplicado")
    RECHAZADO = "rechazado", _("Rechazado")
    IGNORADO = "ignorado", _("Ignorado")
    ERROR = "error", _("Error")


class EventoPasarela(models.Model):
    """What a gateway sent or answered, stored raw BEFORE it is processed, then its outcome."""

    transaccion = models.ForeignKey(
        TransaccionPasarela, on_delete=models.PROTECT, null=True, blank=True, related_name="eventos"
    )
    pasarela = models.CharField(_("pasarela"), max_length=10, choices=Pasarela.choices)
    origen = models.CharField(_("origen"), max_length=15, choices=OrigenEvento.choices)
    recibido_en = models.DateTimeField(_("recibido"), default=timezone.now)
    ip = models.GenericIPAddressField(_("IP"), null=True, blank=True)
    encabezados = models.JSONField(_("encabezados"), default=dict, blank=True)
    cuerpo = models.TextField(_("cuerpo"), blank=True)
    firma_valida = models.BooleanField(_("firma válida"), null=True, blank=True)
    resultado = models.CharField(_("resultado"), max_length=10, choices=ResultadoEvento.choices, blank=True)
    detalle = models.TextField(_("detalle"), blank=True)

    class Meta:
        verbose_name = _("evento de pasarela")
        verbose_name_plural = _("eventos de pasarela")
        ordering = ["-recibido_en", "-pk"]
        indexes = [
            models.Index(fields=["transaccion", "-recibido_en"], name="evento_transaccion_idx"),
            # The reconciliation's sweep of messages left without outcome: a few rows, never the table.
            models.Index(fields=["recibido_en"], name="evento_sin_resultado_idx", condition=Q(resultado="")),
        ]

    def __str__(self):
        return f"{self.pasarela} {self.origen} {self.recibido_en:%Y-%m-%d %H:%M}"
