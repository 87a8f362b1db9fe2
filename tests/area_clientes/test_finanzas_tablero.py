"""The dashboard shows real figures per profile, and honest empty states."""

from decimal import Decimal

import pytest
from django.urls import reverse

from area_clientes.tablero import tablero_contexto
from tests.area_clientes.finanzas_datos import crear_mundo
from tests.factories import ClienteFactory, EntidadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mundo():
    EntidadFactory()
    return crear_mundo()


def test_the_tenant_sees_balance_next_invoice_and_payments(client, mundo):
    contexto = tablero_contexto(tercero=mundo.inquilino)
    assert contexto["saldo_pendiente"] == Decimal("1200000")
    assert contexto["saldo_vencido"] == Decimal("1200000")
    assert contexto["proxima_factura"] == mundo.noviembre
    assert contexto["ultimos_pagos"] == [mundo.pago]
    assert "ultimos_egresos" not in contexto
    client.force_login(mundo.inquilino.usuario)
    html = client.get(reverse("area_clientes:inicio")).content.decode()
    assert "$ 1.200.000" in html
    assert mundo.noviembre.numero in html
    assert mundo.pago.codigo in html
    assert "Mis inmuebles" not in html


def test_the_owner_sees_payouts_commissions_and_properties(client, mundo):
    contexto = tablero_contexto(tercero=mundo.propietario)
    assert contexto["ultimos_egresos"] == [mundo.egreso]
    assert contexto["comisiones_recientes"] == [mundo.comision]
    assert [p.pk for p in contexto["propiedades"]] == [mundo.contrato.propiedad_id]
    assert "saldo_pendiente" not in contexto
    client.force_login(mundo.propietario.usuario)
    html = client.get(reverse("area_clientes:inicio")).content.decode()
    assert mundo.egreso.codigo in html
    assert "$ 1.057.200" in html
    assert mundo.contrato.propiedad.direccion in html
    assert "Mi arriendo" not in html


def test_a_new_client_reads_empty_states(client):
    EntidadFactory()
    nuevo = ClienteFactory(es_inquilino=True, es_propietario=True)
    client.force_login(nuevo.usuario)
    html = client.get(reverse("area_clientes:inicio")).content.decode()
    assert "Aún no tienes facturas pendientes." in html
    assert "Aún no tienes pagos registrados." in html
    assert "Aún no tienes pagos de la inmobiliaria." in html
    assert "Aún no tienes propiedades registradas." in html
