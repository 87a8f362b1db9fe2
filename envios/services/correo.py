"""The email of one send: a fresh secret (temporary password or activation link) and its message."""

import secrets
import string
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from envios.models import ClaveTemporal, ConfiguracionAreaClientes, EnvioContrasena, ModoEntrega
from envios.services.claves import clave_temporal_crear
from nucleo.tokens import activacion_token
from terceros.selectors import entidad_actual
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


def contexto_marca() -> dict:
    entidad = entidad_actual()
    base = settings.SITE_URL.rstrip("/")
    # The logo's own view, not a /media/ path: media is never served by URL.
    logo_url = base + reverse("gestion:marca_logo") if entidad.logo else ""
    return {
        "entidad": entidad,
        "logo_url": logo_url,
        "portal_url": base + reverse("area_clientes:inicio"),
        "color_primario": entidad.color_primario or "#1A4F8B",
        "color_secundario": entidad.color_secundario or "#F2A900",
    }


def _mensaje(*, plantilla: str, contexto: dict, para: str) -> EmailMultiAlternatives:
    asunto = " ".join(render_to_string(f"envios/email/{plantilla}_subject.txt", contexto).split())
    cuerpo = render_to_string(f"envios/email/{plantilla}_body.txt", contexto)
    html = render_to_string(f"envios/email/{plantilla}_body.html", contexto)
    mensaje = EmailMultiAlternatives(asunto, cuerpo, settings.DEFAULT_FROM_EMAIL, [para])
    mensaje.attach_alternative(html, "text/html")
    return mensaje


def _formato_fecha(valor: datetime) -> str:
    return timezone.localtime(valor, ZONA_COLOMBIA).strftime("%d/%m/%Y %H:%M")


def preparar(envio: EnvioContrasena, *, config: ConfiguracionAreaClientes, marca: dict) -> Preparado:
    """Make the secret now (not at click time) and the email that carries it. In a transaction.

    The client's own password is never touched: a temporary password is a second credential.
    """
    tercero = envio.tercero
    usuario = portal_usuario_asegurar(tercero=tercero)
    contexto = {**marca, "tercero": tercero, "nombre": tercero.nombre_completo, "usuario": usuario.username}
    if config.modo_entrega == ModoEntrega.ENLACE_ACTIVACION:
        uidb64 = urlsafe_base64_encode(force_bytes(usuario.pk))
        token = activacion_token.make_token(usuario)
        ruta = reverse("area_clientes:activar", args=[uidb64, token])
        contexto |= {
            "enlace": settings.SITE_URL.rstrip("/") + ruta,
            "expira": _formato_fecha(timezone.now() + timedelta(hours=settings.CONTRASENA_TEMPORAL_HORAS)),
        }
        return Preparado(_mensaje(plantilla="activacion", contexto=contexto, para=tercero.email))

    contrasena = contrasena_aleatoria()
    clave = clave_temporal_crear(
        envio=envio, usuario=usuario, contrasena=contrasena, horas=config.horas_expiracion
    )
    contexto |= {"contrasena": contrasena, "expira": _formato_fecha(clave.expira_en)}
    return Preparado(_mensaje(plantilla="contrasena", contexto=contexto, para=tercero.email), clave)
