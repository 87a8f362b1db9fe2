"""The email of one send: a fresh secret (temporary password or activation link) and its message."""

import secrets
import string
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from envios.models import ClaveTemporal, ConfiguracionAreaClientes, EnvioContrasena, ModoEntrega
from envios.services.claves import clave_temporal_crear
from nucleo.email import Marca, correo_crear
from nucleo.tokens import activacion_token
from terceros.services import portal_usuario_asegurar

ZONA_COLOMBIA = ZoneInfo("America/Bogota")
_ALFABETO = "".join(c for c in string.ascii_letters + string.digits if c not in "0OoIl1")


def contrasena_aleatoria(longitud: int = 12) -> str:
    """Readable random password (no 0/O/o/I/l/1) with upper, lower case and digits."""
    while True:
        clave = "".join(secrets.choice(_ALFABETO) for _ in range(longitud))
        if (
            any(c.isupper() for c in clave)
            and any(c.islower() for c in clave)
            and any(c.isdigit() for c in clave)
        ):
            return clave


@dataclass
class Preparado:
    """An email ready to go out, and the temporary password it carries (None for a link)."""

    mensaje: EmailMultiAlternatives
    clave: ClaveTemporal | None = None


def _formato_fecha(valor: datetime) -> str:
    return timezone.localtime(valor, ZONA_COLOMBIA).strftime("%d/%m/%Y %H:%M")


def preparar(envio: EnvioContrasena, *, config: ConfiguracionAreaClientes, marca: Marca) -> Preparado:
    """Make the secret now (not at click time) and the email that carries it. In a transaction.

    The client's own password is never touched: a temporary password is a second credential.
    """
    tercero = envio.tercero
    usuario = portal_usuario_asegurar(tercero=tercero)
    contexto = {"tercero": tercero, "nombre": tercero.nombre_completo, "usuario": usuario.username}
    if config.modo_entrega == ModoEntrega.ENLACE_ACTIVACION:
        uidb64 = urlsafe_base64_encode(force_bytes(usuario.pk))
        token = activacion_token.make_token(usuario)
        ruta = reverse("area_clientes:activar", args=[uidb64, token])
        contexto |= {
            "enlace": settings.SITE_URL.rstrip("/") + ruta,
            "expira": _formato_fecha(timezone.now() + timedelta(hours=settings.CONTRASENA_TEMPORAL_HORAS)),
        }
        return Preparado(
            correo_crear(plantilla="envios/activacion", contexto=contexto, para=tercero.email, marca=marca)
        )

    contrasena = contrasena_aleatoria()
    clave = clave_temporal_crear(
        envio=envio, usuario=usuario, contrasena=contrasena, horas=config.horas_expiracion
    )
    contexto |= {"contrasena": contrasena, "expira": _formato_fecha(clave.expira_en)}
    return Preparado(
        correo_crear(plantilla="envios/contrasena", contexto=contexto, para=tercero.email, marca=marca), clave
    )
