"""Back-office invoice screens: filters, manual invoice, annul, resolutions."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from facturacion.models import EstadoFactura, Factura, ResolucionFacturacion
from tests.factories import EntidadFactory, TerceroFactory
from tests.facturacion.datos import clave_del_formulario, factura, resolucion, texto_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def datos():
    EntidadFactory()
    resolucion()
    t = TerceroFactory(numero_documento="43555666", nombres="Rosa", apellidos="Gil")
    vencida = factura(t, emision=date(2026, 1, 1), vence=date(2026, 1, 5), descripcion="Cuota vieja")
    vigente = factura(t, emision=date(2026, 11, 1), vence=date(2099, 1, 1), descripcion="Cuota nueva")
    return t, vencida, vigente


def test_the_list_filters_by_state_overdue_and_client(staff_client, datos):
    _t, vencida, vigente = datos
    url = reverse("facturacion:facturas")
    html = staff_client.get(url, {"vencidas": "on"}).content.decode()
    assert vencida.numero in html
    assert vigente.numero not in html
    html = staff_client.get(url, {"estado": "facturada"}).content.decode()
    assert vigente.numero in html
    assert vencida.numero not in html
    html = staff_client.get(url, {"buscar": "43555666"}).content.decode()
    assert vencida.numero in html
    html = staff_client.get(url, {"buscar": "gil"}).content.decode()
    assert vencida.numero in html
    assert vigente.numero in html
    html = staff_client.get(url, {"buscar": vigente.numero.lower()}).content.decode()
    assert vigente.numero in html
    assert vencida.numero not in html
    html = staff_client.get(url, {"buscar": "nadie"}).content.decode()
    assert "No hay facturas con estos filtros." in html
    r = staff_client.get(url, {"periodo": "noviembre"})
    assert "AAAA-MM" in r.content.decode()


def test_the_list_runs_the_same_queries_for_10_or_1000_invoices(staff_client, datos):
    t, *_ = datos
    res = ResolucionFacturacion.objects.get()

    def copias(n, desde):
        Factura.objects.bulk_create(
            Factura(
                tipo="otro",
                numero=f"FV-{desde + i}",
                resolucion=res,
                consecutivo=desde + i,
                tercero=TerceroFactory.build(pk=t.pk),
                descripcion="x",
                fecha_emision=date(2026, 1, 1),
                fecha_vencimiento=date(2026, 1, 2),
                subtotal=Decimal(1),
                iva=0,
                total=Decimal(1),
                saldo=Decimal(1),
            )
            for i in range(n)
        )

    def contar():
        with CaptureQueriesContext(connection) as ctx:
            assert staff_client.get(reverse("facturacion:facturas")).status_code == 200
        return len(ctx.captured_queries)

    copias(8, 5000)
    pocas = contar()
    copias(990, 6000)
    assert contar() == pocas


def test_a_manual_invoice_is_issued_with_items(staff_client, datos):
    t, *_ = datos
    hoy = date.today()
    r = staff_client.get(reverse("facturacion:factura_nueva"))
    r = staff_client.post(
        reverse("facturacion:factura_nueva"),
        {
            "clave_idempotencia": clave_del_formulario(r),
            "tercero": str(t.pk),
            "tipo": "otro",
            "descripcion": "Reparación y avalúo",
            "fecha_emision": hoy.isoformat(),
            "fecha_vencimiento": (hoy + timedelta(days=10)).isoformat(),
            "items-TOTAL_FORMS": "3",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "1",
            "items-MAX_NUM_FORMS": "20",
            "items-0-descripcion": "Avalúo comercial",
            "items-0-cantidad": "1",
            "items-0-valor_unitario": "500000",
            "items-0-iva_porcentaje": "19",
            "items-1-descripcion": "Cerrajería",
            "items-1-cantidad": "2",
            "items-1-valor_unitario": "60000",
            "items-1-iva_porcentaje": "0",
            # the empty third row, as the browser posts it (initial values)
            "items-2-descripcion": "",
            "items-2-cantidad": "1",
            "items-2-valor_unitario": "",
            "items-2-iva_porcentaje": "0",
        },
    )
    nueva = Factura.objects.order_by("-pk").first()
    assert r.status_code == 302
    assert r["Location"] == reverse("facturacion:factura", args=[nueva.pk])
    assert (nueva.tercero, nueva.subtotal, nueva.iva, nueva.total) == (
        t,
        Decimal("620000"),
        Decimal("95000"),
        Decimal("715000"),
    )
    assert nueva.creada_por is not None
    assert "$ 715.000" in texto_pdf(
        staff_client.get(reverse("facturacion:factura_pdf", args=[nueva.pk])).content
    )


def test_bad_input_is_explained_and_kept(staff_client, datos):
    r = staff_client.post(
        reverse("facturacion:factura_nueva"),
        {
            "tercero": "99999999",
            "tipo": "arrendamiento",
            "descripcion": "Texto que no se pierde",
            "fecha_emision": "2026-11-10",
            "fecha_vencimiento": "2026-11-01",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-descripcion": "",
        },
    )
    html = r.content.decode()
    assert r.status_code == 200
    assert "Elija un tercero de la lista." in html
    assert "no puede ser anterior a la de emisión" in html
    assert "Texto que no se pierde" in html
    assert Factura.objects.count() == 2


def test_annul_with_a_reason(staff_client, datos):
    _t, vencida, _ = datos
    url = reverse("facturacion:factura_anular", args=[vencida.pk])
    assert staff_client.get(url).status_code == 405
    staff_client.post(url, {"motivo": ""})
    assert Factura.objects.get(pk=vencida.pk).estado == EstadoFactura.FACTURADA
    # Too short: refused next to the field, and the reason typed is still there.
    r = staff_client.post(url, {"motivo": "err"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "err</textarea>" in html
    assert "al menos 5" in html
    assert Factura.objects.get(pk=vencida.pk).estado == EstadoFactura.FACTURADA
    r = staff_client.post(url, {"motivo": "Valor mal digitado"}, follow=True)
    assert "quedó anulada" in r.content.decode()
    f = Factura.objects.get(pk=vencida.pk)
    assert (f.estado, f.motivo_anulacion) == (EstadoFactura.ANULADA, "Valor mal digitado")


def test_a_new_resolution_from_the_screen(staff_client, datos):
    r = staff_client.post(
        reverse("facturacion:resoluciones"),
        {
            "numero": "18764999",
            "fecha": "2026-11-01",
            "prefijo": "fe",
            "desde": "100",
            "hasta": "50",
            "vigente_desde": "2026-11-01",
            "vigente_hasta": "2028-11-01",
        },
    )
    assert "Debe ser mayor o igual al número inicial." in r.content.decode()
    r = staff_client.post(
        reverse("facturacion:resoluciones"),
        {
            "numero": "18764999",
            "fecha": "2026-11-01",
            "prefijo": "fe",
            "desde": "100",
            "hasta": "500",
            "vigente_desde": "2026-11-01",
            "vigente_hasta": "2028-11-01",
        },
    )
    assert r.status_code == 302
    assert ResolucionFacturacion.objects.get(activa=True).prefijo == "FE"
