"""Fixtures of the online payment tests: PayU and Wompi configured with test credentials."""

import pytest

from tests.pagos.en_linea import API_KEY, EVENTOS, MERCHANT


@pytest.fixture
def payu(settings):
    settings.PAGOS_PASARELA = "payu"
    settings.PAYU_MERCHANT_ID = MERCHANT
    settings.PAYU_ACCOUNT_ID = "512321"
    settings.PAYU_API_KEY = API_KEY
    settings.PAYU_API_LOGIN = "pRRXKOl8ikMmt9u"
    settings.PAYU_TEST = True
    settings.PAYU_URL_CONSULTAS = ""
    return settings


@pytest.fixture
def wompi(settings):
    settings.PAGOS_PASARELA = "wompi"
    settings.WOMPI_PUBLIC_KEY = "pub_test_x"
    settings.WOMPI_PRIVATE_KEY = "prv_test_x"
    settings.WOMPI_INTEGRITY_SECRET = "test_integrity_x"
    settings.WOMPI_EVENTS_SECRET = EVENTOS
    settings.WOMPI_TEST = True
    settings.WOMPI_URL_API = ""
    return settings
