"""Shared tables with no domain of their own: the audit trail and the named counters."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventoAuditoria(models.Model):
    """One audit row per state change staff or clients care about."""

    fecha = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accion = models.CharField(max_length=60, db_index=True)
    descripcion = models.CharField(max_length=300, blank=True)
    objeto_tipo = models.CharField(max_length=60, blank=True)
    objeto_id = models.CharField(max_length=40, blank=True)
    datos = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("evento de auditoría")
        verbose_name_plural = _("eventos de auditoría")
        ordering = ["-fecha", "-pk"]
        indexes = [models.Index(fields=["objeto_tipo", "objeto_id"], name="auditoria_objeto_idx")]

    def __str__(self):
        return f"{self.fecha:%Y-%m-%d %H:%M} {self.accion}"


class Consecutivo(models.Model):
    """A named counter (receipts, payout vouchers, …), incremented under a row lock."""

    nombre = models.CharField(max_length=30, unique=True)
    ultimo = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("consecutivo")
        verbose_name_plural = _("consecutivos")

    def __str__(self):
        return f"{self.nombre}: {self.ultimo}"
