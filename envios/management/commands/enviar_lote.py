from django.core.management.base import BaseCommand

from envios.services import envios_enviar_lote


class Command(BaseCommand):
    help = (
        "Envía un lote de contraseñas ahora (lo mismo que la tarea programada; para instalaciones sin beat). "
        "Respeta el intervalo y el máximo por hora de la configuración; usa EMAIL_URL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limite", type=int, default=None, help="Tamaño del lote (por defecto el configurado)."
        )

    def handle(self, *args, limite, **options):
        resultado = envios_enviar_lote(limite=limite)
        self.stdout.write(
            f"Tomados: {resultado.reclamados} · Enviados: {resultado.enviados} · "
            f"Por reintentar: {resultado.reintentos} · Fallidos: {resultado.fallidos}"
        )
        if not resultado.reclamados:
            self.stdout.write(
                "Nada por enviar ahora (cola vacía, o el intervalo o el máximo por hora no lo permiten)."
            )
        for error in dict.fromkeys(resultado.errores):
            self.stderr.write(f"  {error}")
