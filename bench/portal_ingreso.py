"""Portal login and dashboard latency with the real Argon2 hasher, against PostgreSQL.

Usage: DATABASE_URL=postgres://… DEBUG=1 .venv/bin/python bench/portal_ingreso.py [repeticiones]
Needs the demo data (manage.py cargar_demo) in that database.
"""

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from axes.models import AccessAttempt, AccessFailureLog  # noqa: E402
from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from terceros.demo import PORTAL_AMBOS  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
N = int(sys.argv[1]) if len(sys.argv) > 1 else 20


def medir(nombre, peticion):
    tiempos = []
    for i in range(N):
        inicio = time.perf_counter()
        codigo = peticion(i)
        tiempos.append((time.perf_counter() - inicio) * 1000)
    tiempos.sort()
    print(
        f"{nombre:<38} status {codigo}  mediana {statistics.median(tiempos):6.1f} ms"
        f"  p90 {tiempos[int(0.9 * (N - 1))]:6.1f} ms"
    )


def ingresar(documento, clave, i):
    c = Client()
    return c.post(
        "/customerarea/ingresar/", {"username": documento, "password": clave}, REMOTE_ADDR=f"10.99.{i}.1"
    ).status_code


documento, clave = PORTAL_AMBOS
print(f"hasher: {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[-1]}, repeticiones: {N}")
medir("ingreso correcto", lambda i: ingresar(documento, clave, i))
medir("contraseña equivocada", lambda i: ingresar(documento, "Adivinando.123", i))
medir("documento desconocido", lambda i: ingresar(f"99{i:06d}", "Adivinando.123", i))

cliente = Client()
cliente.post("/customerarea/ingresar/", {"username": documento, "password": clave}, REMOTE_ADDR="10.98.0.1")
# First login asks for the habeas-data consent (recorded once on that demo tercero).
cliente.post("/customerarea/autorizacion-datos/", {"acepto": "on"})
medir("tablero (inquilino y propietario)", lambda i: cliente.get("/customerarea/").status_code)
medir("perfil", lambda i: cliente.get("/customerarea/perfil/").status_code)
AccessAttempt.objects.filter(ip_address__startswith="10.9").delete()
AccessFailureLog.objects.filter(ip_address__startswith="10.9").delete()
