"""Temporary passwords as a second credential (DESIGN §6).

A temporary password never replaces the client's own: it is kept hashed on a ClaveTemporal of
its send, logs in once until it expires, and is annulled only when it cannot have been
delivered (the SMTP server refused its email) or when the client chooses their own password.
So every password in an email the server may have accepted works, and so does the client's.
"""

from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from envios.models import ClaveTemporal, EnvioContrasena, MotivoAnulacion
from nucleo.auditoria import Accion, auditoria_registrar
from terceros.models import Usuario

# The session key a login with a temporary password leaves: that session must choose a password.
SESION_CLAVE_TEMPORAL = "envios_clave_temporal"


def _vigentes(*, username: str):
    return ClaveTemporal.objects.filter(
        usuario__username=username,
        usuario__is_staff=False,
        usada_en__isnull=True,
        anulada_en__isnull=True,
    )


@transaction.atomic
def clave_temporal_crear(
    *, envio: EnvioContrasena, usuario: Usuario, contrasena: str, horas: int
) -> ClaveTemporal:
    """Hash and keep the password an email is about to carry; committed before the email goes."""
    ahora = timezone.now()
    return ClaveTemporal.objects.create(
        envio=envio,
        usuario=usuario,
        clave_hash=make_password(contrasena),
        creada_en=ahora,
        expira_en=ahora + timedelta(hours=horas),
    )


def clave_temporal_rechazada(*, clave: ClaveTemporal) -> None:
    """The server answered that it did not take the email: nobody can know this password."""
    ClaveTemporal.objects.filter(pk=clave.pk, anulada_en__isnull=True).update(
        anulada_en=timezone.now(), motivo_anulacion=MotivoAnulacion.RECHAZADA
    )


def claves_temporales_anular(*, usuario: Usuario) -> int:
    """The client chose their own password: it replaces every temporary one still open."""
    return ClaveTemporal.objects.filter(
        usuario=usuario, usada_en__isnull=True, anulada_en__isnull=True
    ).update(anulada_en=timezone.now(), motivo_anulacion=MotivoAnulacion.REEMPLAZADA)


@transaction.atomic
def clave_temporal_usar(*, username: str, contrasena: str) -> ClaveTemporal | None:
    """The unexpired temporary password of `username` that matches, now spent; else None.

    Called after the own password failed (which cost one hash, a fake one for an unusable
    password or an unknown document). Adds one hash per open temporary password: none for
    most logins, so the timing of a failed attempt does not tell who has a login.
    """
    ahora = timezone.now()
    for clave in _vigentes(username=username).filter(expira_en__gt=ahora).select_related("usuario"):
        if check_password(contrasena, clave.clave_hash):
            # Single use even under two parallel logins: only one UPDATE finds it unused.
            usada = ClaveTemporal.objects.filter(pk=clave.pk, usada_en__isnull=True).update(usada_en=ahora)
            if not usada:
                return None
            auditoria_registrar(
                actor=clave.usuario,
                accion=Accion.PORTAL_INGRESO_CLAVE_TEMPORAL,
                mensaje=gettext_noop("Ingresó con la contraseña temporal de %(tercero)s"),
                parametros={"tercero": str(clave.envio.tercero)},
                objeto=clave.envio.tercero,
                datos={"clave_id": clave.pk, "envio_id": clave.envio_id},
            )
            return clave
    return None


def clave_temporal_vencida(*, username: str, contrasena: str) -> bool:
    """Whether `contrasena` is one of the login's temporary passwords that has expired (to say so)."""
    vencidas = _vigentes(username=username).filter(expira_en__lte=timezone.now()).order_by("-expira_en")
    return any(check_password(contrasena, clave.clave_hash) for clave in vencidas[:3])
