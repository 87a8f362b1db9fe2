"""Configuraciones → Módulos de integración web → Configuración de Correo: what mail goes through, and a test."""

import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nucleo.auditoria import Accion, auditoria_registrar
from nucleo.email import correo_crear
from terceros.models import Usuario
from terceros.selectors import marca_correo

BACKENDS = {
    "django.core.mail.backends.smtp.EmailBackend": "smtp",
    "django.core.mail.backends.filebased.EmailBackend": "archivos",
    "django.core.mail.backends.console.EmailBackend": "consola",
    "django.core.mail.backends.locmem.EmailBackend": "memoria",
}


@dataclass(frozen=True)
class ConfiguracionCorreo:
    """The configured backend as staff need to see it; never the password."""

    tipo: str  # smtp / archivos / consola / memoria / otro
    servidor: str
    puerto: int | None
    cifrado: str
    usuario: str
    remitente: str
    carpeta: str


def correo_configuracion() -> ConfiguracionCorreo:
    tipo = BACKENDS.get(settings.EMAIL_BACKEND, "otro")
    if getattr(settings, "EMAIL_USE_SSL", False):
        cifrado = "SSL"
    elif getattr(settings, "EMAIL_USE_TLS", False):
        cifrado = "STARTTLS"
    else:
        cifrado = ""
    return ConfiguracionCorreo(
        tipo=tipo,
        servidor=settings.EMAIL_HOST if tipo == "smtp" else "",
        puerto=settings.EMAIL_PORT if tipo == "smtp" else None,
        cifrado=cifrado if tipo == "smtp" else "",
        usuario=settings.EMAIL_HOST_USER if tipo == "smtp" else "",
        remitente=settings.DEFAULT_FROM_EMAIL,
        carpeta=str(getattr(settings, "EMAIL_FILE_PATH", "")) if tipo == "archivos" else "",
    )


class CorreoPruebaError(Exception):
    """The test email did not go out; the message says why, in Spanish."""


def correo_enviar_prueba(*, actor: Usuario) -> str:
    """Send the branded test email to the acting staff user's own address; return that address."""
    destinatario = (actor.email or "").strip()
    if not destinatario:
        raise CorreoPruebaError(
            _(
                "Su usuario no tiene correo electrónico registrado: pida a un administrador que lo agregue e intente de nuevo."
            )
        )
    mensaje = correo_crear(
        plantilla="envios/prueba",
        contexto={"usuario": actor, "configuracion": correo_configuracion()},
        para=destinatario,
        marca=marca_correo(),
    )
    try:
        mensaje.send()
    except smtplib.SMTPRecipientsRefused as exc:
        codigo, respuesta = next(iter(exc.recipients.values()))
        raise CorreoPruebaError(
            _("El servidor de correo rechazó la dirección %(email)s (%(codigo)s %(respuesta)s).")
            % {"email": destinatario, "codigo": codigo, "respuesta": _texto(respuesta)}
        ) from exc
    except smtplib.SMTPAuthenticationError as exc:
        raise CorreoPruebaError(
            _("El servidor de correo no aceptó el usuario y la contraseña configurados (%(codigo)s).")
            % {"codigo": exc.smtp_code}
        ) from exc
    except (TimeoutError, smtplib.SMTPException, OSError) as exc:
        raise CorreoPruebaError(
            _("No se pudo entregar el correo de prueba al servidor: %(error)s") % {"error": _texto(exc)}
        ) from exc
    auditoria_registrar(
        actor=actor,
        accion=Accion.CORREO_PRUEBA,
        mensaje=gettext_noop("Correo de prueba enviado a %(email)s"),
        parametros={"email": destinatario},
    )
    return destinatario


def _texto(valor) -> str:
    if isinstance(valor, bytes):
        valor = valor.decode("utf-8", "replace")
    return str(valor)[:200]
