"""Writes to the agency's master data. Keyword-only, typed, transactional."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from terceros.auditoria import auditoria_registrar
from terceros.models import Tercero, Usuario


@transaction.atomic
def portal_usuario_asegurar(*, tercero: Tercero) -> Usuario:
    """The tercero's portal login (username = document number), created without a usable password."""
    if tercero.usuario_id:
        return tercero.usuario
    usuario = Usuario(username=tercero.numero_documento, email=tercero.email)
    usuario.set_unusable_password()
    usuario.save()
    tercero.usuario = usuario
    tercero.save(update_fields=["usuario", "actualizado_en"])
    return usuario


@transaction.atomic
def portal_contrasena_establecer(
    *,
    tercero: Tercero,
    contrasena: str,
    temporal: bool,
    actor: Usuario | None = None,
    horas: int | None = None,
) -> Usuario:
    """Set the portal password. A temporary one expires and must be changed at first login.

    The plain password is only hashed here; it is never stored or logged.
    """
    usuario = portal_usuario_asegurar(tercero=tercero)
    usuario.set_password(contrasena)
    usuario.debe_cambiar_contrasena = temporal
    usuario.contrasena_expira_en = (
        timezone.now() + timedelta(hours=horas or settings.CONTRASENA_TEMPORAL_HORAS) if temporal else None
    )
    usuario.save(update_fields=["password", "debe_cambiar_contrasena", "contrasena_expira_en"])
    auditoria_registrar(
        actor=actor,
        accion="portal.contrasena_temporal" if temporal else "portal.contrasena_establecida",
        objeto=tercero,
        descripcion=str(tercero),
    )
    return usuario
