"""Queueing a Celery task from a request, after the commit, without a broker outage becoming a 500.

The database row is the truth (DESIGN §11): a task that could not be published is reported through
`si_falla` (and the log), and whatever the row says is still to do is picked up by beat's next batch.
"""

import logging
from collections.abc import Callable

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger("nucleo.tareas")


def tarea_encolar_al_confirmar(tarea, *args, si_falla: Callable[[Exception], None] | None = None) -> None:
    def encolar():
        try:
            tarea.delay(*args)
        except (OperationalError, OSError) as exc:  # Redis down; the filesystem broker's folder gone
            logger.error("tareas: no se pudo encolar %s%r: el broker no responde (%s)", tarea.name, args, exc)
            if si_falla is not None:
                si_falla(exc)

    transaction.on_commit(encolar)
