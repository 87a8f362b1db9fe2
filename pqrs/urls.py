"""Back-office PQRS URLs. No app_name: config/urls.py joins them to the `gestion` namespace
(`gestion:pqrs_bandeja`), as the contract names them, without terceros importing pqrs."""

from django.urls import path

from pqrs import views_gestion as vistas

urlpatterns = [
    path("pqrs/", vistas.pqrs_bandeja, name="pqrs_bandeja"),
    path("pqrs/nueva/", vistas.pqrs_registrar, name="pqrs_registrar"),
    path("pqrs/<int:pk>/", vistas.pqrs_detalle, name="pqrs_detalle"),
    path("pqrs/<int:pk>/asignar/", vistas.pqrs_asignar, name="pqrs_asignar"),
    path("pqrs/<int:pk>/responder/", vistas.pqrs_responder, name="pqrs_responder"),
    path("pqrs/<int:pk>/nota/", vistas.pqrs_nota, name="pqrs_nota"),
    path("pqrs/<int:pk>/prorrogar/", vistas.pqrs_prorrogar, name="pqrs_prorrogar"),
    path(
        "pqrs/<int:pk>/solicitar-informacion/",
        vistas.pqrs_solicitar_informacion,
        name="pqrs_solicitar_informacion",
    ),
    path("pqrs/<int:pk>/cerrar/", vistas.pqrs_cerrar, name="pqrs_cerrar"),
    path("pqrs/adjuntos/<int:pk>/", vistas.pqrs_adjunto, name="pqrs_adjunto"),
    path("configuraciones/pqrs/", vistas.pqrs_configuracion, name="pqrs_configuracion"),
]
