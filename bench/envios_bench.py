"""Benchmark of portal password sending on PostgreSQL (issue 4).

    createdb -h 127.0.0.1 -U postgres ac_bench4   # once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ac_bench4 .venv/bin/python bench/envios_bench.py

Measures, with 100,000 terceros in the table (50,000 tenants):
  1. GENERAR CONTRASEÑAS for Solo Inquilinos (one service call, ~50,000 rows) and CANCELAR
     (targets < 5 s and < 1 s), and the ratio to a raw INSERT … SELECT and to bulk_create of the same rows;
  2. the type-ahead search of 'Terceros para el filtro';
  3. sending 1,000 emails to a local aiosmtpd per delivery mode, with the real Argon2 hasher:
     password mode against the throughput of the bare hash measured beside it (target ≥ 80 %),
     link mode in emails/s for one worker (target ≥ 50/s).
"""

import os
import socket
import statistics
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PUERTO = _puerto_libre()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{PUERTO}"
assert os.environ.get("DATABASE_URL", "").startswith("postgres"), "Defina DATABASE_URL (PostgreSQL)."

import django  # noqa: E402

django.setup()

import subprocess  # noqa: E402

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from envios.models import (  # noqa: E402
    ConfiguracionAreaClientes,
    EnvioContrasena,
    EstadoEnvio,
    ModoEntrega,
    SolicitudEnvio,
)
from envios.services import (  # noqa: E402
    contrasena_aleatoria,
    envios_cancelar_pendientes,
    envios_enviar_lote,
    envios_generar,
)
from nucleo.models import EventoAuditoria  # noqa: E402
from terceros.models import Entidad, Tercero  # noqa: E402
from terceros.selectors import terceros_opciones  # noqa: E402

N_TERCEROS = 100_000
N_CORREOS = 1_000
N_HASH = 200
RONDAS = 10

NOMBRES = ["Ana", "Luis", "María", "Carlos", "Diana", "Jorge", "Paula", "Andrés", "Sofía", "Camilo"]
APELLIDOS = ["Gómez", "Pérez", "Rodríguez", "Martínez", "López", "Restrepo", "Zapata", "Ospina"]


def _preparar_datos():
    call_command("migrate", verbosity=0)
    Entidad.objects.get_or_create(pk=1, defaults={"nombre": "Inmobiliaria Bench", "nit": "9001234568"})
    if Tercero.objects.count() < N_TERCEROS:
        print(f"Generando {N_TERCEROS:,} terceros…", flush=True)
        existentes = Tercero.objects.count()
        lote = []
        for i in range(existentes, N_TERCEROS):
            lote.append(
                Tercero(
                    tipo_documento="CC",
                    numero_documento=str(50_000_000 + i),
                    nombres=NOMBRES[i % len(NOMBRES)],
                    apellidos=f"{APELLIDOS[i % len(APELLIDOS)]} {i}",
                    # 51,000 tenants (1,000 of them also owners, and without email: skipped and
                    # reported), so Solo Inquilinos queues exactly 50,000.
                    email="" if i % 100 == 1 else f"cliente{i}@bench.test",
                    es_inquilino=i % 2 == 0 or i % 100 == 1,
                    es_propietario=i % 2 == 1,
                )
            )
            if len(lote) == 5000:
                Tercero.objects.bulk_create(lote)
                lote = []
        Tercero.objects.bulk_create(lote)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _limpiar_cola():
    EnvioContrasena.objects.all().delete()
    SolicitudEnvio.objects.all().delete()
    EventoAuditoria.objects.filter(accion__startswith="envios.").delete()


def _medir(funcion):
    inicio = time.perf_counter()
    resultado = funcion()
    return time.perf_counter() - inicio, resultado


def bench_cola() -> list[str]:
    _limpiar_cola()
    ConfiguracionAreaClientes.objects.update_or_create(
        pk=1, defaults={**ConfiguracionAreaClientes.valores_por_defecto()}
    )
    t_generar, solicitud = _medir(
        lambda: envios_generar(actor=None, clase="inquilinos", filtro="ninguno", seleccion=[])
    )
    t_doble, doble = _medir(
        lambda: envios_generar(actor=None, clase="inquilinos", filtro="ninguno", seleccion=[])
    )
    t_cancelar, cancelados = _medir(lambda: envios_cancelar_pendientes(actor=None))
    assert cancelados == solicitud.encolados
    assert doble.encolados == 0

    # Raw INSERT … SELECT of the same rows (no class filter join, no email check, no conflict handling).
    ids = list(
        EnvioContrasena.objects.filter(solicitud=solicitud)
        .order_by("tercero_id")
        .values_list("tercero_id", flat=True)
    )
    _limpiar_cola()
    bruto = SolicitudEnvio.objects.create(origen="comando", clase="inquilinos")

    def insert_select():
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO envios_enviocontrasena (solicitud_id, tercero_id, estado, intentos, ultimo_error, "
                "modo_entrega, proximo_intento_en, creado_en, actualizado_en) "
                "SELECT %s, id, 'PENDIENTE', 0, '', '', now(), now(), now() FROM terceros_tercero "
                "WHERE id = ANY(%s)",
                [bruto.pk, ids],
            )
            return cursor.rowcount

    t_raw, n_raw = _medir(insert_select)
    _limpiar_cola()
    bruto = SolicitudEnvio.objects.create(origen="comando", clase="inquilinos")
    t_bulk, _ = _medir(
        lambda: EnvioContrasena.objects.bulk_create(
            [EnvioContrasena(solicitud=bruto, tercero_id=pk) for pk in ids], batch_size=5000
        )
    )
    _limpiar_cola()
    return [
        "| operation | rows | time | target |",
        "|---|---:|---:|---|",
        f"| `envios_generar` Solo Inquilinos (one click) | {solicitud.encolados:,} queued, "
        f"{solicitud.sin_email_total:,} skipped without email | {t_generar:.2f} s | < 5 s |",
        f"| same click again (double click) | 0 queued, {doble.ya_en_cola:,} already waiting | {t_doble:.2f} s | no double queue |",
        f"| `envios_cancelar_pendientes` | {cancelados:,} | {t_cancelar:.2f} s | < 1 s |",
        f"| raw `INSERT … SELECT` of the same rows | {n_raw:,} | {t_raw:.2f} s | ratio service/raw = {t_generar / t_raw:.1f}x |",
        f"| `bulk_create` of the same rows (batches of 5,000) | {len(ids):,} | {t_bulk:.2f} s | ratio service/bulk_create = {t_generar / t_bulk:.2f}x |",
    ]


def bench_busqueda() -> list[str]:
    filas = []
    for texto in ["ana", "gómez 77", "5003", "50049871"]:
        tiempos = []
        for _ in range(15):
            t, resultados = _medir(lambda texto=texto: terceros_opciones(q=texto, clase="ambos"))
            tiempos.append(t)
        filas.append(
            f"| `{texto}` | {len(resultados)} | {statistics.median(tiempos) * 1000:.1f} ms | {max(tiempos) * 1000:.1f} ms |"
        )
    return ["| query | results (max 20) | median | max |", "|---|---:|---:|---:|", *filas]


def _cola_de(modo: str, desde: int) -> None:
    _limpiar_cola()
    ConfiguracionAreaClientes.objects.update_or_create(
        pk=1,
        defaults={
            "modo_entrega": modo,
            "lote": N_CORREOS,
            "intervalo_segundos": 0,
            "max_por_hora": 0,
            "horas_expiracion": 72,
        },
    )
    pks = list(
        Tercero.objects.filter(es_inquilino=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", flat=True)[desde : desde + N_CORREOS]
    )
    envios_generar(actor=None, clase="inquilinos", filtro="solo", seleccion=pks)


def bench_envio() -> list[str]:
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    # A real SMTP server in its own process, as in production (aiosmtpd's Sink handler).
    servidor = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", f"127.0.0.1:{PUERTO}"]
    )
    time.sleep(1.5)
    try:
        make_password("calentamiento")
        # Password mode: the bare hash is timed beside the sends, in alternating rounds, so both
        # see the same machine (other processes share these 2 cores).
        _cola_de(ModoEntrega.CONTRASENA_TEMPORAL, desde=0)
        t_hash = t_clave = 0.0
        n_hash = n_clave = 0
        for _ in range(RONDAS):
            t, _hashes = _medir(
                lambda: [make_password(contrasena_aleatoria()) for _ in range(N_HASH // RONDAS)]
            )
            t_hash += t
            n_hash += N_HASH // RONDAS
            t, resultado = _medir(lambda: envios_enviar_lote(limite=N_CORREOS // RONDAS))
            t_clave += t
            n_clave += resultado.enviados
        assert n_clave == N_CORREOS
        assert EnvioContrasena.objects.filter(estado=EstadoEnvio.ENVIADO).count() == N_CORREOS

        _cola_de(ModoEntrega.ENLACE_ACTIVACION, desde=N_CORREOS)
        t_enlace, resultado = _medir(lambda: envios_enviar_lote(limite=N_CORREOS))
        n_enlace = resultado.enviados
        assert n_enlace == N_CORREOS
        assert EnvioContrasena.objects.filter(estado=EstadoEnvio.ENVIADO).count() == N_CORREOS
    finally:
        servidor.terminate()
        servidor.wait()
        _limpiar_cola()
    hash_por_s = n_hash / t_hash
    clave_por_s = n_clave / t_clave
    enlace_por_s = n_enlace / t_enlace
    return [
        "| measurement | count | time | throughput | target |",
        "|---|---:|---:|---:|---|",
        f"| Argon2 `make_password` alone | {n_hash} | {t_hash:.1f} s | {hash_por_s:.2f} hashes/s | reference |",
        f"| password mode: `envios_enviar_lote` | {n_clave:,} emails | {t_clave:.1f} s | {clave_por_s:.2f} emails/s "
        f"| {100 * clave_por_s / hash_por_s:.0f} % of the hash alone (≥ 80 %) |",
        f"| link mode: `envios_enviar_lote` | {n_enlace:,} emails | {t_enlace:.1f} s | {enlace_por_s:.0f} emails/s | ≥ 50/s per worker |",
    ]


def main():
    _preparar_datos()
    print(
        f"PostgreSQL {connection.pg_version}, {Tercero.objects.count():,} terceros, hasher {settings.PASSWORD_HASHERS[0]}"
    )
    print("\n### Queue and cancel\n")
    print("\n".join(bench_cola()))
    print("\n### Search for 'Terceros para el filtro' (100,000 terceros)\n")
    print("\n".join(bench_busqueda()))
    print("\n### Sending 1,000 emails to a local aiosmtpd (one worker, one SMTP connection)\n", flush=True)
    print("\n".join(bench_envio()))


if __name__ == "__main__":
    main()
