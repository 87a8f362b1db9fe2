"""Receipts, payout vouchers and the account statement as PDF documents."""

from facturacion.letras import pesos_en_letras
from nucleo.pdf import documento_pdf, pdf_cacheado
from pagos.models import Egreso, Pago
from pagos.selectors import estado_cuenta
from terceros.models import Tercero
from terceros.selectors import entidad_actual

PLANTILLA_RECIBO = "pagos/pdf/recibo.html"
PLANTILLA_EGRESO = "pagos/pdf/egreso.html"
PLANTILLA_ESTADO_CUENTA = "pagos/pdf/estado_cuenta.html"


def recibo_pdf(*, pago: Pago) -> bytes:
    """The recibo de caja; it renders once, and once more if it is annulled."""
    entidad = entidad_actual()
    aplicaciones = list(pago.aplicaciones.select_related("factura"))
    contexto = {
        "entidad": entidad,
        "pago": pago,
        "cliente": pago.tercero,
        "aplicaciones": aplicaciones,
        "valor_letras": pesos_en_letras(pago.valor),
    }
    datos = {
        "numero": pago.numero,
        "valor": pago.valor,
        "estado": [pago.estado, pago.motivo_anulacion],
        "aplicaciones": [(a.factura.numero, a.valor) for a in aplicaciones],
        "entidad": [entidad.nombre, entidad.nit, str(entidad.actualizado_en)],
    }
    return pdf_cacheado(
        pago, plantilla=PLANTILLA_RECIBO, contexto=contexto, datos_huella=datos, nombre=pago.nombre_archivo
    )


def egreso_pdf(*, egreso: Egreso) -> bytes:
    """The comprobante de egreso of a payout."""
    entidad = entidad_actual()
    contexto = {
        "entidad": entidad,
        "egreso": egreso,
        "propietario": egreso.propietario,
        "neto_letras": pesos_en_letras(egreso.neto),
    }
    datos = {
        "numero": egreso.numero,
        "estado": [egreso.estado, egreso.motivo_anulacion],
        "neto": egreso.neto,
        "fecha_pago": egreso.fecha_pago,
        "descuentos": [egreso.otros_descuentos, egreso.descripcion_descuentos],
        "entidad": [entidad.nombre, entidad.nit, str(entidad.actualizado_en)],
    }
    return pdf_cacheado(
        egreso,
        plantilla=PLANTILLA_EGRESO,
        contexto=contexto,
        datos_huella=datos,
        nombre=egreso.nombre_archivo,
    )


def estado_cuenta_pdf(*, tercero: Tercero, anio: int) -> bytes:
    """The statement changes with every movement, so it is rendered on each request."""
    return documento_pdf(
        plantilla=PLANTILLA_ESTADO_CUENTA,
        contexto={
            "entidad": entidad_actual(),
            "cliente": tercero,
            "cuenta": estado_cuenta(tercero=tercero, anio=anio),
        },
    )
