"""Audit trail: one row per state change staff or clients care about.

Write with `auditoria_registrar(accion=Accion.…, mensaje=gettext_noop("… %(x)s …"), parametros=…)`:
the message id and its parameters are stored, and translated when shown. Pass `cambios`
({campo: [antes, despues]}, what `modelo_actualizar` returns) for every field a change touched.
"""

import json
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import translation

from nucleo.models import Accion, EventoAuditoria

__all__ = ["Accion", "actor_o_none", "auditoria_registrar", "cambios_entre"]


def actor_o_none(actor: AbstractBaseUser | AnonymousUser | None) -> AbstractBaseUser | None:
    """The acting user to store on a row, or None for the system or an anonymous request."""
    return actor if actor is not None and actor.is_authenticated else None


def _json(valor: Any) -> Any:
    # Decimal, dates and lazy labels become strings; lazy labels in the source language.
    with translation.override(None):
        return json.loads(json.dumps(valor, cls=DjangoJSONEncoder))


def cambios_entre(antes: dict[str, Any], despues: dict[str, Any]) -> dict[str, list[Any]]:
    """{campo: [antes, despues]} for the keys whose value differs."""
    return {campo: [antes.get(campo), valor] for campo, valor in despues.items() if antes.get(campo) != valor}


def auditoria_registrar(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    accion: Accion,
    mensaje: str = "",
    parametros: dict[str, Any] | None = None,
    objeto: models.Model | None = None,
    cambios: dict[str, list[Any]] | None = None,
    datos: dict[str, Any] | None = None,
) -> EventoAuditoria:
    """Record `accion`; `mensaje` is an untranslated message id (gettext_noop) over `parametros`."""
    datos = dict(datos or {})
    parametros = _json(parametros or {})
    if mensaje:
        datos["mensaje"] = str(mensaje)
        datos["parametros"] = parametros
    if cambios:
        datos["cambios"] = cambios
    return EventoAuditoria.objects.create(
        actor=actor_o_none(actor),
        accion=Accion(accion),
        descripcion=(str(mensaje) % parametros)[:300] if mensaje else "",
        objeto_tipo=objeto._meta.label_lower if objeto is not None else "",
        objeto_id=str(objeto.pk) if objeto is not None else "",
        datos=_json(datos),
    )
