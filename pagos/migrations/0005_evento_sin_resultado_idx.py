from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pagos", "0004_pasarelas_en_linea"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="eventopasarela",
            index=models.Index(
                condition=models.Q(("resultado", "")),
                fields=["recibido_en"],
                name="evento_sin_resultado_idx",
            ),
        ),
    ]
