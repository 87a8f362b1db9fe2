"""Portal writes: passwords, profile, consent, reset requests. Keyword-only, typed, transactional."""

import hashlib
import logging

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from envios.services import claves_temporales_anular
from nucleo.auditoria import Accion, auditoria_registrar
from nucleo.email import correo_crear
from nucleo.errores import OperacionRechazada
from nucleo.limites import limite_contar
from nucleo.modelos import modelo_actualizar
from nucleo.tareas import tarea_encolar_al_confirmar
from nucleo.tokens import recuperar_contrasena_token
from terceros.models import Tercero, Usuario
from terceros.selectors import marca_correo
from terceros.services import portal_usuario_sincronizar

logger = logging.getLogger(__name__)


def _contrasena_guardar(*, usuario: Usuario, contrasena: str) -> None:
    """The client chose their own password: it replaces every temporary one still open."""
    usuario.set_password(contrasena)
    # The new hash invalidates every other session (session auth hash) and every link issued
    # before now; last_login takes part in the links' hash too.
    usuario.last_login = timezone.now()
    usuario.save(update_fields=["password", "last_login"])
    claves_temporales_anular(usuario=usuario)


class EnlaceUsado(OperacionRechazada):
    """The signed link was used (or expired) since the page checked it."""


@transaction.atomic
def contrasena_por_enlace(
    *, usuario: Usuario, contrasena: str, token: str, generador: PasswordResetTokenGenerator
) -> Usuario:
    """The client chose a password through a signed link: a permanent password, link spent.

    The link is checked again under the user's row lock: of simultaneous submissions of one
    link, the first saves and spends it, the others find it spent (EnlaceUsado).
    """
    usuario = Usuario.objects.select_for_update().get(pk=usuario.pk)
    if not generador.check_token(usuario, token):
        raise EnlaceUsado(
            _(
                "El enlace ya fue usado o venció. Solicite uno nuevo desde «¿Olvidó su contraseña?» o pida "
                "a la inmobiliaria que le envíe el acceso de nuevo."
            ),
            code="enlace_usado",
        )
    _contrasena_guardar(usuario=usuario, contrasena=contrasena)
    # Whoever holds the link owns the mailbox on file: lift any login lockout for this document.
    axes_reset(username=usuario.username)
    auditoria_registrar(
        actor=usuario,
        accion=Accion.PORTAL_CONTRASENA_POR_ENLACE,
        objeto=usuario.tercero,
        mensaje=gettext_noop("%(tercero)s eligió su contraseña con el enlace"),
        parametros={"tercero": str(usuario.tercero)},
    )
    return usuario


@transaction.atomic
def contrasena_cambiar(*, usuario: Usuario, contrasena: str, era_temporal: bool = False) -> Usuario:
    """The logged-in client changed their password (forced after a temporary one, or by choice)."""
    _contrasena_guardar(usuario=usuario, contrasena=contrasena)
    auditoria_registrar(
        actor=usuario,
        accion=Accion.PORTAL_CONTRASENA_CAMBIADA,
        objeto=usuario.tercero,
        mensaje=gettext_noop("%(tercero)s cambió su contraseña"),
        parametros={"tercero": str(usuario.tercero)},
        datos={"era_temporal": era_temporal},
    )
    return usuario


@transaction.atomic
def perfil_actualizar(
    *,
    tercero: Tercero,
    actor: Usuario,
    telefono: str,
    celular: str,
    email: str,
    direccion: str,
) -> list[str]:
    """Save the client's contact data; only these four fields. Returns the names that changed."""
    nuevos = {"telefono": telefono, "celular": celular, "email": email, "direccion": direccion}
    cambiados = modelo_actualizar(tercero, campos=nuevos)
    if not cambiados:
        return []
    if "email" in cambiados:
        portal_usuario_sincronizar(tercero=tercero)
    auditoria_registrar(
        actor=actor,
        accion=Accion.PORTAL_PERFIL_ACTUALIZADO,
        objeto=tercero,
        mensaje=gettext_noop("%(tercero)s actualizó sus datos de contacto"),
        parametros={"tercero": str(tercero)},
        cambios=cambiados,
    )
    return list(cambiados)


@transaction.atomic
def habeas_data_aceptar(*, tercero: Tercero, actor: Usuario, ip: str = "") -> Tercero:
    """Record the client's consent to personal-data processing (Ley 1581 de 2012) once."""
    tercero = Tercero.objects.select_for_update().get(pk=tercero.pk)
    if tercero.habeas_data_aceptado_en is not None:
        return tercero
    tercero.habeas_data_aceptado_en = timezone.now()
    tercero.save(update_fields=["habeas_data_aceptado_en", "actualizado_en"])
    auditoria_registrar(
        actor=actor,
        accion=Accion.PORTAL_HABEAS_DATA_ACEPTADO,
        objeto=tercero,
        mensaje=gettext_noop("%(tercero)s autorizó el tratamiento de sus datos personales"),
        parametros={"tercero": str(tercero)},
        cambios={"habeas_data_aceptado_en": [None, tercero.habeas_data_aceptado_en]},
        datos={"ip": ip, "fecha": tercero.habeas_data_aceptado_en.isoformat()},
    )
    return tercero


def recuperacion_solicitar(*, numero_documento: str, ip: str) -> bool:
    """Queue a reset email if the document belongs to an active portal client with an email.

    The caller shows the same answer either way. Throttled per document and per IP (cache).
    Returns True when an email was queued (for tests and logs, never for the page).
    """
    huella = hashlib.sha256(numero_documento.encode()).hexdigest()[:32]
    permitido_doc = limite_contar(
        f"recuperar:doc:{huella}", limite=settings.RECUPERAR_MAX_POR_DOCUMENTO, segundos=3600
    )
    permitido_ip = limite_contar(f"recuperar:ip:{ip}", limite=settings.RECUPERAR_MAX_POR_IP, segundos=3600)
    if not (permitido_doc and permitido_ip):
        logger.info("Recuperación de contraseña limitada (documento o IP con demasiadas solicitudes).")
        return False
    tercero = (
        Tercero.objects.select_related("usuario")
        .filter(
            numero_documento=numero_documento,
            usuario__is_active=True,
            usuario__is_staff=False,
        )
        .exclude(email="")
        .first()
    )
    if tercero is None:
        return False
    from area_clientes.tasks import recuperacion_enviar

    usuario_id = tercero.usuario_id
    # No broker: the client sees the same page; the failure is logged and audited for staff.
    tarea_encolar_al_confirmar(
        recuperacion_enviar,
        usuario_id,
        si_falla=lambda exc: recuperacion_fallo_registrar(
            usuario_id=usuario_id, motivo=type(exc).__name__, intentos=0
        ),
    )
    return True


def recuperacion_correo_enviar(*, usuario_id: int) -> bool:
    """Build a fresh signed link and email it to the address on file. Called by the task."""
    usuario = (
        Usuario.objects.select_related("tercero")
        .filter(pk=usuario_id, is_active=True, is_staff=False, tercero__isnull=False)
        .first()
    )
    if usuario is None or not usuario.tercero.email:
        return False
    tercero = usuario.tercero
    enlace = settings.SITE_URL.rstrip("/") + reverse(
        "area_clientes:recuperar_confirmar",
        args=[urlsafe_base64_encode(force_bytes(usuario.pk)), recuperar_contrasena_token.make_token(usuario)],
    )
    mensaje = correo_crear(
        plantilla="area_clientes/recuperar_contrasena",
        contexto={"tercero": tercero, "enlace": enlace, "horas": settings.RECUPERAR_CONTRASENA_HORAS},
        para=tercero.email,
        marca=marca_correo(),
    )
    mensaje.send()
    auditoria_registrar(
        actor=None,
        accion=Accion.PORTAL_RECUPERACION_ENVIADA,
        objeto=tercero,
        mensaje=gettext_noop("Enlace de recuperación enviado a %(tercero)s"),
        parametros={"tercero": str(tercero)},
    )
    return True


def recuperacion_fallo_registrar(*, usuario_id: int, motivo: str, intentos: int) -> None:
    """The reset email could not be sent after every retry: log it and audit it (never the link)."""
    logger.error(
        "Recuperación de contraseña: el correo al usuario %s no salió tras %s intentos (%s).",
        usuario_id,
        intentos,
        motivo,
    )
    tercero = Tercero.objects.filter(usuario_id=usuario_id).first()
    auditoria_registrar(
        actor=None,
        accion=Accion.PORTAL_RECUPERACION_FALLIDA,
        objeto=tercero,
        mensaje=gettext_noop("El enlace de recuperación para %(tercero)s no se pudo enviar"),
        parametros={"tercero": str(tercero or "")},
        datos={"motivo": motivo, "intentos": intentos},
    )
