"""PQRS: a client's petición, queja, reclamo or sugerencia, its legal clock, thread and attachments.

Writes go through pqrs.services (each transition audited); the clock is pqrs.plazos.
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nucleo.idempotencia import campo_clave_idempotencia
from pqrs import plazos
from pqrs.plazos import Semaforo, TipoLegal


class EstadoPqrs(models.TextChoices):
    PENDIENTE = "pendiente", _("Pendiente")
    EN_TRAMITE = "en_tramite", _("En trámite")
    ESPERANDO_CLIENTE = "esperando_cliente", _("Esperando al cliente")
    RESPONDIDA = "respondida", _("Respondida")
    CERRADA = "cerrada", _("Cerrada")


ESTADOS_ABIERTOS = (EstadoPqrs.PENDIENTE, EstadoPqrs.EN_TRAMITE, EstadoPqrs.ESPERANDO_CLIENTE)
# The clock runs in these; ESPERANDO_CLIENTE stops it (Ley 1755 art. 17).
ESTADOS_CON_RELOJ = (EstadoPqrs.PENDIENTE, EstadoPqrs.EN_TRAMITE)


class Clasificacion(models.TextChoices):
    PETICION = "peticion", _("Petición")
    QUEJA = "queja", _("Queja")
    RECLAMO = "reclamo", _("Reclamo")
    SUGERENCIA = "sugerencia", _("Sugerencia")


# The legal type a clasificación gets unless staff or the habeas-data page pick a subtype.
TIPO_LEGAL_POR_CLASIFICACION = {
    Clasificacion.PETICION: TipoLegal.PETICION,
    Clasificacion.QUEJA: TipoLegal.QUEJA,
    Clasificacion.RECLAMO: TipoLegal.RECLAMO,
    Clasificacion.SUGERENCIA: TipoLegal.SUGERENCIA,
}


class Asunto(models.TextChoices):
    INFORMACION_GENERAL = "informacion_general", _("Información general")
    JURIDICO = "juridico", _("Jurídico")
    PAGOS = "pagos", _("Pagos")
    REPARACIONES = "reparaciones", _("Reparaciones")
    SERVICIOS_PUBLICOS = "servicios_publicos", _("Servicios públicos")
    TERMINACION_CONTRATO = "terminacion_contrato", _("Terminación de contrato")
    OTROS = "otros", _("Otros")


class Canal(models.TextChoices):
    PORTAL = "portal", _("Portal")
    CORREO = "correo", _("Correo electrónico")
    TELEFONO = "telefono", _("Teléfono")
    PRESENCIAL = "presencial", _("Presencial")


class ConfiguracionPqrs(models.Model):
    """The agency's PQRS settings: one row (pk=1), read by pqrs.selectors.configuracion_pqrs()."""

    sabado_habil = models.BooleanField(
        _("los sábados son días hábiles"),
        default=False,
        help_text=_("Si la agencia atiende los sábados, el término legal los cuenta como días hábiles."),
    )
    dias_sugerencia = models.PositiveSmallIntegerField(
        _("días hábiles para responder sugerencias"),
        default=plazos.DIAS_SUGERENCIA,
        help_text=_("Las sugerencias no tienen término legal; este es el de la agencia."),
    )
    actualizada_en = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("configuración de PQRS")
        verbose_name_plural = _("configuración de PQRS")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="configuracion_pqrs_unica"),
            models.CheckConstraint(
                condition=Q(dias_sugerencia__gte=1) & Q(dias_sugerencia__lte=90),
                name="configuracion_pqrs_dias_sugerencia",
            ),
        ]

    def __str__(self):
        return str(_("Configuración de PQRS"))


class Pqrs(models.Model):
    """One request with its radicado and legal clock.

    `fecha_limite` is always the current due date (the extension and the pauses included); while
    the PQRS waits for the client the clock is stopped and `fecha_limite` is the date it had when
    it stopped (it moves when the client answers). `pausas` holds the closed waits as
    [[desde, hasta], …] ISO dates, what `plazos.fecha_limite(pausas=…)` takes.
    """

    radicado = models.CharField(_("radicado"), max_length=20, unique=True)
    tercero = models.ForeignKey(
        "terceros.Tercero", on_delete=models.PROTECT, related_name="pqrs", verbose_name=_("cliente")
    )
    clasificacion = models.CharField(_("clasificación"), max_length=12, choices=Clasificacion.choices)
    tipo_legal = models.CharField(_("tipo legal"), max_length=20, choices=TipoLegal.choices)
    asunto = models.CharField(_("asunto"), max_length=24, choices=Asunto.choices)
    fecha_inicio = models.DateField(_("fecha de inicio"))
    descripcion = models.TextField(_("descripción"), max_length=5000)
    propiedad = models.ForeignKey(
        "terceros.Propiedad",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pqrs",
        verbose_name=_("propiedad"),
    )
    contrato = models.ForeignKey(
        "terceros.Contrato",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pqrs",
        verbose_name=_("contrato"),
    )
    canal = models.CharField(_("canal"), max_length=12, choices=Canal.choices, default=Canal.PORTAL)
    recibida_en = models.DateTimeField(_("fecha de recepción"), default=timezone.now)
    estado = models.CharField(
        _("estado"), max_length=20, choices=EstadoPqrs.choices, default=EstadoPqrs.PENDIENTE
    )
    # The clock, as computed by pqrs.plazos on filing and on every change that moves it.
    sabado_habil = models.BooleanField(_("sábados hábiles"), default=False)  # the setting when filed
    termino_dias = models.PositiveSmallIntegerField(_("término (días hábiles)"))
    fecha_limite_inicial = models.DateField(_("fecha límite inicial"))
    fecha_limite = models.DateField(_("fecha límite de respuesta"), db_index=True)
    prorrogada = models.BooleanField(_("prorrogada"), default=False)
    prorroga_motivo = models.TextField(_("motivo de la prórroga"), blank=True)
    prorroga_dias = models.PositiveSmallIntegerField(_("días de prórroga"), default=0)
    fecha_limite_prorroga = models.DateField(_("fecha límite prorrogada"), null=True, blank=True)
    en_espera_desde = models.DateField(_("esperando al cliente desde"), null=True, blank=True)
    pausas = models.JSONField(_("esperas cerradas"), default=list, blank=True)
    asignado_a = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pqrs_asignadas",
        verbose_name=_("asignada a"),
    )
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrada por"),
    )
    creada_en = models.DateTimeField(_("creada en"), auto_now_add=True)
    respondida_en = models.DateTimeField(_("respondida en"), null=True, blank=True)
    cerrada_en = models.DateTimeField(_("cerrada en"), null=True, blank=True)
    desistida = models.BooleanField(_("desistida"), default=False)
    clave_idempotencia = campo_clave_idempotencia()

    class Meta:
        verbose_name = _("PQRS")
        verbose_name_plural = _("PQRS")
        ordering = ["-recibida_en", "-id"]
        indexes = [
            models.Index(fields=["tercero", "-recibida_en", "-id"], name="pqrs_tercero_idx"),
            models.Index(fields=["estado", "fecha_limite"], name="pqrs_estado_vence_idx"),
            models.Index(fields=["-recibida_en", "-id"], name="pqrs_orden_idx"),
            models.Index(fields=["asignado_a", "estado"], name="pqrs_asignado_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(prorrogada=False) | ~Q(prorroga_motivo=""), name="pqrs_prorroga_con_motivo"
            ),
            models.CheckConstraint(
                condition=Q(fecha_limite__gte=models.F("fecha_limite_inicial")), name="pqrs_limite_en_orden"
            ),
        ]

    def __str__(self):
        return self.radicado

    @property
    def esta_abierta(self) -> bool:
        return self.estado in ESTADOS_ABIERTOS

    @property
    def esperando_cliente(self) -> bool:
        return self.estado == EstadoPqrs.ESPERANDO_CLIENTE

    @property
    def fecha_recepcion(self) -> date:
        """The business day the request counts as received."""
        return plazos.fecha_recepcion(recibida=self.recibida_en, dias_sabado=self.sabado_habil)

    @property
    def pausas_fechas(self) -> list[tuple[date, date]]:
        return [(date.fromisoformat(d), date.fromisoformat(h)) for d, h in self.pausas]

    @property
    def norma(self) -> str:
        return plazos.TERMINOS[TipoLegal(self.tipo_legal)].norma

    def _dia_del_reloj(self, hoy: date) -> date:
        # A stopped clock counts from the day it stopped.
        if self.esperando_cliente and self.en_espera_desde:
            return min(hoy, self.en_espera_desde)
        return hoy

    def dias_restantes(self, hoy: date | None = None) -> int:
        """Business days left to answer, today included; 0 once overdue."""
        hoy = self._dia_del_reloj(hoy or timezone.localdate())
        return plazos.dias_habiles_restantes(hasta=self.fecha_limite, hoy=hoy, dias_sabado=self.sabado_habil)

    def semaforo(self, hoy: date | None = None) -> Semaforo | None:
        """Green, amber, red; None once answered or closed (no clock to watch)."""
        if not self.esta_abierta:
            return None
        hoy = self._dia_del_reloj(hoy or timezone.localdate())
        return plazos.semaforo(hasta=self.fecha_limite, hoy=hoy, dias_sabado=self.sabado_habil)

    def vencida(self, hoy: date | None = None) -> bool:
        return self.semaforo(hoy) == Semaforo.ROJO


class TipoMensaje(models.TextChoices):
    RESPUESTA = "respuesta", _("Respuesta")
    NOTA = "nota", _("Nota interna")
    CLIENTE = "cliente", _("Mensaje del cliente")
    SOLICITUD = "solicitud", _("Solicitud de información")
    PRORROGA = "prorroga", _("Aviso de prórroga")
    SISTEMA = "sistema", _("Sistema")


class MensajePqrs(models.Model):
    """One entry of the thread; everything but NOTA is shown to the client."""

    pqrs = models.ForeignKey(Pqrs, on_delete=models.CASCADE, related_name="mensajes")
    tipo = models.CharField(_("tipo"), max_length=12, choices=TipoMensaje.choices)
    texto = models.TextField(_("mensaje"), max_length=5000)
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("autor"),
    )
    creado_en = models.DateTimeField(_("fecha"), default=timezone.now)
    clave_idempotencia = campo_clave_idempotencia()

    class Meta:
        verbose_name = _("mensaje de PQRS")
        verbose_name_plural = _("mensajes de PQRS")
        ordering = ["creado_en", "id"]
        indexes = [models.Index(fields=["pqrs", "creado_en", "id"], name="mensaje_pqrs_idx")]

    def __str__(self):
        return f"{self.pqrs} · {self.get_tipo_display()}"

    @property
    def es_publico(self) -> bool:
        return self.tipo != TipoMensaje.NOTA

    @property
    def de_cliente(self) -> bool:
        return self.tipo == TipoMensaje.CLIENTE


def _ruta_adjunto(instancia: "AdjuntoPqrs", nombre: str) -> str:
    # A random name: the client's file name is kept only as data, never as a path.
    return f"pqrs/adjuntos/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class AdjuntoPqrs(models.Model):
    """A file on a message, checked by content (pqrs.adjuntos), served only through a view."""

    mensaje = models.ForeignKey(MensajePqrs, on_delete=models.CASCADE, related_name="adjuntos")
    archivo = models.FileField(_("archivo"), upload_to=_ruta_adjunto, max_length=200)
    nombre_original = models.CharField(_("nombre del archivo"), max_length=200)
    tipo = models.CharField(_("tipo de archivo"), max_length=120)
    tamano = models.PositiveIntegerField(_("tamaño (bytes)"))
    creado_en = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("adjunto de PQRS")
        verbose_name_plural = _("adjuntos de PQRS")
        ordering = ["id"]

    def __str__(self):
        return self.nombre_original
