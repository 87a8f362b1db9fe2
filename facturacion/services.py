"""Operations that change invoicing state: resolutions, issuing, annulling, monthly rent."""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from facturacion.extensiones import motivo_no_anulable
from facturacion.models import (
    CERO,
    DINERO,
    EstadoFactura,
    Factura,
    ItemFactura,
    ResolucionFacturacion,
    TipoFactura,
)
from nucleo.auditoria import Accion, actor_o_none, auditoria_registrar
from nucleo.bloqueo import bloqueo_exclusivo
from nucleo.errores import OperacionRechazada, Rechazo, motivo
from nucleo.formato import pesos
from nucleo.idempotencia import idempotencia_verificar
from terceros.models import Contrato, EstadoContrato, Tercero, Usuario

IVA_GENERAL = Decimal("19")
# The largest amount a money column holds: 999.999.999.999,99 for DECIMAL(14, 2).
TOPE_DINERO = Decimal(10) ** (DINERO["max_digits"] - DINERO["decimal_places"]) - Decimal("0.01")
MESES = [
    "",
    gettext_lazy("enero"),
    gettext_lazy("febrero"),
    gettext_lazy("marzo"),
    gettext_lazy("abril"),
    gettext_lazy("mayo"),
    gettext_lazy("junio"),
    gettext_lazy("julio"),
    gettext_lazy("agosto"),
    gettext_lazy("septiembre"),
    gettext_lazy("octubre"),
    gettext_lazy("noviembre"),
    gettext_lazy("diciembre"),
]


class FacturacionError(OperacionRechazada):
    """A refused invoicing operation, with a message the user can act on."""


@dataclass(frozen=True)
class LineaFactura:
    descripcion: str
    valor_unitario: Decimal
    cantidad: Decimal = Decimal("1")
    iva_porcentaje: Decimal = CERO


def redondear_pesos(valor: Decimal) -> Decimal:
    """COP amounts are whole pesos."""
    return Decimal(valor).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def _valores_linea(
    cantidad: Decimal, valor_unitario: Decimal, iva_porcentaje: Decimal
) -> tuple[Decimal, Decimal]:
    subtotal = redondear_pesos(cantidad * valor_unitario)
    return subtotal, redondear_pesos(subtotal * iva_porcentaje / 100)


def _cabe(valor: Decimal) -> bool:
    """Whether an amount fits the invoice's money columns (all sized alike, DINERO)."""
    return abs(valor) <= TOPE_DINERO


def linea_cabe(cantidad: Decimal, valor_unitario: Decimal, iva_porcentaje: Decimal) -> bool:
    """Whether one line's subtotal plus VAT fits the invoice's money columns."""
    return _cabe(sum(_valores_linea(cantidad, valor_unitario, iva_porcentaje)))


def nombre_periodo(periodo: date) -> str:
    return f"{MESES[periodo.month]} {periodo.year}"


def primer_dia(fecha: date) -> date:
    return fecha.replace(day=1)


def fecha_en_periodo(periodo: date, dia: int) -> date:
    return periodo.replace(day=min(dia, monthrange(periodo.year, periodo.month)[1]))


@transaction.atomic
def resolucion_crear(
    *,
    numero: str,
    fecha: date,
    prefijo: str,
    desde: int,
    hasta: int,
    vigente_desde: date,
    vigente_hasta: date,
    actor: Usuario | None = None,
) -> ResolucionFacturacion:
    """Register a new resolution; it becomes the active one (the previous is deactivated)."""
    if hasta < desde:
        raise FacturacionError(_("El número final del rango debe ser mayor o igual al inicial."))
    if vigente_hasta < vigente_desde:
        raise FacturacionError(_("La fecha final de vigencia debe ser posterior a la inicial."))
    prefijo = prefijo.strip().upper()
    # Same prefix and overlapping ranges would hand out an invoice number twice. Two registrations
    # at once would each pass the check below before the other commits: one at a time.
    bloqueo_exclusivo("facturacion.resolucion_crear")
    choque = ResolucionFacturacion.objects.filter(prefijo=prefijo, desde__lte=hasta, hasta__gte=desde).first()
    if choque is not None:
        raise FacturacionError(
            _(
                "El rango %(prefijo)s %(desde)s a %(hasta)s se cruza con la resolución %(numero)s (%(d2)s a %(h2)s)."
            )
            % {
                "prefijo": prefijo,
                "desde": desde,
                "hasta": hasta,
                "numero": choque.numero,
                "d2": choque.desde,
                "h2": choque.hasta,
            }
        )
    anteriores = list(ResolucionFacturacion.objects.select_for_update().filter(activa=True))
    for anterior in anteriores:
        anterior.activa = False
        anterior.save(update_fields=["activa"])
    resolucion = ResolucionFacturacion.objects.create(
        numero=numero,
        fecha=fecha,
        prefijo=prefijo,
        desde=desde,
        hasta=hasta,
        vigente_desde=vigente_desde,
        vigente_hasta=vigente_hasta,
        activa=True,
    )
    auditoria_registrar(
        actor=actor,
        accion=Accion.RESOLUCION_CREAR,
        mensaje=gettext_noop("Resolución %(numero)s (%(prefijo)s %(desde)s-%(hasta)s)"),
        parametros={"numero": numero, "prefijo": resolucion.prefijo, "desde": desde, "hasta": hasta},
        objeto=resolucion,
    )
    return resolucion


def _siguiente_numero(*, fecha_emision: date) -> tuple[ResolucionFacturacion, int]:
    """Allocate the next consecutive under a row lock on the active resolution (gap-free)."""
    resolucion = ResolucionFacturacion.objects.select_for_update().filter(activa=True).first()
    if resolucion is None:
        raise FacturacionError(
            _("No hay una resolución de facturación activa. Regístrela en Configuraciones → Facturación.")
        )
    if not (resolucion.vigente_desde <= fecha_emision <= resolucion.vigente_hasta):
        raise FacturacionError(
            _(
                "La resolución %(numero)s no está vigente el %(fecha)s (vigente del %(desde)s al %(hasta)s). "
                "Registre una nueva resolución."
            )
            % {
                "numero": resolucion.numero,
                "fecha": fecha_emision.strftime("%d/%m/%Y"),
                "desde": resolucion.vigente_desde.strftime("%d/%m/%Y"),
                "hasta": resolucion.vigente_hasta.strftime("%d/%m/%Y"),
            }
        )
    siguiente = max(resolucion.consecutivo_actual + 1, resolucion.desde)
    if siguiente > resolucion.hasta:
        raise FacturacionError(
            _(
                "Se agotó la numeración de la resolución %(numero)s (hasta %(prefijo)s-%(hasta)s). "
                "Registre una nueva resolución."
            )
            % {"numero": resolucion.numero, "prefijo": resolucion.prefijo, "hasta": resolucion.hasta}
        )
    resolucion.consecutivo_actual = siguiente
    resolucion.save(update_fields=["consecutivo_actual"])
    return resolucion, siguiente


@transaction.atomic
def factura_emitir(
    *,
    tercero: Tercero,
    tipo: str,
    lineas: list[LineaFactura],
    descripcion: str,
    fecha_vencimiento: date,
    fecha_emision: date | None = None,
    contrato: Contrato | None = None,
    periodo: date | None = None,
    actor: Usuario | None = None,
    clave_idempotencia: UUID | None = None,
) -> Factura:
    """Issue an invoice with the next number of the active resolution.

    A staff form passes its idempotency key: a repeat of it raises `YaRegistrado` with the invoice.
    """
    idempotencia_verificar(Factura, clave=clave_idempotencia)
    fecha_emision = fecha_emision or timezone.localdate()
    if not lineas:
        raise FacturacionError(_("La factura necesita al menos un ítem."))
    if fecha_vencimiento < fecha_emision:
        raise FacturacionError(_("La fecha de vencimiento no puede ser anterior a la de emisión."))
    items = []
    for orden, linea in enumerate(lineas):
        if linea.cantidad <= 0 or linea.valor_unitario <= 0:
            raise FacturacionError(_("Cada ítem necesita cantidad y valor mayores que cero."))
        subtotal, iva = _valores_linea(linea.cantidad, linea.valor_unitario, linea.iva_porcentaje)
        items.append(
            ItemFactura(
                descripcion=linea.descripcion,
                cantidad=linea.cantidad,
                valor_unitario=linea.valor_unitario,
                subtotal=subtotal,
                iva_porcentaje=linea.iva_porcentaje,
                iva=iva,
                orden=orden,
            )
        )
    subtotal = sum((i.subtotal for i in items), CERO)
    iva = sum((i.iva for i in items), CERO)
    if not _cabe(subtotal + iva):
        raise FacturacionError(
            _("El total de la factura supera %(maximo)s: divídala en varias facturas.")
            % {"maximo": pesos(TOPE_DINERO)}
        )
    resolucion, consecutivo = _siguiente_numero(fecha_emision=fecha_emision)
    factura = Factura.objects.create(
        tipo=tipo,
        numero=f"{resolucion.prefijo}-{consecutivo}",
        resolucion=resolucion,
        consecutivo=consecutivo,
        tercero=tercero,
        contrato=contrato,
        periodo=primer_dia(periodo) if periodo else None,
        descripcion=descripcion[:200],
        fecha_emision=fecha_emision,
        fecha_vencimiento=fecha_vencimiento,
        subtotal=subtotal,
        iva=iva,
        total=subtotal + iva,
        saldo=subtotal + iva,
        estado=EstadoFactura.FACTURADA,
        creada_por=actor_o_none(actor),
        clave_idempotencia=clave_idempotencia,
    )
    for item in items:
        item.factura = factura
    ItemFactura.objects.bulk_create(items)
    auditoria_registrar(
        actor=actor,
        accion=Accion.FACTURA_EMITIR,
        mensaje=gettext_noop("Factura %(numero)s a %(documento)s por %(total)s"),
        parametros={"numero": factura.numero, "documento": tercero.numero_documento, "total": factura.total},
        objeto=factura,
    )
    return factura


@transaction.atomic
def factura_arriendo_emitir(
    *, contrato: Contrato, periodo: date, fecha_emision: date | None = None, actor: Usuario | None = None
) -> tuple[Factura, bool]:
    """The contract's rent invoice for the period; returns (invoice, created). Idempotent."""
    periodo = primer_dia(periodo)
    # Lock the contract so two concurrent runs cannot both pass the existence check.
    contrato = (
        Contrato.objects.select_for_update(of=("self",))
        .select_related("propiedad", "inquilino")
        .get(pk=contrato.pk)
    )
    existente = (
        Factura.objects.vigentes()
        .filter(contrato=contrato, periodo=periodo, tipo=TipoFactura.ARRENDAMIENTO)
        .first()
    )
    if existente is not None:
        return existente, False
    # Dated the first of the month (or today, when issued ahead for a future month).
    fecha_emision = fecha_emision or min(timezone.localdate(), periodo)
    vencimiento = fecha_en_periodo(periodo, contrato.dia_vencimiento)
    descripcion = _("Canon de arrendamiento %(periodo)s — %(direccion)s") % {
        "periodo": nombre_periodo(periodo),
        "direccion": contrato.propiedad.direccion,
    }
    factura = factura_emitir(
        tercero=contrato.inquilino,
        tipo=TipoFactura.ARRENDAMIENTO,
        lineas=[LineaFactura(descripcion=descripcion, valor_unitario=contrato.canon)],
        descripcion=descripcion,
        fecha_emision=fecha_emision,
        fecha_vencimiento=vencimiento,
        contrato=contrato,
        periodo=periodo,
        actor=actor,
    )
    return factura, True


def arriendos_facturar(*, periodo: date, actor: Usuario | None = None) -> dict[str, Any]:
    """Rent invoices for every active contract covering the period; one transaction per contract.

    A refused contract (e.g. the numbering range ran out) is collected in `rechazos` and the run
    goes on, so the caller can report every failure at the end.
    """
    periodo = primer_dia(periodo)
    ultimo_dia = fecha_en_periodo(periodo, 31)
    contratos = Contrato.objects.filter(
        estado=EstadoContrato.ACTIVO, fecha_inicio__lte=ultimo_dia, fecha_fin__gt=periodo
    ).order_by("pk")
    creadas = existentes = 0
    rechazos: list[Rechazo] = []
    for contrato in contratos.iterator():
        try:
            _factura, creada = factura_arriendo_emitir(contrato=contrato, periodo=periodo, actor=actor)
        except OperacionRechazada as exc:
            rechazos.append(Rechazo(objeto=contrato.numero, periodo=periodo, motivo=motivo(exc)))
            continue
        if creada:
            creadas += 1
        else:
            existentes += 1
    return {"creadas": creadas, "existentes": existentes, "rechazos": rechazos}


@transaction.atomic
def factura_anular(*, factura: Factura, motivo: str, actor: Usuario | None) -> Factura:
    """Annul an unpaid invoice with a reason; its number stays used (no gaps)."""
    motivo = (motivo or "").strip()
    if len(motivo) < 5:
        raise FacturacionError(_("Escriba el motivo de la anulación (al menos 5 caracteres)."))
    factura = Factura.objects.select_for_update().get(pk=factura.pk)
    if factura.estado == EstadoFactura.ANULADA:
        raise FacturacionError(_("La factura ya está anulada."))
    if factura.saldo != factura.total:
        raise FacturacionError(
            _("La factura tiene pagos aplicados; no se puede anular. Reverse primero los pagos.")
        )
    if motivo_bloqueo := motivo_no_anulable(factura):
        raise FacturacionError(motivo_bloqueo)
    estado_antes = factura.estado
    factura.estado = EstadoFactura.ANULADA
    factura.motivo_anulacion = motivo[:300]
    factura.anulada_en = timezone.now()
    factura.save(update_fields=["estado", "motivo_anulacion", "anulada_en"])
    auditoria_registrar(
        actor=actor,
        accion=Accion.FACTURA_ANULAR,
        mensaje=gettext_noop("Factura %(numero)s anulada: %(motivo)s"),
        parametros={"numero": factura.numero, "motivo": motivo},
        cambios={"estado": [estado_antes, factura.estado]},
        objeto=factura,
    )
    return factura


def factura_abonar(*, factura: Factura, valor: Decimal) -> Factura:
    """Reduce the balance of a locked invoice; marks it Pagada at zero. Called by the payments services only."""
    if factura.estado != EstadoFactura.FACTURADA:
        raise FacturacionError(
            _("La factura %(numero)s no está pendiente de pago.") % {"numero": factura.numero}
        )
    if valor <= 0 or valor > factura.saldo:
        raise FacturacionError(
            _("El valor aplicado a %(numero)s debe estar entre $ 1 y su saldo.") % {"numero": factura.numero}
        )
    factura.saldo -= valor
    if factura.saldo == 0:
        factura.estado = EstadoFactura.PAGADA
    factura.save(update_fields=["saldo", "estado"])
    return factura


def factura_desabonar(*, factura: Factura, valor: Decimal) -> Factura:
    """Give back to a locked invoice what a reversed payment had applied. Called by the payments services only."""
    if factura.estado == EstadoFactura.ANULADA or valor <= 0 or factura.saldo + valor > factura.total:
        raise FacturacionError(
            _("El pago no se puede revertir sobre la factura %(numero)s.") % {"numero": factura.numero}
        )
    factura.saldo += valor
    factura.estado = EstadoFactura.FACTURADA
    factura.save(update_fields=["saldo", "estado"])
    return factura


def vencimiento_por_defecto(fecha_emision: date) -> date:
    """The agency's usual term: ten days after issue."""
    return fecha_emision + timedelta(days=10)
