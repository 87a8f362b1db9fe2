"""Menus link only to pages that exist: a mistyped or unbuilt URL name fails loudly."""

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch

pytestmark = pytest.mark.django_db


def _nav(nombre):
    return Template('{% load ui %}{% nav_item nombre "Etiqueta" "house" %}').render(
        Context({"nombre": nombre, "request": RequestFactory().get("/customerarea/")})
    )


def test_it_links_and_marks_the_current_page():
    html = _nav("area_clientes:inicio")
    assert 'href="/customerarea/"' in html
    assert 'aria-current="page"' in html


def test_a_name_that_does_not_resolve_raises_instead_of_hiding_the_link():
    with pytest.raises(NoReverseMatch):
        _nav("area_clientes:no_existe")


def test_both_menus_offer_pqrs(staff, cliente_client):
    personal = Client()  # not staff_client: it shares `client` with cliente_client
    personal.force_login(staff)
    assert 'href="/gestion/pqrs/"' in personal.get("/gestion/").content.decode()  # the staff inbox
    assert "/customerarea/pqrs/" in cliente_client.get("/customerarea/").content.decode()  # PQRS is built
