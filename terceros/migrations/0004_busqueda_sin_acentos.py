"""Accent- and case-insensitive tercero search (terceros.busqueda).

PostgreSQL: the unaccent extension, an IMMUTABLE wrapper (unaccent() itself is only STABLE, so it
cannot appear in a generated column or an index), the generated column `busqueda` and its pg_trgm
GIN index, which replaces 0002's index on UPPER(names). SQLite: only the column.
"""

from django.db import migrations, models

import terceros.busqueda

FUNCION = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
"""
BORRAR_FUNCION = "DROP FUNCTION IF EXISTS immutable_unaccent(text);"

INDICE_VIEJO = """
CREATE INDEX IF NOT EXISTS tercero_busqueda_trgm ON terceros_tercero USING gin (
    (UPPER("terceros_tercero"."nombres" || ' ' || "terceros_tercero"."apellidos" || ' '
     || "terceros_tercero"."razon_social" || ' ' || "terceros_tercero"."codigo_cliente")) gin_trgm_ops
);
"""
INDICE_NUEVO = "CREATE INDEX tercero_busqueda_trgm ON terceros_tercero USING gin (busqueda gin_trgm_ops);"
BORRAR_INDICE = "DROP INDEX IF EXISTS tercero_busqueda_trgm;"


def _en_postgres(*sentencias):
    def ejecutar(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sentencia in sentencias:
                schema_editor.execute(sentencia)

    return ejecutar


class Migration(migrations.Migration):
    dependencies = [("terceros", "0003_eventoauditoria_a_nucleo")]

    operations = [
        migrations.RunPython(
            _en_postgres(FUNCION, BORRAR_INDICE), _en_postgres(BORRAR_FUNCION, INDICE_VIEJO), elidable=False
        ),
        migrations.AddField(
            model_name="tercero",
            name="busqueda",
            field=models.GeneratedField(
                db_persist=True,
                expression=terceros.busqueda.TextoBusqueda(
                    "numero_documento", "nombres", "apellidos", "razon_social", "codigo_cliente"
                ),
                output_field=models.TextField(),
            ),
        ),
        migrations.RunPython(_en_postgres(INDICE_NUEVO), _en_postgres(BORRAR_INDICE), elidable=False),
    ]
