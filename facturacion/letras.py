"""Amounts in Spanish words, as Colombian invoices print them: 'UN MILLÓN DOSCIENTOS MIL PESOS M/CTE'."""

from decimal import ROUND_HALF_UP, Decimal

_UNIDADES = [
    "cero",
    "un",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiún",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
]
_DECENAS = ["", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"]
_CENTENAS = [
    "",
    "ciento",
    "doscientos",
    "trescientos",
    "cuatrocientos",
    "quinientos",
    "seiscientos",
    "setecientos",
    "ochocientos",
    "novecientos",
]


def _hasta_999(n: int) -> str:
    if n == 100:
        return "cien"
    centenas, resto = divmod(n, 100)
    partes = [_CENTENAS[centenas]] if centenas else []
    if resto < 30:
        if resto:
            partes.append(_UNIDADES[resto])
    else:
        decenas, unidades = divmod(resto, 10)
        partes.append(_DECENAS[decenas] + (f" y {_UNIDADES[unidades]}" if unidades else ""))
    return " ".join(partes)


def entero_a_letras(n: int) -> str:
    """Words for a whole number (apocopated 'un' form, as used before 'pesos')."""
    if n < 0:
        return "menos " + entero_a_letras(-n)
    if n == 0:
        return "cero"
    partes = []
    billones, n = divmod(n, 10**12)
    millones, n = divmod(n, 10**6)
    miles, unidades = divmod(n, 1000)
    if billones:
        partes.append("un billón" if billones == 1 else f"{entero_a_letras(billones)} billones")
    if millones:
        partes.append("un millón" if millones == 1 else f"{_miles(millones)} millones")
    if miles or unidades:
        partes.append(_miles(miles * 1000 + unidades))
    return " ".join(partes)


def _miles(n: int) -> str:
    miles, unidades = divmod(n, 1000)
    partes = []
    if miles:
        partes.append("mil" if miles == 1 else f"{_hasta_999(miles)} mil")
    if unidades:
        partes.append(_hasta_999(unidades))
    return " ".join(partes)


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
