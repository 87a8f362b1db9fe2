from django.core.management.base import BaseCommand, CommandError

from terceros.importacion import ArchivoInvalido, terceros_importar


class Command(BaseCommand):
    help = (
        "Importa terceros desde un CSV (coma o punto y coma, UTF-8) o un XLSX exportado del ERP; "
        "crea o actualiza por numero_documento y reporta cada línea rechazada."
    )

    def add_arguments(self, parser):
        parser.add_argument("archivo", help="Ruta del .csv o .xlsx")
        parser.add_argument(
            "--dry-run", action="store_true", help="Solo muestra qué pasaría; no guarda nada."
        )

    def handle(self, *args, archivo, dry_run, **options):
        try:
            r = terceros_importar(ruta=archivo, simulacion=dry_run)
        except ArchivoInvalido as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Archivo: {archivo} ({r.formato})")
        if r.columnas_ignoradas:
            self.stdout.write(f"Columnas ignoradas: {', '.join(r.columnas_ignoradas)}")
        self.stdout.write(
            f"{'Simulación: ' if dry_run else ''}creados: {r.creados}, actualizados: {r.actualizados}, "
            f"sin cambios: {r.sin_cambios}, rechazados: {len(r.rechazados)}"
        )
        for rechazo in r.rechazados:
            self.stdout.write(self.style.WARNING(f"  Línea {rechazo.linea}: {rechazo.motivo}"))
        if dry_run:
            self.stdout.write("Simulación (--dry-run): no se guardó ningún cambio.")
        elif not r.rechazados:
            self.stdout.write(self.style.SUCCESS("Importación completa."))
