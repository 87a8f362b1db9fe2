"""The 'No soy un robot' checkbox when reCAPTCHA keys are configured (Google's call patched)."""

import logging
from urllib.error import URLError

import pytest
from axes.models import AccessAttempt
from django_recaptcha.client import RecaptchaResponse

from area_clientes.apps import avisar_sin_captcha
from tests.area_clientes.utiles import INGRESAR, ingresar
from tests.factories import ClienteFactory

pytestmark = pytest.mark.django_db

SUBMIT = "django_recaptcha.fields.client.submit"


@pytest.fixture
def con_claves(settings):
    settings.RECAPTCHA_PUBLIC_KEY = "clave-publica-prueba"
    settings.RECAPTCHA_PRIVATE_KEY = "clave-privada-prueba"


def test_it_shows_the_checkbox_when_keys_exist(client, entidad, con_claves):
    html = client.get(INGRESAR).content.decode()
    assert 'class="g-recaptcha"' in html
    assert 'data-sitekey="clave-publica-prueba"' in html
    assert "https://www.google.com/recaptcha/api.js?hl=es" in html
    assert "onSubmit_" not in html  # no inline script (CSP)


def test_it_requires_the_checkbox_before_checking_the_password(client, entidad, con_claves):
    cliente = ClienteFactory()
    r = ingresar(client, cliente.numero_documento)
    assert r.status_code == 200
    assert "Marque la casilla «No soy un robot»." in r.content.decode()
    assert "_auth_user_id" not in client.session
    assert not AccessAttempt.objects.exists()  # the password was never tried


def test_it_logs_in_when_google_says_yes(client, entidad, con_claves, monkeypatch):
    cliente = ClienteFactory()
    llamadas = []

    def submit(**kwargs):
        llamadas.append(kwargs)
        return RecaptchaResponse(is_valid=True)

    monkeypatch.setattr(SUBMIT, submit)
    r = client.post(
        INGRESAR,
        {
            "username": cliente.numero_documento,
            "password": "Clave.Segura.2026",
            "g-recaptcha-response": "tok",
        },
        REMOTE_ADDR="10.1.1.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6",
    )
    assert r.status_code == 302
    assert llamadas == [
        {"recaptcha_response": "tok", "private_key": "clave-privada-prueba", "remoteip": "10.1.1.1"}
    ]


def test_it_refuses_when_google_says_no(client, entidad, con_claves, monkeypatch):
    cliente = ClienteFactory()
    monkeypatch.setattr(SUBMIT, lambda **kw: RecaptchaResponse(is_valid=False, error_codes=["invalid"]))
    r = ingresar(client, cliente.numero_documento, **{"g-recaptcha-response": "tok"})
    assert r.status_code == 200
    assert "No pudimos comprobar que no es un robot" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_shows_a_form_error_when_google_is_unreachable(client, entidad, con_claves, monkeypatch):
    cliente = ClienteFactory()

    def caido(**kwargs):
        raise URLError("Name or service not known")

    monkeypatch.setattr(SUBMIT, caido)
    r = ingresar(client, cliente.numero_documento, **{"g-recaptcha-response": "tok"})
    assert r.status_code == 200
    assert "No pudimos verificar la casilla «No soy un robot» en este momento" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_protects_the_reset_form_too(client, entidad, con_claves, monkeypatch):
    monkeypatch.setattr(SUBMIT, lambda **kw: (_ for _ in ()).throw(TimeoutError("timed out")))
    r = client.post(
        "/customerarea/recuperar-contrasena/", {"numero_documento": "123", "g-recaptcha-response": "t"}
    )
    assert r.status_code == 200
    assert "No pudimos verificar" in r.content.decode()


def test_it_warns_at_start_up_without_keys(settings, caplog):
    settings.RECAPTCHA_PUBLIC_KEY = ""
    with caplog.at_level(logging.WARNING, logger="area_clientes"):
        assert avisar_sin_captcha() is True
    assert "RECAPTCHA_PUBLIC_KEY" in caplog.text


def test_it_does_not_warn_with_keys(con_claves, caplog):
    with caplog.at_level(logging.WARNING, logger="area_clientes"):
        assert avisar_sin_captcha() is False
    assert caplog.text == ""
