"""Branded error pages with DEBUG off: Spanish, the right world by path, a way back."""

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.factories import EntidadFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sin_debug(settings):
    settings.DEBUG = False


@pytest.fixture
def agencia(db):
    return EntidadFactory(nombre="Inmobiliaria Andina", telefono="601 555 0101")


def test_it_answers_a_portal_404_with_the_agency_and_a_way_back(client, agencia):
    r = client.get("/customerarea/no-existe/")
    html = r.content.decode()
    assert r.status_code == 404
    assert "Página no encontrada" in html
    assert "Inmobiliaria Andina" in html
    assert 'href="/customerarea/"' in html
    assert "Volver al Área de Clientes" in html
    assert "601 555 0101" in html
    assert "Not Found" not in html


def test_it_answers_a_back_office_404_with_the_back_office_way_back(staff_client, agencia):
    html = staff_client.get("/gestion/terceros/999999/").content.decode()
    assert "Página no encontrada" in html
    assert 'href="/gestion/"' in html
    assert "Volver al inicio de Gestión" in html
    assert "Volver al Área de Clientes" not in html


def test_a_client_on_the_back_office_gets_the_branded_403(cliente_client, agencia):
    r = cliente_client.get("/gestion/terceros/")
    html = r.content.decode()
    assert r.status_code == 403
    assert "Acceso no permitido" in html
    assert "pídale acceso a un administrador" in html
    assert 'href="/gestion/"' in html


def test_a_stale_form_gets_the_branded_403_not_djangos_page(agencia):
    client = Client(enforce_csrf_checks=True)
    r = client.post("/customerarea/ingresar/", {"username": "1", "password": "x"})
    html = r.content.decode()
    assert r.status_code == 403
    assert "El formulario venció" in html
    assert "CSRF verification failed" not in html


def _bloquear_base_de_datos(execute, sql, params, many, context):
    raise OperationalError("sin base de datos")


@pytest.mark.urls("tests.nucleo.urls_falla")
@pytest.mark.parametrize(
    ("ruta", "volver"),
    [("/customerarea/falla/", 'href="/customerarea/"'), ("/gestion/falla/", 'href="/gestion/"')],
)
def test_the_500_page_renders_with_the_database_down(ruta, volver, agencia):
    client = Client(raise_request_exception=False)
    client.force_login(StaffFactory())
    with connection.execute_wrapper(_bloquear_base_de_datos):
        r = client.get(ruta)
    html = r.content.decode()
    assert r.status_code == 500
    assert "Algo salió mal de nuestro lado" in html
    assert volver in html
    assert "Server Error" not in html


@pytest.mark.urls("tests.nucleo.urls_falla")
def test_the_500_page_makes_no_query(client, agencia, django_assert_num_queries):
    from django.test import RequestFactory

    from nucleo.paginas_error import pagina_500

    with django_assert_num_queries(0):
        r = pagina_500(RequestFactory().get("/customerarea/falla/"))
    assert r.status_code == 500
    assert "Volver al Área de Clientes" in r.content.decode()


def test_the_favicon_is_linked_from_both_layouts_and_served(client, staff_client, agencia):
    for ruta in ("/customerarea/ingresar/", "/gestion/"):
        html = staff_client.get(ruta).content.decode()
        assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    r = client.get("/favicon.ico")
    assert r.status_code == 302
    assert r["Location"] == "/static/img/favicon.ico"
    assert client.get("/static/img/favicon.svg").status_code == 200
