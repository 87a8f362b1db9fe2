"""Demo rent invoices, payments and payouts, month by month; idempotent and the same on every run.

Most rent is paid around its due date; some is paid late, partly, or not at all (overdue), including
for the demo tenant and the demo 'both' client. Fully paid months are settled with the owners
(commission invoice + payout), and the payouts older than a few days are confirmed.
"""

import hashlib
import heapq
import itertools
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from facturacion.demo import periodos_demo
from facturacion.models import EstadoFactura, Factura, TipoFactura
from facturacion.services import arriendos_facturar, fecha_en_periodo
from nucleo.fechas import mes_sumar
from pagos.models import EstadoEgreso, EstadoTransaccion, MetodoPago, Pasarela, TransaccionPasarela
from pagos.pasarelas import pasarela_por_nombre
from pagos.services import egreso_confirmar, egreso_liquidar, liquidaciones_pendientes, pago_registrar
from pagos.services_en_linea import notificacion_procesar, transaccion_iniciar
from terceros.demo import PORTAL_AMBOS, PORTAL_INQUILINO
from terceros.models import Contrato, Usuario

METODOS = [
    MetodoPago.TRANSFERENCIA,
    MetodoPago.CONSIGNACION,
    MetodoPago.TRANSFERENCIA,
    MetodoPago.EFECTIVO,
    MetodoPago.TARJETA,
]


def _dado(*partes) -> int:
    """A stable pseudo-random number 0-99 per invoice, so reruns decide the same."""
    return int(hashlib.sha256("|".join(map(str, partes)).encode()).hexdigest()[:8], 16) % 100


def _plan(factura: Factura, hoy: date) -> tuple[Decimal, int] | None:
    """(amount, days after due date) to pay this rent invoice, or None to leave it unpaid."""
    documento = factura.tercero.numero_documento
    ultimo_mes = factura.periodo == hoy.replace(day=1)
    penultimo = factura.periodo == mes_sumar(hoy, -1)
    d = _dado(factura.contrato.numero, factura.periodo)
    if documento == PORTAL_INQUILINO[0]:
        if ultimo_mes:
            return None  # this month: unpaid (overdue once its due date passes)
        if penultimo:
            return (Decimal("500000"), 9)  # last month: a partial payment, the rest overdue
        return (factura.total, -2 + d % 5)
    if documento == PORTAL_AMBOS[0]:
        # Unpaid: this month, and last month while this month's invoice is not due yet, so the
        # 'both' client owes one overdue invoice on every day of the month.
        if ultimo_mes or (penultimo and hoy <= fecha_en_periodo(hoy, factura.contrato.dia_vencimiento)):
            return None
        return (factura.total, 12 if d < 20 else -1)
    if ultimo_mes and d < 45:
        return None
    if d < 6:
        return None  # a few old debts
    return (factura.total, -4 + d % 12)


def _mes(*, periodo: date, hoy: date, staff) -> tuple[int, int, int]:
    """One month, event by event in date order: each rent payment, the settlement with the owners three
    days later and the payout two days after that. Receipts, commission invoices and payouts are numbered
    as they are created, so only this order keeps every number in the order of its date."""
    eventos: list = []  # heap of (date, kind, tie-break, action, data)
    contador = itertools.count()

    def agendar(fecha: date, tipo: int, accion: str, *datos) -> None:
        heapq.heappush(eventos, (fecha, tipo, next(contador), accion, datos))

    pendientes = Factura.objects.filter(
        periodo=periodo,
        tipo=TipoFactura.ARRENDAMIENTO,
        estado=EstadoFactura.FACTURADA,
        aplicaciones__isnull=True,
    ).select_related("tercero", "contrato")
    for factura in sorted(pendientes, key=lambda f: f.consecutivo):
        plan = _plan(factura, hoy)
        if plan is not None:
            valor, dias = plan
            fecha = min(factura.fecha_vencimiento + timedelta(days=dias), hoy)
            agendar(max(fecha, factura.fecha_emision), 0, "pagar", factura, valor)
    for contrato_id, periodo_liquidado in liquidaciones_pendientes(hasta_periodo=periodo):
        pagado = Factura.objects.filter(
            contrato_id=contrato_id, periodo=periodo_liquidado, tipo=TipoFactura.ARRENDAMIENTO
        ).aggregate(f=Max("pagos__fecha"))["f"]
        agendar(
            min(pagado + timedelta(days=3), hoy),
            1,
            "liquidar",
            Contrato.objects.get(pk=contrato_id),
            periodo_liquidado,
        )

    pagos = egresos = confirmados = 0
    while eventos:
        fecha, _tipo, _orden, accion, datos = heapq.heappop(eventos)
        if accion == "pagar":
            factura, valor = datos
            metodo = METODOS[_dado("m", factura.pk) % len(METODOS)]
            pago_registrar(
                tercero=factura.tercero,
                valor=valor,
                metodo=metodo,
                facturas=[factura],
                fecha=fecha,
                referencia=""
                if metodo == MetodoPago.EFECTIVO
                else f"{metodo[:3].upper()}-{_dado('r', factura.pk)}{factura.pk:05d}",
                actor=staff,
            )
            pagos += 1
            factura.refresh_from_db(fields=["estado"])
            if factura.estado == EstadoFactura.PAGADA:
                agendar(min(fecha + timedelta(days=3), hoy), 1, "liquidar", factura.contrato, factura.periodo)
        elif accion == "liquidar":
            contrato, periodo_liquidado = datos
            for egreso in egreso_liquidar(
                contrato=contrato, periodo=periodo_liquidado, fecha=fecha, actor=staff
            ):
                egresos += 1
                pago_egreso = fecha + timedelta(days=2)
                # This month's settlements stay partly in draft, for staff to confirm in the demo.
                borrador = periodo_liquidado == hoy.replace(day=1) and _dado("b", contrato.numero) < 40
                if (
                    not borrador
                    and pago_egreso <= hoy - timedelta(days=2)
                    and egreso.estado == EstadoEgreso.BORRADOR
                ):
                    agendar(pago_egreso, 2, "confirmar", egreso)
        else:
            (egreso,) = datos
            egreso_confirmar(egreso=egreso, fecha_pago=fecha, referencia=f"TRF-{egreso.pk:06d}", actor=staff)
            confirmados += 1
    return pagos, egresos, confirmados


def cargar(*, hoy: date, stdout=None) -> dict[str, int]:
    staff = Usuario.objects.filter(username="admin").first()
    facturas = pagos = egresos = confirmados = 0
    # Month by month, as the agency lives it: the rent invoices on the 1st, then the payments, then the
    # settlements with the owners. One resolution numbers rent and commission invoices alike, so only this
    # order keeps every invoice, receipt and payout number in the order of its date.
    for periodo in periodos_demo(hoy):
        facturas += arriendos_facturar(periodo=periodo)["creadas"]
        pagos_mes, egresos_mes, confirmados_mes = _mes(periodo=periodo, hoy=hoy, staff=staff)
        pagos += pagos_mes
        egresos += egresos_mes
        confirmados += confirmados_mes
    en_linea = _en_linea(hoy=hoy, staff=staff)
    if stdout is not None:
        stdout.write(
            f"  facturas de arrendamiento nuevas: {facturas}, pagos nuevos: {pagos}, "
            f"liquidaciones nuevas: {egresos} ({confirmados} confirmadas), pagos en línea nuevos: {en_linea}"
        )
    return {
        "facturas": facturas,
        "pagos": pagos,
        "egresos": egresos,
        "confirmados": confirmados,
        "en_linea": en_linea,
    }


def _deuda_antigua(*, hoy: date, excluir: set[int]) -> Factura | None:
    """An old unpaid rent invoice of a client who never logs in, that no rerun of the demo pays
    (`_plan` leaves it unpaid whatever the day), so the online attempts on it stay as they are."""
    candidatas = (
        Factura.objects.filter(
            tipo=TipoFactura.ARRENDAMIENTO, estado=EstadoFactura.FACTURADA, aplicaciones__isnull=True
        )
        .exclude(tercero__numero_documento__in=[PORTAL_INQUILINO[0], PORTAL_AMBOS[0]])
        .exclude(tercero_id__in=excluir)
        .exclude(periodo__gte=mes_sumar(hoy, -1))
        .select_related("contrato", "tercero")
        .order_by("periodo", "consecutivo")
    )
    return next((f for f in candidatas if _dado(f.contrato.numero, f.periodo) < 6), None)


def _confirmar_simulada(transaccion, decision: str) -> None:
    """The simulated gateway's signed confirmation, through the same code as a real one."""
    gw = pasarela_por_nombre(Pasarela.SIMULADA)
    cuerpo = gw.confirmacion_cuerpo(
        referencia=transaccion.referencia,
        valor=f"{transaccion.valor:.2f}",
        moneda=transaccion.moneda,
        decision=decision,
    )
    notificacion_procesar(
        pasarela=Pasarela.SIMULADA,
        cuerpo=cuerpo.encode(),
        encabezados={"Content-Type": "application/x-www-form-urlencoded", "User-Agent": "PasarelaSimulada/1"},
        ip="127.0.0.1",
    )


def _en_linea(*, hoy: date, staff) -> int:
    """Past online attempts, one of each state, for staff's Pagos en línea (the demo tenant keeps
    this month's invoice to pay with the simulated gateway). Loaded once: a rerun adds nothing."""
    if TransaccionPasarela.objects.exists():
        return 0
    creadas = []
    usados: set[int] = set()
    # Declined, then tried again and approved: one client, one invoice.
    factura = _deuda_antigua(hoy=hoy, excluir=usados)
    if factura is not None:
        usados.add(factura.tercero_id)
        for decision, motivo in [
            ("rechazar", ""),
            (EstadoTransaccion.EXPIRADA, "El pagador abandonó la pasarela"),
            (EstadoTransaccion.ERROR, "La entidad financiera no respondió"),
            ("aprobar", ""),
        ]:
            tx = transaccion_iniciar(tercero=factura.tercero, facturas=[factura])
            if decision in ("rechazar", "aprobar"):
                _confirmar_simulada(tx, decision)
            else:
                # Gateways report these on their own schedule; the demo writes the outcome they reach.
                TransaccionPasarela.objects.filter(pk=tx.pk).update(
                    estado=decision, motivo=motivo, proxima_consulta_en=None
                )
            creadas.append(tx.pk)
    # The demo 'both' client tried once and the card was declined: their return page has a story.
    ambos = (
        Factura.objects.pendientes()
        .filter(tercero__numero_documento=PORTAL_AMBOS[0], tipo=TipoFactura.ARRENDAMIENTO)
        .select_related("tercero")
        .order_by("fecha_vencimiento", "consecutivo")
        .first()
    )
    if ambos is not None:
        tx = transaccion_iniciar(tercero=ambos.tercero, facturas=[ambos])
        _confirmar_simulada(tx, "rechazar")
        creadas.append(tx.pk)
    # Still in verification (a PSE transfer the bank has not confirmed).
    factura = _deuda_antigua(hoy=hoy, excluir=usados)
    if factura is not None:
        creadas.append(transaccion_iniciar(tercero=factura.tercero, facturas=[factura]).pk)
    # The approval paid a month in full: settle it with the owner now, as a rerun would.
    for contrato_id, periodo in liquidaciones_pendientes(hasta_periodo=hoy.replace(day=1)):
        egreso_liquidar(
            contrato=Contrato.objects.get(pk=contrato_id), periodo=periodo, fecha=hoy, actor=staff
        )
    # Spread over the last days, oldest first, so the list reads like a history.
    ahora = timezone.now()
    for dias, pk in zip(range(len(creadas), 0, -1), creadas, strict=True):
        TransaccionPasarela.objects.filter(pk=pk).update(creada_en=ahora - timedelta(days=dias, hours=dias))
    return len(creadas)
