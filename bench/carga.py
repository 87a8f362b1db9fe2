"""Load test: portal and staff journeys with N concurrent users for T minutes against the production
stack (gunicorn + PostgreSQL + Redis + a Celery worker with beat + an SMTP sink), beside the trivial
logged-in view measured in the same run.

Run against a PostgreSQL database filled by `manage.py cargar_demo` + `manage.py generar_datos`:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ac_bench REDIS_URL=redis://127.0.0.1:6379/8 \
      .venv/bin/python bench/carga.py --usuarios 50 --minutos 5

Journeys (each virtual user repeats its own, with a pause between steps):
- portal (each journey the next generated tenant with an unpaid invoice): log in through the form, dashboard, invoices, the newest invoice's PDF,
  pay it through the simulated gateway (`area_clientes:pagar` → `pasarelas:simulada_checkout` →
  approve), file a PQRS (`area_clientes:pqrs_nueva`), log out;
- staff ("admin"): search terceros by name and by document, the PQRS inbox (`gestion:pqrs_bandeja`),
  queue a bulk password send for two owners (the worker sends it to the SMTP sink).
A step whose URL name does not resolve in this code base is skipped, with a notice at the start.
Every journey also requests the trivial view (`/gestion/configuraciones/`, session + auth + layout,
no data) with the staff session the user holds, so every page's p95 can be read against it.

Any non-expected status, exception or wrong content counts as an error; the run exits 1 if any.
The run writes to the database (logins, sessions, payments, PQRS, queued sends, cancelled at the end).
"""

import argparse
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from portal_bench import CLAVE_GENERADOS, DOCUMENTO_BASE, RAIZ, media_de_la_demo, percentil

TRIVIAL = "trivial: /gestion/configuraciones/"
APELLIDOS = ["gómez", "rojas", "pérez", "restrepo", "vélez", "castro", "mejía", "ospina", "arango", "zapata"]


class Formularios(HTMLParser):
    """The forms of a page: action, method, fields (hidden, text, select's first real option) and buttons."""

    def __init__(self):
        super().__init__()
        self.formularios = []
        self._actual = None
        self._select = None
        self._textarea = None
        self._boton = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._actual = {
                "accion": a.get("action") or "",
                "metodo": (a.get("method") or "get").lower(),
                "campos": [],
                "botones": [],
            }
            self.formularios.append(self._actual)
        elif self._actual is None:
            return
        elif tag == "input":
            tipo = (a.get("type") or "text").lower()
            if tipo in ("submit", "image"):
                self._actual["botones"].append(
                    {"nombre": a.get("name"), "valor": a.get("value") or "", "texto": ""}
                )
            elif tipo in ("checkbox", "radio"):
                if "checked" in a and a.get("name"):
                    self._actual["campos"].append((a["name"], a.get("value") or "on"))
            elif tipo != "file" and a.get("name"):
                self._actual["campos"].append((a["name"], a.get("value") or ""))
        elif tag == "select" and a.get("name"):
            self._select = {"nombre": a["name"], "valor": None}
        elif tag == "option" and self._select is not None:
            valor = a.get("value") or ""
            if self._select["valor"] in (None, "") and (valor or self._select["valor"] is None):
                self._select["valor"] = valor
            if "selected" in a and valor:
                self._select["valor"] = valor
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._actual["campos"].append((a["name"], ""))
        elif tag == "button":
            self._boton = {"nombre": a.get("name"), "valor": a.get("value") or "", "texto": ""}
            if (a.get("type") or "submit").lower() == "submit":
                self._actual["botones"].append(self._boton)

    def handle_data(self, data):
        if self._boton is not None:
            self._boton["texto"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._actual = None
        elif tag == "select" and self._select is not None:
            self._actual["campos"].append((self._select["nombre"], self._select["valor"] or ""))
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "button":
            self._boton = None


def formularios(html: str) -> list[dict]:
    p = Formularios()
    p.feed(html)
    return p.formularios


class Usuario:
    """One virtual user: its sessions, and where its measurements go."""

    def __init__(self, carga, indice):
        self.carga = carga
        self.indice = indice
        self.s = requests.Session()
        self.sonda = None  # staff session for the trivial view

    def pausa(self):
        time.sleep(random.uniform(0, 2 * self.carga.args.pausa))

    def pedir(self, nombre, metodo, url, *, esperado=(200,), contenido=None, sesion=None, **kw):
        """One measured request; a wrong status or content is an error (the journey stops)."""
        sesion = sesion or self.s
        kw.setdefault("timeout", 60)
        kw.setdefault("allow_redirects", False)
        t0 = time.perf_counter()
        try:
            r = sesion.request(metodo, urljoin(self.carga.base, url), **kw)
        except requests.RequestException as exc:
            self.carga.error(nombre, f"{type(exc).__name__}: {exc}")
            raise Abortar from exc
        ms = (time.perf_counter() - t0) * 1000
        if r.status_code not in esperado:
            self.carga.error(nombre, f"{metodo} {url} → {r.status_code}")
            raise Abortar
        if contenido is not None and not contenido(r):
            self.carga.error(nombre, f"{metodo} {url} → contenido inesperado")
            raise Abortar
        self.carga.medir(nombre, ms)
        return r

    def enviar_formulario(
        self, nombre, pagina_url, html, *, elegir=None, cambios=None, esperado=(200, 302, 303)
    ):
        """Submit the first form of `html` (or the one `elegir` picks) with its own fields plus `cambios`."""
        forms = [f for f in formularios(html) if f["metodo"] == "post"]
        form = elegir(forms) if elegir else (forms[0] if forms else None)
        if form is None:
            self.carga.error(nombre, f"{pagina_url}: sin formulario")
            raise Abortar
        datos = dict(form["campos"])
        datos.update(cambios or {})
        boton = form.get("boton_elegido")
        if boton and boton["nombre"]:
            datos[boton["nombre"]] = boton["valor"]
        accion = urljoin(urljoin(self.carga.base, pagina_url), form["accion"] or pagina_url)
        return self.pedir(nombre, "POST", accion, data=datos, esperado=esperado, headers={"Referer": accion})

    def ingresar(self, sesion, url_login, usuario, clave, nombre):
        r = self.pedir(nombre.replace("(POST)", "(GET formulario)"), "GET", url_login, sesion=sesion)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.text).group(1)
        self.pedir(
            nombre,
            "POST",
            url_login,
            sesion=sesion,
            esperado=(302,),
            data={"csrfmiddlewaretoken": token, "username": usuario, "password": clave},
            headers={"Referer": self.carga.base + url_login},
        )

    def trivial(self):
        self.pedir(TRIVIAL, "GET", "/gestion/configuraciones/", sesion=self.sonda)


class Cliente(Usuario):
    """A portal journey; each one logs in as the next tenant of the pool (one with something to pay)."""

    def recorrido(self):
        u = self.carga.urls
        self.s.cookies.clear()
        self.ingresar(
            self.s,
            "/customerarea/ingresar/",
            self.carga.inquilino(),
            CLAVE_GENERADOS,
            "portal: ingresar (POST)",
        )
        self.pausa()
        self.pedir("portal: / (tablero)", "GET", "/customerarea/")
        self.trivial()
        self.pausa()
        r = self.pedir("portal: /facturas/", "GET", "/customerarea/facturas/")
        pdfs = re.findall(r"/customerarea/facturas/(\d+)/pdf/", r.text)
        self.pausa()
        if pdfs:
            self.pedir(
                "portal: factura PDF",
                "GET",
                f"/customerarea/facturas/{pdfs[0]}/pdf/",
                contenido=lambda r: r.content[:5] == b"%PDF-",
            )
            self.pausa()
        if u.get("pagar"):
            self.pagar(r.text, pdfs)
            self.pausa()
        if u.get("pqrs_nueva"):
            self.pqrs(u["pqrs_nueva"])
            self.pausa()
        r = self.pedir("portal: /facturas/", "GET", "/customerarea/facturas/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.text).group(1)
        self.pedir(
            "portal: salir (POST)",
            "POST",
            "/customerarea/salir/",
            esperado=(302,),
            data={"csrfmiddlewaretoken": token},
            headers={"Referer": self.carga.base + "/customerarea/facturas/"},
        )

    def pagar(self, html_facturas, pdfs):
        """Pay one pending invoice through the simulated gateway and come back to the return page."""
        # The list links each payable invoice to its pay page (area_clientes:pagar).
        pagables = re.findall(r"/customerarea/facturas/(\d+)/pagar/", html_facturas)
        if not pagables:
            self.carga.medir_omitido("portal: pagar (sin factura pendiente en la página)")
            return
        url = self.carga.urls["pagar"].replace("999999999", pagables[0])
        r = self.pedir("portal: pagar (GET)", "GET", url)
        # POST creates the transaction and answers the auto-posting form to the gateway.
        r = self.enviar_formulario(
            "portal: pagar (POST, crea la transacción)",
            url,
            r.text,
            esperado=(200,),
            # The page's own form (it posts to itself), not the menu's logout or the language switch.
            elegir=lambda fs: next(
                (f for f in fs if f["accion"] in ("", url) or "pagar" in f["accion"]), None
            ),
        )
        checkout = self.carga.urls["simulada_checkout"]
        pasarela = next((f for f in formularios(r.text) if checkout in f["accion"]), None)
        if pasarela is None:
            self.carga.error(
                "portal: pagar (POST, crea la transacción)", "sin el formulario hacia la pasarela"
            )
            raise Abortar
        # The gateway is another site: its checkout runs on its own server (see `arrancar`).
        checkout = urljoin(self.carga.pasarela_base, pasarela["accion"])
        r = self.pedir(
            "pasarela simulada: checkout",
            "POST",
            checkout,
            data=dict(pasarela["campos"]),
            esperado=(200,),
        )

        def aprobar(fs):
            for f in fs:
                for b in f["botones"]:
                    if "aprob" in (b["texto"] + " " + (b["valor"] or "")).lower():
                        f["boton_elegido"] = b
                        return f
            return None

        r = self.enviar_formulario(
            "pasarela simulada: aprobar", checkout, r.text, elegir=aprobar, esperado=(302, 303)
        )
        retorno = r.headers["Location"]
        self.pedir("portal: pago en línea (retorno)", "GET", retorno, esperado=(200,))

    def pqrs(self, url):
        r = self.pedir("portal: PQRS nueva (GET)", "GET", url)
        texto = f"Prueba de carga {self.indice}-{random.randrange(10**6)}: la llave del lavamanos gotea."
        # The first POST form carrying our CSRF token (the logout form is the menu's, skip it).
        self.enviar_formulario(
            "portal: PQRS radicar (POST)",
            url,
            r.text,
            elegir=lambda fs: next(
                (
                    f
                    for f in fs
                    if "salir" not in f["accion"] and any(n == "descripcion" for n, _ in f["campos"])
                ),
                None,
            ),
            cambios={"descripcion": texto},
            esperado=(302, 303),
        )


class Personal(Usuario):
    def recorrido(self):
        u = self.carga.urls
        self.pedir(
            "gestión: terceros, buscar nombre",
            "GET",
            "/gestion/terceros/",
            params={"q": random.choice(APELLIDOS)},
        )
        self.trivial()
        self.pausa()
        self.pedir(
            "gestión: terceros, buscar documento",
            "GET",
            "/gestion/terceros/",
            params={"q": str(DOCUMENTO_BASE + random.randrange(20_000))[:6]},
        )
        self.pausa()
        if u.get("pqrs_bandeja"):
            self.pedir("gestión: bandeja PQRS", "GET", u["pqrs_bandeja"])
            self.pausa()
        r = self.pedir(
            "gestión: envíos, página", "GET", "/gestion/configuraciones/modulos-web/area-clientes/"
        )
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.text).group(1)
        elegidos = random.sample(self.carga.propietarios, 2)
        self.pedir(
            "gestión: encolar envío masivo (POST)",
            "POST",
            "/gestion/configuraciones/modulos-web/area-clientes/generar/",
            esperado=(302,),
            data={
                "csrfmiddlewaretoken": token,
                "clase": "propietarios",
                "filtro": "solo",
                "terceros": elegidos,
                "alcance": "todos",
                "confirmado": "True",
            },
            headers={"Referer": self.carga.base + "/gestion/configuraciones/modulos-web/area-clientes/"},
        )
        self.pausa()


class Abortar(Exception):
    """The journey stopped at an error (already counted)."""


class Carga:
    def __init__(self, args, base, urls, propietarios, inquilinos):
        self.args = args
        self.inquilinos = inquilinos
        self.siguiente = 0
        self.base = base
        self.pasarela_base = f"http://127.0.0.1:{args.puerto + 2}"
        self.urls = urls
        self.propietarios = propietarios
        self.latencias = defaultdict(list)
        self.errores = defaultdict(list)
        self.omitidos = defaultdict(int)
        self.recorridos = defaultdict(int)
        self.candado = threading.Lock()

    def inquilino(self) -> str:
        with self.candado:
            documento = self.inquilinos[self.siguiente % len(self.inquilinos)]
            self.siguiente += 1
            return documento

    def medir(self, nombre, ms):
        with self.candado:
            self.latencias[nombre].append(ms)

    def medir_omitido(self, nombre):
        with self.candado:
            self.omitidos[nombre] += 1

    def error(self, nombre, detalle):
        with self.candado:
            self.errores[nombre].append(detalle)


def resolver_urls() -> dict:
    """The optional journeys' URLs from this code base's URLconf; a missing name disables its step."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("TESTING", "1")
    sys.path.insert(0, str(RAIZ))
    import django

    django.setup()
    from django.urls import NoReverseMatch, reverse

    urls = {}
    for clave, nombre, args in [
        ("pagar", "area_clientes:pagar", [999999999]),
        ("simulada_checkout", "pasarelas:simulada_checkout", []),
        ("pqrs_nueva", "area_clientes:pqrs_nueva", []),
        ("pqrs_bandeja", "gestion:pqrs_bandeja", []),
    ]:
        try:
            urls[clave] = reverse(nombre, args=args)
        except NoReverseMatch:
            print(f"AVISO: {nombre} no existe en esta rama: se omite ese paso del recorrido.")
    if "pagar" in urls and "simulada_checkout" not in urls:
        print("AVISO: sin pasarelas:simulada_checkout no se puede pagar: se omite el pago.")
        urls.pop("pagar")
    return urls


def _gunicorn(puerto: int, workers: int, entorno: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(RAIZ / ".venv/bin/gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{puerto}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        cwd=RAIZ,
        env=entorno,
    )


def arrancar(args, base):
    """SMTP sink, gunicorn and a Celery worker with beat, all with DEBUG off."""
    puerto_smtp = args.puerto + 1
    entorno = {
        **os.environ,
        "DEBUG": "0",
        "TESTING": "1",  # plain-HTTP session cookies on loopback
        "ALLOWED_HOSTS": "127.0.0.1",
        # The gateway's return and confirmation addresses are built from it: this server, not :8000.
        "SITE_URL": base,
        "LOG_LEVEL": "WARNING",
        "EMAIL_URL": f"smtp://127.0.0.1:{puerto_smtp}",
        "MEDIA_ROOT": str(media_de_la_demo()),
        "ENVIOS_INTERVALO": "10",
    }
    (RAIZ / "var" / "log").mkdir(parents=True, exist_ok=True)
    procesos = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "aiosmtpd",
                "-n",
                "-c",
                "aiosmtpd.handlers.Sink",
                "-l",
                f"127.0.0.1:{puerto_smtp}",
            ],
            cwd=RAIZ,
        ),
        _gunicorn(args.puerto, args.workers, entorno),
        # The simulated gateway's checkout, on a server of its own as a real gateway's is: its
        # "Aprobar" POSTs the confirmation to our server and waits, which would hold one of our
        # workers per approval (and, with every worker so held, none left to take the confirmations).
        _gunicorn(args.puerto + 2, 2, {**entorno, "ALLOWED_HOSTS": f"127.0.0.1,127.0.0.1:{args.puerto}"}),
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-B",
                "--concurrency",
                "1",
                "-l",
                "warning",
                "-s",
                str(RAIZ / "var" / "carga-celerybeat-schedule"),
            ],
            cwd=RAIZ,
            env=entorno,
            stdout=open(RAIZ / "var" / "log" / "carga-worker.log", "w"),  # noqa: SIM115 — lives as long as the worker
            stderr=subprocess.STDOUT,
        ),
    ]
    for _ in range(150):
        try:
            requests.get(base + "/customerarea/ingresar/", timeout=10)
            break
        except requests.RequestException:
            time.sleep(0.2)
    return procesos


def envios_estado(desde):
    with psycopg.connect(os.environ["DATABASE_URL"]) as db:
        return dict(
            db.execute(
                "SELECT estado, count(*) FROM envios_enviocontrasena WHERE creado_en >= %s GROUP BY estado",
                [desde],
            ).fetchall()
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--usuarios", type=int, default=50, help="Usuarios concurrentes.")
    parser.add_argument("--minutos", type=float, default=5)
    parser.add_argument("--personal", type=float, default=0.2, help="Fracción de usuarios de gestión.")
    parser.add_argument("--pausa", type=float, default=0.5, help="Pausa media entre pasos (s).")
    parser.add_argument("--workers", type=int, default=3, help="Workers de gunicorn (como en el Dockerfile).")
    parser.add_argument("--puerto", type=int, default=8071)
    parser.add_argument("--semilla", type=int, default=2026)
    args = parser.parse_args()
    assert os.environ.get("DATABASE_URL", "").startswith("postgres"), "Defina DATABASE_URL (PostgreSQL)."
    assert os.environ.get("REDIS_URL"), "Defina REDIS_URL (Redis: caché, límites y broker de Celery)."
    random.seed(args.semilla)
    urls = resolver_urls()
    base = f"http://127.0.0.1:{args.puerto}"

    with psycopg.connect(os.environ["DATABASE_URL"]) as db:
        # Owners of the generated set (3 of every 10 terceros), for the bulk sends; tenants log in.
        propietarios = [
            str(pk)
            for (pk,) in db.execute(
                "SELECT id FROM terceros_tercero WHERE codigo_cliente LIKE 'GD-%%' AND NOT es_inquilino "
                "AND email <> '' ORDER BY id LIMIT 2000"
            ).fetchall()
        ]
        inicio_bd = db.execute("SELECT now()").fetchone()[0]
        # Tenants with something to pay (most unpaid invoices first) and no payment in verification,
        # so the pay step runs on most journeys and a rerun does not reuse an attempt left pending.
        inquilinos = [
            doc
            for (doc,) in db.execute(
                "SELECT t.numero_documento FROM terceros_tercero t JOIN facturacion_factura f "
                "ON f.tercero_id = t.id AND f.estado = 'facturada' AND f.saldo > 0 "
                "WHERE t.codigo_cliente LIKE 'GD-%%' AND t.es_inquilino AND NOT EXISTS ("
                "SELECT 1 FROM pagos_transaccionpasarela x WHERE x.tercero_id = t.id AND x.estado = 'pendiente') "
                "GROUP BY t.id, t.numero_documento ORDER BY count(*) DESC, t.id LIMIT 5000"
            ).fetchall()
        ]
    assert propietarios, "No hay datos generados: ejecute manage.py generar_datos."
    assert inquilinos, "No quedan inquilinos generados con facturas por pagar."

    n_personal = max(1, round(args.usuarios * args.personal))
    random.shuffle(inquilinos)
    carga = Carga(args, base, urls, propietarios, inquilinos)
    procesos = arrancar(args, base)
    try:
        usuarios = [Personal(carga, i) for i in range(n_personal)] + [
            Cliente(carga, i) for i in range(n_personal, args.usuarios)
        ]
        for usuario in usuarios:  # every user holds a staff session: its own journeys, or the trivial probe
            usuario.sonda = usuario.s if isinstance(usuario, Personal) else requests.Session()
            usuario.ingresar(
                usuario.sonda, "/gestion/ingresar/", "admin", "Gestion.2026", "gestión: ingresar (POST)"
            )
        fin = time.monotonic() + args.minutos * 60
        print(
            f"{args.usuarios} usuarios ({args.usuarios - n_personal} del portal, {n_personal} de gestión), "
            f"{args.minutos:g} min, pausa media {args.pausa:g} s, gunicorn {args.workers} workers; "
            f"carga del sistema al empezar {os.getloadavg()[0]:.2f}"
        )

        def ciclo(usuario):
            time.sleep(random.uniform(0, 5))  # ramp-up
            while time.monotonic() < fin:
                try:
                    usuario.recorrido()
                    with carga.candado:
                        carga.recorridos[type(usuario).__name__] += 1
                except Abortar:
                    time.sleep(1)
                except Exception as exc:
                    carga.error("script", repr(exc))
                    time.sleep(1)

        cargas = []
        muestreo = threading.Event()

        def muestrear():
            while not muestreo.wait(10):
                cargas.append(os.getloadavg()[0])

        hilos = [threading.Thread(target=ciclo, args=(u,)) for u in usuarios]
        hilo_carga = threading.Thread(target=muestrear, daemon=True)
        hilo_carga.start()
        for h in hilos:
            h.start()
        for h in hilos:
            h.join()
        muestreo.set()

        # Stop the queued sends the run left waiting (the worker sent what it could meanwhile).
        s = usuarios[0].sonda
        r = s.get(base + "/gestion/configuraciones/modulos-web/area-clientes/", timeout=60)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.text).group(1)
        envios = envios_estado(inicio_bd)
        s.post(
            base + "/gestion/configuraciones/modulos-web/area-clientes/cancelar/",
            data={"csrfmiddlewaretoken": token},
            headers={"Referer": base + "/gestion/"},
            timeout=60,
        )
    finally:
        for p in reversed(procesos):
            p.send_signal(signal.SIGTERM)
        for p in procesos:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()

    trivial_p95 = percentil(carga.latencias[TRIVIAL], 95) if carga.latencias[TRIVIAL] else float("nan")
    total = sum(len(v) for v in carga.latencias.values())
    n_errores = sum(len(v) for v in carga.errores.values())
    print(
        f"\nRecorridos completos: {dict(carga.recorridos)}; peticiones medidas {total:,}; errores {n_errores}; "
        f"carga del sistema durante la prueba (1 min, cada 10 s): media {statistics.mean(cargas or [0]):.1f}, "
        f"máx {max(cargas or [0]):.1f}"
    )
    print("\n| página | peticiones | p50 ms | p95 ms | p99 ms | p95 / trivial |")
    print("|---|---:|---:|---:|---:|---:|")
    for nombre in sorted(carga.latencias, key=lambda n: (n != TRIVIAL, n)):
        lat = carga.latencias[nombre]
        print(
            f"| {nombre} | {len(lat):,} | {statistics.median(lat):.1f} | {percentil(lat, 95):.1f} | "
            f"{percentil(lat, 99):.1f} | {percentil(lat, 95) / trivial_p95:.2f} |"
        )
    for nombre, n in carga.omitidos.items():
        print(f"omitido {n} veces: {nombre}")
    print(
        f"\nEnvíos encolados durante la prueba, por estado al terminar (luego se cancelan los pendientes): {envios}"
    )
    for nombre, detalles in carga.errores.items():
        print(f"ERRORES en {nombre}: {len(detalles)}; por ejemplo: {detalles[:3]}")
    sys.exit(1 if n_errores else 0)


if __name__ == "__main__":
    main()
