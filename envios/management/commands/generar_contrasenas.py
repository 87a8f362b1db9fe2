from django.core.management.base import BaseCommand, CommandError

from envios.models import AlcanceEnvio, FiltroAplicacion, OrigenSolicitud
from envios.services import envios_generar
from nucleo.errores import OperacionRechazada
from terceros.documentos import normalizar_documento
from terceros.models import CLASES_ENVIO, Tercero


class Command(BaseCommand):
    help = (
        "Encola el envío de contraseñas del Área de Clientes (como GENERAR CONTRASEÑAS). "
        "Los correos salen por lotes con la tarea programada o con `enviar_lote`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--clase",
            required=True,
            choices=sorted(dict(CLASES_ENVIO)),
            help="Clase de tercero (ver ClaseTercero).",
        )
        parser.add_argument(
            "--todos",
            action="store_true",
            help="También a quienes ya tienen acceso al portal (por omisión, solo a quienes no lo tienen).",
        )
        grupo = parser.add_mutually_exclusive_group()
        grupo.add_argument("--solo", nargs="+", metavar="DOC", default=[], help="Solo estos documentos.")
        grupo.add_argument(
            "--excepto", nargs="+", metavar="DOC", default=[], help="Todos menos estos documentos."
        )

    def handle(self, *args, clase, solo, excepto, todos, **options):
        documentos = [normalizar_documento(d) for d in (solo or excepto)]
        encontrados = dict(
            Tercero.objects.filter(numero_documento__in=documentos).values_list("numero_documento", "pk")
        )
        faltan = [d for d in documentos if d not in encontrados]
        if faltan:
            raise CommandError(f"No hay terceros con estos documentos: {', '.join(faltan)}")
        filtro = (
            FiltroAplicacion.SOLO
            if solo
            else FiltroAplicacion.EXCEPTO
            if excepto
            else FiltroAplicacion.NINGUNO
        )
        try:
            solicitud = envios_generar(
                actor=None,
                clase=clase,
                filtro=filtro,
                seleccion=list(encontrados.values()),
                origen=OrigenSolicitud.COMANDO,
                alcance=AlcanceEnvio.TODOS if todos else AlcanceEnvio.SIN_ACCESO,
            )
        except OperacionRechazada as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS("Contraseñas generadas y listas para ser enviadas."))
        self.stdout.write(f"Encolados: {solicitud.encolados}")
        self.stdout.write(f"Ya estaban en espera: {solicitud.ya_en_cola}")
        if todos:
            self.stdout.write(f"Ya tenían acceso al portal (incluidos): {solicitud.con_acceso}")
        else:
            self.stdout.write(
                f"Ya tenían acceso al portal (no incluidos; use --todos): {solicitud.con_acceso}"
            )
        self.stdout.write(f"Sin correo electrónico válido (no encolados): {solicitud.sin_email_total}")
        for fila in solicitud.sin_email[:50]:
            self.stdout.write(f"  - {fila['tercero']} {fila['email'] or ''}".rstrip())
        if solicitud.sin_email_total > 50:
            self.stdout.write(f"  … y {solicitud.sin_email_total - 50} más")
