"""Bugs the form fuzzer (test_fuzz_formularios.py) found, each pinned by the smallest input that hit it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from facturacion.forms import ItemForm, ItemFormSet
from terceros.forms import ContratoForm, PropietariosFormSet

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("texto", ["sNaN", "-sNaN", "NaN", "Infinity", "-Inf"])
def test_a_signalling_nan_is_an_invalid_number_not_a_500(texto):
    # Django parsed 'sNaN' and has_changed() compared it: InvalidOperation, a 500 on every formset.
    campo = ItemForm.base_fields["cantidad"]
    assert campo.has_changed(1, texto)
    with pytest.raises(ValidationError) as error:
        campo.clean(texto)
    assert error.value.messages == ["Ingrese un número."]


def test_invoice_items_with_snan_quantity_re_render_with_an_error():
    datos = {
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-0-descripcion": "Ítem",
        "items-0-cantidad": "-sNaN",
        "items-0-valor_unitario": "1000",
        "items-0-iva_porcentaje": "0",
    }
    items = ItemFormSet(datos, prefix="items")
    assert not items.is_valid()
    assert items.forms[0].errors["cantidad"] == ["Ingrese un número."]


def test_owner_share_and_contract_commission_refuse_snan(entidad):
    propietarios = PropietariosFormSet(
        {
            "propietarios-TOTAL_FORMS": "1",
            "propietarios-INITIAL_FORMS": "0",
            "propietarios-0-tercero": "",
            "propietarios-0-participacion": "sNaN",
        },
        prefix="propietarios",
    )
    assert not propietarios.is_valid()
    hoy = timezone.localdate()
    contrato = ContratoForm(
        {"comision_porcentaje": "sNaN", "fecha_inicio": hoy, "fecha_fin": hoy + timedelta(days=1)},
        initial={"comision_porcentaje": 10},
    )
    assert "comision_porcentaje" in contrato.changed_data
    assert "comision_porcentaje" in contrato.errors


@pytest.mark.parametrize(
    "texto", ["9" * 100_000, "-" + "9" * 5000, "0" * 100_000 + "7", "9" * 20, "9223372036854775808"]
)
def test_an_id_of_huge_digits_is_an_invalid_choice_not_a_500(texto):
    # The long fuzz profile's find: int() refuses strings past 4,300 digits (ValueError, a 500 on
    # the contract and PQRS forms' id pickers).
    from nucleo.campos import ModeloField, ModelosField
    from terceros.models import Tercero

    with pytest.raises(ValidationError) as error:
        ModeloField(queryset=Tercero.objects.all()).clean(texto)
    assert error.value.code == "invalid_choice"
    with pytest.raises(ValidationError) as error:
        ModelosField(queryset=Tercero.objects.all()).clean([texto])
    assert error.value.code in {"invalid_choice", "invalid_pk_value"}  # both: a message, not a 500


def test_an_id_within_64_bits_with_leading_zeros_is_still_looked_up(entidad):
    from nucleo.campos import ModeloField
    from terceros.models import Tercero

    tercero = Tercero.objects.create(numero_documento="123", nombres="Ana", apellidos="Gómez")
    assert ModeloField(queryset=Tercero.objects.all()).clean("0" * 3000 + str(tercero.pk)) == tercero
