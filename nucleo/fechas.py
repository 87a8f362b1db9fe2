"""Calendar arithmetic shared by the apps (months, periods)."""

from datetime import date


def mes_sumar(fecha: date, meses: int) -> date:
    """The first day of the month `meses` months after (negative: before) `fecha`'s month."""
    total = fecha.year * 12 + fecha.month - 1 + meses
    return date(total // 12, total % 12 + 1, 1)
