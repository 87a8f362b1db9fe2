"""Back-office payment and payout screens: register a payment, settle and confirm."""

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest
from django.urls import reverse

from facturacion.models import EstadoFactura, Factura, TipoFactura
from facturacion.services import factura_arriendo_emitir
from pagos.models import Egreso, EstadoEgreso, Pago
from pagos.services import egreso_liquidar, pago_registrar
from tests.factories import ContratoFactory, EntidadFactory, PropiedadFactory, TerceroFactory
from tests.facturacion.datos import clave_del_formulario, resolucion, texto_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def contrato():
    EntidadFactory()
    resolucion()
    dueno = TerceroFactory(es_propietario=True, numero_documento="70111222")
    inquilino = TerceroFactory(numero_documento="1030111222")
    return ContratoFactory(
        inquilino=inquilino,
        propiedad=PropiedadFactory(propietarios=[dueno]),
        numero="CT-9",
        canon=Decimal("2000000"),
        fecha_inicio=date(2026, 1, 1),
        fecha_fin=date(2027, 1, 1),
    )


def test_staff_register_a_payment_and_download_the_receipt(staff_client, contrato):
    renta, _ = factura_arriendo_emitir(contrato=contrato, periodo=date(2026, 10, 1))
    r = staff_client.get(reverse("pagos:pago_nuevo"), {"tercero": contrato.inquilino.pk})
    assert renta.numero in r.content.decode()
    r = staff_client.post(
        reverse("pagos:pago_nuevo"),
        {
            "clave_idempotencia": clave_del_formulario(r),
            "tercero": contrato.inquilino.pk,
            "facturas": [renta.pk],
            "valor": "2000000",
            "metodo": "consignacion",
            "referencia": "CONS-55",
            "fecha": "2026-10-04",
        },
    )
    pago = Pago.objects.get()
    assert r["Location"] == reverse("pagos:pago", args=[pago.pk])
    assert Factura.objects.get(pk=renta.pk).estado == EstadoFactura.PAGADA
    texto = texto_pdf(staff_client.get(reverse("pagos:recibo_pdf", args=[pago.pk])).content)
    assert "RECIBO DE CAJA" in texto
    assert "RC-1" in texto
    assert "$ 2.000.000" in texto
    assert "DOS MILLONES DE PESOS M/CTE" in texto
    assert "CONS-55" in texto


def test_a_payment_over_the_balance_is_refused_and_kept(staff_client, contrato):
    renta, _ = factura_arriendo_emitir(contrato=contrato, periodo=date(2026, 10, 1))
    r = staff_client.post(
        reverse("pagos:pago_nuevo"),
        {
            "tercero": contrato.inquilino.pk,
            "facturas": [renta.pk],
            "valor": "2500000",
            "metodo": "efectivo",
            "referencia": "REF-QUEDA",
            "fecha": "2026-10-04",
        },
    )
    html = r.content.decode()
    assert "supera el saldo" in html
    assert "REF-QUEDA" in html
    assert not Pago.objects.exists()


@pytest.mark.parametrize(
    ("tercero", "mensaje"),
    [
        ("99999999", "Elija un tercero de la lista."),
        ("²", "Elija un tercero de la lista."),
        ("9" * 30, "Elija un tercero de la lista."),
        ("x\x00", "Los caracteres nulos no están permitidos."),
    ],
)
def test_an_unknown_client_is_explained(staff_client, contrato, tercero, mensaje):
    r = staff_client.get(reverse("pagos:pago_nuevo"), {"tercero": tercero})
    assert r.status_code == 200
    assert mensaje in r.content.decode()


def test_the_invoice_links_to_its_payment_with_the_client_chosen(staff_client, contrato):
    renta, _ = factura_arriendo_emitir(contrato=contrato, periodo=date(2026, 10, 1))
    html = staff_client.get(reverse("facturacion:factura", args=[renta.pk])).content.decode()
    enlace = f"{reverse('pagos:pago_nuevo')}?tercero={contrato.inquilino.pk}&factura={renta.pk}"
    assert enlace in html
    html = staff_client.get(enlace).content.decode()
    assert f'<option value="{contrato.inquilino.pk}" selected>{contrato.inquilino.etiqueta}</option>' in html
    assert 'data-selector-terceros="/gestion/terceros/opciones/"' in html


def test_settle_and_confirm_a_payout(staff_client, contrato):
    renta, _ = factura_arriendo_emitir(contrato=contrato, periodo=date(2026, 10, 1))
    staff_client.post(
        reverse("pagos:pago_nuevo"),
        {
            "tercero": contrato.inquilino.pk,
            "facturas": [renta.pk],
            "valor": "2000000",
            "metodo": "efectivo",
            "fecha": "2026-10-04",
            "clave_idempotencia": str(uuid4()),
        },
    )
    r = staff_client.post(
        reverse("pagos:egreso_nuevo"), {"contrato": "ct-9", "periodo": "2026-10", "otros_descuentos": "50000"}
    )
    assert "Explique a qué corresponden los descuentos." in r.content.decode()
    r = staff_client.post(
        reverse("pagos:egreso_nuevo"),
        {
            "contrato": "ct-9",
            "periodo": "2026-10",
            "otros_descuentos": "50000",
            "descripcion_descuentos": "Arreglo de puerta",
            "clave_idempotencia": str(uuid4()),
        },
    )
    egreso = Egreso.objects.get()
    assert r["Location"] == reverse("pagos:egreso", args=[egreso.pk])
    assert egreso.neto == Decimal("2000000") - Decimal("200000") - Decimal("38000") - Decimal("50000")
    url = reverse("pagos:egreso_confirmar", args=[egreso.pk])
    assert staff_client.get(url).status_code == 405
    r = staff_client.post(url, {"fecha_pago": "2026-10-10", "metodo": "transferencia", "referencia": "TRF-1"})
    egreso.refresh_from_db()
    assert egreso.estado == EstadoEgreso.CONFIRMADO
    assert Factura.objects.get(tipo=TipoFactura.COMISION).estado == EstadoFactura.PAGADA
    texto = texto_pdf(staff_client.get(reverse("pagos:egreso_pdf", args=[egreso.pk])).content)
    assert "CE-1" in texto
    assert "$ 1.712.000" in texto
    assert "Arreglo de puerta" in texto
    html = staff_client.get(reverse("pagos:egresos"), {"estado": "confirmado"}).content.decode()
    assert "CE-1" in html


def test_back_office_lists_stay_bounded_with_many_rows(staff_client, django_assert_max_num_queries):
    from io import StringIO

    from django.core.management import call_command

    call_command("generar_datos", "--terceros", "40", "--facturas", "1000", stdout=StringIO())
    assert Pago.objects.count() > 100
    for nombre in ["pagos:pagos", "pagos:egresos", "facturacion:facturas"]:
        with django_assert_max_num_queries(10):
            r = staff_client.get(reverse(nombre))
        assert r.status_code == 200
        assert len(r.context["pagina"].object_list) == 25


def test_staff_find_payments_and_payouts_by_client(staff_client, contrato, staff):
    contrato.inquilino.apellidos = "Zuluaga"
    contrato.inquilino.save(update_fields=["apellidos"])
    dueno = contrato.propiedad.participaciones.get().tercero
    dueno.nombres = "Herminia"
    dueno.save(update_fields=["nombres"])
    renta, _ = factura_arriendo_emitir(contrato=contrato, periodo=date(2026, 10, 1))
    pago = pago_registrar(
        tercero=contrato.inquilino,
        valor=renta.total,
        metodo="consignacion",
        facturas=[renta],
        referencia="CONS-77",
        actor=staff,
    )
    (egreso,) = egreso_liquidar(contrato=contrato, periodo=date(2026, 10, 1), actor=staff)

    def pagos_hallados(buscar):
        r = staff_client.get(reverse("pagos:pagos"), {"buscar": buscar})
        return [p.pk for p in r.context["pagina"]]

    def egresos_hallados(buscar):
        r = staff_client.get(reverse("pagos:egresos"), {"buscar": buscar})
        return [e.pk for e in r.context["pagina"]]

    for buscar in ["zulua", "1030111222", "cons-77", "RC-1"]:
        assert pagos_hallados(buscar) == [pago.pk], buscar
    # The one tercero search (terceros_buscar): digits are a document prefix, as on the terceros list.
    assert pagos_hallados("103011") == [pago.pk]
    assert pagos_hallados("1030119") == []
    for buscar in ["herminia", "70111222", "ct-9"]:
        assert egresos_hallados(buscar) == [egreso.pk], buscar
    assert egresos_hallados("zuluaga") == []  # the tenant is not the payee
