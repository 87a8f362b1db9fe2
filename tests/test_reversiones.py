"""The revert patches of `make reversiones` stay usable: each still applies to this tree and names
tests that exist. (Whether those tests catch the revert is what `make reversiones` runs.)"""

import re
import shutil
from pathlib import Path

import pytest

from scripts.reversiones import RAIZ, aplica, reversiones

REVERSIONES = reversiones(RAIZ)


def test_there_are_revert_patches():
    assert len(REVERSIONES) >= 1


@pytest.mark.skipif(not shutil.which("git") or not (RAIZ / ".git").exists(), reason="needs a git checkout")
@pytest.mark.parametrize("rev", REVERSIONES, ids=lambda r: r.archivo.stem)
def test_each_patch_applies_and_names_existing_tests(rev):
    assert rev.defecto, f"{rev.archivo.name}: falta # Defecto:"
    assert rev.arreglo, f"{rev.archivo.name}: falta # Arreglo:"
    assert rev.base in {"postgres", "sqlite"}, f"{rev.archivo.name}: # Base: {rev.base}"
    assert rev.pruebas, f"{rev.archivo.name}: ninguna # Prueba:"
    for prueba in rev.pruebas:
        ruta, _, nombre = prueba.partition("::")
        archivo = RAIZ / ruta
        assert archivo.is_file(), f"{rev.archivo.name}: no existe {ruta}"
        if nombre:
            funcion = nombre.split("::")[-1].split("[")[0]
            assert re.search(rf"def {re.escape(funcion)}\b", archivo.read_text(encoding="utf-8")), (
                f"{rev.archivo.name}: no hay {funcion} en {ruta}"
            )
    ok, error = aplica(rev, cwd=RAIZ)
    assert ok, f"{rev.archivo.name} ya no aplica sobre este árbol (actualícelo): {error}"


def test_header_is_read_before_the_diff(tmp_path: Path):
    from scripts.reversiones import leer

    parche = tmp_path / "01_x.patch"
    parche.write_text(
        "# Defecto: algo\n# Arreglo: a.py:f\n# Prueba: tests/a.py::test_b\n# Prueba: tests/c.py\n# Base: sqlite\n"
        "diff --git a/a.py b/a.py\n# Prueba: tests/no_cuenta.py\n",
        encoding="utf-8",
    )
    rev = leer(parche)
    assert (rev.defecto, rev.arreglo, rev.base) == ("algo", "a.py:f", "sqlite")
    assert rev.pruebas == ["tests/a.py::test_b", "tests/c.py"]
