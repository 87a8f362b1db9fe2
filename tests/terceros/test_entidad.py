"""Configuraciones → Entidad: agency data and branding; logo validated and served with DEBUG off."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from nucleo.models import EventoAuditoria
from terceros.models import Entidad
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

URL = reverse("gestion:entidad")


@pytest.fixture
def admin_client(client, entidad):
    admin = StaffFactory()
    admin.groups.add(Group.objects.get(name="Administrador"))
    client.force_login(admin)
    return client


def _imagen(formato="PNG", tamano=(360, 96), nombre="logo.png", ruido=False):
    salida = io.BytesIO()
    if ruido:
        imagen = Image.frombytes("RGB", tamano, bytes(__import__("os").urandom(tamano[0] * tamano[1] * 3)))
    else:
        imagen = Image.new("RGB", tamano, "#1A4F8B")
    imagen.save(salida, format=formato)
    return SimpleUploadedFile(nombre, salida.getvalue(), content_type=f"image/{formato.lower()}")


def _datos(**cambios):
    datos = {
        "nombre": "Inmobiliaria Andes S.A.S.",
        "nit": "900.123.456-8",
        "telefono": "(604) 444 1234",
        "direccion": "Cra. 43A # 1-50",
        "ciudad": "Medellín",
        "email": "hola@andes.test",
        "color_primario": "#204060",
        "color_secundario": "#F2A900",
        "mensaje_bienvenida": "Bienvenido",
        "dominio_portal": "https://clientes.andes.test/",
    }
    datos.update(cambios)
    return datos


def test_it_saves_the_agency_data_and_logo(admin_client):
    r = admin_client.post(URL, _datos(logo=_imagen()))
    assert r.status_code == 302
    entidad = Entidad.objects.get()
    assert entidad.nit == "9001234568"
    assert entidad.dominio_portal == "clientes.andes.test"
    assert entidad.color_primario == "#204060"
    assert entidad.logo.name.startswith("entidad/logo-")
    assert EventoAuditoria.objects.filter(accion="entidad.actualizada").exists()
    # The new colour reaches every page.
    assert "--marca-primario: #204060" in admin_client.get(reverse("gestion:inicio")).content.decode()


def test_it_refuses_a_wrong_nit_and_keeps_what_was_typed(admin_client):
    r = admin_client.post(URL, _datos(nit="900.123.456-7", telefono="604 000 1111"))
    assert r.status_code == 200
    html = r.content.decode()
    assert "dígito de verificación del NIT" in html
    assert 'value="604 000 1111"' in html


@pytest.mark.parametrize(
    ("archivo", "mensaje"),
    [
        (SimpleUploadedFile("logo.png", b"no soy una imagen", content_type="image/png"), "imagen"),
        (
            SimpleUploadedFile(
                "logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/svg+xml"
            ),
            "imagen",
        ),
        ("grande", "2 MB"),
        ("enorme", "entre 16 y 4000 px"),
        ("diminuto", "entre 16 y 4000 px"),
        ("tiff", "PNG, JPG, GIF o WEBP"),
    ],
)
def test_it_refuses_a_bad_logo(admin_client, archivo, mensaje):
    if archivo == "grande":
        archivo = _imagen(tamano=(1000, 1000), ruido=True)  # ~3 MB of noise as PNG
    elif archivo == "enorme":
        archivo = _imagen(tamano=(5000, 20))
    elif archivo == "diminuto":
        archivo = _imagen(tamano=(8, 8))
    elif archivo == "tiff":
        archivo = _imagen(formato="TIFF", nombre="logo.png")
    r = admin_client.post(URL, _datos(logo=archivo))
    assert r.status_code == 200
    assert mensaje.lower() in r.content.decode().lower()
    assert not Entidad.objects.get().logo


def test_the_logo_is_served_with_debug_off_and_cache_headers(admin_client, client, settings):
    admin_client.post(URL, _datos(logo=_imagen()))
    settings.DEBUG = False
    client.logout()
    r = client.get(reverse("gestion:marca_logo"))
    assert r.status_code == 200
    assert r["Content-Type"] == "image/png"
    assert "max-age=86400" in r["Cache-Control"]
    assert "public" in r["Cache-Control"]
    contenido = b"".join(r.streaming_content)
    assert Image.open(io.BytesIO(contenido)).size == (360, 96)
    # Conditional GET: unchanged logo → 304.
    r2 = client.get(reverse("gestion:marca_logo"), HTTP_IF_MODIFIED_SINCE=r["Last-Modified"])
    assert r2.status_code == 304
    # Pages point at it.
    html = client.get(reverse("gestion:ingresar")).content.decode()
    assert reverse("gestion:marca_logo") in html


def test_without_a_logo_the_url_is_404(client, entidad):
    assert client.get(reverse("gestion:marca_logo")).status_code == 404
