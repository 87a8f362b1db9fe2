"""The queue: the agency's settings, GENERAR CONTRASEÑAS (bulk and individual), CANCELAR.

Queueing never makes a secret: the temporary password or the activation link is made by the
sender (lotes.py), item by item, right before its email goes out.
"""

import logging

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from envios.errores import EnviosError
from envios.models import (
    ESTADOS_ABIERTOS,
    AlcanceEnvio,
    ConfiguracionAreaClientes,
    EnvioContrasena,
    EstadoEnvio,
    FiltroAplicacion,
    OrigenSolicitud,
    SolicitudEnvio,
)
from envios.selectors import terceros_destinatarios
from nucleo.auditoria import Accion, actor_o_none, auditoria_registrar, cambios_entre
from nucleo.tareas import tarea_encolar_al_confirmar
from terceros.models import Tercero, Usuario

logger = logging.getLogger("envios.services")

SIN_EMAIL_GUARDADOS = 1000  # names kept on the request for staff; the count is always exact


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


def _generar_registrar(*, actor: Usuario | None, solicitud: SolicitudEnvio) -> None:
    """Audit row and log line of a bulk request, with every figure staff were shown."""
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
            "alcance": solicitud.alcance,
            "con_acceso": solicitud.con_acceso,
            "origen": solicitud.origen,
        },
    )
    logger.info(
        "envios: solicitud %s encoló %s (ya en cola %s, sin correo %s)",
        solicitud.pk,
        solicitud.encolados,
        solicitud.ya_en_cola,
        solicitud.sin_email_total,
    )


@transaction.atomic
def envios_generar(
    *,
    actor: Usuario | None,
    clase: str,
    filtro: str = FiltroAplicacion.NINGUNO,
    seleccion: list[int] | None = None,
    origen: str = OrigenSolicitud.MASIVO,
    alcance: str = AlcanceEnvio.SIN_ACCESO,
) -> SolicitudEnvio:
    """GENERAR CONTRASEÑAS: queue one send per targeted tercero with a valid email.

    By default only terceros without access to the portal are targeted; `alcance=todos` also
    reaches those who log in (their own password keeps working). Terceros already waiting are
    not queued again (a double click queues nothing more); terceros without a valid email are
    skipped and listed on the request.
    """
    seleccion = sorted({int(pk) for pk in seleccion or []})
    if filtro != FiltroAplicacion.NINGUNO and not seleccion:
        raise EnviosError(_("Seleccione al menos un tercero para el filtro."), code="seleccion_vacia")
    con_email, sin_email, con_acceso = terceros_destinatarios(
        clase=clase, filtro=filtro, seleccion=seleccion, alcance=alcance
    )

    solicitud = SolicitudEnvio.objects.create(
        actor=actor_o_none(actor),
        origen=origen,
        clase=clase,
        filtro=filtro,
        seleccion=seleccion,
        alcance=alcance,
        con_acceso=con_acceso,
    )
    solicitud.encolados = _encolar(solicitud=solicitud, terceros=con_email)
    solicitud.ya_en_cola = con_email.count() - solicitud.encolados
    solicitud.sin_email_total = sin_email.count()
    filas = sin_email.order_by("numero_documento").only(
        "numero_documento", "nombres", "apellidos", "razon_social", "email"
    )[:SIN_EMAIL_GUARDADOS]
    solicitud.sin_email = [{"tercero": t.etiqueta, "email": t.email} for t in filas]
    solicitud.save(update_fields=["encolados", "ya_en_cola", "sin_email_total", "sin_email"])
    _generar_registrar(actor=actor, solicitud=solicitud)
    return solicitud


def _individual_validar(tercero: Tercero) -> None:
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


@transaction.atomic
def envios_generar_individual(*, actor: Usuario, tercero: Tercero) -> EnvioContrasena:
    """'Generar contraseña aleatoria' on the tercero's page: queue one and send it at once."""
    _individual_validar(tercero)
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

    # Without a broker the row stays PENDIENTE, due now: beat's next batch sends it.
    tarea_encolar_al_confirmar(tasks.enviar_envio, envio.pk)
    return envio


@transaction.atomic
def envios_cancelar_pendientes(*, actor: Usuario | None) -> int:
    """CANCELAR ENVIOS PENDIENTES: one UPDATE of every open row, waiting or being sent.

    Nothing is retried or reclaimed after this. An email already on the wire finishes (its row
    then says ENVIADO); temporary passwords already emailed stay valid until they expire.
    """
    ahora = timezone.now()
    cancelados = EnvioContrasena.objects.filter(estado__in=ESTADOS_ABIERTOS).update(
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
