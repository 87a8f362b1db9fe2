"""Helpers shared by the invoicing, payments and portal tests."""

import io
import re
from datetime import date
from decimal import Decimal

from django.utils import timezone
from pypdf import PdfReader

from facturacion.models import ResolucionFacturacion
from facturacion.services import LineaFactura, factura_emitir
from nucleo.fechas import mes_sumar
from terceros.models import Tercero


def resolucion(**campos) -> ResolucionFacturacion:
    """An active resolution from 2025 until two years after today, so it never expires under a test."""
    valores = {
        "numero": "18764000000001",
        "fecha": date(2025, 1, 10),
        "prefijo": "FV",
        "desde": 1000,
        "hasta": 9999,
        "vigente_desde": date(2025, 1, 10),
        "vigente_hasta": mes_sumar(timezone.localdate(), 24),
        "activa": True,
        **campos,
    }
    return ResolucionFacturacion.objects.create(**valores)


def factura(
    tercero: Tercero, *, valor=Decimal("1200000"), emision=date(2026, 10, 1), vence=date(2026, 10, 5), **kw
):
    return factura_emitir(
        tercero=tercero,
        tipo=kw.pop("tipo", "otro"),
        lineas=[
            LineaFactura(descripcion=kw.pop("detalle", "Servicio de prueba"), valor_unitario=Decimal(valor))
        ],
        descripcion=kw.pop("descripcion", "Factura de prueba"),
        fecha_emision=emision,
        fecha_vencimiento=vence,
        **kw,
    )


def clave_del_formulario(respuesta) -> str:
    """The idempotency key the page rendered into its form, as a browser would post it back."""
    encontrada = re.search(r'name="clave_idempotencia" value="([0-9a-f-]{36})"', respuesta.content.decode())
    assert encontrada, "el formulario no trae clave de idempotencia"
    return encontrada.group(1)


def texto_pdf(contenido: bytes) -> str:
    assert contenido[:5] == b"%PDF-"
    lector = PdfReader(io.BytesIO(contenido))
    return "\n".join(pagina.extract_text() for pagina in lector.pages)
