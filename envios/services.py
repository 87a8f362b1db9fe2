"""Portal password sends: queue, cancel, and the batch sender. Keyword-only, typed.

Queueing never hashes: the secret (temporary password or activation link) is made by the
sender, item by item, right before the email goes out.
"""

import contextlib
import logging
import secrets
import smtplib
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from envios.errores import EnviosError
from envios.models import (
    ESTADOS_ABIERTOS,
    ConfiguracionAreaClientes,
    EnvioContrasena,
    EstadoEnvio,
    FiltroAplicacion,
    ModoEntrega,
    OrigenSolicitud,
    SolicitudEnvio,
)
from envios.selectors import EMAIL_VALIDO_REGEX, terceros_candidatos
from nucleo.auditoria import Accion, actor_o_none, auditoria_registrar, cambios_entre
from nucleo.tokens import activacion_token
from terceros.models import Tercero, Usuario
from terceros.selectors import entidad_actual
from terceros.services import portal_contrasena_establecer, portal_usuario_asegurar

logger = logging.getLogger(__name__)

SIN_EMAIL_GUARDADOS = 1000  # names kept on the request for staff; the count is always exact
BACKOFF_BASE_SEGUNDOS = 60
BACKOFF_MAXIMO_SEGUNDOS = 3600
ZONA_COLOMBIA = ZoneInfo("America/Bogota")
_ALFABETO = "".join(c for c in string.ascii_letters + string.digits if c not in "0OoIl1")


# --- settings -----------------------------------------------------------------


def configuracion_asegurar() -> ConfiguracionAreaClientes:
    config, _creada = ConfiguracionAreaClientes.objects.get_or_create(
        pk=1, defaults=ConfiguracionAreaClientes.valores_por_defecto()
    )
    return config


@transaction.atomic
def configuracion_actualizar(*, actor: Usuario, datos: dict) -> ConfiguracionAreaClientes:
    """Save the agency's Área de Clientes settings (validated by ConfiguracionForm)."""
    config = configuracion_asegurar()
    campos = ["modo_entrega", "lote", "intervalo_segundos", "max_por_hora", "horas_expiracion"]
    antes = {campo: getattr(config, campo) for campo in campos}
    for campo in campos:
        setattr(config, campo, datos[campo])
    config.save(update_fields=[*campos, "actualizado_en"])
    auditoria_registrar(
        actor=actor,
        accion=Accion.ENVIOS_CONFIGURAR,
        mensaje=gettext_noop("Configuración del Área de Clientes actualizada"),
        objeto=config,
        cambios=cambios_entre(antes, {campo: datos[campo] for campo in campos}),
        datos={campo: datos[campo] for campo in campos},
    )
    return config


# --- queueing -------------------------------------------------------------------


def _encolar(*, solicitud: SolicitudEnvio, terceros) -> int:
    """One INSERT … SELECT; the partial unique index drops terceros that already have an open send."""
    sql, params = terceros.values("pk").query.sql_with_params()
    ahora = timezone.now()
    columnas = (
        "solicitud_id, tercero_id, estado, intentos, ultimo_error, modo_entrega, "
        "proximo_intento_en, creado_en, actualizado_en"
    )
    seleccion = f"SELECT %s, t.pk, %s, 0, '', '', %s, %s, %s FROM ({sql}) AS t"  # noqa: S608
    tabla = EnvioContrasena._meta.db_table
    if connection.vendor == "sqlite":
        consulta = f"INSERT OR IGNORE INTO {tabla} ({columnas}) {seleccion}"
    else:
        consulta = f"INSERT INTO {tabla} ({columnas}) {seleccion} ON CONFLICT DO NOTHING"
    with connection.cursor() as cursor:
        cursor.execute(consulta, [solicitud.pk, EstadoEnvio.PENDIENTE, ahora, ahora, ahora, *params])
        return cursor.rowcount


@transaction.atomic
def envios_generar(
    *,
    actor: Usuario | None,
    clase: str,
    filtro: str = FiltroAplicacion.NINGUNO,
    seleccion: list[int] | None = None,
    origen: str = OrigenSolicitud.MASIVO,
) -> SolicitudEnvio:
    """GENERAR CONTRASEÑAS: queue one send per targeted tercero with a valid email.

    Terceros already waiting are not queued again (a double click queues nothing more);
    terceros without a valid email are skipped and listed on the request.
    """
    seleccion = sorted({int(pk) for pk in seleccion or []})
    if filtro != FiltroAplicacion.NINGUNO and not seleccion:
        raise EnviosError(_("Seleccione al menos un tercero para el filtro."), code="seleccion_vacia")
    candidatos = terceros_candidatos(clase=clase, filtro=filtro, seleccion=seleccion)
    con_email = candidatos.filter(email__regex=EMAIL_VALIDO_REGEX)
    sin_email = candidatos.exclude(email__regex=EMAIL_VALIDO_REGEX)

    solicitud = SolicitudEnvio.objects.create(
        actor=actor_o_none(actor),
        origen=origen,
        clase=clase,
        filtro=filtro,
        seleccion=seleccion,
    )
    solicitud.encolados = _encolar(solicitud=solicitud, terceros=con_email)
    solicitud.ya_en_cola = con_email.count() - solicitud.encolados
    solicitud.sin_email_total = sin_email.count()
    filas = sin_email.order_by("numero_documento").only(
        "numero_documento", "nombres", "apellidos", "razon_social", "email"
    )[:SIN_EMAIL_GUARDADOS]
    solicitud.sin_email = [{"tercero": t.etiqueta, "email": t.email} for t in filas]
    solicitud.save(update_fields=["encolados", "ya_en_cola", "sin_email_total", "sin_email"])
    auditoria_registrar(
        actor=actor,
        accion=Accion.ENVIOS_GENERAR,
        objeto=solicitud,
        mensaje=gettext_noop("Generó %(n)s contraseñas (%(clase)s, %(filtro)s)"),
        parametros={
            "n": solicitud.encolados,
            "clase": solicitud.get_clase_display(),
            "filtro": solicitud.get_filtro_display(),
        },
        datos={
            "encolados": solicitud.encolados,
            "ya_en_cola": solicitud.ya_en_cola,
            "sin_email": solicitud.sin_email_total,
            "origen": origen,
        },
    )
    logger.info(
        "envios: solicitud %s encoló %s (ya en cola %s, sin correo %s)",
        solicitud.pk,
        solicitud.encolados,
        solicitud.ya_en_cola,
        solicitud.sin_email_total,
    )
    return solicitud


@transaction.atomic
def envios_generar_individual(*, actor: Usuario, tercero: Tercero) -> EnvioContrasena:
    """'Generar contraseña aleatoria' on the tercero's page: queue one and send it at once."""
    try:
        validate_email(tercero.email)
    except ValidationError as exc:
        raise EnviosError(
            _("%(tercero)s no tiene un correo electrónico válido. Corríjalo y vuelva a intentarlo.")
            % {"tercero": tercero.nombre_completo},
            code="sin_email",
        ) from exc
    if tercero.usuario_id and tercero.usuario.is_staff:
        raise EnviosError(
            _("Este tercero está ligado a una cuenta de personal; su clave no se cambia desde aquí."),
            code="cuenta_personal",
        )
    ahora = timezone.now()
    solicitud = SolicitudEnvio.objects.create(
        actor=actor, origen=OrigenSolicitud.INDIVIDUAL, seleccion=[tercero.pk], filtro=FiltroAplicacion.SOLO
    )
    envio = (
        EnvioContrasena.objects.select_for_update()
        .filter(tercero=tercero, estado__in=ESTADOS_ABIERTOS)
        .first()
    )
    if envio is None:
        try:
            with transaction.atomic():
                envio = EnvioContrasena.objects.create(solicitud=solicitud, tercero=tercero)
            solicitud.encolados = 1
        except IntegrityError:
            # Another click queued it a moment ago.
            envio = EnvioContrasena.objects.get(tercero=tercero, estado__in=ESTADOS_ABIERTOS)
    if envio.solicitud_id != solicitud.pk:
        solicitud.ya_en_cola = 1
        if envio.estado == EstadoEnvio.PENDIENTE:
            # Already queued by a bulk request: send it now instead of waiting for its batch.
            envio.proximo_intento_en = ahora
            envio.save(update_fields=["proximo_intento_en"])
    solicitud.save(update_fields=["encolados", "ya_en_cola"])
    auditoria_registrar(
        actor=actor,
        accion=Accion.ENVIOS_GENERAR_INDIVIDUAL,
        objeto=solicitud,
        mensaje=gettext_noop("Generó la contraseña de %(tercero)s"),
        parametros={"tercero": str(tercero)},
        datos={"tercero_id": tercero.pk, "envio_id": envio.pk, "encolados": solicitud.encolados},
    )
    from envios import tasks

    envio_id = envio.pk
    transaction.on_commit(lambda: tasks.enviar_envio.delay(envio_id))
    return envio


@transaction.atomic
def envios_cancelar_pendientes(*, actor: Usuario | None) -> int:
    """CANCELAR ENVIOS PENDIENTES: one UPDATE. Rows a worker already holds (ENVIANDO) finish;
    cancelled terceros' passwords are untouched because no secret exists before sending."""
    ahora = timezone.now()
    cancelados = EnvioContrasena.objects.filter(estado=EstadoEnvio.PENDIENTE).update(
        estado=EstadoEnvio.CANCELADO, cancelado_en=ahora, actualizado_en=ahora
    )
    auditoria_registrar(
        actor=actor,
        accion=Accion.ENVIOS_CANCELAR,
        mensaje=gettext_noop("Canceló %(n)s envíos pendientes"),
        parametros={"n": cancelados},
        datos={"cancelados": cancelados},
    )
    logger.info("envios: %s envíos pendientes cancelados", cancelados)
    return cancelados


# --- sending ----------------------------------------------------------------------


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
class _Preparado:
    """An email ready to go out, and how to undo the password change if the server says no."""

    mensaje: EmailMultiAlternatives
    usuario: Usuario
    anterior: tuple | None = None  # (hash, debe_cambiar, expira) before this attempt


def _contexto_marca() -> dict:
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


def _preparar(envio: EnvioContrasena, *, config: ConfiguracionAreaClientes, marca: dict) -> _Preparado:
    """Make the secret now (not at click time) and the email that carries it. In a transaction."""
    tercero = envio.tercero
    contexto = {**marca, "tercero": tercero, "nombre": tercero.nombre_completo}
    if config.modo_entrega == ModoEntrega.ENLACE_ACTIVACION:
        usuario = portal_usuario_asegurar(tercero=tercero)
        uidb64 = urlsafe_base64_encode(force_bytes(usuario.pk))
        token = activacion_token.make_token(usuario)
        ruta = reverse("area_clientes:activar", args=[uidb64, token])
        contexto |= {
            "usuario": usuario.username,
            "enlace": settings.SITE_URL.rstrip("/") + ruta,
            "expira": _formato_fecha(timezone.now() + timedelta(hours=settings.CONTRASENA_TEMPORAL_HORAS)),
        }
        return _Preparado(_mensaje(plantilla="activacion", contexto=contexto, para=tercero.email), usuario)

    usuario = portal_usuario_asegurar(tercero=tercero)
    # Read (and lock) the login as it is now: the batch's copy may be minutes old.
    anterior = (
        Usuario.objects.select_for_update()
        .values_list("password", "debe_cambiar_contrasena", "contrasena_expira_en")
        .get(pk=usuario.pk)
    )
    contrasena = contrasena_aleatoria()
    usuario = portal_contrasena_establecer(
        tercero=tercero, contrasena=contrasena, temporal=True, horas=config.horas_expiracion
    )
    contexto |= {
        "usuario": usuario.username,
        "contrasena": contrasena,
        "expira": _formato_fecha(usuario.contrasena_expira_en),
    }
    return _Preparado(
        _mensaje(plantilla="contrasena", contexto=contexto, para=tercero.email), usuario, anterior
    )


def _cerrar(conexion) -> None:
    with contextlib.suppress(smtplib.SMTPException, OSError):
        conexion.close()
    if hasattr(conexion, "connection"):
        conexion.connection = None


def _desconexion(exc: Exception) -> bool:
    """The line dropped (or the server said 421 'closing'): worth a new connection."""
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code == 421
    return isinstance(exc, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError)


def _entregar(conexion, mensaje: EmailMultiAlternatives) -> None:
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
            if not _desconexion(exc) or vuelta == 2:
                raise
            logger.warning("envios: conexión SMTP perdida (%s); se reabre", type(exc).__name__)
            _cerrar(conexion)


def _motivo(exc: Exception) -> str:
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


def _rechazo_definido(exc: Exception) -> bool:
    """The server answered that it did not take the message (as opposed to a line that went silent)."""
    return isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPResponseException)


def _sigue_reclamado(envio: EnvioContrasena) -> bool:
    """Lock the row if it is still this worker's claim; the lock lasts while its secret is made."""
    return bool(
        EnvioContrasena.objects.select_for_update()
        .filter(pk=envio.pk, estado=EstadoEnvio.ENVIANDO, reclamado_en=envio.reclamado_en)
        .values_list("pk", flat=True)
    )


def _marcar_enviado(envio: EnvioContrasena, *, modo: str) -> bool:
    ahora = timezone.now()
    # Fenced by reclamado_en: a worker presumed dead that wakes up late cannot overwrite a reclaim.
    return bool(
        EnvioContrasena.objects.filter(
            pk=envio.pk, estado=EstadoEnvio.ENVIANDO, reclamado_en=envio.reclamado_en
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
        espera = min(BACKOFF_BASE_SEGUNDOS * 2 ** (envio.intentos - 1), BACKOFF_MAXIMO_SEGUNDOS)
        cambios = {"estado": EstadoEnvio.PENDIENTE, "proximo_intento_en": ahora + timedelta(seconds=espera)}
    EnvioContrasena.objects.filter(
        pk=envio.pk, estado=EstadoEnvio.ENVIANDO, reclamado_en=envio.reclamado_en
    ).update(ultimo_error=motivo, actualizado_en=ahora, **cambios)
    return cambios["estado"] == EstadoEnvio.FALLIDO


def _restaurar_contrasena(preparado: _Preparado) -> None:
    """The server refused the email: put back the password the client had, unless it changed since."""
    if preparado.anterior is None:
        return
    hash_anterior, debe_cambiar, expira = preparado.anterior
    Usuario.objects.filter(pk=preparado.usuario.pk, password=preparado.usuario.password).update(
        password=hash_anterior, debe_cambiar_contrasena=debe_cambiar, contrasena_expira_en=expira
    )


def _liberar(envios: list[EnvioContrasena], *, motivo: str, resultado: ResultadoLote) -> None:
    for envio in envios:
        fallido = _marcar_fallo(envio, motivo=motivo)
        resultado.fallidos += fallido
        resultado.reintentos += not fallido
    resultado.errores.append(motivo)


def envios_enviar_reclamados(*, ids: list[int]) -> ResultadoLote:
    """Send the claimed rows over one SMTP connection. Runs outside any transaction.

    Order per item and why it keeps the invariant "the password that works is the one in the
    last email the SMTP server accepted":
    1. the new password is hashed and committed first, then
    2. the email with it is sent, then
    3. the row becomes ENVIADO only after the server's 250 for that email.
    If the server refuses the email (an SMTP reply), the previous password hash is put back,
    so whatever the last accepted email (or the client) set keeps working. If the line drops
    and the outcome is unknown, the same email is resent once on a new connection; failing
    that, the row goes back to PENDIENTE and the next attempt sets a fresh password, whose
    email then becomes the last accepted one. A worker that dies between 1 and 3 leaves the
    row ENVIANDO; it is reclaimed after ENVIOS_ENVIANDO_VENCE_SEGUNDOS and sent with a new
    password. A worker that is only slow checks before step 1, under the row lock, that the row
    is still its claim, so it never sets a password on a row another worker took back. The
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
    marca = _contexto_marca()
    conexion = get_connection(fail_silently=False)
    try:
        for posicion, envio in enumerate(envios):
            try:
                validate_email(envio.tercero.email)
            except ValidationError:
                _marcar_fallo(
                    envio, motivo=_("El tercero no tiene un correo electrónico válido."), definitivo=True
                )
                resultado.fallidos += 1
                continue
            try:
                conexion.open()
            except OSError as exc:
                # No server: release this and the rest of the batch before touching any password.
                motivo = _("No se pudo conectar con el servidor de correo (%(e)s).") % {
                    "e": type(exc).__name__
                }
                logger.error("envios: %s", motivo)
                _liberar(envios[posicion:], motivo=motivo, resultado=resultado)
                break
            with transaction.atomic():
                if not _sigue_reclamado(envio):
                    # This batch outlived its claim and another worker took the row back.
                    logger.warning("envios: el envío %s fue retomado por otro proceso; no se envía", envio.pk)
                    continue
                preparado = _preparar(envio, config=config, marca=marca)
            try:
                _entregar(conexion, preparado.mensaje)
            except (smtplib.SMTPException, OSError) as exc:
                if _rechazo_definido(exc):
                    _restaurar_contrasena(preparado)
                motivo = _motivo(exc)
                fallido = _marcar_fallo(envio, motivo=motivo)
                resultado.fallidos += fallido
                resultado.reintentos += not fallido
                resultado.errores.append(motivo)
                logger.warning("envios: envío %s (tercero %s) falló: %s", envio.pk, envio.tercero_id, motivo)
                _cerrar(conexion)
                if _desconexion(exc):
                    # The line dropped even after reconnecting: stop here, touching no more passwords.
                    _liberar(envios[posicion + 1 :], motivo=motivo, resultado=resultado)
                    break
                continue
            if _marcar_enviado(envio, modo=config.modo_entrega):
                resultado.enviados += 1
            else:
                logger.warning("envios: el envío %s fue retomado por otro proceso", envio.pk)
    finally:
        _cerrar(conexion)
    logger.info(
        "envios: lote de %s: %s enviados, %s por reintentar, %s fallidos",
        resultado.reclamados,
        resultado.enviados,
        resultado.reintentos,
        resultado.fallidos,
    )
    return resultado
