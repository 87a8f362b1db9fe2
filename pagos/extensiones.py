"""What payments add to invoicing through its extension points (registered in PagosConfig.ready())."""

from django.utils.translation import gettext as _

from facturacion.extensiones import PanelFactura, guarda_anular_registrar, panel_factura_registrar
from facturacion.models import Factura
from pagos.selectors import aplicaciones_de_factura, factura_en_liquidacion


def _liquidacion_impide_anular(factura: Factura) -> str | None:
    # Annulling the settlement annuls its commission invoice; alone it cannot be.
    if factura_en_liquidacion(factura=factura):
        return _("Esta factura de comisión pertenece a una liquidación de propietario; anule la liquidación.")
    return None


def registrar() -> None:
    panel_factura_registrar(
        nombre="pagos.registrar_pago",
        panel=PanelFactura(zona="acciones", plantilla="pagos/_factura_acciones.html", contexto=lambda f: {}),
    )
    panel_factura_registrar(
        nombre="pagos.aplicados",
        panel=PanelFactura(
            zona="cuerpo",
            plantilla="pagos/_factura_pagos.html",
            contexto=lambda f: {"aplicaciones": aplicaciones_de_factura(factura=f)},
        ),
    )
    guarda_anular_registrar(nombre="pagos.liquidacion", guarda=_liquidacion_impide_anular)
