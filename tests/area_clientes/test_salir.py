"""Logging out: POST only."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_refuses_get(cliente_client):
    assert cliente_client.get("/customerarea/salir/").status_code == 405
    assert "_auth_user_id" in cliente_client.session


def test_it_logs_out_with_post(cliente_client, entidad):
    r = cliente_client.post("/customerarea/salir/")
    assert r.status_code == 302
    assert r.url == "/customerarea/ingresar/"
    assert "_auth_user_id" not in cliente_client.session
    assert cliente_client.get("/customerarea/perfil/").status_code == 302


def test_it_needs_the_csrf_token(cliente, entidad):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.force_login(cliente.usuario)
    assert c.post("/customerarea/salir/").status_code == 403
    assert "_auth_user_id" in c.session
