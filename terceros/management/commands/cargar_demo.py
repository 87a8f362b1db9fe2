"""Load the demo agency; each app contributes its own `<app>/demo.py` with `cargar(hoy=..., stdout=...)`."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

# Dependency order: master data first, then what builds on it.
MODULOS_DEMO = ["terceros", "area_clientes", "facturacion", "pagos", "pqrs", "envios"]


class Command(BaseCommand):
    help = (
        "Carga los datos de demostración (idempotente: se puede ejecutar varias veces); "
        "su historia de doce meses termina en la fecha actual."
    )

    def handle(self, *args, **options):
        # One reference date for every loader, so the story is the same on any day of the year.
        hoy = timezone.localdate()
        for app in MODULOS_DEMO:
            try:
                modulo = import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            self.stdout.write(f"{app}:")
            with transaction.atomic():
                modulo.cargar(hoy=hoy, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Datos de demostración listos (al {hoy:%d/%m/%Y})."))
