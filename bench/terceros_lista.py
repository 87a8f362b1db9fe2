"""Benchmark: the staff terceros list (/gestion/terceros/) with 100,000 terceros on PostgreSQL.

    createdb -h 127.0.0.1 -U postgres ac_bench2
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ac_bench2 .venv/bin/python bench/terceros_lista.py [--terceros 100000] [--repeticiones 30]

Generates the terceros with bulk_create (once; re-runs reuse them), then times full requests
through Django's test client (middleware, session, template rendering included) and counts SQL
queries per request.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from terceros.models import Tercero, TipoDocumento, Usuario  # noqa: E402
from terceros.selectors import terceros_buscar  # noqa: E402

NOMBRES = [
    "Ana María",
    "Juan Carlos",
    "Luisa",
    "Santiago",
    "Valentina",
    "Carlos Andrés",
    "Daniela",
    "Jorge",
    "Camila",
    "Felipe",
    "Natalia",
    "Alejandro",
    "Paula",
    "Sebastián",
    "Catalina",
    "Diego",
    "Manuela",
    "Julián",
    "Sara",
    "Mateo",
    "Gloria Inés",
    "Hernán",
    "Luz Marina",
    "Óscar",
    "Beatriz",
]
APELLIDOS = [
    "García",
    "Rodríguez",
    "Martínez",
    "Hernández",
    "Moreno",
    "Jiménez",
    "Vargas",
    "Ramírez",
    "Torres",
    "Castaño",
    "Londoño",
    "Ospina",
    "Restrepo",
    "Vélez",
    "Mejía",
    "Zapata",
    "Arango",
    "Salazar",
    "Cardona",
    "Uribe",
    "Gómez",
    "Díaz",
    "Rojas",
    "Castro",
    "Suárez",
]
EMPRESAS = [
    "Inversiones",
    "Rentas",
    "Comercializadora",
    "Inmuebles",
    "Constructora",
    "Distribuidora",
    "Servicios",
    "Agropecuaria",
]


def generar(n: int) -> None:
    existentes = Tercero.objects.count()
    if existentes >= n:
        print(f"Reutilizando {existentes:,} terceros.")
        return
    rnd = random.Random(2026)
    lote, inicio = [], time.perf_counter()
    for i in range(existentes, n):
        empresa = i % 10 == 0
        clase = rnd.random()
        lote.append(
            Tercero(
                tipo_documento=TipoDocumento.NIT if empresa else TipoDocumento.CC,
                numero_documento=str(800_000_000 + i) if empresa else str(10_000_000 + i * 97),
                nombres="" if empresa else rnd.choice(NOMBRES),
                apellidos="" if empresa else f"{rnd.choice(APELLIDOS)} {rnd.choice(APELLIDOS)}",
                razon_social=f"{rnd.choice(EMPRESAS)} {rnd.choice(APELLIDOS)} {i} S.A.S." if empresa else "",
                email=f"t{i}@correo.test" if i % 8 else "",
                celular=f"3{rnd.randint(0, 2)}{rnd.randint(0, 9)} {rnd.randint(100, 999)} {rnd.randint(1000, 9999)}",
                ciudad=rnd.choice(["Medellín", "Envigado", "Bogotá", "Cali"]),
                codigo_cliente=f"C-{i}",
                es_inquilino=clase < 0.7,
                es_propietario=clase >= 0.6,
            )
        )
        if len(lote) == 5000:
            Tercero.objects.bulk_create(lote)
            lote = []
    Tercero.objects.bulk_create(lote)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE terceros_tercero")
    print(f"Generados {n - existentes:,} terceros en {time.perf_counter() - inicio:.1f} s.")


ESCENARIOS = [
    ("lista, página 1", {}),
    ("nombre: 'restrepo' (muchos)", {"q": "restrepo"}),
    ("nombre: 'gloria mejía zapata'", {"q": "gloria mejía zapata"}),
    ("sin tildes ni mayúsculas: 'GLORIA MEJIA zapata'", {"q": "GLORIA MEJIA zapata"}),
    ("razón social: 'constructora uribe'", {"q": "constructora uribe"}),
    ("documento prefijo '1020'", {"q": "1020"}),
    ("documento completo '10.970.097'", {"q": "10.970.097"}),
    ("código de cliente 'C-54321'", {"q": "C-54321"}),
    ("clase = ambos, página 1", {"clase": "ambos"}),
    ("clase = propietarios, página 800", {"clase": "propietarios", "page": "800"}),
    ("sin filtro, página 2000 (profunda)", {"page": "2000"}),
    ("sin filtro, última página", {"page": "4000"}),
]


def medir(cliente: Client, consulta: dict, repeticiones: int) -> tuple[float, float, int, int]:
    cliente.get("/gestion/terceros/", consulta)  # warm-up
    tiempos = []
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        with CaptureQueriesContext(connection) as consultas:
            r = cliente.get("/gestion/terceros/", consulta)
        tiempos.append((time.perf_counter() - inicio) * 1000)
        assert r.status_code == 200, r.status_code
    tiempos.sort()
    total = terceros_buscar(q=consulta.get("q", ""), clase=consulta.get("clase", "")).count()
    return statistics.median(tiempos), tiempos[int(len(tiempos) * 0.95) - 1], len(consultas), total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--terceros", type=int, default=100_000)
    parser.add_argument("--repeticiones", type=int, default=30)
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "El benchmark corre sobre PostgreSQL: defina DATABASE_URL."
    call_command("migrate", verbosity=0)
    generar(args.terceros)
    staff, _ = Usuario.objects.get_or_create(username="bench", defaults={"is_staff": True})
    cliente = Client()
    cliente.force_login(staff)
    print(
        f"\nPostgreSQL {connection.pg_version // 10000}, {Tercero.objects.count():,} terceros, {args.repeticiones} repeticiones\n"
    )
    print("| escenario | resultados | mediana ms | p95 ms | consultas SQL |")
    print("|---|---:|---:|---:|---:|")
    for nombre, consulta in ESCENARIOS:
        mediana, p95, consultas, total = medir(cliente, consulta, args.repeticiones)
        print(f"| {nombre} | {total:,} | {mediana:.1f} | {p95:.1f} | {consultas} |")


if __name__ == "__main__":
    main()
