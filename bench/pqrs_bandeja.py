"""Benchmark: the staff PQRS inbox (/gestion/pqrs/) with 100,000 PQRS on PostgreSQL.

    createdb -h 127.0.0.1 -U postgres ac_bench_pqrs
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ac_bench_pqrs .venv/bin/python bench/pqrs_bandeja.py [--pqrs 100000] [--repeticiones 30]

Generates terceros, staff users and PQRS with bulk_create (once; re-runs reuse them), due dates
spread around today, then times full requests through Django's test client (middleware, session,
template rendering included) and counts SQL queries per request. Prints a Markdown table and the
machine's load average before and after (the machine may be shared).
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

from pqrs.generar import pqrs_generar  # noqa: E402
from pqrs.models import Pqrs  # noqa: E402
from pqrs.selectors_gestion import pqrs_bandeja  # noqa: E402
from terceros.models import Tercero, TipoDocumento, Usuario  # noqa: E402

NOMBRES = [
    "Ana María",
    "Juan Carlos",
    "Luisa",
    "Santiago",
    "Valentina",
    "Daniela",
    "Jorge",
    "Camila",
    "Felipe",
]
APELLIDOS = [
    "García",
    "Rodríguez",
    "Martínez",
    "Moreno",
    "Vargas",
    "Restrepo",
    "Vélez",
    "Mejía",
    "Zapata",
    "Ospina",
]


def generar(n: int) -> None:
    existentes = Pqrs.objects.count()
    if existentes >= n:
        print(f"Reutilizando {existentes:,} PQRS.")
        return
    rnd = random.Random(2026)
    inicio = time.perf_counter()
    if Tercero.objects.count() < 20_000:
        Tercero.objects.bulk_create(
            [
                Tercero(
                    tipo_documento=TipoDocumento.CC,
                    numero_documento=str(30_000_000 + i * 37),
                    nombres=rnd.choice(NOMBRES),
                    apellidos=f"{rnd.choice(APELLIDOS)} {rnd.choice(APELLIDOS)}",
                    es_inquilino=True,
                )
                for i in range(20_000)
            ],
            batch_size=5000,
        )
    staff = []
    for i in range(10):
        usuario, _ = Usuario.objects.get_or_create(username=f"gestor{i}", defaults={"is_staff": True})
        staff.append(usuario)
    terceros = list(Tercero.objects.values_list("pk", flat=True))
    pqrs_generar(cantidad=n - existentes, terceros=terceros, gestores=staff, rnd=rnd)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE pqrs_pqrs")
        cursor.execute("ANALYZE terceros_tercero")
    print(f"Generadas {n - existentes:,} PQRS en {time.perf_counter() - inicio:.1f} s.")


ESCENARIOS = [
    ("abiertas (por defecto), página 1", {}),
    ("vencidas", {"vence": "vencidas"}),
    ("vence esta semana", {"vence": "semana"}),
    ("vence hoy", {"vence": "hoy"}),
    ("texto: radicado 'PQRS-2026-054321'", {"texto": "PQRS-2026-054321"}),
    ("texto: cliente 'mejia zapata'", {"texto": "mejia zapata"}),
    ("texto: documento '30.000.3'", {"texto": "30.000.3"}),
    ("texto: descripción 'garaje'", {"texto": "garaje"}),
    ("vencidas + texto 'humedad'", {"vence": "vencidas", "texto": "humedad"}),
    ("vence esta semana + asignadas a mí", {"vence": "semana", "asignado": "yo"}),
    (
        "todas, clasificación queja, página 200",
        {"estado": "todas", "clasificacion": "queja", "pagina": "200"},
    ),
]


def medir(cliente: Client, url: str, consulta: dict, repeticiones: int) -> tuple[float, float, float, int]:
    """(median ms, p95 ms, median ms spent in SQL, queries per request) of full requests."""
    cliente.get(url, consulta)  # warm-up
    tiempos, en_sql, consultas = [], [], 0
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        with CaptureQueriesContext(connection) as capturadas:
            r = cliente.get(url, consulta)
        tiempos.append((time.perf_counter() - inicio) * 1000)
        assert r.status_code == 200, r.status_code
        en_sql.append(sum(float(q["time"]) for q in capturadas.captured_queries) * 1000)
        consultas = len(capturadas)
    tiempos.sort()
    p95 = tiempos[max(0, int(len(tiempos) * 0.95) - 1)]
    return statistics.median(tiempos), p95, statistics.median(en_sql), consultas


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pqrs", type=int, default=100_000)
    parser.add_argument("--repeticiones", type=int, default=30)
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "El benchmark corre sobre PostgreSQL: defina DATABASE_URL."
    call_command("migrate", verbosity=0)
    generar(args.pqrs)
    gestor = Usuario.objects.get(username="gestor0")
    cliente = Client()
    cliente.force_login(gestor)
    carga = os.getloadavg()
    print(
        f"\nPostgreSQL {connection.pg_version // 10000}, {Pqrs.objects.count():,} PQRS, "
        f"{Tercero.objects.count():,} terceros, {args.repeticiones} repeticiones; "
        f"load average antes: {carga[0]:.2f} {carga[1]:.2f} {carga[2]:.2f} ({os.cpu_count()} CPU)\n"
    )
    print("| escenario | resultados | mediana ms | p95 ms | en SQL ms (mediana) | consultas SQL |")
    print("|---|---:|---:|---:|---:|---:|")
    for nombre, consulta in ESCENARIOS:
        mediana, p95, sql, consultas = medir(cliente, "/gestion/pqrs/", consulta, args.repeticiones)
        total = pqrs_bandeja(
            estado=consulta.get("estado", ""),
            clasificacion=consulta.get("clasificacion", ""),
            asignado=consulta.get("asignado", ""),
            vence=consulta.get("vence", ""),
            texto=consulta.get("texto", ""),
            usuario=gestor,
        ).count()
        print(f"| {nombre} | {total:,} | {mediana:.1f} | {p95:.1f} | {sql:.1f} | {consultas} |")
    mediana, p95, sql, consultas = medir(cliente, "/gestion/", {}, args.repeticiones)
    print(
        f"| inicio del back-office (panel PQRS) | — | {mediana:.1f} | {p95:.1f} | {sql:.1f} | {consultas} |"
    )
    carga = os.getloadavg()
    print(f"\nload average después: {carga[0]:.2f} {carga[1]:.2f} {carga[2]:.2f}")


if __name__ == "__main__":
    main()
