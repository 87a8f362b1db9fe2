"""Extension points for the apps that depend on invoicing (they register in their AppConfig.ready()).

Invoicing never imports its dependants: they add panels to the invoice page and guards to annulling.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from django.http import HttpRequest
from django.template.loader import render_to_string

from facturacion.models import Factura


@dataclass(frozen=True)
class PanelFactura:
    """A template rendered on the back-office invoice page, in the header actions or the main column."""

    zona: Literal["acciones", "cuerpo"]
    plantilla: str
    contexto: Callable[[Factura], dict]


_paneles: dict[str, PanelFactura] = {}
# A guard returns the Spanish reason an invoice cannot be annulled, or None.
_guardas_anular: dict[str, Callable[[Factura], str | None]] = {}


def panel_factura_registrar(*, nombre: str, panel: PanelFactura) -> None:
    _paneles[nombre] = panel  # keyed: a second ready() call replaces, never duplicates


def guarda_anular_registrar(*, nombre: str, guarda: Callable[[Factura], str | None]) -> None:
    _guardas_anular[nombre] = guarda


def paneles_factura(*, request: HttpRequest, factura: Factura) -> dict[str, list[str]]:
    zonas: dict[str, list[str]] = {"acciones": [], "cuerpo": []}
    for panel in _paneles.values():
        contexto = {"factura": factura, **panel.contexto(factura)}
        # render_to_string returns safe text: the panels go into the page unescaped
        zonas[panel.zona].append(render_to_string(panel.plantilla, contexto, request=request))
    return zonas


def motivo_no_anulable(factura: Factura) -> str | None:
    for guarda in _guardas_anular.values():
        if motivo := guarda(factura):
            return motivo
    return None
