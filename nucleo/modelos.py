"""Model writes every app does the same way."""

from typing import Any

from django.db import models


def modelo_actualizar(instancia: models.Model, *, campos: dict[str, Any]) -> dict[str, list[Any]]:
    """Assign the values that differ and save only those fields.

    Returns what changed as {campo: [antes, despues]}, ready for the audit trail's `cambios`.
    `auto_now` fields (e.g. actualizado_en) are saved along, since update_fields would skip them.
    Nothing is written when nothing changed.
    """
    cambios = {
        campo: [getattr(instancia, campo), valor]
        for campo, valor in campos.items()
        if getattr(instancia, campo) != valor
    }
    if not cambios:
        return {}
    for campo, (_antes, despues) in cambios.items():
        setattr(instancia, campo, despues)
    automaticos = [
        f.name
        for f in instancia._meta.concrete_fields
        if getattr(f, "auto_now", False) and f.name not in cambios
    ]
    instancia.save(update_fields=[*cambios, *automaticos])
    return cambios
