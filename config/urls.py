from django.conf import settings
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

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
