"""The one way a selector fetches a single row: found, or 404.

Staff and portal selectors alike raise Http404 for a missing id, and portal selectors pass the
logged-in Tercero in `filtros`, so someone else's id answers 404, never 403.
"""

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404

M = TypeVar("M", bound=models.Model)


def uno_o_404(consulta: models.QuerySet[M] | models.Manager[M], **filtros) -> M:
    """The one row of `consulta` (a queryset or a manager) matching `filtros`, or Http404."""
    try:
        return consulta.get(**filtros)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
