"""The dashboard by profile: tenant, owner, both; honest empty states; menu by profile."""

import pytest

from tests.factories import ClienteFactory, ContratoFactory, PropiedadFactory

pytestmark = pytest.mark.django_db


def _ver(client, tercero):
    client.force_login(tercero.usuario)
    r = client.get("/customerarea/")
    assert r.status_code == 200
    return r.content.decode()


def test_a_tenant_sees_empty_invoices_and_payments(client, entidad):
    html = _ver(client, ClienteFactory(es_inquilino=True, es_propietario=False))
    assert "Aún no tienes facturas pendientes." in html
    assert "Aún no tienes pagos registrados." in html
    assert "Aún no tienes pagos de la inmobiliaria." not in html
    assert "Mis inmuebles" not in html


def test_an_owner_sees_only_their_own_properties(client, entidad):
    dueno = ClienteFactory(es_inquilino=False, es_propietario=True)
    otro = ClienteFactory(es_inquilino=False, es_propietario=True)
    arrendada = PropiedadFactory(propietarios=[dueno], direccion="Cra. 43A # 5-10")
    ContratoFactory(propiedad=arrendada)
    PropiedadFactory(propietarios=[dueno], direccion="Cl. 33 # 80-12")
    PropiedadFactory(propietarios=[otro], direccion="Tv. 99 # 1-1 (ajena)")
    html = _ver(client, dueno)
    assert "Aún no tienes pagos de la inmobiliaria." in html
    assert "Cra. 43A # 5-10" in html
    assert "Cl. 33 # 80-12" in html
    assert "(ajena)" not in html
    assert "arrendada" in html
    assert "sin contrato vigente" in html
    assert "Aún no tienes pagos registrados." not in html


def test_someone_who_is_both_sees_both(client, entidad):
    html = _ver(client, ClienteFactory(es_inquilino=True, es_propietario=True))
    assert "Aún no tienes facturas pendientes." in html
    assert "Aún no tienes pagos registrados." in html
    assert "Aún no tienes pagos de la inmobiliaria." in html
    assert "Aún no tienes propiedades registradas." in html
    assert "Inquilino y propietario" in html


def test_it_shows_agency_contact_profile_completeness_and_no_pqrs(client, entidad):
    html = _ver(client, ClienteFactory(direccion="", telefono=""))
    assert "(604) 444 0000" in html
    assert "contacto@prueba.test" in html
    assert 'value="75"' in html  # email, mobile and consent of four
    assert "Falta: dirección." in html
    assert "PQRS" not in html


def test_the_menu_follows_the_profile(client, entidad):
    html = _ver(client, ClienteFactory(es_inquilino=True))
    assert "Datos de perfil" in html
    assert 'action="/customerarea/salir/"' in html


def test_it_runs_a_bounded_number_of_queries(client, entidad, django_assert_max_num_queries):
    dueno = ClienteFactory(es_inquilino=True, es_propietario=True)
    for _ in range(15):
        ContratoFactory(propiedad=PropiedadFactory(propietarios=[dueno]))
    client.force_login(dueno.usuario)
    # Session, user, tercero, entidad, the figures of both profiles (the tenant's payment in
    # verification included), session save: not per row.
    with django_assert_max_num_queries(15):
        assert client.get("/customerarea/").status_code == 200
