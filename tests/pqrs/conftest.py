"""PQRS fixtures: files by content, a client with a property and a contract, a filed PQRS."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pqrs.models import Asunto, Clasificacion
from pqrs.services import pqrs_radicar
from tests.factories import ClienteFactory, ContratoFactory, EntidadFactory, PropiedadFactory

BOGOTA = ZoneInfo("America/Bogota")


def bogota(*args) -> datetime:
    return datetime(*args, tzinfo=BOGOTA)


def pdf(nombre="soporte.pdf") -> SimpleUploadedFile:
    contenido = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    return SimpleUploadedFile(nombre, contenido, content_type="application/pdf")


def png(nombre="foto.png") -> SimpleUploadedFile:
    from PIL import Image

    salida = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(salida, "PNG")
    return SimpleUploadedFile(nombre, salida.getvalue(), content_type="image/png")


def jpg(nombre="foto.jpg") -> SimpleUploadedFile:
    from PIL import Image

    salida = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(salida, "JPEG")
    return SimpleUploadedFile(nombre, salida.getvalue(), content_type="image/jpeg")


def docx(nombre="carta.docx") -> SimpleUploadedFile:
    import zipfile

    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return SimpleUploadedFile(nombre, salida.getvalue(), content_type="application/msword")


def exe_renombrado(nombre="factura.pdf") -> SimpleUploadedFile:
    # A Windows executable's header (MZ … PE) named as a PDF.
    contenido = (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"\x80\x00\x00\x00"
    )
    contenido += b"\x00" * (0x80 - len(contenido)) + b"PE\x00\x00" + b"\x00" * 200
    return SimpleUploadedFile(nombre, contenido, content_type="application/pdf")


def html(nombre="recibo.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        nombre,
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        content_type="text/html",
    )


def grande(nombre="escaneo.pdf", megas=30) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        nombre, b"%PDF-1.4\n" + b"0" * (megas * 1024 * 1024), content_type="application/pdf"
    )


@pytest.fixture
def agencia(db):
    return EntidadFactory()


@pytest.fixture
def inquilino(db, agencia):
    return ClienteFactory()


@pytest.fixture
def contrato(inquilino):
    return ContratoFactory(inquilino=inquilino)


@pytest.fixture
def otro_cliente(db):
    return ClienteFactory()


@pytest.fixture
def radicar(inquilino):
    def _radicar(tercero=None, **kwargs):
        datos = {
            "tercero": tercero or inquilino,
            "clasificacion": Clasificacion.PETICION,
            "asunto": Asunto.REPARACIONES,
            "descripcion": "El calentador del apartamento no enciende.",
            "actor": (tercero or inquilino).usuario,
        }
        datos.update(kwargs)
        return pqrs_radicar(**datos)

    return _radicar


__all__ = ["PropiedadFactory", "bogota"]
