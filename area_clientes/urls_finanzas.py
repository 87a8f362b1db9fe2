"""Portal pages over invoices, payments and payouts (facturacion, pagos)."""

from django.urls import path

from area_clientes import views_finanzas as v
from area_clientes import views_pago_en_linea as pl

urlpatterns = [
    path("facturas/", v.facturas, name="facturas"),
    path("facturas/<int:pk>/pdf/", v.factura_pdf, name="factura_pdf"),
    path("facturas/<int:pk>/pagar/", pl.pagar, name="pagar"),
    path("facturas/pagar/", pl.pagar_varias, name="pagar_varias"),
    path("pagos-en-linea/<str:referencia>/", pl.pago_en_linea, name="pago_en_linea"),
    path("pagos-en-linea/<str:referencia>/estado/", pl.pago_en_linea_estado, name="pago_en_linea_estado"),
    path("pagos/", v.pagos, name="pagos"),
    path("pagos/<int:pk>/recibo.pdf", v.recibo_pdf, name="recibo_pdf"),
    path("comisiones/", v.comisiones, name="comisiones"),
    path("ingresos/", v.ingresos, name="ingresos"),
    path("ingresos/<int:pk>/comprobante.pdf", v.egreso_pdf, name="egreso_pdf"),
    path("estado-de-cuenta/", v.estado_cuenta_view, name="estado_cuenta"),
    path("estado-de-cuenta/pdf/", v.estado_cuenta_pdf, name="estado_cuenta_pdf"),
]
