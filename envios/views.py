"""Herramientas → Configuraciones → Módulos de integración web → Área de Clientes (staff only)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from envios.correo import CorreoPruebaError, correo_configuracion, correo_enviar_prueba
from envios.forms import ConfiguracionForm, GenerarForm
from envios.models import AlcanceEnvio, SolicitudEnvio
from envios.selectors import (
    auditoria_envios,
    cola_en_espera,
    cola_resumen,
    configuracion_leer,
    envios_fallidos_recientes,
    solicitudes_recientes,
    terceros_destinatarios,
)
from envios.services import (
    configuracion_actualizar,
    envios_cancelar_pendientes,
    envios_generar,
    envios_generar_individual,
)
from nucleo.entrada import entero_o_none
from nucleo.errores import OperacionRechazada
from nucleo.paginacion import paginar
from nucleo.permisos import staff_required
from nucleo.selectores import uno_o_404
from terceros.models import Tercero

POR_PAGINA = 20


def _contexto_cola(request) -> dict:
    pagina = paginar(request, cola_en_espera(), por_pagina=POR_PAGINA)
    return {"resumen": cola_resumen(), "pagina": pagina, "fallidos": envios_fallidos_recientes(limite=10)}


def _pagina(request, *, form=None, config_form=None, confirmar_con_acceso=0):
    resultado = None
    if (pk := entero_o_none(request.GET.get("resultado"), minimo=1)) is not None:
        resultado = SolicitudEnvio.objects.filter(pk=pk).first()
    contexto = {
        "form": form or GenerarForm(),
        "config_form": config_form or ConfiguracionForm(instance=configuracion_leer()),
        "resultado": resultado,
        "cancelados": entero_o_none(request.GET.get("cancelados"), minimo=0),
        "confirmar_con_acceso": confirmar_con_acceso,
        "solicitudes": solicitudes_recientes(limite=10),
        "auditoria": auditoria_envios(limite=15),
        **_contexto_cola(request),
    }
    return render(request, "envios/area_clientes.html", contexto)


@staff_required
@require_GET
def area_clientes(request):
    return _pagina(request)


def _con_acceso_por_confirmar(form) -> int:
    """Clients who already log in that a send to everyone would reach, if not yet confirmed."""
    datos = form.cleaned_data
    if datos["alcance"] != AlcanceEnvio.TODOS or datos["confirmado"]:
        return 0
    _con_email, _sin_email, con_acceso = terceros_destinatarios(
        clase=datos["clase"], filtro=datos["filtro"], seleccion=datos["terceros"], alcance=datos["alcance"]
    )
    return con_acceso


@staff_required
@require_POST
def generar(request):
    form = GenerarForm(request.POST)
    if form.is_valid() and (con_acceso := _con_acceso_por_confirmar(form)):
        # Say it before sending: the same form again, with a confirm button.
        datos = request.POST.copy()
        datos["confirmado"] = "True"
        return _pagina(request, form=GenerarForm(datos), confirmar_con_acceso=con_acceso)
    if form.is_valid():
        try:
            solicitud = envios_generar(
                actor=request.user,
                clase=form.cleaned_data["clase"],
                filtro=form.cleaned_data["filtro"],
                seleccion=form.cleaned_data["terceros"],
                alcance=form.cleaned_data["alcance"],
            )
        except OperacionRechazada as exc:
            form.add_error(None, exc)
        else:
            return redirect(f"{reverse('envios:area_clientes')}?resultado={solicitud.pk}")
    return _pagina(request, form=form)


@staff_required
@require_POST
def cancelar(request):
    cancelados = envios_cancelar_pendientes(actor=request.user)
    return redirect(f"{reverse('envios:area_clientes')}?cancelados={cancelados}")


@staff_required
@require_POST
def configurar(request):
    form = ConfiguracionForm(request.POST, instance=configuracion_leer())
    if not form.is_valid():
        return _pagina(request, config_form=form)
    configuracion_actualizar(actor=request.user, datos=form.cleaned_data)
    messages.success(request, _("La configuración del Área de Clientes quedó guardada."))
    return redirect("envios:area_clientes")


@staff_required
@require_GET
def cola(request):
    """Partial for htmx polling: Terceros a la espera de envío, progress and failures."""
    return render(request, "envios/_cola.html", _contexto_cola(request))


def _volver_al_tercero(pk: int) -> str:
    try:
        return reverse("gestion:tercero_editar", args=[pk])
    except NoReverseMatch:
        return reverse("gestion:inicio")


@staff_required
@require_POST
def generar_individual(request, pk):
    """'Generar contraseña aleatoria' on the tercero's edit page: queue one and send it now."""
    tercero = uno_o_404(Tercero.objects, pk=pk)
    try:
        envios_generar_individual(actor=request.user, tercero=tercero)
    except OperacionRechazada as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _(
                "Se generó una contraseña aleatoria para %(tercero)s y se está enviando a %(email)s. "
                "Llegará en unos momentos."
            )
            % {"tercero": tercero.nombre_completo, "email": tercero.email},
        )
    return redirect(_volver_al_tercero(tercero.pk))


@staff_required
@require_GET
def correo(request):
    """Configuración de Correo: the server mail goes through, and a test email to oneself."""
    return render(request, "envios/correo.html", {"configuracion": correo_configuracion()})


@staff_required
@require_POST
def correo_prueba(request):
    try:
        destinatario = correo_enviar_prueba(actor=request.user)
    except CorreoPruebaError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "El servidor de correo aceptó el correo de prueba para %(email)s. Revise esa bandeja de entrada."
            )
            % {"email": destinatario},
        )
    return redirect("envios:correo")
