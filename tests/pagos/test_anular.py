"""Reversing a receipt and annulling a payout: balances and states restored, audited, refused cleanly."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from facturacion.models import EstadoFactura, Factura, TipoFactura
from facturacion.services import factura_arriendo_emitir
from nucleo.models import EventoAuditoria
from pagos.models import EstadoEgreso, EstadoPago, Pago
from pagos.selectors import estado_cuenta
from pagos.services import (
    PagosError,
    egreso_anular,
    egreso_confirmar,
    egreso_liquidar,
    pago_anular,
    pago_registrar,
    recaudado_en,
)
from tests.factories import ClienteFactory, ContratoFactory, EntidadFactory, PropiedadFactory, StaffFactory
from tests.facturacion.datos import resolucion, texto_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def hoy():
    return timezone.localdate()


@pytest.fixture
def renta(hoy):
    EntidadFactory()
    resolucion(vigente_desde=hoy - timedelta(days=400), vigente_hasta=hoy + timedelta(days=400))
    inquilino = ClienteFactory(numero_documento="1030111222")
    dueno = ClienteFactory(es_propietario=True, numero_documento="70111222")
    contrato = ContratoFactory(
        inquilino=inquilino,
        propiedad=PropiedadFactory(propietarios=[dueno]),
        numero="CT-9",
        canon=Decimal("1000000"),
        fecha_inicio=hoy - timedelta(days=200),
        fecha_fin=hoy + timedelta(days=200),
    )
    factura, _ = factura_arriendo_emitir(contrato=contrato, periodo=hoy.replace(day=1))
    return factura


@pytest.fixture
def admin(db):
    usuario = StaffFactory()
    usuario.groups.add(Group.objects.get_or_create(name="Administrador")[0])
    return usuario


@pytest.fixture
def admin_client(admin):
    c = Client()
    c.force_login(admin)
    return c


def _pagar(renta, valor, actor=None):
    return pago_registrar(
        tercero=renta.tercero, valor=Decimal(valor), metodo="efectivo", facturas=[renta], actor=actor
    )


def _anular(c, pago, motivo="Cheque devuelto por el banco", confirmar="on"):
    return c.post(reverse("pagos:pago_anular", args=[pago.pk]), {"motivo": motivo, "confirmar": confirmar})


def test_reversing_a_payment_restores_the_balance_and_state_and_is_audited(admin_client, admin, renta):
    pago = _pagar(renta, "1000000")
    assert Factura.objects.get(pk=renta.pk).estado == EstadoFactura.PAGADA
    r = _anular(admin_client, pago)
    assert r["Location"] == reverse("pagos:pago", args=[pago.pk])
    renta.refresh_from_db()
    pago.refresh_from_db()
    assert (renta.estado, renta.saldo) == (EstadoFactura.FACTURADA, Decimal("1000000"))
    assert (pago.estado, pago.motivo_anulacion, pago.anulado_por) == (
        EstadoPago.ANULADO,
        "Cheque devuelto por el banco",
        admin,
    )
    evento = EventoAuditoria.objects.get(accion="pago.anular", objeto_id=str(pago.pk))
    assert evento.actor == admin
    assert "Cheque devuelto" in evento.descripcion
    # The money no longer counts for the owner's settlement nor the client's statement.
    assert recaudado_en(contrato=renta.contrato, periodo=renta.periodo) == 0
    cuenta = estado_cuenta(tercero=renta.tercero, anio=pago.fecha.year)
    assert cuenta.total_abonos == 0
    assert cuenta.saldo_final == Decimal("1000000")
    # The invoice can be paid again.
    _pagar(renta, "1000000")
    assert Factura.objects.get(pk=renta.pk).estado == EstadoFactura.PAGADA


def test_a_partial_reversal_gives_back_only_what_that_receipt_applied(admin, renta):
    primero = _pagar(renta, "300000")
    _pagar(renta, "200000")
    pago_anular(pago=primero, motivo="Registrado dos veces", actor=admin)
    renta.refresh_from_db()
    assert (renta.estado, renta.saldo) == (EstadoFactura.FACTURADA, Decimal("800000"))


def test_the_receipt_pdf_says_anulado(admin_client, admin, renta):
    pago = _pagar(renta, "1000000")
    antes = texto_pdf(admin_client.get(reverse("pagos:recibo_pdf", args=[pago.pk])).content)
    assert "ANULADO" not in antes
    pago_anular(pago=pago, motivo="Consignación rechazada", actor=admin)
    texto = texto_pdf(admin_client.get(reverse("pagos:recibo_pdf", args=[pago.pk])).content)
    assert "ANULADO" in texto
    assert "Consignación rechazada" in texto


def test_the_portal_shows_the_reversed_receipt_as_annulled(client, admin, renta):
    pago = _pagar(renta, "1000000")
    pago_anular(pago=pago, motivo="Consignación rechazada", actor=admin)
    client.force_login(renta.tercero.usuario)
    html = client.get(reverse("area_clientes:pagos")).content.decode()
    assert pago.codigo in html
    assert "Anulado" in html
    texto = texto_pdf(client.get(reverse("area_clientes:recibo_pdf", args=[pago.pk])).content)
    assert "ANULADO" in texto


def test_reversing_twice_is_refused_cleanly(admin_client, renta):
    pago = _pagar(renta, "1000000")
    _anular(admin_client, pago)
    r = _anular(admin_client, pago)
    assert r.status_code == 400
    assert f"El recibo {pago.codigo} ya está anulado." in r.content.decode()
    renta.refresh_from_db()
    assert renta.saldo == Decimal("1000000")
    assert EventoAuditoria.objects.filter(accion="pago.anular").count() == 1


def test_auxiliar_client_and_anonymous_cannot_reverse(client, renta):
    pago = _pagar(renta, "1000000")
    auxiliar = StaffFactory()
    auxiliar.groups.add(Group.objects.get_or_create(name="Auxiliar")[0])
    c = Client()
    c.force_login(auxiliar)
    assert _anular(c, pago).status_code == 403
    assert "Anular pago" not in c.get(reverse("pagos:pago", args=[pago.pk])).content.decode()
    c.force_login(renta.tercero.usuario)
    assert _anular(c, pago).status_code == 403
    r = _anular(Client(), pago)
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("gestion:ingresar"))
    assert Pago.objects.get().estado == EstadoPago.VIGENTE


def test_reversing_needs_post_and_a_confirmation(admin_client, renta):
    pago = _pagar(renta, "1000000")
    url = reverse("pagos:pago_anular", args=[pago.pk])
    assert admin_client.get(url).status_code == 405
    r = _anular(admin_client, pago, confirmar="")
    assert r.status_code == 400
    html = r.content.decode()
    assert "Marque la casilla para confirmar la anulación." in html
    assert "Cheque devuelto por el banco" in html  # what was typed stays
    assert Pago.objects.get().estado == EstadoPago.VIGENTE


@pytest.mark.parametrize(
    ("motivo", "mensaje"),
    [
        ("", "Escriba el motivo de la anulación"),
        ("   \t  ", "Escriba el motivo de la anulación"),
        ("abc", "Escriba el motivo de la anulación"),
        ("Motivo\x00con nulo", "caracteres nulos"),
        ("x" * 100_000, "300 caracteres"),
    ],
)
def test_a_hostile_reason_is_refused_next_to_the_field(admin_client, renta, motivo, mensaje):
    pago = _pagar(renta, "1000000")
    r = _anular(admin_client, pago, motivo=motivo)
    assert r.status_code == 400
    assert mensaje in r.content.decode()
    assert Pago.objects.get().estado == EstadoPago.VIGENTE


def test_markup_in_the_reason_is_stored_as_text_and_escaped(admin_client, renta):
    pago = _pagar(renta, "1000000")
    _anular(admin_client, pago, motivo='<script>alert("x")</script> cheque')
    html = admin_client.get(reverse("pagos:pago", args=[pago.pk])).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_a_payment_whose_month_was_settled_is_refused_until_the_payout_is_annulled(admin, renta):
    pago = _pagar(renta, "1000000")
    (egreso,) = egreso_liquidar(contrato=renta.contrato, periodo=renta.periodo, actor=admin)
    with pytest.raises(PagosError, match="ya se liquidó al propietario"):
        pago_anular(pago=pago, motivo="Cheque devuelto", actor=admin)
    egreso_confirmar(egreso=egreso, fecha_pago=timezone.localdate(), actor=admin)
    with pytest.raises(PagosError, match=r"ya se liquidó al propietario \(CE-1\)"):
        pago_anular(pago=pago, motivo="Cheque devuelto", actor=admin)
    egreso_anular(egreso=egreso, motivo="Transferencia rechazada", actor=admin)
    pago_anular(pago=pago, motivo="Cheque devuelto", actor=admin)
    assert Factura.objects.get(pk=renta.pk).estado == EstadoFactura.FACTURADA


def test_the_offset_receipt_of_a_payout_is_reversed_only_with_the_payout(admin, renta):
    _pagar(renta, "1000000")
    (egreso,) = egreso_liquidar(contrato=renta.contrato, periodo=renta.periodo, actor=admin)
    egreso_confirmar(egreso=egreso, fecha_pago=timezone.localdate(), actor=admin)
    cruce = Pago.objects.get(metodo="cruce")
    with pytest.raises(PagosError, match="anule esa liquidación"):
        pago_anular(pago=cruce, motivo="Intento directo", actor=admin)


def test_annulling_a_confirmed_payout_undoes_its_commission_and_the_month_can_be_settled_again(
    admin_client, admin, renta
):
    _pagar(renta, "1000000")
    (egreso,) = egreso_liquidar(contrato=renta.contrato, periodo=renta.periodo, actor=admin)
    egreso_confirmar(egreso=egreso, fecha_pago=timezone.localdate(), actor=admin)
    comision = egreso.factura_comision
    url = reverse("pagos:egreso_anular", args=[egreso.pk])
    r = admin_client.post(url, {"motivo": "Transferencia rechazada", "confirmar": "on"})
    assert r["Location"] == reverse("pagos:egreso", args=[egreso.pk])
    egreso.refresh_from_db()
    comision.refresh_from_db()
    assert egreso.estado == EstadoEgreso.ANULADO
    assert egreso.numero == 1  # the voucher number stays used
    assert comision.estado == EstadoFactura.ANULADA
    assert Pago.objects.get(metodo="cruce").estado == EstadoPago.ANULADO
    assert EventoAuditoria.objects.filter(accion="egreso.anular", objeto_id=str(egreso.pk)).exists()
    assert "ANULADO" in texto_pdf(admin_client.get(reverse("pagos:egreso_pdf", args=[egreso.pk])).content)
    # Twice → refused, nothing changes.
    r = admin_client.post(url, {"motivo": "Otra vez", "confirmar": "on"})
    assert r.status_code == 400
    assert "ya está anulada" in r.content.decode()
    # The month is settled again, with a new commission invoice.
    (nuevo,) = egreso_liquidar(contrato=renta.contrato, periodo=renta.periodo, actor=admin)
    assert nuevo.pk != egreso.pk
    assert (
        Factura.objects.filter(tipo=TipoFactura.COMISION).exclude(estado=EstadoFactura.ANULADA).count() == 1
    )


def test_the_owner_sees_an_annulled_payout_marked_and_it_leaves_the_chart(client, admin, renta):
    _pagar(renta, "1000000")
    (egreso,) = egreso_liquidar(contrato=renta.contrato, periodo=renta.periodo, actor=admin)
    egreso_confirmar(egreso=egreso, fecha_pago=timezone.localdate(), actor=admin)
    egreso_anular(egreso=egreso, motivo="Transferencia rechazada", actor=admin)
    dueno = egreso.propietario
    client.force_login(dueno.usuario)
    r = client.get(reverse("area_clientes:ingresos"))
    html = r.content.decode()
    assert "CE-1" in html
    assert "Anulado" in html
    assert r.context["total_anio"] == 0


def test_an_auxiliar_cannot_annul_a_payout(renta, admin):
    _pagar(renta, "1000000")
    (egreso,) = egreso_liquidar(contrato=renta.contrato, periodo=renta.periodo, actor=admin)
    auxiliar = StaffFactory()
    auxiliar.groups.add(Group.objects.get_or_create(name="Auxiliar")[0])
    c = Client()
    c.force_login(auxiliar)
    r = c.post(reverse("pagos:egreso_anular", args=[egreso.pk]), {"motivo": "Sin permiso", "confirmar": "on"})
    assert r.status_code == 403
    egreso.refresh_from_db()
    assert egreso.estado == EstadoEgreso.BORRADOR
