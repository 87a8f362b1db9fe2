"""Demo master data that reads true, and a logo stored once whatever the number of runs."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from terceros import demo
from terceros.models import Entidad, Propiedad

pytestmark = pytest.mark.django_db

# Each barrio the demo uses, and the municipality it belongs to (Valle de Aburrá).
BARRIOS = {
    "Laureles": "Medellín",
    "El Poblado": "Medellín",
    "Belén": "Medellín",
    "Robledo": "Medellín",
    "La América": "Medellín",
    "Castilla": "Medellín",
    "La Magnolia": "Envigado",
    "Restrepo Naranjo": "Sabaneta",
}


def _logos() -> list[str]:
    carpeta = Path(settings.MEDIA_ROOT) / "entidad"
    return sorted(p.name for p in carpeta.iterdir()) if carpeta.exists() else []


def test_every_property_address_is_in_its_city():
    demo.cargar(hoy=timezone.localdate())
    propiedades = list(Propiedad.objects.all())
    assert len(propiedades) > 10
    for propiedad in propiedades:
        barrio = propiedad.direccion.rsplit(", ", 1)[-1]
        assert BARRIOS.get(barrio) == propiedad.ciudad, f"{propiedad.direccion} en {propiedad.ciudad}"
        # A municipality never appears as if it were a barrio of another one.
        assert not any(m in propiedad.direccion for m in {"Envigado", "Sabaneta", "Itagüí", "Bello"})


def test_reruns_and_a_new_database_leave_one_logo_file():
    hoy = timezone.localdate()
    demo.cargar(hoy=hoy)
    demo.cargar(hoy=hoy)
    assert _logos() == ["logo-andes.png"]
    # `make run` over a fresh database keeps var/media: the file is reused, not copied.
    Entidad.objects.all().delete()
    demo.cargar(hoy=hoy)
    assert _logos() == ["logo-andes.png"]
    assert Entidad.objects.get().logo.name == "entidad/logo-andes.png"


def test_a_logo_staff_uploaded_is_kept(entidad):
    from django.core.files.base import ContentFile

    entidad.logo.save("propio.png", ContentFile(b"\x89PNG propio"), save=True)
    demo.cargar(hoy=timezone.localdate())
    assert Entidad.objects.get().logo.name == "entidad/propio.png"
    assert _logos() == ["propio.png"]
