"""The legal clock of a PQRS: response terms in Colombian business days, extensions, pauses.

Pure functions (no database): the models and services store what these compute. Business days
are Monday to Friday, or to Saturday when the agency works Saturdays, minus Colombia's public
holidays from the `holidays` package (≥ 0.99 includes Ley 2578 de 2026, Our Lady of Chiquinquirá,
9 July moved to Monday).
"""

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nucleo.fechas import fecha_sumar_meses

# The law's clock is Colombia's whatever the server's TIME_ZONE says.
ZONA_COLOMBIA = ZoneInfo("America/Bogota")

# Sugerencias have no legal term; this is the agency setting's default.
DIAS_SUGERENCIA = 15

# The traffic light turns amber in the last business days of the term.
DIAS_AMBAR = 3

# Ley 1755 art. 17: the client has one month to complete the request, extendable once by as much.
MESES_ESPERA_CLIENTE = 1

# (desde, hasta): the client was asked for more information at `desde` and answered at `hasta`.
Pausa = tuple[datetime | date, datetime | date]


class TipoLegal(models.TextChoices):
    """The kinds of request the law gives different terms to."""

    PETICION = "peticion", _("Petición general")
    PETICION_DOCUMENTOS = "peticion_documentos", _("Petición de documentos e información")
    CONSULTA = "consulta", _("Consulta")
    QUEJA = "queja", _("Queja")
    RECLAMO = "reclamo", _("Reclamo")
    SUGERENCIA = "sugerencia", _("Sugerencia")
    DATOS_CONSULTA = "datos_consulta", _("Consulta de datos personales")
    DATOS_RECLAMO = "datos_reclamo", _("Reclamo de datos personales")


class Semaforo(models.TextChoices):
    VERDE = "verde", _("A tiempo")
    AMBAR = "ambar", _("Por vencer")
    ROJO = "rojo", _("Vencida")


class Prorroga(enum.Enum):
    DOBLE = "doble"  # Ley 1755 art. 14 par.: up to double the initial term.
    FIJA = "fija"  # Ley 1581 arts. 14-15: at most a fixed number of days after the first term.


@dataclass(frozen=True)
class Termino:
    dias: int | None  # None: the agency's setting (sugerencias).
    prorroga: Prorroga
    dias_prorroga: int | None  # FIJA: the cap; DOBLE: None, the cap is the term itself.
    norma: str


TERMINOS: MappingProxyType[TipoLegal, Termino] = MappingProxyType(
    {
        TipoLegal.PETICION: Termino(15, Prorroga.DOBLE, None, "Ley 1755 de 2015, art. 14"),
        TipoLegal.PETICION_DOCUMENTOS: Termino(10, Prorroga.DOBLE, None, "Ley 1755 de 2015, art. 14 num. 1"),
        TipoLegal.CONSULTA: Termino(30, Prorroga.DOBLE, None, "Ley 1755 de 2015, art. 14 num. 2"),
        # Quejas and reclamos are petitions too (Ley 1755 arts. 13 and 32): same extension rule.
        TipoLegal.QUEJA: Termino(15, Prorroga.DOBLE, None, "Ley 1480 de 2011, art. 58"),
        TipoLegal.RECLAMO: Termino(15, Prorroga.DOBLE, None, "Ley 1480 de 2011, art. 58"),
        TipoLegal.SUGERENCIA: Termino(
            None, Prorroga.DOBLE, None, "Sin término legal (política de la agencia)"
        ),
        TipoLegal.DATOS_CONSULTA: Termino(10, Prorroga.FIJA, 5, "Ley 1581 de 2012, art. 14"),
        TipoLegal.DATOS_RECLAMO: Termino(15, Prorroga.FIJA, 8, "Ley 1581 de 2012, art. 15"),
    }
)


class PlazoError(ValidationError):
    """A refused deadline operation, with a message staff can act on."""


class ProrrogaRechazada(PlazoError):
    pass


@lru_cache(maxsize=64)
def _festivos(anio: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("CO", years=anio))


def fecha_local(momento: datetime | date) -> date:
    """The Colombian calendar date of an aware datetime; a plain date is taken as it is."""
    if isinstance(momento, datetime):
        if momento.tzinfo is None or momento.utcoffset() is None:
            raise ValueError("A naive datetime has no Colombian date; pass an aware one.")
        return momento.astimezone(ZONA_COLOMBIA).date()
    return momento


def es_dia_habil(dia: date, *, dias_sabado: bool = False) -> bool:
    ultimo = 5 if dias_sabado else 4  # weekday(): Saturday is 5.
    return dia.weekday() <= ultimo and dia not in _festivos(dia.year)


def fecha_recepcion(*, recibida: datetime | date, dias_sabado: bool = False) -> date:
    """The business day a request counts as received: its own date, or the next business day.

    There is no daily cut-off hour: Ley 1755 counts days, not hours, so a request filed at 23:59
    on a business day is received that day.
    """
    dia = fecha_local(recibida)
    while not es_dia_habil(dia, dias_sabado=dias_sabado):
        dia += timedelta(days=1)
    return dia


def dias_termino(*, tipo: TipoLegal | str, dias_sugerencia: int = DIAS_SUGERENCIA) -> int:
    """The term of a kind of request, in business days."""
    dias = TERMINOS[TipoLegal(tipo)].dias
    if dias is None:
        if dias_sugerencia < 1:
            raise ValueError("The agency's term for sugerencias must be at least one business day.")
        return dias_sugerencia
    return dias


def dias_prorroga_maxima(*, tipo: TipoLegal | str, dias_sugerencia: int = DIAS_SUGERENCIA) -> int:
    """How many business days one extension may add at most."""
    termino = TERMINOS[TipoLegal(tipo)]
    if termino.prorroga is Prorroga.FIJA:
        return termino.dias_prorroga
    return dias_termino(tipo=tipo, dias_sugerencia=dias_sugerencia)


def _pausas_locales(pausas: Sequence[Pausa]) -> list[tuple[date, date]]:
    locales = []
    for desde, hasta in pausas:
        inicio, fin = fecha_local(desde), fecha_local(hasta)
        if fin < inicio:
            raise ValueError(f"A pause cannot end ({fin}) before it starts ({inicio}).")
        locales.append((inicio, fin))
    return locales


def _sumar_dias_habiles(
    inicio: date, dias: int, *, dias_sabado: bool, pausas: list[tuple[date, date]]
) -> date:
    # Ley 1755 art. 17: the term resumes the day after the client answers, so a pause stops the
    # days after the request for information up to and including the day of the answer.
    dia, contados = inicio, 0
    while contados < dias:
        dia += timedelta(days=1)
        if es_dia_habil(dia, dias_sabado=dias_sabado) and not any(d < dia <= h for d, h in pausas):
            contados += 1
    return dia


def fecha_limite(
    *,
    recibida: datetime | date,
    tipo: TipoLegal | str,
    dias_sabado: bool = False,
    pausas: Sequence[Pausa] = (),
    dias_sugerencia: int = DIAS_SUGERENCIA,
    dias_adicionales: int = 0,
) -> date:
    """The last business day to answer, counting from the business day after receipt.

    `pausas` are the closed periods spent waiting for the client; while a request is still waiting
    its clock is stopped and it has no due date (compute it again when the client answers).
    `dias_adicionales` is a granted extension; use `prorroga_limite` to grant one.
    """
    if dias_adicionales < 0:
        raise ValueError("An extension cannot remove days from the term.")
    dias = dias_termino(tipo=tipo, dias_sugerencia=dias_sugerencia) + dias_adicionales
    return _sumar_dias_habiles(
        fecha_recepcion(recibida=recibida, dias_sabado=dias_sabado),
        dias,
        dias_sabado=dias_sabado,
        pausas=_pausas_locales(pausas),
    )


def prorroga_limite(
    *,
    recibida: datetime | date,
    tipo: TipoLegal | str,
    hoy: datetime | date,
    dias_adicionales: int | None = None,
    prorrogada: bool = False,
    dias_sabado: bool = False,
    pausas: Sequence[Pausa] = (),
    dias_sugerencia: int = DIAS_SUGERENCIA,
) -> date:
    """The new due date of the one extension the law allows, granted on `hoy`.

    `dias_adicionales` defaults to the legal maximum. Refused (ProrrogaRechazada) once the request
    has been extended, when the days exceed the cap, or after the term expired: the law requires
    telling the client before it does.
    """
    if prorrogada:
        raise ProrrogaRechazada(gettext("Esta PQRS ya fue prorrogada; la ley permite una sola prórroga."))
    maxima = dias_prorroga_maxima(tipo=tipo, dias_sugerencia=dias_sugerencia)
    if dias_adicionales is None:
        dias_adicionales = maxima
    if not 1 <= dias_adicionales <= maxima:
        raise ProrrogaRechazada(
            gettext("La prórroga debe ser de 1 a %(maxima)s días hábiles.") % {"maxima": maxima}
        )
    comun = {
        "recibida": recibida,
        "tipo": tipo,
        "dias_sabado": dias_sabado,
        "pausas": pausas,
        "dias_sugerencia": dias_sugerencia,
    }
    vence = fecha_limite(**comun)
    if fecha_local(hoy) > vence:
        raise ProrrogaRechazada(
            gettext(
                "El término venció el %(fecha)s; la prórroga debe avisarse al cliente antes del vencimiento."
            )
            % {"fecha": date_format(vence, "SHORT_DATE_FORMAT")}
        )
    return fecha_limite(**comun, dias_adicionales=dias_adicionales)


def dias_habiles_restantes(*, hasta: date, hoy: datetime | date, dias_sabado: bool = False) -> int:
    """Business days left to answer, today included; 0 once the due date has passed.

    For a request waiting for the client, pass the day the clock stopped as `hoy`.
    """
    dia, restantes = fecha_local(hoy), 0
    while dia <= hasta:
        restantes += es_dia_habil(dia, dias_sabado=dias_sabado)
        dia += timedelta(days=1)
    return restantes


def semaforo(*, hasta: date, hoy: datetime | date, dias_sabado: bool = False) -> Semaforo:
    """Red once overdue, amber in the term's last DIAS_AMBAR business days, green before."""
    if fecha_local(hoy) > hasta:
        return Semaforo.ROJO
    if dias_habiles_restantes(hasta=hasta, hoy=hoy, dias_sabado=dias_sabado) <= DIAS_AMBAR:
        return Semaforo.AMBAR
    return Semaforo.VERDE


def fin_espera_cliente(
    *, desde: datetime | date, prorroga_cliente: bool = False, dias_sabado: bool = False
) -> date:
    """The last day the client has to complete a request asked of them at `desde` (Ley 1755 art. 17).

    One calendar month, or two if the client asked for the extension; a term of months ending on a
    non-business day runs to the next business day (Ley 4 de 1913, art. 62).
    """
    meses = MESES_ESPERA_CLIENTE * (2 if prorroga_cliente else 1)
    fin = fecha_sumar_meses(fecha_local(desde), meses)
    while not es_dia_habil(fin, dias_sabado=dias_sabado):
        fin += timedelta(days=1)
    return fin


def puede_desistirse(
    *,
    desde: datetime | date,
    hoy: datetime | date,
    prorroga_cliente: bool = False,
    dias_sabado: bool = False,
) -> bool:
    """Whether staff may close a request as desistida: the client let their month pass unanswered."""
    fin = fin_espera_cliente(desde=desde, prorroga_cliente=prorroga_cliente, dias_sabado=dias_sabado)
    return fecha_local(hoy) > fin
