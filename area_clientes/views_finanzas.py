"""Portal pages over invoices, payments and payouts; every read is scoped to request.tercero."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.text import capfirst
from django.views.decorators.http import require_GET

from area_clientes.acceso import Perfil, cliente_required
from area_clientes.pago_en_linea import pasarela_habilitada, pendientes_por_factura
from facturacion.documentos import factura_pdf as factura_pdf_bytes
from facturacion.models import EstadoFactura, EstadoVisible
from facturacion.selectors import (
    TIPOS_INQUILINO,
    TIPOS_PROPIETARIO,
    factura_del_cliente,
    facturas_conteo,
    facturas_de,
)
from nucleo.entrada import entero_o_none
from nucleo.paginacion import paginar
from nucleo.pdf import respuesta_pdf
from pagos.documentos import egreso_pdf as egreso_pdf_bytes
from pagos.documentos import estado_cuenta_pdf as estado_cuenta_pdf_bytes
from pagos.documentos import recibo_pdf as recibo_pdf_bytes
from pagos.selectors import (
    anios_de_cuenta,
    anios_de_egresos,
    anios_de_pagos,
    egreso_del_cliente,
    egresos_de,
    estado_cuenta,
    ingresos_por_mes,
    pago_del_cliente,
    pagos_de,
)
from pagos.selectors_en_linea import saldo_a_favor_de

# The portal is mobile-first: shorter pages than the back-office's.
POR_PAGINA = 20
MOVIMIENTOS_POR_PAGINA = 50
ESTADOS_PORTAL = [e for e in EstadoVisible if e != EstadoVisible.ANULADA]


def _anio(request, *, defecto: int | None = None) -> int | None:
    anio = entero_o_none(request.GET.get("anio"), minimo=2000, maximo=2100)
    return defecto if anio is None else anio


def _lista_facturas(request, *, tipos, plantilla, pago_en_linea=False):
    estado = request.GET.get("estado", "")
    anio = _anio(request)
    hoy = timezone.localdate()  # one date for the count and the rows: their states agree
    # One GROUP BY gives the year filter and the row count (no separate COUNT(*)).
    conteo = facturas_conteo(tercero=request.tercero, tipos=tipos, a_la_fecha=hoy)
    pagina = paginar(
        request,
        facturas_de(tercero=request.tercero, tipos=tipos, estado=estado, anio=anio, a_la_fecha=hoy),
        por_pagina=POR_PAGINA,
        total=conteo.total(estado=estado, anio=anio),
    )
    pasarela = pasarela_habilitada() if pago_en_linea else None
    if pasarela is not None:
        # 'Pago en verificación' instead of a second offer: one query for the page.
        pendientes_por_factura([f for f in pagina if f.estado == EstadoFactura.FACTURADA])
    return render(
        request,
        plantilla,
        {
            "pagina": pagina,
            "estados": ESTADOS_PORTAL,
            "estado": estado,
            "anio": anio,
            "anios": conteo.anios,
            "pasarela": pasarela,
        },
    )


@require_GET
@cliente_required(perfil=Perfil.INQUILINO)
def facturas(request):
    """'Factura de Arrendamiento': the tenant's invoices."""
    return _lista_facturas(
        request, tipos=TIPOS_INQUILINO, plantilla="area_clientes/facturas.html", pago_en_linea=True
    )


@require_GET
@cliente_required(perfil=Perfil.PROPIETARIO)
def comisiones(request):
    """'Factura de la comisión': the owner's commission invoices."""
    return _lista_facturas(request, tipos=TIPOS_PROPIETARIO, plantilla="area_clientes/comisiones.html")


@require_GET
@cliente_required
def factura_pdf(request, pk):
    factura = factura_del_cliente(tercero=request.tercero, pk=pk)
    return respuesta_pdf(factura_pdf_bytes(factura=factura), nombre=factura.nombre_archivo)


@require_GET
@cliente_required(perfil=Perfil.INQUILINO)
def pagos(request):
    """'Historial de pagos' with receipt PDFs."""
    anio = _anio(request)
    return render(
        request,
        "area_clientes/pagos.html",
        {
            "pagina": paginar(request, pagos_de(tercero=request.tercero, anio=anio), por_pagina=POR_PAGINA),
            "anio": anio,
            "anios": anios_de_pagos(tercero=request.tercero),
        },
    )


@require_GET
@cliente_required
def recibo_pdf(request, pk):
    pago = pago_del_cliente(tercero=request.tercero, pk=pk)
    return respuesta_pdf(recibo_pdf_bytes(pago=pago), nombre=pago.nombre_archivo)


@require_GET
@cliente_required(perfil=Perfil.PROPIETARIO)
def ingresos(request):
    """'Historial de ingresos': the owner's payouts, with a chart by month."""
    anios = anios_de_egresos(tercero=request.tercero)
    anio = _anio(request)
    anio_grafico = anio or (anios[0] if anios else timezone.localdate().year)
    meses = ingresos_por_mes(tercero=request.tercero, anio=anio_grafico)
    return render(
        request,
        "area_clientes/ingresos.html",
        {
            "pagina": paginar(request, egresos_de(tercero=request.tercero, anio=anio), por_pagina=POR_PAGINA),
            "anio": anio,
            "anios": anios,
            "anio_grafico": anio_grafico,
            "total_anio": sum(meses),
            "grafico": {
                "anio": anio_grafico,
                "meses": [capfirst(str(MONTHS_3[m])) for m in range(1, 13)],
                "valores": [float(v) for v in meses],
            },
        },
    )


@require_GET
@cliente_required
def egreso_pdf(request, pk):
    egreso = egreso_del_cliente(tercero=request.tercero, pk=pk)
    return respuesta_pdf(egreso_pdf_bytes(egreso=egreso), nombre=egreso.nombre_archivo)


@require_GET
@cliente_required(perfil=Perfil.INQUILINO)
def estado_cuenta_view(request):
    """Every charge and payment of the year in date order, with the running balance."""
    anio = _anio(request, defecto=timezone.localdate().year)
    cuenta = estado_cuenta(tercero=request.tercero, anio=anio)
    anios = sorted({*anios_de_cuenta(tercero=request.tercero), timezone.localdate().year}, reverse=True)
    return render(
        request,
        "area_clientes/estado_cuenta.html",
        {
            "cuenta": cuenta,
            "saldo_a_favor": saldo_a_favor_de(tercero=request.tercero),
            "pagina": paginar(request, cuenta.movimientos, por_pagina=MOVIMIENTOS_POR_PAGINA),
            "anio": anio,
            "anios": anios,
        },
    )


@require_GET
@cliente_required(perfil=Perfil.INQUILINO)
def estado_cuenta_pdf(request):
    anio = _anio(request, defecto=timezone.localdate().year)
    contenido = estado_cuenta_pdf_bytes(tercero=request.tercero, anio=anio)
    return respuesta_pdf(contenido, nombre=f"estado-de-cuenta-{request.tercero.numero_documento}-{anio}.pdf")
