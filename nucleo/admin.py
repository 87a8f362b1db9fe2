"""Django admin: the read-only bases the apps register with, and the audit trail."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from nucleo.models import EventoAuditoria


class SoloLecturaAdmin(admin.ModelAdmin):
    """A window onto the data: writes go through /gestion/ and the services.

    Those keep what the admin's generic forms would skip: gap-free numbering, the audit trail,
    the Tercero → portal user sync, the one-open-send rule.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SoloLecturaInline(admin.TabularInline):
    """A read-only table of a record's rows (invoice lines, payment applications)."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(EventoAuditoria)
class EventoAuditoriaAdmin(SoloLecturaAdmin):
    """The audit trail: rows are evidence, never edited; the description in the reader's language."""

    list_display = ["fecha", "accion", "actor", "objeto_tipo", "objeto_id", "descripcion_en_idioma"]
    list_filter = ["accion", "objeto_tipo"]
    search_fields = ["accion", "descripcion", "objeto_id", "actor__username"]
    list_select_related = ["actor"]
    date_hierarchy = "fecha"

    @admin.display(description=_("descripción"))
    def descripcion_en_idioma(self, evento: EventoAuditoria) -> str:
        return evento.descripcion_mostrada
