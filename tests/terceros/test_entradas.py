"""Staff master-data screens with hostile searches, ids and money."""

from decimal import Decimal

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from terceros.models import Contrato, Propiedad, Tercero
from tests.factories import PropiedadFactory, TerceroFactory

pytestmark = pytest.mark.django_db
NUL = "Pérez\x00"


@pytest.mark.parametrize("pagina", ["gestion:terceros", "gestion:propiedades", "gestion:contratos"])
def test_a_search_with_a_nul_byte_is_refused_next_to_the_box(staff_client, pagina):
    # propiedades and contratos read ?q= without a form, so CharField's NUL validator never ran
    # and PostgreSQL refused the query (DataError, 500).
    r = staff_client.get(reverse(pagina), {"q": NUL})
    assert r.status_code == 200
    assert "caracteres nulos no están permitidos" in r.content.decode()


def test_the_picker_with_a_nul_byte_finds_nothing(staff_client):
    TerceroFactory(apellidos="Pérez")
    r = staff_client.get(reverse("gestion:terceros_opciones"), {"q": NUL})
    assert r.status_code == 200
    assert r.json() == {"resultados": []}


@pytest.mark.parametrize("propiedad", ["²", "٣", "9" * 30, "-1"])
def test_a_new_contract_ignores_a_property_id_that_is_not_one(staff_client, propiedad):
    assert staff_client.get(reverse("gestion:contrato_nuevo"), {"propiedad": propiedad}).status_code == 200


@pytest.mark.parametrize("valor", ["²", "٣", "9" * 30, "1\x00"])
def test_tercero_selects_ignore_ids_that_are_not_ones(staff_client, valor):
    # The contract form re-renders the picked tenant; '²'.isdigit() let int() raise.
    r = staff_client.post(reverse("gestion:contrato_nuevo"), {"inquilino": valor, "codeudores": [valor]})
    assert r.status_code == 200


def test_a_document_with_other_digits_is_refused(staff_client):
    # '٣'.isdigit() and `\d` say yes; a document is 0-9 only.
    r = staff_client.post(
        reverse("gestion:tercero_nuevo"),
        {"tipo_documento": "CC", "numero_documento": "٣٣٣٣٣٣", "nombres": "Ana"},
    )
    assert r.status_code == 200
    assert "La cédula debe tener entre 3 y 10 dígitos" in r.content.decode()
    assert not Tercero.objects.exists()


def test_the_rent_is_typed_the_colombian_way(staff_client):
    propiedad, inquilino = PropiedadFactory(propietarios=[TerceroFactory()]), TerceroFactory()
    datos = {
        "numero": "CT-1",
        "propiedad": str(propiedad.pk),
        "inquilino": str(inquilino.pk),
        "canon": "$ 1.800.000",
        "fecha_inicio": "2026-02-01",
        "fecha_fin": "2027-01-31",
        "dia_vencimiento": "5",
        "comision_porcentaje": "10",
        "estado": "activo",
    }
    assert staff_client.post(reverse("gestion:contrato_nuevo"), datos).status_code == 302
    contrato = Contrato.objects.get()
    assert contrato.canon == Decimal("1800000")
    # The edit page shows it back the same way, and saving it unchanged keeps it.
    html = staff_client.get(reverse("gestion:contrato_editar", args=[contrato.pk])).content.decode()
    assert 'value="1.800.000"' in html
    staff_client.post(reverse("gestion:contrato_editar", args=[contrato.pk]), {**datos, "canon": "1.800.000"})
    contrato.refresh_from_db()
    assert contrato.canon == Decimal("1800000")


@pytest.mark.parametrize("url", ["/gestion/ingresar/", "/admin/login/"])
def test_a_staff_username_longer_than_the_lockout_column_is_a_failed_login(entidad, url):
    # Axes cuts the user agent and path to 255 characters, not the username: DataError, 500.
    r = Client().post(url, {"username": "a" * 300, "password": "x"})
    assert r.status_code == 200
    assert all(len(a.username or "") <= 255 for a in AccessAttempt.objects.all())


def test_a_huge_posted_owner_count_builds_at_most_twenty_rows(staff_client):
    # Django caps a formset at max_num + 1,000 by default: TOTAL_FORMS = 10^30 built 1,020 forms.
    duena = TerceroFactory()
    datos = {
        "codigo": "P-MUCHOS",
        "direccion": "Cra. 43A # 1-50",
        "ciudad": "Medellín",
        "tipo": "apartamento",
        "propietarios-TOTAL_FORMS": "1" + "0" * 30,
        "propietarios-INITIAL_FORMS": "0",
        "propietarios-0-tercero": str(duena.pk),
        "propietarios-0-participacion": "100",
    }
    r = staff_client.post(reverse("gestion:propiedad_nueva"), datos)
    assert r.status_code == 200
    assert len(r.context["propietarios"].forms) == 20
    assert not Propiedad.objects.exists()
