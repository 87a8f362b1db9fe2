"""Profile of one portal request: every SQL query with its time (and EXPLAIN ANALYZE on PostgreSQL),
template rendering time without the queries run inside it, and the rest (middleware, session, view).

Run against a database filled by `manage.py cargar_demo` + `manage.py generar_datos`:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ac_bench DEBUG=0 \
      .venv/bin/python bench/perfil_peticion.py /customerarea/facturas/ /customerarea/ --explain

In-process (Django's test client), logged in as one generated tenant; each URL is requested a few
times first (warm connection, template cache, translations), then `--repeticiones` times measured.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TESTING", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rutas", nargs="+")
    parser.add_argument("--documento", default="900000000", help="Usuario del portal (tercero generado).")
    parser.add_argument("--staff", default="", help="Ingresar como este usuario de gestión en su lugar.")
    parser.add_argument("--repeticiones", type=int, default=50)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE de cada SELECT.")
    parser.add_argument("--cprofile", action="store_true", help="Las 25 funciones más costosas.")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.template import base as plantilla_base
    from django.test import Client

    from terceros.models import Usuario

    # No setup_test_environment(): its instrumented template rendering would dominate the profile.
    cliente = Client()
    usuario = Usuario.objects.get(username=args.staff or args.documento)
    cliente.force_login(usuario)

    # Time spent in the outermost Template.render (the page), and the queries run while it renders.
    original = plantilla_base.Template.render
    estado = {"profundidad": 0, "ms": 0.0, "sql_dentro_ms": 0.0}
    consultas: list[dict] = []  # this request's queries: sql, params, ms, whether run while rendering

    def medir_consulta(ejecutar, sql, params, many, contexto):
        t0 = time.perf_counter()
        try:
            return ejecutar(sql, params, many, contexto)
        finally:
            ms = (time.perf_counter() - t0) * 1000
            consultas.append(
                {"sql": sql, "params": params, "ms": ms, "en_plantilla": bool(estado["profundidad"])}
            )
            if estado["profundidad"]:
                estado["sql_dentro_ms"] += ms

    def render_medido(self, context):
        if estado["profundidad"]:
            return original(self, context)
        estado["profundidad"] += 1
        t0 = time.perf_counter()
        try:
            return original(self, context)
        finally:
            estado["ms"] += (time.perf_counter() - t0) * 1000
            estado["profundidad"] -= 1

    plantilla_base.Template.render = render_medido

    for ruta in args.rutas:
        for _ in range(5):
            r = cliente.get(ruta)
            assert r.status_code == 200, (ruta, r.status_code, r.headers.get("Location"))
        totales, plantillas, sql, cpu = [], [], [], []
        for _ in range(args.repeticiones):
            estado.update(ms=0.0, sql_dentro_ms=0.0)
            consultas.clear()
            with connection.execute_wrapper(medir_consulta):
                t0, c0 = time.perf_counter(), time.process_time()
                respuesta = cliente.get(ruta)
                totales.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
            assert respuesta.status_code == 200
            sql_ms = sum(q["ms"] for q in consultas)
            sql.append(sql_ms)
            # Template time minus the SQL its lazy querysets ran while rendering.
            plantillas.append(estado["ms"] - estado["sql_dentro_ms"])
        print(f"\n=== {ruta}  ({args.repeticiones} peticiones, {len(respuesta.content):,} bytes)")
        print(
            f"total p50 {statistics.median(totales):.2f} ms (CPU de este proceso p50 {statistics.median(cpu):.2f} ms, "
            f"lo menos sensible a la carga de la máquina); SQL p50 {statistics.median(sql):.2f} ms "
            f"({len(consultas)} consultas); plantilla sin SQL p50 {statistics.median(plantillas):.2f} ms; "
            f"resto (middleware, sesión, vista, cliente de pruebas) "
            f"{statistics.median(totales) - statistics.median(sql) - statistics.median(plantillas):.2f} ms"
        )
        print("  (última petición; * = ejecutada mientras se renderizaba la plantilla)")
        for i, q in enumerate(consultas, 1):
            marca = "*" if q["en_plantilla"] else " "
            print(f"  {i:2d}.{marca}{q['ms']:6.2f} ms  {q['sql'][:400]}")
            if (
                args.explain
                and connection.vendor == "postgresql"
                and q["sql"].lstrip().upper().startswith("SELECT")
            ):
                with connection.cursor() as c:
                    c.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"], q["params"])
                    for (linea,) in c.fetchall():
                        print("        " + linea)
        if args.cprofile:
            import cProfile
            import pstats

            perfil = cProfile.Profile(time.process_time)  # CPU time: waiting on the database is not ours
            perfil.enable()
            for _ in range(args.repeticiones):
                cliente.get(ruta)
            perfil.disable()
            pstats.Stats(perfil).sort_stats("cumulative").print_stats(60)


if __name__ == "__main__":
    main()
