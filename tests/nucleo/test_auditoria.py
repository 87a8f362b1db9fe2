"""The audit vocabulary: actions from one TextChoices, before/after values, descriptions translated when shown."""

import ast
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from envios.services import envios_cancelar_pendientes
from facturacion.services import factura_anular
from nucleo.auditoria import Accion, auditoria_registrar
from nucleo.models import EventoAuditoria
from terceros.services import contrato_guardar
from tests.factories import ContratoFactory, TerceroFactory
from tests.facturacion.datos import factura, resolucion

pytestmark = pytest.mark.django_db
RAIZ = Path(settings.BASE_DIR)


def test_every_call_uses_the_vocabulary_and_a_message_id():
    """No free-text `accion=` strings and no pre-translated or pre-formatted descriptions."""
    llamadas = 0
    for ruta in RAIZ.glob("*/**/*.py"):
        if ruta.parts[len(RAIZ.parts)] in {".venv", "tests", "node_modules"}:
            continue
        for nodo in ast.walk(ast.parse(ruta.read_text(), filename=str(ruta))):
            if not (isinstance(nodo, ast.Call) and getattr(nodo.func, "id", "") == "auditoria_registrar"):
                continue
            llamadas += 1
            argumentos = {k.arg: k.value for k in nodo.keywords}
            donde = f"{ruta.relative_to(RAIZ)}:{nodo.lineno}"
            assert "descripcion" not in argumentos, donde
            accion = ast.unparse(argumentos["accion"])
            assert accion.startswith("Accion.") or " Accion." in accion, donde
            assert '"' not in accion, donde
            mensaje = ast.unparse(argumentos["mensaje"])
            assert "gettext_noop(" in mensaje, donde
            assert ") %" not in mensaje, donde  # formatted now would freeze the writer's language
    assert llamadas >= 25


def test_descriptions_are_stored_neutral_and_translated_when_shown():
    with translation.override("en"):
        evento = auditoria_registrar(
            actor=None,
            accion=Accion.ENVIOS_CANCELAR,
            mensaje="Canceló %(n)s envíos pendientes",
            parametros={"n": 3},
        )
    evento.refresh_from_db()
    assert evento.accion == "envios.cancelar"
    assert evento.descripcion == "Canceló 3 envíos pendientes"
    assert evento.datos == {"mensaje": "Canceló %(n)s envíos pendientes", "parametros": {"n": 3}}
    with translation.override("en"):
        assert evento.descripcion_mostrada == "Cancelled 3 pending emails"
        assert evento.get_accion_display() == "Emails cancelled"
    with translation.override("es-co"):
        assert evento.descripcion_mostrada == "Canceló 3 envíos pendientes"


def test_a_staff_history_shows_the_readers_language(staff_client, staff):
    envios_cancelar_pendientes(actor=staff)
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the reader picked English
    html = staff_client.get(reverse("envios:area_clientes")).content.decode()
    assert "Cancelled 0 pending emails" in html


def test_an_annulled_invoice_records_its_state_before_and_after(staff):
    resolucion()
    f = factura(TerceroFactory())
    factura_anular(factura=f, motivo="Error de digitación", actor=staff)
    evento = EventoAuditoria.objects.get(accion=Accion.FACTURA_ANULAR)
    assert evento.datos["cambios"] == {"estado": ["facturada", "anulada"]}
    assert evento.descripcion == f"Factura {f.numero} anulada: Error de digitación"


def test_a_contract_update_records_old_and_new_values(staff):
    contrato = ContratoFactory(canon=Decimal("1500000"))
    contrato_guardar(
        contrato=contrato,
        actor=staff,
        campos={"canon": Decimal("1600000"), "fecha_fin": date(2030, 1, 1)},
        codeudores=[],
    )
    evento = EventoAuditoria.objects.get(accion=Accion.CONTRATO_ACTUALIZADO)
    assert evento.datos["cambios"]["canon"] == ["1500000.00", "1600000"]
    assert evento.datos["cambios"]["fecha_fin"][1] == "2030-01-01"
    assert set(evento.datos["cambios"]) == {"canon", "fecha_fin"}


def test_the_admin_lists_the_trail_in_the_readers_language(client, django_user_model):
    admin = django_user_model.objects.create_superuser(username="raiz", password="x-Clave-Larga-2026")
    client.force_login(admin)
    auditoria_registrar(
        actor=None,
        accion=Accion.ENVIOS_CANCELAR,
        mensaje="Canceló %(n)s envíos pendientes",
        parametros={"n": 4},
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    r = client.get(reverse("admin:nucleo_eventoauditoria_changelist"))
    assert r.status_code == 200
    assert "Cancelled 4 pending emails" in r.content.decode()
    assert "Emails cancelled" in r.content.decode()
