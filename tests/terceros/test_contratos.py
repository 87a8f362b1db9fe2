"""Staff creates and edits leases: dates in order, rent > 0, one active lease per property."""

from datetime import date

import pytest
from django.urls import reverse

from terceros.models import Contrato, EstadoContrato
from tests.factories import ContratoFactory, PropiedadFactory, TerceroFactory

pytestmark = pytest.mark.django_db

URL = reverse("gestion:contrato_nuevo")


@pytest.fixture
def partes():
    return (
        PropiedadFactory(propietarios=[TerceroFactory()]),
        TerceroFactory(es_inquilino=False),
        TerceroFactory(),
    )


def _datos(propiedad, inquilino, codeudores=(), **cambios):
    datos = {
        "numero": "CT-2026-001",
        "propiedad": str(propiedad.pk),
        "inquilino": str(inquilino.pk),
        "codeudores": [str(c.pk) for c in codeudores],
        "canon": "1800000",
        "fecha_inicio": "2026-02-01",
        "fecha_fin": "2027-01-31",
        "dia_vencimiento": "5",
        "comision_porcentaje": "10",
        "estado": "activo",
    }
    datos.update(cambios)
    return datos


def test_it_creates_a_lease_with_a_cosigner(staff_client, partes):
    propiedad, inquilino, codeudor = partes
    r = staff_client.post(URL, _datos(propiedad, inquilino, [codeudor]))
    contrato = Contrato.objects.get()
    assert r.status_code == 302
    assert contrato.fecha_inicio == date(2026, 2, 1)
    assert list(contrato.codeudores.all()) == [codeudor]
    inquilino.refresh_from_db()
    assert inquilino.es_inquilino
    html = staff_client.get(r["Location"]).content.decode()
    assert "$ 1.800.000" in html


def test_it_accepts_dates_typed_as_dd_mm_yyyy(staff_client, partes):
    propiedad, inquilino, _ = partes
    r = staff_client.post(
        URL, _datos(propiedad, inquilino, fecha_inicio="01/02/2026", fecha_fin="31/01/2027")
    )
    assert r.status_code == 302


@pytest.mark.parametrize(
    ("cambios", "mensaje"),
    [
        ({"fecha_fin": "2026-01-01"}, "La fecha de terminación debe ser posterior a la de inicio."),
        ({"canon": "0"}, "El canon debe ser mayor que cero."),
        ({"dia_vencimiento": "31"}, "28"),
        ({"comision_porcentaje": "120"}, "100"),
    ],
)
def test_it_refuses_bad_conditions_and_keeps_the_form(staff_client, partes, cambios, mensaje):
    propiedad, inquilino, _ = partes
    r = staff_client.post(URL, _datos(propiedad, inquilino, numero="CT-TECLEADO", **cambios))
    assert r.status_code == 200
    html = r.content.decode()
    assert mensaje in html
    assert 'value="CT-TECLEADO"' in html
    assert f'<option value="{inquilino.pk}" selected>' in html
    assert not Contrato.objects.exists()


def test_it_allows_one_active_lease_per_property(staff_client, partes):
    propiedad, inquilino, _ = partes
    ContratoFactory(propiedad=propiedad, numero="CT-VIEJO")
    r = staff_client.post(URL, _datos(propiedad, inquilino))
    assert "La propiedad ya tiene el contrato activo CT-VIEJO" in r.content.decode()
    r = staff_client.post(URL, _datos(propiedad, inquilino, estado="terminado"))
    assert r.status_code == 302


def test_the_tenant_cannot_be_a_cosigner(staff_client, partes):
    propiedad, inquilino, _ = partes
    r = staff_client.post(URL, _datos(propiedad, inquilino, [inquilino]))
    assert "El inquilino no puede ser también codeudor." in r.content.decode()


def test_editing_keeps_the_lease_active_without_tripping_on_itself(staff_client, partes):
    propiedad, inquilino, codeudor = partes
    contrato = ContratoFactory(propiedad=propiedad, inquilino=inquilino, numero="CT-1")
    url = reverse("gestion:contrato_editar", args=[contrato.pk])
    assert f'<option value="{inquilino.pk}" selected>' in staff_client.get(url).content.decode()
    r = staff_client.post(url, _datos(propiedad, inquilino, [codeudor], numero="CT-1", canon="2000000"))
    assert r.status_code == 302
    contrato.refresh_from_db()
    assert contrato.canon == 2_000_000
    assert contrato.estado == EstadoContrato.ACTIVO
    assert list(contrato.codeudores.all()) == [codeudor]


def test_the_list_filters_by_state_and_searches(staff_client):
    ContratoFactory(numero="CT-A")
    ContratoFactory(numero="CT-B", estado=EstadoContrato.TERMINADO)

    def numeros(**consulta):
        r = staff_client.get(reverse("gestion:contratos"), consulta)
        return sorted(c.numero for c in r.context["pagina"].object_list)

    assert numeros() == ["CT-A", "CT-B"]
    assert numeros(estado="terminado") == ["CT-B"]
    assert numeros(q="ct-a") == ["CT-A"]


def test_the_list_finds_a_lease_by_the_tenants_name_as_the_tercero_search_does(staff_client):
    ana = TerceroFactory(nombres="Ana María", apellidos="Restrepo Vélez", numero_documento="1020304050")
    ContratoFactory(numero="CT-ANA", inquilino=ana)
    ContratoFactory(numero="CT-OTRO", inquilino=TerceroFactory(nombres="Jorge", apellidos="Arango"))

    def numeros(q):
        r = staff_client.get(reverse("gestion:contratos"), {"q": q})
        return [c.numero for c in r.context["pagina"].object_list]

    assert numeros("ana maría") == ["CT-ANA"]
    assert numeros("restrepo ana") == ["CT-ANA"]
    assert numeros("1.020.304") == ["CT-ANA"]
