"""Branded 403/404/500 pages: the back-office look under /gestion/ and /admin/, the portal's elsewhere."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

PREFIJOS_PERSONAL = ("/gestion/", "/admin/")


def es_personal(request) -> bool:
    """Which world a path belongs to: staff back-office or client portal."""
    return request is not None and request.path.startswith(PREFIJOS_PERSONAL)


def _contexto(request) -> dict:
    return {"personal": es_personal(request)}


@requires_csrf_token
def pagina_403(request, exception=None):
    return render(request, "errores/403.html", _contexto(request), status=403)


@requires_csrf_token
def pagina_404(request, exception=None):
    return render(request, "errores/404.html", _contexto(request), status=404)


@requires_csrf_token
def csrf_fallido(request, reason=""):
    """An expired form (old tab, cookie cleared): a Spanish 403 that says to reload, not Django's page."""
    contexto = {**_contexto(request), "csrf": True}
    return render(request, "errores/403.html", contexto, status=403)


def pagina_500(request):
    """Rendered without context processors: the database may be what failed."""
    try:
        # The request object goes in only for the CSP nonce and the path; nothing here queries.
        html = loader.get_template("errores/500.html").render({**_contexto(request), "request": request})
    except Exception:
        logger.exception("La página de error 500 no se pudo mostrar")
        return HttpResponseServerError("<h1>Error del servidor (500)</h1>", content_type="text/html")
    return HttpResponseServerError(html)
