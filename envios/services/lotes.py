"""The sender: claim a batch, then send it item by item over one SMTP connection.

The state machine of an EnvioContrasena (models.EstadoEnvio), and who moves it:

    PENDIENTE --claim--> ENVIANDO --250--> ENVIADO
        ^                  |  \\--refused / line dropped--> PENDIENTE (backoff) or FALLIDO
        |                  |--worker died, claim stale--> ENVIANDO (reclaimed by another worker)
        '--cancel--> CANCELADO <--cancel-- ENVIANDO   (an email already on the wire still
                                                       records ENVIADO when accepted)

Every transition is one UPDATE fenced by the state (and by `reclamado_en` for the claim), so
two workers, a cancel and a late worker never overwrite each other.
"""

import contextlib
import logging
import smtplib
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.core.validators import validate_email
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from envios.models import ConfiguracionAreaClientes, EnvioContrasena, EstadoEnvio
from envios.services.claves import clave_temporal_rechazada
from envios.services.cola import configuracion_asegurar
from envios.services.correo import preparar
from envios.services.entrega import cerrar, desconexion, entregar, motivo_legible, rechazo_definido
from terceros.selectors import marca_correo

logger = logging.getLogger("envios.services")

BACKOFF_MAXIMO_SEGUNDOS = 3600


@dataclass
class ResultadoLote:
    reclamados: int = 0
    enviados: int = 0
    reintentos: int = 0  # back to PENDIENTE, will be retried after a backoff
    fallidos: int = 0  # FALLIDO for good
    errores: list[str] = field(default_factory=list)


def _segundos_enviando_vence() -> int:
    return settings.ENVIOS_ENVIANDO_VENCE_SEGUNDOS


def _reclamar(qs, *, ahora: datetime, cupo: int) -> list[int]:
    """Lock and take up to `cupo` rows; rows another worker holds are skipped, never waited for."""
    ids = list(qs.select_for_update(skip_locked=True).order_by("pk").values_list("pk", flat=True)[:cupo])
    if ids:
        EnvioContrasena.objects.filter(pk__in=ids).update(
            estado=EstadoEnvio.ENVIANDO, reclamado_en=ahora, intentos=F("intentos") + 1, actualizado_en=ahora
        )
    return ids


@transaction.atomic
def envios_reclamar_lote(*, limite: int | None = None) -> list[int]:
    """Claim the next batch: PENDIENTE rows that are due, and ENVIANDO rows left by a dead worker.

    Honours the agency's pace: nothing while the last batch is younger than the interval, and
    never more than the hourly cap. Commits before anything is sent.
    """
    ahora = timezone.now()
    config = configuracion_asegurar()
    cupo = limite if limite is not None else config.lote
    ritmo = bool(config.intervalo_segundos or config.max_por_hora)
    if ritmo:
        # Serialises only this short claim; sending happens after the commit.
        config = ConfiguracionAreaClientes.objects.select_for_update().get(pk=1)
        if config.ultimo_lote_en and config.intervalo_segundos:
            # Beat's ticks wander a little: allow 10 % (at most 5 s) of slack.
            holgura = min(5.0, config.intervalo_segundos * 0.1)
            if (ahora - config.ultimo_lote_en).total_seconds() < config.intervalo_segundos - holgura:
                return []
        if config.max_por_hora:
            hace_una_hora = ahora - timedelta(hours=1)
            usados = EnvioContrasena.objects.filter(
                Q(estado=EstadoEnvio.ENVIADO, enviado_en__gte=hace_una_hora) | Q(estado=EstadoEnvio.ENVIANDO)
            ).count()
            cupo = min(cupo, config.max_por_hora - usados)
    if cupo <= 0:
        return []

    vence = ahora - timedelta(seconds=_segundos_enviando_vence())
    maximo = settings.ENVIOS_MAX_INTENTOS
    # A row whose worker died on its last allowed attempt is not retried again.
    EnvioContrasena.objects.filter(
        estado=EstadoEnvio.ENVIANDO, reclamado_en__lt=vence, intentos__gte=maximo
    ).update(
        estado=EstadoEnvio.FALLIDO,
        ultimo_error=_("El envío se interrumpió sin confirmación del servidor de correo."),
        actualizado_en=ahora,
    )
    disponibles = EnvioContrasena.objects.filter(
        Q(estado=EstadoEnvio.PENDIENTE, proximo_intento_en__lte=ahora)
        | Q(estado=EstadoEnvio.ENVIANDO, reclamado_en__lt=vence)
    )
    ids = _reclamar(disponibles, ahora=ahora, cupo=cupo)
    if ids and ritmo:
        config.ultimo_lote_en = ahora
        config.save(update_fields=["ultimo_lote_en"])
    return ids


@transaction.atomic
def envios_reclamar_uno(*, envio_id: int) -> list[int]:
    """The individual send: take this one row now, whatever the pace of the batches."""
    qs = EnvioContrasena.objects.filter(pk=envio_id, estado=EstadoEnvio.PENDIENTE)
    return _reclamar(qs, ahora=timezone.now(), cupo=1)


def envios_enviar_lote(*, limite: int | None = None) -> ResultadoLote:
    """One batch (the beat task and `manage.py enviar_lote`)."""
    return envios_enviar_reclamados(ids=envios_reclamar_lote(limite=limite))


def envios_enviar_uno(*, envio_id: int) -> ResultadoLote:
    return envios_enviar_reclamados(ids=envios_reclamar_uno(envio_id=envio_id))


def _sigue_reclamado(envio: EnvioContrasena) -> bool:
    """Lock the row if it is still this worker's claim; the lock lasts while its secret is made."""
    return bool(
        EnvioContrasena.objects.select_for_update()
        .filter(pk=envio.pk, estado=EstadoEnvio.ENVIANDO, reclamado_en=envio.reclamado_en)
        .values_list("pk", flat=True)
    )


def _registrar(escribir):
    """Write an email's outcome even if the database dropped while the email was on the wire.

    The email is gone (or refused) already: losing its outcome would leave the row ENVIANDO, and
    the reclaim would send that tercero a second email. So reconnect and retry, for at most half
    the reclaim delay (past it another worker may own the row; the write's fence then matches nothing).
    """
    limite = time.monotonic() + _segundos_enviando_vence() / 2
    pausa = 0.2
    while True:
        try:
            return escribir()
        except (OperationalError, InterfaceError) as exc:
            if connection.in_atomic_block or time.monotonic() + pausa > limite:
                raise
            logger.warning("envios: la base de datos no responde (%s); se reintenta registrar el envío", exc)
            with contextlib.suppress(DatabaseError):
                connection.close()
            time.sleep(pausa)
            pausa = min(pausa * 2, 5.0)


def _marcar_enviado(envio: EnvioContrasena, *, modo: str) -> bool:
    return _registrar(lambda: _marcar_enviado_una_vez(envio, modo=modo))


def _marcar_enviado_una_vez(envio: EnvioContrasena, *, modo: str) -> bool:
    ahora = timezone.now()
    # Fenced by reclamado_en: a worker presumed dead that wakes up late cannot overwrite a reclaim.
    # A row cancelled while its email was on the wire still records that the email went out.
    return bool(
        EnvioContrasena.objects.filter(
            pk=envio.pk,
            estado__in=[EstadoEnvio.ENVIANDO, EstadoEnvio.CANCELADO],
            reclamado_en=envio.reclamado_en,
        ).update(
            estado=EstadoEnvio.ENVIADO,
            enviado_en=ahora,
            actualizado_en=ahora,
            ultimo_error="",
            modo_entrega=modo,
        )
    )


def _marcar_fallo(envio: EnvioContrasena, *, motivo: str, definitivo: bool = False) -> bool:
    """Back to PENDIENTE after a growing pause, or FALLIDO with the reason once attempts run out."""
    ahora = timezone.now()
    if definitivo or envio.intentos >= settings.ENVIOS_MAX_INTENTOS:
        cambios = {"estado": EstadoEnvio.FALLIDO}
    else:
        base = settings.ENVIOS_REINTENTO_BASE_SEGUNDOS
        espera = min(base * 2 ** (envio.intentos - 1), BACKOFF_MAXIMO_SEGUNDOS)
        cambios = {"estado": EstadoEnvio.PENDIENTE, "proximo_intento_en": ahora + timedelta(seconds=espera)}
    _registrar(
        lambda: EnvioContrasena.objects.filter(
            pk=envio.pk, estado=EstadoEnvio.ENVIANDO, reclamado_en=envio.reclamado_en
        ).update(ultimo_error=motivo, actualizado_en=ahora, **cambios)
    )
    return cambios["estado"] == EstadoEnvio.FALLIDO


def _fallo_contar(envio: EnvioContrasena, *, motivo: str, resultado: ResultadoLote, definitivo=False) -> None:
    fallido = _marcar_fallo(envio, motivo=motivo, definitivo=definitivo)
    resultado.fallidos += fallido
    resultado.reintentos += not fallido


def _liberar(envios: list[EnvioContrasena], *, motivo: str, resultado: ResultadoLote) -> None:
    """Give rows back untouched (no password made for them) when the batch cannot go on."""
    for envio in envios:
        _fallo_contar(envio, motivo=motivo, resultado=resultado)
    resultado.errores.append(motivo)


def _enviar_item(
    envio: EnvioContrasena,
    *,
    conexion,
    config: ConfiguracionAreaClientes,
    marca: dict,
    resultado: ResultadoLote,
) -> str | None:
    """Steps 1-3 for one row (see envios_enviar_reclamados). Returns why the batch must stop, if so."""
    try:
        validate_email(envio.tercero.email)
    except ValidationError:
        motivo = _("El tercero no tiene un correo electrónico válido.")
        _fallo_contar(envio, motivo=motivo, resultado=resultado, definitivo=True)
        return None
    try:
        conexion.open()
    except OSError as exc:
        # No server: release this row and the rest of the batch before making any password.
        motivo = _("No se pudo conectar con el servidor de correo (%(e)s).") % {"e": type(exc).__name__}
        logger.error("envios: %s", motivo)
        _fallo_contar(envio, motivo=motivo, resultado=resultado)
        return motivo
    with transaction.atomic():
        if not _sigue_reclamado(envio):
            # Cancelled, or this batch outlived its claim and another worker took the row back.
            logger.warning("envios: el envío %s ya no es de este proceso; no se envía", envio.pk)
            return None
        preparado = preparar(envio, config=config, marca=marca)
    try:
        entregar(conexion, preparado.mensaje)
    except (smtplib.SMTPException, OSError) as exc:
        return _entrega_fallida(envio, exc, preparado=preparado, conexion=conexion, resultado=resultado)
    if _marcar_enviado(envio, modo=config.modo_entrega):
        resultado.enviados += 1
    else:
        logger.warning("envios: el envío %s fue retomado por otro proceso", envio.pk)
    return None


def _entrega_fallida(envio, exc: Exception, *, preparado, conexion, resultado: ResultadoLote) -> str | None:
    if rechazo_definido(exc) and preparado.clave is not None:
        # Refused for sure: this password reached nobody. Any other outcome may have
        # delivered it, so it stays valid until it expires.
        _registrar(lambda: clave_temporal_rechazada(clave=preparado.clave))
    motivo = motivo_legible(exc)
    _fallo_contar(envio, motivo=motivo, resultado=resultado)
    resultado.errores.append(motivo)
    logger.warning("envios: envío %s (tercero %s) falló: %s", envio.pk, envio.tercero_id, motivo)
    cerrar(conexion)
    # The line dropped even after reconnecting: stop here, making no more passwords.
    return motivo if desconexion(exc) else None


def envios_enviar_reclamados(*, ids: list[int]) -> ResultadoLote:
    """Send the claimed rows over one SMTP connection. Runs outside any transaction.

    Order per item, and why no client is ever locked out (DESIGN §6):
    1. under the row lock, check the row is still this worker's claim (a slow worker whose row
       was reclaimed, or a cancelled row, sends nothing), then make a temporary password and
       commit its hash as a ClaveTemporal -- the client's own password is not touched;
    2. send the email;
    3. on the server's 250 the row becomes ENVIADO. On a refusal (an SMTP reply: 4xx/5xx at
       RCPT or DATA) that password is annulled, since it reached nobody. On any other outcome
       (the line dropped, a timeout) the email may have arrived, so the password stays valid
       until it expires, and the retry sends another one that works too.
    A worker that dies between 1 and 3 leaves the row ENVIANDO; another worker reclaims it
    after ENVIOS_ENVIANDO_VENCE_SEGUNDOS and sends a second, equally valid, password. The
    plain password lives only in this process's memory and in the email.
    """
    resultado = ResultadoLote(reclamados=len(ids))
    if not ids:
        return resultado
    envios = list(
        EnvioContrasena.objects.filter(pk__in=ids, estado=EstadoEnvio.ENVIANDO)
        .select_related("tercero", "tercero__usuario")
        .order_by("pk")
    )
    config = configuracion_asegurar()
    marca = marca_correo()  # read once per batch (the logo too)
    conexion = get_connection(fail_silently=False)
    try:
        for posicion, envio in enumerate(envios):
            motivo = _enviar_item(envio, conexion=conexion, config=config, marca=marca, resultado=resultado)
            if motivo is not None:
                _liberar(envios[posicion + 1 :], motivo=motivo, resultado=resultado)
                break
    finally:
        cerrar(conexion)
    logger.info(
        "envios: lote de %s: %s enviados, %s por reintentar, %s fallidos",
        resultado.reclamados,
        resultado.enviados,
        resultado.reintentos,
        resultado.fallidos,
    )
    return resultado
