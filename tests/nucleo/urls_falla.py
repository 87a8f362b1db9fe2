"""The project's URLs plus a view that fails, to see the 500 page (tests only)."""

from django.conf import urls as por_defecto
from django.db import OperationalError
from django.urls import path

from config import urls as proyecto


def _falla(request):
    raise OperationalError("la base de datos no responde")


urlpatterns = [
    path("customerarea/falla/", _falla),
    path("gestion/falla/", _falla),
    *proyecto.urlpatterns,
]
# The project's handlers, or Django's own where it sets none (what the real URLconf would answer).
handler403 = getattr(proyecto, "handler403", por_defecto.handler403)
handler404 = getattr(proyecto, "handler404", por_defecto.handler404)
handler500 = getattr(proyecto, "handler500", por_defecto.handler500)
