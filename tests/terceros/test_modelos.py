from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from terceros.documentos import validar_documento
from terceros.models import Entidad, EstadoContrato
from tests.factories import ContratoFactory, PropiedadFactory, TerceroFactory

pytestmark = pytest.mark.django_db


def test_it_accepts_a_nit_with_the_right_check_digit():
    assert validar_documento("NIT", "900.123.456-8") == "9001234568"


def test_it_rejects_a_nit_with_a_wrong_check_digit():
    with pytest.raises(ValidationError, match="dígito de verificación"):
        validar_documento("NIT", "900.123.456-7")


def test_it_normalises_a_cedula_typed_with_dots():
    assert validar_documento("CC", "1.020.304.050") == "1020304050"


@pytest.mark.parametrize("numero", ["12", "ABC123", "12345678901"])
def test_it_rejects_bad_cedulas(numero):
    with pytest.raises(ValidationError):
        validar_documento("CC", numero)


def test_document_numbers_are_unique():
    TerceroFactory(numero_documento="123456")
    with pytest.raises(IntegrityError), transaction.atomic():
        TerceroFactory(numero_documento="123456")


def test_a_tercero_needs_a_name():
    with pytest.raises(IntegrityError), transaction.atomic():
        TerceroFactory(nombres="", razon_social="")


def test_only_one_active_contract_per_property():
    propiedad = PropiedadFactory()
    ContratoFactory(propiedad=propiedad)
    ContratoFactory(propiedad=propiedad, estado=EstadoContrato.TERMINADO)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContratoFactory(propiedad=propiedad)


def test_contract_dates_must_be_in_order():
    with pytest.raises(IntegrityError), transaction.atomic():
        ContratoFactory(fecha_inicio=date(2026, 5, 1), fecha_fin=date(2026, 4, 1))


def test_entidad_is_a_single_row():
    Entidad.objects.create(nombre="A", nit="9001234568")
    Entidad(nombre="B", nit="9001234568").save()
    assert Entidad.objects.count() == 1
    assert Entidad.objects.get().nombre == "B"


def test_the_portal_footer_shows_the_agency_nit_as_people_read_it(client, entidad):
    assert "NIT 900.123.456-8" in client.get("/customerarea/ingresar/").content.decode()


def test_a_stored_nit_that_is_not_valid_is_shown_as_stored(client):
    # Saved without validation (e.g. a legacy value with no check digit): never re-punctuated.
    Entidad(nombre="Andes", nit="900123456").save()
    html = client.get("/customerarea/ingresar/").content.decode()
    assert "NIT 900123456" in html
    assert "90.012.345-6" not in html
