from django.urls import path

from pagos import views, views_en_linea

app_name = "pagos"

urlpatterns = [
    path("", views.pagos, name="pagos"),
    path("nuevo/", views.pago_nuevo, name="pago_nuevo"),
    path("<int:pk>/", views.pago, name="pago"),
    path("<int:pk>/recibo.pdf", views.recibo_pdf, name="recibo_pdf"),
    path("<int:pk>/anular/", views.pago_anular_view, name="pago_anular"),
    path("en-linea/", views_en_linea.pagos_en_linea, name="pagos_en_linea"),
    path("en-linea/<int:pk>/", views_en_linea.pago_en_linea, name="pago_en_linea"),
    path(
        "en-linea/<int:pk>/consultar/", views_en_linea.pago_en_linea_consultar, name="pago_en_linea_consultar"
    ),
    path("egresos/", views.egresos, name="egresos"),
    path("egresos/liquidar/", views.egreso_nuevo, name="egreso_nuevo"),
    path("egresos/<int:pk>/", views.egreso, name="egreso"),
    path("egresos/<int:pk>/confirmar/", views.egreso_confirmar_view, name="egreso_confirmar"),
    path("egresos/<int:pk>/pdf/", views.egreso_pdf, name="egreso_pdf"),
    path("egresos/<int:pk>/anular/", views.egreso_anular_view, name="egreso_anular"),
]
