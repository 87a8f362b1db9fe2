"""Portal pages over PQRS and habeas data (pqrs)."""

from django.urls import path

from area_clientes import views_pqrs as v

urlpatterns = [
    path("pqrs/", v.pqrs_lista, name="pqrs"),
    path("pqrs/nueva/", v.pqrs_nueva, name="pqrs_nueva"),
    path("pqrs/<int:pk>/", v.pqrs_detalle, name="pqrs_detalle"),
    path("pqrs/<int:pk>/responder/", v.pqrs_responder, name="pqrs_responder"),
    path("pqrs/adjuntos/<int:pk>/", v.pqrs_adjunto, name="pqrs_adjunto"),
    path("perfil/mis-datos/", v.mis_datos, name="mis_datos"),
    path("perfil/mis-datos.json", v.mis_datos_json, name="mis_datos_json"),
    path("perfil/mis-datos.pdf", v.mis_datos_pdf, name="mis_datos_pdf"),
    path("perfil/mis-datos/solicitud/", v.mis_datos_solicitud, name="mis_datos_solicitud"),
]
