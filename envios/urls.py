from django.urls import path

from envios import views

app_name = "envios"

urlpatterns = [
    path("correo/", views.correo, name="correo"),
    path("correo/prueba/", views.correo_prueba, name="correo_prueba"),
    path("area-clientes/", views.area_clientes, name="area_clientes"),
    path("area-clientes/generar/", views.generar, name="generar"),
    path("area-clientes/cancelar/", views.cancelar, name="cancelar"),
    path("area-clientes/configuracion/", views.configurar, name="configurar"),
    path("area-clientes/cola/", views.cola, name="cola"),
    path("area-clientes/tercero/<int:pk>/generar/", views.generar_individual, name="generar_individual"),
]
