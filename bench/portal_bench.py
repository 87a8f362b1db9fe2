"""Portal benchmark: invoice list and dashboard at N concurrent users against gunicorn, beside a
trivial logged-in view on the same stack in the same run; then invoice PDF first render vs repeat.

Run against a PostgreSQL database filled by `manage.py cargar_demo` + `manage.py generar_datos`:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ac_bench5 .venv/bin/python bench/portal_bench.py

The server runs with DEBUG off (TESTING=1 only to allow plain-HTTP session cookies on loopback).
"""

import argparse
import io
import os
import re
import signal
import statistics
import subprocess
import threading
import time
from pathlib import Path

import psycopg
import requests
from pypdf import PdfReader

RAIZ = Path(__file__).resolve().parents[1]
CLAVE_GENERADOS = "Bench.2026"
DOCUMENTO_BASE = 900_000_000


def percentil(valores, p):
    ordenados = sorted(valores)
    k = max(0, min(len(ordenados) - 1, round(p / 100 * (len(ordenados) - 1))))
    return ordenados[k]


def ingresar(base, url_login, usuario, clave):
    s = requests.Session()
    r = s.get(base + url_login, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.text).group(1)
    r = s.post(
        base + url_login,
        data={"csrfmiddlewaretoken": token, "username": usuario, "password": clave},
        headers={"Referer": base + url_login},
        timeout=30,
        allow_redirects=False,
    )
    assert r.status_code == 302, f"login de {usuario} falló: {r.status_code}"
    return s


def carga(sesiones, base, ruta, segundos):
    """Every session requests `ruta` in a loop for `segundos`; returns latencies in ms."""
    latencias, errores = [], []
    fin = time.monotonic() + segundos
    candado = threading.Lock()

    def trabajador(s):
        propias = []
        while time.monotonic() < fin:
            t0 = time.perf_counter()
            r = s.get(base + ruta, timeout=60)
            propias.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                errores.append(r.status_code)
        with candado:
            latencias.extend(propias)

    hilos = [threading.Thread(target=trabajador, args=(s,)) for s in sesiones]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join()
    assert not errores, f"{ruta}: respuestas no 200: {set(errores)}"
    return latencias


def cpu_workers_ms(maestro: int) -> float:
    """CPU time (user + system) the gunicorn workers under `maestro` have used so far, in ms.

    Unlike latency, a request's CPU cost barely moves when other jobs share the machine: what
    each view costs the server, read per request, is the steadiest figure of a shared-box run.
    """
    ticks = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                campos = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(campos[1]) == maestro:  # fields after the name: state, ppid, ..., utime (12th), stime (13th)
            ticks += int(campos[11]) + int(campos[12])
    return ticks * 1000 / os.sysconf("SC_CLK_TCK")


def resumen(nombre, latencias, segundos):
    return {
        "vista": nombre,
        "peticiones": len(latencias),
        "rps": len(latencias) / segundos,
        "p50": statistics.median(latencias),
        "p95": percentil(latencias, 95),
        "p99": percentil(latencias, 99),
    }


def media_de_la_demo() -> Path:
    """MEDIA_ROOT as the app resolves it (environment, else var/media), checked to hold the agency's logo."""
    media = Path(os.environ.get("MEDIA_ROOT") or RAIZ / "var" / "media")
    with psycopg.connect(os.environ["DATABASE_URL"]) as db:
        fila = db.execute("SELECT logo FROM terceros_entidad WHERE logo <> '' LIMIT 1").fetchone()
    assert fila, "La entidad no tiene logo: ejecute manage.py cargar_demo con esta DATABASE_URL."
    assert (media / fila[0]).is_file(), (
        f"El logo {fila[0]} no está en {media}: defina MEDIA_ROOT como cuando se ejecutó cargar_demo."
    )
    return media


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--usuarios", type=int, default=20)
    parser.add_argument("--segundos", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3, help="Como en el Dockerfile.")
    parser.add_argument("--puerto", type=int, default=8059)
    parser.add_argument("--pdfs", type=int, default=20)
    args = parser.parse_args()
    assert os.environ.get("DATABASE_URL", "").startswith("postgres"), "Defina DATABASE_URL (PostgreSQL)."

    entorno = {
        **os.environ,
        "DEBUG": "0",
        "TESTING": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    # The media folder of the data being measured (where cargar_demo stored the logo), so the PDFs
    # render with the logo as in production. The cached PDFs are reset below, not by a separate folder.
    entorno["MEDIA_ROOT"] = str(media_de_la_demo())
    servidor = subprocess.Popen(
        [
            str(RAIZ / ".venv/bin/gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{args.puerto}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=RAIZ,
        env=entorno,
    )
    base = f"http://127.0.0.1:{args.puerto}"
    try:
        for _ in range(100):
            try:
                requests.get(base + "/customerarea/ingresar/", timeout=10)
                break
            except requests.RequestException:
                time.sleep(0.2)
        # Tenants of the generated set (7 of every 10 terceros are tenants).
        inquilinos = [str(DOCUMENTO_BASE + i) for i in range(0, 10 * args.usuarios) if i % 10 < 7][
            : args.usuarios
        ]
        portal = [ingresar(base, "/customerarea/ingresar/", d, CLAVE_GENERADOS) for d in inquilinos]
        staff = [ingresar(base, "/gestion/ingresar/", "admin", "Gestion.2026") for _ in range(args.usuarios)]
        for s in portal + staff:  # warm every worker and connection
            s.get(base + "/customerarea/facturas/", timeout=30)
        filas = []
        carga_inicial = os.getloadavg()
        for nombre, sesiones, ruta in [
            ("trivial: /gestion/configuraciones/ (staff)", staff, "/gestion/configuraciones/"),
            ("portal: /customerarea/facturas/", portal, "/customerarea/facturas/"),
            ("portal: /customerarea/ (tablero)", portal, "/customerarea/"),
            ("trivial (otra vez)", staff, "/gestion/configuraciones/"),
        ]:
            cpu0 = cpu_workers_ms(servidor.pid)
            fila = resumen(nombre, carga(sesiones, base, ruta, args.segundos), args.segundos)
            fila["cpu"] = (cpu_workers_ms(servidor.pid) - cpu0) / fila["peticiones"]
            filas.append(fila)
        print(
            f"\n{args.usuarios} usuarios concurrentes, {args.segundos} s por vista, gunicorn {args.workers} workers; "
            f"carga del sistema (1/5/15 min) al empezar {carga_inicial[0]:.1f}/{carga_inicial[1]:.1f}/"
            f"{carga_inicial[2]:.1f}, al terminar {os.getloadavg()[0]:.1f}"
        )
        print(
            f"{'vista':45} {'pet.':>6} {'pet/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'CPU ms/pet':>11}"
        )
        for f in filas:
            print(
                f"{f['vista']:45} {f['peticiones']:6d} {f['rps']:7.1f} {f['p50']:8.1f} {f['p95']:8.1f} {f['p99']:8.1f}"
                f" {f['cpu']:11.2f}"
            )
        trivial_p95 = (filas[0]["p95"] + filas[3]["p95"]) / 2
        trivial_cpu = (filas[0]["cpu"] + filas[3]["cpu"]) / 2
        for f in filas[1:3]:
            print(
                f"{f['vista']}: p95 = {f['p95'] / trivial_p95:.2f} veces el de la trivial (media de sus dos corridas); "
                f"CPU de gunicorn por petición = {f['cpu'] / trivial_cpu:.2f} veces"
            )

        # Mixed: every user cycles through the three views, so all share the same moment and load.
        mezcla = {"trivial": [], "facturas": [], "tablero": []}
        fin = time.monotonic() + args.segundos
        candado = threading.Lock()

        def mixto(portal_s, staff_s, desfase):
            rutas = [
                ("trivial", staff_s, "/gestion/configuraciones/"),
                ("facturas", portal_s, "/customerarea/facturas/"),
                ("tablero", portal_s, "/customerarea/"),
            ]
            i = desfase
            propias = []
            while time.monotonic() < fin:
                nombre, s, ruta = rutas[i % 3]
                t0 = time.perf_counter()
                assert s.get(base + ruta, timeout=60).status_code == 200
                propias.append((nombre, (time.perf_counter() - t0) * 1000))
                i += 1
            with candado:
                for nombre, ms in propias:
                    mezcla[nombre].append(ms)

        hilos = [
            threading.Thread(target=mixto, args=(p, st, k))
            for k, (p, st) in enumerate(zip(portal, staff, strict=True))
        ]
        for h in hilos:
            h.start()
        for h in hilos:
            h.join()
        print(f"\nCarga mezclada ({args.usuarios} usuarios alternando las tres vistas, {args.segundos} s):")
        for nombre, lat in mezcla.items():
            print(
                f"  {nombre:10} {len(lat):6d} pet.  p50 {statistics.median(lat):7.1f} ms  p95 {percentil(lat, 95):7.1f} ms"
                f"  ({percentil(lat, 95) / percentil(mezcla['trivial'], 95):.2f} veces la trivial)"
            )

        # One user, no queueing: what each view costs by itself.
        print("\nUn solo usuario (sin cola), 100 peticiones por vista:")
        for nombre, s, ruta in [
            ("trivial", staff[0], "/gestion/configuraciones/"),
            ("facturas", portal[0], "/customerarea/facturas/"),
            ("tablero", portal[0], "/customerarea/"),
        ]:
            lat = []
            cpu0 = cpu_workers_ms(servidor.pid)
            for _ in range(100):
                t0 = time.perf_counter()
                s.get(base + ruta, timeout=60)
                lat.append((time.perf_counter() - t0) * 1000)
            cpu = (cpu_workers_ms(servidor.pid) - cpu0) / 100
            print(
                f"  {nombre:10} p50 {statistics.median(lat):6.1f} ms  p95 {percentil(lat, 95):6.1f} ms"
                f"  CPU de gunicorn {cpu:5.2f} ms/pet."
            )

        # PDFs: each tenant's newest invoice, first render (nothing cached) and repeat download.
        primeras, repetidas = [], []
        elegidas = []
        for s in portal[: args.pdfs]:
            html = s.get(base + "/customerarea/facturas/", timeout=30).text
            elegidas.append((s, int(re.search(r"/customerarea/facturas/(\d+)/pdf/", html).group(1))))
        # Forget any copy cached by an earlier run, so the first download really renders.
        with psycopg.connect(os.environ["DATABASE_URL"]) as db:
            db.execute(
                "UPDATE facturacion_factura SET pdf = '', pdf_huella = '' WHERE id = ANY(%s)",
                [[pk for _, pk in elegidas]],
            )
        for s, pk in elegidas:
            for destino in (primeras, repetidas):
                t0 = time.perf_counter()
                r = s.get(f"{base}/customerarea/facturas/{pk}/pdf/", timeout=60)
                destino.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200
                assert r.content[:5] == b"%PDF-"
                assert PdfReader(io.BytesIO(r.content)).pages[0].images, (
                    f"factura {pk}: el PDF salió sin el logo"
                )
        print(
            f"\nPDF de factura ({len(primeras)} facturas, una petición a la vez): primera generación "
            f"p50 {statistics.median(primeras):.0f} ms, máx {max(primeras):.0f} ms (meta < 400 ms); "
            f"descarga repetida p50 {statistics.median(repetidas):.1f} ms, máx {max(repetidas):.1f} ms"
        )
    finally:
        servidor.send_signal(signal.SIGTERM)
        servidor.wait(timeout=30)


if __name__ == "__main__":
    main()
