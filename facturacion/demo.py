"""Demo invoicing: an active resolution and twelve months of rent invoices; idempotent."""

from datetime import date

from django.utils import timezone

from facturacion.models import ResolucionFacturacion
from facturacion.services import arriendos_facturar, resolucion_crear

RESOLUCION_DEMO = "18764071234567"
MESES_DEMO = 12


def periodos_demo(hoy: date | None = None) -> list[date]:
    """The last twelve months, oldest first, ending with the current one."""
    hoy = hoy or timezone.localdate()
    periodos = []
    anio, mes = hoy.year, hoy.month
    for _ in range(MESES_DEMO):
        periodos.append(date(anio, mes, 1))
        anio, mes = (anio, mes - 1) if mes > 1 else (anio - 1, 12)
    return periodos[::-1]


def cargar(*, stdout=None) -> dict[str, int]:
    periodos = periodos_demo()
    if not ResolucionFacturacion.objects.filter(numero=RESOLUCION_DEMO).exists():
        inicio = periodos[0].replace(day=1)
        resolucion_crear(
            numero=RESOLUCION_DEMO,
            fecha=inicio,
            prefijo="FV",
            desde=1001,
            hasta=9000,
            vigente_desde=inicio,
            vigente_hasta=date(inicio.year + 2, inicio.month, 1),
        )
    creadas = 0
    for periodo in periodos:
        creadas += arriendos_facturar(periodo=periodo)["creadas"]
    if stdout is not None:
        stdout.write(f"  resolución {RESOLUCION_DEMO}, facturas de arrendamiento nuevas: {creadas}")
    return {"facturas": creadas}
