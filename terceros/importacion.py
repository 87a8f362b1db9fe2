"""Import terceros from the agency's ERP export (CSV or XLSX), upserting by numero_documento.

Format (DESIGN §9): UTF-8 (BOM fine), comma or semicolon separated, or .xlsx; a header row with
tipo_documento, numero_documento, nombres, apellidos, razon_social, email, telefono, celular,
direccion, ciudad, codigo_cliente, es_inquilino, es_propietario in any order and case. Bad rows
are reported with their line and skipped; good rows are saved. Only columns present are applied,
so re-importing the same file changes nothing.
"""

import csv
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nucleo.auditoria import Accion, auditoria_registrar
from terceros.documentos import validar_documento
from terceros.models import Tercero, TipoDocumento, Usuario
from terceros.services import TERCERO_CAMPOS, portal_usuario_sincronizar

# The file's columns are exactly the tercero fields staff can write (DESIGN §9).
COLUMNAS = TERCERO_CAMPOS
OBLIGATORIAS = ("tipo_documento", "numero_documento")
BOOLEANAS = ("es_inquilino", "es_propietario")
TEXTO = tuple(c for c in COLUMNAS if c not in BOOLEANAS and c not in OBLIGATORIAS)
VERDADERO = {"si", "sí", "s", "1", "true", "verdadero", "x", "yes", "y"}
FALSO = {"no", "n", "0", "false", "falso", ""}
LOTE = 1000


class ArchivoInvalido(Exception):
    """The whole file cannot be read (encoding, format, missing columns)."""


class FilaIlegible(list):
    """A line the reader could not split into cells; carries the reason it is rejected."""

    def __init__(self, motivo: str):
        super().__init__([motivo])
        self.motivo = motivo


@dataclass
class Rechazo:
    linea: int
    motivo: str


@dataclass
class ResultadoImportacion:
    formato: str = ""
    creados: int = 0
    actualizados: int = 0
    sin_cambios: int = 0
    rechazados: list[Rechazo] = field(default_factory=list)
    columnas_ignoradas: list[str] = field(default_factory=list)
    simulacion: bool = False


def _normalizar_encabezado(nombre) -> str:
    texto = unicodedata.normalize("NFKD", str(nombre or "").strip().lower())
    texto = "".join(c for c in texto if not unicodedata.combining(c))
    return "_".join(texto.replace("-", " ").replace(".", " ").split())


def _celda(valor) -> str:
    """XLSX cells arrive as numbers or booleans; documents must not become 1.02e9 or '123.0'."""
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return "si" if valor else "no"
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    return str(valor).strip()


def _filas_csv(contenido: bytes) -> tuple[str, Iterator[tuple[int, list[str]]]]:
    try:
        texto = contenido.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArchivoInvalido(
            _("El archivo no está en UTF-8. En Excel guárdelo como «CSV UTF-8 (delimitado por comas)».")
        ) from exc
    primera = texto.split("\n", 1)[0]
    separador = ";" if primera.count(";") > primera.count(",") else ","
    lector = csv.reader(io.StringIO(texto, newline=""), delimiter=separador)

    def filas():
        siguiente = 1
        while True:
            try:
                fila = next(lector)
            except StopIteration:
                return
            except csv.Error:
                # A cell past csv's field limit (128 KiB): this line is rejected, the rest go on.
                fila = FilaIlegible(_("La línea tiene una celda demasiado larga."))
            yield siguiente, fila
            siguiente = lector.line_num + 1

    return _("CSV separado por «%(s)s»") % {"s": separador}, filas()


def _filas_xlsx(contenido: bytes) -> tuple[str, Iterator[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    try:
        libro = load_workbook(io.BytesIO(contenido), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ArchivoInvalido(_("No se pudo leer el archivo de Excel: ¿está dañado o no es .xlsx?")) from exc
    hoja = libro.worksheets[0]

    def filas():
        for numero, fila in enumerate(hoja.iter_rows(values_only=True), start=1):
            yield numero, [_celda(v) for v in fila]

    return _("Excel (.xlsx), hoja «%(h)s»") % {"h": hoja.title}, filas()


def _booleano(valor: str, columna: str) -> bool:
    texto = valor.strip().lower()
    if texto in VERDADERO:
        return True
    if texto in FALSO:
        return False
    raise ValidationError(
        _("%(c)s: valor «%(v)s» no reconocido (use si/no, 1/0, true/false, x o vacío).")
        % {"c": columna, "v": valor}
    )


def _validar_fila(datos: dict[str, str]) -> dict:
    """Cleaned field values for one row, or ValidationError with a Spanish reason."""
    tipo = datos.get("tipo_documento", "").strip().upper().replace(".", "").replace(" ", "")
    if tipo not in TipoDocumento.values:
        raise ValidationError(
            _("Tipo de documento «%(t)s» no válido (use CC, CE, NIT, PA, TI o PPT).")
            % {"t": datos.get("tipo_documento", "")}
        )
    limpio: dict = {"tipo_documento": tipo}
    for columna, valor in datos.items():
        if "\x00" in valor:
            # PostgreSQL refuses NUL in text: one such cell would fail the whole import.
            raise ValidationError(
                _("%(c)s: tiene un carácter nulo (NUL); corrija la celda.") % {"c": columna}
            )
    try:
        limpio["numero_documento"] = validar_documento(tipo, datos.get("numero_documento", ""))
    except ValidationError as error:
        raise ValidationError(
            _("Documento «%(d)s»: %(m)s")
            % {"d": datos.get("numero_documento", ""), "m": " ".join(error.messages)}
        ) from error
    for columna in TEXTO:
        if columna not in datos:
            continue
        valor = " ".join(datos[columna].split())
        maximo = Tercero._meta.get_field(columna).max_length
        if len(valor) > maximo:
            raise ValidationError(_("%(c)s: máximo %(n)s caracteres.") % {"c": columna, "n": maximo})
        limpio[columna] = valor
    if limpio.get("email"):
        limpio["email"] = limpio["email"].lower()
        try:
            validate_email(limpio["email"])
        except ValidationError as error:
            raise ValidationError(
                _("Correo electrónico no válido: «%(e)s».") % {"e": limpio["email"]}
            ) from error
    for columna in BOOLEANAS:
        if columna in datos:
            limpio[columna] = _booleano(datos[columna], columna)
    return limpio


def _leer(ruta: Path) -> tuple[str, list[str], Iterator[tuple[int, list[str]]]]:
    try:
        contenido = ruta.read_bytes()
    except OSError as exc:
        raise ArchivoInvalido(_("No se pudo abrir el archivo %(r)s.") % {"r": ruta}) from exc
    if ruta.suffix.lower() == ".xlsx" or contenido[:2] == b"PK":
        formato, filas = _filas_xlsx(contenido)
    else:
        formato, filas = _filas_csv(contenido)
    for _linea, encabezado in filas:
        if isinstance(encabezado, FilaIlegible):
            raise ArchivoInvalido(_("No se pudo leer el encabezado: %(m)s") % {"m": encabezado.motivo})
        if any(c.strip() for c in encabezado):
            return formato, [_normalizar_encabezado(c) for c in encabezado], filas
    raise ArchivoInvalido(_("El archivo está vacío."))


def terceros_importar(
    *, ruta: Path | str, simulacion: bool = False, actor: Usuario | None = None
) -> ResultadoImportacion:
    """Upsert terceros from a CSV/XLSX file. With `simulacion`, report what would happen and write nothing."""
    ruta = Path(ruta)
    formato, encabezado, filas = _leer(ruta)
    faltan = [c for c in OBLIGATORIAS if c not in encabezado]
    if not {"nombres", "razon_social"} & set(encabezado):
        faltan.append(_("nombres o razon_social"))
    if faltan:
        raise ArchivoInvalido(
            _("Faltan columnas en el encabezado: %(c)s. Columnas esperadas: %(e)s.")
            % {"c": ", ".join(faltan), "e": ", ".join(COLUMNAS)}
        )
    resultado = ResultadoImportacion(
        formato=formato,
        simulacion=simulacion,
        columnas_ignoradas=[c for c in encabezado if c and c not in COLUMNAS],
    )

    validas: dict[str, tuple[int, dict]] = {}
    for linea, fila in filas:
        if isinstance(fila, FilaIlegible):
            resultado.rechazados.append(Rechazo(linea=linea, motivo=fila.motivo))
            continue
        if not any(c.strip() for c in fila):
            continue
        datos = {
            col: (fila[i] if i < len(fila) else "") for i, col in enumerate(encabezado) if col in COLUMNAS
        }
        try:
            limpio = _validar_fila(datos)
            if not (limpio.get("nombres") or limpio.get("razon_social")):
                raise ValidationError(
                    _("Falta el nombre: escriba nombres (personas) o razon_social (empresas).")
                )
            anterior = validas.get(limpio["numero_documento"])
            if anterior:
                raise ValidationError(
                    _("El documento %(d)s ya apareció en la línea %(l)s.")
                    % {"d": limpio["numero_documento"], "l": anterior[0]}
                )
        except ValidationError as error:
            resultado.rechazados.append(Rechazo(linea=linea, motivo=" ".join(error.messages)))
            continue
        validas[limpio["numero_documento"]] = (linea, limpio)

    with transaction.atomic():
        _guardar(validas, resultado, simulacion=simulacion)
        if not simulacion and (resultado.creados or resultado.actualizados):
            auditoria_registrar(
                actor=actor,
                accion=Accion.TERCEROS_IMPORTADOS,
                mensaje=gettext_noop(
                    "Importación de %(archivo)s: %(creados)s creados, %(actualizados)s actualizados"
                ),
                parametros={
                    "archivo": ruta.name,
                    "creados": resultado.creados,
                    "actualizados": resultado.actualizados,
                },
                datos={
                    "creados": resultado.creados,
                    "actualizados": resultado.actualizados,
                    "sin_cambios": resultado.sin_cambios,
                    "rechazados": len(resultado.rechazados),
                },
            )
    return resultado


def _guardar(
    validas: dict[str, tuple[int, dict]], resultado: ResultadoImportacion, *, simulacion: bool
) -> None:
    documentos = list(validas)
    for inicio in range(0, len(documentos), LOTE):
        lote = documentos[inicio : inicio + LOTE]
        existentes = Tercero.objects.select_related("usuario").in_bulk(lote, field_name="numero_documento")
        nuevos, cambiados, campos_cambiados = [], [], set()
        for documento in lote:
            _linea, limpio = validas[documento]
            tercero = existentes.get(documento)
            if tercero is None:
                nuevos.append(Tercero(**limpio))
                continue
            cambios = [c for c, v in limpio.items() if getattr(tercero, c) != v]
            if not cambios:
                resultado.sin_cambios += 1
                continue
            for campo in cambios:
                setattr(tercero, campo, limpio[campo])
            campos_cambiados.update(cambios)
            cambiados.append(tercero)
        resultado.creados += len(nuevos)
        resultado.actualizados += len(cambiados)
        if simulacion:
            continue
        Tercero.objects.bulk_create(nuevos, batch_size=LOTE)
        if cambiados:
            Tercero.objects.bulk_update(cambiados, [*sorted(campos_cambiados)], batch_size=LOTE)
            # bulk_update skips auto_now; touch it explicitly.
            Tercero.objects.filter(pk__in=[t.pk for t in cambiados]).update(actualizado_en=timezone.now())
            for tercero in cambiados:
                portal_usuario_sincronizar(tercero=tercero)
