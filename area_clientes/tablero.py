"""The portal dashboard's figures, per profile; a bounded number of queries whatever the history."""

from django.utils import timezone

from area_clientes.pago_en_linea import pasarela_habilitada, transaccion_pendiente_del_cliente
from facturacion.selectors import (
    TIPOS_INQUILINO,
    TIPOS_PROPIETARIO,
    facturas_de,
    saldo_pendiente,
)
from pagos.selectors import ingresos_por_mes, ultimos_egresos, ultimos_pagos
from pqrs.selectors import pqrs_abiertas_del_tercero
from terceros.models import Tercero
from terceros.selectors import propiedades_del_propietario


def _inquilino(tercero: Tercero) -> dict:
    saldos = saldo_pendiente(tercero=tercero, tipos=TIPOS_INQUILINO)
    return {
        "saldo_pendiente": saldos["saldo"],
        "saldo_vencido": saldos["vencido"],
        "proxima_factura": saldos["proxima"],
        "ultimos_pagos": ultimos_pagos(tercero=tercero, cantidad=3),
        "pago_en_verificacion": transaccion_pendiente_del_cliente(tercero=tercero),
        "pago_en_linea": pasarela_habilitada() is not None,
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
    hoy = timezone.localdate()
    abiertas = pqrs_abiertas_del_tercero(tercero)
    for pqrs in abiertas:
        pqrs.restantes = pqrs.dias_restantes(hoy)
    contexto: dict = {"tercero": tercero, "pqrs_abiertas": abiertas}
    if tercero.es_inquilino:
        contexto.update(_inquilino(tercero))
    if tercero.es_propietario:
        contexto.update(_propietario(tercero))
    return contexto
