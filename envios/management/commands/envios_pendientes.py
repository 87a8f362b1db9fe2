from django.core.management.base import BaseCommand

from envios.models import EstadoEnvio
from envios.selectors import configuracion_leer, envios_conteo_por_estado, envios_fallidos_recientes


class Command(BaseCommand):
    help = "Estado de la cola de envío de contraseñas: cuántos por estado y los últimos fallidos."

    def handle(self, *args, **options):
        conteo = envios_conteo_por_estado()
        for estado in EstadoEnvio.values:
            self.stdout.write(f"{estado:<10} {conteo[estado]}")
        config = configuracion_leer()
        self.stdout.write(
            f"Ritmo: {config.lote} por lote cada {config.intervalo_segundos} s"
            + (f", máximo {config.max_por_hora} por hora" if config.max_por_hora else "")
            + f"; modo: {config.get_modo_entrega_display()}"
        )
        fallidos = envios_fallidos_recientes(limite=20)
        if fallidos:
            self.stdout.write("Últimos fallidos:")
            for envio in fallidos:
                self.stdout.write(
                    f"  - {envio.tercero.numero_documento} {envio.tercero.email}: {envio.ultimo_error}"
                )
