"""One record per submitted form: an idempotency key rendered into the form, checked under a lock.

The form carries a hidden UUID generated when it is rendered (`FormularioIdempotenteMixin`); the
service that creates the record calls `idempotencia_verificar` first in its transaction and stores the
key on the row (a `clave_idempotencia` column with a unique constraint); the view calls
`idempotencia_repetido` when the form does not validate. A double click, a browser resubmit or ten
parallel posts of the same form then create one row; the repeats raise `YaRegistrado` carrying it,
and the view redirects there.
"""

import hashlib
import uuid

from django import forms
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

CAMPO = "clave_idempotencia"


class YaRegistrado(Exception):
    """The form was already processed: `objeto` is the row its first submission created."""

    def __init__(self, objeto: models.Model):
        super().__init__(f"{objeto._meta.label} {objeto.pk} ya registrado con esta clave")
        self.objeto = objeto


def _clave_valida(valor) -> uuid.UUID | None:
    if isinstance(valor, uuid.UUID):
        return valor
    try:
        return uuid.UUID(str(valor))
    except (TypeError, ValueError, AttributeError):
        return None


class ClaveIdempotenciaInput(forms.HiddenInput):
    """Renders the submitted key back (same attempt), or a fresh one where there is none."""

    def format_value(self, value):
        return str(_clave_valida(value) or uuid.uuid4())


class ClaveIdempotenciaField(forms.Field):
    widget = ClaveIdempotenciaInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "")
        super().__init__(**kwargs)

    def to_python(self, value):
        # A missing or forged key is reported once, as a form error, by the mixin.
        return _clave_valida(value)


class FormularioIdempotenteMixin:
    """For a form whose submission creates a record: adds the hidden key and requires it."""

    mensaje_sin_clave = _("El formulario caducó o llegó incompleto. Revise los datos y envíelo de nuevo.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[CAMPO] = ClaveIdempotenciaField()

    def clean(self):
        datos = super().clean()
        if datos.get(CAMPO) is None:
            self.add_error(None, forms.ValidationError(self.mensaje_sin_clave, code="sin_clave"))
        return datos


def campo_clave_idempotencia(*, unique: bool = True) -> models.UUIDField:
    """The column that stores the key on the created row; empty for rows made by the system."""
    return models.UUIDField(_("clave de idempotencia"), null=True, blank=True, editable=False, unique=unique)


def _bloquear(modelo: type[models.Model], clave: uuid.UUID) -> None:
    if connection.vendor == "postgresql":
        huella = hashlib.blake2b(f"{modelo._meta.db_table}:{clave}".encode(), digest_size=8).digest()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(huella, "big", signed=True)])
    else:
        # SQLite has one writer at a time: an UPDATE that matches nothing takes that lock now.
        modelo._default_manager.filter(pk__isnull=True).update(**{CAMPO: None})


def idempotencia_repetido(modelo: type[models.Model], *, datos) -> None:
    """For a POST whose form did not validate: raise `YaRegistrado` if its key already made a row.

    A repeat that arrives after the first submission committed may fail validation only because
    of what the first one did (e.g. a balance now smaller than the amount); it is still a repeat.
    """
    clave = _clave_valida(datos.get(CAMPO))
    existente = modelo._default_manager.filter(**{CAMPO: clave}).order_by("pk").first() if clave else None
    if existente is not None:
        raise YaRegistrado(existente)


def idempotencia_verificar(modelo: type[models.Model], *, clave: uuid.UUID | None) -> None:
    """Call first inside the creating service's transaction.

    Holds a lock on the key until the transaction ends, then raises `YaRegistrado` if a row of
    `modelo` already carries it. No key (records the system creates) → nothing to check.
    """
    if clave is None:
        return
    _bloquear(modelo, clave)
    existente = modelo._default_manager.filter(**{CAMPO: clave}).order_by("pk").first()
    if existente is not None:
        raise YaRegistrado(existente)
