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

from facturacion.demo import periodos_demo
from facturacion.models import EstadoFactura, Factura, TipoFactura
from facturacion.services import arriendos_facturar, fecha_en_periodo
from nucleo.fechas import mes_sumar
from pagos.models import EstadoEgreso, MetodoPago
from pagos.services import egreso_confirmar, egreso_liquidar, liquidaciones_pendientes, pago_registrar
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
    if stdout is not None:
        stdout.write(
            f"  facturas de arrendamiento nuevas: {facturas}, pagos nuevos: {pagos}, "
            f"liquidaciones nuevas: {egresos} ({confirmados} confirmadas)"
        )
    return {"facturas": facturas, "pagos": pagos, "egresos": egresos, "confirmados": confirmados}
