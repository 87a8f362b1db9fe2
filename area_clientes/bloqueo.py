"""django-axes lockout answer: one Spanish page for the portal, /gestion/ and /admin/."""

import math

from nucleo.limites import respuesta_demasiados_intentos


def respuesta_bloqueo(request, original_response=None, credentials=None):
    # Axes retries with two arguments on TypeError: keep this signature tolerant.
    from axes.helpers import get_cool_off

    espera = get_cool_off(request)
    minutos = math.ceil(espera.total_seconds() / 60) if espera else None
    return respuesta_demasiados_intentos(request, minutos=minutos)


def usuario_del_intento(request, credentials=None):
    """The username django-axes records, read as axes does, fitted to its column.

    Axes cuts the user agent and the path to 255 characters but not the username: a longer one
    (or a NUL byte, which PostgreSQL refuses) made the failed login itself answer 500.
    """
    from axes.conf import settings as axes_settings

    campo = axes_settings.AXES_USERNAME_FORM_FIELD
    usuario = (credentials or getattr(request, "data", request.POST)).get(campo)
    if usuario is None:
        return None
    return str(usuario).replace("\x00", "")[:255]
