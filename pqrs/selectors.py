"""PQRS reads: the portal's (always scoped to the logged-in Tercero) and the back-office's."""

from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404

from nucleo.selectores import uno_o_404
from pqrs.models import (
    ESTADOS_ABIERTOS,
    AdjuntoPqrs,
    ConfiguracionPqrs,
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
        Pqrs.objects.filter(tercero=tercero, estado__in=ESTADOS_ABIERTOS)
        .defer("descripcion", "pausas", "prorroga_motivo")  # the panel shows none of them
        .order_by("fecha_limite", "id")[:cantidad]
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


# Staff reads (inbox, home widget, reminders) live in pqrs/selectors_gestion.py (branch pqrs-gestion).
