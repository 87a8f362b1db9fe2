"""Monthly run: rent invoices, then commission invoices and draft owner payouts for collected rent.

Lives in `pagos` because payouts (Egreso) are here and `facturacion` must not import `pagos`.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from facturacion.services import arriendos_facturar
from pagos.services import liquidar_pendientes


def periodo_valido(texto: str) -> date:
    try:
        anio, mes = (int(p) for p in texto.split("-"))
        return date(anio, mes, 1)
    except ValueError as exc:
        raise CommandError(
            f"Periodo inválido «{texto}»: use el formato AAAA-MM, por ejemplo 2026-11."
        ) from exc


class Command(BaseCommand):
    help = (
        "Emite las facturas de arrendamiento del periodo para cada contrato activo (idempotente) y "
        "liquida a los propietarios el canon recaudado: factura de comisión + egreso en borrador."
    )

    def add_arguments(self, parser):
        parser.add_argument("--periodo", required=True, help="Mes a facturar, AAAA-MM (ej. 2026-11).")
        parser.add_argument(
            "--sin-liquidar",
            action="store_true",
            help="Solo facturas de arrendamiento; no liquida propietarios.",
        )

    def handle(self, *args, **options):
        periodo = periodo_valido(options["periodo"])
        arriendos = arriendos_facturar(periodo=periodo)
        self.stdout.write(
            f"Facturas de arrendamiento {periodo:%Y-%m}: {arriendos['creadas']} emitidas, "
            f"{arriendos['existentes']} ya existían"
            + (f", {len(arriendos['rechazos'])} rechazadas" if arriendos["rechazos"] else "")
            + "."
        )
        rechazos = list(arriendos["rechazos"])
        if not options["sin_liquidar"]:
            liquidacion = liquidar_pendientes(hasta_periodo=periodo)
            self.stdout.write(
                f"Liquidaciones a propietarios: {liquidacion['egresos']} egresos en borrador, "
                f"{liquidacion['comisiones']} facturas de comisión"
                + (f", {len(liquidacion['rechazos'])} rechazadas" if liquidacion["rechazos"] else "")
                + "."
            )
            rechazos += liquidacion["rechazos"]
        if rechazos:
            for rechazo in rechazos:
                self.stderr.write(f"Contrato {rechazo}")
            # Non-zero exit for cron/CI, after everything that could be done was done.
            raise CommandError(f"{len(rechazos)} operaciones rechazadas; corrija y vuelva a ejecutar.")
