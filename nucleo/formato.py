"""Colombian money formatting: $ 1.200.000 (cents only when there are any)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def pesos(valor) -> str:
    if valor is None or valor == "":
        return ""
    try:
        cantidad = Decimal(str(valor)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return str(valor)
    signo = "-" if cantidad < 0 else ""
    cantidad = abs(cantidad)
    entero, centavos = divmod(cantidad, 1)
    texto = f"{int(entero):,}".replace(",", ".")
    if centavos:
        texto += "," + f"{centavos:.2f}"[2:]
    return f"{signo}$ {texto}"
