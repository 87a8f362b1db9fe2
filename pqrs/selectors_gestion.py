"""Staff reads of PQRS: the inbox and its filters, one case with its thread and history, the
back-office home counts and the daily reminder's list. Every list is bounded: rows come with their
tercero and assignee in the same query; the due filters are ranges on `fecha_limite`
(index `pqrs_estado_vence_idx`)."""

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
    EstadoPqrs,
    MensajePqrs,
    Pqrs,
)
from pqrs.selectors import ID_MAXIMO
from terceros.busqueda import limpiar_consulta
from terceros.selectors import tercero_coincide

# `estado` of the inbox: "" is the open ones (the default view), TODAS every state.
TODAS = "todas"
# `asignado` of the inbox besides a user id.
ASIGNADO_YO = "yo"
SIN_ASIGNAR = "ninguno"
VENCE = ("hoy", "semana", "vencidas")

_RADICADO = re.compile(r"PQRS-([0-9]{4})-([0-9]{1,12})", re.IGNORECASE)
_DOCUMENTO = re.compile(r"[0-9][0-9.\-\s]*", re.ASCII)


def hoy_colombia() -> date:
    """Today on the law's calendar: the filters and the traffic light use the same day."""
    return plazos.fecha_local(timezone.now())


def _pk(pk) -> int:
    numero = entero_o_none(pk, minimo=1, maximo=ID_MAXIMO)
    if numero is None:
        raise Http404
    return numero


def pqrs_de_gestion_o_404(pk) -> Pqrs:
    """Any PQRS with its whole thread (internal notes included) and attachments, for staff."""
    mensajes = (
        MensajePqrs.objects.select_related("autor").prefetch_related("adjuntos").order_by("creado_en", "id")
    )
    return uno_o_404(
        Pqrs.objects.select_related(
            "tercero", "propiedad", "contrato", "asignado_a", "creada_por"
        ).prefetch_related(Prefetch("mensajes", queryset=mensajes)),
        pk=_pk(pk),
    )


def adjunto_de_gestion_o_404(pk) -> AdjuntoPqrs:
    """Any attachment, internal notes' too: staff only."""
    return uno_o_404(AdjuntoPqrs.objects.select_related("mensaje__pqrs"), pk=_pk(pk))


def fin_de_semana(hoy: date) -> date:
    """*Vence esta semana*: from today to this week's Sunday."""
    return hoy + timedelta(days=6 - hoy.weekday())


def _vence(vence: str, hoy: date) -> Q:
    # Only a running clock falls due: one stopped for the client, or an answered request, does not.
    reloj = Q(estado__in=ESTADOS_CON_RELOJ)
    if vence == "hoy":
        return reloj & Q(fecha_limite=hoy)
    if vence == "semana":
        return reloj & Q(fecha_limite__gte=hoy, fecha_limite__lte=fin_de_semana(hoy))
    if vence == "vencidas":
        return reloj & Q(fecha_limite__lt=hoy)
    return Q()


def _texto(texto: str) -> Q:
    """A radicado (exact, leading zeros optional: the unique index), else the tercero (the one
    tercero search: name, or document prefix for digits) or words of the description."""
    texto = limpiar_consulta(texto)
    if not texto:
        return Q()
    if radicado := _RADICADO.fullmatch(texto):
        return Q(radicado=f"PQRS-{radicado[1]}-{int(radicado[2]):06d}")
    if _DOCUMENTO.fullmatch(texto):
        # A document number (digits, dots, dashes): the tercero's, by its btree prefix index; scanning
        # every description for it cost 0.75 s at 100,000 PQRS (docs/BENCHMARKS.md).
        return tercero_coincide(q=texto)
    return tercero_coincide(q=texto) | Q(descripcion__icontains=texto)


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
    vencidas. `texto`: see _texto. Open ones and due filters come most urgent first, other views
    newest first. Unknown values filter nothing (the form already said why).
    """
    hoy = hoy or hoy_colombia()
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
    consulta = consulta.filter(_vence(vence, hoy)).filter(_texto(texto))
    if vence in VENCE or not estado or estado in ESTADOS_ABIERTOS:
        return consulta.order_by("fecha_limite", "id")
    return consulta.order_by("-recibida_en", "-id")


def pqrs_resumen_gestion(hoy: date | None = None) -> dict[str, int]:
    """The back-office home and inbox counts, in one query: due today, overdue, waiting for the
    client, unassigned (open ones)."""
    hoy = hoy or hoy_colombia()
    return Pqrs.objects.filter(estado__in=ESTADOS_ABIERTOS).aggregate(
        vencen_hoy=Count("id", filter=_vence("hoy", hoy)),
        vencidas=Count("id", filter=_vence("vencidas", hoy)),
        esperando=Count("id", filter=Q(estado=EstadoPqrs.ESPERANDO_CLIENTE)),
        sin_asignar=Count("id", filter=Q(asignado_a__isnull=True)),
    )


def pqrs_vencimientos_por_asignado(hoy: date | None = None) -> dict:
    """{active staff assignee: [their PQRS due today or overdue, most urgent first]}: the reminder."""
    hoy = hoy or hoy_colombia()
    filas = (
        Pqrs.objects.filter(_vence("hoy", hoy) | _vence("vencidas", hoy))
        .filter(asignado_a__isnull=False, asignado_a__is_active=True, asignado_a__is_staff=True)
        .select_related("asignado_a", "tercero")
        .order_by("asignado_a_id", "fecha_limite", "id")
    )
    por_usuario: dict = {}
    for pqrs in filas:
        por_usuario.setdefault(pqrs.asignado_a, []).append(pqrs)
    return por_usuario


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
