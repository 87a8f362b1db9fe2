"""Demo invoicing: the active resolution. The rent invoices are issued month by month by the payments demo."""

from datetime import date

from facturacion.models import ResolucionFacturacion
from facturacion.services import resolucion_crear
from nucleo.fechas import mes_sumar

RESOLUCION_DEMO = "18764071234567"
MESES_DEMO = 12


def periodos_demo(hoy: date) -> list[date]:
    """The last twelve months, oldest first, ending with `hoy`'s."""
    return [mes_sumar(hoy, -n) for n in range(MESES_DEMO - 1, -1, -1)]


def cargar(*, hoy: date, stdout=None) -> dict[str, int]:
    periodos = periodos_demo(hoy)
    if not ResolucionFacturacion.objects.filter(numero=RESOLUCION_DEMO).exists():
        inicio = periodos[0].replace(day=1)
        resolucion_crear(
            numero=RESOLUCION_DEMO,
            fecha=inicio,
            prefijo="FV",
            desde=1001,
            hasta=9000,
            vigente_desde=inicio,
            vigente_hasta=mes_sumar(inicio, 24),
        )
    if stdout is not None:
        stdout.write(f"  resolución {RESOLUCION_DEMO}")
    return {}
