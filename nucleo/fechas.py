"""Calendar arithmetic shared by the apps (months, periods)."""

import calendar
from datetime import date


def mes_sumar(fecha: date, meses: int) -> date:
    """The first day of the month `meses` months after (negative: before) `fecha`'s month."""
    total = fecha.year * 12 + fecha.month - 1 + meses
    return date(total // 12, total % 12 + 1, 1)


def fecha_sumar_meses(fecha: date, meses: int) -> date:
    """The same day number `meses` calendar months later, or that month's last day if it is shorter.

    Código Civil art. 67: a term of months ends on the same number (31 Jan + 1 month = 28/29 Feb).
    """
    mes = mes_sumar(fecha, meses)
    return mes.replace(day=min(fecha.day, calendar.monthrange(mes.year, mes.month)[1]))
