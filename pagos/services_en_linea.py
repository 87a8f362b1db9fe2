"""Online payments: start an attempt, apply what a gateway says (confirmation or API answer),
reconcile what is left pending.

One code path applies every gateway message (`_aviso_aplicar`): the transaction row is locked,
the message is checked against the stored amount, currency and merchant, and APROBADA is
terminal. An approval creates exactly one Pago through `pagos.services.pago_registrar`.
"""

import logging
import secrets
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from facturacion.models import CERO, EstadoFactura, Factura
from nucleo.auditoria import Accion, actor_o_none, auditoria_registrar
from nucleo.tareas import tarea_encolar_al_confirmar
from pagos.models import (
    EstadoTransaccion,
    EventoPasarela,
    MetodoPago,
    OrigenEvento,
    Pago,
    ResultadoEvento,
    TransaccionFactura,
    TransaccionPasarela,
)
from pagos.pasarelas import (
    Aviso,
    ConsultaFallida,
    NotificacionIlegible,
    PasarelaBase,
    pasarela_activa,
    pasarela_por_nombre,
)
from pagos.services import PagosError, pago_registrar
from terceros.models import Tercero, Usuario

logger = logging.getLogger("pagos.en_linea")

# The final states a gateway message can close a pending attempt with (APROBADA has its own path).
ESTADOS_CIERRE = {EstadoTransaccion.RECHAZADA, EstadoTransaccion.EXPIRADA, EstadoTransaccion.ERROR}


@dataclass(frozen=True)
class Resultado:
    """What processing one gateway message did (the view answers from it)."""

    evento: EventoPasarela
    transaccion: TransaccionPasarela | None

    @property
    def resultado(self) -> str:
        return self.evento.resultado


def referencia_nueva() -> str:
    """A fresh referenceCode per attempt: never reused, not guessable."""
    return f"AC-{timezone.now():%y%m%d}-{secrets.token_hex(5).upper()}"


@transaction.atomic
def transaccion_iniciar(
    *, tercero: Tercero, facturas: list[Factura], actor: Usuario | None = None, pasarela: str | None = None
) -> TransaccionPasarela:
    """Start one online attempt for the balance of the tercero's pending invoices.

    Refused (PagosError): no invoice, one not the tercero's or not pending, or one with an attempt
    already pending (PSE can take a while: the client must not pay twice).
    """
    if not facturas:
        raise PagosError(_("Elija al menos una factura para pagar."))
    gw = pasarela_por_nombre(pasarela) if pasarela else pasarela_activa()
    bloqueadas = list(
        Factura.objects.select_for_update()
        .filter(pk__in=[f.pk for f in facturas])
        .order_by("fecha_vencimiento", "consecutivo")
    )
    if len(bloqueadas) != len({f.pk for f in facturas}):
        raise PagosError(_("Una de las facturas elegidas no existe."))
    for factura in bloqueadas:
        if factura.tercero_id != tercero.pk:
            raise PagosError(_("La factura %(numero)s no es de este tercero.") % {"numero": factura.numero})
        if factura.estado != EstadoFactura.FACTURADA or factura.saldo <= 0:
            raise PagosError(
                _("La factura %(numero)s no está pendiente de pago.") % {"numero": factura.numero}
            )
    ocupadas = (
        TransaccionFactura.objects.filter(
            factura__in=bloqueadas, transaccion__estado=EstadoTransaccion.PENDIENTE
        )
        .select_related("factura")
        .first()
    )
    if ocupadas is not None:
        raise PagosError(
            _("La factura %(numero)s ya tiene un pago en línea en verificación. Espere su resultado.")
            % {"numero": ocupadas.factura.numero}
        )
    ahora = timezone.now()
    tx = TransaccionPasarela.objects.create(
        tercero=tercero,
        pasarela=gw.nombre,
        referencia=referencia_nueva(),
        valor=sum((f.saldo for f in bloqueadas), CERO),
        moneda="COP",
        creada_en=ahora,
        proxima_consulta_en=ahora + gw.primera_consulta,
        creada_por=actor_o_none(actor),
    )
    TransaccionFactura.objects.bulk_create(
        [TransaccionFactura(transaccion=tx, factura=f, valor=f.saldo) for f in bloqueadas]
    )
    auditoria_registrar(
        actor=actor,
        accion=Accion.PAGO_EN_LINEA_INICIAR,
        mensaje=gettext_noop("Pago en línea %(referencia)s por %(valor)s con %(pasarela)s (%(facturas)s)"),
        parametros={
            "referencia": tx.referencia,
            "valor": tx.valor,
            "pasarela": gw.etiqueta,
            "facturas": ", ".join(f.numero for f in bloqueadas),
        },
        objeto=tx,
    )
    return tx


def _sin_nul(texto: str) -> str:
    # PostgreSQL text cannot hold NUL: keep it visible, escaped, in the raw copy.
    return texto.replace("\x00", "\\x00")


def _aviso_limpio(aviso: Aviso) -> Aviso:
    """A NUL in a field can match nothing of ours; drop it so lookups never fail."""
    campos = ("referencia", "estado", "moneda", "comercio", "id_externo", "medio", "motivo")
    return replace(
        aviso,
        **{c: getattr(aviso, c).replace("\x00", "") for c in campos if isinstance(getattr(aviso, c), str)},
    )


def _evento_guardar(*, pasarela: str, origen: str, cuerpo: str, encabezados=None, ip=None, transaccion=None):
    """Stored in its own (auto)commit BEFORE processing: a crash afterwards still leaves the raw message."""
    return EventoPasarela.objects.create(
        pasarela=pasarela,
        origen=origen,
        cuerpo=_sin_nul(cuerpo),
        encabezados={k: _sin_nul(str(v)) for k, v in (encabezados or {}).items()},
        ip=ip or None,
        transaccion=transaccion,
    )


def _evento_cerrar(evento: EventoPasarela, *, resultado: str, detalle: str = "", transaccion=None) -> None:
    evento.resultado = resultado
    evento.detalle = _sin_nul(detalle[:2000])
    if transaccion is not None:
        evento.transaccion = transaccion
    evento.save(update_fields=["resultado", "detalle", "transaccion", "firma_valida"])


# How long a failed confirmation keeps trying to record its outcome (a PostgreSQL restart: ~1 s).
CIERRE_TRAS_FALLO_INTENTOS = 6
CIERRE_TRAS_FALLO_ESPERA = 0.5


def _evento_cerrar_tras_fallo(evento: EventoPasarela, *, detalle: str) -> None:
    """Record ERROR on a message whose processing failed, even when the failure was the database.

    A restart kills the connection mid-way (the work rolled back): drop it and retry on a fresh
    one for a few seconds, so the stored message does not stay without an outcome. Never raises:
    the caller re-raises the original error (a 500, so the gateway retries).
    """
    for intento in range(CIERRE_TRAS_FALLO_INTENTOS):
        try:
            _evento_cerrar(evento, resultado=ResultadoEvento.ERROR, detalle=detalle)
            return
        except DatabaseError:
            if connection.in_atomic_block or intento == CIERRE_TRAS_FALLO_INTENTOS - 1:
                logger.exception("No se pudo registrar el fallo del evento %s", evento.pk)
                return
            connection.close()
            time.sleep(CIERRE_TRAS_FALLO_ESPERA)


def _rechazar(evento: EventoPasarela, *, detalle: str, transaccion=None) -> None:
    logger.warning("Mensaje de pasarela rechazado (evento %s, %s): %s", evento.pk, evento.pasarela, detalle)
    _evento_cerrar(evento, resultado=ResultadoEvento.RECHAZADO, detalle=detalle, transaccion=transaccion)
    auditoria_registrar(
        actor=None,
        accion=Accion.PAGO_EN_LINEA_CONFIRMACION_RECHAZADA,
        mensaje=gettext_noop("Confirmación de %(pasarela)s rechazada: %(detalle)s"),
        parametros={"pasarela": evento.pasarela, "detalle": detalle[:200]},
        objeto=transaccion or evento,
    )


def _comprobar(*, tx: TransaccionPasarela, aviso: Aviso, gw: PasarelaBase) -> str:
    """Why the message does not match the stored transaction ("" when it does)."""
    esperado = gw.comercio_esperado()
    if aviso.comercio is not None and esperado is not None and aviso.comercio != esperado:
        return f"Comercio {aviso.comercio!r} distinto del configurado."
    if aviso.valor is not None and aviso.valor != tx.valor:
        return f"Valor {aviso.valor} distinto del de la transacción ({tx.valor})."
    if aviso.valor is None and aviso.estado == EstadoTransaccion.APROBADA:
        return "La aprobación no trae valor."
    if aviso.moneda and aviso.moneda.upper() != tx.moneda:
        return f"Moneda {aviso.moneda!r} distinta de {tx.moneda}."
    if not aviso.moneda and aviso.estado == EstadoTransaccion.APROBADA:
        return "La aprobación no trae moneda."
    return ""


def _aprobar(*, tx: TransaccionPasarela, aviso: Aviso, gw: PasarelaBase) -> Pago:
    facturas = [item.factura for item in tx.items.select_related("factura").order_by("pk")]
    pago = pago_registrar(
        tercero=tx.tercero,
        valor=tx.valor,
        metodo=MetodoPago.EN_LINEA,
        facturas=facturas,
        referencia=f"{gw.nombre} {tx.referencia}",
        observaciones=" ".join(filter(None, [gw.etiqueta, aviso.medio, aviso.id_externo]))[:300],
        actor=None,
        admite_saldo_a_favor=True,
    )
    estado_antes = tx.estado
    tx.estado = EstadoTransaccion.APROBADA
    tx.pago = pago
    tx.motivo = ""
    tx.proxima_consulta_en = None
    tx.save()
    auditoria_registrar(
        actor=None,
        accion=Accion.PAGO_EN_LINEA_APROBAR,
        mensaje=gettext_noop("Pago en línea %(referencia)s aprobado por %(valor)s: recibo %(recibo)s"),
        parametros={"referencia": tx.referencia, "valor": tx.valor, "recibo": pago.codigo},
        cambios={"estado": [estado_antes, tx.estado]},
        objeto=tx,
    )
    if pago.saldo_a_favor > 0:
        auditoria_registrar(
            actor=None,
            accion=Accion.PAGO_SALDO_A_FAVOR,
            mensaje=gettext_noop("Recibo %(recibo)s con saldo a favor de %(saldo)s (%(documento)s)"),
            parametros={
                "recibo": pago.codigo,
                "saldo": pago.saldo_a_favor,
                "documento": tx.tercero.numero_documento,
            },
            objeto=pago,
        )
    from pagos.tasks import recibo_en_linea_enviar

    tarea_encolar_al_confirmar(recibo_en_linea_enviar, pago.pk)
    return pago


def _aviso_aplicar(*, evento: EventoPasarela, aviso: Aviso, gw: PasarelaBase) -> Resultado:
    """The one path from a gateway's message to our state (confirmation, API answer)."""
    aviso = _aviso_limpio(aviso)
    evento.firma_valida = aviso.firma_valida
    if aviso.firma_valida is False:
        tx = TransaccionPasarela.objects.filter(referencia=aviso.referencia).first()
        _rechazar(evento, detalle="Firma inválida.", transaccion=tx)
        return Resultado(evento=evento, transaccion=None)
    with transaction.atomic():
        tx = (
            TransaccionPasarela.objects.select_for_update(of=("self",))
            .select_related("tercero")
            .filter(referencia=aviso.referencia, pasarela=gw.nombre)
            .first()
        )
        if tx is None:
            _rechazar(evento, detalle=f"Referencia desconocida {aviso.referencia[:80]!r}.")
            return Resultado(evento=evento, transaccion=None)
        problema = _comprobar(tx=tx, aviso=aviso, gw=gw)
        if problema:
            _rechazar(evento, detalle=problema, transaccion=tx)
            return Resultado(evento=evento, transaccion=tx)
        if aviso.id_externo and not tx.id_externo:
            tx.id_externo = aviso.id_externo
        if aviso.medio and not tx.medio:
            tx.medio = aviso.medio
        if tx.estado == EstadoTransaccion.APROBADA:
            # Terminal: a replay, a second transaction_id or a late decline changes nothing.
            _evento_cerrar(
                evento,
                resultado=ResultadoEvento.DUPLICADO,
                detalle=f"La transacción ya está aprobada (llegó {aviso.estado or 'pendiente'}).",
                transaccion=tx,
            )
            return Resultado(evento=evento, transaccion=tx)
        if aviso.estado == EstadoTransaccion.APROBADA:
            # Also after a decline or an expiry: the money was taken, it is never dropped.
            _aprobar(tx=tx, aviso=aviso, gw=gw)
            _evento_cerrar(evento, resultado=ResultadoEvento.APLICADO, detalle="Aprobada.", transaccion=tx)
            return Resultado(evento=evento, transaccion=tx)
        if aviso.estado not in ESTADOS_CIERRE:
            tx.save(update_fields=["id_externo", "medio", "actualizada_en"])
            _evento_cerrar(
                evento, resultado=ResultadoEvento.IGNORADO, detalle="Sigue pendiente.", transaccion=tx
            )
            return Resultado(evento=evento, transaccion=tx)
        if tx.estado != EstadoTransaccion.PENDIENTE:
            _evento_cerrar(
                evento,
                resultado=ResultadoEvento.DUPLICADO,
                detalle=f"La transacción ya está {tx.estado}.",
                transaccion=tx,
            )
            return Resultado(evento=evento, transaccion=tx)
        estado_antes = tx.estado
        tx.estado = aviso.estado
        tx.motivo = aviso.motivo or _("La pasarela no aprobó el pago.")
        tx.proxima_consulta_en = None
        tx.save()
        auditoria_registrar(
            actor=None,
            accion=Accion.PAGO_EN_LINEA_RECHAZAR
            if tx.estado == EstadoTransaccion.RECHAZADA
            else Accion.PAGO_EN_LINEA_EXPIRAR
            if tx.estado == EstadoTransaccion.EXPIRADA
            else Accion.PAGO_EN_LINEA_ERROR,
            mensaje=gettext_noop("Pago en línea %(referencia)s: %(estado)s (%(motivo)s)"),
            parametros={"referencia": tx.referencia, "estado": tx.estado, "motivo": tx.motivo[:200]},
            cambios={"estado": [estado_antes, tx.estado]},
            objeto=tx,
        )
        _evento_cerrar(
            evento, resultado=ResultadoEvento.APLICADO, detalle=tx.get_estado_display(), transaccion=tx
        )
        return Resultado(evento=evento, transaccion=tx)


def notificacion_procesar(
    *, pasarela: str, cuerpo: bytes, encabezados: dict[str, str] | None = None, ip: str | None = None
) -> Resultado:
    """A gateway's server-to-server confirmation: store it raw, verify it, apply it.

    Refused ones (forged signature, other merchant, amount or currency, unknown reference) are
    recorded and logged and change nothing; duplicates change nothing.
    """
    gw = pasarela_por_nombre(pasarela)
    evento = _evento_guardar(
        pasarela=gw.nombre,
        origen=OrigenEvento.CONFIRMACION,
        cuerpo=cuerpo.decode("utf-8", errors="replace")[:100_000],
        encabezados=encabezados,
        ip=ip,
    )
    try:
        aviso = gw.notificacion_leer(cuerpo=cuerpo, encabezados=encabezados or {})
    except NotificacionIlegible as exc:
        _rechazar(evento, detalle=str(exc))
        return Resultado(evento=evento, transaccion=None)
    try:
        return _aviso_aplicar(evento=evento, aviso=aviso, gw=gw)
    except Exception as exc:
        _evento_cerrar_tras_fallo(evento, detalle=f"{exc.__class__.__name__}: {exc}")
        raise


DESCONOCIDA = "desconocida"  # the gateway never saw the reference (the payer left its page)


def _consultar(
    *, transaccion: TransaccionPasarela, actor, intervalo_minimo: timedelta | None, ahora: datetime
) -> tuple[TransaccionPasarela, str | None]:
    """(the transaction afterwards, what the query did: a ResultadoEvento, DESCONOCIDA, or None if not asked)."""
    tx = TransaccionPasarela.objects.get(pk=transaccion.pk)
    if not tx.esta_pendiente and actor is None:
        return tx, None
    if intervalo_minimo and tx.ultima_consulta_en and ahora - tx.ultima_consulta_en < intervalo_minimo:
        return tx, None
    gw = pasarela_por_nombre(tx.pasarela)
    # Claim the slot first, so concurrent pollers do not all ask the gateway.
    reclamadas = TransaccionPasarela.objects.filter(pk=tx.pk)
    if intervalo_minimo:
        reclamadas = reclamadas.filter(
            Q(ultima_consulta_en__isnull=True) | Q(ultima_consulta_en__lte=ahora - intervalo_minimo)
        )
    siguiente = gw.proxima_consulta(transaccion=tx, ahora=ahora) if tx.esta_pendiente else None
    if not reclamadas.update(ultima_consulta_en=ahora, proxima_consulta_en=siguiente):
        return tx, None
    try:
        consulta = gw.consultar(transaccion=tx)
    except ConsultaFallida as exc:
        evento = _evento_guardar(pasarela=gw.nombre, origen=OrigenEvento.CONSULTA, cuerpo="", transaccion=tx)
        _evento_cerrar(evento, resultado=ResultadoEvento.ERROR, detalle=str(exc))
        logger.warning("Consulta a %s de %s fallida: %s", gw.nombre, tx.referencia, exc)
        return TransaccionPasarela.objects.get(pk=tx.pk), ResultadoEvento.ERROR
    evento = _evento_guardar(
        pasarela=gw.nombre, origen=OrigenEvento.CONSULTA, cuerpo=consulta.cuerpo[:100_000], transaccion=tx
    )
    if consulta.aviso is None:
        _evento_cerrar(
            evento, resultado=ResultadoEvento.IGNORADO, detalle="La pasarela no conoce la referencia."
        )
        resultado = DESCONOCIDA
    else:
        _aviso_aplicar(evento=evento, aviso=consulta.aviso, gw=gw)
        resultado = evento.resultado
    if actor is not None:
        auditoria_registrar(
            actor=actor,
            accion=Accion.PAGO_EN_LINEA_CONSULTAR,
            mensaje=gettext_noop("Estado de %(referencia)s consultado a la pasarela: %(resultado)s"),
            parametros={"referencia": tx.referencia, "resultado": evento.resultado},
            objeto=tx,
        )
    return TransaccionPasarela.objects.get(pk=tx.pk), resultado


def transaccion_consultar(
    *,
    transaccion: TransaccionPasarela,
    actor: Usuario | None = None,
    intervalo_minimo: timedelta | None = None,
    ahora: datetime | None = None,
) -> TransaccionPasarela:
    """Ask the gateway about this attempt now and apply its answer through the confirmation path.

    `intervalo_minimo` throttles callers such as the portal's polling (at most one query per
    transaction per that interval): when the last query is more recent, nothing is asked.
    A gateway that cannot be reached leaves the transaction as it was (an API error never
    changes state) and the next query is scheduled. Staff (`actor`) may ask about any state.
    """
    tx, _resultado = _consultar(
        transaccion=transaccion, actor=actor, intervalo_minimo=intervalo_minimo, ahora=ahora or timezone.now()
    )
    return tx


# A message still without outcome this long after it arrived is not in flight any more (processing
# takes seconds): its processing died, e.g. PostgreSQL restarted for longer than the retried close.
EVENTO_SIN_RESULTADO_MINUTOS = 10

INTERRUMPIDO = (
    "Procesamiento interrumpido (p. ej., la base de datos se reinició): el mensaje quedó sin "
    "resultado y no aplicó nada."
)


def _transaccion_del_evento(evento: EventoPasarela) -> TransaccionPasarela | None:
    """The attempt a message is about: queries and returns are linked when stored; a confirmation
    is linked only when closed, so its stored body is read again for the reference."""
    if evento.transaccion_id is not None:
        return TransaccionPasarela.objects.get(pk=evento.transaccion_id)
    if evento.origen != OrigenEvento.CONFIRMACION:
        return None
    try:
        aviso = pasarela_por_nombre(evento.pasarela).notificacion_leer(
            cuerpo=evento.cuerpo.encode(), encabezados=evento.encabezados or {}
        )
    except (NotificacionIlegible, ValueError):
        return None
    return TransaccionPasarela.objects.filter(
        referencia=aviso.referencia.replace("\x00", ""), pasarela=evento.pasarela
    ).first()


def _detalle_interrumpido(evento: EventoPasarela, tx: TransaccionPasarela | None) -> str:
    # Each sentence is what really follows: the rolled-back work left nothing applied.
    partes = [INTERRUMPIDO]
    if evento.origen == OrigenEvento.CONFIRMACION:
        partes.append("La pasarela no recibió un 200 y puede reintentarlo (PayU reintenta hasta recibirlo).")
    elif evento.origen == OrigenEvento.RETORNO:
        partes.append("Era la página de respuesta, solo informativa.")
    if tx is not None and tx.esta_pendiente:
        partes.append(
            "Esta conciliación consulta la transacción, que sigue pendiente; "
            "lo que se responda se aplica una sola vez."
        )
    elif tx is not None:
        partes.append(f"La transacción ya terminó: {tx.get_estado_display()}.")
    return " ".join(partes)


def _evento_interrumpido_cerrar(pk: int) -> tuple[bool, TransaccionPasarela | None]:
    with transaction.atomic():
        evento = (
            EventoPasarela.objects.select_for_update(skip_locked=True).filter(pk=pk, resultado="").first()
        )
        if evento is None:
            return False, None
        tx = _transaccion_del_evento(evento)
        _evento_cerrar(
            evento, resultado=ResultadoEvento.ERROR, detalle=_detalle_interrumpido(evento, tx), transaccion=tx
        )
    logger.warning(
        "Evento %s de %s sin resultado: cerrado como error por la conciliación", pk, evento.pasarela
    )
    return True, tx


def eventos_interrumpidos_cerrar(*, ahora: datetime | None = None) -> tuple[int, list[int]]:
    """Close as ERROR, with why, every message whose processing died before recording an outcome.

    Returns (how many were closed, the pending transactions they are about, to be asked now).
    Only messages older than EVENTO_SIN_RESULTADO_MINUTOS: an in-flight one is never touched. One
    being closed right now (row locked) is skipped; one closed meanwhile is left as it is.
    """
    ahora = ahora or timezone.now()
    antes_de = ahora - timedelta(minutes=EVENTO_SIN_RESULTADO_MINUTOS)
    pks = list(
        EventoPasarela.objects.filter(resultado="", recibido_en__lte=antes_de)
        .order_by("recibido_en", "pk")
        .values_list("pk", flat=True)
    )
    cerrados, pendientes = 0, []
    for pk in pks:
        try:
            cerrado, tx = _evento_interrumpido_cerrar(pk)
        except Exception:
            logger.exception("No se pudo cerrar el evento %s sin resultado", pk)
            continue
        cerrados += int(cerrado)
        if cerrado and tx is not None and tx.esta_pendiente and tx.pk not in pendientes:
            pendientes.append(tx.pk)
    return cerrados, pendientes


def _expirar(*, tx: TransaccionPasarela) -> bool:
    with transaction.atomic():
        tx = TransaccionPasarela.objects.select_for_update().get(pk=tx.pk)
        if not tx.esta_pendiente:
            return False
        tx.estado = EstadoTransaccion.EXPIRADA
        tx.motivo = _("El pago no se completó a tiempo.")
        tx.proxima_consulta_en = None
        tx.save()
        auditoria_registrar(
            actor=None,
            accion=Accion.PAGO_EN_LINEA_EXPIRAR,
            mensaje=gettext_noop("Pago en línea %(referencia)s expirado sin respuesta de la pasarela"),
            parametros={"referencia": tx.referencia},
            cambios={"estado": [EstadoTransaccion.PENDIENTE, tx.estado]},
            objeto=tx,
        )
    return True


def transacciones_conciliar(*, ahora: datetime | None = None, limite: int | None = None) -> dict[str, int]:
    """Ask the gateway about every pending attempt whose next query is due; expire abandoned ones.

    First, messages left without outcome (their processing died) are closed as ERROR with why,
    and the pending attempts they are about are asked in this same run, whatever their schedule.
    An attempt the gateway never saw (the payer left its checkout) expires after
    PAGOS_EXPIRACION_MINUTOS; one the gateway calls pending keeps being asked.
    """
    ahora = ahora or timezone.now()
    vence = ahora - timedelta(minutes=settings.PAGOS_EXPIRACION_MINUTOS)
    cuentas = {
        "consultadas": 0,
        "aprobadas": 0,
        "rechazadas": 0,
        "expiradas": 0,
        "pendientes": 0,
        "errores": 0,
        "interrumpidos": 0,
    }
    cuentas["interrumpidos"], primero = eventos_interrumpidos_cerrar(ahora=ahora)
    vencidas = (
        TransaccionPasarela.objects.filter(estado=EstadoTransaccion.PENDIENTE, proxima_consulta_en__lte=ahora)
        .exclude(pk__in=primero)
        .order_by("proxima_consulta_en", "pk")
        .values_list("pk", flat=True)
    )
    # Those come first and are asked even beyond `limite` (their events say this run asks them).
    ids = [*primero, *(vencidas[: max(limite - len(primero), 0)] if limite else vencidas)]
    for pk in ids:
        try:
            tx, resultado = _consultar(
                transaccion=TransaccionPasarela(pk=pk), actor=None, intervalo_minimo=None, ahora=ahora
            )
        except Exception:
            logger.exception("Conciliación de la transacción %s fallida", pk)
            cuentas["errores"] += 1
            continue
        if resultado is None:
            continue  # answered meanwhile by a confirmation
        cuentas["consultadas"] += 1
        if tx.estado == EstadoTransaccion.APROBADA:
            cuentas["aprobadas"] += 1
        elif tx.estado in (EstadoTransaccion.RECHAZADA, EstadoTransaccion.ERROR):
            cuentas["rechazadas"] += 1
        elif tx.estado == EstadoTransaccion.EXPIRADA:
            cuentas["expiradas"] += 1
        elif resultado in (ResultadoEvento.ERROR, ResultadoEvento.RECHAZADO):
            cuentas["errores"] += 1
        elif resultado == DESCONOCIDA and tx.creada_en <= vence:
            cuentas["expiradas"] += int(_expirar(tx=tx))
        else:
            cuentas["pendientes"] += 1
    return cuentas


def saldo_aplicable(pago: Pago) -> Decimal:
    """What of a receipt went to invoices (its value minus the saldo a favor)."""
    return pago.valor - pago.saldo_a_favor


def retorno_registrar(
    *, transaccion: TransaccionPasarela, parametros: dict[str, str], ip: str | None = None
) -> EventoPasarela:
    """Keep what the browser brought back on the response page (PayU's TX_VALUE, transactionState…)
    for staff to see: stored and IGNORED — a URL the payer can edit never changes state."""
    from urllib.parse import urlencode

    evento = _evento_guardar(
        pasarela=transaccion.pasarela,
        origen=OrigenEvento.RETORNO,
        cuerpo=urlencode({k: str(v)[:500] for k, v in list(parametros.items())[:50]}),
        ip=ip,
        transaccion=transaccion,
    )
    _evento_cerrar(
        evento, resultado=ResultadoEvento.IGNORADO, detalle="Página de respuesta: solo informativa."
    )
    return evento
