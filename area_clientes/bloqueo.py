"""django-axes lockout answer: one Spanish page for the portal, /gestion/ and /admin/."""

import math

from django.conf import settings
from django.shortcuts import render

from nucleo.paginas_error import es_personal


def respuesta_bloqueo(request, original_response=None, credentials=None):
    # Axes retries with two arguments on TypeError: keep this signature tolerant.
    from axes.helpers import get_cool_off

    espera = get_cool_off(request)
    minutos = math.ceil(espera.total_seconds() / 60) if espera else None
    return render(
        request,
        "errores/429.html",
        {"minutos": minutos, "personal": es_personal(request)},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
