"""The staff's terceros list: search by name, document and code, filter by clase, bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from facturacion.selectors import facturas_gestion
from pagos.selectors import egresos_gestion, pagos_gestion
from terceros.models import Tercero, TipoDocumento
from terceros.selectors import terceros_buscar
from tests.factories import EmpresaFactory, TerceroFactory

pytestmark = pytest.mark.django_db

URL = reverse("gestion:terceros")


def _nombres(r):
    return [t.nombre_completo for t in r.context["pagina"].object_list]


def test_it_finds_a_tercero_by_name_in_any_order_and_case(staff_client):
    TerceroFactory(nombres="Ana María", apellidos="Restrepo Vélez")
    TerceroFactory(nombres="Jorge", apellidos="Restrepo Arango")
    TerceroFactory(nombres="Luisa", apellidos="Gómez")
    r = staff_client.get(URL, {"q": "restrepo ana"})
    assert _nombres(r) == ["Ana María Restrepo Vélez"]
    assert len(_nombres(staff_client.get(URL, {"q": "RESTREPO"}))) == 2


def test_it_finds_a_company_by_razon_social(staff_client):
    EmpresaFactory(razon_social="Rentas del Valle S.A.S.")
    assert _nombres(staff_client.get(URL, {"q": "del valle"})) == ["Rentas del Valle S.A.S."]


def test_it_finds_by_document_prefix_typed_with_dots(staff_client):
    TerceroFactory(numero_documento="1020304050", nombres="Ana")
    TerceroFactory(numero_documento="1020999999", nombres="Beto")
    TerceroFactory(numero_documento="79111222", nombres="Carlos")
    r = staff_client.get(URL, {"q": "1.020.304"})
    assert _nombres(r) == [Tercero.objects.get(numero_documento="1020304050").nombre_completo]
    assert len(_nombres(staff_client.get(URL, {"q": "1020"}))) == 2


def test_it_finds_by_client_code(staff_client):
    TerceroFactory(codigo_cliente="C-1001", nombres="Ana")
    TerceroFactory(codigo_cliente="C-2002", nombres="Beto")
    assert len(_nombres(staff_client.get(URL, {"q": "c-1001"}))) == 1


@pytest.mark.parametrize(
    ("clase", "esperados"),
    [
        ("inquilinos", {"Inq", "Ambos"}),
        ("propietarios", {"Prop", "Ambos"}),
        # "Inquilinos y Propietarios" means everyone who is either, as in the bulk send.
        ("ambos", {"Inq", "Prop", "Ambos"}),
        ("inquilino_y_propietario", {"Ambos"}),
        ("", {"Inq", "Prop", "Ambos", "Ninguna"}),
    ],
)
def test_it_filters_by_clase(staff_client, clase, esperados):
    TerceroFactory(nombres="Inq", apellidos="", es_inquilino=True, es_propietario=False)
    TerceroFactory(nombres="Prop", apellidos="", es_inquilino=False, es_propietario=True)
    TerceroFactory(nombres="Ambos", apellidos="", es_inquilino=True, es_propietario=True)
    TerceroFactory(nombres="Ninguna", apellidos="", es_inquilino=False, es_propietario=False)
    r = staff_client.get(URL, {"clase": clase})
    assert set(_nombres(r)) == esperados


def test_it_ignores_an_unknown_clase_and_keeps_the_typed_search(staff_client):
    TerceroFactory(nombres="Ana")
    r = staff_client.get(URL, {"clase": "marcianos", "q": "zzz"})
    assert r.status_code == 200
    assert 'value="zzz"' in r.content.decode()


def test_it_treats_wildcards_as_text(staff_client):
    TerceroFactory(nombres="Ana")
    assert _nombres(staff_client.get(URL, {"q": "%"})) == []
    assert _nombres(staff_client.get(URL, {"q": "_n_"})) == []


def test_it_paginates_and_keeps_the_filters_in_the_links(staff_client):
    TerceroFactory.create_batch(30, nombres="Repetido", es_inquilino=True)
    r = staff_client.get(URL, {"q": "repetido", "clase": "inquilinos"})
    assert len(_nombres(r)) == 25
    html = r.content.decode()
    assert "?q=repetido&amp;clase=inquilinos&amp;pagina=2" in html
    assert len(_nombres(staff_client.get(URL, {"q": "repetido", "clase": "inquilinos", "pagina": 2}))) == 5
    # Links saved before the one convention (?page=) still land on their page, and move on as ?pagina=.
    viejo = staff_client.get(URL, {"q": "repetido", "clase": "inquilinos", "page": 2})
    assert len(_nombres(viejo)) == 5
    assert "?q=repetido&amp;clase=inquilinos&amp;pagina=1" in viejo.content.decode()
    assert '&amp;page=1"' not in viejo.content.decode()
    assert staff_client.get(URL, {"pagina": "9999"}).status_code == 200


def _crear(n):
    Tercero.objects.bulk_create(
        Tercero(
            tipo_documento=TipoDocumento.CC,
            numero_documento=str(50_000_000 + i),
            nombres=f"Nombre{i}",
            apellidos="Apellido",
            email=f"t{i}@prueba.test",
            es_inquilino=i % 2 == 0,
            es_propietario=i % 3 == 0,
        )
        for i in range(n)
    )


@pytest.mark.parametrize("consulta", [{}, {"q": "nombre1"}, {"q": "5000"}, {"clase": "ambos", "pagina": "2"}])
def test_the_number_of_queries_does_not_grow_with_the_rows(staff_client, entidad, consulta):
    _crear(3)
    with CaptureQueriesContext(connection) as pocos:
        assert staff_client.get(URL, consulta).status_code == 200
    _crear_mas = 300
    Tercero.objects.all().delete()
    _crear(_crear_mas)
    with CaptureQueriesContext(connection) as muchos:
        assert staff_client.get(URL, consulta).status_code == 200
    assert len(muchos) == len(pocos)
    # session, user, entidad, count, rows + the session save (BEGIN, UPDATE, COMMIT).
    assert len(muchos) <= 8


@pytest.mark.postgres
def test_postgres_uses_the_trigram_and_prefix_indexes(db):
    _crear(50)
    Tercero.objects.create(
        tipo_documento=TipoDocumento.CC, numero_documento="1020304", nombres="José", apellidos="Mejía"
    )
    with connection.cursor() as cursor:
        # Only bitmap scans left: the plan names an index only if its expression matches the query.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        for consulta, indice in (
            (terceros_buscar(q="nombre12"), "tercero_busqueda_trgm"),
            (terceros_buscar(q="MEJÍA jose"), "tercero_busqueda_trgm"),
            (terceros_buscar(q="5000001"), "numero_documento"),
            (terceros_buscar(q="1.020.304"), "numero_documento"),
            # The other apps' staff searches go through the same index.
            (facturas_gestion(buscar="mejia"), "tercero_busqueda_trgm"),
            (pagos_gestion(buscar="Mejía"), "tercero_busqueda_trgm"),
            (egresos_gestion(buscar="1.020.304"), "numero_documento"),
        ):
            sql, params = consulta.query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(fila[0] for fila in cursor.fetchall())
            assert indice in plan, plan
    assert [t.nombres for t in terceros_buscar(q="MEJÍA jose")] == ["José"]


def test_the_property_and_contract_lists_have_bounded_queries(staff_client, entidad):
    from tests.factories import ContratoFactory, PropiedadFactory

    def medir():
        conteos = []
        for url in (reverse("gestion:propiedades"), reverse("gestion:contratos")):
            with CaptureQueriesContext(connection) as q:
                assert staff_client.get(url).status_code == 200
            conteos.append(len(q))
        return conteos

    ContratoFactory(propiedad=PropiedadFactory(propietarios=[TerceroFactory()]))
    pocos = medir()
    for _ in range(30):
        ContratoFactory(propiedad=PropiedadFactory(propietarios=[TerceroFactory(), TerceroFactory()]))
    assert medir() == pocos
    assert max(pocos) <= 9
