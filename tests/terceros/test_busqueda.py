"""The one tercero search (terceros_buscar), its JSON endpoint and picker, on every screen that uses it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from envios.forms import GenerarForm
from terceros.models import ClaseTercero, Tercero, TipoDocumento
from terceros.selectors import terceros_buscar
from tests.factories import ContratoFactory, EntidadFactory, TerceroFactory
from tests.facturacion.datos import factura, resolucion

pytestmark = pytest.mark.django_db

OPCIONES = reverse("gestion:terceros_opciones")
HOSTILES = [
    "\x00",
    "ana\x00mejía",
    "²",
    "²³",
    "x" * 100_000,
    "9" * 30,
    "1.020.304" * 5000,
    "%",
    "\\",
    "'; --",
]


def _opciones(client, **params):
    respuesta = client.get(OPCIONES, params)
    assert respuesta.status_code == 200
    return respuesta.json()["resultados"]


@pytest.fixture
def mejia(db):
    return TerceroFactory(
        numero_documento="1020304050", nombres="Gloria Inés", apellidos="Mejía Peña", codigo_cliente="C-77"
    )


@pytest.mark.parametrize(
    "q", ["mejia", "MEJÍA", "Mejia", "mejía", "ines mejia", "PENA gloria", "peña", "GLORIA"]
)
def test_it_ignores_accents_and_case(mejia, q):
    TerceroFactory(nombres="Jorge", apellidos="Mejor")
    assert list(terceros_buscar(q=q)) == [mejia]


def test_a_name_stored_without_accents_is_found_typed_with_them():
    sin_tilde = TerceroFactory(nombres="Jose", apellidos="Munoz")
    assert list(terceros_buscar(q="JOSÉ MUÑOZ")) == [sin_tilde]


@pytest.mark.parametrize("q", ["1020", "1.020.304", "1020304050", "1 020 304"])
def test_digits_search_the_document_prefix(mejia, q):
    TerceroFactory(numero_documento="2010304050")
    assert list(terceros_buscar(q=q)) == [mejia]


def test_the_search_column_follows_every_kind_of_write(mejia):
    # bulk_create and queryset.update() skip save(): the database fills the column anyway.
    Tercero.objects.bulk_create(
        [
            Tercero(
                tipo_documento=TipoDocumento.CC, numero_documento="555", nombres="Ñusta", apellidos="Álvarez"
            )
        ]
    )
    assert [t.numero_documento for t in terceros_buscar(q="nusta alvarez")] == ["555"]
    Tercero.objects.filter(pk=mejia.pk).update(apellidos="Ospina")
    assert list(terceros_buscar(q="mejia")) == []
    assert list(terceros_buscar(q="OSPINA")) == [mejia]


@pytest.mark.parametrize(
    ("clase", "esperados"),
    [
        (ClaseTercero.AMBOS, {"inq", "prop", "los dos"}),
        (ClaseTercero.INQUILINOS, {"inq", "los dos"}),
        (ClaseTercero.PROPIETARIOS, {"prop", "los dos"}),
        (ClaseTercero.INQUILINO_Y_PROPIETARIO, {"los dos"}),
        ("", {"inq", "prop", "los dos", "ninguno"}),
        ("marcianos", {"inq", "prop", "los dos", "ninguno"}),
    ],
)
def test_each_clase_has_one_meaning(clase, esperados):
    for nombre, inquilino, propietario in [
        ("inq", True, False),
        ("prop", False, True),
        ("los dos", True, True),
        ("ninguno", False, False),
    ]:
        TerceroFactory(
            nombres=f"Zeta {nombre}", apellidos="", es_inquilino=inquilino, es_propietario=propietario
        )
    assert {t.nombres.removeprefix("Zeta ") for t in terceros_buscar(q="zeta", clase=clase)} == esperados


# --- the endpoint ---------------------------------------------------------------------------


def test_the_endpoint_answers_stable_keys_with_the_picker_label(staff_client, mejia):
    assert _opciones(staff_client, q="MEJIA") == [
        {"value": mejia.pk, "text": "1020304050 GLORIA INÉS MEJÍA PEÑA"}
    ]
    assert _opciones(staff_client, q="1.020") == [{"value": mejia.pk, "text": mejia.etiqueta}]
    assert _opciones(staff_client, q="m") == []


def test_the_endpoint_filters_by_clase(staff_client):
    inquilina = TerceroFactory(nombres="Ana", apellidos="Pérez", es_inquilino=True, es_propietario=False)
    duena = TerceroFactory(nombres="Ana", apellidos="Gómez", es_inquilino=False, es_propietario=True)
    assert [r["value"] for r in _opciones(staff_client, q="ana", clase="propietarios")] == [duena.pk]
    assert [r["value"] for r in _opciones(staff_client, q="ana", clase="inquilinos")] == [inquilina.pk]
    assert {r["value"] for r in _opciones(staff_client, q="ana", clase="ambos")} == {inquilina.pk, duena.pk}


def test_the_endpoint_returns_at_most_20_in_a_bounded_number_of_queries(staff_client):
    TerceroFactory.create_batch(3, nombres="Repetida")
    with CaptureQueriesContext(connection) as pocos:
        assert len(_opciones(staff_client, q="repetida")) == 3
    TerceroFactory.create_batch(40, nombres="Repetida")
    with CaptureQueriesContext(connection) as muchos:
        assert len(_opciones(staff_client, q="repetida")) == 20
    assert len(muchos) == len(pocos) <= 6  # session, user, terceros + the session save (3)


def test_the_endpoint_refuses_anonymous_users_and_portal_clients(client, cliente):
    respuesta = client.get(OPCIONES, {"q": "ana"})
    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith(reverse("gestion:ingresar"))
    client.force_login(cliente.usuario)
    assert client.get(OPCIONES, {"q": "ana"}).status_code == 403


@pytest.mark.parametrize("q", HOSTILES)
def test_hostile_input_answers_200_and_nothing(staff_client, mejia, q):
    assert _opciones(staff_client, q=q, clase=q) == []
    respuesta = staff_client.get(reverse("gestion:terceros"), {"q": q})
    assert respuesta.status_code == 200
    # The list's form refuses NUL and over 100 characters (and says so); then it lists everyone.
    invalida = "\x00" in q or len(q) > 100
    assert list(respuesta.context["pagina"].object_list) == ([mejia] if invalida else [])
    assert respuesta.context["form"].is_valid() is not invalida


# --- the other screens use the same search ----------------------------------------------------


def test_invoices_payments_and_contracts_find_the_client_without_accents(staff_client, mejia):
    EntidadFactory()
    resolucion()
    otra = factura(TerceroFactory(nombres="Otro", apellidos="Cliente"))
    suya = factura(mejia)
    contrato = ContratoFactory(inquilino=mejia)
    for q in ["MEJIA pena", "1.020.304"]:
        facturas = staff_client.get(reverse("facturacion:facturas"), {"buscar": q}).context["pagina"]
        assert [f.pk for f in facturas] == [suya.pk], q
        contratos = staff_client.get(reverse("gestion:contratos"), {"q": q}).context["pagina"]
        assert [c.pk for c in contratos] == [contrato.pk], q
    assert otra.pk not in [
        f.pk for f in staff_client.get(reverse("facturacion:facturas"), {"buscar": "mejia"}).context["pagina"]
    ]


@pytest.mark.parametrize("url", ["facturacion:facturas", "pagos:pagos", "pagos:egresos"])
@pytest.mark.parametrize("q", HOSTILES)
def test_hostile_input_in_the_other_lists_answers_200(staff_client, url, q):
    assert staff_client.get(reverse(url), {"buscar": q}).status_code == 200


# --- the picker ------------------------------------------------------------------------------


def test_the_picker_renders_only_the_chosen_terceros_with_their_label(mejia):
    TerceroFactory.create_batch(5)
    form = GenerarForm({"clase": "ambos", "filtro": "solo", "terceros": [str(mejia.pk), "²", "9" * 30, "x"]})
    html = str(form["terceros"])
    assert f'data-selector-terceros="{OPCIONES}"' in html
    assert 'data-clase-desde="id_clase"' in html
    assert html.count("<option") == 2  # the empty one and the chosen one
    assert f'<option value="{mejia.pk}" selected>{mejia.etiqueta}</option>' in html
    assert not form.is_valid()


def test_the_contract_form_uses_the_same_picker(staff_client):
    html = staff_client.get(reverse("gestion:contrato_nuevo")).content.decode()
    assert html.count(f'data-selector-terceros="{OPCIONES}"') == 2  # inquilino and codeudores
    assert "js/selector_terceros.js" in html
