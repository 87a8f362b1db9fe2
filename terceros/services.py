"""Writes to the agency's master data. Keyword-only, typed, transactional."""

import logging
import smtplib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nucleo.auditoria import Accion, auditoria_registrar, cambios_entre
from nucleo.email import correo_crear
from nucleo.errores import OperacionRechazada
from nucleo.modelos import modelo_actualizar
from terceros.models import Contrato, Entidad, Propiedad, PropiedadPropietario, Tercero, Usuario
from terceros.selectors import marca_correo

logger = logging.getLogger(__name__)


def _valores(instancia, campos) -> dict[str, Any]:
    """Field values of a model row, for the audit trail's before/after (ids for relations)."""
    return {campo: getattr(instancia, instancia._meta.get_field(campo).attname) for campo in campos}


class TercerosError(OperacionRechazada):
    """A refused master-data operation (property owners, contract parties)."""


@transaction.atomic
def portal_usuario_asegurar(*, tercero: Tercero) -> Usuario:
    """The tercero's portal login (username = document number), created without a usable password."""
    if tercero.usuario_id:
        return tercero.usuario
    usuario = Usuario(username=tercero.numero_documento, email=tercero.email)
    usuario.set_unusable_password()
    usuario.save()
    tercero.usuario = usuario
    tercero.save(update_fields=["usuario", "actualizado_en"])
    return usuario


def portal_usuario_sincronizar(*, tercero: Tercero) -> list[str]:
    """The portal login follows its tercero: username = document number, same email.

    Call after saving the tercero; returns the login fields that changed.
    """
    if not tercero.usuario_id:
        return []
    cambios = modelo_actualizar(
        tercero.usuario, campos={"username": tercero.numero_documento, "email": tercero.email}
    )
    return list(cambios)


@transaction.atomic
def portal_contrasena_establecer(
    *, tercero: Tercero, contrasena: str, actor: Usuario | None = None
) -> Usuario:
    """Set the client's own portal password (typed by staff).

    Temporary passwords emailed by envíos are separate credentials and stay valid (DESIGN §6).
    The plain password is only hashed here; it is never stored or logged.
    """
    usuario = portal_usuario_asegurar(tercero=tercero)
    usuario.set_password(contrasena)
    usuario.save(update_fields=["password"])
    auditoria_registrar(
        actor=actor,
        accion=Accion.PORTAL_CONTRASENA_ESTABLECIDA,
        objeto=tercero,
        mensaje=gettext_noop("Contraseña del portal asignada a %(tercero)s"),
        parametros={"tercero": str(tercero)},
    )
    return usuario


# --- terceros ---------------------------------------------------------------------------------

TERCERO_CAMPOS = (
    "tipo_documento",
    "numero_documento",
    "nombres",
    "apellidos",
    "razon_social",
    "email",
    "telefono",
    "celular",
    "direccion",
    "ciudad",
    "codigo_cliente",
    "es_inquilino",
    "es_propietario",
)


@transaction.atomic
def tercero_crear(*, actor: Usuario | None, campos: dict[str, Any]) -> Tercero:
    tercero = Tercero(**{k: v for k, v in campos.items() if k in TERCERO_CAMPOS})
    tercero.full_clean(validate_unique=False, validate_constraints=False)
    tercero.save()
    auditoria_registrar(
        actor=actor,
        accion=Accion.TERCERO_CREADO,
        objeto=tercero,
        mensaje=gettext_noop("Tercero %(tercero)s creado"),
        parametros={"tercero": str(tercero)},
    )
    return tercero


@transaction.atomic
def tercero_actualizar(*, tercero: Tercero, actor: Usuario | None, campos: dict[str, Any]) -> list[str]:
    """Save the fields that changed; the portal login follows document number and email.

    Compares with the stored row (a bound ModelForm has already written into `tercero`).
    """
    guardado = Tercero.objects.select_for_update(of=("self",)).select_related("usuario").get(pk=tercero.pk)
    cambios = modelo_actualizar(guardado, campos={k: campos[k] for k in TERCERO_CAMPOS if k in campos})
    if not cambios:
        return []
    for campo in cambios:
        setattr(tercero, campo, campos[campo])
    if guardado.usuario_id and {"numero_documento", "email"} & set(cambios):
        portal_usuario_sincronizar(tercero=guardado)
        tercero.usuario = guardado.usuario
    auditoria_registrar(
        actor=actor,
        accion=Accion.TERCERO_ACTUALIZADO,
        objeto=guardado,
        mensaje=gettext_noop("Tercero %(tercero)s actualizado"),
        parametros={"tercero": str(guardado)},
        cambios=cambios,
    )
    return list(cambios)


@dataclass
class ResultadoClave:
    """What happened to the optional notification email (filled after commit)."""

    notificar: bool
    correo_enviado: bool | None = None


@transaction.atomic
def portal_contrasena_manual(
    *, tercero: Tercero, contrasena: str, actor: Usuario | None, notificar: bool
) -> ResultadoClave:
    """Staff typed a permanent portal password; optionally email it to the client after commit."""
    portal_contrasena_establecer(tercero=tercero, contrasena=contrasena, actor=actor)
    resultado = ResultadoClave(notificar=notificar)
    if notificar:

        def _enviar():
            resultado.correo_enviado = clave_actualizada_notificar(
                tercero=tercero, contrasena=contrasena, actor=actor
            )

        transaction.on_commit(_enviar)
    return resultado


def clave_actualizada_notificar(*, tercero: Tercero, contrasena: str, actor: Usuario | None) -> bool:
    """Email the client their new password (HTML + text). Never logs the password itself."""
    mensaje = correo_crear(
        plantilla="terceros/clave_actualizada",
        contexto={"tercero": tercero, "usuario": tercero.numero_documento, "contrasena": contrasena},
        para=tercero.email,
        marca=marca_correo(),
    )
    try:
        mensaje.send()
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("No se pudo enviar la clave al tercero %s: %s", tercero.pk, type(exc).__name__)
        auditoria_registrar(
            actor=actor,
            accion=Accion.PORTAL_CLAVE_NOTIFICACION_FALLIDA,
            objeto=tercero,
            mensaje=gettext_noop("No se pudo enviar la clave a %(tercero)s (%(error)s)"),
            parametros={"tercero": str(tercero), "error": type(exc).__name__},
        )
        return False
    auditoria_registrar(
        actor=actor,
        accion=Accion.PORTAL_CLAVE_NOTIFICADA,
        objeto=tercero,
        mensaje=gettext_noop("Clave enviada a %(tercero)s (%(email)s)"),
        parametros={"tercero": str(tercero), "email": tercero.email},
    )
    return True


# --- propiedades y contratos ------------------------------------------------------------------

PROPIEDAD_CAMPOS = ("codigo", "direccion", "ciudad", "tipo")
CONTRATO_CAMPOS = (
    "numero",
    "propiedad",
    "inquilino",
    "canon",
    "fecha_inicio",
    "fecha_fin",
    "dia_vencimiento",
    "comision_porcentaje",
    "estado",
)


@transaction.atomic
def propiedad_guardar(
    *,
    propiedad: Propiedad,
    actor: Usuario | None,
    campos: dict[str, Any],
    propietarios: list[tuple[Tercero, Decimal]],
) -> Propiedad:
    """Create or update a property and replace its owners (shares must add up to 100)."""
    if not propietarios:
        raise TercerosError(_("La propiedad necesita al menos un propietario."))
    total = sum((p for _t, p in propietarios), Decimal("0"))
    if total != Decimal("100"):
        raise TercerosError(
            _("Las participaciones deben sumar 100 %% (suman %(total)s %%).")
            % {"total": f"{total:.2f}".rstrip("0").rstrip(".")}
        )
    nueva = propiedad.pk is None
    antes = {} if nueva else _valores(Propiedad.objects.get(pk=propiedad.pk), PROPIEDAD_CAMPOS)
    for campo in PROPIEDAD_CAMPOS:
        if campo in campos:
            setattr(propiedad, campo, campos[campo])
    propiedad.save()
    actuales = {pp.tercero_id: pp for pp in propiedad.participaciones.all()}
    nuevos = {t.pk: p for t, p in propietarios}
    propiedad.participaciones.exclude(tercero_id__in=nuevos).delete()
    for tercero_id, participacion in nuevos.items():
        actual = actuales.get(tercero_id)
        if actual is None:
            PropiedadPropietario.objects.create(
                propiedad=propiedad, tercero_id=tercero_id, participacion=participacion
            )
        elif actual.participacion != participacion:
            actual.participacion = participacion
            actual.save(update_fields=["participacion"])
    Tercero.objects.filter(pk__in=nuevos, es_propietario=False).update(es_propietario=True)
    auditoria_registrar(
        actor=actor,
        accion=Accion.PROPIEDAD_CREADA if nueva else Accion.PROPIEDAD_ACTUALIZADA,
        objeto=propiedad,
        mensaje=gettext_noop("Propiedad %(propiedad)s creada")
        if nueva
        else gettext_noop("Propiedad %(propiedad)s actualizada"),
        parametros={"propiedad": str(propiedad)},
        cambios=cambios_entre(antes, _valores(propiedad, PROPIEDAD_CAMPOS))
        | cambios_entre(
            {"propietarios": {str(k): str(pp.participacion) for k, pp in actuales.items()}},
            {"propietarios": {str(k): str(v) for k, v in nuevos.items()}},
        ),
        datos={"propietarios": {str(k): str(v) for k, v in nuevos.items()}},
    )
    return propiedad


@transaction.atomic
def contrato_guardar(
    *,
    contrato: Contrato,
    actor: Usuario | None,
    campos: dict[str, Any],
    codeudores: list[Tercero],
) -> Contrato:
    """Create or update a lease; the tenant is marked as inquilino."""
    nuevo = contrato.pk is None
    antes = {} if nuevo else _valores(Contrato.objects.get(pk=contrato.pk), CONTRATO_CAMPOS)
    codeudores_antes = [] if nuevo else sorted(contrato.codeudores.values_list("pk", flat=True))
    for campo in CONTRATO_CAMPOS:
        if campo in campos:
            setattr(contrato, campo, campos[campo])
    if contrato.inquilino in codeudores:
        raise TercerosError(_("El inquilino no puede ser también codeudor del mismo contrato."))
    contrato.save()
    contrato.codeudores.set(codeudores)
    if not contrato.inquilino.es_inquilino:
        Tercero.objects.filter(pk=contrato.inquilino_id).update(es_inquilino=True)
    auditoria_registrar(
        actor=actor,
        accion=Accion.CONTRATO_CREADO if nuevo else Accion.CONTRATO_ACTUALIZADO,
        objeto=contrato,
        mensaje=gettext_noop("Contrato %(numero)s creado")
        if nuevo
        else gettext_noop("Contrato %(numero)s actualizado"),
        parametros={"numero": contrato.numero},
        cambios=cambios_entre(antes, _valores(contrato, CONTRATO_CAMPOS))
        | cambios_entre({"codeudores": codeudores_antes}, {"codeudores": sorted(c.pk for c in codeudores)}),
        datos={"estado": contrato.estado, "canon": str(contrato.canon)},
    )
    return contrato


# --- entidad ----------------------------------------------------------------------------------


@transaction.atomic
def entidad_actualizar(*, actor: Usuario | None, campos: dict[str, Any], logo=None) -> Entidad:
    entidad = Entidad.objects.select_for_update().filter(pk=1).first() or Entidad(pk=1)
    antes = _valores(entidad, campos)
    for campo, valor in campos.items():
        setattr(entidad, campo, valor)
    antes_logo = entidad.logo.name or None
    if logo is not None:
        entidad.logo.save(
            f"logo-{timezone.now():%Y%m%d%H%M%S}{Path(logo.name).suffix.lower()}", logo, save=False
        )
    entidad.save()
    auditoria_registrar(
        actor=actor,
        accion=Accion.ENTIDAD_ACTUALIZADA,
        objeto=entidad,
        mensaje=gettext_noop("Datos de la entidad %(entidad)s actualizados"),
        parametros={"entidad": entidad.nombre},
        cambios=cambios_entre(antes, _valores(entidad, campos))
        | ({"logo": [antes_logo, entidad.logo.name]} if logo is not None else {}),
        datos={"campos": sorted(campos) + (["logo"] if logo is not None else [])},
    )
    return entidad
