"""Staff inbox /gestion/pqrs/: filters (with Colombia's day boundaries), traffic light, bounded queries."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pqrs.models import Clasificacion, EstadoPqrs
from pqrs.services import pqrs_asignar
from tests.factories import ClienteFactory
from tests.pqrs.gestion import con_vencimiento, navegador, staff

BOGOTA = ZoneInfo("America/Bogota")
URL = "/gestion/pqrs/"
# Wednesday 15 April 2026, mid-morning in Bogotá; its week ends on Sunday the 19th.
MIERCOLES = datetime(2026, 4, 15, 10, 0, tzinfo=BOGOTA)


@pytest.fixture
def dia():
    with time_machine.travel(MIERCOLES, tick=False) as viaje:
        yield viaje


@pytest.fixture
def personal(db, agencia):
    return staff(first_name="Marta", last_name="Gestora")


def _radicados(respuesta) -> list[str]:
    return [p.radicado for p, _s, _d in respuesta.context["filas"]]


def test_it_lists_open_pqrs_most_urgent_first_with_a_labelled_traffic_light(dia, radicar, personal):
    verde = con_vencimiento(radicar(), date(2026, 4, 30))
    ambar = con_vencimiento(radicar(), date(2026, 4, 17))  # Fri: 3 business days left, today included
    roja = con_vencimiento(radicar(), date(2026, 4, 14))
    cerrada = con_vencimiento(radicar(), date(2026, 4, 1), estado=EstadoPqrs.CERRADA)

    r = navegador(personal).get(URL)

    assert r.status_code == 200
    assert _radicados(r) == [roja.radicado, ambar.radicado, verde.radicado]
    assert cerrada.radicado not in r.content.decode()
    html = r.content.decode()
    # Never colour alone: every light carries an icon and a word.
    assert "bi-x-octagon-fill" in html
    assert "Vencida" in html
    assert "bi-exclamation-triangle-fill" in html
    assert "Por vencer" in html
    assert "3 días" in html
    assert "bi-check-circle-fill" in html
    assert "A tiempo" in html


def test_vence_hoy_semana_and_vencidas_select_by_the_running_clock(dia, radicar, personal):
    hoy = con_vencimiento(radicar(), date(2026, 4, 15))
    domingo = con_vencimiento(radicar(), date(2026, 4, 19))
    lunes = con_vencimiento(radicar(), date(2026, 4, 20))
    ayer = con_vencimiento(radicar(), date(2026, 4, 14))
    # The clock of a PQRS waiting for the client is stopped: it is never overdue or due.
    con_vencimiento(radicar(), date(2026, 4, 10), estado=EstadoPqrs.ESPERANDO_CLIENTE)
    con_vencimiento(radicar(), date(2026, 4, 15), estado=EstadoPqrs.RESPONDIDA)
    c = navegador(personal)

    assert _radicados(c.get(URL, {"vence": "hoy"})) == [hoy.radicado]
    assert _radicados(c.get(URL, {"vence": "semana"})) == [hoy.radicado, domingo.radicado]
    assert _radicados(c.get(URL, {"vence": "vencidas"})) == [ayer.radicado]
    assert lunes.radicado in _radicados(c.get(URL))


@pytest.mark.parametrize(
    ("momento", "hoy", "semana", "vencidas"),
    [
        # 23:59 in Bogotá is already the next day in UTC (04:59): the filters follow Colombia.
        (datetime(2026, 4, 15, 23, 59, tzinfo=BOGOTA), ["miercoles"], ["miercoles", "domingo"], []),
        (datetime(2026, 4, 16, 0, 1, tzinfo=BOGOTA), [], ["domingo"], ["miercoles"]),
        # The week ends on Sunday night; on Monday the next week begins.
        (datetime(2026, 4, 19, 23, 59, tzinfo=BOGOTA), ["domingo"], ["domingo"], ["miercoles"]),
        (datetime(2026, 4, 20, 0, 1, tzinfo=BOGOTA), ["lunes"], ["lunes"], ["miercoles", "domingo"]),
    ],
)
def test_the_filters_turn_at_midnight_in_colombia(radicar, personal, momento, hoy, semana, vencidas):
    with time_machine.travel(MIERCOLES, tick=False):
        casos = {
            "miercoles": con_vencimiento(radicar(), date(2026, 4, 15)),
            "domingo": con_vencimiento(radicar(), date(2026, 4, 19)),
            "lunes": con_vencimiento(radicar(), date(2026, 4, 20)),
        }
    nombres = {p.radicado: n for n, p in casos.items()}
    c = navegador(personal)
    with time_machine.travel(momento, tick=False):
        for vence, esperado in (("hoy", hoy), ("semana", semana), ("vencidas", vencidas)):
            assert [nombres[r] for r in _radicados(c.get(URL, {"vence": vence}))] == esperado, (
                momento,
                vence,
            )


def test_state_clasificacion_and_assignee_filters(dia, radicar, personal):
    otra_persona = staff()
    queja = radicar(clasificacion=Clasificacion.QUEJA)
    mia = pqrs_asignar(pqrs=radicar(), usuario=personal, actor=personal)
    ajena = pqrs_asignar(pqrs=radicar(), usuario=otra_persona, actor=personal)
    cerrada = con_vencimiento(radicar(), date(2026, 4, 1), estado=EstadoPqrs.CERRADA)
    c = navegador(personal)

    assert _radicados(c.get(URL, {"clasificacion": "queja"})) == [queja.radicado]
    assert _radicados(c.get(URL, {"asignado": "yo"})) == [mia.radicado]
    assert _radicados(c.get(URL, {"asignado": str(otra_persona.pk)})) == [ajena.radicado]
    assert set(_radicados(c.get(URL, {"asignado": "ninguno"}))) == {queja.radicado}
    assert _radicados(c.get(URL, {"estado": "cerrada"})) == [cerrada.radicado]
    assert cerrada.radicado in _radicados(c.get(URL, {"estado": "todas"}))
    assert set(_radicados(c.get(URL, {"estado": "en_tramite"}))) == {mia.radicado, ajena.radicado}


def test_text_search_finds_radicado_tercero_name_document_and_description(dia, radicar, personal):
    mejia = ClienteFactory(nombres="Gloria", apellidos="Mejía Zapata", numero_documento="43111222")
    de_gloria = radicar(tercero=mejia, descripcion="Humedad en la pared del baño")
    otra = radicar(descripcion="La puerta del garaje no cierra")
    c = navegador(personal)

    assert _radicados(c.get(URL, {"texto": de_gloria.radicado})) == [de_gloria.radicado]
    numero = int(otra.radicado.rsplit("-", 1)[1])
    assert _radicados(c.get(URL, {"texto": f"pqrs-2026-{numero}"})) == [otra.radicado]  # zeros optional
    assert _radicados(c.get(URL, {"texto": "MEJIA gloria"})) == [de_gloria.radicado]  # accents, order, case
    assert _radicados(c.get(URL, {"texto": "43.111"})) == [de_gloria.radicado]  # document prefix
    assert _radicados(c.get(URL, {"texto": "garaje"})) == [otra.radicado]
    assert _radicados(c.get(URL, {"texto": "nada parecido"})) == []


def test_a_bad_filter_value_is_explained_and_the_list_still_shows(dia, radicar, personal):
    p = radicar()
    r = navegador(personal).get(URL, {"vence": "mañana", "texto": "a\x00b"})
    assert r.status_code == 200
    assert r.context["filtro"].errors
    assert _radicados(r) == [p.radicado]


def test_the_query_count_does_not_grow_with_the_rows(dia, radicar, personal, django_assert_max_num_queries):
    c = navegador(personal)
    for _ in range(3):
        con_vencimiento(
            pqrs_asignar(pqrs=radicar(tercero=ClienteFactory()), usuario=staff(), actor=personal),
            date(2026, 4, 16),
        )
    with CaptureQueriesContext(connection) as pocas:
        r = c.get(URL, {"vence": "semana", "texto": "calentador"})
    assert len(r.context["filas"]) == 3
    for _ in range(40):
        con_vencimiento(
            pqrs_asignar(pqrs=radicar(tercero=ClienteFactory()), usuario=staff(), actor=personal),
            date(2026, 4, 16),
        )
    with django_assert_max_num_queries(len(pocas)):
        r = c.get(URL, {"vence": "semana", "texto": "calentador"})
    assert len(r.context["filas"]) == 25  # one page


def test_the_menu_and_the_home_lead_to_the_filtered_inbox(dia, radicar, personal):
    con_vencimiento(radicar(), date(2026, 4, 15))
    con_vencimiento(radicar(), date(2026, 4, 10))
    con_vencimiento(radicar(), date(2026, 4, 13))
    html = navegador(personal).get("/gestion/").content.decode()
    assert f'href="{reverse("gestion:pqrs_bandeja")}"' in html
    assert f'href="{URL}?vence=vencidas"' in html
    assert f'href="{URL}?vence=hoy"' in html
    panel = html[html.index("PQRS por atender") :]
    assert "Vencidas" in panel
    assert ">2<" in panel
    assert ">1<" in panel


def test_clients_and_anonymous_never_reach_the_inbox(dia, radicar, inquilino):
    assert Client().get(URL).status_code == 302
    cliente = navegador(inquilino.usuario)
    assert cliente.get(URL).status_code == 403
    assert cliente.get(f"{URL}{radicar().pk}/").status_code == 403
