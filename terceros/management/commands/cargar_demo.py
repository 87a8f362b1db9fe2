"""Load the demo agency; each app contributes its own `<app>/demo.py` with `cargar(stdout=...)`."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Dependency order: master data first, then what builds on it.
MODULOS_DEMO = ["terceros", "area_clientes", "facturacion", "pagos", "pqrs", "envios"]


class Command(BaseCommand):
    help = "Carga los datos de demostración (idempotente: se puede ejecutar varias veces)."

    def handle(self, *args, **options):
        for app in MODULOS_DEMO:
            try:
                modulo = import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            self.stdout.write(f"{app}:")
            with transaction.atomic():
                modulo.cargar(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Datos de demostración listos."))
