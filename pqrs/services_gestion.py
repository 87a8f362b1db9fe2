"""Staff-only writes of PQRS: the agency's settings and the daily due-date reminder.

The case actions (assign, answer, extend, …) are pqrs.services; these are what only the back-office does.
"""

import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_noop

from nucleo.auditoria import Accion, auditoria_registrar, cambios_entre
from nucleo.email import correo_crear
from pqrs.models import ConfiguracionPqrs, Pqrs
from pqrs.selectors_gestion import hoy_colombia, pqrs_vencimientos_por_asignado
from pqrs.services import pqrs_cerrar, pqrs_responder
from terceros.selectors import marca_correo

logger = logging.getLogger(__name__)

# A reminder lists at most this many PQRS per section; the link opens the rest in the inbox.
MAXIMO_EN_RECORDATORIO = 30


@transaction.atomic
def configuracion_pqrs_guardar(*, sabado_habil: bool, dias_sugerencia: int, actor) -> ConfiguracionPqrs:
    """Save the agency's PQRS settings (the singleton row), audited with what changed.

    PQRS already filed keep the calendar they were filed with (`Pqrs.sabado_habil`, `termino_dias`).
    """
    configuracion = ConfiguracionPqrs.objects.select_for_update().filter(pk=1).first() or ConfiguracionPqrs(
        pk=1
    )
    antes = {"sabado_habil": configuracion.sabado_habil, "dias_sugerencia": configuracion.dias_sugerencia}
    configuracion.sabado_habil = sabado_habil
    configuracion.dias_sugerencia = dias_sugerencia
    configuracion.save()
    cambios = cambios_entre(antes, {"sabado_habil": sabado_habil, "dias_sugerencia": dias_sugerencia})
    if cambios:
        auditoria_registrar(
            actor=actor,
            accion=Accion.PQRS_CONFIGURAR,
            objeto=configuracion,
            mensaje=(
                gettext_noop(
                    "Configuración de PQRS actualizada: sábados hábiles, %(dias)s días hábiles para sugerencias"
                )
                if sabado_habil
                else gettext_noop(
                    "Configuración de PQRS actualizada: sábados no hábiles, %(dias)s días hábiles para sugerencias"
                )
            ),
            parametros={"dias": dias_sugerencia},
            cambios=cambios,
        )
    return configuracion


def pqrs_responder_gestion(
    *,
    pqrs: Pqrs,
    texto: str,
    adjuntos: Iterable[UploadedFile] = (),
    cerrar: bool = False,
    actor,
    clave_idempotencia: UUID | None = None,
) -> Pqrs:
    """Staff's public answer, optionally closing the case in the same transaction (all or nothing).

    A repeat of the same form raises YaRegistrado before anything is answered or closed.
    """
    with transaction.atomic():
        pqrs = pqrs_responder(
            pqrs=pqrs, texto=texto, adjuntos=adjuntos, actor=actor, clave_idempotencia=clave_idempotencia
        )
        if cerrar:
            pqrs = pqrs_cerrar(pqrs=pqrs, actor=actor)
    return pqrs


@dataclass(frozen=True)
class ResultadoRecordatorios:
    enviados: int
    fallidos: int
    sin_correo: int


def _url_bandeja(vence: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{reverse('gestion:pqrs_bandeja')}?asignado=yo&vence={vence}"


def pqrs_recordatorios_enviar(*, hoy: date | None = None) -> ResultadoRecordatorios:
    """Email each assignee their PQRS due today and overdue (one email each, one SMTP connection).

    An assignee without an email address is counted and logged; a refused message is logged and
    the others still go.
    """
    hoy = hoy or hoy_colombia()
    por_usuario = pqrs_vencimientos_por_asignado(hoy)
    if not por_usuario:
        return ResultadoRecordatorios(enviados=0, fallidos=0, sin_correo=0)
    marca = marca_correo()
    enviados = fallidos = sin_correo = 0
    with mail.get_connection() as conexion, translation.override(settings.LANGUAGE_CODE):
        for usuario, casos in por_usuario.items():
            if not usuario.email:
                sin_correo += 1
                logger.warning("PQRS por vencer sin aviso: %s no tiene correo.", usuario.username)
                continue
            vencidas = [p for p in casos if p.fecha_limite < hoy]
            hoy_vencen = [p for p in casos if p.fecha_limite == hoy]
            mensaje = correo_crear(
                plantilla="pqrs/recordatorio_vencimientos",
                contexto={
                    "usuario": usuario,
                    "hoy": hoy,
                    "vencidas": vencidas[:MAXIMO_EN_RECORDATORIO],
                    "total_vencidas": len(vencidas),
                    "vencen_hoy": hoy_vencen[:MAXIMO_EN_RECORDATORIO],
                    "total_vencen_hoy": len(hoy_vencen),
                    "url_vencidas": _url_bandeja("vencidas"),
                    "url_hoy": _url_bandeja("hoy"),
                    "url_base": settings.SITE_URL.rstrip("/"),
                },
                para=usuario.email,
                marca=marca,
            )
            mensaje.connection = conexion
            try:
                mensaje.send()
            except (smtplib.SMTPException, OSError):  # one refused address must not stop the others
                fallidos += 1
                logger.exception("No se pudo enviar el recordatorio de PQRS a %s.", usuario.email)
            else:
                enviados += 1
    return ResultadoRecordatorios(enviados=enviados, fallidos=fallidos, sin_correo=sin_correo)
