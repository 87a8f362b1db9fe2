"""Reads of the agency's master data."""

import logging
import mimetypes
import re
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext as _

from nucleo.email import Marca
from nucleo.selectores import uno_o_404
from nucleo.templatetags.ui import nit as nit_legible
from terceros.busqueda import limpiar_consulta, normalizar_busqueda
from terceros.documentos import normalizar_documento
from terceros.models import (
    ClaseTercero,
    Contrato,
    Entidad,
    EstadoContrato,
    Propiedad,
    PropiedadPropietario,
    Tercero,
)

logger = logging.getLogger(__name__)

# Digits with the separators people type (1.020.304, 52 123-456): a document-number prefix.
_DOCUMENTO = re.compile(r"[0-9][0-9.\-\s]*", re.ASCII)
MAX_PALABRAS = 6
LIMITE_OPCIONES = 20


def entidad_actual() -> Entidad:
    """The agency row, or an unsaved default so pages render before it is configured."""
    entidad = Entidad.objects.filter(pk=1).first()
    return entidad or Entidad(nombre=_("Área de Clientes"), nit="")


def marca_correo() -> Marca:
    """The agency as every email shows it (nucleo.email): name, NIT, contact, colours, logo."""
    entidad = entidad_actual()
    logo, subtipo = b"", "png"
    if entidad.logo:
        try:
            with entidad.logo.open("rb") as archivo:
                logo = archivo.read()
        except FileNotFoundError:
            logger.warning("El logo de la entidad no está en el almacenamiento: %s", entidad.logo.name)
        tipo = mimetypes.guess_type(entidad.logo.name)[0] or "image/png"
        subtipo = tipo.split("/", 1)[1]
    return Marca(
        nombre=entidad.nombre,
        nit=nit_legible(entidad.nit),
        telefono=entidad.telefono,
        email=entidad.email,
        color_primario=entidad.color_primario or Marca.color_primario,
        color_secundario=entidad.color_secundario or Marca.color_secundario,
        portal_url=settings.SITE_URL.rstrip("/") + reverse("area_clientes:inicio"),
        logo=logo,
        logo_subtipo=subtipo,
    )


def gestion_resumen() -> dict[str, int]:
    """Counts for the back-office home page."""
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


def terceros_buscar(*, q: str = "", clase: str = "") -> QuerySet[Tercero]:
    """The one staff search for terceros (list, picker, invoices, payments, envíos).

    Digits (with dots, dashes, spaces) → document-number prefix or exact client code (btree).
    Text → every word, ignoring accents and case, somewhere in document, names, razón social or
    code (the `busqueda` column, trigram-indexed on PostgreSQL). `clase`: see ClaseTercero.
    Any input is safe: control characters, huge or odd text only ever narrow the result.
    """
    qs = Tercero.objects.filter(ClaseTercero.filtro(clase))
    q = limpiar_consulta(q)
    if not q:
        return qs
    if _DOCUMENTO.fullmatch(q):
        return qs.filter(
            Q(numero_documento__startswith=normalizar_documento(q)) | Q(codigo_cliente=q)
        ).order_by("numero_documento")
    for palabra in normalizar_busqueda(q).split()[:MAX_PALABRAS]:
        qs = qs.filter(busqueda__contains=palabra)
    # Ordering by expressions keeps PostgreSQL off the ordering index: with a small LIMIT it would
    # walk that index filtering row by row (60 ms for one match in 100,000) instead of using trigrams.
    return qs.order_by(Upper("razon_social"), Upper("nombres"), Upper("apellidos"), "id")


def tercero_coincide(*, q: str, via: str = "tercero") -> Q:
    """For other apps' staff lists: rows whose tercero (through `via`) terceros_buscar finds."""
    return Q(**{f"{via}__in": terceros_buscar(q=q).values("pk")})


def terceros_opciones(*, q: str, clase: str = "", limite: int = LIMITE_OPCIONES) -> list[dict]:
    """The tercero picker's options: at most LIMITE_OPCIONES, only once 2 characters are typed.

    Keys: `value` (the tercero's id) and `text` (Tercero.etiqueta).
    """
    q = limpiar_consulta(q)
    if len(q) < 2:
        return []
    filas = terceros_buscar(q=q, clase=clase).only(
        "pk", "numero_documento", "nombres", "apellidos", "razon_social"
    )[: min(limite, LIMITE_OPCIONES)]
    return [{"value": t.pk, "text": t.etiqueta} for t in filas]


def terceros_etiquetas(*, ids: Iterable[int]) -> list[tuple[int, str]]:
    """(id, etiqueta) of the given terceros: the options a picker renders as already chosen."""
    filas = Tercero.objects.filter(pk__in=list(ids)).only(
        "pk", "numero_documento", "nombres", "apellidos", "razon_social"
    )
    return [(t.pk, t.etiqueta) for t in filas]


def tercero_con_relaciones(*, pk: int) -> Tercero:
    """A tercero with its properties (as owner) and contracts (as tenant or co-signer), or 404."""
    return uno_o_404(
        Tercero.objects.select_related("usuario").prefetch_related(
            Prefetch(
                "participaciones",
                queryset=PropiedadPropietario.objects.select_related("propiedad").order_by(
                    "propiedad__codigo"
                ),
            ),
            Prefetch("contratos_como_inquilino", queryset=Contrato.objects.select_related("propiedad")),
            Prefetch(
                "contratos_como_codeudor",
                queryset=Contrato.objects.select_related("propiedad", "inquilino"),
            ),
        ),
        pk=pk,
    )


def propiedades_buscar(*, q: str = "") -> QuerySet[Propiedad]:
    qs = Propiedad.objects.prefetch_related(
        Prefetch("participaciones", queryset=PropiedadPropietario.objects.select_related("tercero"))
    )
    q = (q or "").strip()
    if q:
        qs = qs.filter(
            Q(codigo__icontains=q)
            | Q(direccion__icontains=q)
            | Q(ciudad__icontains=q)
            # Owners are found as on the terceros list (document prefix, names without accents).
            | tercero_coincide(q=q, via="participaciones__tercero")
        ).distinct()
    return qs


def propiedad_con_relaciones(*, pk: int) -> Propiedad:
    """A property with its owners and contracts, or 404."""
    return uno_o_404(
        Propiedad.objects.prefetch_related(
            Prefetch("participaciones", queryset=PropiedadPropietario.objects.select_related("tercero")),
            Prefetch(
                "contratos",
                queryset=Contrato.objects.select_related("inquilino").order_by("-fecha_inicio"),
            ),
        ),
        pk=pk,
    )


def contratos_buscar(*, q: str = "", estado: str = "") -> QuerySet[Contrato]:
    qs = Contrato.objects.select_related("propiedad", "inquilino")
    if estado in EstadoContrato.values:
        qs = qs.filter(estado=estado)
    q = (q or "").strip()
    if q:
        qs = qs.filter(
            Q(numero__icontains=q)
            | Q(propiedad__codigo__icontains=q)
            | Q(propiedad__direccion__icontains=q)
            # The tenant is found exactly as on the terceros list (names in any order, document).
            | Q(inquilino__in=terceros_buscar(q=q).values("pk"))
        )
    return qs


def contrato_con_relaciones(*, pk: int) -> Contrato:
    """A contract with its parties, or 404."""
    return uno_o_404(
        Contrato.objects.select_related("propiedad", "inquilino").prefetch_related(
            "codeudores",
            Prefetch(
                "propiedad__participaciones", queryset=PropiedadPropietario.objects.select_related("tercero")
            ),
        ),
        pk=pk,
    )


def propiedades_del_propietario(*, tercero: Tercero, limite: int = 6) -> list[Propiedad]:
    """An owner's properties, each with the active lease's number and rent (None when unlet)."""
    contrato_activo = Contrato.objects.filter(propiedad=OuterRef("pk"), estado=EstadoContrato.ACTIVO)
    return list(
        Propiedad.objects.filter(participaciones__tercero=tercero)
        .annotate(
            canon_vigente=Subquery(contrato_activo.values("canon")[:1]),
            contrato_vigente=Subquery(contrato_activo.values("numero")[:1]),
        )
        .order_by("codigo")[:limite]
    )
