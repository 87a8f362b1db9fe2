"""django-axes lockout answer: one Spanish page for the portal, /gestion/ and /admin/."""

import math

from django.conf import settings
from django.shortcuts import render


def respuesta_bloqueo(request, original_response=None, credentials=None):
    # Axes retries with two arguments on TypeError: keep this signature tolerant.
    from axes.helpers import get_cool_off

    espera = get_cool_off(request)
    minutos = math.ceil(espera.total_seconds() / 60) if espera else None
    personal = request.path.startswith(("/gestion/", "/admin/"))
    return render(
        request,
        "area_clientes/bloqueado.html",
        {"minutos": minutos, "personal": personal},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
