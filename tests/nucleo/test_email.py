"""One email helper (nucleo.email): every email the product sends has the same shell.

Each of the four emails goes through the real SMTP sink and is parsed back: same Reply-To,
same footer in text and HTML, the agency's colours, and the logo as an inline image that the
HTML references by Content-ID (shown by mail clients that block remote images).
"""

import email
import io
import re
from email import policy

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from area_clientes.services import recuperacion_correo_enviar
from envios.models import ModoEntrega
from envios.services import envios_enviar_lote, envios_generar
from terceros.services import clave_actualizada_notificar
from tests.factories import ClienteFactory, TerceroFactory

pytestmark = pytest.mark.django_db

PIE_TEXTO = (
    "¿Preguntas? Comuníquese con Inmobiliaria Prueba S.A.S.\n"
    "Inmobiliaria Prueba S.A.S. · NIT 900.123.456-8 · (604) 444 0000 · contacto@prueba.test\n"
    "https://clientes.prueba.test/customerarea/"
)


def _logo() -> bytes:
    imagen = io.BytesIO()
    Image.new("RGB", (120, 40), "#1A4F8B").save(imagen, format="PNG")
    return imagen.getvalue()


@pytest.fixture
def marca(entidad, settings):
    settings.SITE_URL = "https://clientes.prueba.test"
    entidad.logo.save("logo.png", ContentFile(_logo()), save=True)
    entidad.color_primario = "#123456"
    entidad.save()
    return entidad


def _cuatro_correos(staff, smtp_sink, config_envios):
    """The temporary-password, activation-link, reset and staff-typed-password emails."""
    cliente = ClienteFactory(email="ana@correo.test")
    nuevo = TerceroFactory(es_inquilino=True, email="beto@correo.test")
    envios_generar(actor=staff, clase="inquilinos", filtro="solo", seleccion=[nuevo.pk])
    envios_enviar_lote()
    config_envios.modo_entrega = ModoEntrega.ENLACE_ACTIVACION
    config_envios.save()
    envios_generar(actor=staff, clase="inquilinos", filtro="solo", seleccion=[nuevo.pk], alcance="todos")
    envios_enviar_lote()
    assert recuperacion_correo_enviar(usuario_id=cliente.usuario_id)
    assert clave_actualizada_notificar(tercero=cliente, contrasena="Tecleada.2026", actor=staff)
    correos = [
        email.message_from_bytes(m["data"].encode(), policy=policy.default) for m in smtp_sink.mensajes
    ]
    assert [str(c["Subject"]).strip() for c in correos] == [
        "Su acceso al Área de Clientes de Inmobiliaria Prueba S.A.S.",
        "Active su acceso al Área de Clientes de Inmobiliaria Prueba S.A.S.",
        "Elija una nueva contraseña para el Área de Clientes de Inmobiliaria Prueba S.A.S.",
        "Inmobiliaria Prueba S.A.S.: su clave de acceso al Área de Clientes",
    ]
    return correos


def test_every_email_has_the_same_reply_to_footer_colours_and_inline_logo(
    marca, staff, smtp_sink, config_envios
):
    for correo in _cuatro_correos(staff, smtp_sink, config_envios):
        assert correo["Reply-To"] == "contacto@prueba.test"
        assert correo.get_content_type() == "multipart/related"
        texto = correo.get_body(preferencelist=("plain",)).get_content()
        assert texto.replace("\r\n", "\n").rstrip().endswith(PIE_TEXTO)
        html = correo.get_body(preferencelist=("html",)).get_content()
        assert (
            "Inmobiliaria Prueba S.A.S. · NIT 900.123.456-8 · (604) 444 0000 · contacto@prueba.test" in html
        )
        assert "background:#123456" in html
        assert re.findall(r'<img src="([^"]+)"', html) == ["cid:logo-marca"]
        (imagen,) = [p for p in correo.walk() if p.get_content_maintype() == "image"]
        assert imagen["Content-ID"] == "<logo-marca>"
        assert imagen.get_content_disposition() == "inline"
        assert imagen.get_content_type() == "image/png"
        assert imagen.get_content() == _logo()


def test_without_a_logo_the_header_shows_the_name_and_nothing_is_attached(
    entidad, staff, smtp_sink, config_envios, settings
):
    settings.SITE_URL = "https://clientes.prueba.test"
    for correo in _cuatro_correos(staff, smtp_sink, config_envios):
        assert correo.get_content_type() == "multipart/alternative"
        html = correo.get_body(preferencelist=("html",)).get_content()
        assert "<img" not in html
        assert (
            '<span style="color:#ffffff;font-size:20px;font-weight:bold;">Inmobiliaria Prueba S.A.S.</span>'
            in html
        )
        assert (
            correo.get_body(preferencelist=("plain",))
            .get_content()
            .replace("\r\n", "\n")
            .rstrip()
            .endswith(PIE_TEXTO)
        )
