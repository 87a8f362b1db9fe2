"""Helpers of the back-office PQRS tests: a staff browser, PQRS with a chosen due date."""

import re
from datetime import date

from django.contrib.auth.models import Group
from django.test import Client

from nucleo.permisos import GRUPO_ADMINISTRADOR, GRUPO_AUXILIAR
from pqrs.models import EstadoPqrs, Pqrs
from tests.factories import StaffFactory


def navegador(usuario) -> Client:
    c = Client()
    c.force_login(usuario)
    return c


def staff(grupo: str = GRUPO_AUXILIAR, **kwargs):
    usuario = StaffFactory(**kwargs)
    usuario.groups.add(Group.objects.get(name=grupo))
    return usuario


def administrador(**kwargs):
    return staff(GRUPO_ADMINISTRADOR, **kwargs)


def con_vencimiento(pqrs: Pqrs, fecha: date, *, estado: str | None = None, **campos) -> Pqrs:
    """Set the due date (and state) directly: the inbox reads them, the clock that computes them has its own tests."""
    cambios = {"fecha_limite": fecha, "fecha_limite_inicial": fecha, **campos}
    if estado:
        cambios["estado"] = estado
        if estado == EstadoPqrs.ESPERANDO_CLIENTE:
            cambios.setdefault("en_espera_desde", fecha)
    Pqrs.objects.filter(pk=pqrs.pk).update(**cambios)
    pqrs.refresh_from_db()
    return pqrs


def clave_de(pagina, accion: str) -> str:
    """The idempotency key the case page rendered into one action's form, as a browser posts it back."""
    etiqueta = re.search(rf'<input[^>]*id="{accion}_clave_idempotencia"[^>]*>', pagina.content.decode())
    assert etiqueta, f"el formulario {accion!r} no trae clave de idempotencia"
    return re.search(r'value="([0-9a-f-]{36})"', etiqueta[0])[1]
