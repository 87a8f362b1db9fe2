from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from nucleo.models import EventoAuditoria


@admin.register(EventoAuditoria)
class EventoAuditoriaAdmin(admin.ModelAdmin):
    """The audit trail, read-only: rows are evidence, never edited."""

    list_display = ["fecha", "accion", "actor", "descripcion_en_idioma", "objeto_tipo", "objeto_id"]
    list_filter = ["accion"]
    search_fields = ["descripcion", "objeto_id"]
    date_hierarchy = "fecha"

    @admin.display(description=_("descripción"))
    def descripcion_en_idioma(self, evento: EventoAuditoria) -> str:
        return evento.descripcion_mostrada

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
