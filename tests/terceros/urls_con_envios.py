"""The project's URLs plus a stand-in for issue 4's "envios:generar_individual" (button test only)."""

from django.http import HttpResponse
from django.urls import include, path

from config.urls import urlpatterns as proyecto

envios = (
    [path("generar/<int:pk>/", lambda request, pk: HttpResponse(), name="generar_individual")],
    "envios",
)
urlpatterns = [
    path("prueba-envios/", include(envios)),
    *[p for p in proyecto if getattr(p, "namespace", None) != "envios"],
]
