"""The portal dashboard's figures, per profile; a bounded number of queries whatever the history."""

from django.utils import timezone

from facturacion.selectors import (
    TIPOS_INQUILINO,
    TIPOS_PROPIETARIO,
    facturas_de,
    saldo_pendiente,
)
from pagos.selectors import ingresos_por_mes, ultimos_egresos, ultimos_pagos
from terceros.models import Tercero
from terceros.selectors import propiedades_del_propietario


def _inquilino(tercero: Tercero) -> dict:
    saldos = saldo_pendiente(tercero=tercero, tipos=TIPOS_INQUILINO)
    return {
        "saldo_pendiente": saldos["saldo"],
        "saldo_vencido": saldos["vencido"],
        "proxima_factura": saldos["proxima"],
        "ultimos_pagos": ultimos_pagos(tercero=tercero, cantidad=3),
    }


def _propietario(tercero: Tercero) -> dict:
    anio = timezone.localdate().year
    return {
        "ultimos_egresos": ultimos_egresos(tercero=tercero, cantidad=3),
        "comisiones_recientes": list(facturas_de(tercero=tercero, tipos=TIPOS_PROPIETARIO)[:3]),
        "propiedades": propiedades_del_propietario(tercero=tercero),
        "ingresos_anio": sum(ingresos_por_mes(tercero=tercero, anio=anio)),
        "anio": anio,
    }


def tablero_contexto(*, tercero: Tercero) -> dict:
    """Keys for templates/area_clientes/inicio/_inquilino.html and _propietario.html."""
    contexto: dict = {"tercero": tercero}
    if tercero.es_inquilino:
        contexto.update(_inquilino(tercero))
    if tercero.es_propietario:
        contexto.update(_propietario(tercero))
    return contexto
