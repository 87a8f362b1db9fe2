"""Portal pages over invoices, payments and payouts (facturacion, pagos)."""

from django.urls import path

from area_clientes import views_finanzas as v

urlpatterns = [
    path("facturas/", v.facturas, name="facturas"),
    path("facturas/<int:pk>/pdf/", v.factura_pdf, name="factura_pdf"),
    path("pagos/", v.pagos, name="pagos"),
    path("pagos/<int:pk>/recibo.pdf", v.recibo_pdf, name="recibo_pdf"),
    path("comisiones/", v.comisiones, name="comisiones"),
    path("ingresos/", v.ingresos, name="ingresos"),
    path("ingresos/<int:pk>/comprobante.pdf", v.egreso_pdf, name="egreso_pdf"),
    path("estado-de-cuenta/", v.estado_cuenta_view, name="estado_cuenta"),
    path("estado-de-cuenta/pdf/", v.estado_cuenta_pdf, name="estado_cuenta_pdf"),
]
