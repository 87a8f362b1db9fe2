"""Reads for the password-sending screens, commands and services."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from envios.models import (
    ESTADOS_ABIERTOS,
    AlcanceEnvio,
    ConfiguracionAreaClientes,
    EnvioContrasena,
    EstadoEnvio,
    FiltroAplicacion,
    SolicitudEnvio,
)
from nucleo.models import EventoAuditoria
from terceros.models import CLASES_ENVIO, ClaseTercero, Tercero

# What Django's EmailValidator accepts, in SQL (PostgreSQL and SQLite): an ASCII dot-atom user
# part and a dotted domain. The sender validates again with EmailValidator before sending.
_ATOMO = r"[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+"
EMAIL_VALIDO_REGEX = rf"^{_ATOMO}(\.{_ATOMO})*@[^@\s]+\.[^@\s]+$"


def configuracion_leer() -> ConfiguracionAreaClientes:
    """The agency's Área de Clientes settings, or unsaved defaults from the environment."""
    config = ConfiguracionAreaClientes.objects.filter(pk=1).first()
    return config or ConfiguracionAreaClientes(pk=1, **ConfiguracionAreaClientes.valores_por_defecto())


def terceros_candidatos(*, clase: str, filtro: str, seleccion: Iterable[int]) -> QuerySet[Tercero]:
    """Terceros a bulk request targets: the class, narrowed or widened by the selection.

    Terceros linked to a staff account are never targeted: their password is not a portal one.
    """
    qs = Tercero.objects.filter(Q(usuario__isnull=True) | Q(usuario__is_staff=False))
    # A clase the bulk send does not offer falls back to its default: everyone who is either.
    qs = qs.filter(ClaseTercero.filtro(clase if clase in dict(CLASES_ENVIO) else ClaseTercero.AMBOS))
    seleccion = list(seleccion)
    if filtro == FiltroAplicacion.SOLO:
        qs = qs.filter(pk__in=seleccion)
    elif filtro == FiltroAplicacion.EXCEPTO:
        qs = qs.exclude(pk__in=seleccion)
    return qs.order_by()


# A tercero "has access to the portal" when their login has a password of their own.
CON_ACCESO = Q(usuario__isnull=False, usuario__is_active=True) & ~Q(
    usuario__password__startswith=UNUSABLE_PASSWORD_PREFIX
)


def terceros_destinatarios(
    *, clase: str, filtro: str, seleccion: Iterable[int], alcance: str
) -> tuple[QuerySet[Tercero], QuerySet[Tercero], int]:
    """(with a valid email and in scope, without a valid email, targeted ones who have access).

    The last figure counts terceros with a valid email who already log in, whether the scope
    leaves them out (sin_acceso) or includes them (todos): what staff are told before sending.
    """
    candidatos = terceros_candidatos(clase=clase, filtro=filtro, seleccion=seleccion)
    con_email = candidatos.filter(email__regex=EMAIL_VALIDO_REGEX)
    sin_email = candidatos.exclude(email__regex=EMAIL_VALIDO_REGEX)
    con_acceso = con_email.filter(CON_ACCESO).count()
    if alcance == AlcanceEnvio.SIN_ACCESO:
        con_email = con_email.exclude(CON_ACCESO)
    return con_email, sin_email, con_acceso


@dataclass
class ResumenCola:
    """Progress of the requests that still have something waiting (or of the last one)."""

    solicitudes: list[SolicitudEnvio] = field(default_factory=list)
    abiertas: bool = False
    total: int = 0
    pendientes: int = 0
    enviando: int = 0
    enviados: int = 0
    fallidos: int = 0
    cancelados: int = 0

    @property
    def en_espera(self) -> int:
        return self.pendientes + self.enviando

    @property
    def porcentaje(self) -> int:
        base = self.total - self.cancelados
        return round(100 * (self.enviados + self.fallidos) / base) if base else 0


def cola_resumen() -> ResumenCola:
    abiertas = list(
        SolicitudEnvio.objects.filter(
            Exists(EnvioContrasena.objects.filter(solicitud=OuterRef("pk"), estado__in=ESTADOS_ABIERTOS))
        ).order_by("creado_en", "pk")
    )
    resumen = ResumenCola(solicitudes=abiertas, abiertas=bool(abiertas))
    if not abiertas:
        ultima = SolicitudEnvio.objects.filter(encolados__gt=0).order_by("-creado_en", "-pk").first()
        if ultima is None:
            return resumen
        resumen.solicitudes = [ultima]
    conteos = EnvioContrasena.objects.filter(solicitud__in=[s.pk for s in resumen.solicitudes]).aggregate(
        total=Count("pk"),
        pendientes=Count("pk", filter=Q(estado=EstadoEnvio.PENDIENTE)),
        enviando=Count("pk", filter=Q(estado=EstadoEnvio.ENVIANDO)),
        enviados=Count("pk", filter=Q(estado=EstadoEnvio.ENVIADO)),
        fallidos=Count("pk", filter=Q(estado=EstadoEnvio.FALLIDO)),
        cancelados=Count("pk", filter=Q(estado=EstadoEnvio.CANCELADO)),
    )
    for clave, valor in conteos.items():
        setattr(resumen, clave, valor)
    return resumen


def cola_en_espera() -> QuerySet[EnvioContrasena]:
    """Rows waiting to be sent (Terceros a la espera de envío), oldest first."""
    return (
        EnvioContrasena.objects.filter(estado__in=ESTADOS_ABIERTOS)
        .select_related("tercero")
        .only(
            "pk",
            "estado",
            "intentos",
            "ultimo_error",
            "tercero__numero_documento",
            "tercero__nombres",
            "tercero__apellidos",
            "tercero__razon_social",
        )
        .order_by("pk")
    )


def envios_fallidos_recientes(*, limite: int = 20) -> list[EnvioContrasena]:
    return list(
        EnvioContrasena.objects.filter(estado=EstadoEnvio.FALLIDO)
        .select_related("tercero")
        .order_by("-actualizado_en", "-pk")[:limite]
    )


def solicitudes_recientes(*, limite: int = 10) -> list[SolicitudEnvio]:
    """The last requests with live counts per state (one grouped query on the indexed pair)."""
    solicitudes = list(SolicitudEnvio.objects.select_related("actor").order_by("-creado_en", "-pk")[:limite])
    conteos: dict[int, dict[str, int]] = {}
    for fila in (
        EnvioContrasena.objects.filter(solicitud__in=[s.pk for s in solicitudes])
        .values("solicitud_id", "estado")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        conteos.setdefault(fila["solicitud_id"], {})[fila["estado"]] = fila["n"]
    for s in solicitudes:
        c = conteos.get(s.pk, {})
        s.enviados = c.get(EstadoEnvio.ENVIADO, 0)
        s.fallidos = c.get(EstadoEnvio.FALLIDO, 0)
        s.cancelados = c.get(EstadoEnvio.CANCELADO, 0)
        s.en_espera = c.get(EstadoEnvio.PENDIENTE, 0) + c.get(EstadoEnvio.ENVIANDO, 0)
    return solicitudes


def auditoria_envios(*, limite: int = 20) -> list[EventoAuditoria]:
    """Who generated, who cancelled, who changed the settings, and when."""
    return list(
        EventoAuditoria.objects.filter(accion__startswith="envios.")
        .select_related("actor")
        .order_by("-fecha", "-pk")[:limite]
    )


def envios_conteo_por_estado() -> dict[str, int]:
    filas = EnvioContrasena.objects.values("estado").annotate(n=Count("pk")).order_by()
    conteo = dict.fromkeys(EstadoEnvio.values, 0)
    conteo.update({f["estado"]: f["n"] for f in filas})
    return conteo
