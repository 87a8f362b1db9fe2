"""The gateways' server-to-server confirmations and the simulated gateway's checkout page.

A confirmation is answered 200 whether applied, duplicated or refused (a refused one is stored
and logged: retrying it would never make it valid, and PayU retries until it gets a 200). Only
an unexpected failure answers 500, so the gateway tries again later.
"""

import logging

import requests
from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from nucleo.limites import ip_cliente
from pagos.models import Pasarela
from pagos.pasarelas import pasarela_activa, pasarela_por_nombre
from pagos.pasarelas.simulada import DECISIONES
from pagos.services_en_linea import notificacion_procesar

logger = logging.getLogger("pagos.en_linea")

ENCABEZADOS_GUARDADOS = (
    "content-type",
    "content-length",
    "user-agent",
    "x-event-checksum",
    "x-forwarded-for",
)


def _encabezados(request) -> dict[str, str]:
    return {k.lower(): v[:500] for k, v in request.headers.items() if k.lower() in ENCABEZADOS_GUARDADOS}


def _confirmacion(request, pasarela: str) -> HttpResponse:
    resultado = notificacion_procesar(
        pasarela=pasarela, cuerpo=request.body, encabezados=_encabezados(request), ip=ip_cliente(request)
    )
    return HttpResponse(resultado.resultado, content_type="text/plain; charset=utf-8")


@csrf_exempt
@require_POST
def payu_confirmacion(request):
    return _confirmacion(request, Pasarela.PAYU)


@csrf_exempt
@require_POST
def wompi_eventos(request):
    return _confirmacion(request, Pasarela.WOMPI)


def _simulada_o_404():
    if pasarela_activa().nombre != Pasarela.SIMULADA or not settings.PAGOS_SIMULADA_PERMITIDA:
        # The simulator approves without money: it exists only where it is the active gateway, and
        # only where it is allowed (development, tests, a demo server set up on purpose).
        raise Http404
    return pasarela_por_nombre(Pasarela.SIMULADA)


@csrf_exempt
@require_POST
def simulada_confirmacion(request):
    _simulada_o_404()
    return _confirmacion(request, Pasarela.SIMULADA)


@csrf_exempt
@require_POST
def simulada_checkout(request):
    """The simulated gateway's page: the portal's form posts here; the payer picks the outcome.

    It is the gateway's site, not ours (hence no CSRF token: the fields are signed instead).
    """
    gw = _simulada_o_404()
    datos = {
        k: request.POST.get(k, "")[:500]
        for k in (
            "referencia",
            "valor",
            "moneda",
            "url_respuesta",
            "url_confirmacion",
            "firma",
            "comprador",
            "email",
        )
    }
    if not gw.formulario_valido(datos) or not url_has_allowed_host_and_scheme(
        datos["url_respuesta"], allowed_hosts={request.get_host()} | set(settings.ALLOWED_HOSTS)
    ):
        return render(request, "pagos/pasarelas/simulada_checkout.html", {"invalido": True}, status=400)
    decision = request.POST.get("decision", "")
    if decision not in DECISIONES:
        return render(request, "pagos/pasarelas/simulada_checkout.html", {"datos": datos})
    cuerpo = gw.confirmacion_cuerpo(
        referencia=datos["referencia"], valor=datos["valor"], moneda=datos["moneda"], decision=decision
    )
    try:
        estado_http = gw.confirmacion_enviar(url=datos["url_confirmacion"], cuerpo=cuerpo)
    except requests.RequestException as exc:
        logger.warning("La pasarela simulada no pudo confirmar %s: %s", datos["referencia"], exc)
        estado_http = None
    if estado_http != 200:
        # Like a real gateway, it will be asked again (conciliar_pagos answers from what it decided).
        logger.warning("Confirmación simulada de %s respondida %s", datos["referencia"], estado_http)
    return HttpResponseRedirect(datos["url_respuesta"])
