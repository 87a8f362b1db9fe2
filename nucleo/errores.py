"""The one base for refused operations; each app subclasses it directly (siblings, not a chain)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError


class OperacionRechazada(ValidationError):
    """A refused operation, with a Spanish message the user can act on.

    Services raise an app's subclass; views and forms catch this base to show the message, and
    batch commands catch it per item to keep going.
    """


@dataclass(frozen=True)
class Rechazo:
    """One item a batch refused: which contract (or other object), which period, and why."""

    objeto: str
    periodo: date | None
    motivo: str

    def __str__(self) -> str:
        periodo = f" {self.periodo:%Y-%m}" if self.periodo else ""
        return f"{self.objeto}{periodo}: {self.motivo}"


def motivo(exc: ValidationError) -> str:
    """The refusal's messages as one line."""
    return " ".join(exc.messages)
