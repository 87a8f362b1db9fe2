"""`manage.py importar_terceros FILE [--dry-run]`: CSV (comma/semicolon, BOM) and XLSX upserts."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from nucleo.models import EventoAuditoria
from terceros.models import Tercero
from tests.factories import ClienteFactory

pytestmark = pytest.mark.django_db

ENCABEZADO = (
    "tipo_documento,numero_documento,nombres,apellidos,razon_social,email,telefono,celular,"
    "direccion,ciudad,codigo_cliente,es_inquilino,es_propietario"
)
BUENAS = [
    "CC,1.020.304.050,Ana María,Restrepo Vélez,,ana@correo.test,,300 123 4567,Cl. 10 # 35-20,Medellín,C-1001,si,no",
    "NIT,900.123.456-8,,,Inversiones Andes S.A.S.,info@andes.test,(604) 321 0000,,,Envigado,E-100,no,x",
    "CE,ab12345,John,Smith,,,,,,,,1,1",
]


def _importar(ruta, *args):
    salida = io.StringIO()
    call_command("importar_terceros", str(ruta), *args, stdout=salida)
    return salida.getvalue()


def _csv(tmp_path, filas, *, separador=",", bom=False, nombre="terceros.csv", encabezado=ENCABEZADO):
    texto = "\n".join([encabezado, *filas]).replace(",", separador) + "\n"
    ruta = tmp_path / nombre
    ruta.write_bytes((b"\xef\xbb\xbf" if bom else b"") + texto.encode("utf-8"))
    return ruta


def test_it_imports_a_good_file(tmp_path):
    salida = _importar(_csv(tmp_path, BUENAS))
    assert "creados: 3, actualizados: 0, sin cambios: 0, rechazados: 0" in salida
    ana = Tercero.objects.get(numero_documento="1020304050")
    assert (ana.nombres, ana.apellidos, ana.codigo_cliente) == ("Ana María", "Restrepo Vélez", "C-1001")
    assert ana.es_inquilino
    assert not ana.es_propietario
    empresa = Tercero.objects.get(numero_documento="9001234568")
    assert empresa.razon_social == "Inversiones Andes S.A.S."
    assert empresa.es_propietario
    assert not empresa.es_inquilino
    extranjero = Tercero.objects.get(numero_documento="AB12345")
    assert extranjero.es_inquilino
    assert extranjero.es_propietario
    assert EventoAuditoria.objects.get(accion="terceros.importados").datos["creados"] == 3


def test_it_reads_semicolons_a_bom_and_headers_in_any_order_and_case(tmp_path):
    encabezado = "NUMERO_DOCUMENTO;Nombres;Tipo_Documento;Es_Inquilino;Razón Social;ES_PROPIETARIO"
    ruta = tmp_path / "excel.csv"
    ruta.write_bytes(b"\xef\xbb\xbf" + f"{encabezado}\r\n79111222;Hernán;CC;No;;Sí\r\n".encode())
    salida = _importar(ruta)
    assert "separado por «;»" in salida
    hernan = Tercero.objects.get(numero_documento="79111222")
    assert hernan.nombres == "Hernán"
    assert hernan.es_propietario
    assert not hernan.es_inquilino


@pytest.mark.parametrize(
    ("fila", "motivo"),
    [
        ("XX,123456,Pepe,,,,,,,,,si,no", "Tipo de documento «XX» no válido"),
        ("NIT,900.123.456-7,,,Mala S.A.S.,,,,,,,no,si", "dígito de verificación del NIT"),
        ("CC,12AB,Pepe,,,,,,,,,si,no", "La cédula debe tener entre 3 y 10 dígitos"),
        ("CC,,Pepe,,,,,,,,,si,no", "Escriba el número de documento"),
        ("CC,44556677,,,,,,,,,,si,no", "Falta el nombre"),
        ("CC,44556677,Pepe,,,pepe@,,,,,,si,no", "Correo electrónico no válido"),
        ("CC,44556677,Pepe,,,,,,,,,quizá,no", "es_inquilino: valor «quizá» no reconocido"),
        ("CC,44556677,Pepe,,,,," + "9" * 41 + ",,,,si,no", "celular: máximo 40 caracteres"),
    ],
)
def test_it_reports_each_bad_row_with_its_line_and_saves_the_good_ones(tmp_path, fila, motivo):
    salida = _importar(_csv(tmp_path, [BUENAS[0], fila, BUENAS[1]]))
    assert "creados: 2, actualizados: 0, sin cambios: 0, rechazados: 1" in salida
    assert "Línea 3: " in salida
    assert motivo in salida
    assert Tercero.objects.count() == 2


def test_a_document_repeated_in_the_file_is_rejected_the_second_time(tmp_path):
    salida = _importar(_csv(tmp_path, [BUENAS[0], BUENAS[0].replace("Ana María", "Otra")]))
    assert "Línea 3: El documento 1020304050 ya apareció en la línea 2." in salida
    assert Tercero.objects.get().nombres == "Ana María"


def test_line_numbers_count_blank_lines_and_quoted_line_breaks(tmp_path):
    ruta = tmp_path / "t.csv"
    ruta.write_text(
        ENCABEZADO
        + "\n"
        + '"CC","11111111","Ana","","","","","","Cl. 1\nApto 2","","","si","no"\n\nXX,1,a,,,,,,,,,,\n',
        encoding="utf-8",
    )
    salida = _importar(ruta)
    assert "Línea 5: Tipo de documento" in salida
    assert Tercero.objects.get().direccion == "Cl. 1 Apto 2"


def test_re_importing_the_same_file_changes_nothing(tmp_path):
    ruta = _csv(tmp_path, BUENAS)
    _importar(ruta)
    antes = {t.pk: t.actualizado_en for t in Tercero.objects.all()}
    eventos = EventoAuditoria.objects.count()
    salida = _importar(ruta)
    assert "creados: 0, actualizados: 0, sin cambios: 3, rechazados: 0" in salida
    assert {t.pk: t.actualizado_en for t in Tercero.objects.all()} == antes
    assert EventoAuditoria.objects.count() == eventos


def test_it_updates_a_changed_row_and_the_portal_email(tmp_path):
    cliente = ClienteFactory(numero_documento="1020304050", nombres="Ana María", email="viejo@correo.test")
    salida = _importar(_csv(tmp_path, [BUENAS[0]]))
    assert "creados: 0, actualizados: 1" in salida
    cliente.refresh_from_db()
    assert cliente.email == "ana@correo.test"
    assert cliente.celular == "300 123 4567"
    cliente.usuario.refresh_from_db()
    assert cliente.usuario.email == "ana@correo.test"


def test_columns_absent_from_the_file_are_left_alone(tmp_path):
    ClienteFactory(numero_documento="1020304050", nombres="Ana", telefono="604 111", es_propietario=True)
    ruta = tmp_path / "corto.csv"
    ruta.write_text("tipo_documento,numero_documento,nombres\nCC,1020304050,Ana\n", encoding="utf-8")
    assert "sin cambios: 1" in _importar(ruta)
    tercero = Tercero.objects.get()
    assert tercero.telefono == "604 111"
    assert tercero.es_propietario


def test_dry_run_writes_nothing(tmp_path):
    salida = _importar(_csv(tmp_path, [*BUENAS, "XX,1,a,,,,,,,,,,"]), "--dry-run")
    assert "Simulación: creados: 3, actualizados: 0, sin cambios: 0, rechazados: 1" in salida
    assert "no se guardó ningún cambio" in salida
    assert not Tercero.objects.exists()
    assert not EventoAuditoria.objects.exists()


def test_it_imports_xlsx_with_numeric_and_boolean_cells(tmp_path):
    libro = Workbook()
    hoja = libro.active
    hoja.append(
        [
            "Numero_Documento",
            "Tipo_Documento",
            "Nombres",
            "Apellidos",
            "Es_Inquilino",
            "Es_Propietario",
            "Celular",
        ]
    )
    hoja.append([1020304050, "CC", "Ana", "Restrepo", True, False, 3001234567])
    hoja.append([None, None, None, None, None, None, None])
    hoja.append([52333444.0, "cc", "Gloria", "Mejía", "sí", "x", None])
    hoja.append(["900123457", "NIT", None, None, "no", "si", None])
    ruta = tmp_path / "terceros.xlsx"
    libro.save(ruta)
    salida = _importar(ruta)
    assert "creados: 2, actualizados: 0, sin cambios: 0, rechazados: 1" in salida
    assert "Línea 5: " in salida
    assert Tercero.objects.get(numero_documento="1020304050").celular == "3001234567"
    gloria = Tercero.objects.get(numero_documento="52333444")
    assert gloria.es_inquilino
    assert gloria.es_propietario
    assert "sin cambios: 2" in _importar(ruta)


def test_a_file_without_the_required_columns_is_refused(tmp_path):
    ruta = tmp_path / "malo.csv"
    ruta.write_text("documento,nombre\n123,Ana\n", encoding="utf-8")
    with pytest.raises(
        CommandError, match="Faltan columnas en el encabezado: tipo_documento, numero_documento"
    ):
        _importar(ruta)


def test_a_file_not_in_utf8_is_refused_with_a_hint(tmp_path):
    ruta = tmp_path / "ansi.csv"
    ruta.write_bytes((ENCABEZADO + "\nCC,123456,Hernán,,,,,,,,,si,no\n").encode("cp1252"))
    with pytest.raises(CommandError, match="CSV UTF-8"):
        _importar(ruta)
    assert not Tercero.objects.exists()


def test_a_nul_byte_rejects_its_line_and_the_rest_is_saved(tmp_path):
    # PostgreSQL refuses NUL in text: the whole bulk insert failed and nothing was saved.
    filas = [BUENAS[0], "CC,79111222,Her\x00nán,Gómez,,,,,,,,si,no", BUENAS[2]]
    salida = _importar(_csv(tmp_path, filas))
    assert "creados: 2, actualizados: 0, sin cambios: 0, rechazados: 1" in salida
    assert "Línea 3: nombres: tiene un carácter nulo (NUL)" in salida
    assert not Tercero.objects.filter(numero_documento="79111222").exists()


def test_an_oversized_cell_rejects_its_line_and_the_rest_is_saved(tmp_path):
    # A cell past csv's field limit raised csv.Error out of the reader: a traceback, nothing saved.
    filas = [BUENAS[0], "CC,79111222,Hernán," + "x" * 200_000 + ",,,,,,,,si,no", BUENAS[2]]
    salida = _importar(_csv(tmp_path, filas))
    assert "creados: 2, actualizados: 0, sin cambios: 0, rechazados: 1" in salida
    assert "Línea 3: La línea tiene una celda demasiado larga." in salida
    assert Tercero.objects.count() == 2


def test_a_long_text_cell_is_one_rejected_line(tmp_path):
    filas = [BUENAS[0], "CC,79111222," + "H" * 5000 + ",Gómez,,,,,,,,si,no"]
    salida = _importar(_csv(tmp_path, filas))
    assert "Línea 3: nombres: máximo 100 caracteres." in salida
    assert Tercero.objects.count() == 1
