"""Guessing limits beyond django-axes' document + IP lockout (cache counters, Redis in CI)."""

import threading

import pytest
from django.core.checks import run_checks
from django.db import connection
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from nucleo.models import EventoAuditoria
from nucleo.tokens import recuperar_contrasena_token
from tests.area_clientes.utiles import ingresar
from tests.factories import CLAVE_PRUEBA, ClienteFactory, StaffFactory, TerceroFactory

pytestmark = pytest.mark.django_db


# --- many documents from one address ---------------------------------------------------------


def test_one_address_guessing_across_documents_is_stopped(client, entidad, settings):
    """400 guesses over 100 documents, 4 each: under the per-document lockout, not the per-IP one."""
    documentos = [str(30_000_000 + i) for i in range(100)]
    for documento in documentos[:10]:
        TerceroFactory(numero_documento=documento)
    codigos = [
        ingresar(client, documento, f"Adivinando.{intento}", ip="198.51.100.9").status_code
        for documento in documentos
        for intento in range(4)
    ]
    limite = settings.INGRESO_MAX_FALLOS_POR_IP
    assert limite < 100
    assert codigos[:limite] == [200] * limite
    assert set(codigos[limite:]) == {429}
    r = ingresar(client, documentos[0], ip="198.51.100.9")
    assert r.status_code == 429
    assert "Demasiados intentos fallidos de ingreso desde esta conexión" in r.content.decode()
    assert f"Espere {settings.LIMITES_MINUTOS} minutos" in r.content.decode()


def test_the_address_limit_does_not_reach_other_addresses_and_resets_with_time(client, entidad, settings):
    settings.INGRESO_MAX_FALLOS_POR_IP = 3
    cliente = ClienteFactory()
    for i in range(3):
        ingresar(client, str(40_000_000 + i), "Adivinando.1", ip="198.51.100.9")
    assert ingresar(client, cliente.numero_documento, ip="198.51.100.9").status_code == 429
    assert ingresar(Client(), cliente.numero_documento, ip="203.0.113.20").status_code == 302


def test_staff_login_has_the_address_limit_too(entidad, settings):
    settings.INGRESO_MAX_FALLOS_POR_IP = 3
    StaffFactory(username="laura")
    c = Client()
    for nombre in ("ana", "beto", "carla"):
        assert (
            c.post(
                "/gestion/ingresar/", {"username": nombre, "password": "x"}, REMOTE_ADDR="10.0.0.6"
            ).status_code
            == 200
        )
    r = c.post("/gestion/ingresar/", {"username": "laura", "password": CLAVE_PRUEBA}, REMOTE_ADDR="10.0.0.6")
    assert r.status_code == 429
    assert "/gestion/ingresar/" in r.content.decode()
    assert "_auth_user_id" not in c.session


# --- the current password, asked again inside a session --------------------------------------


def test_cambiar_contrasena_stops_checking_the_current_password_after_the_limit(
    cliente_client, cliente, settings
):
    url = "/customerarea/cambiar-contrasena/"
    nueva = {"new_password1": "Mi.Casa.Azul.77", "new_password2": "Mi.Casa.Azul.77"}
    for i in range(settings.CONTRASENA_ACTUAL_MAX_FALLOS):
        r = cliente_client.post(url, {"old_password": f"Adivinando.{i}", **nueva})
        assert "La contraseña actual no es correcta" in r.content.decode()
    r = cliente_client.post(url, {"old_password": CLAVE_PRUEBA, **nueva})  # right, but too late
    assert r.status_code == 200
    assert "Demasiados intentos con la contraseña actual" in r.content.decode()
    cliente.usuario.refresh_from_db()
    assert cliente.usuario.check_password(CLAVE_PRUEBA)


def test_the_email_change_stops_checking_the_current_password_after_the_limit(
    cliente_client, cliente, settings
):
    datos = {"telefono": "", "celular": cliente.celular, "direccion": "", "email": "ladron@correo.test"}
    for i in range(settings.CONTRASENA_ACTUAL_MAX_FALLOS):
        r = cliente_client.post("/customerarea/perfil/", {**datos, "contrasena_actual": f"Adivinando.{i}"})
        assert "Para cambiar su correo escriba su contraseña actual" in r.content.decode()
    r = cliente_client.post("/customerarea/perfil/", {**datos, "contrasena_actual": CLAVE_PRUEBA})
    assert "Demasiados intentos con la contraseña actual" in r.content.decode()
    cliente.refresh_from_db()
    assert cliente.email != "ladron@correo.test"


def test_the_two_forms_share_one_count(cliente_client, cliente, settings):
    settings.CONTRASENA_ACTUAL_MAX_FALLOS = 2
    nueva = {"new_password1": "Mi.Casa.Azul.77", "new_password2": "Mi.Casa.Azul.77"}
    cliente_client.post("/customerarea/cambiar-contrasena/", {"old_password": "Adivinando.1", **nueva})
    datos = {"celular": cliente.celular, "email": "ladron@correo.test", "contrasena_actual": "Adivinando.2"}
    cliente_client.post("/customerarea/perfil/", datos)
    r = cliente_client.post("/customerarea/cambiar-contrasena/", {"old_password": CLAVE_PRUEBA, **nueva})
    assert "Demasiados intentos con la contraseña actual" in r.content.decode()


# --- a one-time link is used once, even ten times at once --------------------------------------


@pytest.mark.postgres
@pytest.mark.hash_real
@pytest.mark.django_db(transaction=True)
def test_a_reset_link_is_single_use_under_parallel_submissions(entidad):
    cliente = ClienteFactory()
    uid = urlsafe_base64_encode(force_bytes(cliente.usuario.pk))
    enlace = (
        f"/customerarea/recuperar-contrasena/{uid}/{recuperar_contrasena_token.make_token(cliente.usuario)}/"
    )
    salida = threading.Barrier(10)
    respuestas = {}

    def usar(i):
        try:
            salida.wait()
            clave = f"Nueva.Clave.{i}.Azul"
            r = Client().post(enlace, {"new_password1": clave, "new_password2": clave})
            respuestas[i] = r.status_code
        except Exception as exc:  # a 500 fails the assertion below, not the thread
            respuestas[i] = repr(exc)
        finally:
            connection.close()

    hilos = [threading.Thread(target=usar, args=(i,)) for i in range(10)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    assert sorted(respuestas.values()) == [302] + [400] * 9
    (ganador,) = [i for i, codigo in respuestas.items() if codigo == 302]
    cliente.usuario.refresh_from_db()
    assert cliente.usuario.check_password(f"Nueva.Clave.{ganador}.Azul")
    assert EventoAuditoria.objects.filter(accion="portal.contrasena_por_enlace").count() == 1
    assert Client().get(enlace).status_code == 400


# --- production without reCAPTCHA ------------------------------------------------------------


def _avisos_de_despliegue() -> set[str]:
    """The ids `manage.py check --deploy` reports (the same registry and tags)."""
    return {aviso.id for aviso in run_checks(include_deployment_checks=True)}


def test_check_deploy_warns_when_production_has_no_captcha_keys(settings):
    settings.DEBUG = False
    settings.RECAPTCHA_PUBLIC_KEY = settings.RECAPTCHA_PRIVATE_KEY = ""
    assert "area_clientes.W001" in _avisos_de_despliegue()


def test_check_deploy_is_quiet_with_keys_or_in_development(settings):
    settings.DEBUG = False
    settings.RECAPTCHA_PUBLIC_KEY, settings.RECAPTCHA_PRIVATE_KEY = "publica", "privada"
    assert "area_clientes.W001" not in _avisos_de_despliegue()
    settings.DEBUG = True
    settings.RECAPTCHA_PUBLIC_KEY = settings.RECAPTCHA_PRIVATE_KEY = ""
    assert "area_clientes.W001" not in _avisos_de_despliegue()
