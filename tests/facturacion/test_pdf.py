"""The invoice PDF: what an agency document must show, rendered once and refreshed when it changes."""

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from facturacion.documentos import factura_pdf
from facturacion.models import EstadoFactura, Factura
from facturacion.services import factura_anular
from tests.factories import ContratoFactory, EntidadFactory, TerceroFactory
from tests.facturacion.datos import factura, resolucion, texto_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def entidad_con_logo():
    entidad = EntidadFactory()
    imagen = io.BytesIO()
    Image.new("RGB", (120, 40), "#1A4F8B").save(imagen, format="PNG")
    entidad.logo.save("logo.png", ContentFile(imagen.getvalue()), save=True)
    return entidad


def test_it_shows_number_client_totals_words_resolution_and_due_date(entidad_con_logo):
    resolucion(desde=1023)
    cliente = TerceroFactory(nombres="Ana María", apellidos="Restrepo Vélez", numero_documento="1020304050")
    contrato = ContratoFactory(inquilino=cliente)
    f = factura(
        cliente, valor=Decimal("1200000"), contrato=contrato, periodo=date(2026, 10, 1), tipo="arrendamiento"
    )
    texto = texto_pdf(factura_pdf(factura=f))
    assert "FV-1023" in texto
    assert "Ana María Restrepo Vélez" in texto
    assert "1020304050" in texto
    assert "$ 1.200.000" in texto
    assert "UN MILLÓN DOSCIENTOS MIL PESOS M/CTE" in texto
    assert "05/10/2026" in texto
    assert "Inmobiliaria Prueba S.A.S." in texto
    assert "900.123.456-8" in texto
    assert "Resolución DIAN de facturación No. 18764000000001" in texto
    assert contrato.numero in texto


def test_it_embeds_the_logo_from_disk(entidad_con_logo):
    resolucion()
    f = factura(TerceroFactory())
    contenido = factura_pdf(factura=f)
    assert b"/Subtype /Image" in contenido or b"/Subtype/Image" in contenido


def test_it_is_rendered_once_and_reused(entidad_con_logo):
    resolucion()
    f = factura(TerceroFactory())
    primero = factura_pdf(factura=f)
    f.refresh_from_db()
    assert f.pdf
    assert f.pdf_huella
    archivo, huella = f.pdf.name, f.pdf_huella
    escrito = Path(f.pdf.path).stat().st_mtime_ns

    assert factura_pdf(factura=Factura.objects.get(pk=f.pk)) == primero
    # Served from the stored file: a new render would have written a new one (new name).
    f.refresh_from_db()
    assert (f.pdf.name, f.pdf_huella) == (archivo, huella)
    assert Path(f.pdf.path).stat().st_mtime_ns == escrito


def test_it_is_rendered_again_when_the_invoice_changes(entidad_con_logo, staff):
    resolucion()
    f = factura(TerceroFactory(), emision=date(2026, 11, 1), vence=date(2099, 12, 1))
    assert "FACTURADA" in texto_pdf(factura_pdf(factura=f))
    viejo = Factura.objects.get(pk=f.pk).pdf.name
    factura_anular(factura=f, motivo="Error en el valor", actor=staff)
    f = Factura.objects.get(pk=f.pk)
    assert f.estado == EstadoFactura.ANULADA
    texto = texto_pdf(factura_pdf(factura=f))
    assert "ANULADA" in texto
    assert "Error en el valor" in texto
    assert Factura.objects.get(pk=f.pk).pdf.name != viejo


def test_an_overdue_invoice_reads_vencida(entidad_con_logo):
    resolucion()
    f = factura(TerceroFactory(), emision=date(2026, 1, 1), vence=date(2026, 1, 5))
    assert "VENCIDA" in texto_pdf(factura_pdf(factura=f))


def test_the_fetcher_reads_local_files_and_refuses_the_network(entidad_con_logo):
    from nucleo.pdf import DiscoFetcher

    fetcher = DiscoFetcher()
    respuesta = fetcher.fetch(f"https://documento.local{entidad_con_logo.logo.url}")
    assert respuesta.read()[:4] == b"\x89PNG"
    for url in ["http://example.com/logo.png", "https://documento.local/media/../../etc/passwd"]:
        with pytest.raises(ValueError, match="no permitido"):
            fetcher.fetch(url)
