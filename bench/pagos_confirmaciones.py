"""Online payments benchmark.

1. Confirmations: PayU approvals POSTed by N concurrent senders to /pasarelas/payu/confirmacion/
   against gunicorn + PostgreSQL, every approval sent TWICE at once (as PayU retries do) so the
   row lock is exercised; beside the trivial logged-in view (/gestion/configuraciones/) measured
   before and after in the same run. Then: exactly one Pago per approved transaction?
2. Reconciliation: `transacciones_conciliar` over M pending transactions against a fake PayU
   Queries API on loopback (a third approved, a third declined, a third pending): time and
   queries per transaction.

It builds its own database (created if missing, migrated, demo loaded):

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ac_pasarelas_bench \\
        .venv/bin/python bench/pagos_confirmaciones.py

The server runs with DEBUG off (TESTING=1 only to allow plain-HTTP session cookies on loopback).
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import requests

RAIZ = Path(__file__).resolve().parents[1]
API_KEY = "4Vj8eK4rloUd272L48hsrarnUA"
MERCHANT = "508029"
ENTORNO_PAYU = {
    "PAGOS_PASARELA": "payu",
    "PAYU_MERCHANT_ID": MERCHANT,
    "PAYU_ACCOUNT_ID": "512321",
    "PAYU_API_KEY": API_KEY,
    "PAYU_API_LOGIN": "pRRXKOl8ikMmt9u",
    "PAYU_TEST": "1",
}


def percentil(valores, p):
    ordenados = sorted(valores)
    k = max(0, min(len(ordenados) - 1, round(p / 100 * (len(ordenados) - 1))))
    return ordenados[k]


def resumen(nombre, latencias, segundos):
    return {
        "vista": nombre,
        "peticiones": len(latencias),
        "rps": len(latencias) / segundos,
        "p50": statistics.median(latencias),
        "p95": percentil(latencias, 95),
        "p99": percentil(latencias, 99),
    }


def base_de_datos(url: str) -> None:
    partes = urlsplit(url)
    nombre = partes.path.lstrip("/")
    with psycopg.connect(url.replace(f"/{nombre}", "/postgres"), autocommit=True) as db:
        if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [nombre]).fetchone():
            db.execute(f'CREATE DATABASE "{nombre}"')


def django_listo(url: str):
    os.environ.update({"DATABASE_URL": url, "DEBUG": "1", **ENTORNO_PAYU})
    sys.path.insert(0, str(RAIZ))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def preparar(n: int):
    """n pending PayU transactions, one invoice each, for tenants of the demo's own resolution."""
    from datetime import date
    from decimal import Decimal

    from facturacion.services import LineaFactura, factura_emitir
    from pagos.models import TransaccionPasarela
    from pagos.services_en_linea import transaccion_iniciar
    from terceros.models import Tercero

    # Always fresh ones: another phase (or an earlier run) may be settling the old ones.
    hechas = []
    inicio = 700_000_000 + TransaccionPasarela.objects.count()
    for i in range(n):
        documento = str(inicio + i)
        tercero, _ = Tercero.objects.get_or_create(
            tipo_documento="CC",
            numero_documento=documento,
            defaults={"nombres": "Bench", "apellidos": documento, "es_inquilino": True},
        )
        factura = factura_emitir(
            tercero=tercero,
            tipo="otro",
            lineas=[LineaFactura(descripcion="Bench", valor_unitario=Decimal("850000"))],
            descripcion="Bench",
            fecha_emision=date(2026, 11, 1),
            fecha_vencimiento=date(2026, 11, 5),
            actor=None,
        )
        hechas.append(transaccion_iniciar(tercero=tercero, facturas=[factura], pasarela="payu"))
    return hechas[:n]


def cuerpo_aprobacion(tx) -> str:
    from urllib.parse import urlencode

    from pagos.pasarelas.payu import firma_confirmacion

    valor = f"{tx.valor:.2f}"
    return urlencode(
        {
            "merchant_id": MERCHANT,
            "state_pol": "4",
            "reference_sale": tx.referencia,
            "value": valor,
            "currency": "COP",
            "transaction_id": f"bench-{tx.pk}",
            "payment_method_name": "PSE",
            "sign": firma_confirmacion(
                api_key=API_KEY,
                merchant_id=MERCHANT,
                referencia=tx.referencia,
                valor=valor,
                moneda="COP",
                estado_pol="4",
                algoritmo="MD5",
            ),
        }
    )


def ingresar(base):
    s = requests.Session()
    r = s.get(base + "/gestion/ingresar/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.text).group(1)
    r = s.post(
        base + "/gestion/ingresar/",
        data={"csrfmiddlewaretoken": token, "username": "admin", "password": "Gestion.2026"},
        headers={"Referer": base + "/gestion/ingresar/"},
        timeout=30,
        allow_redirects=False,
    )
    assert r.status_code == 302, f"login falló: {r.status_code}"
    return s


def carga_trivial(sesiones, base, segundos):
    latencias, errores, candado = [], [], threading.Lock()
    fin = time.monotonic() + segundos

    def trabajador(s):
        propias = []
        while time.monotonic() < fin:
            t0 = time.perf_counter()
            r = s.get(base + "/gestion/configuraciones/", timeout=60)
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
    assert not errores, set(errores)
    return latencias


def carga_confirmaciones(cuerpos, base, hilos_n):
    """Each approval twice, the two copies in different senders at about the same time."""
    cola = [c for c in cuerpos for _ in range(2)]
    latencias, errores, respuestas, candado = [], [], {}, threading.Lock()
    siguiente = iter(range(len(cola)))
    candado_iter = threading.Lock()

    def trabajador():
        s = requests.Session()
        propias = []
        while True:
            with candado_iter:
                i = next(siguiente, None)
            if i is None:
                break
            t0 = time.perf_counter()
            r = s.post(
                base + "/pasarelas/payu/confirmacion/",
                data=cola[i],
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                timeout=60,
            )
            propias.append((time.perf_counter() - t0) * 1000)
            with candado:
                respuestas[r.text] = respuestas.get(r.text, 0) + 1
            if r.status_code != 200:
                errores.append(r.status_code)
        with candado:
            latencias.extend(propias)

    t0 = time.monotonic()
    hilos = [threading.Thread(target=trabajador) for _ in range(hilos_n)]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join()
    assert not errores, set(errores)
    return latencias, time.monotonic() - t0, respuestas


class GatewayFalso(BaseHTTPRequestHandler):
    """PayU's Queries API on loopback: approved / declined / pending by the reference's number."""

    valores: dict = {}

    def do_POST(self):
        datos = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        ref = datos["details"]["referenceCode"]
        n = int(ref.rsplit("-", 1)[-1], 16) % 3 if ref in self.valores else None
        if n is None:
            cuerpo = {"code": "SUCCESS", "error": None, "result": {"payload": None}}
        else:
            estado = ["APPROVED", "DECLINED", "PENDING"][n]
            cuerpo = {
                "code": "SUCCESS",
                "error": None,
                "result": {
                    "payload": [
                        {
                            "referenceCode": ref,
                            "transactions": [
                                {
                                    "id": f"fake-{ref}",
                                    "paymentMethod": "PSE",
                                    "transactionResponse": {"state": estado, "responseCode": estado},
                                    "additionalValues": {
                                        "TX_VALUE": {"value": float(self.valores[ref]), "currency": "COP"}
                                    },
                                }
                            ],
                        }
                    ]
                },
            }
        salida = json.dumps(cuerpo).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(salida)))
        self.end_headers()
        self.wfile.write(salida)

    def log_message(self, *args):
        pass


def conciliar(m: int, con_facturas: int) -> dict:
    """m pending transactions due now (con_facturas of them with a real invoice, so approvals apply)."""
    import secrets
    from datetime import timedelta

    from django.db import connection
    from django.utils import timezone

    from pagos.models import TransaccionPasarela
    from pagos.services_en_linea import transacciones_conciliar
    from terceros.models import Tercero

    TransaccionPasarela.objects.filter(estado="pendiente").update(proxima_consulta_en=None)
    reales = preparar(con_facturas)
    tercero = Tercero.objects.filter(numero_documento__startswith="7000").first() or reales[0].tercero
    ahora = timezone.now()
    sueltas = [
        TransaccionPasarela(
            tercero=tercero,
            pasarela="payu",
            referencia=f"AC-BENCH-{secrets.token_hex(5).upper()}",
            valor=850000,
            creada_en=ahora - timedelta(minutes=30),
            proxima_consulta_en=ahora - timedelta(minutes=1),
        )
        for _ in range(m - len(reales))
    ]
    TransaccionPasarela.objects.bulk_create(sueltas, batch_size=2000)
    TransaccionPasarela.objects.filter(pk__in=[t.pk for t in reales]).update(
        proxima_consulta_en=ahora - timedelta(minutes=1)
    )
    # The invoiced ones get an answer by their reference; the rest: PENDING/DECLINED (never APPROVED
    # without an invoice to apply to) — the hex tail picks approved/declined/pending for the others.
    valores = {t.referencia: t.valor for t in reales}
    for t in sueltas:
        if int(t.referencia.rsplit("-", 1)[-1], 16) % 3 == 0:
            continue  # would answer APPROVED: leave it unknown to PayU instead (then it stays pending)
        valores[t.referencia] = t.valor
    GatewayFalso.valores = valores
    servidor = ThreadingHTTPServer(("127.0.0.1", 0), GatewayFalso)
    threading.Thread(target=servidor.serve_forever, daemon=True).start()
    from django.conf import settings

    settings.PAYU_URL_CONSULTAS = f"http://127.0.0.1:{servidor.server_address[1]}/reports-api/4.0/service.cgi"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    # Count with a wrapper: CaptureQueriesContext keeps at most 9,000 queries (Django's queries_log).
    contador = [0]

    def contar(execute, sql, params, many, context):
        contador[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(contar):
        t0 = time.perf_counter()
        cuentas = transacciones_conciliar(ahora=ahora)
        segundos = time.perf_counter() - t0
    servidor.shutdown()
    return {"cuentas": cuentas, "segundos": segundos, "consultas": contador[0], "transacciones": m}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrentes", type=int, default=20)
    parser.add_argument("--transacciones", type=int, default=1000, help="Approvals to send (each twice).")
    parser.add_argument("--segundos", type=int, default=15, help="Per trivial-view run.")
    parser.add_argument("--workers", type=int, default=3, help="Como en el Dockerfile.")
    parser.add_argument("--puerto", type=int, default=8102)
    parser.add_argument("--pendientes", type=int, default=10_000)
    parser.add_argument("--solo", choices=["confirmaciones", "conciliar"], default=None)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ac_pasarelas_bench")
    base_de_datos(url)
    entorno = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=RAIZ, env=entorno, check=True)
    with psycopg.connect(url) as db:
        demo = db.execute("SELECT 1 FROM terceros_usuario WHERE username = 'admin'").fetchone()
    if not demo:
        subprocess.run([sys.executable, "manage.py", "cargar_demo"], cwd=RAIZ, env=entorno, check=True)
    django_listo(url)
    print(f"load average al empezar: {os.getloadavg()}")

    if args.solo != "conciliar":
        from pagos.models import EstadoTransaccion, Pago, TransaccionPasarela

        txs = preparar(args.transacciones)
        cuerpos = [cuerpo_aprobacion(t) for t in txs]
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
            env={
                **os.environ,
                **ENTORNO_PAYU,
                "DATABASE_URL": url,
                "DEBUG": "0",
                "TESTING": "1",
                "ALLOWED_HOSTS": "127.0.0.1",
                "LOG_LEVEL": "ERROR",
            },
        )
        base = f"http://127.0.0.1:{args.puerto}"
        try:
            for _ in range(150):
                try:
                    requests.get(base + "/gestion/ingresar/", timeout=10)
                    break
                except requests.RequestException:
                    time.sleep(0.2)
            staff = [ingresar(base) for _ in range(args.concurrentes)]
            for s in staff:
                s.get(base + "/gestion/configuraciones/", timeout=30)
            filas = [
                resumen(
                    "trivial: /gestion/configuraciones/",
                    carga_trivial(staff, base, args.segundos),
                    args.segundos,
                )
            ]
            latencias, segundos, respuestas = carga_confirmaciones(cuerpos, base, args.concurrentes)
            filas.append(resumen("confirmación PayU (POST, cada una x2)", latencias, segundos))
            filas.append(
                resumen("trivial (otra vez)", carga_trivial(staff, base, args.segundos), args.segundos)
            )
        finally:
            servidor.terminate()
            servidor.wait(timeout=30)
        print(
            f"\n{args.concurrentes} concurrentes, gunicorn {args.workers} workers, {len(txs)} aprobaciones x2"
        )
        print(f"{'vista':42} {'pet.':>6} {'pet/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
        for f in filas:
            print(
                f"{f['vista']:42} {f['peticiones']:6d} {f['rps']:7.1f} {f['p50']:8.1f} {f['p95']:8.1f} {f['p99']:8.1f}"
            )
        trivial = (filas[0]["p95"] + filas[2]["p95"]) / 2
        print(f"p95 de la confirmación = {filas[1]['p95'] / trivial:.2f} veces el de la trivial")
        print(f"respuestas: {respuestas}")
        from django.db.models import Count

        por_referencia = dict(
            Pago.objects.filter(referencia__in=[f"payu {t.referencia}" for t in txs])
            .values_list("referencia")
            .annotate(n=Count("pk"))
        )
        aprobadas = TransaccionPasarela.objects.filter(
            pk__in=[t.pk for t in txs], estado=EstadoTransaccion.APROBADA
        ).count()
        duplicados = sum(n - 1 for n in por_referencia.values() if n > 1)
        print(
            f"Pagos: {sum(por_referencia.values())} para {aprobadas} transacciones aprobadas de {len(txs)} "
            f"(transacciones con más de un Pago: {duplicados}, sin Pago: {len(txs) - len(por_referencia)})"
        )
        print(f"load average al terminar: {os.getloadavg()}")

    if args.solo != "confirmaciones":
        r = conciliar(args.pendientes, con_facturas=min(300, args.pendientes))
        print(
            f"\nconciliar: {r['transacciones']} pendientes en {r['segundos']:.1f} s "
            f"({r['segundos'] / r['transacciones'] * 1000:.2f} ms/transacción), "
            f"{r['consultas']} consultas SQL ({r['consultas'] / r['transacciones']:.2f} por transacción)"
        )
        print(f"cuentas: {r['cuentas']}")
        print(f"load average al terminar: {os.getloadavg()}")


if __name__ == "__main__":
    main()
