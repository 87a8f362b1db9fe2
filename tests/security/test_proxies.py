"""The client IP behind a configured number of trusted proxies (PROXIES_CONFIABLES).

Behind nginx every request comes from the proxy's address; only X-Forwarded-For tells clients
apart. It is trusted only as far as the configured proxies append to it, never by default.
"""

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory

from nucleo.limites import ip_cliente
from tests.area_clientes.utiles import ingresar
from tests.factories import ClienteFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.254"


def _por_el_proxy(client, documento, clave, cliente_ip, *, falsa=""):
    """A login POST as nginx forwards it: the client's own header (if any), then its address."""
    cadena = f"{falsa}, {cliente_ip}" if falsa else cliente_ip
    return ingresar(client, documento, clave, ip=PROXY, cabeceras={"HTTP_X_FORWARDED_FOR": cadena})


@pytest.mark.parametrize(
    ("proxies", "cadena", "esperada"),
    [
        (0, "203.0.113.5", PROXY),  # never trusted by default
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # what the client wrote is not believed
        (2, "6.6.6.6, 203.0.113.5, 198.51.100.1", "203.0.113.5"),  # CDN, then nginx
        (2, "203.0.113.5", "203.0.113.5"),  # fewer hops than proxies: the first one's entry
        (1, "", PROXY),
        (1, "no-es-una-ip", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_it_takes_the_address_the_first_trusted_proxy_saw(settings, proxies, cadena, esperada):
    settings.PROXIES_CONFIABLES = proxies
    peticion = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=cadena)
    assert ip_cliente(peticion) == esperada


def test_behind_the_proxy_an_attacker_does_not_lock_the_client_out_for_everyone(settings, entidad):
    settings.PROXIES_CONFIABLES = 1
    ClienteFactory(numero_documento="1020304050")
    atacante, dueno = Client(), Client()
    codigos = [
        _por_el_proxy(atacante, "1020304050", "Adivinando.1", "198.51.100.9").status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert codigos[-1] == 429
    r = _por_el_proxy(dueno, "1020304050", "Clave.Segura.2026", "203.0.113.20")
    assert r.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.9"}


def test_a_forged_header_does_not_reset_the_count(settings, entidad):
    settings.PROXIES_CONFIABLES = 1
    ClienteFactory(numero_documento="1020304050")
    codigos = [
        _por_el_proxy(
            Client(), "1020304050", "Adivinando.1", "198.51.100.9", falsa=f"192.0.2.{i}"
        ).status_code
        for i in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert codigos[-1] == 429


def test_behind_the_proxy_the_reset_throttle_is_per_client(
    client, entidad, smtp_sink, settings, celery_en_linea, django_capture_on_commit_callbacks
):
    settings.PROXIES_CONFIABLES = 1
    settings.RECUPERAR_MAX_POR_IP = 2
    for documento in ("1020304050", "79111222", "52333444"):
        ClienteFactory(numero_documento=documento)

    def pedir(documento, cliente_ip):
        return client.post(
            "/customerarea/recuperar-contrasena/",
            {"numero_documento": documento},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=cliente_ip,
        )

    with django_capture_on_commit_callbacks(execute=True):
        for documento in ("1020304050", "79111222", "52333444"):
            pedir(documento, "198.51.100.9")  # the third is over this client's limit
        pedir("52333444", "203.0.113.20")  # another client behind the same proxy
    assert [m["rcpt"] for m in smtp_sink.mensajes] == [
        ["cliente1020304050@prueba.test"],
        ["cliente79111222@prueba.test"],
        ["cliente52333444@prueba.test"],
    ]


def test_the_captcha_is_verified_with_the_clients_address(settings):
    from area_clientes.captcha import CaptchaField

    settings.PROXIES_CONFIABLES = 1
    peticion = RequestFactory().post("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    assert CaptchaField(request=peticion).get_remote_ip() == "203.0.113.5"
