"""Staff types a portal password on the edit page ('Clave de acceso (Área de Clientes)')."""

import logging

import pytest
from django.contrib import messages
from django.forms.models import model_to_dict
from django.urls import reverse

from nucleo.models import EventoAuditoria
from tests.factories import ClienteFactory, EntidadFactory, TerceroFactory

pytestmark = pytest.mark.django_db

# The email goes out on commit: these tests commit for real.
con_commit = pytest.mark.django_db(transaction=True)

CLAVE = "Montaña.Azul.2026"


def _datos(tercero, **cambios):
    datos = {
        k: v
        for k, v in model_to_dict(tercero).items()
        if v not in (None, False) and k not in ("usuario", "id", "habeas_data_aceptado_en")
    }
    datos.update(cambios)
    return {k: ("on" if v is True else v) for k, v in datos.items()}


def _ingresa(client, usuario, clave) -> bool:
    client.logout()
    r = client.post(reverse("area_clientes:ingresar"), {"username": usuario, "password": clave})
    return r.status_code == 302


@con_commit
def test_it_sets_the_password_and_emails_it_to_the_client(client, staff, smtp_sink, caplog, settings):
    settings.SITE_URL = "https://clientes.prueba.test"
    EntidadFactory(nombre="Inmobiliaria Andes S.A.S.")
    tercero = TerceroFactory(numero_documento="1020304050", email="ana@correo.test")
    client.force_login(staff)
    caplog.set_level(logging.DEBUG)
    r = client.post(
        reverse("gestion:tercero_editar", args=[tercero.pk]),
        _datos(tercero, clave1=CLAVE, clave2=CLAVE, notificar="on"),
    )
    assert r.status_code == 302
    assert [m["rcpt"] for m in smtp_sink.mensajes] == [["ana@correo.test"]]
    correo = smtp_sink.mensajes[0]["data"]
    assert "Inmobiliaria Andes" in correo
    assert "https://clientes.prueba.test/customerarea/" in correo
    assert "1020304050" in correo
    assert "text/html" in correo
    assert "text/plain" in correo
    assert [str(m) for m in messages.get_messages(r.wsgi_request)] == [
        "Tercero actualizado.",
        "Clave de acceso guardada y enviada a ana@correo.test.",
    ]

    tercero.refresh_from_db()
    assert tercero.usuario.username == "1020304050"
    assert tercero.usuario.check_password(CLAVE)
    assert _ingresa(client, "1.020.304.050", CLAVE)

    # Never logged, never in an audit row.
    assert CLAVE not in caplog.text
    for evento in EventoAuditoria.objects.all():
        assert CLAVE not in f"{evento.descripcion} {evento.datos}"
    acciones = set(EventoAuditoria.objects.values_list("accion", flat=True))
    assert {"portal.contrasena_establecida", "portal.clave_notificada"} <= acciones


@con_commit
def test_the_email_carries_the_password_in_both_parts(client, staff, smtp_sink):
    import email
    from email import policy

    EntidadFactory()
    tercero = TerceroFactory(email="ana@correo.test")
    client.force_login(staff)
    client.post(
        reverse("gestion:tercero_editar", args=[tercero.pk]),
        _datos(tercero, clave1=CLAVE, clave2=CLAVE, notificar="on"),
    )
    mensaje = email.message_from_bytes(smtp_sink.mensajes[0]["data"].encode(), policy=policy.default)
    texto = mensaje.get_body(("plain",)).get_content()
    html = mensaje.get_body(("html",)).get_content()
    assert CLAVE in texto
    assert CLAVE in html
    assert "Usuario" in texto


def test_without_notify_no_email_is_sent(client, staff, smtp_sink):
    cliente = ClienteFactory()
    client.force_login(staff)
    client.post(
        reverse("gestion:tercero_editar", args=[cliente.pk]), _datos(cliente, clave1=CLAVE, clave2=CLAVE)
    )
    assert smtp_sink.mensajes == []
    assert _ingresa(client, cliente.numero_documento, CLAVE)


@con_commit
def test_an_smtp_refusal_keeps_the_password_and_warns_staff(client, staff, smtp_sink):
    EntidadFactory()
    tercero = TerceroFactory(email="rebota@correo.test")
    smtp_sink.rechazar.add("rebota@correo.test")
    client.force_login(staff)
    r = client.post(
        reverse("gestion:tercero_editar", args=[tercero.pk]),
        _datos(tercero, clave1=CLAVE, clave2=CLAVE, notificar="on"),
        follow=True,
    )
    assert "el correo no se pudo enviar" in r.content.decode()
    assert EventoAuditoria.objects.filter(accion="portal.clave_notificacion_fallida").exists()
    assert _ingresa(client, tercero.numero_documento, CLAVE)


@pytest.mark.parametrize(
    ("clave1", "clave2", "mensaje"),
    [
        ("Montaña.Azul.2026", "Montaña.Azul.2027", "Las dos claves no coinciden"),
        ("Corta.1", "Corta.1", "demasiado corta"),
        ("1020304050", "1020304050", "La clave no puede ser el número de documento."),
        ("12345678", "12345678", "completamente numérica"),
    ],
)
def test_it_rejects_a_bad_password_and_keeps_the_other_fields(staff_client, clave1, clave2, mensaje):
    tercero = TerceroFactory(numero_documento="1020304050")
    r = staff_client.post(
        reverse("gestion:tercero_editar", args=[tercero.pk]),
        _datos(tercero, clave1=clave1, clave2=clave2, telefono="604 999 1111"),
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert mensaje in html
    assert 'value="604 999 1111"' in html
    tercero.refresh_from_db()
    assert tercero.usuario is None
    assert tercero.telefono != "604 999 1111"


def test_notify_needs_an_email(staff_client, smtp_sink):
    tercero = TerceroFactory(email="")
    r = staff_client.post(
        reverse("gestion:tercero_editar", args=[tercero.pk]),
        _datos(tercero, clave1=CLAVE, clave2=CLAVE, notificar="on"),
    )
    assert "El tercero no tiene correo electrónico" in r.content.decode()
    assert smtp_sink.mensajes == []


def test_the_generate_button_posts_envios_own_form_outside_the_main_one(staff_client):
    tercero = TerceroFactory()
    html = staff_client.get(reverse("gestion:tercero_editar", args=[tercero.pk])).content.decode()
    url = reverse("envios:generar_individual", args=[tercero.pk])
    assert f'<form id="form-generar-clave" method="post" action="{url}">' in html
    assert 'form="form-generar-clave"' in html
    # The generate form sits outside the main form (no nested forms).
    cierre_principal = html.index("</form>", html.index('id="form-tercero"'))
    assert html.index('<form id="form-generar-clave"') > cierre_principal


def test_the_generate_button_asks_before_sending(staff_client):
    tercero = TerceroFactory()
    html = staff_client.get(reverse("gestion:tercero_editar", args=[tercero.pk])).content.decode()
    assert "bi-key" in html
    assert 'data-confirmar="¿Generar una contraseña aleatoria y enviarla por correo a este tercero?"' in html
