"""What users read: no setting names in staff help."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

NOMBRE_DE_AJUSTE = re.compile(r"\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b")


class _Texto(HTMLParser):
    """The text a person sees (attributes, scripts and styles left out)."""

    def __init__(self):
        super().__init__()
        self.partes, self._oculto = [], 0

    def handle_starttag(self, tag, attrs):
        self._oculto += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._oculto -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._oculto:
            self.partes.append(data)


def texto_visible(html: str) -> str:
    p = _Texto()
    p.feed(html)
    return " ".join(p.partes)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "nombre",
    [
        "envios:area_clientes",
        "envios:correo",
        "gestion:configuraciones",
        "gestion:tercero_nuevo",
        "gestion:entidad",
    ],
)
def test_staff_pages_name_no_setting(nombre, client, entidad):
    from tests.factories import StaffFactory

    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    r = client.get(reverse(nombre))
    assert r.status_code == 200
    assert NOMBRE_DE_AJUSTE.findall(texto_visible(r.content.decode())) == []
