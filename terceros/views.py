"""Back-office (/gestion/) views for the agency's master data. Thin: form → service → redirect."""

import mimetypes

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import condition, require_GET, require_http_methods, require_POST

from nucleo.entrada import BuscarForm, entero_o_none, guardar_o_error
from nucleo.errores import OperacionRechazada
from nucleo.limites import IngresoLimitadoPorIP
from nucleo.paginacion import paginar
from nucleo.permisos import administrador_required, es_administrador, staff_required
from nucleo.selectores import uno_o_404
from terceros import selectors, services
from terceros.extensiones import paneles_inicio
from terceros.forms import (
    ContratoForm,
    EntidadForm,
    PropiedadForm,
    PropietariosFormSet,
    StaffLoginForm,
    TerceroBuscarForm,
    TerceroEditarForm,
    TerceroForm,
)
from terceros.models import Contrato, EstadoContrato, Propiedad, Tercero


class IngresarView(IngresoLimitadoPorIP, auth_views.LoginView):
    template_name = "gestion/ingresar.html"
    authentication_form = StaffLoginForm
    redirect_authenticated_user = True


salir = require_POST(auth_views.LogoutView.as_view(next_page="gestion:ingresar"))


@staff_required
def inicio(request):
    contexto = {"resumen": selectors.gestion_resumen(), "paneles": paneles_inicio(request=request)}
    return render(request, "gestion/inicio.html", contexto)


@staff_required
def configuraciones(request):
    return render(
        request, "gestion/configuraciones.html", {"es_administrador": es_administrador(request.user)}
    )


# --- terceros -------------------------------------------------------------------------------


@staff_required
def terceros(request):
    form = TerceroBuscarForm(request.GET or None)
    filtros = form.cleaned_data if form.is_valid() else {}
    qs = selectors.terceros_buscar(q=filtros.get("q", ""), clase=filtros.get("clase", ""))
    contexto = {"form": form, "pagina": paginar(request, qs)}
    return render(request, "terceros/lista.html", contexto)


@staff_required
@require_GET
def terceros_opciones(request):
    """The tercero picker's endpoint: ?q=…&clase=… → {"resultados": [{"value": id, "text": …}]}."""
    resultados = selectors.terceros_opciones(
        q=BuscarForm(request.GET).texto(), clase=request.GET.get("clase", "")
    )
    return JsonResponse({"resultados": resultados})


@staff_required
@require_http_methods(["GET", "POST"])
def tercero_nuevo(request):
    form = TerceroForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        tercero = guardar_o_error(
            form, lambda: services.tercero_crear(actor=request.user, campos=form.cleaned_data)
        )
        if tercero is not None:
            messages.success(request, _("Tercero %(t)s creado.") % {"t": tercero})
            return redirect("gestion:tercero_detalle", pk=tercero.pk)
    return render(request, "terceros/formulario.html", {"form": form, "titulo": _("Nuevo tercero")})


@staff_required
def tercero_detalle(request, pk):
    tercero = selectors.tercero_con_relaciones(pk=pk)
    return render(request, "terceros/detalle.html", {"tercero": tercero})


@sensitive_post_parameters("clave1", "clave2")
@staff_required
@require_http_methods(["GET", "POST"])
def tercero_editar(request, pk):
    tercero = uno_o_404(Tercero.objects.select_related("usuario"), pk=pk)
    form = TerceroEditarForm(request.POST or None, instance=tercero)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        if (
            guardar_o_error(
                form, lambda: services.tercero_actualizar(tercero=tercero, actor=request.user, campos=datos)
            )
            is None
        ):
            return render(
                request,
                "terceros/formulario.html",
                {"form": form, "tercero": tercero, "titulo": _("Editar tercero")},
            )
        messages.success(request, _("Tercero actualizado."))
        if datos["clave1"]:
            resultado = services.portal_contrasena_manual(
                tercero=tercero, contrasena=datos["clave1"], actor=request.user, notificar=datos["notificar"]
            )
            if resultado.correo_enviado:
                messages.success(
                    request, _("Clave de acceso guardada y enviada a %(e)s.") % {"e": tercero.email}
                )
            elif resultado.notificar:
                messages.warning(
                    request,
                    _(
                        "Clave de acceso guardada, pero el correo no se pudo enviar. Intente de nuevo más tarde."
                    ),
                )
            else:
                messages.success(request, _("Clave de acceso guardada (sin notificar al cliente)."))
        return redirect("gestion:tercero_detalle", pk=tercero.pk)
    return render(
        request, "terceros/formulario.html", {"form": form, "tercero": tercero, "titulo": _("Editar tercero")}
    )


# --- propiedades ----------------------------------------------------------------------------


@staff_required
def propiedades(request):
    form = BuscarForm(request.GET)
    contexto = {
        "form": form,
        "pagina": paginar(request, selectors.propiedades_buscar(q=form.texto())),
    }
    return render(request, "terceros/propiedades/lista.html", contexto)


@staff_required
def propiedad_detalle(request, pk):
    propiedad = selectors.propiedad_con_relaciones(pk=pk)
    return render(request, "terceros/propiedades/detalle.html", {"propiedad": propiedad})


def _propiedad_formulario(request, propiedad: Propiedad):
    nueva = propiedad.pk is None
    inicial = (
        []
        if nueva
        else [
            {"tercero": pp.tercero_id, "participacion": pp.participacion}
            for pp in propiedad.participaciones.all()
        ]
    )
    form = PropiedadForm(request.POST or None, instance=propiedad)
    propietarios = PropietariosFormSet(request.POST or None, initial=inicial, prefix="propietarios")
    if request.method == "POST" and form.is_valid() and propietarios.is_valid():
        try:
            guardada = guardar_o_error(
                form,
                lambda: services.propiedad_guardar(
                    propiedad=propiedad,
                    actor=request.user,
                    campos=form.cleaned_data,
                    propietarios=propietarios.propietarios(),
                ),
            )
        except OperacionRechazada as error:
            # Django has no public way to add a non-form error to a formset after validation.
            propietarios._non_form_errors = propietarios.error_class(error.messages)  # noqa: SLF001
        else:
            if guardada is not None:
                messages.success(request, _("Propiedad %(c)s guardada.") % {"c": guardada.codigo})
                return redirect("gestion:propiedad_detalle", pk=guardada.pk)
    titulo = _("Nueva propiedad") if nueva else _("Editar propiedad %(c)s") % {"c": propiedad.codigo}
    return render(
        request,
        "terceros/propiedades/formulario.html",
        {"form": form, "propietarios": propietarios, "propiedad": propiedad, "titulo": titulo},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def propiedad_nueva(request):
    return _propiedad_formulario(request, Propiedad())


@staff_required
@require_http_methods(["GET", "POST"])
def propiedad_editar(request, pk):
    return _propiedad_formulario(request, uno_o_404(Propiedad.objects, pk=pk))


# --- contratos ------------------------------------------------------------------------------


@staff_required
def contratos(request):
    form = BuscarForm(request.GET)
    estado = request.GET.get("estado", "")
    contexto = {
        "form": form,
        "estado": estado,
        "estados": EstadoContrato.choices,
        "pagina": paginar(request, selectors.contratos_buscar(q=form.texto(), estado=estado)),
    }
    return render(request, "terceros/contratos/lista.html", contexto)


@staff_required
def contrato_detalle(request, pk):
    contrato = selectors.contrato_con_relaciones(pk=pk)
    return render(request, "terceros/contratos/detalle.html", {"contrato": contrato})


def _contrato_formulario(request, contrato: Contrato):
    nuevo = contrato.pk is None
    inicial = {}
    if nuevo and (propiedad := entero_o_none(request.GET.get("propiedad"), minimo=1)) is not None:
        inicial["propiedad"] = propiedad
    form = ContratoForm(request.POST or None, instance=contrato, initial=inicial)
    if request.method == "POST" and form.is_valid():
        try:
            guardado = guardar_o_error(
                form,
                lambda: services.contrato_guardar(
                    contrato=contrato,
                    actor=request.user,
                    campos=form.cleaned_data,
                    codeudores=list(form.cleaned_data["codeudores"]),
                ),
            )
        except OperacionRechazada as error:
            form.add_error(None, error)
        else:
            if guardado is not None:
                messages.success(request, _("Contrato %(n)s guardado.") % {"n": guardado.numero})
                return redirect("gestion:contrato_detalle", pk=guardado.pk)
    titulo = _("Nuevo contrato") if nuevo else _("Editar contrato %(n)s") % {"n": contrato.numero}
    return render(
        request, "terceros/contratos/formulario.html", {"form": form, "contrato": contrato, "titulo": titulo}
    )


@staff_required
@require_http_methods(["GET", "POST"])
def contrato_nuevo(request):
    return _contrato_formulario(request, Contrato())


@staff_required
@require_http_methods(["GET", "POST"])
def contrato_editar(request, pk):
    return _contrato_formulario(request, uno_o_404(Contrato.objects, pk=pk))


# --- entidad --------------------------------------------------------------------------------


@administrador_required
@require_http_methods(["GET", "POST"])
def entidad(request):
    actual = selectors.entidad_actual()
    form = EntidadForm(request.POST or None, request.FILES or None, instance=actual)
    if request.method == "POST" and form.is_valid():
        campos = {k: v for k, v in form.cleaned_data.items() if k != "logo"}
        services.entidad_actualizar(actor=request.user, campos=campos, logo=form.cleaned_data.get("logo"))
        messages.success(request, _("Datos de la entidad guardados."))
        return redirect("gestion:entidad")
    return render(request, "terceros/entidad.html", {"form": form})


def _logo_modificado(request):
    entidad = selectors.entidad_actual()
    return entidad.actualizado_en if entidad.logo else None


@require_GET
@condition(last_modified_func=_logo_modificado)
def marca_logo(request):
    """The agency's logo for every page and email; served by Django so it works with DEBUG off."""
    entidad = selectors.entidad_actual()
    if not entidad.logo:
        raise Http404
    try:
        archivo = entidad.logo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    tipo = mimetypes.guess_type(entidad.logo.name)[0] or "application/octet-stream"
    respuesta = FileResponse(archivo, content_type=tipo)
    patch_cache_control(respuesta, public=True, max_age=86400)
    return respuesta
