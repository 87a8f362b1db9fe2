"""django-axes lockout answer: one Spanish page for the portal, /gestion/ and /admin/."""

import math

from nucleo.limites import respuesta_demasiados_intentos


def respuesta_bloqueo(request, original_response=None, credentials=None):
    # Axes retries with two arguments on TypeError: keep this signature tolerant.
    from axes.helpers import get_cool_off

    espera = get_cool_off(request)
    minutos = math.ceil(espera.total_seconds() / 60) if espera else None
    return respuesta_demasiados_intentos(request, minutos=minutos)
