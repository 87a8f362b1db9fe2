"""The gateways' documented signature examples, as fixed vectors."""

from decimal import Decimal

import pytest

from pagos.pasarelas.payu import firma_confirmacion, firma_solicitud, monto_solicitud, nuevo_valor
from pagos.pasarelas.wompi import checksum_evento, firma_integridad

API_KEY = "4Vj8eK4rloUd272L48hsrarnUA"


def test_payu_request_signature_md5_documented_example():
    # developers.payulatam.com WebCheckout: MD5("4Vj8eK4rloUd272L48hsrarnUA~508029~TestPayU~20000~COP")
    assert (
        firma_solicitud(
            api_key=API_KEY, merchant_id="508029", referencia="TestPayU", monto="20000", moneda="COP"
        )
        == "7ee7cf808ce6a39b17481c54f2c57acc"
    )


def test_payu_request_signature_sha256():
    cadena = f"{API_KEY}~508029~TestPayU~20000~COP"
    import hashlib

    esperada = hashlib.sha256(cadena.encode()).hexdigest()
    assert (
        firma_solicitud(
            api_key=API_KEY,
            merchant_id="508029",
            referencia="TestPayU",
            monto="20000",
            moneda="COP",
            algoritmo="SHA256",
        )
        == esperada
    )
    assert len(esperada) == 64


@pytest.mark.parametrize(
    ("valor", "esperado"),
    [
        ("150.00", "150.0"),
        ("150.26", "150.26"),
        ("150.10", "150.1"),
        ("150", "150.0"),
        ("1200000.00", "1200000.0"),
        ("150.255", "150.26"),  # half-even: 5 after an odd digit rounds up
        ("150.245", "150.24"),  # half-even: 5 after an even digit rounds down
    ],
)
def test_payu_new_value_keeps_one_decimal_when_the_second_is_zero(valor, esperado):
    assert nuevo_valor(valor) == esperado


def test_payu_confirmation_signature_one_decimal_documented_example():
    # The docs' one-decimal example lists state_pol = 6 but its hash b607a2c2fa100e0947b206d41864fb86
    # is the MD5 of "...~TestPayU04~150.0~USD~4": state_pol 4 (approved) is the one that matches.
    # (6 gives df67936f918887b2aa31688a77a10fe1.) We verify against the hash, i.e. state_pol 4.
    firma = firma_confirmacion(
        api_key=API_KEY,
        merchant_id="508029",
        referencia="TestPayU04",
        valor="150.00",
        moneda="USD",
        estado_pol="4",
        algoritmo="MD5",
    )
    assert firma == "b607a2c2fa100e0947b206d41864fb86"
    con_seis = firma_confirmacion(
        api_key=API_KEY,
        merchant_id="508029",
        referencia="TestPayU04",
        valor="150.00",
        moneda="USD",
        estado_pol="6",
        algoritmo="MD5",
    )
    assert con_seis != "b607a2c2fa100e0947b206d41864fb86"


def test_payu_confirmation_signature_two_decimals_documented_example():
    assert (
        firma_confirmacion(
            api_key=API_KEY,
            merchant_id="508029",
            referencia="TestPayU05",
            valor="150.26",
            moneda="USD",
            estado_pol="4",
            algoritmo="MD5",
        )
        == "1d95778a651e11a0ab93c2169a519cd6"
    )


def test_payu_confirmation_signature_sha256_uses_the_same_string():
    import hashlib

    esperada = hashlib.sha256(f"{API_KEY}~508029~TestPayU05~150.26~USD~4".encode()).hexdigest()
    assert (
        firma_confirmacion(
            api_key=API_KEY,
            merchant_id="508029",
            referencia="TestPayU05",
            valor="150.26",
            moneda="USD",
            estado_pol="4",
            algoritmo="SHA256",
        )
        == esperada
    )


def test_payu_form_amount_is_what_is_signed():
    assert monto_solicitud(Decimal("1200000.00")) == "1200000"
    assert monto_solicitud(Decimal("150.26")) == "150.26"


def test_wompi_integrity_signature_documented_example():
    # docs.wompi.co "Widget & Checkout Web": "sk8-438k4-xmxm392-sn2m" + "2490000" + "COP" + secret.
    assert (
        firma_integridad(
            referencia="sk8-438k4-xmxm392-sn2m",
            centavos=2490000,
            moneda="COP",
            secreto="prod_integrity_Z5mMke9x0k8gpErbDqwrJXMqsI6SFli6",
        )
        == "37c8407747e595535433ef8f6a811d853cd943046624a0ec04662b17bbf33bf5"
    )


def test_wompi_integrity_signature_puts_the_expiration_before_the_secret():
    import hashlib

    esperada = hashlib.sha256(b"ref12300COP2026-12-01T00:00:00.000Zsecreto").hexdigest()
    assert (
        firma_integridad(
            referencia="ref",
            centavos=12300,
            moneda="COP",
            secreto="secreto",
            vence="2026-12-01T00:00:00.000Z",
        )
        == esperada
    )


def _evento_documentado():
    # The example event of docs.wompi.co "Eventos" (transaction.updated).
    return {
        "event": "transaction.updated",
        "data": {
            "transaction": {
                "id": "1234-1610641025-49201",
                "amount_in_cents": 4490000,
                "reference": "MZQ3X2DE2SMX",
                "customer_email": "juan.perez@gmail.com",
                "currency": "COP",
                "payment_method_type": "NEQUI",
                "redirect_url": "https://mitienda.com.co/pagos/redireccion",
                "status": "APPROVED",
                "shipping_address": None,
                "payment_link_id": None,
                "payment_source_id": None,
            }
        },
        "environment": "prod",
        "signature": {
            "properties": ["transaction.id", "transaction.status", "transaction.amount_in_cents"],
            "checksum": "",
        },
        "timestamp": 1530291411,
        "sent_at": "2018-07-20T16:45:05.000Z",
    }


def test_wompi_event_checksum_concatenates_the_named_properties_timestamp_and_secret():
    # The docs' step-by-step string: "1234-1610641025-49201" + "APPROVED" + "4490000" + "1530291411"
    # + "prod_events_OcHnIzeBl5socpwByQ4hA52Em3USQ93Z", then SHA256. The hash the docs print beside
    # it (3476DDA5…BD0) is NOT the SHA256 of that string; the vector is the SHA256 of the documented
    # string (5a18ec5e…), i.e. the documented algorithm, not the misprinted hash.
    secreto = "prod_events_OcHnIzeBl5socpwByQ4hA52Em3USQ93Z"
    assert (
        checksum_evento(_evento_documentado(), secreto)
        == "5a18ec5e8fdb7df463e9f94774cba8f583ba21bd04a09ceff2ea68a4bc0aefbe"
    )


def test_wompi_event_checksum_follows_the_order_the_event_names():
    evento = _evento_documentado()
    normal = checksum_evento(evento, "s")
    evento["signature"]["properties"].reverse()
    assert checksum_evento(evento, "s") != normal


def test_wompi_event_checksum_is_none_when_a_property_is_missing():
    evento = _evento_documentado()
    evento["signature"]["properties"] = ["transaction.no_existe"]
    assert checksum_evento(evento, "s") is None
    assert checksum_evento({"data": {}}, "s") is None
