"""Back-office (/gestion/) views for the agency's master data."""

from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.views.decorators.http import require_POST

from terceros.forms import StaffLoginForm
from terceros.permisos import staff_required
from terceros.selectors import gestion_resumen


class IngresarView(auth_views.LoginView):
    template_name = "gestion/ingresar.html"
    authentication_form = StaffLoginForm
    redirect_authenticated_user = True


salir = require_POST(auth_views.LogoutView.as_view(next_page="gestion:ingresar"))


@staff_required
def inicio(request):
    return render(request, "gestion/inicio.html", {"resumen": gestion_resumen()})


@staff_required
def configuraciones(request):
    return render(request, "gestion/configuraciones.html")
