"""Portal PQRS pages and habeas data (Mis datos personales); every read scoped to request.tercero."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from area_clientes import datos_personales
from area_clientes.acceso import cliente_required
from area_clientes.forms_pqrs import PqrsForm, RespuestaClienteForm, SolicitudDatosForm
from nucleo.auditoria import Accion, auditoria_registrar
from nucleo.errores import OperacionRechazada
from nucleo.idempotencia import YaRegistrado, idempotencia_repetido
from nucleo.paginacion import paginar
from nucleo.pdf import respuesta_pdf
from pqrs.adjuntos import adjunto_respuesta
from pqrs.models import MensajePqrs, Pqrs
from pqrs.selectors import adjunto_de_tercero_o_404, pqrs_de_tercero_o_404, pqrs_del_tercero
from pqrs.services import pqrs_cliente_responder, pqrs_radicar

POR_PAGINA = 20


@require_GET
@cliente_required
def pqrs_lista(request):
    """'PQRS': the client's requests with their state and due date."""
    pagina = paginar(request, pqrs_del_tercero(request.tercero), por_pagina=POR_PAGINA)
    hoy = timezone.localdate()
    for pqrs in pagina:
        pqrs.restantes = pqrs.dias_restantes(hoy)
    return render(request, "area_clientes/pqrs/lista.html", {"pagina": pagina, "hoy": hoy})


def _radicada(request, pqrs: Pqrs):
    messages.success(
        request,
        _(
            "Radicamos su PQRS %(radicado)s. La responderemos a más tardar el %(fecha)s; le enviamos el radicado a su correo."
        )
        % {"radicado": pqrs.radicado, "fecha": date_format(pqrs.fecha_limite, "SHORT_DATE_FORMAT")},
    )
    return redirect("area_clientes:pqrs_detalle", pk=pqrs.pk)


@never_cache
@cliente_required
@require_http_methods(["GET", "POST"])
def pqrs_nueva(request):
    """'Crear una PQRS' with the seed's fields; a double submit files it once."""
    tercero = request.tercero
    form = PqrsForm(request.POST or None, request.FILES or None, tercero=tercero)
    if request.method == "POST":
        try:
            if not form.is_valid():
                idempotencia_repetido(Pqrs, datos=request.POST)
            else:
                datos = form.cleaned_data
                pqrs = pqrs_radicar(
                    tercero=tercero,
                    clasificacion=datos["clasificacion"],
                    asunto=datos["asunto"],
                    descripcion=datos["descripcion"],
                    fecha_inicio=datos["fecha_inicio"],
                    propiedad=datos["propiedad"],
                    contrato=datos["contrato"],
                    adjuntos=datos["adjuntos"],
                    actor=request.user,
                    clave_idempotencia=datos["clave_idempotencia"],
                )
                return _radicada(request, pqrs)
        except YaRegistrado as repetido:
            if repetido.objeto.tercero_id == tercero.pk:
                return _radicada(request, repetido.objeto)
            form.add_error(None, form.mensaje_sin_clave)
        except OperacionRechazada as exc:
            form.add_error(None, exc)
    return render(request, "area_clientes/pqrs/nueva.html", {"form": form})


def _detalle(request, pqrs: Pqrs, form: RespuestaClienteForm, *, status: int = 200):
    hoy = timezone.localdate()
    return render(
        request,
        "area_clientes/pqrs/detalle.html",
        {"pqrs": pqrs, "form": form, "hoy": hoy, "dias_restantes": pqrs.dias_restantes(hoy)},
        status=status,
    )


@require_GET
@cliente_required
def pqrs_detalle(request, pk):
    """One PQRS: its data, the due date with the business days left, the public thread, the reply form."""
    pqrs = pqrs_de_tercero_o_404(request.tercero, pk)
    return _detalle(request, pqrs, RespuestaClienteForm())


@cliente_required
@require_http_methods(["GET", "POST"])
def pqrs_responder(request, pk):
    """The client's message in the thread (answers a request for information: the clock resumes).

    GET shows the PQRS with the reply form (a bookmarked or emailed link to it still works).
    """
    pqrs = pqrs_de_tercero_o_404(request.tercero, pk)
    if request.method == "GET":
        return _detalle(request, pqrs, RespuestaClienteForm())
    form = RespuestaClienteForm(request.POST, request.FILES)
    try:
        if form.is_valid():
            pqrs_cliente_responder(
                pqrs=pqrs,
                texto=form.cleaned_data["texto"],
                adjuntos=form.cleaned_data["adjuntos"],
                actor=request.user,
                clave_idempotencia=form.cleaned_data["clave_idempotencia"],
            )
            messages.success(request, _("Enviamos su mensaje a la inmobiliaria."))
            return redirect("area_clientes:pqrs_detalle", pk=pqrs.pk)
        idempotencia_repetido(MensajePqrs, datos=request.POST)
    except YaRegistrado:
        return redirect("area_clientes:pqrs_detalle", pk=pqrs.pk)
    except OperacionRechazada as exc:
        form.add_error(None, exc)
    return _detalle(request, pqrs_de_tercero_o_404(request.tercero, pk), form)


@require_GET
@cliente_required
def pqrs_adjunto(request, pk):
    """An attachment of the client's own PQRS: a download, never shown inline."""
    return adjunto_respuesta(adjunto_de_tercero_o_404(request.tercero, pk))


# --- Habeas data (Ley 1581 de 2012) -------------------------------------------------------------


def _mis_datos(request, form, *, status: int = 200):
    return render(
        request,
        "area_clientes/mis_datos.html",
        {
            "form": form,
            "tercero": request.tercero,
            "solicitudes": datos_personales.solicitudes_de_datos(request.tercero),
        },
        status=status,
    )


@never_cache
@require_GET
@cliente_required
def mis_datos(request):
    """'Mis datos personales': download what the agency holds; request rectification and the rest."""
    return _mis_datos(request, SolicitudDatosForm())


def _descarga_auditada(request, formato: str) -> None:
    auditoria_registrar(
        actor=request.user,
        accion=Accion.PORTAL_DATOS_DESCARGADOS,
        mensaje=gettext_noop("Datos personales descargados en %(formato)s"),
        parametros={"formato": formato},
        objeto=request.tercero,
    )


@never_cache
@require_GET
@cliente_required
def mis_datos_json(request):
    contenido = datos_personales.datos_del_titular(request.tercero)
    _descarga_auditada(request, "JSON")
    respuesta = JsonResponse(contenido, json_dumps_params={"ensure_ascii": False, "indent": 2})
    respuesta["Content-Disposition"] = (
        f'attachment; filename="mis-datos-{request.tercero.numero_documento}.json"'
    )
    respuesta["Cache-Control"] = "private, no-store"
    respuesta["X-Content-Type-Options"] = "nosniff"
    return respuesta


@never_cache
@require_GET
@cliente_required
def mis_datos_pdf(request):
    contenido = datos_personales.datos_pdf(request.tercero)
    _descarga_auditada(request, "PDF")
    return respuesta_pdf(contenido, nombre=f"mis-datos-{request.tercero.numero_documento}.pdf")


@require_POST
@cliente_required
def mis_datos_solicitud(request):
    """A habeas-data request, filed as a PQRS of the right legal type with its term."""
    form = SolicitudDatosForm(request.POST)
    try:
        if not form.is_valid():
            idempotencia_repetido(Pqrs, datos=request.POST)
        else:
            pqrs = datos_personales.solicitud_radicar(
                tercero=request.tercero,
                tipo=form.cleaned_data["tipo"],
                detalle=form.cleaned_data["detalle"],
                actor=request.user,
                clave_idempotencia=form.cleaned_data["clave_idempotencia"],
            )
            return _radicada(request, pqrs)
    except YaRegistrado as repetido:
        if repetido.objeto.tercero_id == request.tercero.pk:
            return _radicada(request, repetido.objeto)
        form.add_error(None, form.mensaje_sin_clave)
    except OperacionRechazada as exc:
        form.add_error(None, exc)
    return _mis_datos(request, form)
