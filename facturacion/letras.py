"""Amounts in Spanish words, as Colombian invoices print them: 'UN MILLÓN DOSCIENTOS MIL PESOS M/CTE'."""

import re
from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words


def entero_a_letras(n: int) -> str:
    """Words for a whole number, in the apocopated form used before a noun ('veintiún mil', 'ciento un')."""
    texto = num2words(n, lang="es")
    # num2words writes the pronoun form ('veintiuno', 'uno'); before 'mil', 'millones' or 'pesos' Spanish
    # drops the final -o (and 'veintiún' takes its accent).
    return re.sub(r"\buno\b", "un", re.sub(r"\bveintiuno\b", "veintiún", texto))


def pesos_en_letras(valor) -> str:
    """'UN MILLÓN DOSCIENTOS MIL PESOS M/CTE'; cents as 'CON 50/100'."""
    cantidad = Decimal(str(valor)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    entero = int(cantidad)
    centavos = int((cantidad - entero) * 100)
    palabras = entero_a_letras(entero)
    # "un millón de pesos", "dos millones de pesos", but "un millón cien mil pesos".
    de = " de" if entero and (entero % 10**6 == 0) else ""
    texto = f"{palabras}{de} {'peso' if entero == 1 else 'pesos'}"
    if centavos:
        texto += f" con {centavos:02d}/100"
    return f"{texto} m/cte".upper()
