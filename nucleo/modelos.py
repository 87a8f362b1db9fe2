"""Model writes every app does the same way."""

from typing import Any

from django.db import models


def modelo_actualizar(instancia: models.Model, *, campos: dict[str, Any]) -> list[str]:
    """Assign the values that differ and save only those fields; returns the names that changed.

    `auto_now` fields (e.g. actualizado_en) are saved along, since update_fields would skip them.
    Nothing is written when nothing changed.
    """
    cambiados = [campo for campo, valor in campos.items() if getattr(instancia, campo) != valor]
    if not cambiados:
        return []
    for campo in cambiados:
        setattr(instancia, campo, campos[campo])
    automaticos = [
        f.name
        for f in instancia._meta.concrete_fields
        if getattr(f, "auto_now", False) and f.name not in cambiados
    ]
    instancia.save(update_fields=[*cambiados, *automaticos])
    return cambiados
