"""The invoice as a PDF document: its context and what makes a cached copy stale."""

from facturacion.letras import pesos_en_letras
from facturacion.models import Factura
from nucleo.pdf import pdf_cacheado
from terceros.selectors import entidad_actual

PLANTILLA_FACTURA = "facturacion/pdf/factura.html"


def factura_pdf(*, factura: Factura) -> bytes:
    """The invoice's PDF, rendered once and re-rendered only when what it shows changes."""
    entidad = entidad_actual()
    items = list(factura.items.all())
    contexto = {
        "entidad": entidad,
        "factura": factura,
        "items": items,
        "resolucion": factura.resolucion,
        "cliente": factura.tercero,
        "total_letras": pesos_en_letras(factura.total),
    }
    datos = {
        "numero": factura.numero,
        "estado": factura.estado_visible,
        "saldo": factura.saldo,
        "total": factura.total,
        "motivo": factura.motivo_anulacion,
        "cliente": [
            factura.tercero.nombre_completo,
            factura.tercero.direccion,
            factura.tercero.numero_documento,
        ],
        "items": [(i.descripcion, i.cantidad, i.valor_unitario, i.iva) for i in items],
        "entidad": [entidad.nombre, entidad.nit, str(entidad.actualizado_en)],
    }
    return pdf_cacheado(
        factura,
        plantilla=PLANTILLA_FACTURA,
        contexto=contexto,
        datos_huella=datos,
        nombre=factura.nombre_archivo,
    )
