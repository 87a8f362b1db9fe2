"""Consecutivo moves to nucleo: the table is renamed in place (counters kept), the model leaves."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pagos", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="consecutivo", table="nucleo_consecutivo"),
            ],
            state_operations=[migrations.DeleteModel(name="Consecutivo")],
        ),
    ]
