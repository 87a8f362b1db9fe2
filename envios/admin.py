"""Admin for the password queue: read-only (the queue's states belong to the sender)."""

from django.contrib import admin

from envios.models import ConfiguracionAreaClientes, EnvioContrasena, SolicitudEnvio
from nucleo.admin import SoloLecturaAdmin


@admin.register(ConfiguracionAreaClientes)
class ConfiguracionAdmin(SoloLecturaAdmin):
    list_display = [
        "modo_entrega",
        "lote",
        "intervalo_segundos",
        "max_por_hora",
        "horas_expiracion",
        "actualizado_en",
    ]


@admin.register(SolicitudEnvio)
class SolicitudEnvioAdmin(SoloLecturaAdmin):
    list_display = [
        "creado_en",
        "origen",
        "actor",
        "clase",
        "filtro",
        "encolados",
        "ya_en_cola",
        "sin_email_total",
    ]
    list_filter = ["origen", "clase"]
    search_fields = ["actor__username"]
    list_select_related = ["actor"]
    date_hierarchy = "creado_en"


@admin.register(EnvioContrasena)
class EnvioContrasenaAdmin(SoloLecturaAdmin):
    list_display = [
        "tercero",
        "estado",
        "modo_entrega",
        "intentos",
        "proximo_intento_en",
        "enviado_en",
        "ultimo_error",
    ]
    list_filter = ["estado", "modo_entrega"]
    search_fields = ["tercero__numero_documento", "tercero__razon_social", "tercero__apellidos"]
    list_select_related = ["tercero"]
    date_hierarchy = "creado_en"
