from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from pqrs import urls as pqrs_urls
from terceros import urls as terceros_urls


class Favicon(RedirectView):
    """Browsers and bots ask /favicon.ico whatever the page links; resolved per request (manifest)."""

    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.ico")


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="area_clientes:inicio", permanent=False)),
    path("favicon.ico", Favicon.as_view()),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("customerarea/", include("area_clientes.urls")),
    # One back-office namespace: pqrs's staff pages join terceros's (two includes sharing the
    # `gestion` namespace would hide one another's names).
    path("gestion/", include((terceros_urls.urlpatterns + pqrs_urls.urlpatterns, "gestion"))),
    path("gestion/facturacion/", include("facturacion.urls")),
    path("gestion/pagos/", include("pagos.urls")),
    path("pasarelas/", include("pagos.urls_pasarelas")),
    path("gestion/configuraciones/modulos-web/", include("envios.urls")),
    path("gestion/configuraciones/pasarela/", include("pagos.urls_configuracion")),
]

# MEDIA_ROOT is never served by URL, not even with DEBUG: it holds the cached invoice, receipt
# and payout PDFs. Files leave only through views that check who asks (the logo has its own view).

handler403 = "nucleo.paginas_error.pagina_403"
handler404 = "nucleo.paginas_error.pagina_404"
handler500 = "nucleo.paginas_error.pagina_500"
