"""Portal access: who the logged-in client is, and the guard every portal view uses."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import resolve_url

from terceros.models import Tercero


def tercero_actual(request) -> Tercero | None:
    """The Tercero behind the session, or None for anonymous, staff or unlinked accounts."""
    user = request.user
    if not user.is_authenticated or user.is_staff or not user.is_active:
        return None
    return Tercero.objects.filter(usuario=user).first()


def cliente_required(view):
    """Portal views receive the logged-in Tercero as `request.tercero`."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        tercero = tercero_actual(request)
        if tercero is None:
            return redirect_to_login(request.get_full_path(), resolve_url("area_clientes:ingresar"))
        request.tercero = tercero
        return view(request, *args, **kwargs)

    return wrapper
