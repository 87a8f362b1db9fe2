"""Unknown document vs wrong password: same status, same page, both run the password hasher."""

import re
import statistics
import time

import pytest
from django.contrib.auth.hashers import get_hasher

from tests.area_clientes.utiles import ingresar
from tests.factories import ClienteFactory

pytestmark = pytest.mark.django_db


def _limpio(respuesta, documento) -> str:
    html = respuesta.content.decode().replace(documento, "DOC")
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', "", html)


def test_it_answers_the_same_for_unknown_document_and_wrong_password(client, entidad):
    ClienteFactory(numero_documento="1020304050")
    mala = ingresar(client, "1020304050", "Adivinando.123")
    desconocido = ingresar(client, "1020304051", "Adivinando.123")
    assert mala.status_code == desconocido.status_code == 200
    assert mala.templates[0].name == desconocido.templates[0].name == "area_clientes/ingresar.html"
    assert _limpio(mala, "1020304050") == _limpio(desconocido, "1020304051")


def test_both_paths_run_the_password_hasher(client, entidad, monkeypatch):
    ClienteFactory(numero_documento="1020304050")
    hasher = type(get_hasher())
    original = hasher.encode
    llamadas = []

    def contar(self, password, salt, *args, **kwargs):
        llamadas.append(password)
        return original(self, password, salt, *args, **kwargs)

    monkeypatch.setattr(hasher, "encode", contar)
    ingresar(client, "1020304050", "Adivinando.123")
    assert llamadas == ["Adivinando.123"]
    llamadas.clear()
    ingresar(client, "99999999", "Adivinando.123")
    assert llamadas == ["Adivinando.123"]


@pytest.mark.hash_real
def test_it_takes_about_the_same_time(client, entidad, monkeypatch):
    """With the real Argon2 hasher both answers cost one hash; medians within 35 %.

    Every request is checked to run exactly one real hash (what the timing rests on); the
    paths alternate which goes first in each round, so a machine slowing down or speeding up
    weighs on both alike.
    """
    ClienteFactory(numero_documento="1020304050", usuario__password="Clave.Segura.2026")
    hasher = type(get_hasher())
    hashes = []
    # A wrong password is verified, an unknown document's is encoded: either is one Argon2 run.
    for metodo in ("encode", "verify"):
        original = getattr(hasher, metodo)

        def contar(self, password, *args, _original=original, **kwargs):
            hashes.append(password)
            return _original(self, password, *args, **kwargs)

        monkeypatch.setattr(hasher, metodo, contar)
    tiempos = {"mala": [], "desconocido": []}
    for i in range(9):
        ronda = [("mala", "1020304050"), ("desconocido", f"7777777{i}")]
        for clave, documento in ronda if i % 2 == 0 else reversed(ronda):
            hashes.clear()
            inicio = time.perf_counter()
            ingresar(client, documento, "Adivinando.123", ip=f"10.9.{i}.1")
            tiempos[clave].append(time.perf_counter() - inicio)
            assert hashes == ["Adivinando.123"], (clave, i)
    mala, desconocido = (statistics.median(t) for t in tiempos.values())
    assert mala > 0.05  # a real hash ran
    assert abs(mala - desconocido) / max(mala, desconocido) < 0.35, tiempos
