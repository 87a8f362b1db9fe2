"""Amounts in words, as printed on invoices."""

from decimal import Decimal

import pytest

from facturacion.letras import entero_a_letras, pesos_en_letras


@pytest.mark.parametrize(
    ("n", "texto"),
    [
        (0, "cero"),
        (1, "un"),
        (15, "quince"),
        (21, "veintiún"),
        (30, "treinta"),
        (45, "cuarenta y cinco"),
        (100, "cien"),
        (101, "ciento un"),
        (500, "quinientos"),
        (999, "novecientos noventa y nueve"),
        (1000, "mil"),
        (1001, "mil un"),
        (2500, "dos mil quinientos"),
        (21000, "veintiún mil"),
        (100000, "cien mil"),
        (1000000, "un millón"),
        (1200000, "un millón doscientos mil"),
        (2000000, "dos millones"),
        (21450300, "veintiún millones cuatrocientos cincuenta mil trescientos"),
        (1000000000, "mil millones"),
        (3000000000000, "tres billones"),
        (31000, "treinta y un mil"),
        (1000000000000, "un billón"),
        (221021, "doscientos veintiún mil veintiún"),
    ],
)
def test_it_spells_whole_numbers(n, texto):
    assert entero_a_letras(n) == texto


def test_it_writes_pesos_as_invoices_do():
    assert pesos_en_letras(Decimal("1200000")) == "UN MILLÓN DOSCIENTOS MIL PESOS M/CTE"
    assert pesos_en_letras(Decimal("1000000")) == "UN MILLÓN DE PESOS M/CTE"
    assert pesos_en_letras(Decimal("3000000")) == "TRES MILLONES DE PESOS M/CTE"
    assert pesos_en_letras(Decimal("1")) == "UN PESO M/CTE"
    assert (
        pesos_en_letras(Decimal("178500.50")) == "CIENTO SETENTA Y OCHO MIL QUINIENTOS PESOS CON 50/100 M/CTE"
    )
