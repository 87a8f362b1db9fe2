from django.urls import path

from area_clientes import urls_finanzas, urls_pqrs, views

app_name = "area_clientes"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("ingresar/", views.IngresarView.as_view(), name="ingresar"),
    path("salir/", views.salir, name="salir"),
    path("perfil/", views.perfil, name="perfil"),
    path("manual/", views.manual, name="manual"),
    path("cambiar-contrasena/", views.cambiar_contrasena, name="cambiar_contrasena"),
    path("autorizacion-datos/", views.autorizacion_datos, name="autorizacion_datos"),
    path("recuperar-contrasena/", views.recuperar, name="recuperar"),
    path("recuperar-contrasena/enviado/", views.recuperar_enviado, name="recuperar_enviado"),
    path("activar/<uidb64>/<token>/", views.activar, name="activar"),
    path("recuperar-contrasena/<uidb64>/<token>/", views.recuperar_confirmar, name="recuperar_confirmar"),
    *urls_finanzas.urlpatterns,
    *urls_pqrs.urlpatterns,
]
