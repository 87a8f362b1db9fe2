"""Reading integers and Colombian money typed by people."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from nucleo.entrada import DineroField, decimal_de_texto, entero_o_none


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [
        ("2026", 2026),
        (" 7 ", 7),
        ("²", None),
        ("٣", None),
        ("1²", None),
        ("", None),
        (None, None),
        ("-3", None),
        ("1e3", None),
        ("9" * 19, None),
        ("12\x00", None),
        (15, 15),
        (True, None),
    ],
)
def test_entero_o_none_takes_ascii_digits_only(texto, esperado):
    assert entero_o_none(texto) == esperado


def test_entero_o_none_applies_the_bounds():
    assert entero_o_none("1999", minimo=2000) is None
    assert entero_o_none("2101", maximo=2100) is None
    assert entero_o_none("2050", minimo=2000, maximo=2100) == 2050


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [
        ("1.300.000", "1300000"),
        ("$ 1.300.000,50", "1300000.50"),
        ("$1.300.000", "1300000"),
        ("1300000", "1300000"),
        ("1300000.50", "1300000.50"),
        ("1300000,5", "1300000.5"),
        ("1.300", "1300"),
        ("1.30", "1.30"),
        ("  2.100.000  ", "2100000"),
        ("1.300.000 COP", "1300000"),
    ],
)
def test_money_reads_colombian_and_plain_forms(texto, esperado):
    assert decimal_de_texto(texto) == Decimal(esperado)


@pytest.mark.parametrize(
    "texto", ["1,300,000", "1.30.000", "abc", "NaN", "1e5", "١٢٣", "²", "1.300.000.50", "--1"]
)
def test_money_refuses_what_is_not_an_amount(texto):
    with pytest.raises(ValueError, match=re.escape(texto)):
        decimal_de_texto(texto)


def test_the_money_field_explains_in_spanish_and_shows_amounts_the_colombian_way():
    campo = DineroField(min_value=Decimal("1"))
    with pytest.raises(ValidationError, match="Escriba el valor en pesos"):
        campo.clean("mil pesos")
    with pytest.raises(ValidationError, match=re.escape("máximo 999.999.999.999 pesos")):
        campo.clean("9" * 30)
    assert campo.clean("$ 1.300.000,50") == Decimal("1300000.50")
    assert campo.widget.format_value(Decimal("1300000.50")) == "1.300.000,50"
    assert campo.widget.format_value(Decimal("1800000.00")) == "1.800.000"
