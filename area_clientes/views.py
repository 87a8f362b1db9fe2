"""Portal (/customerarea/) entry: login, logout, dashboard."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from area_clientes.acceso import cliente_required, tercero_actual
from area_clientes.forms import ElegirContrasenaForm, PortalLoginForm
from area_clientes.services import contrasena_por_enlace
from area_clientes.tablero import tablero_contexto
from terceros.tokens import activacion_token, recuperar_contrasena_token


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
    return render(request, "area_clientes/inicio.html", tablero_contexto(tercero=request.tercero))


def _usuario_del_enlace(uidb64: str, token: str, generador):
    """The portal user a signed link belongs to, or None if it is invalid, used or expired."""
    from django.utils.encoding import force_str
    from django.utils.http import urlsafe_base64_decode

    from terceros.models import Usuario

    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        usuario = Usuario.objects.get(pk=pk, is_staff=False, is_active=True, tercero__isnull=False)
    except (ValueError, TypeError, OverflowError, Usuario.DoesNotExist):
        return None
    return usuario if generador.check_token(usuario, token) else None


def _elegir_contrasena(request, uidb64, token, *, generador, titulo):
    usuario = _usuario_del_enlace(uidb64, token, generador)
    if usuario is None:
        return render(request, "area_clientes/enlace_invalido.html", {"titulo": titulo}, status=400)
    form = ElegirContrasenaForm(usuario, request.POST or None)
    if request.method == "POST" and form.is_valid():
        contrasena_por_enlace(usuario=usuario, contrasena=form.cleaned_data["new_password1"])
        messages.success(
            request, _("Su contraseña quedó guardada. Ya puede ingresar con su número de documento.")
        )
        return redirect("area_clientes:ingresar")
    return render(request, "area_clientes/elegir_contrasena.html", {"form": form, "titulo": titulo})


@require_http_methods(["GET", "POST"])
def activar(request, uidb64, token):
    """'Enlace de activación' from the password email: choose the first password."""
    return _elegir_contrasena(
        request, uidb64, token, generador=activacion_token, titulo=_("Active su acceso")
    )


@require_http_methods(["GET", "POST"])
def recuperar_confirmar(request, uidb64, token):
    """Self-service reset link: choose a new password."""
    return _elegir_contrasena(
        request, uidb64, token, generador=recuperar_contrasena_token, titulo=_("Elija una nueva contraseña")
    )
