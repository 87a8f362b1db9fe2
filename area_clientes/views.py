"""Portal (/customerarea/) entry: login, logout, dashboard."""

from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.views.decorators.http import require_POST

from area_clientes.acceso import cliente_required, tercero_actual
from area_clientes.forms import PortalLoginForm


class IngresarView(auth_views.LoginView):
    template_name = "area_clientes/ingresar.html"
    authentication_form = PortalLoginForm
    next_page = "area_clientes:inicio"


salir = require_POST(auth_views.LogoutView.as_view(next_page="area_clientes:ingresar"))


def inicio(request):
    if tercero_actual(request) is None:
        return IngresarView.as_view()(request)
    return _tablero(request)


@cliente_required
def _tablero(request):
    return render(request, "area_clientes/inicio.html", {"tercero": request.tercero})
