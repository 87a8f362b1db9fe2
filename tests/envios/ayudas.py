"""Helpers to read what the SMTP sink received and to move the queue's clock."""

import email
import re
from datetime import timedelta
from email import policy

from django.utils import timezone

from envios.models import ConfiguracionAreaClientes, EnvioContrasena


def _correo(mensaje: dict):
    # Parse bytes: 8bit UTF-8 bodies are mangled when parsed from str.
    return email.message_from_bytes(mensaje["data"].encode("utf-8"), policy=policy.default)


def texto(mensaje: dict) -> str:
    """Plain-text part of a message the sink accepted."""
    return _correo(mensaje).get_body(preferencelist=("plain",)).get_content()


def html(mensaje: dict) -> str:
    return _correo(mensaje).get_body(preferencelist=("html",)).get_content()


def asunto(mensaje: dict) -> str:
    return str(_correo(mensaje)["Subject"])


def contrasena(mensaje: dict) -> str:
    cuerpo = texto(mensaje)
    assert "Contraseña: " in cuerpo, cuerpo
    return re.search(r"Contraseña: (\S+)", cuerpo).group(1)


def enlace(mensaje: dict) -> str:
    return re.search(r"(https?://\S+/customerarea/activar/\S+/)", texto(mensaje)).group(1)


def ultimo_para(buzon, direccion: str) -> dict:
    mensajes = buzon.para(direccion)
    assert mensajes, f"no llegó ningún correo a {direccion}"
    return mensajes[-1]


def adelantar_reintentos() -> None:
    """As if the backoff pause were over."""
    EnvioContrasena.objects.update(proximo_intento_en=timezone.now() - timedelta(seconds=1))


def adelantar_intervalo() -> None:
    """As if the pause between batches were over."""
    ConfiguracionAreaClientes.objects.filter(pk=1).update(ultimo_lote_en=timezone.now() - timedelta(days=1))


def ingresa(client, usuario: str, clave: str) -> bool:
    """Log in to the portal and out again; True if the password was taken."""
    from django.urls import reverse

    client.logout()
    respuesta = client.post(reverse("area_clientes:ingresar"), {"username": usuario, "password": clave})
    client.logout()
    return respuesta.status_code == 302


def clave_temporal_dar(tercero, contrasena: str, *, horas: int = 72):
    """A temporary password as an accepted email would have left it (for portal tests)."""
    from envios.models import EstadoEnvio, OrigenSolicitud, SolicitudEnvio
    from envios.services import clave_temporal_crear
    from terceros.services import portal_usuario_asegurar

    solicitud = SolicitudEnvio.objects.create(origen=OrigenSolicitud.INDIVIDUAL)
    envio = EnvioContrasena.objects.create(solicitud=solicitud, tercero=tercero, estado=EstadoEnvio.ENVIADO)
    usuario = portal_usuario_asegurar(tercero=tercero)
    return clave_temporal_crear(envio=envio, usuario=usuario, contrasena=contrasena, horas=horas)


def en_hilo(funcion, resultados: dict, clave):
    """Run `funcion` as a second worker: its own thread and database connection."""
    import threading

    from django.db import connection

    def cuerpo():
        try:
            resultados[clave] = funcion()
        except Exception as exc:  # surfaced by the test
            resultados[clave] = exc
        finally:
            connection.close()

    hilo = threading.Thread(target=cuerpo)
    hilo.start()
    return hilo
