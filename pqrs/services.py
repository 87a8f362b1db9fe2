"""PQRS writes: filing with its radicado and legal clock, and every transition of the state machine.

    Pendiente ──asignar──▶ En trámite ──responder──▶ Respondida ──cerrar──▶ Cerrada
        │                      │  ▲                      │
        └──solicitar_información──▶ Esperando al cliente (clock stopped)
                               └─────── cliente_responder (clock resumes) ◀┘

Every service is keyword-only, runs in one transaction holding the PQRS row lock, writes one audit
row (nucleo.auditoria, Accion.PQRS_*) and, where the law or the issue says so, emails the client
after the commit. A refused operation raises PqrsError with a Spanish message.
"""

import logging
import uuid
from collections.abc import Iterable
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nucleo.auditoria import Accion, actor_o_none, auditoria_registrar
from nucleo.consecutivos import consecutivo_reservar
from nucleo.email import correo_crear
from nucleo.errores import OperacionRechazada
from nucleo.idempotencia import idempotencia_verificar
from pqrs import plazos
from pqrs.adjuntos import adjunto_validar
from pqrs.models import (
    ESTADOS_ABIERTOS,
    TIPO_LEGAL_POR_CLASIFICACION,
    AdjuntoPqrs,
    Asunto,
    Canal,
    Clasificacion,
    EstadoPqrs,
    MensajePqrs,
    Pqrs,
    TipoMensaje,
)
from pqrs.selectors import configuracion_pqrs, contratos_del_cliente, propiedades_del_cliente
from terceros.models import Contrato, Propiedad, Tercero

logger = logging.getLogger(__name__)


class PqrsError(OperacionRechazada):
    """A refused PQRS operation (Spanish message for the user)."""


def _radicado() -> str:
    """The next radicado of the year, gap-free: reserved inside the filing's transaction."""
    anio = timezone.localdate().year
    numero = consecutivo_reservar(nombre=f"pqrs-{anio}")
    return f"PQRS-{anio}-{numero:06d}"


def _bloquear(pqrs: Pqrs) -> Pqrs:
    return Pqrs.objects.select_for_update().get(pk=pqrs.pk)


def _fecha(valor: date) -> str:
    return date_format(valor, "SHORT_DATE_FORMAT")


def _recalcular(pqrs: Pqrs) -> None:
    # The due date from the receipt, the closed pauses and the granted extension.
    # dias_sugerencia: the term fixed on filing (only sugerencias read it), not today's setting.
    pqrs.fecha_limite = plazos.fecha_limite(
        recibida=pqrs.recibida_en,
        tipo=pqrs.tipo_legal,
        dias_sabado=pqrs.sabado_habil,
        pausas=pqrs.pausas_fechas,
        dias_sugerencia=pqrs.termino_dias,
        dias_adicionales=pqrs.prorroga_dias,
    )
    if pqrs.prorrogada:
        pqrs.fecha_limite_prorroga = pqrs.fecha_limite


def _exigir_abierta(pqrs: Pqrs) -> None:
    if pqrs.estado == EstadoPqrs.CERRADA:
        raise PqrsError(_("La PQRS %(radicado)s está cerrada.") % {"radicado": pqrs.radicado})


def _adjuntar(mensaje: MensajePqrs, adjuntos: Iterable[UploadedFile]) -> list[AdjuntoPqrs]:
    creados = []
    for archivo in adjuntos:
        # The form checked them already; the service checks again (staff forms, commands).
        try:
            mime, tamano = adjunto_validar(archivo)
        except OperacionRechazada:
            raise
        except Exception as exc:
            raise PqrsError(getattr(exc, "messages", [str(exc)])) from exc
        adjunto = AdjuntoPqrs(
            mensaje=mensaje, nombre_original=(archivo.name or "adjunto")[:200], tipo=mime, tamano=tamano
        )
        archivo.seek(0)
        adjunto.archivo.save(uuid.uuid4().hex, archivo, save=False)
        adjunto.save()
        creados.append(adjunto)
    return creados


def _mensaje(
    pqrs: Pqrs,
    *,
    tipo: TipoMensaje,
    texto: str,
    actor,
    adjuntos: Iterable[UploadedFile] = (),
    clave_idempotencia: uuid.UUID | None = None,
) -> MensajePqrs:
    texto = (texto or "").strip()
    if not texto:
        raise PqrsError(_("Escriba el mensaje."))
    mensaje = MensajePqrs.objects.create(
        pqrs=pqrs, tipo=tipo, texto=texto, autor=actor_o_none(actor), clave_idempotencia=clave_idempotencia
    )
    _adjuntar(mensaje, adjuntos)
    return mensaje


def _notificar(pqrs: Pqrs, *, plantilla: str, **contexto) -> None:
    """Email the client after the commit; a failed send is logged, never undoes the change."""
    email = (pqrs.tercero.email or "").strip()
    if not email:
        return

    def enviar():
        from terceros.selectors import marca_correo

        marca = marca_correo()
        try:
            correo_crear(
                plantilla=f"pqrs/{plantilla}",
                contexto={
                    "pqrs": pqrs,
                    "nombre": pqrs.tercero.nombres or pqrs.tercero.nombre_completo,
                    "url": marca.portal_url.removesuffix(reverse("area_clientes:inicio"))
                    + reverse("area_clientes:pqrs_detalle", args=[pqrs.pk]),
                    "fecha_limite": _fecha(pqrs.fecha_limite),
                    "dias_restantes": pqrs.dias_restantes(),
                    **contexto,
                },
                para=email,
                marca=marca,
            ).send()
        except Exception:
            logger.exception("No se pudo enviar el correo %s de la PQRS %s", plantilla, pqrs.radicado)

    transaction.on_commit(enviar)


def _propiedad_y_contrato(
    tercero: Tercero, propiedad: Propiedad | None, contrato: Contrato | None
) -> tuple[Propiedad | None, Contrato | None]:
    if propiedad is not None and not propiedades_del_cliente(tercero).filter(pk=propiedad.pk).exists():
        raise PqrsError(_("La propiedad elegida no está vinculada a este cliente."))
    if contrato is not None:
        if not contratos_del_cliente(tercero).filter(pk=contrato.pk).exists():
            raise PqrsError(_("El contrato elegido no está vinculado a este cliente."))
        if propiedad is not None and contrato.propiedad_id != propiedad.pk:
            raise PqrsError(_("El contrato elegido no es de la propiedad elegida."))
        propiedad = propiedad or contrato.propiedad
    return propiedad, contrato


def pqrs_radicar(
    *,
    tercero: Tercero,
    clasificacion: Clasificacion | str,
    asunto: Asunto | str,
    descripcion: str,
    fecha_inicio: date | None = None,
    propiedad: Propiedad | None = None,
    contrato: Contrato | None = None,
    canal: Canal | str = Canal.PORTAL,
    recibida_en: datetime | None = None,
    tipo_legal: plazos.TipoLegal | str | None = None,
    adjuntos: Iterable[UploadedFile] = (),
    actor: AbstractBaseUser | None,
    clave_idempotencia: uuid.UUID | None = None,
) -> Pqrs:
    """File a PQRS: radicado, legal term and due date from its receipt; the client gets both by email.

    `recibida_en` (staff registering a request that came by phone, email or in person) is when the
    agency received it: the clock runs from it. The request's text opens the thread.
    """
    ahora = timezone.now()
    recibida_en = recibida_en or ahora
    if recibida_en > ahora:
        raise PqrsError(_("La fecha de recepción no puede ser futura."))
    clasificacion = Clasificacion(clasificacion)
    tipo_legal = plazos.TipoLegal(tipo_legal or TIPO_LEGAL_POR_CLASIFICACION[clasificacion])
    descripcion = (descripcion or "").strip()
    if not descripcion:
        raise PqrsError(_("Describa la solicitud."))
    propiedad, contrato = _propiedad_y_contrato(tercero, propiedad, contrato)
    configuracion = configuracion_pqrs()
    termino = plazos.dias_termino(tipo=tipo_legal, dias_sugerencia=configuracion.dias_sugerencia)
    vence = plazos.fecha_limite(
        recibida=recibida_en,
        tipo=tipo_legal,
        dias_sabado=configuracion.sabado_habil,
        dias_sugerencia=configuracion.dias_sugerencia,
    )
    with transaction.atomic():
        idempotencia_verificar(Pqrs, clave=clave_idempotencia)
        pqrs = Pqrs.objects.create(
            radicado=_radicado(),
            tercero=tercero,
            clasificacion=clasificacion,
            tipo_legal=tipo_legal,
            asunto=Asunto(asunto),
            fecha_inicio=fecha_inicio or plazos.fecha_local(recibida_en),
            descripcion=descripcion,
            propiedad=propiedad,
            contrato=contrato,
            canal=Canal(canal),
            recibida_en=recibida_en,
            sabado_habil=configuracion.sabado_habil,
            termino_dias=termino,
            fecha_limite_inicial=vence,
            fecha_limite=vence,
            creada_por=actor_o_none(actor),
            clave_idempotencia=clave_idempotencia,
        )
        _mensaje(pqrs, tipo=TipoMensaje.CLIENTE, texto=descripcion, actor=actor, adjuntos=adjuntos)
        auditoria_registrar(
            actor=actor,
            accion=Accion.PQRS_RADICAR,
            mensaje=gettext_noop("PQRS %(radicado)s radicada por %(canal)s; vence el %(vence)s"),
            parametros={"radicado": pqrs.radicado, "canal": pqrs.canal, "vence": vence.isoformat()},
            objeto=pqrs,
        )
        _notificar(pqrs, plantilla="radicada")
    return pqrs


def pqrs_asignar(*, pqrs: Pqrs, usuario: AbstractBaseUser | None, actor: AbstractBaseUser | None) -> Pqrs:
    """Assign to a staff user (None unassigns); a pending PQRS goes to En trámite."""
    if usuario is not None and not (usuario.is_staff and usuario.is_active):
        raise PqrsError(_("Solo se puede asignar a un usuario activo de la agencia."))
    with transaction.atomic():
        pqrs = _bloquear(pqrs)
        _exigir_abierta(pqrs)
        antes = {"asignado_a": pqrs.asignado_a_id, "estado": pqrs.estado}
        pqrs.asignado_a = usuario
        if usuario is not None and pqrs.estado == EstadoPqrs.PENDIENTE:
            pqrs.estado = EstadoPqrs.EN_TRAMITE
        pqrs.save(update_fields=["asignado_a", "estado"])
        auditoria_registrar(
            actor=actor,
            accion=Accion.PQRS_ASIGNAR,
            mensaje=gettext_noop("PQRS %(radicado)s asignada a %(usuario)s"),
            parametros={"radicado": pqrs.radicado, "usuario": usuario.get_username() if usuario else "—"},
            objeto=pqrs,
            cambios={
                k: [v, getattr(pqrs, "asignado_a_id" if k == "asignado_a" else k)]
                for k, v in antes.items()
                if v != getattr(pqrs, "asignado_a_id" if k == "asignado_a" else k)
            },
        )
    return pqrs


def pqrs_tramitar(*, pqrs: Pqrs, actor: AbstractBaseUser | None) -> Pqrs:
    """Mark a pending PQRS as En trámite without assigning it."""
    with transaction.atomic():
        pqrs = _bloquear(pqrs)
        if pqrs.estado != EstadoPqrs.PENDIENTE:
            raise PqrsError(_("Solo una PQRS pendiente pasa a trámite."))
        pqrs.estado = EstadoPqrs.EN_TRAMITE
        pqrs.save(update_fields=["estado"])
        auditoria_registrar(
            actor=actor,
            accion=Accion.PQRS_ESTADO,
            mensaje=gettext_noop("PQRS %(radicado)s en trámite"),
            parametros={"radicado": pqrs.radicado},
            objeto=pqrs,
            cambios={"estado": [EstadoPqrs.PENDIENTE, EstadoPqrs.EN_TRAMITE]},
        )
    return pqrs


def _cerrar_pausa(pqrs: Pqrs, hoy: date) -> None:
    # The client answered (or staff answered anyway): the stopped days are a closed pause.
    if pqrs.en_espera_desde is not None:
        pqrs.pausas = [
            *pqrs.pausas,
            [pqrs.en_espera_desde.isoformat(), max(hoy, pqrs.en_espera_desde).isoformat()],
        ]
        pqrs.en_espera_desde = None
        _recalcular(pqrs)


def pqrs_responder(
    *,
    pqrs: Pqrs,
    texto: str,
    adjuntos: Iterable[UploadedFile] = (),
    actor: AbstractBaseUser | None,
    clave_idempotencia: uuid.UUID | None = None,
) -> Pqrs:
    """The public answer: the client reads it in the thread and by email; the PQRS is Respondida.

    A repeat of the same form (`clave_idempotencia`) raises YaRegistrado: no second answer or email.
    """
    with transaction.atomic():
        idempotencia_verificar(MensajePqrs, clave=clave_idempotencia)
        pqrs = _bloquear(pqrs)
        _exigir_abierta(pqrs)
        antes = pqrs.estado
        _cerrar_pausa(pqrs, timezone.localdate())
        mensaje = _mensaje(
            pqrs,
            tipo=TipoMensaje.RESPUESTA,
            texto=texto,
            actor=actor,
            adjuntos=adjuntos,
            clave_idempotencia=clave_idempotencia,
        )
        pqrs.estado = EstadoPqrs.RESPONDIDA
        pqrs.respondida_en = mensaje.creado_en
        pqrs.save(update_fields=["estado", "respondida_en", "pausas", "en_espera_desde", "fecha_limite"])
        auditoria_registrar(
            actor=actor,
            accion=Accion.PQRS_RESPONDER,
            mensaje=gettext_noop("Respuesta enviada al cliente en la PQRS %(radicado)s"),
            parametros={"radicado": pqrs.radicado},
            objeto=pqrs,
            cambios={"estado": [antes, pqrs.estado]} if antes != pqrs.estado else None,
        )
        _notificar(pqrs, plantilla="respuesta", mensaje=mensaje)
    return pqrs


def pqrs_nota(
    *,
    pqrs: Pqrs,
    texto: str,
    adjuntos: Iterable[UploadedFile] = (),
    actor: AbstractBaseUser | None,
    clave_idempotencia: uuid.UUID | None = None,
) -> Pqrs:
    """An internal note: staff only, never shown to or emailed to the client."""
    with transaction.atomic():
        idempotencia_verificar(MensajePqrs, clave=clave_idempotencia)
        pqrs = _bloquear(pqrs)
        _mensaje(
            pqrs,
            tipo=TipoMensaje.NOTA,
            texto=texto,
            actor=actor,
            adjuntos=adjuntos,
            clave_idempotencia=clave_idempotencia,
        )
        auditoria_registrar(
            actor=actor,
            accion=Accion.PQRS_NOTA,
            mensaje=gettext_noop("Nota interna en la PQRS %(radicado)s"),
            parametros={"radicado": pqrs.radicado},
            objeto=pqrs,
        )
    return pqrs


def pqrs_prorrogar(
    *,
    pqrs: Pqrs,
    motivo: str,
    actor: AbstractBaseUser | None,
    dias: int | None = None,
    hoy: date | None = None,
    clave_idempotencia: uuid.UUID | None = None,
) -> Pqrs:
    """The one extension the law allows, with its reason, notified to the client before expiry.

    `dias` defaults to the legal maximum (double the term, or Ley 1581's fixed days).
    """
    motivo = (motivo or "").strip()
    if not motivo:
        raise PqrsError(_("Escriba el motivo de la prórroga: se le comunica al cliente."))
    hoy = hoy or timezone.localdate()
    with transaction.atomic():
        idempotencia_verificar(MensajePqrs, clave=clave_idempotencia)
        pqrs = _bloquear(pqrs)
        _exigir_abierta(pqrs)
        if pqrs.estado == EstadoPqrs.RESPONDIDA:
            raise PqrsError(_("La PQRS ya fue respondida: no necesita prórroga."))
        if pqrs.estado == EstadoPqrs.ESPERANDO_CLIENTE:
            raise PqrsError(
                _("Mientras se espera al cliente el término está suspendido: no necesita prórroga.")
            )
        try:
            nueva = plazos.prorroga_limite(
                recibida=pqrs.recibida_en,
                tipo=pqrs.tipo_legal,
                hoy=hoy,
                dias_adicionales=dias,
                prorrogada=pqrs.prorrogada,
                dias_sabado=pqrs.sabado_habil,
                pausas=pqrs.pausas_fechas,
                dias_sugerencia=pqrs.termino_dias,
            )
        except plazos.PlazoError as exc:
            raise PqrsError(exc.messages) from exc
        anterior = pqrs.fecha_limite
        pqrs.prorrogada = True
        pqrs.prorroga_motivo = motivo
        pqrs.prorroga_dias = (
            dias
            if dias is not None
            else plazos.dias_prorroga_maxima(tipo=pqrs.tipo_legal, dias_sugerencia=pqrs.termino_dias)
        )
        pqrs.fecha_limite = nueva
        pqrs.fecha_limite_prorroga = nueva
        texto = _("Plazo de respuesta prorrogado hasta el %(fecha)s. Motivo: %(motivo)s") % {
            "fecha": _fecha(nueva),
            "motivo": motivo,
        }
        _mensaje(
            pqrs, tipo=TipoMensaje.PRORROGA, texto=texto, actor=actor, clave_idempotencia=clave_idempotencia
        )
        pqrs.save(
            update_fields=[
                "prorrogada",
                "prorroga_motivo",
                "prorroga_dias",
                "fecha_limite",
                "fecha_limite_prorroga",
            ]
        )
        auditoria_registrar(
            actor=actor,
            accion=Accion.PQRS_PRORROGAR,
            mensaje=gettext_noop("PQRS %(radicado)s prorrogada hasta el %(vence)s: %(motivo)s"),
            parametros={"radicado": pqrs.radicado, "vence": nueva.isoformat(), "motivo": motivo},
            objeto=pqrs,
            cambios={"fecha_limite": [anterior.isoformat(), nueva.isoformat()]},
        )
        _notificar(pqrs, plantilla="prorroga", motivo=motivo, anterior=_fecha(anterior))
    return pqrs


def pqrs_solicitar_informacion(
    *,
    pqrs: Pqrs,
    texto: str,
    actor: AbstractBaseUser | None,
    hoy: date | None = None,
    clave_idempotencia: uuid.UUID | None = None,
) -> Pqrs:
    """Ask the client to complete the request (Ley 1755 art. 17): the clock stops until they answer."""
    hoy = hoy or timezone.localdate()
    with transaction.atomic():
        idempotencia_verificar(MensajePqrs, clave=clave_idempotencia)
        pqrs = _bloquear(pqrs)
        _exigir_abierta(pqrs)
        if pqrs.estado == EstadoPqrs.ESPERANDO_CLIENTE:
            raise PqrsError(_("Ya se está esperando la respuesta del cliente."))
        if pqrs.estado == EstadoPqrs.RESPONDIDA:
            raise PqrsError(_("La PQRS ya fue respondida."))
        antes = pqrs.estado
        mensaje = _mensaje(
            pqrs, tipo=TipoMensaje.SOLICITUD, texto=texto, actor=actor, clave_idempotencia=clave_idempotencia
        )
        pqrs.estado = EstadoPqrs.ESPERANDO_CLIENTE
        pqrs.en_espera_desde = hoy
        pqrs.save(update_fields=["estado", "en_espera_desde"])
        plazo_cliente = plazos.fin_espera_cliente(desde=hoy, dias_sabado=pqrs.sabado_habil)
        auditoria_registrar(
            actor=actor,
            accion=Accion.PQRS_SOLICITAR_INFORMACION,
            mensaje=gettext_noop("Se pidió información al cliente en la PQRS %(radicado)s"),
            parametros={"radicado": pqrs.radicado},
            objeto=pqrs,
            cambios={"estado": [antes, pqrs.estado]},
        )
        _notificar(pqrs, plantilla="solicitud", mensaje=mensaje, plazo_cliente=_fecha(plazo_cliente))
    return pqrs


def pqrs_cliente_responder(
    *,
    pqrs: Pqrs,
    texto: str,
    adjuntos: Iterable[UploadedFile] = (),
    actor: AbstractBaseUser | None,
    clave_idempotencia: uuid.UUID | None = None,
    hoy: date | None = None,
) -> MensajePqrs:
    """The client's message in the thread. If they were asked for information the clock resumes
    (the due date moves by the stopped days); after an answer the PQRS goes back to En trámite."""
    hoy = hoy or timezone.localdate()
    with transaction.atomic():
        idempotencia_verificar(MensajePqrs, clave=clave_idempotencia)
        pqrs = _bloquear(pqrs)
        if pqrs.estado == EstadoPqrs.CERRADA:
            raise PqrsError(
                _("La PQRS %(radicado)s está cerrada; si necesita algo más, radique una nueva.")
                % {"radicado": pqrs.radicado}
            )
        antes = {"estado": pqrs.estado, "fecha_limite": pqrs.fecha_limite.isoformat()}
        mensaje = _mensaje(
            pqrs,
            tipo=TipoMensaje.CLIENTE,
            texto=texto,
            actor=actor,
            adjuntos=adjuntos,
            clave_idempotencia=clave_idempotencia,
        )
        if pqrs.estado in (EstadoPqrs.ESPERANDO_CLIENTE, EstadoPqrs.RESPONDIDA):
            _cerrar_pausa(pqrs, hoy)
            pqrs.estado = EstadoPqrs.EN_TRAMITE if pqrs.asignado_a_id else EstadoPqrs.PENDIENTE
        pqrs.save(
            update_fields=["estado", "pausas", "en_espera_desde", "fecha_limite", "fecha_limite_prorroga"]
        )
        despues = {"estado": pqrs.estado, "fecha_limite": pqrs.fecha_limite.isoformat()}
        auditoria_registrar(
            actor=actor,
            accion=Accion.PQRS_CLIENTE_RESPONDE,
            mensaje=gettext_noop("El cliente respondió en la PQRS %(radicado)s"),
            parametros={"radicado": pqrs.radicado},
            objeto=pqrs,
            cambios={k: [v, despues[k]] for k, v in antes.items() if v != despues[k]} or None,
        )
    return mensaje


def pqrs_cerrar(
    *,
    pqrs: Pqrs,
    actor: AbstractBaseUser | None,
    desistida: bool = False,
    texto: str = "",
    hoy: date | None = None,
) -> Pqrs:
    """Close. As desistida only when the client let the month to complete it pass (Ley 1755 art. 17)."""
    hoy = hoy or timezone.localdate()
    with transaction.atomic():
        pqrs = _bloquear(pqrs)
        _exigir_abierta(pqrs)
        if desistida:
            if pqrs.estado != EstadoPqrs.ESPERANDO_CLIENTE or pqrs.en_espera_desde is None:
                raise PqrsError(
                    _("Solo se cierra por desistimiento una PQRS que espera información del cliente.")
                )
            if not plazos.puede_desistirse(
                desde=pqrs.en_espera_desde, hoy=hoy, dias_sabado=pqrs.sabado_habil
            ):
                fin = plazos.fin_espera_cliente(desde=pqrs.en_espera_desde, dias_sabado=pqrs.sabado_habil)
                raise PqrsError(
                    _(
                        "El cliente tiene hasta el %(fecha)s para completar la solicitud; después podrá cerrarse."
                    )
                    % {"fecha": _fecha(fin)}
                )
        elif pqrs.estado not in (EstadoPqrs.RESPONDIDA, *ESTADOS_ABIERTOS):
            raise PqrsError(_("Esta PQRS no se puede cerrar."))
        antes = pqrs.estado
        if desistida and not texto:
            texto = _(
                "Se cierra por desistimiento: no recibimos la información solicitada el %(fecha)s dentro del plazo."
            ) % {"fecha": _fecha(pqrs.en_espera_desde)}
        if texto.strip():
            _mensaje(pqrs, tipo=TipoMensaje.SISTEMA, texto=texto, actor=actor)
        pqrs.estado = EstadoPqrs.CERRADA
        pqrs.desistida = desistida
        pqrs.cerrada_en = timezone.now()
        pqrs.save(update_fields=["estado", "desistida", "cerrada_en"])
        auditoria_registrar(
            actor=actor,
            accion=Accion.PQRS_DESISTIR if desistida else Accion.PQRS_CERRAR,
            mensaje=gettext_noop("PQRS %(radicado)s cerrada por desistimiento")
            if desistida
            else gettext_noop("PQRS %(radicado)s cerrada"),
            parametros={"radicado": pqrs.radicado},
            objeto=pqrs,
            cambios={"estado": [antes, pqrs.estado]},
        )
        _notificar(pqrs, plantilla="cerrada", texto=texto.strip())
    return pqrs
