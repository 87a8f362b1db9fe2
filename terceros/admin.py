"""Admin for the master data: staff accounts are managed here, the rest is read-only."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from nucleo.admin import SoloLecturaAdmin, SoloLecturaInline
from terceros.models import (
    Contrato,
    Entidad,
    Propiedad,
    PropiedadPropietario,
    Tercero,
    Usuario,
)


@admin.register(Usuario)
class UsuarioAdmin(UserAdmin):
    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "is_staff",
        "is_superuser",
        "is_active",
        "last_login",
    ]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    # Temporary passwords live on envios.ClaveTemporal (its own admin), not on the user.
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Entidad)
class EntidadAdmin(SoloLecturaAdmin):
    list_display = ["nombre", "nit", "telefono", "email", "dominio_portal", "actualizado_en"]


@admin.register(Tercero)
class TerceroAdmin(SoloLecturaAdmin):
    list_display = [
        "numero_documento",
        "tipo_documento",
        "__str__",
        "email",
        "es_inquilino",
        "es_propietario",
        "usuario",
    ]
    list_filter = ["tipo_documento", "es_inquilino", "es_propietario"]
    search_fields = ["numero_documento", "nombres", "apellidos", "razon_social", "email", "codigo_cliente"]
    list_select_related = ["usuario"]


class PropietariosInline(SoloLecturaInline):
    model = PropiedadPropietario


@admin.register(Propiedad)
class PropiedadAdmin(SoloLecturaAdmin):
    list_display = ["codigo", "direccion", "ciudad", "tipo"]
    list_filter = ["tipo", "ciudad"]
    search_fields = ["codigo", "direccion", "propietarios__numero_documento"]
    inlines = [PropietariosInline]


@admin.register(Contrato)
class ContratoAdmin(SoloLecturaAdmin):
    list_display = ["numero", "propiedad", "inquilino", "canon", "fecha_inicio", "fecha_fin", "estado"]
    list_filter = ["estado"]
    search_fields = ["numero", "propiedad__codigo", "propiedad__direccion", "inquilino__numero_documento"]
    list_select_related = ["propiedad", "inquilino"]
    date_hierarchy = "fecha_inicio"
