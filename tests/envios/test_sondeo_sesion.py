"""The envíos queue polls every 3 s: that must not keep an unattended staff session alive."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from envios.services import envios_generar
from tests.factories import TerceroFactory

pytestmark = pytest.mark.django_db

COLA = reverse("envios:cola")


def _sondear(client):
    # What htmx sends for hx-get="…?pagina=1&sondeo=1" hx-trigger="every 3s".
    return client.get(COLA, {"pagina": 1, "sondeo": 1}, HTTP_HX_REQUEST="true")


def _vence(client):
    return Session.objects.get(session_key=client.cookies["sessionid"].value).expire_date


def test_polling_does_not_renew_the_idle_timeout(staff_client, staff, config_envios, settings):
    TerceroFactory(es_inquilino=True)
    envios_generar(actor=staff, clase="inquilinos", filtro="ninguno", seleccion=[])
    with time_machine.travel(timezone.now(), tick=False) as reloj:
        assert staff_client.get(reverse("envios:area_clientes")).status_code == 200
        vence = _vence(staff_client)
        assert vence - timezone.now() == timedelta(seconds=settings.SESSION_COOKIE_AGE)

        # 29 idle minutes of polling: each answer still shows the queue, the expiry never moves.
        for _ in range(29):
            reloj.shift(timedelta(minutes=1))
            r = _sondear(staff_client)
            assert r.status_code == 200
            assert "Terceros a la espera de envío" in r.content.decode()
            assert _vence(staff_client) == vence
        # Past the idle time the poll finds the session gone and sends the tab to the login page.
        reloj.shift(timedelta(minutes=1, seconds=1))
        r = _sondear(staff_client)
        assert r.status_code == 200
        assert r["HX-Redirect"] == reverse("gestion:ingresar")
        assert "Terceros a la espera de envío" not in r.content.decode()
        assert staff_client.get(reverse("envios:area_clientes")).status_code == 302


def test_a_real_request_still_renews_it(staff_client, config_envios, settings):
    with time_machine.travel(timezone.now(), tick=False) as reloj:
        staff_client.get(reverse("envios:area_clientes"))
        reloj.shift(timedelta(minutes=20))
        # Changing page in the queue is the user at work (no sondeo mark).
        assert staff_client.get(COLA, {"pagina": 2}, HTTP_HX_REQUEST="true").status_code == 200
        assert _vence(staff_client) - timezone.now() == timedelta(seconds=settings.SESSION_COOKIE_AGE)
        reloj.shift(timedelta(minutes=20))
        assert staff_client.get(reverse("envios:area_clientes")).status_code == 200


def test_the_mark_without_htmx_is_an_ordinary_request(staff_client, config_envios, settings):
    with time_machine.travel(timezone.now(), tick=False) as reloj:
        staff_client.get(reverse("envios:area_clientes"))
        reloj.shift(timedelta(minutes=20))
        staff_client.get(COLA, {"sondeo": 1})
        assert _vence(staff_client) - timezone.now() == timedelta(seconds=settings.SESSION_COOKIE_AGE)
