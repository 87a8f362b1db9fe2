from django.urls import path

from facturacion import views

app_name = "facturacion"

urlpatterns = [
    path("", views.facturas, name="facturas"),
    path("nueva/", views.factura_nueva, name="factura_nueva"),
    path("<int:pk>/", views.factura, name="factura"),
    path("<int:pk>/pdf/", views.factura_pdf, name="factura_pdf"),
    path("<int:pk>/anular/", views.factura_anular_view, name="factura_anular"),
    path("resoluciones/", views.resoluciones, name="resoluciones"),
]
