"""Back-office PQRS (/gestion/pqrs/): the inbox, one case with its actions, Registrar PQRS, settings.

Thin views: a selector loads, a form validates, one pqrs service acts (and audits), then redirect.
A refused action re-renders the case with the message next to its form and the typed text kept.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nucleo.errores import OperacionRechazada
from nucleo.idempotencia import YaRegistrado, idempotencia_repetido
from nucleo.paginacion import paginar
from nucleo.permisos import administrador_required, staff_required
from pqrs import plazos, services, services_gestion
from pqrs import selectors_gestion as selectors
from pqrs.adjuntos import adjunto_respuesta
from pqrs.forms_gestion import (
    AsignarForm,
    CerrarForm,
    ConfiguracionPqrsForm,
    ElegirTerceroForm,
    FiltroBandejaForm,
    NotaForm,
    ProrrogarForm,
    RegistrarPqrsForm,
    ResponderForm,
    SolicitarInformacionForm,
)
from pqrs.models import ESTADOS_CON_RELOJ, EstadoPqrs, MensajePqrs, Pqrs
from pqrs.selectors import configuracion_pqrs


def _hoy():
    return plazos.fecha_local(timezone.now())


@require_GET
@staff_required
def pqrs_bandeja(request):
    filtro = FiltroBandejaForm(request.GET or None)
    datos = filtro.filtros()
    hoy = _hoy()
    consulta = selectors.pqrs_bandeja(
        estado=datos.get("estado", ""),
        clasificacion=datos.get("clasificacion", ""),
        asignado=datos.get("asignado", ""),
        vence=datos.get("vence", ""),
        texto=datos.get("texto", ""),
        usuario=request.user,
        hoy=hoy,
    )
    pagina = paginar(request, consulta)
    filas = [(p, p.semaforo(hoy), p.dias_restantes(hoy)) for p in pagina]
    contexto = {
        "filtro": filtro,
        "pagina": pagina,
        "filas": filas,
        "resumen": selectors.pqrs_resumen_gestion(hoy),
        "hoy": hoy,
    }
    return render(request, "pqrs/gestion/bandeja.html", contexto)


# --- one case -------------------------------------------------------------------------------------


def _prorroga(pqrs: Pqrs, hoy) -> tuple[object | None, str]:
    """(the due date an extension granted today would give, or None; why not)."""
    if pqrs.estado not in ESTADOS_CON_RELOJ:
        return None, ""
    try:
        nueva = plazos.prorroga_limite(
            recibida=pqrs.recibida_en,
            tipo=pqrs.tipo_legal,
            hoy=hoy,
            prorrogada=pqrs.prorrogada,
            dias_sabado=pqrs.sabado_habil,
            pausas=pqrs.pausas_fechas,
            dias_sugerencia=pqrs.termino_dias,
        )
    except plazos.PlazoError as exc:
        return None, " ".join(exc.messages)
    return nueva, ""


# The case page's action forms; each gets its own ids (two forms have `texto` and `adjuntos`).
_FORMULARIOS = {
    "asignar": AsignarForm,
    "responder": ResponderForm,
    "nota": NotaForm,
    "prorrogar": ProrrogarForm,
    "solicitar": SolicitarInformacionForm,
    "cerrar": CerrarForm,
    "desistir": CerrarForm,
}


def _formulario(nombre: str, *args, **kwargs):
    if not args and nombre == "desistir":
        kwargs.setdefault("initial", {"desistida": True})
    return _FORMULARIOS[nombre](*args, auto_id=f"{nombre}_%s", **kwargs)


def _detalle(request, pqrs: Pqrs, formularios: dict | None = None, status: int = 200):
    hoy = _hoy()
    formularios = formularios or {}
    esperando = pqrs.estado == EstadoPqrs.ESPERANDO_CLIENTE and pqrs.en_espera_desde is not None
    prorroga_hasta, prorroga_no = _prorroga(pqrs, hoy)
    contexto = {
        "pqrs": pqrs,
        "mensajes": list(pqrs.mensajes.all()),
        "historial": selectors.pqrs_historial(pqrs),
        "hoy": hoy,
        "semaforo": pqrs.semaforo(hoy),
        "dias_restantes": pqrs.dias_restantes(hoy),
        "abierta": pqrs.esta_abierta,
        "cerrable": pqrs.estado != EstadoPqrs.CERRADA,
        "respondible": pqrs.estado != EstadoPqrs.CERRADA,
        "puede_solicitar": pqrs.estado in ESTADOS_CON_RELOJ,
        "prorroga_hasta": prorroga_hasta,
        "prorroga_no": prorroga_no,
        "fin_espera": (
            plazos.fin_espera_cliente(desde=pqrs.en_espera_desde, dias_sabado=pqrs.sabado_habil)
            if esperando
            else None
        ),
        "puede_desistir": esperando
        and plazos.puede_desistirse(desde=pqrs.en_espera_desde, hoy=hoy, dias_sabado=pqrs.sabado_habil),
        **{f"{nombre}_form": formularios.get(nombre) or _formulario(nombre) for nombre in _FORMULARIOS},
        "asignar_form": formularios.get("asignar")
        or _formulario("asignar", initial={"usuario": pqrs.asignado_a_id}),
        "con_error": next(iter(formularios), ""),
    }
    visibles = {"asignar"} if pqrs.esta_abierta else set()
    if contexto["respondible"]:
        visibles |= {"responder", "nota"}
    if contexto["puede_solicitar"]:
        visibles.add("solicitar")
    if prorroga_hasta or "prorrogar" in formularios:
        visibles.add("prorrogar")
    if contexto["cerrable"]:
        visibles |= {"cerrar", "desistir"}
    # A refusal of an action this page no longer offers (the case changed meanwhile) goes on top.
    contexto["aviso_error"] = " ".join(
        " ".join(errores)
        for nombre, form in formularios.items()
        if nombre not in visibles
        for errores in form.errors.values()
    )
    return render(request, "pqrs/gestion/detalle.html", contexto, status=status)


@require_GET
@staff_required
def pqrs_detalle(request, pk):
    return _detalle(request, selectors.pqrs_de_gestion_o_404(pk))


def _accion(request, pk, *, nombre: str, ejecutar, exito: str, repetido: str = ""):
    """Bind the `nombre` form, run `ejecutar(pqrs, datos)`; on success redirect, else the case with the error.

    `repetido`: the form carries an idempotency key (it adds a message); a repeat of a submission
    already recorded (a double click, parallel posts) creates and sends nothing and says so.
    """
    pqrs = selectors.pqrs_de_gestion_o_404(pk)
    if nombre == "cerrar" and request.POST.get("desistida") in ("True", "true", "on", "1"):
        nombre = "desistir"
    form = _formulario(nombre, request.POST, request.FILES)
    try:
        if not form.is_valid():
            if repetido:
                idempotencia_repetido(MensajePqrs, datos=request.POST)
        else:
            ejecutar(pqrs, form.cleaned_data)
            messages.success(request, exito % {"radicado": pqrs.radicado})
            return redirect("gestion:pqrs_detalle", pk=pqrs.pk)
    except YaRegistrado:
        messages.info(request, repetido)
        return redirect("gestion:pqrs_detalle", pk=pqrs.pk)
    except OperacionRechazada as exc:
        form.add_error(None, exc)
    # Reloaded: a refused action may have been refused because the case changed meanwhile.
    return _detalle(request, selectors.pqrs_de_gestion_o_404(pk), {nombre: form}, status=400)


@require_POST
@staff_required
def pqrs_asignar(request, pk):
    return _accion(
        request,
        pk,
        nombre="asignar",
        ejecutar=lambda p, d: services.pqrs_asignar(pqrs=p, usuario=d["usuario"], actor=request.user),
        exito=_("Asignación de la PQRS %(radicado)s guardada."),
    )


@require_POST
@staff_required
def pqrs_responder(request, pk):
    return _accion(
        request,
        pk,
        nombre="responder",
        ejecutar=lambda p, d: services_gestion.pqrs_responder_gestion(
            pqrs=p,
            texto=d["texto"],
            adjuntos=d["adjuntos"],
            cerrar=d["cerrar"],
            actor=request.user,
            clave_idempotencia=d["clave_idempotencia"],
        ),
        exito=_("Respuesta enviada al cliente en la PQRS %(radicado)s."),
        repetido=_("Esta respuesta ya estaba registrada."),
    )


@require_POST
@staff_required
def pqrs_nota(request, pk):
    return _accion(
        request,
        pk,
        nombre="nota",
        ejecutar=lambda p, d: services.pqrs_nota(
            pqrs=p,
            texto=d["texto"],
            adjuntos=d["adjuntos"],
            actor=request.user,
            clave_idempotencia=d["clave_idempotencia"],
        ),
        exito=_("Nota interna agregada a la PQRS %(radicado)s."),
        repetido=_("Esta nota interna ya estaba registrada."),
    )


@require_POST
@staff_required
def pqrs_prorrogar(request, pk):
    return _accion(
        request,
        pk,
        nombre="prorrogar",
        ejecutar=lambda p, d: services.pqrs_prorrogar(
            pqrs=p,
            motivo=d["motivo"],
            actor=request.user,
            hoy=_hoy(),
            clave_idempotencia=d["clave_idempotencia"],
        ),
        exito=_("Plazo de la PQRS %(radicado)s prorrogado; se avisó al cliente."),
        repetido=_("Esta prórroga ya estaba registrada."),
    )


@require_POST
@staff_required
def pqrs_solicitar_informacion(request, pk):
    return _accion(
        request,
        pk,
        nombre="solicitar",
        ejecutar=lambda p, d: services.pqrs_solicitar_informacion(
            pqrs=p,
            texto=d["texto"],
            actor=request.user,
            hoy=_hoy(),
            clave_idempotencia=d["clave_idempotencia"],
        ),
        exito=_("Se pidió la información al cliente; el término de la PQRS %(radicado)s queda suspendido."),
        repetido=_("Esta solicitud de información ya estaba registrada."),
    )


@require_POST
@staff_required
def pqrs_cerrar(request, pk):
    return _accion(
        request,
        pk,
        nombre="cerrar",
        ejecutar=lambda p, d: services.pqrs_cerrar(
            pqrs=p, actor=request.user, desistida=d["desistida"], texto=d["texto"], hoy=_hoy()
        ),
        exito=_("PQRS %(radicado)s cerrada."),
    )


@require_GET
@staff_required
def pqrs_adjunto(request, pk):
    """Any attachment, internal notes' included: staff only."""
    return adjunto_respuesta(selectors.adjunto_de_gestion_o_404(pk))


# --- Registrar PQRS -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_required
def pqrs_registrar(request):
    """Step 1: pick the client; step 2: the request as it came (phone, email, in person)."""
    elegido = request.POST.get("tercero") or request.GET.get("tercero")
    elegir = ElegirTerceroForm({"tercero": elegido} if elegido else None)
    tercero = elegir.cleaned_data["tercero"] if elegir.is_valid() else None
    form = None
    if tercero is not None:
        form = RegistrarPqrsForm(request.POST or None, request.FILES or None, tercero=tercero)
        if request.method == "POST":
            try:
                if not form.is_valid():
                    idempotencia_repetido(Pqrs, datos=request.POST)
                else:
                    datos = form.cleaned_data
                    pqrs = services.pqrs_radicar(
                        tercero=tercero,
                        clasificacion=datos["clasificacion"],
                        tipo_legal=datos["tipo_legal"] or None,
                        asunto=datos["asunto"],
                        descripcion=datos["descripcion"],
                        fecha_inicio=datos["fecha_inicio"],
                        propiedad=datos["propiedad"],
                        contrato=datos["contrato"],
                        canal=datos["canal"],
                        recibida_en=datos["recibida_en"],
                        adjuntos=datos["adjuntos"],
                        actor=request.user,
                        clave_idempotencia=datos["clave_idempotencia"],
                    )
                    messages.success(
                        request,
                        _("PQRS radicada con el número %(radicado)s; vence el %(fecha)s.")
                        % {
                            "radicado": pqrs.radicado,
                            "fecha": date_format(pqrs.fecha_limite, "SHORT_DATE_FORMAT"),
                        },
                    )
                    return redirect("gestion:pqrs_detalle", pk=pqrs.pk)
            except YaRegistrado as repetido:
                messages.info(
                    request,
                    _("Esta PQRS ya estaba radicada: %(radicado)s.") % {"radicado": repetido.objeto.radicado},
                )
                return redirect("gestion:pqrs_detalle", pk=repetido.objeto.pk)
            except OperacionRechazada as exc:
                form.add_error(None, exc)
    status = 400 if request.method == "POST" and (form is None or form.errors) else 200
    return render(
        request,
        "pqrs/gestion/registrar.html",
        {"elegir": elegir, "tercero": tercero, "form": form},
        status=status,
    )


# --- Configuraciones → PQRS -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@administrador_required
def pqrs_configuracion(request):
    actual = configuracion_pqrs()
    form = ConfiguracionPqrsForm(
        request.POST or None,
        initial={"sabado_habil": actual.sabado_habil, "dias_sugerencia": actual.dias_sugerencia},
    )
    if request.method == "POST" and form.is_valid():
        services_gestion.configuracion_pqrs_guardar(
            sabado_habil=form.cleaned_data["sabado_habil"],
            dias_sugerencia=form.cleaned_data["dias_sugerencia"],
            actor=request.user,
        )
        messages.success(request, _("Configuración de PQRS guardada."))
        return redirect("gestion:pqrs_configuracion")
    contexto = {"form": form, "historial": selectors.configuracion_pqrs_historial()}
    return render(request, "pqrs/gestion/configuracion.html", contexto, status=400 if form.errors else 200)
