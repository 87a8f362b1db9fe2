"""Back-office (/gestion/pagos/): payments received (recibos de caja) and owner payouts (egresos)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nucleo.errores import OperacionRechazada
from nucleo.idempotencia import YaRegistrado, idempotencia_repetido
from nucleo.paginacion import paginar
from nucleo.pdf import respuesta_pdf
from nucleo.permisos import administrador_required, es_administrador, staff_required
from pagos.documentos import egreso_pdf as egreso_pdf_bytes
from pagos.documentos import recibo_pdf as recibo_pdf_bytes
from pagos.forms import (
    AnularDineroForm,
    ConfirmarEgresoForm,
    ElegirClienteForm,
    FiltroEgresosForm,
    FiltroPagosForm,
    LiquidarForm,
    PagoForm,
)
from pagos.models import Egreso, EstadoEgreso, EstadoPago, MetodoPago, Pago
from pagos.selectors import egreso_gestion, egresos_gestion, pago_gestion, pagos_gestion
from pagos.services import egreso_anular, egreso_confirmar, egreso_liquidar, pago_anular, pago_registrar


@require_GET
@staff_required
def pagos(request):
    filtro = FiltroPagosForm(request.GET or None)
    datos = filtro.cleaned_data if filtro.is_valid() else {}
    qs = pagos_gestion(
        buscar=datos.get("buscar", ""),
        metodo=datos.get("metodo", ""),
        saldo_a_favor=datos.get("saldo_a_favor", False),
    )
    pagina = paginar(request, qs)
    return render(request, "pagos/pagos.html", {"filtro": filtro, "pagina": pagina})


@require_http_methods(["GET", "POST"])
@staff_required
def pago_nuevo(request):
    """Step 1: pick the client; step 2: choose invoices, method, value → recibo de caja."""
    elegido = request.POST.get("tercero") or request.GET.get("tercero")
    elegir = ElegirClienteForm({"tercero": elegido} if elegido else None)
    tercero = elegir.cleaned_data["tercero"] if elegir.is_valid() else None
    form = None
    if tercero is not None:
        inicial = {"facturas": request.GET.getlist("factura")}
        form = PagoForm(request.POST or None, tercero=tercero, initial=inicial)
        if request.method == "POST":
            try:
                if not form.is_valid():
                    idempotencia_repetido(Pago, datos=request.POST)
                else:
                    datos = form.cleaned_data
                    pago = pago_registrar(
                        tercero=tercero,
                        valor=datos["valor"],
                        metodo=datos["metodo"],
                        facturas=list(datos["facturas"]),
                        fecha=datos["fecha"],
                        referencia=datos["referencia"],
                        observaciones=datos["observaciones"],
                        actor=request.user,
                        clave_idempotencia=datos["clave_idempotencia"],
                    )
                    messages.success(
                        request, _("Pago registrado: recibo de caja %(codigo)s.") % {"codigo": pago.codigo}
                    )
                    return redirect("pagos:pago", pk=pago.pk)
            except YaRegistrado as repetido:
                messages.info(
                    request,
                    _("Este pago ya estaba registrado: recibo de caja %(codigo)s.")
                    % {"codigo": repetido.objeto.codigo},
                )
                return redirect("pagos:pago", pk=repetido.objeto.pk)
            except OperacionRechazada as exc:
                form.add_error(None, exc)
    return render(
        request,
        "pagos/pago_nuevo.html",
        {"elegir": elegir, "tercero": tercero, "form": form},
    )


@require_GET
@staff_required
def pago(request, pk):
    return _pago_detalle(request, pago_gestion(pk=pk), AnularDineroForm())


def _pago_detalle(request, pago, anular_form, status=200):
    # An offset receipt is reversed with its payout, never alone.
    puede_anular = (
        pago.estado == EstadoPago.VIGENTE
        and pago.metodo != MetodoPago.CRUCE
        and es_administrador(request.user)
    )
    return render(
        request,
        "pagos/pago.html",
        {"pago": pago, "anular_form": anular_form if puede_anular else None},
        status=status,
    )


@require_POST
@administrador_required
def pago_anular_view(request, pk):
    pago = pago_gestion(pk=pk)
    form = AnularDineroForm(request.POST)
    if form.is_valid():
        try:
            pago_anular(pago=pago, motivo=form.cleaned_data["motivo"], actor=request.user)
        except OperacionRechazada as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Recibo %(codigo)s anulado; el saldo de sus facturas quedó de nuevo pendiente.")
                % {"codigo": pago.codigo},
            )
            return redirect("pagos:pago", pk=pago.pk)
    # Shown even when the receipt is already annulled, so the refusal is read next to it.
    return render(request, "pagos/pago.html", {"pago": pago_gestion(pk=pk), "anular_form": form}, status=400)


@require_GET
@staff_required
def recibo_pdf(request, pk):
    pago = pago_gestion(pk=pk)
    return respuesta_pdf(recibo_pdf_bytes(pago=pago), nombre=pago.nombre_archivo)


@require_GET
@staff_required
def egresos(request):
    filtro = FiltroEgresosForm(request.GET or None)
    datos = filtro.cleaned_data if filtro.is_valid() else {}
    qs = egresos_gestion(
        estado=datos.get("estado", ""), buscar=datos.get("buscar", ""), periodo=datos.get("periodo")
    )
    pagina = paginar(request, qs)
    return render(request, "pagos/egresos.html", {"filtro": filtro, "pagina": pagina})


@require_http_methods(["GET", "POST"])
@staff_required
def egreso_nuevo(request):
    """Settle a contract's collected rent for a period (liquidación) → draft payout(s)."""
    form = LiquidarForm(request.POST or None, initial={"contrato": request.GET.get("contrato", "")})
    if request.method == "POST":
        try:
            if not form.is_valid():
                idempotencia_repetido(Egreso, datos=request.POST)
            else:
                datos = form.cleaned_data
                nuevos = egreso_liquidar(
                    contrato=datos["contrato"],
                    periodo=datos["periodo"],
                    otros_descuentos=datos["otros_descuentos"] or 0,
                    descripcion_descuentos=datos["descripcion_descuentos"],
                    actor=request.user,
                    clave_idempotencia=datos["clave_idempotencia"],
                )
                messages.success(
                    request, _("Liquidación creada en borrador; revísela y confírmela al pagar.")
                )
                return redirect("pagos:egreso", pk=nuevos[0].pk)
        except YaRegistrado as repetido:
            messages.info(request, _("Esta liquidación ya estaba registrada."))
            return redirect("pagos:egreso", pk=repetido.objeto.pk)
        except OperacionRechazada as exc:
            form.add_error(None, exc)
    return render(request, "pagos/egreso_nuevo.html", {"form": form})


@require_GET
@staff_required
def egreso(request, pk):
    egreso = egreso_gestion(pk=pk)
    form = ConfirmarEgresoForm() if egreso.estado == EstadoEgreso.BORRADOR else None
    return _egreso_detalle(request, egreso, form=form, anular_form=AnularDineroForm())


def _egreso_detalle(request, egreso, *, form=None, anular_form=None, status=200):
    if egreso.estado == EstadoEgreso.ANULADO or not es_administrador(request.user):
        anular_form = None
    return render(
        request,
        "pagos/egreso.html",
        {"egreso": egreso, "form": form, "anular_form": anular_form},
        status=status,
    )


@require_POST
@administrador_required
def egreso_anular_view(request, pk):
    egreso = egreso_gestion(pk=pk)
    form = AnularDineroForm(request.POST)
    if form.is_valid():
        try:
            egreso_anular(egreso=egreso, motivo=form.cleaned_data["motivo"], actor=request.user)
        except OperacionRechazada as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Liquidación %(codigo)s anulada.") % {"codigo": egreso.codigo})
            return redirect("pagos:egreso", pk=egreso.pk)
    return render(
        request, "pagos/egreso.html", {"egreso": egreso_gestion(pk=pk), "anular_form": form}, status=400
    )


@require_POST
@staff_required
def egreso_confirmar_view(request, pk):
    egreso = egreso_gestion(pk=pk)
    form = ConfirmarEgresoForm(request.POST)
    if form.is_valid():
        try:
            egreso = egreso_confirmar(egreso=egreso, actor=request.user, **form.cleaned_data)
        except OperacionRechazada as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Egreso %(codigo)s confirmado.") % {"codigo": egreso.codigo})
            return redirect("pagos:egreso", pk=egreso.pk)
    return _egreso_detalle(request, egreso, form=form, anular_form=AnularDineroForm(), status=400)


@require_GET
@staff_required
def egreso_pdf(request, pk):
    egreso = egreso_gestion(pk=pk)
    return respuesta_pdf(egreso_pdf_bytes(egreso=egreso), nombre=egreso.nombre_archivo)
