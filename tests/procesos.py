"""Real processes for the production smoke test and the fault tests.

Our OWN PostgreSQL (initdb into a temp dir) and redis-server on free ports, so a test may stop,
kill or restart them: the shared servers on 5432/6379 are never touched. The app's processes are
started with scripts/prod.sh (the same command lines `make prod` runs).
"""

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import requests

from tests.conftest import puerto_libre

RAIZ = Path(__file__).resolve().parent.parent
PY = RAIZ / ".venv/bin/python"
PROD = RAIZ / "scripts/prod.sh"


def esperar(condicion, *, segundos: float = 20, cada: float = 0.1, que: str = "la condición"):
    """Poll until `condicion()` is truthy; fail with `que` after `segundos`."""
    limite = time.monotonic() + segundos
    while True:
        valor = condicion()
        if valor:
            return valor
        if time.monotonic() > limite:
            raise AssertionError(f"No se cumplió {que} en {segundos} s")
        time.sleep(cada)


def _binarios_postgres() -> Path:
    candidatos = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    assert candidatos, "Falta PostgreSQL de Debian (/usr/lib/postgresql/*/bin/initdb)"
    return candidatos[-1].parent


class PostgresPropio:
    """A throwaway PostgreSQL cluster on a free port; root runs it as the postgres user."""

    def __init__(self):
        self.bin = _binarios_postgres()
        self.dir = Path(tempfile.mkdtemp(prefix="ac-pg-"))
        self.port = puerto_libre()
        self.datos = self.dir / "datos"
        self._como = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._como:
            shutil.chown(self.dir, "postgres", "postgres")
        self._pg(
            ["initdb", "-D", str(self.datos), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]
        )
        opciones = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        (self.dir / "opciones").write_text(opciones)
        self.iniciar()

    def _pg(self, args, **kw):
        return subprocess.run(
            [*self._como, str(self.bin / args[0]), *args[1:]],
            check=True,
            capture_output=True,
            text=True,
            **kw,
        )

    def _ctl(self, *args):
        return self._pg(["pg_ctl", "-D", str(self.datos), "-l", str(self.dir / "log"), *args])

    def iniciar(self):
        self._ctl("-o", (self.dir / "opciones").read_text(), "-w", "start")

    def reiniciar(self):
        """A fast restart: every open connection is terminated."""
        self._ctl("-m", "fast", "-w", "-o", (self.dir / "opciones").read_text(), "restart")

    def detener(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("-m", "immediate", "-w", "stop")

    def url(self, base: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{base}"

    def sql(self, consulta: str, params=(), *, base: str = "postgres"):
        with psycopg.connect(self.url(base), autocommit=True) as con:
            cur = con.execute(consulta, params)
            return cur.fetchall() if cur.description else None

    def cerrar(self):
        self.detener()
        shutil.rmtree(self.dir, ignore_errors=True)


class RedisPropio:
    def __init__(self):
        self.port = puerto_libre()
        self.proceso = None
        self.iniciar()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def iniciar(self):
        self.proceso = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        esperar(self.responde, segundos=10, que="que Redis responda")

    def responde(self) -> bool:
        r = subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True)
        return r.stdout.strip() == "PONG"

    def detener(self):
        if self.proceso and self.proceso.poll() is None:
            self.proceso.kill()
            self.proceso.wait(10)

    cerrar = detener


def entorno(*, database_url: str, redis_url: str, smtp_port: int, port: int, run_dir: Path, **extra) -> dict:
    """The environment of a production process (DEBUG off), nothing inherited that could leak in."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/root"),
        "LANG": "C.UTF-8",
        "PY": str(PY),
        "DEBUG": "0",
        "SECRET_KEY": "prueba-de-produccion-" + "k" * 40,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "EMAIL_TIMEOUT": "5",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"https://127.0.0.1:{port}",
        "PORT": str(port),
        "RUN_DIR": str(run_dir),
        "WEB_WORKERS": "2",
        "WORKER_CONCURRENCY": "1",
        "ENVIOS_INTERVALO": "1",
        "CONN_MAX_AGE": "60",
        "SILENCED_SYSTEM_CHECKS": "django_recaptcha.recaptcha_test_key_error",
        "PYTHONUNBUFFERED": "1",
    }
    env.update({k: str(v) for k, v in extra.items()})
    return env


class Proceso:
    """One of scripts/prod.sh's processes (or the whole stack), in its own process group."""

    def __init__(self, nombre: str, env: dict, *args: str):
        self.nombre = nombre
        self.log = Path(env["RUN_DIR"]) / f"prueba-{nombre}.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self._salida = self.log.open("ab")
        self.popen = subprocess.Popen(
            [str(PROD), *args],
            cwd=RAIZ,
            env=env,
            stdout=self._salida,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def vivo(self) -> bool:
        return self.popen.poll() is None

    def senal(self, sig):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)

    def matar(self):
        """SIGKILL to the whole group: the Celery parent and its pool child die at once."""
        self.senal(signal.SIGKILL)
        self.popen.wait(10)

    def detener(self, segundos: float = 20) -> int:
        self.senal(signal.SIGTERM)
        try:
            return self.popen.wait(segundos)
        except subprocess.TimeoutExpired:
            self.matar()
            raise
        finally:
            self._salida.close()

    def texto(self) -> str:
        return self.log.read_text(errors="replace")


class Navegador:
    """requests, as a browser behind the compose file's proxy would reach gunicorn."""

    def __init__(self, base: str, *, ip: str = "203.0.113.7"):
        self.base = base
        self.s = requests.Session()
        host = base.split("//", 1)[1].rstrip("/")
        self.s.headers.update(
            {
                # What nginx sets (deploy/nginx/area-clientes.conf), with PROXIES_CONFIABLES=1.
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": ip,
                "Origin": f"https://{host}",
                "Referer": f"https://{host}/",
                "Accept-Language": "es-co",
            }
        )

    def _cookies(self) -> dict:
        # The stack believes it is behind TLS (X-Forwarded-Proto), so its cookies are Secure;
        # we speak plain HTTP to it on loopback, as the proxy does: send them by hand.
        return {"Cookie": "; ".join(f"{c.name}={c.value}" for c in self.s.cookies)}

    def get(self, ruta: str, **kw):
        return self.s.get(self.base + ruta, allow_redirects=False, timeout=20, headers=self._cookies(), **kw)

    def post(self, ruta: str, datos: dict, *, desde: str | None = None, **kw):
        """POST with the CSRF token of the form at `desde` (default: the same URL)."""
        pagina = self.get(desde or ruta)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pagina.text)
        assert token, f"{ruta} no trae formulario con CSRF ({pagina.status_code})"
        return self.s.post(
            self.base + ruta,
            data={"csrfmiddlewaretoken": token.group(1), **datos},
            allow_redirects=False,
            timeout=20,
            headers=self._cookies(),
            **kw,
        )


def manage(env: dict, *args: str, entrada: str | None = None) -> str:
    """manage.py with a production process's environment."""
    r = subprocess.run(
        [str(PY), "manage.py", *args],
        cwd=RAIZ,
        env=env,
        input=entrada,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, f"manage.py {' '.join(args)}: {r.stdout}\n{r.stderr}"
    return r.stdout
