"""Undo each fix of a past defect and check that the suite notices (`make reversiones`).

Every `tests/reversiones/NN_*.patch` reverts one fix (a minimal `git diff`) and starts with
comment lines naming what it breaks and which tests must catch it:

    # Defecto: what users hit before the fix
    # Arreglo: file:function — what the fix does
    # Prueba: tests/path/test_file.py::test_name      (one or more)
    # Base: postgres | sqlite                           (optional, default postgres)

For each patch, in a throwaway worktree of HEAD: apply it, run its tests, expect them to fail
(pytest exit code 1). A patch that no longer applies, or whose tests still pass, fails the run.
`tests/test_reversiones.py` checks in the normal suite that every patch still applies.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
CARPETA = "tests/reversiones"


@dataclass
class Reversion:
    archivo: Path
    defecto: str = ""
    arreglo: str = ""
    pruebas: list[str] = field(default_factory=list)
    base: str = "postgres"


def leer(archivo: Path) -> Reversion:
    """The header of a patch: the comment lines before its first `diff --git`."""
    rev = Reversion(archivo=archivo)
    for linea in archivo.read_text(encoding="utf-8").splitlines():
        if linea.startswith("diff --git"):
            break
        clave, _, valor = linea.removeprefix("#").partition(":")
        clave, valor = clave.strip().lower(), valor.strip()
        if clave == "defecto":
            rev.defecto = valor
        elif clave == "arreglo":
            rev.arreglo = valor
        elif clave == "prueba" and valor:
            rev.pruebas.append(valor)
        elif clave == "base" and valor:
            rev.base = valor.split()[0].lower()
    return rev


def reversiones(repo: Path) -> list[Reversion]:
    return [leer(p) for p in sorted((repo / CARPETA).glob("*.patch"))]


def git(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, check=check, capture_output=True, text=True)


def aplica(rev: Reversion, *, cwd: Path) -> tuple[bool, str]:
    r = git("apply", "--check", str(rev.archivo.resolve()), cwd=cwd, check=False)
    return r.returncode == 0, r.stderr.strip()


def _preparar(repo: Path, destino: Path) -> None:
    git("worktree", "add", "--detach", "-q", str(destino), "HEAD", cwd=repo)
    for nombre in (".venv", "node_modules"):
        if (repo / nombre).exists():
            (destino / nombre).symlink_to((repo / nombre).resolve())
    for po in destino.glob("locale/*/LC_MESSAGES/django.po"):
        subprocess.run(["msgfmt", "-o", str(po.with_suffix(".mo")), str(po)], check=True)
    (destino / "var").mkdir(exist_ok=True)


def _entorno(rev: Reversion, destino: Path, database_url: str, redis_url: str) -> dict[str, str]:
    entorno = dict(os.environ)
    if rev.base == "sqlite":
        entorno["DATABASE_URL"] = f"sqlite:///{destino}/var/reversiones.sqlite3"
        entorno["REDIS_URL"] = ""
    else:
        entorno["DATABASE_URL"] = database_url
        entorno["REDIS_URL"] = redis_url
    return entorno


def probar(
    rev: Reversion, *, destino: Path, python: str, database_url: str, redis_url: str
) -> tuple[str, str]:
    """(verdict, detail): 'atrapada' when the tests fail with the fix undone."""
    ok, error = aplica(rev, cwd=destino)
    if not ok:
        return "no aplica", error.splitlines()[0] if error else ""
    if not rev.pruebas:
        return "sin pruebas", ""
    git("apply", str(rev.archivo.resolve()), cwd=destino)
    try:
        r = subprocess.run(
            [python, "-m", "pytest", "-q", "-x", "-p", "no:randomly", "-p", "no:cacheprovider", *rev.pruebas],
            cwd=destino,
            env=_entorno(rev, destino, database_url, redis_url),
            capture_output=True,
            text=True,
        )
    finally:
        git("checkout", "-q", "--", ".", cwd=destino)
        git("clean", "-fdq", cwd=destino)
    resumen = (r.stdout.strip().splitlines() or [""])[-1]
    if r.returncode == 1:
        return "atrapada", resumen
    if r.returncode == 0:
        return "NO ATRAPADA", resumen
    return f"error (pytest {r.returncode})", resumen or r.stderr.strip()[-200:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parches", nargs="*", type=Path, help="por defecto, todos los de tests/reversiones/")
    parser.add_argument("--repo", type=Path, default=RAIZ, help="el repositorio cuyo HEAD se prueba")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL")
        or "postgres://postgres@127.0.0.1:5432/area_clientes_reversiones",
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/11"))
    args = parser.parse_args()
    repo = args.repo.resolve()
    lista = [leer(p.resolve()) for p in args.parches] if args.parches else reversiones(repo)
    python = str(repo / ".venv" / "bin" / "python")
    fallas = 0
    inicio = time.monotonic()
    print("| parche | defecto | pruebas | resultado | pytest |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="reversiones-") as tmp:
        destino = Path(tmp) / "arbol"
        _preparar(repo, destino)
        try:
            for rev in lista:
                veredicto, detalle = probar(
                    rev,
                    destino=destino,
                    python=python,
                    database_url=args.database_url,
                    redis_url=args.redis_url,
                )
                fallas += veredicto != "atrapada"
                pruebas = "<br>".join(f"`{p}`" for p in rev.pruebas)
                print(
                    f"| {rev.archivo.name} | {rev.defecto} | {pruebas} | {veredicto} | {detalle} |",
                    flush=True,
                )
        finally:
            git("worktree", "remove", "--force", str(destino), cwd=repo, check=False)
    print(
        f"\n{len(lista) - fallas} de {len(lista)} reversiones atrapadas por la suite; "
        f"{time.monotonic() - inicio:.0f} s."
    )
    return 1 if fallas else 0


if __name__ == "__main__":
    sys.exit(main())
