"""Portal reads, always scoped to the logged-in Tercero."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from terceros.models import Contrato, EstadoContrato, PropiedadPropietario, Tercero


def propiedades_del_propietario(*, tercero: Tercero):
    """The owner's shares of properties, each marked `arrendada` when it has an active lease."""
    activo = Contrato.objects.filter(propiedad=OuterRef("propiedad_id"), estado=EstadoContrato.ACTIVO)
    return (
        PropiedadPropietario.objects.filter(tercero=tercero)
        .select_related("propiedad")
        .annotate(arrendada=Exists(activo))
        .order_by("propiedad__codigo")
    )


def perfil_completitud(*, tercero: Tercero) -> dict:
    """How complete the client's contact data is, and what is missing (for the dashboard)."""
    puntos = [
        (bool(tercero.email), _("correo electrónico")),
        (bool(tercero.celular or tercero.telefono), _("celular o teléfono")),
        (bool(tercero.direccion), _("dirección")),
        (tercero.habeas_data_aceptado_en is not None, _("autorización de datos")),
    ]
    hechos = sum(1 for hecho, _etiqueta in puntos if hecho)
    return {
        "porcentaje": round(100 * hechos / len(puntos)),
        "faltantes": [etiqueta for hecho, etiqueta in puntos if not hecho],
    }
