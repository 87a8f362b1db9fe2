"""A world for the IDOR matrix: two portal clients, each with every kind of record the portal shows.

A and B are both tenants and owners, and each other's landlord: A rents B's flat and B rents A's,
so every payout of one is built from the other's rent. That is the case where a scoped query is
easiest to get wrong (the records are one join apart). Each client has rent invoices (paid and
pending), an invoice of another kind, receipts, commission invoices, a confirmed payout, plus
records that must stay hidden even from their owner (a draft payout, an annulled invoice).

`IDS_PORTAL` is the registry the matrix reads: for each portal URL name that takes a parameter,
how to get one client's values for it. A feature adding a portal URL with a parameter adds its
entry here (and the records behind it to `construir_mundo`), or `tests/security/test_idor.py`
fails.

Dates are relative to today (CI runs the suite under faketime): leases started a year ago,
invoices for the two months before this one.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from facturacion.models import Factura, ResolucionFacturacion, TipoFactura
from facturacion.services import factura_anular, factura_arriendo_emitir
from nucleo.fechas import mes_sumar
from nucleo.tokens import activacion_token, recuperar_contrasena_token
from pagos.models import EstadoEgreso, MetodoPago, Pago
from pagos.services import egreso_confirmar, egreso_liquidar, pago_registrar
from pagos.services_en_linea import transaccion_iniciar
from pqrs.models import AdjuntoPqrs, TipoMensaje
from pqrs.services import pqrs_nota, pqrs_radicar
from terceros.models import Contrato, Tercero, Usuario
from tests.factories import ClienteFactory, ContratoFactory, PropiedadFactory, StaffFactory
from tests.facturacion.datos import factura, resolucion

DONDE = "tests/security/mundo.py"


@dataclass
class Cliente:
    """One portal client and the records the portal must show them, by kind."""

    nombre: str
    tercero: Tercero
    # kind → rows this client may open ("facturas", "comisiones", "pagos", "egresos", …); features
    # add their own kinds ("transacciones", "pqrs", "adjuntos_pqrs") in construir_mundo.
    registros: dict[str, list] = field(default_factory=dict)
    # kind → rows of this client that the portal must hide from them too (404 even for the owner).
    ocultos: dict[str, list] = field(default_factory=dict)

    @property
    def usuario(self) -> Usuario:
        return self.tercero.usuario

    def de(self, *tipos: str) -> list:
        return [r for t in tipos for r in self.registros.get(t, [])]

    def huellas(self) -> set[str]:
        """Texts that identify this client's records on a page (invoice and voucher numbers)."""
        textos = {f.numero for f in self.de("facturas", "comisiones")}
        textos |= {p.codigo for p in self.de("pagos")} | {e.codigo for e in self.de("egresos")}
        for extra in self.registros.get("huellas", []):
            textos.add(extra)
        return textos


@dataclass
class Mundo:
    a: Cliente
    b: Cliente
    staff: Usuario
    contratos: list[Contrato]

    @property
    def clientes(self) -> list[Cliente]:
        return [self.a, self.b]

    def otro(self, cliente: Cliente) -> Cliente:
        return self.b if cliente is self.a else self.a


def _uid(cliente: Cliente) -> str:
    return urlsafe_base64_encode(force_bytes(cliente.usuario.pk))


@dataclass(frozen=True)
class Entrada:
    """How the matrix gets one client's parameter values for a URL.

    `propios(cliente)` → kwargs the client may open (each answers them 200: the id is real).
    `ajenos(victima, atacante)` → kwargs the attacker tries against the victim's records; by
    default the victim's own values. `rechazo`: the status another client gets (404: the record
    does not exist for them; a key URL answers its 'invalid link' page instead).
    """

    propios: Callable[[Cliente], list[dict]]
    ajenos: Callable[[Cliente, Cliente], list[dict]] | None = None
    rechazo: int = 404
    # Ids that must answer 404 to their own client too (drafts, annulled rows).
    ocultos: Callable[[Cliente], list[dict]] | None = None

    def intentos(self, victima: Cliente, atacante: Cliente) -> list[dict]:
        return self.ajenos(victima, atacante) if self.ajenos else self.propios(victima)


def _pks(*tipos: str, parametro: str = "pk", atributo: str = "pk") -> Callable[[Cliente], list[dict]]:
    """The client's rows of these kinds as URL kwargs: `_pks("pqrs")` → [{"pk": …}],
    `_pks("transacciones", parametro="referencia", atributo="referencia")` for a key URL."""
    return lambda c: [{parametro: getattr(r, atributo)} for r in c.de(*tipos)]


def _ocultos(*tipos: str) -> Callable[[Cliente], list[dict]]:
    return lambda c: [{"pk": r.pk} for t in tipos for r in c.ocultos.get(t, [])]


def _enlace(generador):
    """A signed link is the credential: its holder may use it (200). The attack is the swap: the
    victim's user id with the attacker's own valid token, or the victim's token under the
    attacker's id; both must be an invalid link (400, the page that says so)."""

    def propios(c: Cliente) -> list[dict]:
        return [{"uidb64": _uid(c), "token": generador.make_token(c.usuario)}]

    def ajenos(victima: Cliente, atacante: Cliente) -> list[dict]:
        return [
            {"uidb64": _uid(victima), "token": generador.make_token(atacante.usuario)},
            {"uidb64": _uid(atacante), "token": generador.make_token(victima.usuario)},
        ]

    return Entrada(propios=propios, ajenos=ajenos, rechazo=400)


# URL name → how to get a client's values for its parameters. Add an entry for every portal URL
# that takes a parameter (ids, references, keys).
#
# Payments (pago-portal): "area_clientes:pagar": Entrada(propios=_pks("facturas_pendientes")),
# "area_clientes:pago_en_linea": Entrada(propios=_pks("transacciones", parametro="referencia",
# atributo="referencia")), … PQRS (pqrs): "area_clientes:pqrs_detalle": Entrada(propios=_pks("pqrs")),
# "area_clientes:pqrs_adjunto": Entrada(propios=_pks("adjuntos_pqrs")), … and an `@al_construir`
# function below that creates those rows for both clients.
IDS_PORTAL: dict[str, Entrada] = {
    "area_clientes:factura_pdf": Entrada(
        propios=_pks("facturas", "comisiones"), ocultos=_ocultos("facturas")
    ),
    "area_clientes:recibo_pdf": Entrada(propios=_pks("pagos")),
    "area_clientes:egreso_pdf": Entrada(propios=_pks("egresos"), ocultos=_ocultos("egresos")),
    # PQRS (branch pqrs): the client's own PQRS and the attachments of its public thread; the
    # attachment of an internal note answers 404 to its own client too.
    "area_clientes:pqrs_detalle": Entrada(propios=_pks("pqrs")),
    "area_clientes:pqrs_responder": Entrada(propios=_pks("pqrs")),  # GET shows the reply form
    "area_clientes:pqrs_adjunto": Entrada(propios=_pks("adjuntos_pqrs"), ocultos=_ocultos("adjuntos_pqrs")),
    # Online payments: Registrar pago on an invoice still payable, and the return page and its polling
    # partial by the attempt's reference (the key a gateway sends the browser back with).
    "area_clientes:pagar": Entrada(propios=_pks("facturas_pagables")),
    "area_clientes:pago_en_linea": Entrada(
        propios=_pks("transacciones", parametro="referencia", atributo="referencia")
    ),
    "area_clientes:pago_en_linea_estado": Entrada(
        propios=_pks("transacciones", parametro="referencia", atributo="referencia")
    ),
    "area_clientes:activar": _enlace(activacion_token),
    "area_clientes:recuperar_confirmar": _enlace(recuperar_contrasena_token),
}


# Functions that add a feature's records to the world, called with the built world: each fills
# `cliente.registros["<kind>"]` (and `ocultos`) for both clients. Register with @al_construir, e.g.
#
#     @al_construir
#     def _pqrs(mundo):
#         for c in mundo.clientes:
#             c.registros["pqrs"] = [pqrs_radicar(tercero=c.tercero, …, actor=c.usuario)]
EXTENSIONES: list[Callable[["Mundo"], None]] = []


def al_construir(funcion: Callable[["Mundo"], None]) -> Callable[["Mundo"], None]:
    EXTENSIONES.append(funcion)
    return funcion


def _arrendar(*, inquilino: Tercero, propietario: Tercero, hoy) -> Contrato:
    return ContratoFactory(
        inquilino=inquilino,
        propiedad=PropiedadFactory(propietarios=[propietario]),
        canon=Decimal("1350000"),
        fecha_inicio=mes_sumar(hoy.replace(day=1), -12),
        fecha_fin=mes_sumar(hoy.replace(day=1), 12),
        dia_vencimiento=5,
    )


def _llenar(cliente: Cliente, *, contrato_inquilino: Contrato, hoy, staff) -> None:
    """The tenant side of `cliente`: two rent invoices (one paid), another kind, one annulled."""
    tercero = cliente.tercero
    antepasado, pasado = mes_sumar(hoy.replace(day=1), -2), mes_sumar(hoy.replace(day=1), -1)
    f1, _ = factura_arriendo_emitir(contrato=contrato_inquilino, periodo=antepasado, fecha_emision=antepasado)
    f2, _ = factura_arriendo_emitir(contrato=contrato_inquilino, periodo=pasado, fecha_emision=pasado)
    otra = factura(tercero, valor=Decimal("80000"), emision=pasado, vence=pasado + timedelta(days=10))
    anulada = factura(tercero, valor=Decimal("5000"), emision=pasado, vence=pasado + timedelta(days=10))
    factura_anular(factura=anulada, motivo="Emitida por error", actor=staff)
    pago_registrar(
        tercero=tercero,
        valor=f1.total,
        metodo=MetodoPago.TRANSFERENCIA,
        facturas=[f1],
        fecha=antepasado + timedelta(days=3),
        actor=staff,
    )
    pago_registrar(
        tercero=tercero,
        valor=Decimal("400000"),
        metodo=MetodoPago.EFECTIVO,
        facturas=[f2],
        fecha=pasado + timedelta(days=3),
        actor=staff,
    )
    cliente.registros["facturas"] = [f1, f2, otra]
    cliente.ocultos["facturas"] = [anulada]


def _liquidar(propietario: Cliente, *, contrato: Contrato, hoy, staff) -> None:
    """The owner side: the first month settled and paid out, the second left as a draft."""
    antepasado, pasado = mes_sumar(hoy.replace(day=1), -2), mes_sumar(hoy.replace(day=1), -1)
    (confirmado,) = egreso_liquidar(contrato=contrato, periodo=antepasado, fecha=hoy, actor=staff)
    confirmado = egreso_confirmar(egreso=confirmado, fecha_pago=hoy, actor=staff)
    (borrador,) = egreso_liquidar(contrato=contrato, periodo=pasado, fecha=hoy, actor=staff)
    assert borrador.estado == EstadoEgreso.BORRADOR
    propietario.registros["egresos"] = [confirmado]
    propietario.ocultos["egresos"] = [borrador]
    propietario.registros["comisiones"] = list(
        Factura.objects.vigentes().filter(tipo=TipoFactura.COMISION, tercero=propietario.tercero)
    )


PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"


def _pqrs(cliente: Cliente, *, contrato: Contrato, staff) -> None:
    """A PQRS filed with an attachment, and a staff note with one the client must never reach."""
    pqrs = pqrs_radicar(
        tercero=cliente.tercero,
        clasificacion="queja",
        asunto="reparaciones",
        descripcion=f"Gotera en el baño de {cliente.nombre}",
        contrato=contrato,
        adjuntos=[SimpleUploadedFile("foto.pdf", PDF)],
        actor=cliente.usuario,
    )
    pqrs_nota(pqrs=pqrs, texto="Nota interna", adjuntos=[SimpleUploadedFile("interno.pdf", PDF)], actor=staff)
    adjuntos = AdjuntoPqrs.objects.filter(mensaje__pqrs=pqrs)
    cliente.registros["pqrs"] = [pqrs]
    cliente.registros["adjuntos_pqrs"] = list(adjuntos.exclude(mensaje__tipo=TipoMensaje.NOTA))
    cliente.ocultos["adjuntos_pqrs"] = list(adjuntos.filter(mensaje__tipo=TipoMensaje.NOTA))
    cliente.registros.setdefault("huellas", []).append(pqrs.radicado)


def construir_mundo() -> Mundo:
    hoy = timezone.localdate()
    if not ResolucionFacturacion.objects.filter(activa=True).exists():
        resolucion(vigente_desde=mes_sumar(hoy, -24))
    staff = StaffFactory()
    a = Cliente("A", ClienteFactory(es_inquilino=True, es_propietario=True))
    b = Cliente("B", ClienteFactory(es_inquilino=True, es_propietario=True))
    a_arrienda_de_b = _arrendar(inquilino=a.tercero, propietario=b.tercero, hoy=hoy)
    b_arrienda_de_a = _arrendar(inquilino=b.tercero, propietario=a.tercero, hoy=hoy)
    _llenar(a, contrato_inquilino=a_arrienda_de_b, hoy=hoy, staff=staff)
    _llenar(b, contrato_inquilino=b_arrienda_de_a, hoy=hoy, staff=staff)
    _liquidar(b, contrato=a_arrienda_de_b, hoy=hoy, staff=staff)
    _liquidar(a, contrato=b_arrienda_de_a, hoy=hoy, staff=staff)
    _pqrs(a, contrato=a_arrienda_de_b, staff=staff)
    _pqrs(b, contrato=b_arrienda_de_a, staff=staff)
    mundo = Mundo(a=a, b=b, staff=staff, contratos=[a_arrienda_de_b, b_arrienda_de_a])
    for cliente in mundo.clientes:
        # Rent paid at the counter, and the commission settled by offset when the payout was confirmed.
        cliente.registros["pagos"] = list(Pago.objects.filter(tercero=cliente.tercero))
        cliente.registros["facturas_pendientes"] = list(
            Factura.objects.filter(pk__in=[f.pk for f in cliente.de("facturas")], saldo__gt=0)
        )
    for cliente in mundo.clientes:
        # One attempt in verification per client, on the partly paid invoice; the rest stay payable.
        pendientes = cliente.registros["facturas_pendientes"]
        transaccion = transaccion_iniciar(tercero=cliente.tercero, facturas=pendientes[:1])
        cliente.registros["transacciones"] = [transaccion]
        cliente.registros["facturas_pagables"] = pendientes[1:]
    for extension in EXTENSIONES:
        extension(mundo)
        faltan = [t for t in ("facturas", "comisiones", "pagos", "egresos") if not cliente.registros.get(t)]
        assert not faltan, f"the world gave client {cliente.nombre} no {faltan} ({DONDE})"
    return mundo
