from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="area_clientes:inicio", permanent=False)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("customerarea/", include("area_clientes.urls")),
    path("gestion/", include("terceros.urls")),
    path("gestion/facturacion/", include("facturacion.urls")),
    path("gestion/pagos/", include("pagos.urls")),
    path("gestion/configuraciones/modulos-web/", include("envios.urls")),
]

# MEDIA_ROOT is never served by URL, not even with DEBUG: it holds the cached invoice, receipt
# and payout PDFs. Files leave only through views that check who asks (the logo has its own view).
