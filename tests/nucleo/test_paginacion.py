"""One pagination convention: ?pagina=, one partial, filters kept, hostile numbers never a 500."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from nucleo.paginacion import paginar
from tests.factories import ClienteFactory, EntidadFactory, TerceroFactory

pytestmark = pytest.mark.django_db

HOSTILES = {"²": 1, "1" * 30: 2, "-1": 1, "\x00": 1, "1e3": 1, " 2": 1, "": 1, "abc": 1, "2": 2}


@pytest.mark.parametrize(("valor", "esperada"), HOSTILES.items())
def test_hostile_page_numbers_give_the_first_or_last_page(valor, esperada):
    pagina = paginar(RequestFactory().get("/", {"pagina": valor}), list(range(30)), por_pagina=25)
    assert pagina.number == esperada


def test_the_page_size_comes_from_settings(settings):
    settings.PAGINACION_POR_PAGINA = 7
    assert len(paginar(RequestFactory().get("/"), list(range(30))).object_list) == 7


STAFF = [
    "gestion:terceros",
    "gestion:propiedades",
    "gestion:contratos",
    "facturacion:facturas",
    "pagos:pagos",
    "pagos:egresos",
    "pagos:pagos_en_linea",
    "envios:cola",
]
PORTAL = [
    "area_clientes:facturas",
    "area_clientes:pagos",
    "area_clientes:estado_cuenta",
    "area_clientes:comisiones",
    "area_clientes:ingresos",
]


@pytest.mark.parametrize("valor", HOSTILES)
def test_every_list_view_survives_hostile_pages(client, staff, valor):
    EntidadFactory()
    TerceroFactory.create_batch(30, nombres="Repetido")
    client.force_login(staff)
    for nombre in STAFF:
        assert client.get(reverse(nombre), {"pagina": valor}).status_code == 200, nombre
    client.force_login(ClienteFactory(es_inquilino=True, es_propietario=True).usuario)
    for nombre in PORTAL:
        assert client.get(reverse(nombre), {"pagina": valor, "anio": "2026"}).status_code == 200, nombre


def test_page_links_keep_the_filters_and_use_one_partial(staff_client):
    TerceroFactory.create_batch(30, nombres="Repetido", es_inquilino=True)
    r = staff_client.get(reverse("gestion:terceros"), {"q": "repetido", "clase": "inquilinos", "pagina": 2})
    assert r.context["pagina"].number == 2
    assert "includes/_paginacion.html" in [t.name for t in r.templates]
    html = r.content.decode()
    assert 'href="?q=repetido&amp;clase=inquilinos&amp;pagina=1" rel="prev"' in html
    assert "Página 2 de 2" in html
