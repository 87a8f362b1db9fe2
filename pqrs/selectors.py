"""PQRS reads: the portal's (always scoped to the logged-in Tercero) and the back-office's."""

from datetime import date, timedelta

from django.db import models
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from nucleo.selectores import uno_o_404
from pqrs.models import (
    ESTADOS_ABIERTOS,
    ESTADOS_CON_RELOJ,
    AdjuntoPqrs,
    ConfiguracionPqrs,
    EstadoPqrs,
    MensajePqrs,
    Pqrs,
    TipoMensaje,
)
from terceros.models import Contrato, Propiedad, Tercero

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


def pqrs_bandeja(
    *,
    estado: str = "",
    clasificacion: str = "",
    asignado: int | str | None = None,
    vence: str = "",
    texto: str = "",
    hoy: date | None = None,
) -> models.QuerySet[Pqrs]:
    """The staff inbox: open first by due date. `vence` in hoy | semana | vencidas (clock running).

    `asignado`: a user id, or "ninguno" for unassigned.
    """
    hoy = hoy or timezone.localdate()
    consulta = Pqrs.objects.select_related("tercero", "asignado_a")
    if estado:
        consulta = consulta.filter(estado=estado)
    if clasificacion:
        consulta = consulta.filter(clasificacion=clasificacion)
    if asignado == "ninguno":
        consulta = consulta.filter(asignado_a__isnull=True)
    elif asignado:
        consulta = consulta.filter(asignado_a_id=asignado)
    if vence == "hoy":
        consulta = consulta.filter(estado__in=ESTADOS_CON_RELOJ, fecha_limite=hoy)
    elif vence == "semana":
        fin = _fin_de_semana(hoy)
        consulta = consulta.filter(estado__in=ESTADOS_CON_RELOJ, fecha_limite__gte=hoy, fecha_limite__lte=fin)
    elif vence == "vencidas":
        consulta = consulta.filter(estado__in=ESTADOS_CON_RELOJ, fecha_limite__lt=hoy)
    texto = (texto or "").strip()
    if texto:
        consulta = consulta.filter(
            Q(radicado__iexact=texto)
            | Q(radicado__iendswith=texto)
            | Q(tercero__numero_documento__startswith=texto)
            | Q(tercero__busqueda__contains=texto.lower())
        )
    if vence or estado in ESTADOS_ABIERTOS:
        return consulta.order_by("fecha_limite", "id")
    return consulta.order_by("-recibida_en", "-id")


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
    "contratos_del_cliente",
    "pqrs_abiertas_del_tercero",
    "pqrs_bandeja",
    "pqrs_de_gestion_o_404",
    "pqrs_de_tercero_o_404",
    "pqrs_del_tercero",
    "pqrs_resumen_gestion",
    "pqrs_vencimientos_por_asignado",
    "propiedades_del_cliente",
]
