"""Issue 12 point 7: the invoice list and the dashboard do less work per request, and still show
the same thing. Each fix has a test that fails when it is reverted:

- the Tercero comes with the user (one query, joined) — `test_the_tercero_is_loaded_with_the_user`;
- the invoice list's count and year filter are one GROUP BY, no COUNT(*) —
  `test_the_invoice_list_runs_no_count_query` and the exact bounds below;
- the dashboard's balances and next invoice are one query — `test_dashboard_figures_are_one_query`;
- rows render with `url_id` and `|fecha` — their own equality tests against reverse() / |date.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from facturacion.models import EstadoFactura, EstadoVisible, Factura, TipoFactura
from facturacion.selectors import TIPOS_INQUILINO, facturas_conteo, facturas_de, saldo_pendiente
from tests.factories import ClienteFactory, ContratoFactory, EntidadFactory, PropiedadFactory
from tests.facturacion.datos import resolucion

pytestmark = pytest.mark.django_db

HOY = date(2026, 12, 1)


def _facturas(tercero, contrato, res, n, *, desde=0):
    """n invoices over three years, in every visible state (some annulled, some commissions)."""
    filas = []
    for i in range(desde, desde + n):
        emision = date(2024, 1, 1) + timedelta(days=(i * 37) % 1060)
        estado = [
            EstadoFactura.PAGADA,
            EstadoFactura.FACTURADA,
            EstadoFactura.ANULADA,
            EstadoFactura.FACTURADA,
        ][i % 4]
        filas.append(
            Factura(
                tipo=TipoFactura.COMISION if i % 7 == 0 else TipoFactura.ARRENDAMIENTO,
                numero=f"FV-{res.desde + i}",
                resolucion=res,
                consecutivo=res.desde + i,
                tercero=tercero,
                contrato=contrato,
                periodo=date(2000 + i // 12, i % 12 + 1, 1),
                descripcion=f"Canon {i}",
                fecha_emision=emision,
                fecha_vencimiento=emision + timedelta(days=10),
                subtotal=Decimal("1000000"),
                iva=Decimal("0"),
                total=Decimal("1000000"),
                saldo=Decimal("0") if estado == EstadoFactura.PAGADA else Decimal("400000") * (1 + i % 2),
                estado=estado,
                motivo_anulacion="Error de digitación" if estado == EstadoFactura.ANULADA else "",
            )
        )
    Factura.objects.bulk_create(filas)


@pytest.fixture
def inquilino():
    EntidadFactory()
    cliente = ClienteFactory(es_inquilino=True, es_propietario=False)
    contrato = ContratoFactory(inquilino=cliente, propiedad=PropiedadFactory())
    cliente.contrato_prueba = contrato
    return cliente


def _sql(ctx):
    return [q["sql"] for q in ctx.captured_queries]


@time_machine.travel(HOY)
def test_the_invoice_count_and_years_match_the_rows_for_every_filter(inquilino):
    _facturas(inquilino, inquilino.contrato_prueba, resolucion(desde=1, hasta=10_000), 60)
    conteo = facturas_conteo(tercero=inquilino, tipos=TIPOS_INQUILINO, a_la_fecha=HOY)
    anios_reales = sorted(
        {f.fecha_emision.year for f in Factura.objects.vigentes().filter(tipo__in=TIPOS_INQUILINO)},
        reverse=True,
    )
    assert conteo.anios == anios_reales == [2026, 2025, 2024]
    for estado in ["", "bogus", *EstadoVisible.values]:
        for anio in [None, 2024, 2025, 2026, 2030]:
            filas = facturas_de(
                tercero=inquilino, tipos=TIPOS_INQUILINO, estado=estado, anio=anio, a_la_fecha=HOY
            )
            assert conteo.total(estado=estado, anio=anio) == filas.count(), (estado, anio)
    assert conteo.total(estado=EstadoVisible.VENCIDA) > 0  # the data does exercise the derived state


@time_machine.travel(HOY)
def test_the_invoice_list_runs_no_count_query_and_paginates_right(client, inquilino):
    _facturas(inquilino, inquilino.contrato_prueba, resolucion(desde=1, hasta=10_000), 60)
    client.force_login(inquilino.usuario)
    esperadas = facturas_de(tercero=inquilino, tipos=TIPOS_INQUILINO).count()
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(reverse("area_clientes:facturas"))
    assert r.status_code == 200
    assert not [q for q in _sql(ctx) if "COUNT(*)" in q.upper()]
    assert r.context["pagina"].paginator.count == esperadas
    assert f"de {esperadas}" in r.content.decode()  # "1-20 de N" in the pagination line
    r = client.get(reverse("area_clientes:facturas"), {"estado": "vencida", "anio": "2025"})
    vencidas_2025 = facturas_de(tercero=inquilino, tipos=TIPOS_INQUILINO, estado="vencida", anio=2025).count()
    assert r.context["pagina"].paginator.count == vencidas_2025 > 0
    assert r.context["anios"] == [2026, 2025, 2024]


def test_the_tercero_is_loaded_with_the_user(client, inquilino):
    client.force_login(inquilino.usuario)
    for nombre in ("area_clientes:facturas", "area_clientes:inicio"):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(nombre)).status_code == 200
        desde_tercero = [q for q in _sql(ctx) if q.lstrip().upper().startswith('SELECT "TERCEROS_TERCERO"')]
        assert not desde_tercero, f"{nombre}: el tercero se consultó aparte del usuario"


def test_a_staff_user_still_has_no_tercero(staff_client):
    assert staff_client.get("/gestion/configuraciones/").status_code == 200
    assert staff_client.get(reverse("area_clientes:inicio")).status_code == 200  # staff sees the login form


@time_machine.travel(HOY)
def test_dashboard_figures_are_one_query(inquilino, django_assert_num_queries):
    _facturas(inquilino, inquilino.contrato_prueba, resolucion(desde=1, hasta=10_000), 40)
    pendientes = Factura.objects.filter(
        tercero=inquilino, tipo__in=TIPOS_INQUILINO, estado=EstadoFactura.FACTURADA
    )
    with django_assert_num_queries(1):
        saldos = saldo_pendiente(tercero=inquilino)
    assert saldos["saldo"] == sum(f.saldo for f in pendientes) > 0
    assert saldos["vencido"] == sum(f.saldo for f in pendientes if f.fecha_vencimiento < HOY)
    assert saldos["proxima"] == pendientes.order_by("fecha_vencimiento", "consecutivo").first()


def test_dashboard_figures_with_nothing_pending(inquilino):
    assert saldo_pendiente(tercero=inquilino) == {
        "saldo": Decimal("0"),
        "vencido": Decimal("0"),
        "proxima": None,
    }


@time_machine.travel(HOY)
def test_dashboard_figures_with_nothing_overdue(inquilino):
    _facturas(inquilino, inquilino.contrato_prueba, resolucion(desde=1, hasta=10_000), 8)
    Factura.objects.update(fecha_vencimiento=HOY + timedelta(days=5))
    saldos = saldo_pendiente(tercero=inquilino)
    assert saldos["vencido"] == Decimal("0")
    assert saldos["saldo"] > 0


@time_machine.travel(HOY)
@pytest.mark.parametrize(("nombre", "limite"), [("area_clientes:facturas", 7), ("area_clientes:inicio", 8)])
def test_exact_query_bounds(client, inquilino, django_assert_max_num_queries, nombre, limite):
    """Session, user + tercero (one JOIN), the page's own queries, entidad, session save.

    Invoice list: conteo (GROUP BY) + rows + the page's online payments in verification (one).
    Tenant dashboard: balances + next invoice (one), last payments, open PQRS, a payment in
    verification. The bound holds for 10 or 200 invoices.
    """
    res = resolucion(desde=1, hasta=10_000)
    client.force_login(inquilino.usuario)
    for n, desde in ((10, 0), (190, 10)):
        _facturas(inquilino, inquilino.contrato_prueba, res, n, desde=desde)
        # +2: the session save's SAVEPOINT / RELEASE inside the test's transaction.
        with django_assert_max_num_queries(limite + 2):
            assert client.get(reverse(nombre)).status_code == 200


def test_url_id_gives_what_url_gives():
    plantilla = Template(
        "{% load ui %}{% url_id 'area_clientes:factura_pdf' pk %}|{% url 'area_clientes:factura_pdf' pk %}"
    )
    for pk in (1, 7, 98765432, 987654321, 9876543210):
        propio, de_django = plantilla.render(Context({"pk": pk})).split("|")
        assert propio == de_django == f"/customerarea/facturas/{pk}/pdf/"


def test_url_id_refuses_what_is_not_an_id():
    plantilla = Template("{% load ui %}{% url_id 'area_clientes:factura_pdf' pk %}")
    with pytest.raises((ValueError, TypeError)):
        plantilla.render(Context({"pk": "1/../../x"}))


def test_fecha_gives_what_date_gives():
    plantilla = Template('{% load ui %}{{ d|fecha }}|{{ d|date:"d/m/Y" }}')
    for d in (date(2026, 11, 21), date(2027, 1, 1), date(2028, 2, 29), date(999, 3, 4)):
        propio, de_django = plantilla.render(Context({"d": d})).split("|")
        assert propio == de_django
    assert Template("{% load ui %}[{{ d|fecha }}]").render(Context({"d": None})) == "[]"


def test_a_login_without_tercero_is_sent_to_the_login_form(client, inquilino):
    from terceros.models import Usuario

    huerfano = Usuario.objects.create_user(username="sin-tercero", password="x" * 12)
    client.force_login(huerfano)
    r = client.get(reverse("area_clientes:facturas"))
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("area_clientes:ingresar"))
