"""Shared tables with no domain of their own: the audit trail and the named counters."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Accion(models.TextChoices):
    """The audit vocabulary: every action any app records, in one place (values are stored)."""

    RESOLUCION_CREAR = "resolucion.crear", _("Resolución de facturación creada")
    FACTURA_EMITIR = "factura.emitir", _("Factura emitida")
    FACTURA_ANULAR = "factura.anular", _("Factura anulada")
    PAGO_REGISTRAR = "pago.registrar", _("Pago registrado")
    PAGO_ANULAR = "pago.anular", _("Pago anulado")
    EGRESO_LIQUIDAR = "egreso.liquidar", _("Egreso liquidado")
    EGRESO_CONFIRMAR = "egreso.confirmar", _("Egreso confirmado")
    EGRESO_ANULAR = "egreso.anular", _("Egreso anulado")
    TERCERO_CREADO = "tercero.creado", _("Tercero creado")
    TERCERO_ACTUALIZADO = "tercero.actualizado", _("Tercero actualizado")
    TERCEROS_IMPORTADOS = "terceros.importados", _("Terceros importados")
    PROPIEDAD_CREADA = "propiedad.creada", _("Propiedad creada")
    PROPIEDAD_ACTUALIZADA = "propiedad.actualizada", _("Propiedad actualizada")
    CONTRATO_CREADO = "contrato.creado", _("Contrato creado")
    CONTRATO_ACTUALIZADO = "contrato.actualizado", _("Contrato actualizado")
    ENTIDAD_ACTUALIZADA = "entidad.actualizada", _("Entidad actualizada")
    ENVIOS_CONFIGURAR = "envios.configurar", _("Configuración de envíos actualizada")
    ENVIOS_GENERAR = "envios.generar", _("Contraseñas generadas")
    ENVIOS_GENERAR_INDIVIDUAL = "envios.generar_individual", _("Contraseña generada")
    ENVIOS_CANCELAR = "envios.cancelar", _("Envíos cancelados")
    CORREO_PRUEBA = "correo.prueba", _("Correo de prueba enviado")
    PORTAL_CONTRASENA_TEMPORAL = "portal.contrasena_temporal", _("Contraseña temporal asignada")
    PORTAL_CONTRASENA_ESTABLECIDA = "portal.contrasena_establecida", _("Contraseña asignada")
    PORTAL_CLAVE_NOTIFICADA = "portal.clave_notificada", _("Clave notificada por correo")
    PORTAL_CLAVE_NOTIFICACION_FALLIDA = (
        "portal.clave_notificacion_fallida",
        _("Falló la notificación de la clave"),
    )
    PORTAL_INGRESO_CLAVE_TEMPORAL = "portal.ingreso_clave_temporal", _("Ingreso con contraseña temporal")
    PORTAL_CONTRASENA_POR_ENLACE = "portal.contrasena_por_enlace", _("Contraseña elegida por enlace")
    PORTAL_CONTRASENA_CAMBIADA = "portal.contrasena_cambiada", _("Contraseña cambiada")
    PORTAL_PERFIL_ACTUALIZADO = "portal.perfil_actualizado", _("Perfil actualizado")
    PORTAL_HABEAS_DATA_ACEPTADO = "portal.habeas_data_aceptado", _("Autorización de datos aceptada")
    PORTAL_RECUPERACION_ENVIADA = "portal.recuperacion_enviada", _("Enlace de recuperación enviado")
    PORTAL_RECUPERACION_FALLIDA = "portal.recuperacion_fallida", _("Recuperación de contraseña fallida")
    PORTAL_DATOS_DESCARGADOS = "portal.datos_descargados", _("Datos personales descargados")
    PAGO_EN_LINEA_INICIAR = "pago_en_linea.iniciar", _("Pago en línea iniciado")
    PAGO_EN_LINEA_APROBAR = "pago_en_linea.aprobar", _("Pago en línea aprobado")
    PAGO_EN_LINEA_RECHAZAR = "pago_en_linea.rechazar", _("Pago en línea rechazado")
    PAGO_EN_LINEA_EXPIRAR = "pago_en_linea.expirar", _("Pago en línea expirado")
    PAGO_EN_LINEA_ERROR = "pago_en_linea.error", _("Pago en línea con error")
    PAGO_EN_LINEA_CONSULTAR = "pago_en_linea.consultar", _("Estado consultado a la pasarela")
    PAGO_EN_LINEA_CONFIRMACION_RECHAZADA = (
        "pago_en_linea.confirmacion_rechazada",
        _("Confirmación de la pasarela rechazada"),
    )
    PAGO_SALDO_A_FAVOR = "pago.saldo_a_favor", _("Pago con saldo a favor")
    PQRS_RADICAR = "pqrs.radicar", _("PQRS radicada")
    PQRS_ASIGNAR = "pqrs.asignar", _("PQRS asignada")
    PQRS_RESPONDER = "pqrs.responder", _("PQRS respondida")
    PQRS_NOTA = "pqrs.nota", _("Nota interna agregada")
    PQRS_PRORROGAR = "pqrs.prorrogar", _("Plazo de PQRS prorrogado")
    PQRS_SOLICITAR_INFORMACION = "pqrs.solicitar_informacion", _("Información solicitada al cliente")
    PQRS_CLIENTE_RESPONDE = "pqrs.cliente_responde", _("El cliente respondió la PQRS")
    PQRS_ESTADO = "pqrs.estado", _("Estado de PQRS cambiado")
    PQRS_CERRAR = "pqrs.cerrar", _("PQRS cerrada")
    PQRS_DESISTIR = "pqrs.desistir", _("PQRS cerrada por desistimiento")
    PQRS_CONFIGURAR = "pqrs.configurar", _("Configuración de PQRS actualizada")


class EventoAuditoria(models.Model):
    """One audit row per state change staff or clients care about.

    `descripcion` holds the message in the source language, for plain database readers; what
    screens show is `descripcion_mostrada`, the message id in `datos` translated into the
    reader's language. `datos["cambios"]` maps each changed field to [before, after].
    """

    fecha = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accion = models.CharField(max_length=60, db_index=True, choices=Accion.choices)
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

    @property
    def descripcion_mostrada(self) -> str:
        """The description in the active language (rows from before the vocabulary: as stored)."""
        mensaje = self.datos.get("mensaje") if isinstance(self.datos, dict) else None
        if not mensaje:
            return self.descripcion
        try:
            return gettext(mensaje) % (self.datos.get("parametros") or {})
        except (KeyError, TypeError, ValueError):
            return self.descripcion


class Consecutivo(models.Model):
    """A named counter (receipts, payout vouchers, …), incremented under a row lock."""

    nombre = models.CharField(max_length=30, unique=True)
    ultimo = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("consecutivo")
        verbose_name_plural = _("consecutivos")

    def __str__(self):
        return f"{self.nombre}: {self.ultimo}"
