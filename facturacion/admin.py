"""Admin for invoices and numbering resolutions: read-only (numbers are allocated by services)."""

from django.contrib import admin

from facturacion.models import Factura, ItemFactura, ResolucionFacturacion
from nucleo.admin import SoloLecturaAdmin, SoloLecturaInline


@admin.register(ResolucionFacturacion)
class ResolucionAdmin(SoloLecturaAdmin):
    list_display = [
        "numero",
        "prefijo",
        "desde",
        "hasta",
        "consecutivo_actual",
        "vigente_desde",
        "vigente_hasta",
        "activa",
    ]
    list_filter = ["activa"]
    search_fields = ["numero", "prefijo"]


class ItemsInline(SoloLecturaInline):
    model = ItemFactura


@admin.register(Factura)
class FacturaAdmin(SoloLecturaAdmin):
    list_display = [
        "numero",
        "tipo",
        "tercero",
        "fecha_emision",
        "fecha_vencimiento",
        "total",
        "saldo",
        "estado",
    ]
    list_filter = ["tipo", "estado"]
    search_fields = ["numero", "tercero__numero_documento", "tercero__razon_social", "tercero__apellidos"]
    list_select_related = ["tercero"]
    date_hierarchy = "fecha_emision"
    inlines = [ItemsInline]
