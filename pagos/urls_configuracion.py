"""The online-payment panel in Configuraciones (/gestion/configuraciones/pasarela/)."""

from django.urls import path

from pagos import views_en_linea

app_name = "pagos_configuracion"

urlpatterns = [
    path("", views_en_linea.pasarela_configuracion, name="pasarela"),
]
