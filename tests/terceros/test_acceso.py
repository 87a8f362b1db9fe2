"""Entidad only for Administrador; the staff groups; unknown ids. (Access by URL: tests/security/test_acceso_urls.py.)"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


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
