"""EventoAuditoria moves to nucleo: the table is renamed in place (rows kept), the model leaves."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("terceros", "0002_busqueda_indices_grupos"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="eventoauditoria", table="nucleo_eventoauditoria"),
            ],
            state_operations=[migrations.DeleteModel(name="EventoAuditoria")],
        ),
    ]
