"""SMTP plumbing of the sender: deliver over the batch's connection, and read what went wrong.

The distinction that matters for passwords (DESIGN §6): a *refusal* (the server answered
4xx/5xx) means the email was not taken; a *dropped line* means nobody knows.
"""

import contextlib
import logging
import smtplib

from django.core.mail import EmailMultiAlternatives
from django.utils.translation import gettext as _

logger = logging.getLogger("envios.services")


def cerrar(conexion) -> None:
    with contextlib.suppress(smtplib.SMTPException, OSError):
        conexion.close()
    if hasattr(conexion, "connection"):
        conexion.connection = None


def desconexion(exc: Exception) -> bool:
    """The line dropped (or the server said 421 'closing'): worth a new connection."""
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code == 421
    return isinstance(exc, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError)


def entregar(conexion, mensaje: EmailMultiAlternatives) -> None:
    """Send over the batch's connection; if the line dropped, reopen it and send the same email once more.

    Resending the same email is safe: it carries the password that is set right now.
    """
    for vuelta in (1, 2):
        try:
            conexion.open()
            if conexion.send_messages([mensaje]) != 1:
                raise smtplib.SMTPException(_("El servidor de correo no aceptó el mensaje."))
            return
        except (smtplib.SMTPException, OSError) as exc:
            if not desconexion(exc) or vuelta == 2:
                raise
            logger.warning("envios: conexión SMTP perdida (%s); se reabre", type(exc).__name__)
            cerrar(conexion)


def motivo_legible(exc: Exception) -> str:
    """A reason staff can read; SMTP replies never contain the password."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        partes = [
            f"{codigo} {respuesta.decode('utf-8', 'replace')}"
            for codigo, respuesta in exc.recipients.values()
        ]
        texto = _("Destinatario rechazado: %(r)s") % {"r": "; ".join(partes)}
    elif isinstance(exc, smtplib.SMTPResponseException):
        respuesta = (
            exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        )
        texto = _("El servidor de correo respondió %(c)s %(r)s") % {"c": exc.smtp_code, "r": respuesta}
    elif isinstance(exc, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError):
        texto = _("Se perdió la conexión con el servidor de correo (%(e)s).") % {"e": type(exc).__name__}
    else:
        texto = f"{type(exc).__name__}: {exc}"
    return texto[:300]


def rechazo_definido(exc: Exception) -> bool:
    """The server answered that it did not take the message (as opposed to a line that went silent)."""
    return isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPResponseException)
