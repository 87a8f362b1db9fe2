"""Staff reads of PQRS: the inbox and its filters, one case with its thread, the home summary.

Every list here is bounded: the rows a page shows come with their tercero and assignee in the same
query, and the filters are ranges on `fecha_limite` (index `pqrs_estado_vence_idx`).
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from nucleo.models import EventoAuditoria
from nucleo.selectores import uno_o_404
from pqrs import plazos
from pqrs.models import (
    ESTADOS_ABIERTOS,
    ESTADOS_CON_RELOJ,
    AdjuntoPqrs,
    Clasificacion,
    EstadoPqrs,
    MensajePqrs,
    Pqrs,
)
from terceros.busqueda import limpiar_consulta
from terceros.selectors import tercero_coincide


class Vence:
    """The due-date filters of the inbox (values of the `vence` query parameter)."""

    HOY = "hoy"
    SEMANA = "semana"
    VENCIDAS = "vencidas"
    VALORES = (HOY, SEMANA, VENCIDAS)


# The estado filter also takes these two groups.
ABIERTAS = "abiertas"
TODAS = "todas"
# The assignee filter: mine, nobody's, or a staff user's id.
ASIGNADO_YO = "yo"
SIN_ASIGNAR = "sin"

_RADICADO = re.compile(r"PQRS-[0-9]{4}-[0-9]{1,12}", re.IGNORECASE)


def hoy_colombia() -> date:
    """Today on the law's calendar (the filters and the traffic light use the same day)."""
    return plazos.fecha_local(timezone.now())


def fin_de_semana(hoy: date) -> date:
    """The Sunday that ends `hoy`'s week: *vence esta semana* is today to that Sunday."""
    return hoy + timedelta(days=6 - hoy.weekday())


def _filtro_vence(vence: str, hoy: date) -> Q:
    # Only a running clock can fall due: a stopped one (waiting for the client) or an answered
    # request has nothing left to meet.
    reloj = Q(estado__in=ESTADOS_CON_RELOJ)
    if vence == Vence.HOY:
        return reloj & Q(fecha_limite=hoy)
    if vence == Vence.SEMANA:
        return reloj & Q(fecha_limite__gte=hoy, fecha_limite__lte=fin_de_semana(hoy))
    if vence == Vence.VENCIDAS:
        return reloj & Q(fecha_limite__lt=hoy)
    return Q()


def _filtro_texto(texto: str) -> Q:
    """Radicado (exact), the tercero (the one tercero search) or words of the description."""
    texto = limpiar_consulta(texto)
    if not texto:
        return Q()
    filtro = tercero_coincide(q=texto) | Q(descripcion__icontains=texto)
    if _RADICADO.fullmatch(texto):
        anio, numero = texto.upper().split("-")[1:]
        filtro |= Q(radicado=f"PQRS-{anio}-{int(numero):06d}")
    return filtro


def pqrs_bandeja(
    *,
    estado: str = ABIERTAS,
    clasificacion: str = "",
    asignado: str = "",
    vence: str = "",
    texto: str = "",
    usuario=None,
    hoy: date | None = None,
) -> QuerySet[Pqrs]:
    """The staff inbox. Unknown filter values are ignored (the form already said so).

    `estado`: an EstadoPqrs value, ABIERTAS (default) or TODAS. `asignado`: a user id, ASIGNADO_YO
    (needs `usuario`) or SIN_ASIGNAR. `vence`: see Vence. Most urgent first.
    """
    hoy = hoy or hoy_colombia()
    qs = Pqrs.objects.select_related("tercero", "asignado_a")
    if estado == ABIERTAS:
        qs = qs.filter(estado__in=ESTADOS_ABIERTOS)
    elif estado in EstadoPqrs.values:
        qs = qs.filter(estado=estado)
    if clasificacion in Clasificacion.values:
        qs = qs.filter(clasificacion=clasificacion)
    if asignado == ASIGNADO_YO and usuario is not None:
        qs = qs.filter(asignado_a=usuario)
    elif asignado == SIN_ASIGNAR:
        qs = qs.filter(asignado_a__isnull=True)
    elif asignado.isascii() and asignado.isdecimal() and len(asignado) <= 18:
        qs = qs.filter(asignado_a_id=int(asignado))
    qs = qs.filter(_filtro_vence(vence, hoy)).filter(_filtro_texto(texto))
    if estado in (ABIERTAS, *ESTADOS_ABIERTOS) or vence in Vence.VALORES:
        return qs.order_by("fecha_limite", "id")
    return qs.order_by("-recibida_en", "-id")


@dataclass(frozen=True)
class ResumenPqrs:
    vencen_hoy: int
    vencidas: int
    semana: int

    @property
    def hay_algo(self) -> bool:
        return bool(self.vencen_hoy or self.vencidas or self.semana)


def pqrs_resumen_gestion(hoy: date | None = None) -> ResumenPqrs:
    """Due today, overdue and due this week (open, clock running), in one query."""
    hoy = hoy or hoy_colombia()
    conteos = Pqrs.objects.filter(estado__in=ESTADOS_CON_RELOJ).aggregate(
        vencen_hoy=Count("pk", filter=_filtro_vence(Vence.HOY, hoy)),
        vencidas=Count("pk", filter=_filtro_vence(Vence.VENCIDAS, hoy)),
        semana=Count("pk", filter=_filtro_vence(Vence.SEMANA, hoy)),
    )
    return ResumenPqrs(**conteos)


def pqrs_gestion_o_404(*, pk: int) -> Pqrs:
    """One PQRS with its whole thread (internal notes included) and attachments, or 404."""
    mensajes = MensajePqrs.objects.select_related("autor").prefetch_related("adjuntos").order_by("creado_en", "id")
    return uno_o_404(
        Pqrs.objects.select_related("tercero", "asignado_a", "creada_por", "propiedad", "contrato").prefetch_related(
            Prefetch("mensajes", queryset=mensajes)
        ),
        pk=pk,
    )


def adjunto_gestion_o_404(*, pk: int) -> AdjuntoPqrs:
    return uno_o_404(AdjuntoPqrs.objects.select_related("mensaje__pqrs"), pk=pk)


def pqrs_historial(*, pqrs: Pqrs, limite: int = 100) -> list[EventoAuditoria]:
    """The audit rows of one PQRS, oldest first (what was done, by whom, when)."""
    filas = (
        EventoAuditoria.objects.filter(objeto_tipo=Pqrs._meta.label_lower, objeto_id=str(pqrs.pk))
        .select_related("actor")
        .order_by("-fecha", "-pk")[:limite]
    )
    return list(reversed(filas))


def staff_asignables() -> QuerySet:
    """Active staff users a PQRS can be assigned to, by name."""
    return (
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .only("pk", "username", "first_name", "last_name")
        .order_by("first_name", "last_name", "username")
    )


def pqrs_por_vencer_de_cada_asignado(*, hoy: date) -> dict:
    """{assignee: [PQRS due today or overdue, most urgent first]} for the daily reminder."""
    filas = (
        Pqrs.objects.filter(asignado_a__isnull=False, asignado_a__is_active=True, asignado_a__is_staff=True)
        .filter(_filtro_vence(Vence.HOY, hoy) | _filtro_vence(Vence.VENCIDAS, hoy))
        .select_related("tercero", "asignado_a")
        .order_by("asignado_a_id", "fecha_limite", "id")
    )
    por_usuario: dict = {}
    for pqrs in filas:
        por_usuario.setdefault(pqrs.asignado_a, []).append(pqrs)
    return por_usuario
