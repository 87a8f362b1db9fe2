"""Every staff view: anonymous → staff login, a portal client → 403; Entidad only for Administrador."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import ContratoFactory, PropiedadFactory, StaffFactory, TerceroFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls_staff():
    tercero = TerceroFactory()
    propiedad = PropiedadFactory(propietarios=[TerceroFactory(es_propietario=True)])
    contrato = ContratoFactory()
    return [
        reverse("gestion:inicio"),
        reverse("gestion:terceros"),
        reverse("gestion:tercero_nuevo"),
        reverse("gestion:terceros_opciones") + "?q=ab",
        reverse("gestion:tercero_detalle", args=[tercero.pk]),
        reverse("gestion:tercero_editar", args=[tercero.pk]),
        reverse("gestion:propiedades"),
        reverse("gestion:propiedad_nueva"),
        reverse("gestion:propiedad_detalle", args=[propiedad.pk]),
        reverse("gestion:propiedad_editar", args=[propiedad.pk]),
        reverse("gestion:contratos"),
        reverse("gestion:contrato_nuevo"),
        reverse("gestion:contrato_detalle", args=[contrato.pk]),
        reverse("gestion:contrato_editar", args=[contrato.pk]),
        reverse("gestion:configuraciones"),
        reverse("gestion:entidad"),
    ]


def test_it_sends_anonymous_visitors_to_the_staff_login(client, urls_staff):
    for url in urls_staff:
        r = client.get(url)
        assert r.status_code == 302, url
        assert r["Location"].startswith(reverse("gestion:ingresar") + "?next="), url


def test_it_refuses_a_portal_client(cliente_client, urls_staff):
    for url in urls_staff:
        assert cliente_client.get(url).status_code == 403, url


def test_it_refuses_posts_from_a_portal_client(cliente_client, urls_staff):
    for url in urls_staff:
        assert cliente_client.post(url, {}).status_code in (403, 405), url


def test_it_opens_every_page_for_an_administrador(client, entidad, urls_staff):
    admin = StaffFactory()
    admin.groups.add(Group.objects.get(name="Administrador"))
    client.force_login(admin)
    for url in urls_staff:
        assert client.get(url).status_code == 200, url


def test_only_an_administrador_edits_the_entidad(client, entidad):
    auxiliar = StaffFactory()
    auxiliar.groups.add(Group.objects.get(name="Auxiliar"))
    client.force_login(auxiliar)
    assert client.get(reverse("gestion:entidad")).status_code == 403
    r = client.post(reverse("gestion:entidad"), {"nombre": "Otra", "nit": "9001234568"})
    assert r.status_code == 403
    entidad.refresh_from_db()
    assert entidad.nombre != "Otra"
    # The configuration page does not offer the link either.
    assert reverse("gestion:entidad") not in client.get(reverse("gestion:configuraciones")).content.decode()


def test_the_groups_exist_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Administrador", "Auxiliar"}


@pytest.mark.parametrize(
    "nombre",
    [
        "tercero_detalle",
        "tercero_editar",
        "propiedad_detalle",
        "propiedad_editar",
        "contrato_detalle",
        "contrato_editar",
    ],
)
def test_an_unknown_id_is_404(staff_client, nombre):
    assert staff_client.get(reverse(f"gestion:{nombre}", args=[999999])).status_code == 404
