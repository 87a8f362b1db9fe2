"""Public gateway endpoints (mounted at /pasarelas/): CSRF-exempt, POST only."""

from django.urls import path

from pagos import views_pasarelas

app_name = "pasarelas"

urlpatterns = [
    path("payu/confirmacion/", views_pasarelas.payu_confirmacion, name="payu_confirmacion"),
    path("wompi/eventos/", views_pasarelas.wompi_eventos, name="wompi_eventos"),
    path("simulada/checkout/", views_pasarelas.simulada_checkout, name="simulada_checkout"),
    path("simulada/confirmacion/", views_pasarelas.simulada_confirmacion, name="simulada_confirmacion"),
]
