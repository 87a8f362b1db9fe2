"""Issue 12.6: the production stack (scripts/prod.sh, `make prod`) runs here.

Three processes, DEBUG off, our own PostgreSQL and Redis: a client logs in through gunicorn over
HTTP (with the headers the compose file's nginx sets), staff send one password batch that the
Celery worker, woken by beat, delivers to a real SMTP sink; SIGTERM then stops all three.
"""

import json
import os
import signal
from pathlib import Path

import pytest

from tests.procesos import Navegador, Proceso, esperar, manage

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def _vivo(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_make_prod_serves_a_login_and_sends_a_batch_then_stops_cleanly(
    pila_env, pg_propio, base_propia, smtp_sink
):
    env = pila_env()
    datos = json.loads(
        manage(
            env, "shell", "-c", "from tests.fallos.escenario import sembrar_pila; sembrar_pila()"
        ).splitlines()[-1]
    )
    pila = Proceso("pila", env)
    base = f"http://127.0.0.1:{env['PORT']}"
    web = Navegador(base)
    try:
        esperar(lambda: _responde(web, "/customerarea/ingresar/"), segundos=40, que="que gunicorn responda")
        # DEBUG is off: plain HTTP (no proxy header) is sent to HTTPS.
        sin_proxy = Navegador(base)
        del sin_proxy.s.headers["X-Forwarded-Proto"]
        r = sin_proxy.get("/customerarea/ingresar/")
        assert r.status_code == 301
        assert r.headers["Location"].startswith("https://")

        cliente = Navegador(base)
        r = cliente.post(
            "/customerarea/ingresar/", {"username": datos["cliente"], "password": datos["clave"]}
        )
        assert r.status_code == 302, r.text[:500]
        assert r.headers["Location"] == "/customerarea/"
        r = cliente.get("/customerarea/")
        assert r.status_code == 200
        assert "<title>Inicio ·" in r.text, r.text[:500]

        staff = Navegador(base, ip="203.0.113.8")
        r = staff.post("/gestion/ingresar/", {"username": datos["staff"], "password": datos["clave"]})
        assert r.status_code == 302, r.text[:500]
        ruta = "/gestion/configuraciones/modulos-web/area-clientes/"
        destino = datos["destino"]
        r = staff.post(
            ruta + "generar/",
            {
                "clase": "ambos",
                "filtro": "solo",
                "terceros": destino["id"],
                "alcance": "todos",
                "confirmado": "True",
            },
            desde=ruta,
        )
        assert r.status_code == 302, r.text[:500]

        def enviado():
            return pg_propio.sql("SELECT estado FROM envios_enviocontrasena", base=base_propia) == [
                ("ENVIADO",)
            ]

        esperar(enviado, segundos=30, que="que beat y el worker envíen el lote")
        assert [m["rcpt"] for m in smtp_sink.mensajes] == [[destino["email"]]]
        assert "https://127.0.0.1:" in smtp_sink.mensajes[0]["data"]
        r = staff.get(ruta + "cola/")
        assert r.status_code == 200
    finally:
        pids = [int(p.read_text()) for p in Path(env["RUN_DIR"]).glob("*.pid")]
        # SIGTERM to the script only: it must stop its three children itself.
        pila.popen.send_signal(signal.SIGTERM)
        codigo = pila.popen.wait(30)
        registro = pila.texto()
    assert codigo == 0, registro[-3000:]
    assert len(pids) == 3
    esperar(lambda: not any(_vivo(p) for p in pids), segundos=5, que="que web, worker y beat terminen")
    assert "prod: detenido" in registro


def _responde(web: Navegador, ruta: str) -> bool:
    try:
        return web.get(ruta).status_code == 200
    except OSError:
        return False
