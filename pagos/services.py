"""Operations on money: register and reverse payments received, settle, confirm and annul owner payouts."""

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from facturacion.models import CERO, EstadoFactura, Factura, TipoFactura
from facturacion.services import (
    IVA_GENERAL,
    LineaFactura,
    factura_abonar,
    factura_anular,
    factura_desabonar,
    factura_emitir,
    nombre_periodo,
    primer_dia,
    redondear_pesos,
    vencimiento_por_defecto,
)
from nucleo.auditoria import Accion, actor_o_none, auditoria_registrar, cambios_entre
from nucleo.consecutivos import consecutivo_reservar
from nucleo.errores import OperacionRechazada, Rechazo, motivo
from nucleo.formato import pesos
from nucleo.idempotencia import idempotencia_verificar
from pagos.models import AplicacionPago, Egreso, EstadoEgreso, EstadoPago, MetodoPago, Pago
from terceros.models import Contrato, Tercero, Usuario


class PagosError(OperacionRechazada):
    """A refused payment or payout operation, with a message the user can act on."""


@transaction.atomic
def pago_registrar(
    *,
    tercero: Tercero,
    valor: Decimal,
    metodo: str,
    facturas: list[Factura],
    fecha: date | None = None,
    referencia: str = "",
    observaciones: str = "",
    actor: Usuario | None,
    clave_idempotencia: UUID | None = None,
    admite_saldo_a_favor: bool = False,
) -> Pago:
    """Record money received and apply it to the chosen invoices, oldest due first.

    A staff form passes its idempotency key: a repeat of it raises `YaRegistrado` with the receipt.
    Money already received (an approved online payment) passes `admite_saldo_a_favor`: invoices
    paid or annulled meanwhile are skipped, and what no invoice can take stays on the receipt as
    `saldo_a_favor` instead of refusing the payment.
    """
    idempotencia_verificar(Pago, clave=clave_idempotencia)
    valor = Decimal(valor)
    if valor <= 0:
        raise PagosError(_("El valor del pago debe ser mayor que cero."))
    if not facturas:
        raise PagosError(_("Elija al menos una factura a la que aplicar el pago."))
    bloqueadas = list(
        Factura.objects.select_for_update()
        .filter(pk__in=[f.pk for f in facturas])
        .order_by("fecha_vencimiento", "consecutivo")
    )
    for factura in bloqueadas:
        if factura.tercero_id != tercero.pk:
            raise PagosError(_("La factura %(numero)s no es de este tercero.") % {"numero": factura.numero})
        if factura.estado != EstadoFactura.FACTURADA and not admite_saldo_a_favor:
            raise PagosError(
                _("La factura %(numero)s no está pendiente de pago.") % {"numero": factura.numero}
            )
    bloqueadas = [f for f in bloqueadas if f.estado == EstadoFactura.FACTURADA]
    pendiente = sum((f.saldo for f in bloqueadas), CERO)
    saldo_a_favor = max(valor - pendiente, CERO) if admite_saldo_a_favor else CERO
    if valor > pendiente and not admite_saldo_a_favor:
        raise PagosError(
            _(
                "El valor supera el saldo de las facturas elegidas (%(saldo)s). Elija más facturas o corrija el valor."
            )
            % {"saldo": pesos(pendiente)}
        )
    pago = Pago.objects.create(
        numero=consecutivo_reservar(nombre="recibo_caja"),
        tercero=tercero,
        fecha=fecha or timezone.localdate(),
        valor=valor,
        metodo=metodo,
        referencia=referencia.strip(),
        observaciones=observaciones.strip(),
        registrado_por=actor_o_none(actor),
        clave_idempotencia=clave_idempotencia,
        saldo_a_favor=saldo_a_favor,
    )
    restante = valor - saldo_a_favor
    aplicadas = []
    cambios_facturas = {}
    for factura in bloqueadas:
        if restante <= 0:
            break
        parte = min(restante, factura.saldo)
        antes = {"saldo": factura.saldo, "estado": factura.estado}
        factura_abonar(factura=factura, valor=parte)
        cambios_facturas[factura.numero] = cambios_entre(
            antes, {"saldo": factura.saldo, "estado": factura.estado}
        )
        aplicadas.append(AplicacionPago(pago=pago, factura=factura, valor=parte))
        restante -= parte
    AplicacionPago.objects.bulk_create(aplicadas)
    auditoria_registrar(
        actor=actor,
        accion=Accion.PAGO_REGISTRAR,
        mensaje=gettext_noop("Recibo %(recibo)s de %(documento)s por %(valor)s (%(facturas)s)"),
        parametros={
            "recibo": pago.codigo,
            "documento": tercero.numero_documento,
            "valor": valor,
            "facturas": ", ".join(a.factura.numero for a in aplicadas),
        },
        objeto=pago,
        # Each invoice the money went to: its balance and state, before and after.
        datos={
            "metodo": metodo,
            "saldo_a_favor": saldo_a_favor,
            "facturas": [a.factura.numero for a in aplicadas],
            "cambios_facturas": cambios_facturas,
        },
    )
    return pago


def _motivo_valido(motivo: str) -> str:
    motivo = " ".join((motivo or "").split())
    if len(motivo) < 5:
        raise PagosError(_("Escriba el motivo de la anulación (al menos 5 caracteres)."))
    if len(motivo) > 300 or "\x00" in motivo:
        raise PagosError(_("El motivo admite hasta 300 caracteres de texto."))
    return motivo


def _liquidacion_que_depende(pago: Pago) -> Egreso | None:
    """The live settlement of a rent month this payment was part of, if any.

    Locks those contracts, as `egreso_liquidar` does: a settlement cannot count the payment meanwhile.
    """
    meses = list(
        pago.aplicaciones.filter(factura__tipo=TipoFactura.ARRENDAMIENTO).values(
            "factura__contrato", "factura__periodo"
        )
    )
    list(
        Contrato.objects.select_for_update()
        .filter(pk__in=[m["factura__contrato"] for m in meses])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for mes in meses:
        egreso = (
            Egreso.objects.exclude(estado=EstadoEgreso.ANULADO)
            .filter(contrato_id=mes["factura__contrato"], periodo=mes["factura__periodo"])
            .select_related("contrato")
            .first()
        )
        if egreso is not None:
            return egreso
    return None


def _pago_revertir(*, pago: Pago, motivo: str, actor: Usuario | None) -> Pago:
    """Give each invoice back what the (locked, vigente) payment applied, and mark it annulled."""
    aplicaciones = list(pago.aplicaciones.order_by("factura_id"))
    facturas = Factura.objects.select_for_update().in_bulk([a.factura_id for a in aplicaciones])
    for aplicacion in aplicaciones:
        factura_desabonar(factura=facturas[aplicacion.factura_id], valor=aplicacion.valor)
    estado_antes = pago.estado
    pago.estado = EstadoPago.ANULADO
    pago.motivo_anulacion = motivo
    pago.anulado_en = timezone.now()
    pago.anulado_por = actor_o_none(actor)
    pago.save(update_fields=["estado", "motivo_anulacion", "anulado_en", "anulado_por"])
    auditoria_registrar(
        actor=actor,
        accion=Accion.PAGO_ANULAR,
        mensaje=gettext_noop("Recibo %(recibo)s anulado (%(valor)s): %(motivo)s"),
        parametros={"recibo": pago.codigo, "valor": pago.valor, "motivo": motivo},
        cambios={"estado": [estado_antes, pago.estado]},
        objeto=pago,
        datos={"facturas": [facturas[a.factura_id].numero for a in aplicaciones], "motivo": motivo},
    )
    return pago


@transaction.atomic
def pago_anular(*, pago: Pago, motivo: str, actor: Usuario | None) -> Pago:
    """Reverse a payment received: its invoices get their balance back; the receipt reads ANULADO.

    Refused while a settlement to the owner depends on it: annul that settlement first.
    """
    motivo = _motivo_valido(motivo)
    pago = Pago.objects.select_for_update().get(pk=pago.pk)
    if pago.estado == EstadoPago.ANULADO:
        raise PagosError(_("El recibo %(codigo)s ya está anulado.") % {"codigo": pago.codigo})
    if pago.metodo == MetodoPago.CRUCE:
        raise PagosError(
            _("Este recibo descuenta una comisión de la liquidación %(referencia)s; anule esa liquidación.")
            % {"referencia": pago.referencia}
        )
    egreso = _liquidacion_que_depende(pago)
    if egreso is not None:
        raise PagosError(
            _(
                "El canon de %(periodo)s del contrato %(contrato)s ya se liquidó al propietario (%(egreso)s). "
                "Anule primero esa liquidación y después el pago."
            )
            % {
                "periodo": nombre_periodo(egreso.periodo),
                "contrato": egreso.contrato.numero,
                "egreso": egreso.codigo,
            }
        )
    return _pago_revertir(pago=pago, motivo=motivo, actor=actor)


def recaudado_en(*, contrato: Contrato, periodo: date) -> Decimal:
    """Rent collected so far on the contract's rent invoice(s) for the period."""
    total = AplicacionPago.objects.filter(
        pago__estado=EstadoPago.VIGENTE,
        factura__contrato=contrato,
        factura__periodo=primer_dia(periodo),
        factura__tipo=TipoFactura.ARRENDAMIENTO,
    ).aggregate(t=Sum("valor"))["t"]
    return total or CERO


def _repartir(total: Decimal, porcentajes: list[Decimal]) -> list[Decimal]:
    """Split a whole-peso amount by percentages; the last share takes the rounding remainder."""
    partes = [redondear_pesos(total * p / 100) for p in porcentajes[:-1]]
    return [*partes, total - sum(partes, CERO)]


@transaction.atomic
def egreso_liquidar(
    *,
    contrato: Contrato,
    periodo: date,
    otros_descuentos: Decimal = CERO,
    descripcion_descuentos: str = "",
    fecha: date | None = None,
    actor: Usuario | None = None,
    clave_idempotencia: UUID | None = None,
) -> list[Egreso]:
    """Settle a contract's collected rent for a period: commission invoice + draft payout per owner.

    A staff form passes its idempotency key: a repeat of it raises `YaRegistrado` with the first payout.
    """
    idempotencia_verificar(Egreso, clave=clave_idempotencia)
    periodo = primer_dia(periodo)
    fecha = fecha or timezone.localdate()
    contrato = (
        Contrato.objects.select_for_update(of=("self",)).select_related("propiedad").get(pk=contrato.pk)
    )
    if (
        Egreso.objects.exclude(estado=EstadoEgreso.ANULADO)
        .filter(contrato=contrato, periodo=periodo)
        .exists()
    ):
        raise PagosError(
            _("El contrato %(contrato)s ya tiene liquidación de %(periodo)s.")
            % {"contrato": contrato.numero, "periodo": nombre_periodo(periodo)}
        )
    recaudado = recaudado_en(contrato=contrato, periodo=periodo)
    if recaudado <= 0:
        raise PagosError(
            _("No hay canon recaudado de %(periodo)s en el contrato %(contrato)s.")
            % {"contrato": contrato.numero, "periodo": nombre_periodo(periodo)}
        )
    participaciones = list(contrato.propiedad.participaciones.select_related("tercero").order_by("pk"))
    if not participaciones:
        raise PagosError(_("La propiedad del contrato no tiene propietarios registrados."))
    porcentajes = [p.participacion for p in participaciones]
    canones = _repartir(recaudado, porcentajes)
    descuentos = _repartir(redondear_pesos(Decimal(otros_descuentos or 0)), porcentajes)
    egresos = []
    for participacion, canon, descuento in zip(participaciones, canones, descuentos, strict=True):
        comision = redondear_pesos(canon * contrato.comision_porcentaje / 100)
        iva = redondear_pesos(comision * IVA_GENERAL / 100)
        neto = canon - comision - iva - descuento
        if neto < 0:
            raise PagosError(_("Los descuentos superan lo recaudado: el neto a pagar quedaría negativo."))
        factura = None
        if comision > 0:
            descripcion = _("Comisión de administración %(pct)s %% — canon de %(periodo)s, %(direccion)s") % {
                "pct": f"{contrato.comision_porcentaje.normalize():f}",
                "periodo": nombre_periodo(periodo),
                "direccion": contrato.propiedad.direccion,
            }
            factura = factura_emitir(
                tercero=participacion.tercero,
                tipo=TipoFactura.COMISION,
                lineas=[
                    LineaFactura(descripcion=descripcion, valor_unitario=comision, iva_porcentaje=IVA_GENERAL)
                ],
                descripcion=descripcion,
                fecha_emision=fecha,
                # Settled by offset when the payout is confirmed; due like any other invoice.
                fecha_vencimiento=vencimiento_por_defecto(fecha),
                contrato=contrato,
                periodo=periodo,
                actor=actor,
            )
        egreso = Egreso.objects.create(
            propietario=participacion.tercero,
            contrato=contrato,
            propiedad=contrato.propiedad,
            periodo=periodo,
            canon_recaudado=canon,
            comision_porcentaje=contrato.comision_porcentaje,
            comision=comision,
            iva_comision=iva,
            otros_descuentos=descuento,
            descripcion_descuentos=descripcion_descuentos.strip(),
            neto=neto,
            factura_comision=factura,
            creado_por=actor_o_none(actor),
            clave_idempotencia=clave_idempotencia,
        )
        auditoria_registrar(
            actor=actor,
            accion=Accion.EGRESO_LIQUIDAR,
            mensaje=gettext_noop("Liquidación %(contrato)s %(periodo)s a %(documento)s: neto %(neto)s"),
            parametros={
                "contrato": contrato.numero,
                "periodo": f"{periodo:%Y-%m}",
                "documento": participacion.tercero.numero_documento,
                "neto": egreso.neto,
            },
            objeto=egreso,
        )
        egresos.append(egreso)
    return egresos


@transaction.atomic
def egreso_confirmar(
    *,
    egreso: Egreso,
    fecha_pago: date,
    metodo: str = MetodoPago.TRANSFERENCIA,
    referencia: str = "",
    actor: Usuario | None,
) -> Egreso:
    """Staff confirm the payout was made: numbered voucher; the commission invoice is settled by offset."""
    egreso = (
        Egreso.objects.select_for_update(of=("self",)).select_related("factura_comision").get(pk=egreso.pk)
    )
    if egreso.estado == EstadoEgreso.ANULADO:
        raise PagosError(_("La liquidación %(codigo)s ya está anulada.") % {"codigo": egreso.codigo})
    if egreso.estado != EstadoEgreso.BORRADOR:
        raise PagosError(_("Este egreso ya fue confirmado."))
    if fecha_pago < egreso.periodo:
        raise PagosError(_("La fecha de pago no puede ser anterior al periodo liquidado."))
    antes = {
        campo: getattr(egreso, campo) for campo in ("numero", "estado", "fecha_pago", "metodo", "referencia")
    }
    egreso.numero = consecutivo_reservar(nombre="comprobante_egreso")
    egreso.estado = EstadoEgreso.CONFIRMADO
    egreso.fecha_pago = fecha_pago
    egreso.metodo = metodo
    egreso.referencia = referencia.strip()
    egreso.confirmado_por = actor_o_none(actor)
    egreso.confirmado_en = timezone.now()
    egreso.save(
        update_fields=[
            "numero",
            "estado",
            "fecha_pago",
            "metodo",
            "referencia",
            "confirmado_por",
            "confirmado_en",
        ]
    )
    factura = egreso.factura_comision
    if factura is not None and factura.estado == EstadoFactura.FACTURADA:
        pago_registrar(
            tercero=egreso.propietario,
            valor=factura.saldo,
            metodo=MetodoPago.CRUCE,
            facturas=[factura],
            fecha=fecha_pago,
            referencia=egreso.codigo,
            observaciones=_("Descontada de la liquidación %(codigo)s.") % {"codigo": egreso.codigo},
            actor=actor,
        )
    auditoria_registrar(
        actor=actor,
        accion=Accion.EGRESO_CONFIRMAR,
        mensaje=gettext_noop("Egreso %(codigo)s confirmado: neto %(neto)s pagado el %(fecha)s"),
        parametros={"codigo": egreso.codigo, "neto": egreso.neto, "fecha": f"{fecha_pago:%Y-%m-%d}"},
        cambios=cambios_entre(antes, {campo: getattr(egreso, campo) for campo in antes}),
        objeto=egreso,
    )
    return egreso


@transaction.atomic
def egreso_anular(*, egreso: Egreso, motivo: str, actor: Usuario | None) -> Egreso:
    """Annul a payout (draft or confirmed) with a reason; its commission invoice is annulled with it.

    A confirmed payout's commission was settled by an offset receipt: that receipt is reversed too.
    The voucher number stays used; the month can then be settled again.
    """
    motivo = _motivo_valido(motivo)
    egreso = Egreso.objects.select_for_update(of=("self",)).get(pk=egreso.pk)
    if egreso.estado == EstadoEgreso.ANULADO:
        raise PagosError(_("La liquidación %(codigo)s ya está anulada.") % {"codigo": egreso.codigo})
    estado_antes = egreso.estado
    egreso.estado = EstadoEgreso.ANULADO
    egreso.motivo_anulacion = motivo
    egreso.anulado_en = timezone.now()
    egreso.anulado_por = actor_o_none(actor)
    egreso.save(update_fields=["estado", "motivo_anulacion", "anulado_en", "anulado_por"])
    factura = egreso.factura_comision
    if factura is not None and factura.estado != EstadoFactura.ANULADA:
        detalle = _("Anulación de la liquidación %(codigo)s: %(motivo)s") % {
            "codigo": egreso.codigo,
            "motivo": motivo,
        }
        cruces = Pago.objects.select_for_update().filter(
            estado=EstadoPago.VIGENTE, metodo=MetodoPago.CRUCE, aplicaciones__factura=factura
        )
        for cruce in cruces:
            _pago_revertir(pago=cruce, motivo=detalle[:300], actor=actor)
        factura.refresh_from_db()
        if factura.saldo != factura.total:
            raise PagosError(
                _(
                    "La factura de comisión %(numero)s tiene pagos del propietario; anúlelos antes de anular "
                    "la liquidación."
                )
                % {"numero": factura.numero}
            )
        factura_anular(factura=factura, motivo=detalle[:300], actor=actor)
    auditoria_registrar(
        actor=actor,
        accion=Accion.EGRESO_ANULAR,
        mensaje=gettext_noop("Egreso %(codigo)s anulado (neto %(neto)s): %(motivo)s"),
        parametros={"codigo": egreso.codigo, "neto": egreso.neto, "motivo": motivo},
        cambios={"estado": [estado_antes, egreso.estado]},
        objeto=egreso,
        datos={"motivo": motivo, "factura_comision": factura.numero if factura else None},
    )
    return egreso


def liquidaciones_pendientes(*, hasta_periodo: date) -> list[tuple[int, date]]:
    """(contract id, period) pairs whose rent is fully paid and not yet settled with the owner."""
    return list(
        Factura.objects.filter(
            tipo=TipoFactura.ARRENDAMIENTO,
            estado=EstadoFactura.PAGADA,
            periodo__lte=primer_dia(hasta_periodo),
        )
        .exclude(
            Exists(
                Egreso.objects.exclude(estado=EstadoEgreso.ANULADO).filter(
                    contrato=OuterRef("contrato"), periodo=OuterRef("periodo")
                )
            )
        )
        .order_by("periodo", "contrato_id")
        .values_list("contrato_id", "periodo")
        .distinct()
    )


def liquidar_pendientes(*, hasta_periodo: date, actor: Usuario | None = None) -> dict[str, Any]:
    """Settle every fully paid rent month up to the period; one transaction per contract and month.

    Refused settlements are collected in `rechazos` (contract, period, reason); the run goes on.
    """
    liquidadas = comisiones = 0
    rechazos: list[Rechazo] = []
    pendientes = liquidaciones_pendientes(hasta_periodo=hasta_periodo)
    numeros = dict(Contrato.objects.filter(pk__in={c for c, _p in pendientes}).values_list("pk", "numero"))
    for contrato_id, periodo in pendientes:
        try:
            egresos = egreso_liquidar(contrato=Contrato(pk=contrato_id), periodo=periodo, actor=actor)
        except OperacionRechazada as exc:
            rechazos.append(Rechazo(objeto=numeros[contrato_id], periodo=periodo, motivo=motivo(exc)))
            continue
        liquidadas += len(egresos)
        comisiones += sum(1 for e in egresos if e.factura_comision_id)
    return {"egresos": liquidadas, "comisiones": comisiones, "rechazos": rechazos}
