"""Staff creates and edits properties with owners whose shares add up to 100 %."""

import pytest
from django.urls import reverse

from nucleo.models import EventoAuditoria
from terceros.models import Propiedad
from tests.factories import PropiedadFactory, TerceroFactory

pytestmark = pytest.mark.django_db

URL = reverse("gestion:propiedad_nueva")


def _datos(propietarios, **cambios):
    datos = {
        "codigo": "P-900",
        "direccion": "Cra. 43A # 1-50",
        "ciudad": "Medellín",
        "tipo": "apartamento",
        "propietarios-TOTAL_FORMS": str(max(len(propietarios), 2)),
        "propietarios-INITIAL_FORMS": "0",
    }
    for i, (tercero, participacion) in enumerate(propietarios):
        datos[f"propietarios-{i}-tercero"] = str(tercero.pk)
        datos[f"propietarios-{i}-participacion"] = str(participacion)
    datos.update(cambios)
    return datos


def test_it_creates_a_property_with_two_owners(staff_client):
    a, b = TerceroFactory(es_propietario=False), TerceroFactory(es_propietario=True)
    r = staff_client.post(URL, _datos([(a, "60"), (b, "40")]))
    propiedad = Propiedad.objects.get()
    assert r.status_code == 302
    assert {(pp.tercero_id, int(pp.participacion)) for pp in propiedad.participaciones.all()} == {
        (a.pk, 60),
        (b.pk, 40),
    }
    a.refresh_from_db()
    assert a.es_propietario
    assert EventoAuditoria.objects.filter(accion="propiedad.creada").exists()


def test_it_refuses_shares_that_do_not_add_up_and_keeps_the_form(staff_client):
    a, b = TerceroFactory(), TerceroFactory()
    r = staff_client.post(URL, _datos([(a, "60"), (b, "30")], direccion="Calle que escribí"))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Las participaciones deben sumar 100 % (ahora suman 90 %)" in html
    assert 'value="Calle que escribí"' in html
    # The chosen owners stay selected (rendered as options even though the select is searchable).
    assert f'<option value="{a.pk}" selected>' in html
    assert not Propiedad.objects.exists()


def test_it_refuses_the_same_owner_twice(staff_client):
    a = TerceroFactory()
    r = staff_client.post(URL, _datos([(a, "50"), (a, "50")]))
    assert "aparece dos veces" in r.content.decode()


def test_it_needs_an_owner(staff_client):
    r = staff_client.post(URL, _datos([]))
    assert "Agregue al menos un propietario." in r.content.decode()


def test_it_refuses_a_duplicate_code(staff_client):
    PropiedadFactory(codigo="P-900")
    r = staff_client.post(URL, _datos([(TerceroFactory(), "100")]))
    assert "Ya existe una propiedad con este código." in r.content.decode()


def test_editing_replaces_the_owners(staff_client):
    a, b, c = TerceroFactory(), TerceroFactory(), TerceroFactory()
    propiedad = PropiedadFactory(propietarios=[a, b])
    datos = _datos([(a, "25"), (c, "75")], codigo=propiedad.codigo)
    r = staff_client.post(reverse("gestion:propiedad_editar", args=[propiedad.pk]), datos)
    assert r.status_code == 302
    assert {(pp.tercero_id, int(pp.participacion)) for pp in propiedad.participaciones.all()} == {
        (a.pk, 25),
        (c.pk, 75),
    }


def test_the_edit_page_renders_only_the_selected_owners_as_options(staff_client):
    otros = TerceroFactory.create_batch(20)
    dueno = TerceroFactory()
    propiedad = PropiedadFactory(propietarios=[dueno])
    html = staff_client.get(reverse("gestion:propiedad_editar", args=[propiedad.pk])).content.decode()
    assert f'<option value="{dueno.pk}" selected>' in html
    for otro in otros:
        assert f'<option value="{otro.pk}"' not in html


def test_the_list_searches_by_code_and_owner_document(staff_client):
    dueno = TerceroFactory(numero_documento="79111222", nombres="Óscar", apellidos="Muñoz")
    PropiedadFactory(codigo="P-111", propietarios=[dueno])
    PropiedadFactory(codigo="P-222", propietarios=[TerceroFactory()])

    def codigos(q):
        r = staff_client.get(reverse("gestion:propiedades"), {"q": q})
        return [p.codigo for p in r.context["pagina"].object_list]

    assert codigos("p-111") == ["P-111"]
    assert codigos("79111") == ["P-111"]
    assert codigos("oscar MUNOZ") == ["P-111"]
