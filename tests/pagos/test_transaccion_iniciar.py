"""Starting an online attempt: fresh reference, amount fixed, refusals; the gateways' forms."""

from datetime import timedelta
from decimal import Decimal

import pytest

from facturacion.models import EstadoFactura
from nucleo.models import EventoAuditoria
from pagos.models import EstadoTransaccion, MetodoPago, Pasarela
from pagos.pasarelas import Comprador, pasarela_activa, pasarela_por_nombre
from pagos.pasarelas.payu import firma_solicitud
from pagos.pasarelas.wompi import firma_integridad
from pagos.selectors import transaccion_pendiente_por_factura
from pagos.services import PagosError, pago_registrar
from pagos.services_en_linea import transaccion_iniciar
from tests.factories import TerceroFactory
from tests.pagos.en_linea import inquilino_con_facturas

pytestmark = pytest.mark.django_db

COMPRADOR = Comprador(email="ana@prueba.test", nombre="Ana Pérez", telefono="3001234567")


def test_an_attempt_fixes_the_balance_and_gets_a_fresh_reference(settings):
    tercero, facturas = inquilino_con_facturas(2)
    pago_registrar(
        tercero=tercero, valor=Decimal("200000"), metodo="efectivo", facturas=[facturas[0]], actor=None
    )
    facturas[0].refresh_from_db()
    tx = transaccion_iniciar(tercero=tercero, facturas=facturas)
    assert tx.pasarela == Pasarela.SIMULADA  # the default with no credentials
    assert tx.valor == Decimal("2200000")
    assert tx.moneda == "COP"
    assert tx.estado == EstadoTransaccion.PENDIENTE
    assert tx.esta_pendiente
    assert sorted(tx.items.values_list("valor", flat=True)) == [Decimal("1000000"), Decimal("1200000")]
    assert tx.proxima_consulta_en == tx.creada_en + timedelta(minutes=1)
    assert EventoAuditoria.objects.filter(accion="pago_en_linea.iniciar", objeto_id=str(tx.pk)).exists()
    assert transaccion_pendiente_por_factura(facturas) == {facturas[0].pk: tx, facturas[1].pk: tx}
    # A declined attempt frees the invoices; the next attempt gets a new reference.
    tx.estado = EstadoTransaccion.RECHAZADA
    tx.save()
    otra = transaccion_iniciar(tercero=tercero, facturas=facturas)
    assert otra.referencia != tx.referencia


def test_payu_first_query_is_seven_minutes_after_creation(payu):
    tercero, facturas = inquilino_con_facturas()
    tx = transaccion_iniciar(tercero=tercero, facturas=facturas)
    assert tx.pasarela == Pasarela.PAYU
    assert tx.proxima_consulta_en == tx.creada_en + timedelta(minutes=7)


def test_refusals():
    tercero, facturas = inquilino_con_facturas(1)
    with pytest.raises(PagosError, match="al menos una"):
        transaccion_iniciar(tercero=tercero, facturas=[])
    with pytest.raises(PagosError, match="no es de este tercero"):
        transaccion_iniciar(tercero=TerceroFactory(), facturas=facturas)
    transaccion_iniciar(tercero=tercero, facturas=facturas)
    with pytest.raises(PagosError, match="ya tiene un pago en línea en verificación"):
        transaccion_iniciar(tercero=tercero, facturas=facturas)


def test_a_paid_invoice_cannot_be_paid_online():
    tercero, facturas = inquilino_con_facturas(1)
    pago_registrar(tercero=tercero, valor=facturas[0].saldo, metodo="efectivo", facturas=facturas, actor=None)
    facturas[0].refresh_from_db()
    assert facturas[0].estado == EstadoFactura.PAGADA
    with pytest.raises(PagosError, match="no está pendiente"):
        transaccion_iniciar(tercero=tercero, facturas=facturas)


def test_payu_form_is_signed_with_tax_zero(payu):
    tercero, facturas = inquilino_con_facturas()
    tx = transaccion_iniciar(tercero=tercero, facturas=facturas)
    f = pasarela_activa().formulario(
        transaccion=tx, url_respuesta="https://x/r", url_confirmacion="https://x/c", comprador=COMPRADOR
    )
    assert (f.metodo, f.accion) == ("post", "https://sandbox.checkout.payulatam.com/ppp-web-gateway-payu/")
    c = f.campos
    assert (c["merchantId"], c["accountId"], c["referenceCode"]) == ("508029", "512321", tx.referencia)
    assert (c["amount"], c["tax"], c["taxReturnBase"], c["currency"], c["test"]) == (
        "1200000",
        "0",
        "0",
        "COP",
        "1",
    )
    assert c["signature"] == firma_solicitud(
        api_key=payu.PAYU_API_KEY,
        merchant_id="508029",
        referencia=tx.referencia,
        monto="1200000",
        moneda="COP",
    )
    assert (c["buyerEmail"], c["buyerFullName"], c["telephone"]) == (
        "ana@prueba.test",
        "Ana Pérez",
        "3001234567",
    )
    assert (c["responseUrl"], c["confirmationUrl"]) == ("https://x/r", "https://x/c")


def test_wompi_form_carries_the_integrity_signature(wompi):
    tercero, facturas = inquilino_con_facturas()
    tx = transaccion_iniciar(tercero=tercero, facturas=facturas)
    f = pasarela_activa().formulario(
        transaccion=tx, url_respuesta="https://x/r", url_confirmacion="", comprador=COMPRADOR
    )
    assert (f.metodo, f.accion) == ("get", "https://checkout.wompi.co/p/")
    assert f.campos["amount-in-cents"] == "120000000"
    assert f.campos["signature:integrity"] == firma_integridad(
        referencia=tx.referencia, centavos=120000000, moneda="COP", secreto="test_integrity_x"
    )
    assert f.campos["redirect-url"] == "https://x/r"


def test_credentials_and_urls_to_register(settings):
    settings.SITE_URL = "https://clientes.example.com/"
    payu = pasarela_por_nombre("payu")
    settings.PAYU_API_KEY = ""
    assert not payu.credenciales_completas()
    assert "PAYU_API_KEY" in payu.credenciales_faltantes()
    assert (
        "URL de confirmación (confirmationUrl)",
        "https://clientes.example.com/pasarelas/payu/confirmacion/",
    ) in (payu.urls_a_registrar())
    wompi = pasarela_por_nombre("wompi")
    assert wompi.urls_a_registrar()[0] == (
        "URL de eventos",
        "https://clientes.example.com/pasarelas/wompi/eventos/",
    )
    assert pasarela_por_nombre("simulada").credenciales_completas()
    assert [g.etiqueta for g in map(pasarela_por_nombre, ["payu", "wompi", "simulada"])] == [
        "PayU",
        "Wompi",
        "Pasarela simulada",
    ]
    with pytest.raises(ValueError, match="desconocida"):
        pasarela_por_nombre("otra")


def test_en_linea_is_a_payment_method():
    assert MetodoPago.EN_LINEA.label == "Pago en línea"
