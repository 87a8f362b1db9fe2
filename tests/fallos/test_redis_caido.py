"""Issue 12.5: our own Redis stopped while clients use the portal through gunicorn.

Pages keep answering (sessions live in PostgreSQL; the cache only holds counters), a login and a
staff 'Generar contraseña aleatoria' still work, and the send goes out once Redis is back.
"""

import json

import pytest

from tests.fallos.ayudas import filas
from tests.procesos import Navegador, esperar, manage

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def _responde(web, ruta):
    try:
        return web.get(ruta).status_code == 200
    except OSError:
        return False


def test_redis_down_pages_answer_and_sends_resume_when_it_returns(
    pila_env, pila, pg_propio, base_propia, redis_propio, smtp_sink
):
    env = pila_env()
    datos = json.loads(
        manage(
            env, "shell", "-c", "from tests.fallos.escenario import sembrar_pila; sembrar_pila()"
        ).splitlines()[-1]
    )
    pila("web", env)
    pila("worker", env)
    pila("beat", env)
    base = f"http://127.0.0.1:{env['PORT']}"
    cliente = Navegador(base)
    esperar(lambda: _responde(cliente, "/customerarea/ingresar/"), segundos=40, que="que gunicorn responda")
    r = cliente.post("/customerarea/ingresar/", {"username": datos["cliente"], "password": datos["clave"]})
    assert r.status_code == 302
    staff = Navegador(base, ip="203.0.113.8")
    assert (
        staff.post("/gestion/ingresar/", {"username": datos["staff"], "password": datos["clave"]}).status_code
        == 302
    )

    redis_propio.detener()

    for ruta in ("/customerarea/", "/customerarea/perfil/", "/customerarea/manual/"):
        r = cliente.get(ruta)
        assert r.status_code == 200, (ruta, r.status_code, r.text[:300])
    # A new login counts failures per IP in the cache: without Redis it still answers, and works.
    otro = Navegador(base, ip="203.0.113.9")
    r = otro.post("/customerarea/ingresar/", {"username": datos["cliente"], "password": "equivocada"})
    assert r.status_code == 200
    assert "incorrectos" in r.text
    r = otro.post("/customerarea/ingresar/", {"username": datos["cliente"], "password": datos["clave"]})
    assert r.status_code == 302
    assert r.headers["Location"] == "/customerarea/"
    # Staff queue a send: the row is saved, the page answers, although the task cannot be published.
    destino = datos["destino"]
    r = staff.post(
        f"/gestion/configuraciones/modulos-web/area-clientes/tercero/{destino['id']}/generar/",
        {},
        desde="/gestion/",
    )
    assert r.status_code == 302, r.text[:500]
    assert [f["estado"] for f in filas(pg_propio, base_propia)] == ["PENDIENTE"]
    assert smtp_sink.mensajes == []

    redis_propio.iniciar()
    esperar(
        lambda: [f["estado"] for f in filas(pg_propio, base_propia)] == ["ENVIADO"],
        segundos=45,
        que="que el envío salga al volver Redis",
    )
    assert [m["rcpt"] for m in smtp_sink.mensajes] == [[destino["email"]]]
    assert cliente.get("/customerarea/").status_code == 200
