"""Reading the stack's own database from the test (psycopg, no Django connection of its own)."""

import json
from collections import Counter

from tests.procesos import manage

ESTADOS_FINALES = {"ENVIADO", "FALLIDO", "CANCELADO"}


def sembrar(env: dict, n: int, *, lote: int | None = None) -> dict:
    salida = manage(
        env, "shell", "-c", f"from tests.fallos.escenario import sembrar; sembrar({n}, lote={lote!r})"
    )
    return json.loads(salida.strip().splitlines()[-1])


def filas(pg, base: str) -> list[dict]:
    columnas = ["id", "tercero_id", "estado", "intentos", "ultimo_error", "enviado_en", "cancelado_en"]
    datos = pg.sql(
        "SELECT id, tercero_id, estado, intentos, ultimo_error, enviado_en, cancelado_en"
        " FROM envios_enviocontrasena ORDER BY id",
        base=base,
    )
    return [dict(zip(columnas, fila, strict=True)) for fila in datos]


def estados(pg, base: str) -> Counter:
    return Counter(f["estado"] for f in filas(pg, base))


def terminados(pg, base: str, n: int) -> bool:
    return sum(v for k, v in estados(pg, base).items() if k in ESTADOS_FINALES) == n


def contrasenas(pg, base: str) -> dict[int, str]:
    return dict(pg.sql("SELECT id, password FROM terceros_usuario WHERE NOT is_staff", base=base))


def claves(pg, base: str) -> list[dict]:
    columnas = ["envio_id", "usuario_id", "anulada_en", "motivo_anulacion"]
    datos = pg.sql(
        "SELECT envio_id, usuario_id, anulada_en, motivo_anulacion FROM envios_clavetemporal ORDER BY id",
        base=base,
    )
    return [dict(zip(columnas, fila, strict=True)) for fila in datos]


def afirmar_motivos(lista: list[dict]) -> None:
    """Every row ended in a final state, and says why: when it went, when it was cancelled, or the error."""
    for f in lista:
        assert f["estado"] in ESTADOS_FINALES, f
        if f["estado"] == "ENVIADO":
            assert f["enviado_en"] is not None, f
        elif f["estado"] == "CANCELADO":
            assert f["cancelado_en"] is not None, f
        else:
            assert f["ultimo_error"].strip(), f


def recibidos_por(buzon) -> Counter:
    return Counter(rcpt for m in buzon.mensajes for rcpt in m["rcpt"])
