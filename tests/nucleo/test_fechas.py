"""fecha_sumar_meses: calendar months, ending on the same day number or the month's last day."""

from datetime import date

import pytest

from nucleo.fechas import fecha_sumar_meses


@pytest.mark.parametrize(
    ("fecha", "meses", "esperada"),
    [
        (date(2026, 3, 10), 1, date(2026, 4, 10)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_it_adds_calendar_months(fecha, meses, esperada):
    assert fecha_sumar_meses(fecha, meses) == esperada
