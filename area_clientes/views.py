"""Portal (/customerarea/) entry: login, logout, dashboard, profile, passwords, consent."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from area_clientes import services
from area_clientes.acceso import cliente_required, sesion_con_clave_temporal, siguiente_seguro, tercero_actual
from area_clientes.forms import (
    AutorizacionDatosForm,
    CambiarContrasenaForm,
    ElegirContrasenaForm,
    PerfilForm,
    PortalLoginForm,
    RecuperarForm,
)
from area_clientes.selectors import perfil_completitud
from area_clientes.tablero import tablero_contexto
from envios.selectors import configuracion_leer
from envios.services import SESION_CLAVE_TEMPORAL
from nucleo.limites import IngresoLimitadoPorIP, ip_cliente
from nucleo.tokens import activacion_token, recuperar_contrasena_token
from terceros.models import Usuario


class IngresarView(IngresoLimitadoPorIP, auth_views.LoginView):
    template_name = "area_clientes/ingresar.html"
    authentication_form = PortalLoginForm

    def dispatch(self, request, *args, **kwargs):
        if tercero_actual(request) is not None:
            return redirect("area_clientes:inicio")
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self):
        return reverse("area_clientes:inicio")


salir = require_POST(auth_views.LogoutView.as_view(next_page="area_clientes:ingresar"))


def inicio(request):
    """Anonymous (or staff): the login form. A client: the dashboard for their profile."""
    if tercero_actual(request) is None:
        return IngresarView.as_view()(request)
    return _tablero(request)


@cliente_required
def _tablero(request):
    tercero = request.tercero
    contexto = {
        "tercero": tercero,
        "completitud": perfil_completitud(tercero=tercero),
        **tablero_contexto(tercero=tercero),
    }
    return render(request, "area_clientes/inicio.html", contexto)


@sensitive_post_parameters("contrasena_actual")
@cliente_required
@require_http_methods(["GET", "POST"])
def perfil(request):
    form = PerfilForm(
        request.POST if request.method == "POST" else None, tercero=request.tercero, usuario=request.user
    )
    if request.method == "POST" and form.is_valid():
        cambiados = services.perfil_actualizar(tercero=request.tercero, actor=request.user, **form.cambios())
        if cambiados:
            messages.success(request, _("Sus datos quedaron actualizados."))
        else:
            messages.info(request, _("No hubo cambios en sus datos."))
        return redirect("area_clientes:perfil")
    return render(request, "area_clientes/perfil.html", {"form": form, "tercero": request.tercero})


@sensitive_post_parameters()
@never_cache
@cliente_required(permitir_temporal=True, permitir_sin_autorizacion=True)
@require_http_methods(["GET", "POST"])
def cambiar_contrasena(request):
    obligatorio = sesion_con_clave_temporal(request)
    datos = request.POST if request.method == "POST" else None
    # A session opened with a temporary password proved it just now (and spent it): no current
    # password to ask for, the client may not have one.
    form = (
        ElegirContrasenaForm(request.user, datos)
        if obligatorio
        else CambiarContrasenaForm(request.user, datos)
    )
    if request.method == "POST" and form.is_valid():
        usuario = services.contrasena_cambiar(
            usuario=request.user, contrasena=form.cleaned_data["new_password1"], era_temporal=obligatorio
        )
        # Keep this session; every other session of the user ends with the old hash.
        update_session_auth_hash(request, usuario)
        request.session.pop(SESION_CLAVE_TEMPORAL, None)
        messages.success(request, _("Su contraseña quedó cambiada."))
        return redirect(
            siguiente_seguro(request, "area_clientes:inicio" if obligatorio else "area_clientes:perfil")
        )
    return render(
        request,
        "area_clientes/cambiar_contrasena.html",
        {"form": form, "obligatorio": obligatorio, "next": request.GET.get("next", "")},
    )


@cliente_required(permitir_sin_autorizacion=True)
@require_http_methods(["GET", "POST"])
def autorizacion_datos(request):
    tercero = request.tercero
    if tercero.habeas_data_aceptado_en is not None:
        return redirect(siguiente_seguro(request))
    form = AutorizacionDatosForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.habeas_data_aceptar(tercero=tercero, actor=request.user, ip=ip_cliente(request))
        messages.success(request, _("Gracias. Su autorización quedó registrada."))
        return redirect(siguiente_seguro(request))
    return render(
        request,
        "area_clientes/autorizacion_datos.html",
        {"form": form, "tercero": tercero, "next": request.GET.get("next", "")},
    )


@require_http_methods(["GET", "POST"])
def recuperar(request):
    """Self-service reset by document number; the same answer whether it exists or not."""
    form = RecuperarForm(request.POST if request.method == "POST" else None, request=request)
    if request.method == "POST" and form.is_valid():
        services.recuperacion_solicitar(
            numero_documento=form.cleaned_data["numero_documento"], ip=ip_cliente(request)
        )
        return redirect("area_clientes:recuperar_enviado")
    return render(request, "area_clientes/recuperar.html", {"form": form})


@require_GET
def recuperar_enviado(request):
    return render(
        request, "area_clientes/recuperar_enviado.html", {"horas": settings.RECUPERAR_CONTRASENA_HORAS}
    )


def _usuario_del_enlace(uidb64: str, token: str, generador):
    """The portal user a signed link belongs to, or None if it is invalid, used or expired."""
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
    form = ElegirContrasenaForm(usuario, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contrasena_por_enlace(
                usuario=usuario,
                contrasena=form.cleaned_data["new_password1"],
                token=token,
                generador=generador,
            )
        except services.EnlaceUsado:
            return render(request, "area_clientes/enlace_invalido.html", {"titulo": titulo}, status=400)
        messages.success(
            request, _("Su contraseña quedó guardada. Ya puede ingresar con su número de documento.")
        )
        return redirect("area_clientes:ingresar")
    return render(request, "area_clientes/elegir_contrasena.html", {"form": form, "titulo": titulo})


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def activar(request, uidb64, token):
    """'Enlace de activación' from the password email: choose the first password."""
    return _elegir_contrasena(
        request, uidb64, token, generador=activacion_token, titulo=_("Active su acceso")
    )


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def recuperar_confirmar(request, uidb64, token):
    """Self-service reset link: choose a new password."""
    return _elegir_contrasena(
        request, uidb64, token, generador=recuperar_contrasena_token, titulo=_("Elija una nueva contraseña")
    )


@require_GET
def manual(request):
    """Manual de uso: public, so agencies can share the link and clients read it before logging in."""
    contexto = {
        "horas_temporal": configuracion_leer().horas_expiracion,
        "minutos_sesion": settings.SESSION_COOKIE_AGE // 60,
    }
    return render(request, "area_clientes/manual.html", contexto)
