"""The project's URLs plus a view that fails, to see the 500 page (tests only)."""

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
handler403 = proyecto.handler403
handler404 = proyecto.handler404
handler500 = proyecto.handler500
