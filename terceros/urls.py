from django.urls import path

from terceros import views

app_name = "gestion"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("ingresar/", views.IngresarView.as_view(), name="ingresar"),
    path("salir/", views.salir, name="salir"),
    path("terceros/", views.terceros, name="terceros"),
    path("terceros/nuevo/", views.tercero_nuevo, name="tercero_nuevo"),
    path("terceros/opciones/", views.terceros_opciones, name="terceros_opciones"),
    path("terceros/<int:pk>/", views.tercero_detalle, name="tercero_detalle"),
    path("terceros/<int:pk>/editar/", views.tercero_editar, name="tercero_editar"),
    path("propiedades/", views.propiedades, name="propiedades"),
    path("propiedades/nueva/", views.propiedad_nueva, name="propiedad_nueva"),
    path("propiedades/<int:pk>/", views.propiedad_detalle, name="propiedad_detalle"),
    path("propiedades/<int:pk>/editar/", views.propiedad_editar, name="propiedad_editar"),
    path("contratos/", views.contratos, name="contratos"),
    path("contratos/nuevo/", views.contrato_nuevo, name="contrato_nuevo"),
    path("contratos/<int:pk>/", views.contrato_detalle, name="contrato_detalle"),
    path("contratos/<int:pk>/editar/", views.contrato_editar, name="contrato_editar"),
    path("configuraciones/", views.configuraciones, name="configuraciones"),
    path("configuraciones/entidad/", views.entidad, name="entidad"),
    # Public: portal and login pages show the logo too.
    path("marca/logo/", views.marca_logo, name="marca_logo"),
]
