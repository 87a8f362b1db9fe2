"""Admin for receipts and payouts: read-only (money moves through services, with audit)."""

from django.contrib import admin

from nucleo.admin import SoloLecturaAdmin, SoloLecturaInline
from pagos.models import AplicacionPago, Egreso, EventoPasarela, Pago, TransaccionFactura, TransaccionPasarela


class AplicacionesInline(SoloLecturaInline):
    model = AplicacionPago


@admin.register(Pago)
class PagoAdmin(SoloLecturaAdmin):
    list_display = ["numero", "tercero", "fecha", "valor", "metodo", "referencia", "registrado_por"]
    list_filter = ["metodo"]
    search_fields = ["numero", "referencia", "tercero__numero_documento", "tercero__razon_social"]
    list_select_related = ["tercero", "registrado_por"]
    date_hierarchy = "fecha"
    inlines = [AplicacionesInline]


@admin.register(Egreso)
class EgresoAdmin(SoloLecturaAdmin):
    list_display = [
        "numero",
        "propietario",
        "contrato",
        "periodo",
        "canon_recaudado",
        "neto",
        "estado",
        "fecha_pago",
    ]
    list_filter = ["estado"]
    search_fields = ["numero", "propietario__numero_documento", "contrato__numero"]
    list_select_related = ["propietario", "contrato"]
    date_hierarchy = "periodo"


class TransaccionFacturasInline(SoloLecturaInline):
    model = TransaccionFactura


class EventosInline(SoloLecturaInline):
    model = EventoPasarela
    fields = ["recibido_en", "origen", "ip", "firma_valida", "resultado", "detalle"]


@admin.register(TransaccionPasarela)
class TransaccionPasarelaAdmin(SoloLecturaAdmin):
    list_display = ["referencia", "tercero", "pasarela", "valor", "estado", "creada_en", "pago"]
    list_filter = ["estado", "pasarela"]
    search_fields = ["referencia", "id_externo", "tercero__numero_documento"]
    list_select_related = ["tercero", "pago"]
    date_hierarchy = "creada_en"
    inlines = [TransaccionFacturasInline, EventosInline]


@admin.register(EventoPasarela)
class EventoPasarelaAdmin(SoloLecturaAdmin):
    list_display = ["recibido_en", "pasarela", "origen", "transaccion", "ip", "firma_valida", "resultado"]
    list_filter = ["pasarela", "origen", "resultado", "firma_valida"]
    search_fields = ["transaccion__referencia", "cuerpo"]
    list_select_related = ["transaccion"]
