"""Audit trail: one row per state change staff or clients care about."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from nucleo.models import EventoAuditoria


def actor_o_none(actor: AbstractBaseUser | AnonymousUser | None) -> AbstractBaseUser | None:
    """The acting user to store on a row, or None for the system or an anonymous request."""
    return actor if actor is not None and actor.is_authenticated else None


def auditoria_registrar(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    accion: str,
    descripcion: str = "",
    objeto: models.Model | None = None,
    datos: dict[str, Any] | None = None,
) -> EventoAuditoria:
    return EventoAuditoria.objects.create(
        actor=actor_o_none(actor),
        accion=accion,
        descripcion=descripcion[:300],
        objeto_tipo=objeto._meta.label_lower if objeto is not None else "",
        objeto_id=str(objeto.pk) if objeto is not None else "",
        datos=datos or {},
    )
