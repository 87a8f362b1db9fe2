"""Who is asking (the client IP behind trusted proxies) and how often (cache counters).

Every rate limit and django-axes identify clients with `ip_cliente`; the counters live in the
cache (Redis in production and CI), so they hold across processes.
"""

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from nucleo.paginas_error import es_personal


def ip_cliente(request) -> str:
    """The address the first trusted proxy saw, or REMOTE_ADDR when none is configured.

    Each of the PROXIES_CONFIABLES proxies appends the address it received from to
    X-Forwarded-For, so the client is the Nth entry from the right; whatever the client wrote
    itself sits further left and is ignored. With 0 (the default) the header is never read.
    """
    remota = request.META.get("REMOTE_ADDR", "")
    saltos = settings.PROXIES_CONFIABLES
    if saltos <= 0:
        return remota
    cadena = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    if not cadena:
        return remota
    try:
        return str(ipaddress.ip_address(cadena[-min(saltos, len(cadena))]))
    except ValueError:
        return remota


def limite_contar(clave: str, *, limite: int, segundos: int) -> bool:
    """Count one more; True while the count is within `limite` for this window."""
    cache.add(clave, 0, segundos)
    try:
        return cache.incr(clave) <= limite
    except ValueError:  # expired between add and incr
        cache.set(clave, 1, segundos)
        return True


def limite_alcanzado(clave: str, *, limite: int) -> bool:
    """True once `limite` have been counted in the current window (nothing is counted)."""
    return (cache.get(clave) or 0) >= limite


def _ventana() -> int:
    return settings.LIMITES_MINUTOS * 60


def _clave_ingreso(request) -> str:
    return f"limite:ingreso:ip:{ip_cliente(request)}"


def respuesta_demasiados_intentos(request, *, minutos: int | None, por_conexion: bool = False):
    """The Spanish 429 page for the portal, /gestion/ and /admin/."""
    return render(
        request,
        "errores/429.html",
        {
            "minutos": minutos,
            "personal": es_personal(request),
            "por_conexion": por_conexion,
        },
        status=429,
    )


class IngresoLimitadoPorIP:
    """Login view mixin: after INGRESO_MAX_FALLOS_POR_IP failures from one address, whatever
    documents or usernames they tried, that address gets the 429 page until the window ends.

    Axes' lockout is per document + IP; this one stops guessing across many documents.
    """

    def post(self, request, *args, **kwargs):
        if limite_alcanzado(_clave_ingreso(request), limite=settings.INGRESO_MAX_FALLOS_POR_IP):
            return respuesta_demasiados_intentos(request, minutos=settings.LIMITES_MINUTOS, por_conexion=True)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        limite_contar(
            _clave_ingreso(self.request), limite=settings.INGRESO_MAX_FALLOS_POR_IP, segundos=_ventana()
        )
        return super().form_invalid(form)


def contrasena_actual_bloqueada(usuario) -> bool:
    """Too many wrong current passwords typed inside this user's sessions (stop checking)."""
    return limite_alcanzado(
        f"limite:contrasena_actual:{usuario.pk}", limite=settings.CONTRASENA_ACTUAL_MAX_FALLOS
    )


def contrasena_actual_fallo(usuario) -> None:
    limite_contar(
        f"limite:contrasena_actual:{usuario.pk}",
        limite=settings.CONTRASENA_ACTUAL_MAX_FALLOS,
        segundos=_ventana(),
    )
