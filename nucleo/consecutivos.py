"""Named gap-free counters: receipts, payout vouchers, PQRS radicados."""

from nucleo.models import Consecutivo


def consecutivo_reservar(*, nombre: str, cantidad: int = 1) -> int:
    """Reserve the next `cantidad` numbers of a named counter under a row lock; returns the first.

    Call inside a transaction.
    """
    Consecutivo.objects.get_or_create(nombre=nombre)
    contador = Consecutivo.objects.select_for_update().get(nombre=nombre)
    contador.ultimo += cantidad
    contador.save(update_fields=["ultimo"])
    return contador.ultimo - cantidad + 1
