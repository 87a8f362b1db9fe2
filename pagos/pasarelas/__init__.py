"""Payment gateways behind one interface; the agency picks one with PAGOS_PASARELA."""

from django.conf import settings

from pagos.models import Pasarela
from pagos.pasarelas.base import (
    Aviso,
    Comprador,
    Consulta,
    ConsultaFallida,
    FormularioPasarela,
    NotificacionIlegible,
    PasarelaBase,
)

__all__ = [
    "Aviso",
    "Comprador",
    "Consulta",
    "ConsultaFallida",
    "FormularioPasarela",
    "NotificacionIlegible",
    "PasarelaBase",
    "pasarela_activa",
    "pasarela_por_nombre",
]


def pasarela_por_nombre(nombre: str) -> PasarelaBase:
    from pagos.pasarelas.payu import PasarelaPayU
    from pagos.pasarelas.simulada import PasarelaSimulada
    from pagos.pasarelas.wompi import PasarelaWompi

    clases = {Pasarela.PAYU: PasarelaPayU, Pasarela.WOMPI: PasarelaWompi, Pasarela.SIMULADA: PasarelaSimulada}
    try:
        return clases[nombre]()
    except KeyError:
        raise ValueError(f"Pasarela desconocida: {nombre!r}") from None


def pasarela_activa() -> PasarelaBase:
    return pasarela_por_nombre(getattr(settings, "PAGOS_PASARELA", Pasarela.SIMULADA) or Pasarela.SIMULADA)
