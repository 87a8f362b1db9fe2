"""Portal online payment (issue 10): Realizar pago → Registrar pago → the gateway → Regresar al sitio.

Only the gateway's signed server-to-server confirmation changes a transaction (pagos.services_en_linea);
these pages create the attempt, hand the browser to the gateway, and show what the server knows.
"""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from area_clientes import pago_en_linea as sel
from area_clientes.acceso import Perfil, cliente_required
from area_clientes.forms import PagarEnLineaForm
from facturacion.models import EstadoFactura
from nucleo.entrada import entero_o_none
from nucleo.errores import OperacionRechazada
from nucleo.idempotencia import YaRegistrado
from pagos.models import EstadoTransaccion
from pagos.pasarelas import Comprador, pasarela_por_nombre
from pagos.services_en_linea import transaccion_consultar, transaccion_iniciar

# Where each gateway sends its server-to-server confirmation (Wompi's is set in its dashboard).
CONFIRMACION = {
    "payu": "pasarelas:payu_confirmacion",
    "wompi": "pasarelas:wompi_eventos",
    "simulada": "pasarelas:simulada_confirmacion",
}
# A repeat POST this soon after creating the same attempt is a double click: show that attempt again.
DOBLE_CLIC = timedelta(minutes=2)
MAX_FACTURAS = 24


def _pasarela_o_404():
    pasarela = sel.pasarela_habilitada()
    if pasarela is None:
        raise Http404
    return pasarela


def _ids(valores) -> list[int]:
    ids = [entero_o_none(v, minimo=1, maximo=2**31 - 1) for v in valores[: MAX_FACTURAS + 1]]
    if None in ids:
        raise Http404
    return ids


def _contexto(facturas, pasarela, form):
    pendientes = sel.pendientes_por_factura(facturas)
    pagables = [f for f in facturas if f.estado == EstadoFactura.FACTURADA and f.pk not in pendientes]
    return {
        "facturas": facturas,
        "pendientes": pendientes,
        "pagables": pagables,
        "todas_pagables": len(pagables) == len(facturas),
        "total_facturas": sum((f.total for f in facturas), 0),
        "valor_a_pagar": sum((f.saldo for f in pagables), 0),
        "pasarela": pasarela,
        "form": form,
    }


def _doble_clic(tercero, facturas):
    """The client's own pending attempt for exactly these invoices, created moments ago, or None."""
    pendientes = sel.pendientes_por_factura(facturas)
    transacciones = {t.pk: t for t in pendientes.values()}
    if len(pendientes) != len(facturas) or len(transacciones) != 1:
        return None
    (transaccion,) = transacciones.values()
    reciente = transaccion.creada_en >= timezone.now() - DOBLE_CLIC
    return transaccion if transaccion.tercero_id == tercero.pk and reciente else None


def _formulario_pasarela(request, transaccion):
    """The gateway's signed form, auto-posted by static/js/pasarela.js (a button without JS)."""
    pasarela = pasarela_por_nombre(transaccion.pasarela)
    tercero = transaccion.tercero
    formulario = pasarela.formulario(
        transaccion=transaccion,
        url_respuesta=sel.url_publica("area_clientes:pago_en_linea", transaccion.referencia),
        url_confirmacion=sel.url_publica(CONFIRMACION[transaccion.pasarela]),
        comprador=Comprador(
            email=tercero.email,
            nombre=tercero.nombre_completo,
            telefono=tercero.celular or tercero.telefono,
            documento=tercero.numero_documento,
        ),
    )
    return render(
        request,
        "area_clientes/pago_pasarela.html",
        {"transaccion": transaccion, "pasarela": pasarela, "formulario": formulario},
    )


def _registrar_pago(request, facturas, *, varias: bool):
    pasarela = _pasarela_o_404()
    form = PagarEnLineaForm(request.POST or None)
    status = 200
    if request.method == "POST":
        tercero = request.tercero
        if form.is_valid():
            try:
                transaccion = transaccion_iniciar(tercero=tercero, facturas=facturas, actor=request.user)
            except YaRegistrado as repetido:  # once the service takes the form's key (CONTRATO, 15:10)
                transaccion = repetido.objeto
                if transaccion.tercero_id != tercero.pk:
                    raise Http404 from None
            except OperacionRechazada as exc:
                transaccion = _doble_clic(tercero, facturas)
                if transaccion is None:
                    form.add_error(None, exc)
            if not form.errors:
                return _formulario_pasarela(request, transaccion)
        status = 400
    contexto = _contexto(facturas, pasarela, form)
    contexto["varias"] = varias
    return render(request, "area_clientes/registrar_pago.html", contexto, status=status)


@require_http_methods(["GET", "POST"])
@cliente_required(perfil=Perfil.INQUILINO)
def pagar(request, pk):
    """'Registrar pago' for one invoice: GET shows it, POST creates the attempt and goes to the gateway."""
    facturas = sel.facturas_para_pagar(tercero=request.tercero, ids=[pk])
    return _registrar_pago(request, facturas, varias=False)


@require_http_methods(["GET", "POST"])
@cliente_required(perfil=Perfil.INQUILINO)
def pagar_varias(request):
    """Several pending invoices in one transaction: GET ?facturas=… shows them (or lets the client pick),
    POST facturas=…&facturas=… pays their balance."""
    pasarela = _pasarela_o_404()
    if request.method == "POST":
        valores = request.POST.getlist("facturas")
    else:
        valores = request.GET.getlist("facturas")
    if not valores:
        if request.method == "POST":
            messages.error(request, _("Elija al menos una factura pendiente."))
        disponibles = list(sel.facturas_pagables(tercero=request.tercero)[:MAX_FACTURAS])
        pendientes = sel.pendientes_por_factura(disponibles)
        return render(
            request,
            "area_clientes/elegir_facturas.html",
            {"facturas": disponibles, "pendientes": pendientes, "pasarela": pasarela},
            status=400 if request.method == "POST" else 200,
        )
    facturas = sel.facturas_para_pagar(tercero=request.tercero, ids=_ids(valores))
    return _registrar_pago(request, facturas, varias=True)


def _estado_contexto(transaccion):
    return {
        "transaccion": transaccion,
        "facturas": [item.factura for item in transaccion.items.all()],
        "pendiente": transaccion.estado == EstadoTransaccion.PENDIENTE,
        "aprobada": transaccion.estado == EstadoTransaccion.APROBADA,
    }


@require_GET
@cliente_required(perfil=Perfil.INQUILINO)
def pago_en_linea(request, referencia):
    """'Regresar al sitio': the gateway's response URL. Shows only what the server knows; whatever the
    query string says (the gateway appends its own view of the result), nothing here changes state."""
    transaccion = sel.transaccion_del_cliente(tercero=request.tercero, referencia=referencia)
    return render(request, "area_clientes/pago_en_linea.html", _estado_contexto(transaccion))


@require_GET
@cliente_required(perfil=Perfil.INQUILINO)
def pago_en_linea_estado(request, referencia):
    """The htmx partial the return page polls while the payment is in verification. It may ask the
    gateway (throttled: once per transaction per 30 s); the answer is applied by the same code as a
    confirmation."""
    transaccion = sel.transaccion_del_cliente(tercero=request.tercero, referencia=referencia)
    if transaccion.estado == EstadoTransaccion.PENDIENTE:
        # A gateway that cannot be reached leaves it pending (the service logs it); never an error here.
        transaccion_consultar(transaccion=transaccion, intervalo_minimo=sel.CONSULTA_CADA)
        transaccion = sel.transaccion_del_cliente(tercero=request.tercero, referencia=referencia)
    return render(request, "area_clientes/_pago_en_linea_estado.html", _estado_contexto(transaccion))
