"""A restart of `make run` (migrate + cargar_demo again, the next day) leaves the demo data as it was.

Compared row by row, field by field, in every table the project owns (and the files in MEDIA_ROOT),
not by counts: a rerun that rewrote a balance or a date would pass a count.
"""

from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db

APPS_PROPIAS = {"auth", "nucleo", "terceros", "facturacion", "pagos", "pqrs", "envios", "area_clientes"}
BOGOTA = ZoneInfo("America/Bogota")


def _huella() -> dict[str, list[tuple]]:
    """Every row of every project table, ordered by primary key.

    `auto_now` columns are left out: they say when a row was last written, not what the demo shows.
    """
    huella = {}
    for modelo in apps.get_models(include_auto_created=True):
        if modelo._meta.app_label not in APPS_PROPIAS:
            continue
        campos = [f.attname for f in modelo._meta.concrete_fields if not getattr(f, "auto_now", False)]
        huella[modelo._meta.label] = list(modelo._default_manager.order_by("pk").values_list(*campos))
    raiz = Path(settings.MEDIA_ROOT)
    huella["MEDIA_ROOT"] = sorted(str(p.relative_to(raiz)) for p in raiz.rglob("*") if p.is_file())
    return huella


def _cargar_demo():
    call_command("cargar_demo", stdout=StringIO())


def test_restarting_make_run_the_next_day_changes_no_row():
    # A month's 1st is the hardest day: this month's rent exists but is not due yet.
    inicio = datetime(2027, 3, 1, 8, 0, tzinfo=BOGOTA)
    with time_machine.travel(inicio, tick=False):
        _cargar_demo()
        primera = _huella()
    with time_machine.travel(inicio + timedelta(days=1, hours=1), tick=False):
        _cargar_demo()
        segunda = _huella()

    assert sum(len(filas) for filas in primera.values()) > 500  # the demo really loaded
    cambiadas = [tabla for tabla in primera if primera[tabla] != segunda[tabla]]
    assert not cambiadas, {t: (len(primera[t]), len(segunda[t])) for t in cambiadas}
