"""Portal password sends: one request (SolicitudEnvio) queues one row per tercero (EnvioContrasena)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terceros.models import CLASES_ENVIO


class ModoEntrega(models.TextChoices):
    CONTRASENA_TEMPORAL = "contrasena_temporal", _("Contraseña temporal")
    ENLACE_ACTIVACION = "enlace_activacion", _("Enlace de activación")


class FiltroAplicacion(models.TextChoices):
    NINGUNO = "ninguno", _("-Seleccione-")
    SOLO = "solo", _("Solo los Seleccionados")
    EXCEPTO = "excepto", _("Exceptuando la Selección")


class OrigenSolicitud(models.TextChoices):
    MASIVO = "masivo", _("Masivo")
    INDIVIDUAL = "individual", _("Individual")
    COMANDO = "comando", _("Comando")


class EstadoEnvio(models.TextChoices):
    PENDIENTE = "PENDIENTE", _("PENDIENTE")
    ENVIANDO = "ENVIANDO", _("ENVIANDO")
    ENVIADO = "ENVIADO", _("ENVIADO")
    FALLIDO = "FALLIDO", _("FALLIDO")
    CANCELADO = "CANCELADO", _("CANCELADO")


ESTADOS_ABIERTOS = (EstadoEnvio.PENDIENTE, EstadoEnvio.ENVIANDO)


class AlcanceEnvio(models.TextChoices):
    SIN_ACCESO = "sin_acceso", _("Solo terceros sin acceso al portal")
    TODOS = "todos", _("Todos, también los que ya tienen acceso")


class MotivoAnulacion(models.TextChoices):
    RECHAZADA = "rechazada", _("El servidor de correo rechazó el mensaje")
    REEMPLAZADA = "reemplazada", _("El cliente eligió su propia contraseña")


class ConfiguracionAreaClientes(models.Model):
    """The agency's Área de Clientes settings; exactly one row (pk=1), defaults from settings."""

    modo_entrega = models.CharField(
        _("modo de entrega"),
        max_length=20,
        choices=ModoEntrega.choices,
        default=ModoEntrega.CONTRASENA_TEMPORAL,
    )
    lote = models.PositiveIntegerField(
        _("correos por lote"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    intervalo_segundos = models.PositiveIntegerField(
        _("segundos entre lotes"), validators=[MaxValueValidator(86400)]
    )
    max_por_hora = models.PositiveIntegerField(
        _("máximo de correos por hora"),
        help_text=_("0 = sin límite. Úselo si su proveedor de correo limita los envíos por hora."),
    )
    horas_expiracion = models.PositiveIntegerField(
        _("horas de vigencia de la contraseña temporal"),
        validators=[MinValueValidator(1), MaxValueValidator(720)],
    )
    # When the last batch was claimed: the gate that keeps batches `intervalo_segundos` apart.
    ultimo_lote_en = models.DateTimeField(null=True, blank=True, editable=False)
    actualizado_en = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("configuración del Área de Clientes")
        verbose_name_plural = _("configuración del Área de Clientes")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="configuracion_area_clientes_unica"),
            models.CheckConstraint(condition=Q(lote__gte=1), name="configuracion_lote_positivo"),
            models.CheckConstraint(
                condition=Q(horas_expiracion__gte=1), name="configuracion_horas_positivas"
            ),
        ]

    def __str__(self):
        return str(_("Configuración del Área de Clientes"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def valores_por_defecto(cls) -> dict:
        """Initial values come from the environment (ENVIOS_*, CONTRASENA_TEMPORAL_HORAS)."""
        return {
            "modo_entrega": ModoEntrega.CONTRASENA_TEMPORAL,
            "lote": settings.ENVIOS_LOTE,
            "intervalo_segundos": settings.ENVIOS_INTERVALO,
            "max_por_hora": settings.ENVIOS_MAX_POR_HORA,
            "horas_expiracion": settings.CONTRASENA_TEMPORAL_HORAS,
        }


class SolicitudEnvio(models.Model):
    """One click on GENERAR CONTRASEÑAS (or the individual button, or the command)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("generado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    origen = models.CharField(_("origen"), max_length=12, choices=OrigenSolicitud.choices)
    clase = models.CharField(_("clase de tercero"), max_length=12, choices=CLASES_ENVIO, blank=True)
    filtro = models.CharField(
        _("filtrar aplicación"),
        max_length=10,
        choices=FiltroAplicacion.choices,
        default=FiltroAplicacion.NINGUNO,
    )
    seleccion = models.JSONField(_("terceros para el filtro"), default=list, blank=True)
    alcance = models.CharField(
        _("a quién"), max_length=10, choices=AlcanceEnvio.choices, default=AlcanceEnvio.SIN_ACCESO
    )
    # Targeted terceros who already log in to the portal: left out (sin_acceso) or included (todos).
    con_acceso = models.PositiveIntegerField(_("ya tenían acceso"), default=0)
    encolados = models.PositiveIntegerField(_("encolados"), default=0)
    ya_en_cola = models.PositiveIntegerField(_("ya estaban en cola"), default=0)
    sin_email_total = models.PositiveIntegerField(_("sin correo válido"), default=0)
    # Who was skipped for lacking a valid email: [{"documento", "nombre"}], capped (see services).
    sin_email = models.JSONField(_("terceros sin correo válido"), default=list, blank=True)
    creado_en = models.DateTimeField(_("fecha"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("solicitud de envío de contraseñas")
        verbose_name_plural = _("solicitudes de envío de contraseñas")
        ordering = ["-creado_en", "-pk"]

    def __str__(self):
        return f"{self.get_origen_display()} {self.creado_en:%Y-%m-%d %H:%M} ({self.encolados})"


class EnvioContrasena(models.Model):
    """One queued email with portal credentials for one tercero."""

    solicitud = models.ForeignKey(SolicitudEnvio, on_delete=models.CASCADE, related_name="envios")
    tercero = models.ForeignKey(
        "terceros.Tercero",
        on_delete=models.CASCADE,
        related_name="envios_contrasena",
        verbose_name=_("tercero"),
    )
    estado = models.CharField(
        _("estado"), max_length=10, choices=EstadoEnvio.choices, default=EstadoEnvio.PENDIENTE
    )
    intentos = models.PositiveSmallIntegerField(_("intentos"), default=0)
    ultimo_error = models.CharField(_("último error"), max_length=300, blank=True)
    modo_entrega = models.CharField(
        _("modo de entrega"), max_length=20, choices=ModoEntrega.choices, blank=True
    )
    proximo_intento_en = models.DateTimeField(_("próximo intento"), default=timezone.now)
    reclamado_en = models.DateTimeField(_("tomado por el envío"), null=True, blank=True)
    enviado_en = models.DateTimeField(_("enviado"), null=True, blank=True)
    cancelado_en = models.DateTimeField(_("cancelado"), null=True, blank=True)
    creado_en = models.DateTimeField(_("creado"), default=timezone.now)
    actualizado_en = models.DateTimeField(_("actualizado"), default=timezone.now)

    class Meta:
        verbose_name = _("envío de contraseña")
        verbose_name_plural = _("envíos de contraseña")
        ordering = ["pk"]
        constraints = [
            # At most one open send per tercero: a double click cannot double-queue.
            models.UniqueConstraint(
                fields=["tercero"],
                condition=Q(estado__in=["PENDIENTE", "ENVIANDO"]),
                name="envio_abierto_unico_por_tercero",
            ),
        ]
        indexes = [
            models.Index(
                fields=["proximo_intento_en", "id"],
                condition=Q(estado="PENDIENTE"),
                name="envio_pendiente_idx",
            ),
            models.Index(fields=["reclamado_en"], condition=Q(estado="ENVIANDO"), name="envio_enviando_idx"),
            models.Index(fields=["enviado_en"], condition=Q(estado="ENVIADO"), name="envio_enviado_idx"),
            models.Index(fields=["solicitud", "estado"], name="envio_solicitud_estado_idx"),
        ]

    def __str__(self):
        return f"{self.tercero_id} {self.estado}"


class ClaveTemporal(models.Model):
    """A temporary password one attempt of an EnvioContrasena emailed: a second credential.

    It never replaces the client's own password. It logs in once, until `expira_en`, unless
    annulled: the SMTP server refused its email, or the client chose their own password.
    One send may make several (one per attempt whose email may have arrived).
    """

    envio = models.ForeignKey(EnvioContrasena, on_delete=models.CASCADE, related_name="claves")
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claves_temporales"
    )
    clave_hash = models.CharField(_("contraseña (hash)"), max_length=128)
    creada_en = models.DateTimeField(_("creada"), default=timezone.now)
    expira_en = models.DateTimeField(_("expira"))
    usada_en = models.DateTimeField(_("usada"), null=True, blank=True)
    anulada_en = models.DateTimeField(_("anulada"), null=True, blank=True)
    motivo_anulacion = models.CharField(
        _("motivo de anulación"), max_length=12, choices=MotivoAnulacion.choices, blank=True
    )

    class Meta:
        verbose_name = _("contraseña temporal")
        verbose_name_plural = _("contraseñas temporales")
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["usuario", "expira_en"],
                condition=Q(usada_en__isnull=True, anulada_en__isnull=True),
                name="clave_temporal_vigente_idx",
            ),
        ]

    def __str__(self):
        return f"{self.usuario_id} {self.expira_en:%Y-%m-%d %H:%M}"
