"""Habeas data (Ley 1581 de 2012): everything the agency holds about a client, and their requests.

`datos_del_titular(tercero)` is the JSON download; `datos_pdf` the same, readable; the requests
(rectify, update, suppress, revoke consent, or a consulta) are filed as PQRS of the legal types
DATOS_RECLAMO / DATOS_CONSULTA, so they get Ley 1581's terms and the inbox's clock.
"""

import uuid

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from area_clientes.forms_pqrs import SolicitudDatos
from facturacion.models import Factura
from nucleo.models import EventoAuditoria
from nucleo.pdf import documento_pdf
from pagos.models import Egreso, Pago
from pqrs.models import Asunto, Clasificacion, Pqrs, TipoMensaje
from pqrs.plazos import TipoLegal
from pqrs.services import pqrs_radicar
from terceros.models import Tercero
from terceros.selectors import entidad_actual

# The audit trail can be long: the latest rows are what a person can read; the count says how many.
MAXIMO_AUDITORIA = 500

TIPOS_DATOS = (TipoLegal.DATOS_CONSULTA, TipoLegal.DATOS_RECLAMO)


def _tercero(t: Tercero) -> dict:
    return {
        "tipo_documento": t.get_tipo_documento_display(),
        "numero_documento": t.numero_documento,
        "nombres": t.nombres,
        "apellidos": t.apellidos,
        "razon_social": t.razon_social,
        "email": t.email,
        "telefono": t.telefono,
        "celular": t.celular,
        "direccion": t.direccion,
        "ciudad": t.ciudad,
        "codigo_cliente": t.codigo_cliente,
        "inquilino": t.es_inquilino,
        "propietario": t.es_propietario,
        "usuario_portal": t.usuario.get_username() if t.usuario_id else "",
        "registrado_en": t.creado_en,
        "actualizado_en": t.actualizado_en,
    }


def _auditoria(tercero: Tercero):
    filtro = Q(objeto_tipo=Tercero._meta.label_lower, objeto_id=str(tercero.pk))
    if tercero.usuario_id:
        filtro |= Q(actor_id=tercero.usuario_id)
    pqrs_ids = [str(pk) for pk in tercero.pqrs.values_list("pk", flat=True)]
    if pqrs_ids:
        filtro |= Q(objeto_tipo=Pqrs._meta.label_lower, objeto_id__in=pqrs_ids)
    return EventoAuditoria.objects.filter(filtro).order_by("-fecha", "-pk")


def datos_del_titular(tercero: Tercero) -> dict:
    """Everything about `tercero`, JSON-serialisable with DjangoJSONEncoder (dates, Decimal)."""
    propiedades = list(tercero.participaciones.select_related("propiedad").order_by("propiedad__codigo"))
    contratos = list(
        tercero.contratos_como_inquilino.select_related("propiedad").order_by("-fecha_inicio", "numero")
    )
    codeudor = list(
        tercero.contratos_como_codeudor.select_related("propiedad").order_by("-fecha_inicio", "numero")
    )
    facturas = Factura.objects.filter(tercero=tercero).order_by("-fecha_emision", "-pk")
    pagos = Pago.objects.filter(tercero=tercero).order_by("-fecha", "-pk")
    egresos = (
        Egreso.objects.filter(propietario=tercero).select_related("propiedad").order_by("-periodo", "-pk")
    )
    pqrs = tercero.pqrs.prefetch_related("mensajes").order_by("-recibida_en", "-pk")
    auditoria = _auditoria(tercero)
    return {
        "generado_en": timezone.now(),
        "responsable": {"nombre": entidad_actual().nombre, "nit": entidad_actual().nit},
        "titular": _tercero(tercero),
        "autorizacion_tratamiento": {
            "ley": "Ley 1581 de 2012",
            "aceptada_en": tercero.habeas_data_aceptado_en,
            "registros": [
                {"fecha": e.fecha, "accion": e.get_accion_display(), "datos": e.datos}
                for e in auditoria.filter(accion="portal.habeas_data_aceptado")
            ],
        },
        "propiedades": [
            {
                "codigo": p.propiedad.codigo,
                "direccion": p.propiedad.direccion,
                "ciudad": p.propiedad.ciudad,
                "tipo": p.propiedad.get_tipo_display(),
                "participacion": p.participacion,
            }
            for p in propiedades
        ],
        "contratos": [
            {
                "numero": c.numero,
                "calidad": calidad,
                "propiedad": c.propiedad.direccion,
                "canon": c.canon,
                "fecha_inicio": c.fecha_inicio,
                "fecha_fin": c.fecha_fin,
                "estado": c.get_estado_display(),
            }
            for calidad, lista in ((_("Inquilino"), contratos), (_("Codeudor"), codeudor))
            for c in lista
        ],
        "facturas": [
            {
                "numero": f.numero,
                "descripcion": f.descripcion,
                "fecha_emision": f.fecha_emision,
                "fecha_vencimiento": f.fecha_vencimiento,
                "total": f.total,
                "saldo": f.saldo,
                "estado": f.get_estado_display(),
            }
            for f in facturas
        ],
        "pagos": [
            {
                "recibo": p.numero,
                "fecha": p.fecha,
                "valor": p.valor,
                "medio": p.get_metodo_display(),
                "referencia": p.referencia,
                "estado": p.get_estado_display(),
            }
            for p in pagos
        ],
        "egresos": [
            {
                "comprobante": e.numero,
                "periodo": e.periodo,
                "propiedad": e.propiedad.direccion,
                "canon_recaudado": e.canon_recaudado,
                "comision": e.comision,
                "estado": e.get_estado_display(),
            }
            for e in egresos
        ],
        "pqrs": [
            {
                "radicado": q.radicado,
                "clasificacion": q.get_clasificacion_display(),
                "tipo_legal": q.get_tipo_legal_display(),
                "asunto": q.get_asunto_display(),
                "recibida_en": q.recibida_en,
                "estado": q.get_estado_display(),
                "fecha_limite": q.fecha_limite,
                "mensajes": [
                    {"fecha": m.creado_en, "tipo": m.get_tipo_display(), "texto": m.texto}
                    for m in q.mensajes.all()
                    if m.tipo != TipoMensaje.NOTA
                ],
            }
            for q in pqrs
        ],
        "auditoria": {
            "total": auditoria.count(),
            "eventos": [
                {"fecha": e.fecha, "accion": e.get_accion_display(), "descripcion": e.descripcion_mostrada}
                for e in auditoria[:MAXIMO_AUDITORIA]
            ],
        },
    }


def datos_pdf(tercero: Tercero) -> bytes:
    """The same data as a readable PDF (rendered on each request: it changes with every record)."""
    return documento_pdf(
        plantilla="area_clientes/pdf/mis_datos.html",
        contexto={"entidad": entidad_actual(), "datos": datos_del_titular(tercero), "tercero": tercero},
    )


_SOLICITUDES = {
    SolicitudDatos.CONSULTA: (TipoLegal.DATOS_CONSULTA, Clasificacion.PETICION),
    SolicitudDatos.RECTIFICACION: (TipoLegal.DATOS_RECLAMO, Clasificacion.RECLAMO),
    SolicitudDatos.ACTUALIZACION: (TipoLegal.DATOS_RECLAMO, Clasificacion.RECLAMO),
    SolicitudDatos.SUPRESION: (TipoLegal.DATOS_RECLAMO, Clasificacion.RECLAMO),
    SolicitudDatos.REVOCATORIA: (TipoLegal.DATOS_RECLAMO, Clasificacion.RECLAMO),
}


def solicitud_radicar(
    *, tercero: Tercero, tipo: str, detalle: str, actor, clave_idempotencia: uuid.UUID | None = None
) -> Pqrs:
    """File a habeas-data request as a PQRS with Ley 1581's term (10 or 15 business days)."""
    tipo_legal, clasificacion = _SOLICITUDES[tipo]
    etiqueta = dict(SolicitudDatos.choices)[tipo]
    return pqrs_radicar(
        tercero=tercero,
        clasificacion=clasificacion,
        tipo_legal=tipo_legal,
        asunto=Asunto.JURIDICO,
        descripcion=f"{_('Datos personales')} — {etiqueta}:\n{detalle}",
        actor=actor,
        clave_idempotencia=clave_idempotencia,
    )


def solicitudes_de_datos(tercero: Tercero) -> list[Pqrs]:
    return list(tercero.pqrs.filter(tipo_legal__in=TIPOS_DATOS).order_by("-recibida_en", "-pk")[:10])
