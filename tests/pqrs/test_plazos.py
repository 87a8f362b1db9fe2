"""The legal clock: terms in Colombian business days, receipt, pauses, extensions, traffic light.

Expected dates are worked out by hand from the 2026-2027 calendar (holidays in each case's comment).
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from pqrs.plazos import (
    TERMINOS,
    ProrrogaRechazada,
    Semaforo,
    TipoLegal,
    dias_habiles_restantes,
    dias_prorroga_maxima,
    dias_termino,
    es_dia_habil,
    fecha_limite,
    fecha_recepcion,
    fin_espera_cliente,
    prorroga_limite,
    puede_desistirse,
    semaforo,
)

BOGOTA = ZoneInfo("America/Bogota")
T = TipoLegal


def bogota(*args) -> datetime:
    return datetime(*args, tzinfo=BOGOTA)


def test_it_has_a_term_and_extension_cap_for_every_legal_kind():
    assert set(TERMINOS) == set(TipoLegal)
    assert {t: (dias_termino(tipo=t), dias_prorroga_maxima(tipo=t)) for t in TipoLegal} == {
        T.PETICION: (15, 15),
        T.PETICION_DOCUMENTOS: (10, 10),
        T.CONSULTA: (30, 30),
        T.QUEJA: (15, 15),
        T.RECLAMO: (15, 15),
        T.SUGERENCIA: (15, 15),
        T.DATOS_CONSULTA: (10, 5),
        T.DATOS_RECLAMO: (15, 8),
    }


def test_it_takes_the_agency_term_for_sugerencias_only():
    assert dias_termino(tipo=T.SUGERENCIA, dias_sugerencia=5) == 5
    assert dias_termino(tipo=T.QUEJA, dias_sugerencia=5) == 15
    with pytest.raises(ValueError, match="at least one"):
        dias_termino(tipo=T.SUGERENCIA, dias_sugerencia=0)


@pytest.mark.parametrize(
    ("recibida", "tipo", "esperada"),
    [
        # Worked examples. Mon 23 Mar (San José) and Holy Thu/Fri 2-3 Apr are holidays.
        (date(2026, 3, 20), T.PETICION_DOCUMENTOS, date(2026, 4, 8)),
        (date(2026, 3, 20), T.PETICION, date(2026, 4, 15)),
        # 25 Dec, 1 Jan and Mon 11 Jan 2027 (Reyes) are holidays.
        (date(2026, 12, 18), T.PETICION, date(2027, 1, 13)),
        # 1 May is a holiday.
        (date(2026, 3, 20), T.CONSULTA, date(2026, 5, 7)),
        (date(2026, 3, 20), T.QUEJA, date(2026, 4, 15)),
        (date(2026, 3, 20), T.RECLAMO, date(2026, 4, 15)),
        (date(2026, 3, 20), T.SUGERENCIA, date(2026, 4, 15)),
        (date(2026, 3, 20), T.DATOS_CONSULTA, date(2026, 4, 8)),
        (date(2026, 3, 20), T.DATOS_RECLAMO, date(2026, 4, 15)),
        # Ley 2578 de 2026: Chiquinquirá (9 Jul) on Mon 13 Jul 2026; Mon 20 Jul is Independence.
        (date(2026, 7, 10), T.PETICION_DOCUMENTOS, date(2026, 7, 28)),
        # Holy Week 2027: received on Mon 22 Mar (San José) counts from Tue 23; 25-26 Mar are off.
        (date(2027, 3, 22), T.PETICION, date(2027, 4, 15)),
        # Received on a Sunday: as if on Tue 24 Mar (Monday is a holiday), one day later than Friday.
        (date(2026, 3, 22), T.PETICION_DOCUMENTOS, date(2026, 4, 9)),
        # Received on the holiday itself.
        (date(2026, 3, 23), T.PETICION_DOCUMENTOS, date(2026, 4, 9)),
    ],
)
def test_it_counts_business_days_from_the_day_after_receipt(recibida, tipo, esperada):
    assert fecha_limite(recibida=recibida, tipo=tipo) == esperada


def test_it_accepts_the_kind_as_its_stored_value():
    assert fecha_limite(recibida=date(2026, 3, 20), tipo="peticion") == date(2026, 4, 15)
    with pytest.raises(ValueError, match="TipoLegal"):
        fecha_limite(recibida=date(2026, 3, 20), tipo="tutela")


def test_it_uses_the_agency_term_for_a_sugerencia():
    assert fecha_limite(recibida=date(2026, 3, 20), tipo=T.SUGERENCIA, dias_sugerencia=5) == date(2026, 3, 30)


def test_it_knows_the_holiday_added_by_ley_2578_de_2026():
    assert not es_dia_habil(date(2026, 7, 13))  # Monday after 9 July
    assert es_dia_habil(date(2026, 7, 9))  # the feast itself moves to Monday
    assert es_dia_habil(date(2025, 7, 14))  # not a holiday before the law


@pytest.mark.parametrize(
    ("recibida", "dias", "esperada"),
    [
        # Saturdays 21 and 28 Mar and 4 Apr count; the holidays still do not.
        (date(2026, 3, 20), T.PETICION_DOCUMENTOS, date(2026, 4, 4)),
        (date(2026, 3, 20), T.PETICION, date(2026, 4, 10)),
        # Received on a working Saturday: that day is the receipt.
        (date(2026, 3, 21), T.PETICION_DOCUMENTOS, date(2026, 4, 6)),
    ],
)
def test_it_counts_saturdays_when_the_agency_works_them(recibida, dias, esperada):
    assert fecha_limite(recibida=recibida, tipo=dias, dias_sabado=True) == esperada
    assert fecha_limite(recibida=recibida, tipo=dias) != esperada


def test_it_takes_the_date_in_bogota_not_in_utc():
    # 23:30 in Bogotá on New Year's Eve is already 04:30 on 1 January in UTC.
    noche_vieja = bogota(2026, 12, 31, 23, 30).astimezone(UTC)
    assert noche_vieja.date() == date(2027, 1, 1)

    assert fecha_recepcion(recibida=noche_vieja) == date(2026, 12, 31)
    # 1 Jan and Mon 11 Jan 2027 are holidays. Received on 1 Jan it would be 26 Jan.
    assert fecha_limite(recibida=noche_vieja, tipo=T.PETICION) == date(2027, 1, 25)
    assert fecha_limite(recibida=bogota(2027, 1, 1, 0, 30), tipo=T.PETICION) == date(2027, 1, 26)


def test_it_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="naive"):
        fecha_limite(recibida=datetime(2026, 3, 20, 10, 0), tipo=T.PETICION)


def test_it_has_no_cut_off_hour():
    assert fecha_recepcion(recibida=bogota(2026, 3, 20, 23, 59)) == date(2026, 3, 20)


def test_it_stops_the_clock_while_waiting_for_the_client_across_a_holiday():
    # Asked on Thu 26 Mar (3 days used: 24-26), answered Mon 6 Apr: 27, 30, 31 Mar, 1 and 6 Apr
    # are the 5 business days paused (Holy Thursday and Good Friday were never counted).
    pausa = (bogota(2026, 3, 26, 10, 0), bogota(2026, 4, 6, 9, 0))
    vence = fecha_limite(recibida=date(2026, 3, 20), tipo=T.PETICION_DOCUMENTOS, pausas=[pausa])

    assert vence == date(2026, 4, 15)  # 8 Apr without the pause, + 5 business days


def test_it_ignores_a_pause_answered_the_same_day():
    pausa = (bogota(2026, 3, 26, 10, 0), bogota(2026, 3, 26, 16, 0))
    vence = fecha_limite(recibida=date(2026, 3, 20), tipo=T.PETICION_DOCUMENTOS, pausas=[pausa])

    assert vence == date(2026, 4, 8)


def test_it_adds_up_several_pauses():
    pausas = [(date(2026, 3, 24), date(2026, 3, 25)), (date(2026, 4, 6), date(2026, 4, 7))]
    vence = fecha_limite(recibida=date(2026, 3, 20), tipo=T.PETICION_DOCUMENTOS, pausas=pausas)

    assert vence == date(2026, 4, 10)  # 25 Mar and 7 Apr did not count


def test_it_refuses_a_pause_that_ends_before_it_starts():
    with pytest.raises(ValueError, match="before it starts"):
        fecha_limite(
            recibida=date(2026, 3, 20),
            tipo=T.PETICION,
            pausas=[(date(2026, 3, 26), date(2026, 3, 25))],
        )


@pytest.mark.parametrize(
    ("tipo", "hoy", "dias_adicionales", "esperada"),
    [
        # Ley 1755: up to double. Due 15 Apr; on that very day it may still be extended.
        (T.PETICION, date(2026, 4, 15), None, date(2026, 5, 7)),
        (T.PETICION, date(2026, 3, 24), 5, date(2026, 4, 22)),
        # Ley 1581: the fixed extra days after the first term (due 8 Apr and 15 Apr).
        (T.DATOS_CONSULTA, date(2026, 4, 8), None, date(2026, 4, 15)),
        (T.DATOS_RECLAMO, date(2026, 4, 1), None, date(2026, 4, 27)),
    ],
)
def test_it_extends_before_the_term_expires(tipo, hoy, dias_adicionales, esperada):
    vence = prorroga_limite(recibida=date(2026, 3, 20), tipo=tipo, hoy=hoy, dias_adicionales=dias_adicionales)

    assert vence == esperada


def test_it_refuses_an_extension_after_expiry():
    with pytest.raises(ProrrogaRechazada, match="venció el 15/04/2026"):
        prorroga_limite(recibida=date(2026, 3, 20), tipo=T.PETICION, hoy=date(2026, 4, 16))


def test_it_explains_the_refusal_in_english_too():
    with translation.override("en"), pytest.raises(ProrrogaRechazada, match="expired on 15/04/2026"):
        prorroga_limite(recibida=date(2026, 3, 20), tipo=T.PETICION, hoy=date(2026, 4, 16))


def test_it_judges_expiry_on_the_bogota_date():
    # 03:00 UTC on 16 Apr is still 15 Apr, the last day, in Bogotá.
    hoy = bogota(2026, 4, 15, 22, 0).astimezone(UTC)
    assert prorroga_limite(recibida=date(2026, 3, 20), tipo=T.PETICION, hoy=hoy) == date(2026, 5, 7)


@pytest.mark.parametrize(("tipo", "dias"), [(T.PETICION, 16), (T.PETICION, 0), (T.DATOS_CONSULTA, 6)])
def test_it_refuses_an_extension_beyond_the_cap(tipo, dias):
    with pytest.raises(ProrrogaRechazada, match="debe ser de 1 a"):
        prorroga_limite(recibida=date(2026, 3, 20), tipo=tipo, hoy=date(2026, 3, 24), dias_adicionales=dias)


def test_it_allows_only_one_extension():
    with pytest.raises(ProrrogaRechazada, match="una sola prórroga"):
        prorroga_limite(recibida=date(2026, 3, 20), tipo=T.PETICION, hoy=date(2026, 3, 24), prorrogada=True)


def test_it_extends_from_the_paused_due_date():
    # The pause moved the due date from 8 to 15 Apr, so on 10 Apr the term has not expired.
    pausa = (bogota(2026, 3, 26, 10, 0), bogota(2026, 4, 6, 9, 0))
    vence = prorroga_limite(
        recibida=date(2026, 3, 20), tipo=T.PETICION_DOCUMENTOS, hoy=date(2026, 4, 10), pausas=[pausa]
    )

    assert vence == date(2026, 4, 29)


@pytest.mark.parametrize(
    ("hoy", "dias_sabado", "restantes", "luz"),
    [
        # Due Wed 15 Apr 2026.
        (date(2026, 4, 10), False, 4, Semaforo.VERDE),  # Fri: 10, 13, 14, 15
        (date(2026, 4, 11), False, 3, Semaforo.AMBAR),  # Sat: only Mon-Wed left
        (date(2026, 4, 11), True, 4, Semaforo.VERDE),  # ... unless Saturday is worked
        (date(2026, 4, 13), False, 3, Semaforo.AMBAR),
        (date(2026, 4, 15), False, 1, Semaforo.AMBAR),  # the last day
        (date(2026, 4, 16), False, 0, Semaforo.ROJO),
        (date(2026, 6, 1), False, 0, Semaforo.ROJO),
        # 03:00 UTC on 16 Apr is 22:00 on the 15th in Bogotá: still the last day.
        (datetime(2026, 4, 16, 3, 0, tzinfo=UTC), False, 1, Semaforo.AMBAR),
    ],
)
def test_it_lights_amber_in_the_last_three_business_days(hoy, dias_sabado, restantes, luz):
    hasta = date(2026, 4, 15)

    assert dias_habiles_restantes(hasta=hasta, hoy=hoy, dias_sabado=dias_sabado) == restantes
    assert semaforo(hasta=hasta, hoy=hoy, dias_sabado=dias_sabado) == luz


def test_it_skips_holidays_on_the_traffic_light():
    # Due Wed 8 Apr 2026; Holy Thursday and Good Friday do not count as days left.
    assert semaforo(hasta=date(2026, 4, 8), hoy=date(2026, 4, 1)) == Semaforo.VERDE  # 1, 6, 7, 8
    assert semaforo(hasta=date(2026, 4, 8), hoy=date(2026, 4, 2)) == Semaforo.AMBAR  # 6, 7, 8


@pytest.mark.parametrize(
    ("desde", "prorroga_cliente", "dias_sabado", "fin"),
    [
        (date(2026, 3, 10), False, False, date(2026, 4, 10)),
        # 31 Jan + 1 month is Sat 28 Feb, run to Monday unless Saturday is worked.
        (date(2026, 1, 31), False, False, date(2026, 3, 2)),
        (date(2026, 1, 31), False, True, date(2026, 2, 28)),
        # 13 Jul 2026 is the Chiquinquirá holiday.
        (date(2026, 6, 13), False, False, date(2026, 7, 14)),
        # The client's extension doubles it: 10 May is a Sunday.
        (date(2026, 3, 10), True, False, date(2026, 5, 11)),
        # Asked at 21:00 on 10 Mar in Bogotá (already the 11th in UTC).
        (bogota(2026, 3, 10, 21, 0).astimezone(UTC), False, False, date(2026, 4, 10)),
    ],
)
def test_it_lets_staff_close_as_desistida_after_the_clients_month(desde, prorroga_cliente, dias_sabado, fin):
    opciones = {"desde": desde, "prorroga_cliente": prorroga_cliente, "dias_sabado": dias_sabado}

    assert fin_espera_cliente(**opciones) == fin
    assert not puede_desistirse(hoy=fin, **opciones)
    assert puede_desistirse(hoy=date.fromordinal(fin.toordinal() + 1), **opciones)


def test_an_extension_across_the_year_end_doubles_the_term():
    # 18 Dec 2026 + 15 = 13 Jan 2027; the other 15 run to 3 Feb (no holiday in late January).
    nueva = prorroga_limite(recibida=date(2026, 12, 18), tipo=T.PETICION, hoy=date(2027, 1, 12))
    assert nueva == date(2027, 2, 3)


def test_a_pause_over_the_christmas_holidays_resumes_in_january():
    # Mon 21 and Tue 22 Dec count; 23 Dec … 12 Jan stopped (25 Dec, 1 and 11 Jan inside); 13 more from 13 Jan.
    pausa = (date(2026, 12, 22), date(2027, 1, 12))
    assert fecha_limite(recibida=date(2026, 12, 18), tipo=T.PETICION, pausas=[pausa]) == date(2027, 1, 29)
