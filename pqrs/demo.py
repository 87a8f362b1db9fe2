"""Demo PQRS: every state for the demo clients, some due soon and one overdue, relative to `hoy`.

Idempotent: once the demo clients have PQRS nothing is added. Filed through the services, so the
radicados, due dates, thread and audit rows are what a real day would leave.
"""

from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from pqrs import plazos
from pqrs.models import Asunto, Canal, Clasificacion, MensajePqrs, Pqrs
from pqrs.plazos import ZONA_COLOMBIA, TipoLegal
from pqrs.services import (
    pqrs_asignar,
    pqrs_cerrar,
    pqrs_cliente_responder,
    pqrs_nota,
    pqrs_prorrogar,
    pqrs_radicar,
    pqrs_responder,
    pqrs_solicitar_informacion,
)
from terceros.demo import PORTAL_AMBOS, PORTAL_INQUILINO, PORTAL_PROPIETARIO
from terceros.models import Tercero, Usuario

PDF_DEMO = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _habiles_antes(hoy: date, n: int) -> date:
    dia = hoy
    while n > 0:
        dia -= timedelta(days=1)
        n -= plazos.es_dia_habil(dia)
    return dia


def _momento(dia: date, hora: int = 10) -> datetime:
    return datetime.combine(dia, time(hora, 0), tzinfo=ZONA_COLOMBIA)


def _adjunto(nombre: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(nombre, PDF_DEMO, content_type="application/pdf")


def _fechar(pqrs: Pqrs, dias: list[date]) -> None:
    # The services stamp messages "now"; spread the thread over the days it would have taken.
    for mensaje, dia in zip(pqrs.mensajes.order_by("pk"), dias, strict=False):
        MensajePqrs.objects.filter(pk=mensaje.pk).update(creado_en=_momento(dia, 11))


def _radicar(tercero, *, hace: int, hoy: date, **datos) -> Pqrs:
    recibida = _habiles_antes(hoy, hace)
    datos.setdefault("fecha_inicio", recibida - timedelta(days=2))
    return pqrs_radicar(tercero=tercero, recibida_en=_momento(recibida), actor=tercero.usuario, **datos)


def cargar(*, hoy: date, stdout=None) -> dict[str, int]:
    documentos = [PORTAL_INQUILINO[0], PORTAL_PROPIETARIO[0], PORTAL_AMBOS[0]]
    clientes = {t.numero_documento: t for t in Tercero.objects.filter(numero_documento__in=documentos)}
    if len(clientes) < len(documentos) or Pqrs.objects.filter(tercero__in=clientes.values()).exists():
        if stdout is not None:
            stdout.write("  PQRS nuevas: 0")
        return {"pqrs": 0}
    inquilino, propietario, ambos = (clientes[d] for d in documentos)
    staff = Usuario.objects.filter(username="admin").first()
    auxiliar = Usuario.objects.filter(is_staff=True).exclude(pk=getattr(staff, "pk", None)).first() or staff
    contrato = inquilino.contratos_como_inquilino.select_related("propiedad").first()
    propiedad_duenio = propietario.propiedades.first()
    hace = lambda n: _habiles_antes(hoy, n)  # noqa: E731 - a short local alias

    with transaction.atomic():
        # Pendiente, filed yesterday from the portal with a photo of the damage.
        nueva = _radicar(
            inquilino,
            hace=1,
            hoy=hoy,
            clasificacion=Clasificacion.QUEJA,
            asunto=Asunto.REPARACIONES,
            descripcion="La ducha del baño principal gotea desde hace tres días y el agua se filtra al piso de abajo.",
            contrato=contrato,
            adjuntos=[_adjunto("gotera-bano.pdf")],
        )
        _fechar(nueva, [hace(1)])

        # En trámite, assigned, due in two business days (amber in the inbox).
        pronto = _radicar(
            inquilino,
            hace=13,
            hoy=hoy,
            clasificacion=Clasificacion.PETICION,
            asunto=Asunto.PAGOS,
            descripcion="Solicito el certificado de pagos del último año para presentarlo en el banco.",
            contrato=contrato,
        )
        pronto = pqrs_asignar(pqrs=pronto, usuario=auxiliar, actor=staff)
        pqrs_nota(
            pqrs=pronto,
            texto="Pedir a contabilidad el paz y salvo antes de emitir el certificado.",
            actor=auxiliar,
        )
        _fechar(pronto, [hace(13), hace(12)])

        # Vencida: a reclamo nobody answered in time (red in the inbox).
        vencida = _radicar(
            inquilino,
            hace=18,
            hoy=hoy,
            clasificacion=Clasificacion.RECLAMO,
            asunto=Asunto.SERVICIOS_PUBLICOS,
            descripcion="La factura de energía de octubre llegó con un cobro de reconexión que no corresponde.",
            contrato=contrato,
        )
        pqrs_asignar(pqrs=vencida, usuario=staff, actor=staff)

        # Esperando al cliente: staff asked for a document three days ago; the clock is stopped.
        espera = _radicar(
            inquilino,
            hace=6,
            hoy=hoy,
            clasificacion=Clasificacion.PETICION,
            asunto=Asunto.TERMINACION_CONTRATO,
            descripcion="Quiero entregar el apartamento al final del próximo mes. ¿Qué debo hacer?",
            contrato=contrato,
        )
        pqrs_asignar(pqrs=espera, usuario=staff, actor=staff)
        pqrs_solicitar_informacion(
            pqrs=espera,
            texto="Para tramitar la terminación necesitamos la carta de preaviso firmada. Puede adjuntarla aquí.",
            actor=staff,
            hoy=hace(3),
        )
        _fechar(espera, [hace(6), hace(3)])

        # Respondida, with an answer and its attachment, and a later extension notice.
        respondida = _radicar(
            propietario,
            hace=9,
            hoy=hoy,
            clasificacion=Clasificacion.PETICION,
            asunto=Asunto.PAGOS,
            descripcion="No veo reflejado el pago del canon de este mes en mi historial de ingresos.",
            propiedad=propiedad_duenio,
        )
        pqrs_asignar(pqrs=respondida, usuario=staff, actor=staff)
        pqrs_prorrogar(
            pqrs=respondida,
            motivo="Estamos verificando la consignación con el banco.",
            actor=staff,
            hoy=hace(4),
        )
        pqrs_responder(
            pqrs=respondida,
            texto="El inquilino pagó el día 6; la liquidación se confirmó ayer y ya aparece en su historial. Adjuntamos el soporte.",
            adjuntos=[_adjunto("soporte-consignacion.pdf")],
            actor=staff,
        )
        _fechar(respondida, [hace(9), hace(4), hace(1)])

        # Sugerencia pendiente, received by phone.
        sugerencia = _radicar(
            propietario,
            hace=2,
            hoy=hoy,
            clasificacion=Clasificacion.SUGERENCIA,
            asunto=Asunto.OTROS,
            descripcion="Sería útil recibir un aviso por correo cuando se confirme cada liquidación.",
            canal=Canal.TELEFONO,
        )
        _fechar(sugerencia, [hace(2)])

        # Cerrada: answered, the client thanked, closed.
        cerrada = _radicar(
            ambos,
            hace=20,
            hoy=hoy,
            clasificacion=Clasificacion.QUEJA,
            asunto=Asunto.REPARACIONES,
            descripcion="El portero no recibió el paquete del técnico de la nevera.",
        )
        pqrs_asignar(pqrs=cerrada, usuario=staff, actor=staff)
        pqrs_responder(
            pqrs=cerrada,
            texto="Hablamos con la administración del edificio; ya quedó autorizado.",
            actor=staff,
        )
        pqrs_cliente_responder(
            pqrs=cerrada, texto="Gracias, ya llegó el técnico.", actor=ambos.usuario, hoy=hace(15)
        )
        pqrs_cerrar(pqrs=cerrada, actor=staff)
        _fechar(cerrada, [hace(20), hace(16), hace(15)])

        # Habeas data: a consulta of personal data, pending (Ley 1581: 10 business days).
        datos = _radicar(
            ambos,
            hace=3,
            hoy=hoy,
            clasificacion=Clasificacion.PETICION,
            tipo_legal=TipoLegal.DATOS_CONSULTA,
            asunto=Asunto.JURIDICO,
            descripcion="Datos personales — Consultar qué datos míos tiene la agencia y cómo los usa:\n¿Con quién comparten mi número de celular?",
        )
        _fechar(datos, [hace(3)])

    total = Pqrs.objects.filter(tercero__in=clientes.values()).count()
    if stdout is not None:
        stdout.write(f"  PQRS nuevas: {total}")
    return {"pqrs": total}
