"""Financial part of the portal dashboard (tenant: invoices, payments; owner: payouts, properties).

The invoices/payments capability replaces this module and the two partials
templates/area_clientes/inicio/_inquilino.html and _propietario.html. Until then there is no
financial data anywhere, so the partials show honest empty states.
"""

from area_clientes.selectors import propiedades_del_propietario
from terceros.models import Tercero


def tablero_contexto(*, tercero: Tercero) -> dict:
    return {
        "propiedades": list(propiedades_del_propietario(tercero=tercero)) if tercero.es_propietario else [],
    }
