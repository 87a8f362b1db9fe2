"""One 404 convention: a selector for one row answers Http404 for a missing or foreign id."""

import pytest
from django.http import Http404

from area_clientes.acceso import Perfil, tiene_perfil
from nucleo.selectores import uno_o_404
from terceros import selectors
from terceros.models import Tercero
from tests.factories import TerceroFactory

pytestmark = pytest.mark.django_db


def test_it_returns_the_row_or_raises_404():
    tercero = TerceroFactory()
    assert uno_o_404(Tercero.objects, pk=tercero.pk) == tercero
    with pytest.raises(Http404):
        uno_o_404(Tercero.objects.filter(es_inquilino=not tercero.es_inquilino), pk=tercero.pk)
    with pytest.raises(Http404):
        uno_o_404(Tercero.objects, pk=10**30)


@pytest.mark.parametrize(
    "selector",
    [selectors.tercero_con_relaciones, selectors.propiedad_con_relaciones, selectors.contrato_con_relaciones],
)
def test_staff_detail_selectors_raise_404(selector):
    with pytest.raises(Http404):
        selector(pk=999_999)


@pytest.mark.parametrize(
    ("inquilino", "propietario", "permitidos"),
    [
        (True, False, {None, Perfil.INQUILINO, Perfil.CUALQUIERA}),
        (False, True, {None, Perfil.PROPIETARIO, Perfil.CUALQUIERA}),
        (True, True, {None, Perfil.INQUILINO, Perfil.PROPIETARIO, Perfil.CUALQUIERA}),
        (False, False, {None}),
    ],
)
def test_profiles(inquilino, propietario, permitidos):
    tercero = Tercero(es_inquilino=inquilino, es_propietario=propietario)
    assert {p for p in [None, *Perfil] if tiene_perfil(tercero, p)} == permitidos
