"""Extension point of the back-office home page: apps that depend on terceros add panels to it
(registered in their AppConfig.ready()), so terceros never imports them."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string


@dataclass(frozen=True)
class PanelInicio:
    """A template rendered on /gestion/ under the counters, with the context its function gives."""

    plantilla: str
    contexto: Callable[[HttpRequest], dict]


_paneles: dict[str, PanelInicio] = {}


def panel_inicio_registrar(*, nombre: str, panel: PanelInicio) -> None:
    _paneles[nombre] = panel  # keyed: a second ready() call replaces, never duplicates


def paneles_inicio(*, request: HttpRequest) -> list[str]:
    # render_to_string returns safe text: the panels go into the page unescaped
    return [render_to_string(p.plantilla, p.contexto(request), request=request) for p in _paneles.values()]
