"""Accent- and case-insensitive tercero search: one normalisation, in SQL and in Python.

`Tercero.busqueda` is a stored generated column: document, names, razón social and client code,
without accents and in lower case. The database fills it on every write (save, bulk_create,
update, imports), so no code path can forget it. On PostgreSQL it is
`lower(immutable_unaccent(...))` with a pg_trgm GIN index (migration 0004); on SQLite, which has
no unaccent, a chain of REPLACE() for the accented Latin letters. A query is normalised in Python
with `normalizar_busqueda` and compared with LIKE, so `mejia`, `MEJÍA` and `Mejia` find *Mejía*.
"""

import unicodedata

from django.db.models import Func, TextField

# The letters SQLite's REPLACE chain folds: Spanish ones and ç. PostgreSQL's unaccent folds every
# accent. (SQLite's parser refuses much deeper nesting: 16 REPLACE() is well within its limit.)
_ACENTOS = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "úü", "n": "ñ", "c": "ç"}
_PARES = [(letra, base) for base, letras in _ACENTOS.items() for letra in letras + letras.upper()]


def _plantilla_sqlite() -> str:
    plantilla = "%(expressions)s"
    for letra, base in _PARES:
        plantilla = f"REPLACE({plantilla}, '{letra}', '{base}')"
    # SQLite's LOWER() folds only ASCII, hence the REPLACE of upper-case accented letters first.
    return f"LOWER({plantilla})"


class TextoBusqueda(Func):
    """The given columns joined by spaces, without accents, in lower case."""

    arg_joiner = " || ' ' || "
    output_field = TextField()
    # unaccent before lower: lower() of a non-ASCII capital depends on the database's locale.
    template = "LOWER(immutable_unaccent(%(expressions)s))"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template=_plantilla_sqlite(), **extra_context)


def normalizar_busqueda(texto: str) -> str:
    """What the user typed, folded like `TextoBusqueda`: no accents, lower case."""
    descompuesto = unicodedata.normalize("NFD", texto)
    return "".join(c for c in descompuesto if not unicodedata.combining(c)).lower()


def limpiar_consulta(texto: str | None, *, largo: int = 100) -> str:
    """Typed search text made safe for any database: no control characters (NUL breaks
    PostgreSQL), single spaces, at most `largo` characters."""
    texto = "".join(c if c.isprintable() else " " for c in (texto or "")[: largo * 4])
    return " ".join(texto.split())[:largo]
