"""Access helpers for the /gestion/ back-office."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import resolve_url
from django_htmx.http import HttpResponseClientRedirect


def staff_required(view):
    """Anonymous → staff login; a logged-in non-staff account (a portal client) → 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            if request.headers.get("HX-Request") == "true":
                # htmx would swap the login page into the fragment: send the whole tab there instead.
                return HttpResponseClientRedirect(resolve_url("gestion:ingresar"))
            return redirect_to_login(request.get_full_path(), resolve_url("gestion:ingresar"))
        if not request.user.is_staff or not request.user.is_active:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


GRUPO_ADMINISTRADOR = "Administrador"
GRUPO_AUXILIAR = "Auxiliar"


def es_administrador(user) -> bool:
    return user.is_superuser or user.groups.filter(name=GRUPO_ADMINISTRADOR).exists()


def administrador_required(view):
    """Staff in the Administrador group (or superusers); an Auxiliar gets 403."""

    @staff_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not es_administrador(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
