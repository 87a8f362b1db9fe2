"""EventoAuditoria (from terceros) and Consecutivo (from pagos) now belong to nucleo.

Their tables were renamed to nucleo_* by terceros 0003 and pagos 0002, so here the models are
declared without touching the database. Content types follow, so permissions granted on them
are kept (a no-op on a fresh database, where content types do not exist yet).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVIDOS = [("terceros", "eventoauditoria"), ("pagos", "consecutivo")]


def mover_tipos(apps, schema_editor):
    tipo = apps.get_model("contenttypes", "ContentType")
    for app_label, modelo in MOVIDOS:
        if not tipo.objects.filter(app_label="nucleo", model=modelo).exists():
            tipo.objects.filter(app_label=app_label, model=modelo).update(app_label="nucleo")


def devolver_tipos(apps, schema_editor):
    tipo = apps.get_model("contenttypes", "ContentType")
    for app_label, modelo in MOVIDOS:
        if not tipo.objects.filter(app_label=app_label, model=modelo).exists():
            tipo.objects.filter(app_label="nucleo", model=modelo).update(app_label=app_label)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("terceros", "0003_eventoauditoria_a_nucleo"),
        ("pagos", "0002_consecutivo_a_nucleo"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Consecutivo",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("nombre", models.CharField(max_length=30, unique=True)),
                        ("ultimo", models.PositiveIntegerField(default=0)),
                    ],
                    options={"verbose_name": "consecutivo", "verbose_name_plural": "consecutivos"},
                ),
                migrations.CreateModel(
                    name="EventoAuditoria",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("fecha", models.DateTimeField(auto_now_add=True, db_index=True)),
                        ("accion", models.CharField(db_index=True, max_length=60)),
                        ("descripcion", models.CharField(blank=True, max_length=300)),
                        ("objeto_tipo", models.CharField(blank=True, max_length=60)),
                        ("objeto_id", models.CharField(blank=True, max_length=40)),
                        ("datos", models.JSONField(blank=True, default=dict)),
                        (
                            "actor",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "evento de auditoría",
                        "verbose_name_plural": "eventos de auditoría",
                        "ordering": ["-fecha", "-pk"],
                        "indexes": [
                            models.Index(fields=["objeto_tipo", "objeto_id"], name="auditoria_objeto_idx")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(mover_tipos, devolver_tipos),
    ]
