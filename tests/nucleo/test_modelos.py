"""modelo_actualizar writes only what changed; nucleo depends on no project app."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from nucleo.modelos import modelo_actualizar
from terceros.models import Tercero
from tests.factories import TerceroFactory

RAIZ = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_it_saves_only_the_changed_fields_and_bumps_auto_now():
    tercero = TerceroFactory(telefono="111", celular="300")
    antes = Tercero.objects.get(pk=tercero.pk).actualizado_en
    # A concurrent write to another field must survive: only `telefono` is in the UPDATE.
    Tercero.objects.filter(pk=tercero.pk).update(celular="311")

    assert modelo_actualizar(tercero, campos={"telefono": "222", "celular": "300"}) == {
        "telefono": ["111", "222"]
    }

    guardado = Tercero.objects.get(pk=tercero.pk)
    assert (guardado.telefono, guardado.celular) == ("222", "311")
    assert guardado.actualizado_en > antes


@pytest.mark.django_db
def test_it_writes_nothing_when_nothing_changed(django_assert_num_queries):
    tercero = TerceroFactory(telefono="111")
    with django_assert_num_queries(0):
        assert modelo_actualizar(tercero, campos={"telefono": "111"}) == {}


def test_nucleo_imports_no_project_app():
    proyecto = {
        c.name.split(".")[0] for c in apps.get_app_configs() if (RAIZ / c.name.split(".")[0]).is_dir()
    }
    proyecto |= {"config", "tests", "bench"}
    proyecto.discard("nucleo")
    ajenos = []
    for archivo in (RAIZ / "nucleo").rglob("*.py"):
        for nodo in ast.walk(ast.parse(archivo.read_text())):
            if isinstance(nodo, ast.Import):
                nombres = [a.name for a in nodo.names]
            elif isinstance(nodo, ast.ImportFrom) and nodo.level == 0:
                nombres = [nodo.module or ""]
            else:
                continue
            ajenos += [f"{archivo.relative_to(RAIZ)}: {n}" for n in nombres if n.split(".")[0] in proyecto]
    assert ajenos == []
