"""Reads of the agency's master data."""

from terceros.models import Entidad


def entidad_actual() -> Entidad:
    """The agency row, or an unsaved default so pages render before it is configured."""
    entidad = Entidad.objects.filter(pk=1).first()
    return entidad or Entidad(nombre="Área de Clientes", nit="")


def gestion_resumen() -> dict[str, int]:
    """Counts for the back-office home page."""
    from django.db.models import Count, Q

    from terceros.models import Contrato, EstadoContrato, Propiedad, Tercero

    terceros = Tercero.objects.aggregate(
        total=Count("pk"),
        inquilinos=Count("pk", filter=Q(es_inquilino=True)),
        propietarios=Count("pk", filter=Q(es_propietario=True)),
    )
    return {
        **terceros,
        "propiedades": Propiedad.objects.count(),
        "contratos_activos": Contrato.objects.filter(estado=EstadoContrato.ACTIVO).count(),
    }
