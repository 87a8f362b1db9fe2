"""What PQRS adds to the back-office home (registered in PqrsConfig.ready())."""

from terceros.extensiones import PanelInicio, panel_inicio_registrar


def _contexto_inicio(request) -> dict:
    from pqrs.selectors_gestion import pqrs_resumen_gestion

    return {"pqrs_resumen": pqrs_resumen_gestion()}


def registrar() -> None:
    panel_inicio_registrar(
        nombre="pqrs.vencimientos",
        panel=PanelInicio(plantilla="pqrs/gestion/_inicio.html", contexto=_contexto_inicio),
    )
