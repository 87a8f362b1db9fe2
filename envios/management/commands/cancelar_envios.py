from django.core.management.base import BaseCommand

from envios.services import envios_cancelar_pendientes


class Command(BaseCommand):
    help = "Cancela todos los envíos de contraseñas pendientes (CANCELAR ENVIOS PENDIENTES)."

    def handle(self, *args, **options):
        cancelados = envios_cancelar_pendientes(actor=None)
        self.stdout.write(
            self.style.SUCCESS(f"Los envíos se han cancelado de manera exitosa. Cancelados: {cancelados}")
        )
