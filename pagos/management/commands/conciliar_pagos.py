"""Ask the gateway about online payments left pending; expire abandoned attempts."""

from django.core.management.base import BaseCommand

from pagos.services_en_linea import transacciones_conciliar


class Command(BaseCommand):
    help = (
        "Consulta a la pasarela las transacciones en línea pendientes cuya próxima consulta ya venció, "
        "aplica lo que responda (como una confirmación) y expira los intentos abandonados. Antes cierra "
        "como error los mensajes de la pasarela cuyo procesamiento se interrumpió sin resultado."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limite", type=int, default=None, help="Máximo de transacciones por corrida.")

    def handle(self, *args, limite=None, **options):
        cuentas = transacciones_conciliar(limite=limite)
        self.stdout.write(
            "Consultadas {consultadas}: {aprobadas} aprobadas, {rechazadas} rechazadas, "
            "{expiradas} expiradas, {pendientes} siguen pendientes, {errores} con error. "
            "Mensajes sin resultado (procesamiento interrumpido) cerrados: {interrumpidos}.".format(**cuentas)
        )
