"""Search indexes for the staff's terceros list, and the two staff groups.

On PostgreSQL: a pg_trgm GIN index on UPPER(nombres || ' ' || apellidos || ' ' || razon_social
|| ' ' || codigo_cliente) for "contains" search. Everywhere: a btree matching the list's ordering.
SQLite (the zero-setup `make run`) gets only that one; its searches work, just without trigrams.
"""

from django.db import migrations, models

GRUPOS = ["Administrador", "Auxiliar"]

# Must render exactly like terceros.selectors.BusquedaTercero, or the planner ignores the index.
# The prefix search on numero_documento uses the varchar_pattern_ops index Django already
# creates for the unique column (terceros_tercero_numero_documento_..._like).
CREAR = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS tercero_busqueda_trgm ON terceros_tercero USING gin (
    (UPPER("terceros_tercero"."nombres" || ' ' || "terceros_tercero"."apellidos" || ' '
     || "terceros_tercero"."razon_social" || ' ' || "terceros_tercero"."codigo_cliente")) gin_trgm_ops
);
"""
BORRAR = "DROP INDEX IF EXISTS tercero_busqueda_trgm;"


def crear_indices(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREAR)


def borrar_indices(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BORRAR)


def crear_grupos(apps, schema_editor):
    grupo = apps.get_model("auth", "Group")
    for nombre in GRUPOS:
        grupo.objects.get_or_create(name=nombre)


class Migration(migrations.Migration):
    dependencies = [
        ("terceros", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="tercero",
            index=models.Index(
                fields=["razon_social", "nombres", "apellidos", "id"], name="tercero_orden_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="contrato",
            index=models.Index(fields=["-fecha_inicio", "numero"], name="contrato_orden_idx"),
        ),
        migrations.RunPython(crear_indices, borrar_indices, elidable=False),
        migrations.RunPython(crear_grupos, migrations.RunPython.noop),
    ]
