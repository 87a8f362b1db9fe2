"""PQRS reads: the portal's (always scoped to the logged-in Tercero) and the back-office's."""

import re
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from nucleo.entrada import entero_o_none
from nucleo.models import Accion, EventoAuditoria
from nucleo.selectores import uno_o_404
from pqrs import plazos
from pqrs.models import (
    ESTADOS_ABIERTOS,
    ESTADOS_CON_RELOJ,
    AdjuntoPqrs,
    Clasificacion,
    ConfiguracionPqrs,
    EstadoPqrs,
    MensajePqrs,
    Pqrs,
    TipoMensaje,
)
from terceros.busqueda import limpiar_consulta
from terceros.models import Contrato, Propiedad, Tercero
from terceros.selectors import tercero_coincide

ID_MAXIMO = 2**63 - 1  # a larger id is no row (and an OverflowError on SQLite)


def configuracion_pqrs() -> ConfiguracionPqrs:
    """The agency's PQRS settings (created with the defaults on first read)."""
    configuracion, _ = ConfiguracionPqrs.objects.get_or_create(pk=1)
    return configuracion


def _id_valido(pk) -> int:
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    if not 0 < pk <= ID_MAXIMO:
        raise Http404
    return pk


# --- Portal -------------------------------------------------------------------------------------


def pqrs_del_tercero(tercero: Tercero) -> models.QuerySet[Pqrs]:
    """The client's PQRS, newest first (the portal list)."""
    return Pqrs.objects.filter(tercero=tercero).order_by("-recibida_en", "-id")


def pqrs_abiertas_del_tercero(tercero: Tercero, *, cantidad: int = 5) -> list[Pqrs]:
    """The client's open PQRS, the soonest due first (the portal dashboard)."""
    return list(
        Pqrs.objects.filter(tercero=tercero, estado__in=ESTADOS_ABIERTOS).order_by("fecha_limite", "id")[
            :cantidad
        ]
    )


def mensajes_publicos() -> Prefetch:
    """The thread the client sees: every message but internal notes, with their attachments."""
    return Prefetch(
        "mensajes",
        queryset=MensajePqrs.objects.exclude(tipo=TipoMensaje.NOTA)
        .select_related("autor")
        .prefetch_related("adjuntos")
        .order_by("creado_en", "id"),
        to_attr="mensajes_publicos",
    )


def pqrs_de_tercero_o_404(tercero: Tercero, pk) -> Pqrs:
    """One of the client's own PQRS with its public thread, or 404 (another client's id too)."""
    return uno_o_404(
        Pqrs.objects.select_related("propiedad", "contrato__propiedad").prefetch_related(mensajes_publicos()),
        pk=_id_valido(pk),
        tercero=tercero,
    )


def adjunto_de_tercero_o_404(tercero: Tercero, pk) -> AdjuntoPqrs:
    """An attachment of the client's own PQRS on a message they can see, or 404."""
    return uno_o_404(
        AdjuntoPqrs.objects.select_related("mensaje__pqrs").exclude(mensaje__tipo=TipoMensaje.NOTA),
        pk=_id_valido(pk),
        mensaje__pqrs__tercero=tercero,
    )


def propiedades_del_cliente(tercero: Tercero) -> models.QuerySet[Propiedad]:
    """Properties a client may relate a PQRS to: ones they own or rent (or co-sign for)."""
    return (
        Propiedad.objects.filter(
            Q(participaciones__tercero=tercero)
            | Q(contratos__inquilino=tercero)
            | Q(contratos__codeudores=tercero)
        )
        .distinct()
        .order_by("codigo")
    )


def contratos_del_cliente(tercero: Tercero) -> models.QuerySet[Contrato]:
    """Contracts a client may relate a PQRS to: as tenant, co-signer or owner of the property."""
    return (
        Contrato.objects.filter(
            Q(inquilino=tercero) | Q(codeudores=tercero) | Q(propiedad__participaciones__tercero=tercero)
        )
        .select_related("propiedad")
        .distinct()
        .order_by("-fecha_inicio", "numero")
    )


# --- Back-office --------------------------------------------------------------------------------


def pqrs_de_gestion_o_404(pk) -> Pqrs:
    """Any PQRS with its whole thread (notes included), for staff."""
    return uno_o_404(
        Pqrs.objects.select_related(
            "tercero", "propiedad", "contrato", "asignado_a", "creada_por"
        ).prefetch_related(
            Prefetch(
                "mensajes",
                queryset=MensajePqrs.objects.select_related("autor")
                .prefetch_related("adjuntos")
                .order_by("creado_en", "id"),
            )
        ),
        pk=_id_valido(pk),
    )


def adjunto_de_gestion_o_404(pk) -> AdjuntoPqrs:
    return uno_o_404(AdjuntoPqrs.objects.select_related("mensaje__pqrs"), pk=_id_valido(pk))


def _fin_de_semana(hoy: date) -> date:
    # "Vence esta semana": up to this week's Sunday.
    return hoy + timedelta(days=6 - hoy.weekday())


# `estado` of the inbox: "" is the open ones (the default view), TODAS every state.
TODAS = "todas"
# `asignado` of the inbox besides a user id.
ASIGNADO_YO = "yo"
SIN_ASIGNAR = "ninguno"
VENCE = ("hoy", "semana", "vencidas")

_RADICADO = re.compile(r"PQRS-([0-9]{4})-([0-9]{1,12})", re.IGNORECASE)


def _filtro_texto(texto: str) -> Q:
    """Radicado (exact, zeros optional), the tercero (the one tercero search) or the description."""
    texto = limpiar_consulta(texto)
    if not texto:
        return Q()
    filtro = tercero_coincide(q=texto) | Q(descripcion__icontains=texto)
    if radicado := _RADICADO.fullmatch(texto):
        filtro |= Q(radicado=f"PQRS-{radicado[1]}-{int(radicado[2]):06d}")
    return filtro


def pqrs_bandeja(
    *,
    estado: str = "",
    clasificacion: str = "",
    asignado: int | str | None = None,
    vence: str = "",
    texto: str = "",
    usuario=None,
    hoy: date | None = None,
) -> models.QuerySet[Pqrs]:
    """The staff inbox. `estado`: an EstadoPqrs value, "" (the open ones) or TODAS.

    `asignado`: a user id, ASIGNADO_YO (with `usuario`) or SIN_ASIGNAR. `vence` in hoy | semana |
    vencidas: clock running (a PQRS waiting for the client is not due). `texto`: radicado, the
    tercero's name or document (terceros_buscar), or words of the description. Open ones and due
    filters come most urgent first; other views newest first. Unknown values filter nothing.
    """
    hoy = hoy or plazos.fecha_local(timezone.now())
    consulta = Pqrs.objects.select_related("tercero", "asignado_a")
    if not estado:
        consulta = consulta.filter(estado__in=ESTADOS_ABIERTOS)
    elif estado in EstadoPqrs.values:
        consulta = consulta.filter(estado=estado)
    if clasificacion in Clasificacion.values:
        consulta = consulta.filter(clasificacion=clasificacion)
    if asignado == SIN_ASIGNAR:
        consulta = consulta.filter(asignado_a__isnull=True)
    elif asignado == ASIGNADO_YO:
        consulta = consulta.filter(asignado_a=usuario) if usuario is not None else consulta.none()
    elif (numero := entero_o_none(asignado, minimo=1, maximo=ID_MAXIMO)) is not None:
        consulta = consulta.filter(asignado_a_id=numero)
    if vence == "hoy":
        consulta = consulta.filter(estado__in=ESTADOS_CON_RELOJ, fecha_limite=hoy)
    elif vence == "semana":
        fin = _fin_de_semana(hoy)
        consulta = consulta.filter(estado__in=ESTADOS_CON_RELOJ, fecha_limite__gte=hoy, fecha_limite__lte=fin)
    elif vence == "vencidas":
        consulta = consulta.filter(estado__in=ESTADOS_CON_RELOJ, fecha_limite__lt=hoy)
    consulta = consulta.filter(_filtro_texto(texto))
    if vence in VENCE or not estado or estado in ESTADOS_ABIERTOS:
        return consulta.order_by("fecha_limite", "id")
    return consulta.order_by("-recibida_en", "-id")


def pqrs_historial(pqrs: Pqrs, *, limite: int = 200) -> list[EventoAuditoria]:
    """The audit rows of one PQRS, oldest first: what was done, by whom, when."""
    filas = (
        EventoAuditoria.objects.filter(objeto_tipo=Pqrs._meta.label_lower, objeto_id=str(pqrs.pk))
        .select_related("actor")
        .order_by("-fecha", "-pk")[:limite]
    )
    return list(reversed(filas))


def configuracion_pqrs_historial(*, limite: int = 10) -> list[EventoAuditoria]:
    """The last changes to the agency's PQRS settings, newest first."""
    return list(
        EventoAuditoria.objects.filter(accion=Accion.PQRS_CONFIGURAR)
        .select_related("actor")
        .order_by("-fecha", "-pk")[:limite]
    )


def staff_asignables() -> models.QuerySet:
    """Active staff users a PQRS can be assigned to, by name."""
    return (
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .only("pk", "username", "first_name", "last_name", "email")
        .order_by("first_name", "last_name", "username")
    )


def pqrs_resumen_gestion(hoy: date | None = None) -> dict[str, int]:
    """Counts for the back-office home: due today, overdue, waiting for the client, unassigned."""
    hoy = hoy or timezone.localdate()
    return Pqrs.objects.filter(estado__in=ESTADOS_ABIERTOS).aggregate(
        vencen_hoy=Count("id", filter=Q(estado__in=ESTADOS_CON_RELOJ, fecha_limite=hoy)),
        vencidas=Count("id", filter=Q(estado__in=ESTADOS_CON_RELOJ, fecha_limite__lt=hoy)),
        esperando=Count("id", filter=Q(estado=EstadoPqrs.ESPERANDO_CLIENTE)),
        sin_asignar=Count("id", filter=Q(asignado_a__isnull=True)),
    )


def pqrs_vencimientos_por_asignado(hoy: date | None = None) -> models.QuerySet[Pqrs]:
    """Open PQRS with a running clock that are due today or overdue, for the daily reminder."""
    hoy = hoy or timezone.localdate()
    return (
        Pqrs.objects.filter(estado__in=ESTADOS_CON_RELOJ, fecha_limite__lte=hoy, asignado_a__isnull=False)
        .select_related("asignado_a", "tercero")
        .order_by("asignado_a_id", "fecha_limite", "id")
    )


__all__ = [
    "adjunto_de_gestion_o_404",
    "adjunto_de_tercero_o_404",
    "configuracion_pqrs",
    "configuracion_pqrs_historial",
    "contratos_del_cliente",
    "pqrs_abiertas_del_tercero",
    "pqrs_bandeja",
    "pqrs_de_gestion_o_404",
    "pqrs_de_tercero_o_404",
    "pqrs_del_tercero",
    "pqrs_historial",
    "pqrs_resumen_gestion",
    "pqrs_vencimientos_por_asignado",
    "propiedades_del_cliente",
    "staff_asignables",
]
