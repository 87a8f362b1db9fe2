"""Staff reads of online payment attempts (Pagos en línea) and of money left as saldo a favor."""

from decimal import Decimal

from django.db.models import Prefetch, QuerySet, Sum

from facturacion.models import CERO
from nucleo.selectores import uno_o_404
from pagos.models import (
    EstadoPago,
    EventoPasarela,
    Pago,
    TransaccionFactura,
    TransaccionPasarela,
)
from terceros.models import Tercero


def _con_facturas(qs: QuerySet[TransaccionPasarela]) -> QuerySet[TransaccionPasarela]:
    return qs.prefetch_related(
        Prefetch(
            "items",
            queryset=TransaccionFactura.objects.select_related("factura")
            .only("transaccion_id", "valor", "factura__numero", "factura__descripcion")
            .order_by("factura__fecha_vencimiento", "pk"),
        )
    )


def transaccion_gestion(*, pk: int) -> TransaccionPasarela:
    """One attempt with its invoices and every raw event, newest first."""
    return uno_o_404(
        _con_facturas(
            TransaccionPasarela.objects.select_related("tercero", "pago", "creada_por").prefetch_related(
                Prefetch("eventos", queryset=EventoPasarela.objects.order_by("-recibido_en", "-pk"))
            )
        ),
        pk=pk,
    )


def saldo_a_favor_de(*, tercero: Tercero) -> Decimal:
    """Money the client paid online that no invoice could take (live receipts only)."""
    return Pago.objects.filter(tercero=tercero, estado=EstadoPago.VIGENTE, saldo_a_favor__gt=0).aggregate(
        t=Sum("saldo_a_favor", default=CERO)
    )["t"]
