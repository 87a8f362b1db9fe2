"""The email that carries the recibo de caja of an online payment."""

import logging

from django.core.cache import cache
from django.utils import translation

from nucleo.email import correo_crear
from pagos.documentos import recibo_pdf
from pagos.models import Pago
from terceros.selectors import marca_correo

logger = logging.getLogger("pagos.en_linea")


def recibo_en_linea_enviar(*, pago_id: int) -> bool:
    """Send it once (a redelivered task does not mail twice); False when there is nowhere to send."""
    pago = Pago.objects.select_related("tercero").get(pk=pago_id)
    destinatario = (pago.tercero.email or "").strip()
    if not destinatario:
        logger.info("Recibo %s sin correo del tercero: no se envía", pago.codigo)
        return False
    clave = f"pagos:recibo_enviado:{pago.pk}"
    if not cache.add(clave, 1, timeout=60 * 60 * 24 * 7):
        return False
    try:
        with translation.override("es"):
            transaccion = pago.transacciones_pasarela.first()
            mensaje = correo_crear(
                plantilla="pagos/recibo_en_linea",
                contexto={
                    "pago": pago,
                    "tercero": pago.tercero,
                    "transaccion": transaccion,
                    "facturas": [a.factura for a in pago.aplicaciones.select_related("factura")],
                },
                para=destinatario,
                marca=marca_correo(),
            )
            mensaje.attach(pago.nombre_archivo, recibo_pdf(pago=pago), "application/pdf")
            mensaje.send()
    except Exception:
        cache.delete(clave)
        raise
    return True
