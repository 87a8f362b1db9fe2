"""Portal access: who the logged-in client is, and the guard every portal view uses."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _

from envios.services import SESION_CLAVE_TEMPORAL
from terceros.models import Tercero


class Perfil(models.TextChoices):
    """Which portal profile a page needs (DESIGN §4: one person may hold both)."""

    INQUILINO = "inquilino", _("Inquilino")
    PROPIETARIO = "propietario", _("Propietario")
    CUALQUIERA = "cualquiera", _("Inquilino o propietario")


def tiene_perfil(tercero: Tercero, perfil: Perfil | None) -> bool:
    if perfil is None:
        return True
    if perfil == Perfil.INQUILINO:
        return tercero.es_inquilino
    if perfil == Perfil.PROPIETARIO:
        return tercero.es_propietario
    return tercero.es_inquilino or tercero.es_propietario


def tercero_actual(request) -> Tercero | None:
    """The Tercero behind the session, or None for anonymous, staff or unlinked accounts."""
    user = request.user
    if not user.is_authenticated or user.is_staff or not user.is_active:
        return None
    if getattr(request, "tercero", None) is not None:
        return request.tercero
    # The auth backend loads the Tercero with the user (select_related); templates read the same
    # `user.tercero` (menu by profile). A user loaded another way costs this one query.
    try:
        tercero = user.tercero
    except Tercero.DoesNotExist:
        return None
    request.tercero = tercero
    return tercero


def sesion_con_clave_temporal(request) -> bool:
    """This session was opened with a temporary password: the client must choose their own."""
    return bool(request.session.get(SESION_CLAVE_TEMPORAL))


def siguiente_seguro(request, por_defecto: str = "area_clientes:inicio") -> str:
    """The `next` parameter if it is a path on this site, else the default page; always a URL.

    Only a path ('/…') is taken: `redirect()` reads a bare word such as `on` as a URL name and
    fails with NoReverseMatch.
    """
    siguiente = request.POST.get("next") or request.GET.get("next") or ""
    if siguiente.startswith("/") and url_has_allowed_host_and_scheme(
        siguiente, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return siguiente
    return resolve_url(por_defecto)


def _con_siguiente(nombre_url: str, request) -> str:
    return f"{reverse(nombre_url)}?{urlencode({'next': request.get_full_path()})}"


def cliente_required(
    view=None,
    *,
    perfil: Perfil | None = None,
    permitir_temporal: bool = False,
    permitir_sin_autorizacion: bool = False,
):
    """Portal views receive the logged-in Tercero as `request.tercero`.

    Before any other page: a temporary password must be changed, then the habeas-data
    consent (Ley 1581) given. The two pages that do this opt out with the flags.
    `perfil` declares the profile the page needs; a client without it gets 403 (the menu
    never links there, so only a typed URL arrives).
    """

    def decorador(vista):
        @wraps(vista)
        def wrapper(request, *args, **kwargs):
            tercero = tercero_actual(request)
            if tercero is None:
                return redirect_to_login(request.get_full_path(), resolve_url("area_clientes:ingresar"))
            request.tercero = tercero
            if sesion_con_clave_temporal(request) and not permitir_temporal:
                return redirect(_con_siguiente("area_clientes:cambiar_contrasena", request))
            if tercero.habeas_data_aceptado_en is None and not permitir_sin_autorizacion:
                return redirect(_con_siguiente("area_clientes:autorizacion_datos", request))
            if not tiene_perfil(tercero, perfil):
                raise PermissionDenied
            return vista(request, *args, **kwargs)

        return wrapper

    return decorador(view) if view is not None else decorador
