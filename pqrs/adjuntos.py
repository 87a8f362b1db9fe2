"""PQRS attachments: checked by what the bytes are, not by their name; served only through views.

`adjunto_validar(archivo) -> (mime, tamano)` raises ValidationError with a Spanish message;
`AdjuntosField` is the multiple-file form field the portal and staff forms share;
`adjunto_respuesta(adjunto)` is the download response every serving view returns.
"""

import re
import unicodedata
from pathlib import PurePath

import filetype
from django import forms
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# 10 MB per file, 5 files per message: a scanned contract or a few photos of a leak.
TAMANO_MAXIMO = 10 * 1024 * 1024
MAXIMO_ARCHIVOS = 5

# mime (as filetype detects it from the content) -> the extension the download gets.
TIPOS_PERMITIDOS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    # Office Open XML and OpenDocument: zips filetype tells apart by their inner parts. The old
    # binary Office formats (OLE) are refused: their signature is shared and they carry macros.
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
ETIQUETA_TIPOS = "PDF, JPG, PNG, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods)"
ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.odt,.ods"
# filetype reads the first 8 KB; the zip-based office formats need their first entries.
BYTES_CABECERA = 8192


def adjunto_validar(archivo) -> tuple[str, int]:
    """The detected mime type and the size of an uploaded file, or ValidationError (Spanish)."""
    nombre = getattr(archivo, "name", "") or ""
    tamano = archivo.size
    if tamano == 0:
        raise ValidationError(
            _("El archivo «%(nombre)s» está vacío."), code="vacio", params={"nombre": nombre}
        )
    if tamano > TAMANO_MAXIMO:
        raise ValidationError(
            _("El archivo «%(nombre)s» pesa %(tamano)s; el máximo es %(maximo)s por archivo."),
            code="tamano",
            params={
                "nombre": nombre,
                "tamano": filesizeformat(tamano),
                "maximo": filesizeformat(TAMANO_MAXIMO),
            },
        )
    archivo.seek(0)
    cabecera = archivo.read(BYTES_CABECERA)
    archivo.seek(0)
    tipo = filetype.guess(cabecera)
    mime = tipo.mime if tipo else ""
    if mime not in TIPOS_PERMITIDOS:
        raise ValidationError(
            _("El archivo «%(nombre)s» no es de un tipo permitido (%(tipos)s), sea cual sea su extensión."),
            code="tipo",
            params={"nombre": nombre, "tipos": ETIQUETA_TIPOS},
        )
    return mime, tamano


def nombre_seguro(nombre: str, *, mime: str) -> str:
    """The client's file name made safe for a download header, with the extension of what it is."""
    base = PurePath(nombre.replace("\\", "/")).stem or "adjunto"
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    base = re.sub(r"[^A-Za-z0-9._ -]+", "_", base).strip(" ._") or "adjunto"
    return f"{base[:150]}.{TIPOS_PERMITIDOS.get(mime, 'bin')}"


class ArchivosInput(forms.ClearableFileInput):
    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"accept": ACCEPT, **(attrs or {})})


class AdjuntosField(forms.FileField):
    """Zero to MAXIMO_ARCHIVOS files, each checked by adjunto_validar; cleans to a list."""

    widget = ArchivosInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Adjuntos"))
        kwargs.setdefault(
            "help_text",
            _("Opcional. Hasta %(n)s archivos de máximo %(maximo)s cada uno: %(tipos)s.")
            % {"n": MAXIMO_ARCHIVOS, "maximo": filesizeformat(TAMANO_MAXIMO), "tipos": ETIQUETA_TIPOS},
        )
        super().__init__(**kwargs)

    def to_python(self, data):
        # One file or many: always a list of UploadedFile.
        if not data:
            return []
        archivos = data if isinstance(data, list | tuple) else [data]
        return [a for a in archivos if a]

    def clean(self, data, initial=None):
        archivos = self.to_python(data)
        if self.required and not archivos:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(archivos) > MAXIMO_ARCHIVOS:
            raise ValidationError(
                _("Puede adjuntar máximo %(n)s archivos."), code="cantidad", params={"n": MAXIMO_ARCHIVOS}
            )
        errores = []
        for archivo in archivos:
            if not hasattr(archivo, "size") or not hasattr(archivo, "read"):
                errores.append(ValidationError(_("No se recibió un archivo válido."), code="invalido"))
                continue
            if len(archivo.name or "") > 200:
                errores.append(ValidationError(_("El nombre del archivo es demasiado largo."), code="nombre"))
                continue
            try:
                adjunto_validar(archivo)
            except ValidationError as exc:
                errores.extend(exc.error_list)
        if errores:
            raise ValidationError(errores)
        return archivos

    def bound_data(self, data, initial):
        return data

    def has_changed(self, initial, data):
        return bool(data)


def adjunto_respuesta(adjunto) -> FileResponse:
    """The download of an attachment: never rendered inline, never sniffed, never cached."""
    respuesta = FileResponse(
        adjunto.archivo.open("rb"),
        as_attachment=True,
        filename=nombre_seguro(adjunto.nombre_original, mime=adjunto.tipo),
        content_type=adjunto.tipo,
    )
    respuesta["X-Content-Type-Options"] = "nosniff"
    respuesta["Cache-Control"] = "private, no-store"
    respuesta["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return respuesta
