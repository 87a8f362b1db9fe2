"""Invariant 1: a portal user sees and downloads only their own records; any other id answers 404."""

from datetime import date

import pytest
from django.urls import reverse

from pagos.models import MetodoPago
from pagos.services import egreso_liquidar, pago_registrar
from tests.area_clientes.finanzas_datos import crear_mundo
from tests.factories import ClienteFactory, EntidadFactory
from tests.facturacion.datos import texto_pdf

pytestmark = pytest.mark.django_db

LISTAS = ["facturas", "pagos", "comisiones", "ingresos", "estado_cuenta", "estado_cuenta_pdf"]


@pytest.fixture
def mundo():
    EntidadFactory()
    return crear_mundo()


@pytest.fixture
def otro(client):
    """Someone else, tenant and owner, so no page is closed to them by profile."""
    otro = ClienteFactory(es_inquilino=True, es_propietario=True)
    client.force_login(otro.usuario)
    return otro


def _urls_de_objetos(m):
    return {
        "factura de arriendo": reverse("area_clientes:factura_pdf", args=[m.octubre.pk]),
        "factura de comisión": reverse("area_clientes:factura_pdf", args=[m.comision.pk]),
        "recibo": reverse("area_clientes:recibo_pdf", args=[m.pago.pk]),
        "comprobante de egreso": reverse("area_clientes:egreso_pdf", args=[m.egreso.pk]),
    }


def test_it_answers_404_for_someone_elses_documents(client, mundo, otro):
    for nombre, url in _urls_de_objetos(mundo).items():
        assert client.get(url).status_code == 404, nombre


def test_it_answers_404_for_ids_that_do_not_exist(client, mundo, otro):
    for url in ["/customerarea/facturas/999999/pdf/", "/customerarea/pagos/999999/recibo.pdf"]:
        assert client.get(url).status_code == 404


def test_someone_elses_records_never_appear_in_my_lists(client, mundo, otro):
    for nombre in LISTAS:
        respuesta = client.get(reverse(f"area_clientes:{nombre}"), {"anio": 2026})
        assert respuesta.status_code == 200, nombre
        contenido = respuesta.content if nombre.endswith("pdf") else respuesta.content.decode()
        if nombre.endswith("pdf"):
            contenido = texto_pdf(contenido)
        for ajeno in (
            mundo.octubre.numero,
            mundo.noviembre.numero,
            mundo.comision.numero,
            mundo.pago.codigo,
            mundo.egreso.codigo,
        ):
            assert ajeno not in contenido, (nombre, ajeno)


def test_the_owners_own_documents_download(client, mundo):
    client.force_login(mundo.inquilino.usuario)
    for url in [_urls_de_objetos(mundo)["factura de arriendo"], _urls_de_objetos(mundo)["recibo"]]:
        r = client.get(url)
        assert r.status_code == 200
        assert r["Content-Type"] == "application/pdf"
    client.force_login(mundo.propietario.usuario)
    for url in [
        _urls_de_objetos(mundo)["factura de comisión"],
        _urls_de_objetos(mundo)["comprobante de egreso"],
    ]:
        assert client.get(url).status_code == 200


def test_the_download_has_a_clean_file_name(client, mundo):
    client.force_login(mundo.inquilino.usuario)
    r = client.get(reverse("area_clientes:factura_pdf", args=[mundo.octubre.pk]))
    assert r["Content-Disposition"] == f'attachment; filename="factura-{mundo.octubre.numero}.pdf"'
    r = client.get(reverse("area_clientes:recibo_pdf", args=[mundo.pago.pk]))
    assert r["Content-Disposition"] == f'attachment; filename="recibo-{mundo.pago.codigo}.pdf"'


PAGINAS_INQUILINO = ["facturas", "pagos", "estado_cuenta", "estado_cuenta_pdf"]
PAGINAS_PROPIETARIO = ["comisiones", "ingresos"]


def test_tenants_only_see_tenant_pages_and_owners_owner_pages(client, mundo):
    client.force_login(mundo.inquilino.usuario)
    for nombre in PAGINAS_PROPIETARIO:
        assert client.get(reverse(f"area_clientes:{nombre}")).status_code == 403, nombre
    for nombre in PAGINAS_INQUILINO:
        assert client.get(reverse(f"area_clientes:{nombre}")).status_code == 200, nombre
    client.force_login(mundo.propietario.usuario)
    # The statement lists tenant charges and receipts; like the menu, it is a tenant page.
    for nombre in PAGINAS_INQUILINO:
        assert client.get(reverse(f"area_clientes:{nombre}")).status_code == 403, nombre
    for nombre in PAGINAS_PROPIETARIO:
        assert client.get(reverse(f"area_clientes:{nombre}")).status_code == 200, nombre
    # an owner cannot reach the tenant's invoice through their own profile either
    assert client.get(reverse("area_clientes:factura_pdf", args=[mundo.octubre.pk])).status_code == 404


def test_cached_pdfs_are_never_served_by_their_media_path(client, mundo, settings):
    """The cached PDF sits under MEDIA_ROOT; only the scoped view may hand it out, even with DEBUG."""
    import importlib

    from django.urls import clear_url_caches

    import config.urls

    client.force_login(mundo.inquilino.usuario)
    assert client.get(_urls_de_objetos(mundo)["factura de arriendo"]).status_code == 200
    mundo.octubre.refresh_from_db()
    assert mundo.octubre.pdf.name, "the download should have cached the PDF"
    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    try:
        client.logout()
        assert client.get(settings.MEDIA_URL + mundo.octubre.pdf.name).status_code == 404
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
        clear_url_caches()


def test_a_draft_payout_stays_hidden_from_its_owner(client, mundo, staff):
    pago_registrar(
        tercero=mundo.inquilino,
        valor=mundo.noviembre.total,
        metodo=MetodoPago.EFECTIVO,
        facturas=[mundo.noviembre],
        fecha=date(2026, 11, 4),
        actor=staff,
    )
    (borrador,) = egreso_liquidar(contrato=mundo.contrato, periodo=date(2026, 11, 1), actor=staff)
    client.force_login(mundo.propietario.usuario)
    assert client.get(reverse("area_clientes:egreso_pdf", args=[borrador.pk])).status_code == 404
    r = client.get(reverse("area_clientes:ingresos"), {"anio": 2026})
    assert [e.pk for e in r.context["pagina"]] == [mundo.egreso.pk]
    assert r.context["total_anio"] == mundo.egreso.neto
    assert borrador.codigo not in client.get(reverse("area_clientes:inicio")).content.decode()
