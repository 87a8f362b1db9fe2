"""The one PDF helper: invoices, receipts and payout vouchers render here with WeasyPrint.

Assets (CSS, the agency logo) are read from disk by a URL fetcher; nothing goes over HTTP.
WeasyPrint is imported here at module level (~0.4 s) so web workers pay it when they load the
URLconf, not on a client's first download.
Issued documents are cached in a FileField next to a fingerprint of what they show, and
re-rendered only when that changes (e.g. an invoice becoming Pagada or Anulada).
"""

import hashlib
import json
import logging
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import models
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

# WeasyPrint reports every layout step at INFO (even while importing); that is noise in the log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from weasyprint import HTML  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

# Bump when templates change in a way that should refresh every cached document.
VERSION_PLANTILLAS = "1"
BASE_URL = "https://documento.local/"


def _archivo_local(ruta_url: str) -> Path | None:
    """Map /static/… and /media/… to files on disk; anything else is refused."""
    ruta_url = unquote(ruta_url)
    if ruta_url.startswith(settings.STATIC_URL):
        relativa = ruta_url[len(settings.STATIC_URL) :]
        encontrado = finders.find(relativa)
        if encontrado:
            return Path(encontrado)
        candidato = Path(settings.STATIC_ROOT) / relativa
        return candidato if candidato.is_file() else None
    if ruta_url.startswith(settings.MEDIA_URL):
        raiz = Path(settings.MEDIA_ROOT).resolve()
        candidato = (raiz / ruta_url[len(settings.MEDIA_URL) :]).resolve()
        if raiz in candidato.parents and candidato.is_file():
            return candidato
    return None


class DiscoFetcher(URLFetcher):
    """Serves /static/ and /media/ from disk; refuses everything else (no HTTP from PDFs)."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        partes = urlsplit(url)
        if url.startswith(BASE_URL) or partes.scheme == "file":
            ruta = _archivo_local(partes.path)
            if ruta is not None:
                return URLFetcherResponse(url, ruta.read_bytes(), {"Content-Type": _tipo(ruta)})
        raise ValueError(f"Recurso no permitido en PDF: {url}")


def _tipo(ruta: Path) -> str:
    return {
        ".css": "text/css",
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".svg": "image/svg+xml",
        ".gif": "image/gif",
        ".webp": "image/webp",
    }.get(ruta.suffix.lower(), "application/octet-stream")


def documento_pdf(*, plantilla: str, contexto: dict) -> bytes:
    """Render a template under templates/<app>/pdf/ to PDF bytes."""
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(plantilla, contexto)
    return HTML(
        string=html, base_url=BASE_URL, url_fetcher=DiscoFetcher(allowed_protocols={"https", "data", "file"})
    ).write_pdf()


def huella(datos: dict, *, plantilla: str) -> str:
    """A fingerprint of what a document shows; the cached PDF is valid while it matches."""
    contenido = json.dumps(
        {"v": VERSION_PLANTILLAS, "plantilla": plantilla, "datos": datos}, sort_keys=True, default=_json
    )
    return hashlib.sha256(contenido.encode()).hexdigest()


def _json(valor) -> str:
    # 1200000 and 1200000.00 are the same amount: fingerprint them alike.
    if isinstance(valor, Decimal):
        return f"{valor:.2f}"
    return str(valor)


def pdf_cacheado(
    objeto: models.Model, *, plantilla: str, contexto: dict, datos_huella: dict, nombre: str
) -> bytes:
    """Return the stored PDF of `objeto` if still current, else render, store and return it.

    `objeto` has the fields `pdf` (FileField) and `pdf_huella`.
    """
    nueva = huella(datos_huella, plantilla=plantilla)
    if objeto.pdf and objeto.pdf_huella == nueva:
        try:
            with objeto.pdf.open("rb") as archivo:
                return archivo.read()
        except FileNotFoundError:
            pass
    contenido = documento_pdf(plantilla=plantilla, contexto=contexto)
    anterior = objeto.pdf.name if objeto.pdf else ""
    objeto.pdf.save(nombre, ContentFile(contenido), save=False)
    objeto.pdf_huella = nueva
    type(objeto).objects.filter(pk=objeto.pk).update(pdf=objeto.pdf.name, pdf_huella=nueva)
    if anterior and anterior != objeto.pdf.name:
        objeto.pdf.storage.delete(anterior)
    return contenido


def respuesta_pdf(contenido: bytes, *, nombre: str) -> HttpResponse:
    """Serve PDF bytes as a download with a clean file name."""
    respuesta = HttpResponse(contenido, content_type="application/pdf")
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    respuesta["Cache-Control"] = "private, no-store"
    return respuesta
