"""Back-office (/gestion/facturacion/): invoices and billing resolutions."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from facturacion.documentos import factura_pdf as factura_pdf_bytes
from facturacion.extensiones import paneles_factura
from facturacion.forms import AnularForm, FacturaManualForm, FiltroFacturasForm, ItemFormSet, ResolucionForm
from facturacion.models import Factura
from facturacion.selectors import factura_gestion, facturas_gestion
from facturacion.selectors import resoluciones as resoluciones_lista
from facturacion.services import (
    LineaFactura,
    factura_anular,
    factura_emitir,
    resolucion_crear,
)
from nucleo.errores import OperacionRechazada
from nucleo.idempotencia import YaRegistrado, idempotencia_repetido
from nucleo.paginacion import paginar
from nucleo.pdf import respuesta_pdf
from nucleo.permisos import staff_required


@require_GET
@staff_required
def facturas(request):
    filtro = FiltroFacturasForm(request.GET or None)
    datos = filtro.cleaned_data if filtro.is_valid() else {}
    qs = facturas_gestion(
        estado=datos.get("estado", ""),
        tipo=datos.get("tipo", ""),
        buscar=datos.get("buscar", ""),
        periodo=datos.get("periodo"),
        vencidas=datos.get("vencidas", False),
    )
    pagina = paginar(request, qs)
    return render(request, "facturacion/facturas.html", {"filtro": filtro, "pagina": pagina})


@require_GET
@staff_required
def factura(request, pk):
    return _factura_detalle(request, factura_gestion(pk=pk), AnularForm())


def _factura_detalle(request, factura, anular_form, status=200):
    return render(
        request,
        "facturacion/factura.html",
        {
            "factura": factura,
            "items": factura.items.all(),
            "paneles": paneles_factura(request=request, factura=factura),
            "anular_form": anular_form,
        },
        status=status,
    )


@require_GET
@staff_required
def factura_pdf(request, pk):
    factura = factura_gestion(pk=pk)
    return respuesta_pdf(factura_pdf_bytes(factura=factura), nombre=factura.nombre_archivo)


@require_POST
@staff_required
def factura_anular_view(request, pk):
    factura = factura_gestion(pk=pk)
    form = AnularForm(request.POST)
    if form.is_valid():
        try:
            factura_anular(factura=factura, motivo=form.cleaned_data["motivo"], actor=request.user)
        except OperacionRechazada as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("La factura %(numero)s quedó anulada.") % {"numero": factura.numero})
            return redirect("facturacion:factura", pk=factura.pk)
    # The reason typed stays in the form, with the error next to it.
    return _factura_detalle(request, factura, form, status=400)


@require_http_methods(["GET", "POST"])
@staff_required
def factura_nueva(request):
    form = FacturaManualForm(request.POST or None, initial={"tercero": request.GET.get("tercero", "")})
    items = ItemFormSet(request.POST or None, prefix="items")
    if request.method == "POST":
        try:
            if not (form.is_valid() and items.is_valid()):
                idempotencia_repetido(Factura, datos=request.POST)
            else:
                factura = factura_emitir(
                    **_factura_manual(form.cleaned_data, items.cleaned_data), actor=request.user
                )
                messages.success(request, _("Factura %(numero)s emitida.") % {"numero": factura.numero})
                return redirect("facturacion:factura", pk=factura.pk)
        except YaRegistrado as repetido:
            messages.info(
                request,
                _("Esta factura ya estaba emitida: %(numero)s.") % {"numero": repetido.objeto.numero},
            )
            return redirect("facturacion:factura", pk=repetido.objeto.pk)
        except OperacionRechazada as exc:
            form.add_error(None, exc)
    return render(request, "facturacion/factura_nueva.html", {"form": form, "items": items})


def _factura_manual(datos: dict, items: list[dict]) -> dict:
    """The invoice form's cleaned data as `factura_emitir` arguments."""
    return {
        "tercero": datos["tercero"],
        "tipo": datos["tipo"],
        "lineas": [
            LineaFactura(
                descripcion=i["descripcion"],
                cantidad=i["cantidad"],
                valor_unitario=i["valor_unitario"],
                iva_porcentaje=i["iva_porcentaje"],
            )
            for i in items
            if i
        ],
        "descripcion": datos["descripcion"],
        "fecha_emision": datos["fecha_emision"],
        "fecha_vencimiento": datos["fecha_vencimiento"],
        "contrato": datos["contrato"],
        "periodo": datos["periodo"],
        "clave_idempotencia": datos["clave_idempotencia"],
    }


@require_http_methods(["GET", "POST"])
@staff_required
def resoluciones(request):
    form = ResolucionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            resolucion = resolucion_crear(**form.cleaned_data, actor=request.user)
        except OperacionRechazada as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Resolución %(numero)s registrada; desde ahora se numera con ella.")
                % {"numero": resolucion.numero},
            )
            return redirect("facturacion:resoluciones")
    return render(
        request, "facturacion/resoluciones.html", {"form": form, "resoluciones": resoluciones_lista()}
    )
