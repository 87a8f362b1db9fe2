from django.urls import path

from terceros import views

app_name = "gestion"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("ingresar/", views.IngresarView.as_view(), name="ingresar"),
    path("salir/", views.salir, name="salir"),
    path("configuraciones/", views.configuraciones, name="configuraciones"),
]
