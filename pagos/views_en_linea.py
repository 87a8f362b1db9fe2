"""Back-office for online payments: Pagos en línea (every attempt and its raw events) and the gateway
panel in Configuraciones."""

import logging

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nucleo.errores import OperacionRechazada
from nucleo.paginacion import paginar
from nucleo.permisos import staff_required
from pagos.forms_en_linea import FiltroTransaccionesForm
from pagos.models import EstadoTransaccion, Pasarela
from pagos.pasarelas import pasarela_activa, pasarela_por_nombre
from pagos.selectors import transacciones_lista
from pagos.selectors_en_linea import transaccion_gestion
from pagos.services_en_linea import transaccion_consultar

logger = logging.getLogger(__name__)


@require_GET
@staff_required
def pagos_en_linea(request):
    filtro = FiltroTransaccionesForm(request.GET or None)
    datos = filtro.cleaned_data if filtro.is_valid() else {}
    qs = transacciones_lista(datos)
    return render(
        request,
        "pagos/en_linea.html",
        {"filtro": filtro, "pagina": paginar(request, qs), "tercero_elegido": datos.get("tercero")},
    )


@require_GET
@staff_required
def pago_en_linea(request, pk):
    transaccion = transaccion_gestion(pk=pk)
    return render(
        request,
        "pagos/en_linea_detalle.html",
        {
            "transaccion": transaccion,
            "pasarela": pasarela_por_nombre(transaccion.pasarela),
            "puede_consultar": transaccion.estado != EstadoTransaccion.APROBADA,
        },
    )


@require_POST
@staff_required
def pago_en_linea_consultar(request, pk):
    """'Consultar estado': ask the gateway now; its answer goes through the confirmation's code."""
    transaccion = transaccion_gestion(pk=pk)
    antes = transaccion.estado
    try:
        transaccion = transaccion_consultar(transaccion=transaccion, actor=request.user)
    except OperacionRechazada as exc:
        messages.error(request, _("No se pudo consultar la pasarela: %(motivo)s") % {"motivo": exc})
    else:
        if transaccion.estado == antes:
            messages.info(
                request,
                _("Consulta hecha: la transacción sigue %(estado)s.")
                % {"estado": transaccion.get_estado_display().lower()},
            )
        else:
            messages.success(
                request,
                _("Consulta hecha: la transacción pasó a %(estado)s.")
                % {"estado": transaccion.get_estado_display().lower()},
            )
    return redirect("pagos:pago_en_linea", pk=pk)


@require_GET
@staff_required
def pasarela_configuracion(request):
    """Which gateway is active, whether its credentials are complete (names only, never values), and the
    URLs to register in its dashboard, built from the site's public address."""
    activa = pasarela_activa()
    base = settings.SITE_URL.rstrip("/")
    return render(
        request,
        "pagos/pasarela_configuracion.html",
        {
            "activa": activa,
            "faltantes": activa.credenciales_faltantes(),
            "urls": activa.urls_a_registrar(base=base),
            "base": base,
            "opciones": [pasarela_por_nombre(p) for p in Pasarela.values],
        },
    )
