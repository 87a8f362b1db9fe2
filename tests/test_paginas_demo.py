"""Every page of the demo answers 200, for each demo login, on whichever database the suite runs.

What a newcomer does after `make run`: log in with each login the README lists and open every
page of the portal and the back-office, detail pages of the demo's own objects included. The
pages come from the URLconf: a new URL fails `test_every_url_has_a_rule` until someone says
below who opens it and with which objects.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from facturacion.models import EstadoFactura, Factura, TipoFactura
from nucleo.tokens import activacion_token, recuperar_contrasena_token
from pagos.models import Egreso, EstadoEgreso, Pago, TransaccionPasarela
from pqrs.models import AdjuntoPqrs, Pqrs
from terceros.demo import PORTAL_AMBOS, PORTAL_INQUILINO, PORTAL_PROPIETARIO, STAFF
from terceros.models import Contrato, Propiedad, Tercero

NAMESPACES = {"area_clientes", "gestion", "facturacion", "pagos", "pagos_configuracion", "envios", "pqrs"}

ANONIMO = "anonimo"
INQUILINO, PROPIETARIO, AMBOS = "inquilino", "propietario", "ambos"
ADMIN, AUXILIAR = "admin", "auxiliar"
CLIENTES = {INQUILINO, PROPIETARIO, AMBOS}
CON_ARRIENDO = {INQUILINO, AMBOS}
CON_PROPIEDADES = {PROPIETARIO, AMBOS}
STAFF_TODO = {ADMIN, AUXILIAR}


@dataclass(frozen=True)
class Regla:
    """Who opens this page with GET, and with which arguments (a function of the visitor's Tercero)."""

    perfiles: frozenset = frozenset()
    args: Callable[[Tercero | None], Iterable[tuple]] | None = None
    query: str = ""
    solo_post: str = ""  # why GET does not apply (the POST is tested where the feature is)


def _r(perfiles, args=None, query=""):
    return Regla(perfiles=frozenset(perfiles), args=args, query=query)


def _post(motivo):
    return Regla(solo_post=motivo)


def _uno_por(qs, *campos) -> list[tuple]:
    """The first object (by pk) of each distinct combination of `campos`: every state, not every row."""
    vistos = {}
    for pk, *clave in qs.order_by("pk").values_list("pk", *campos):
        vistos.setdefault(tuple(clave), pk)
    return [(pk,) for pk in vistos.values()]


def _extremos(qs) -> list[tuple]:
    pks = list(qs.order_by("pk").values_list("pk", flat=True))
    assert pks, qs.model
    return sorted({(pks[0],), (pks[-1],)})


def _facturas_portal(tercero):
    tipos = [TipoFactura.ARRENDAMIENTO] if tercero.es_inquilino else []
    tipos += [TipoFactura.COMISION] if tercero.es_propietario else []
    qs = Factura.objects.filter(tercero=tercero, tipo__in=tipos).exclude(estado=EstadoFactura.ANULADA)
    return _uno_por(qs, "tipo", "estado")


def _enlace(generador):
    def args(_tercero):
        usuario = Tercero.objects.get(numero_documento=PORTAL_INQUILINO[0]).usuario
        return [(urlsafe_base64_encode(force_bytes(usuario.pk)), generador.make_token(usuario))]

    return args


def _arriendos_por_estado(tercero):
    """One rent invoice of the client per state: Registrar pago shows a pending one and a paid one."""
    qs = Factura.objects.filter(tercero=tercero, tipo=TipoFactura.ARRENDAMIENTO).exclude(
        estado=EstadoFactura.ANULADA
    )
    return _uno_por(qs, "estado")


def _referencias(tercero):
    qs = TransaccionPasarela.objects.filter(tercero=tercero).order_by("pk")
    return [(r,) for r in dict.fromkeys(qs.values_list("referencia", flat=True))]


def _terceros_demo(_t):
    documentos = [PORTAL_INQUILINO[0], PORTAL_PROPIETARIO[0], PORTAL_AMBOS[0]]
    qs = Tercero.objects.filter(numero_documento__in=documentos)
    otros = Tercero.objects.exclude(numero_documento__in=documentos)
    return [(pk,) for pk in qs.values_list("pk", flat=True)] + _uno_por(
        otros, "tipo_documento", "es_inquilino", "es_propietario"
    )


REGLAS: dict[str, Regla] = {
    # Portal, anonymous side.
    "area_clientes:ingresar": _r({ANONIMO}),
    "area_clientes:recuperar": _r({ANONIMO}),
    "area_clientes:recuperar_enviado": _r({ANONIMO}),
    "area_clientes:activar": _r({ANONIMO}, _enlace(activacion_token)),
    "area_clientes:recuperar_confirmar": _r({ANONIMO}, _enlace(recuperar_contrasena_token)),
    "area_clientes:salir": _post("logout"),
    "area_clientes:manual": _r({ANONIMO, *CLIENTES}),
    # Portal, each client by profile.
    "area_clientes:inicio": _r({ANONIMO, *CLIENTES}),
    "area_clientes:perfil": _r(CLIENTES),
    "area_clientes:cambiar_contrasena": _r(CLIENTES),
    "area_clientes:autorizacion_datos": _r(CLIENTES),  # opened before consenting (afterwards it redirects)
    "area_clientes:facturas": _r(CON_ARRIENDO),
    "area_clientes:pagos": _r(CON_ARRIENDO),
    "area_clientes:recibo_pdf": _r(CON_ARRIENDO, lambda t: _extremos(Pago.objects.filter(tercero=t))),
    "area_clientes:estado_cuenta": _r(CON_ARRIENDO),
    "area_clientes:pagar": _r(CON_ARRIENDO, _arriendos_por_estado),
    "area_clientes:pagar_varias": _r(CON_ARRIENDO),
    "area_clientes:pago_en_linea": _r(CON_ARRIENDO, _referencias),
    "area_clientes:pago_en_linea_estado": _r(CON_ARRIENDO, _referencias),
    "area_clientes:estado_cuenta_pdf": _r(CON_ARRIENDO),
    "area_clientes:comisiones": _r(CON_PROPIEDADES),
    "area_clientes:ingresos": _r(CON_PROPIEDADES),
    "area_clientes:factura_pdf": _r(CLIENTES, _facturas_portal),
    "area_clientes:egreso_pdf": _r(
        CON_PROPIEDADES,
        lambda t: _extremos(Egreso.objects.filter(propietario=t, estado=EstadoEgreso.CONFIRMADO)),
    ),
    # Portal PQRS and habeas data: every demo client has PQRS (pqrs/demo.py), in every state.
    "area_clientes:pqrs": _r(CLIENTES),
    "area_clientes:pqrs_nueva": _r(CLIENTES),
    "area_clientes:pqrs_detalle": _r(CLIENTES, lambda t: _uno_por(Pqrs.objects.filter(tercero=t), "estado")),
    "area_clientes:pqrs_responder": _r(
        CLIENTES, lambda t: _uno_por(Pqrs.objects.filter(tercero=t), "estado")
    ),
    "area_clientes:pqrs_adjunto": _r(
        CLIENTES,
        lambda t: [
            (pk,) for pk in AdjuntoPqrs.objects.filter(mensaje__pqrs__tercero=t).values_list("pk", flat=True)
        ],
    ),
    "area_clientes:mis_datos": _r(CLIENTES),
    "area_clientes:mis_datos_json": _r(CLIENTES),
    "area_clientes:mis_datos_pdf": _r(CLIENTES),
    "area_clientes:mis_datos_solicitud": _post("files a habeas-data request (tests/pqrs/test_mis_datos.py)"),
    # Back-office.
    "gestion:ingresar": _r({ANONIMO}),
    "gestion:salir": _post("logout"),
    "gestion:marca_logo": _r({ANONIMO, *STAFF_TODO}),
    "gestion:inicio": _r(STAFF_TODO),
    "gestion:terceros": _r(STAFF_TODO),
    "gestion:tercero_nuevo": _r(STAFF_TODO),
    "gestion:terceros_opciones": _r(STAFF_TODO, query="?q=mejia"),
    "gestion:tercero_detalle": _r(STAFF_TODO, _terceros_demo),
    "gestion:tercero_editar": _r(STAFF_TODO, _terceros_demo),
    "gestion:propiedades": _r(STAFF_TODO),
    "gestion:propiedad_nueva": _r(STAFF_TODO),
    "gestion:propiedad_detalle": _r(STAFF_TODO, lambda t: _extremos(Propiedad.objects.all())),
    "gestion:propiedad_editar": _r(STAFF_TODO, lambda t: _extremos(Propiedad.objects.all())),
    "gestion:contratos": _r(STAFF_TODO),
    "gestion:contrato_nuevo": _r(STAFF_TODO),
    "gestion:contrato_detalle": _r(STAFF_TODO, lambda t: _extremos(Contrato.objects.all())),
    "gestion:contrato_editar": _r(STAFF_TODO, lambda t: _extremos(Contrato.objects.all())),
    "gestion:configuraciones": _r(STAFF_TODO),
    "gestion:entidad": _r({ADMIN}),  # Administrador only; tests/terceros/test_acceso.py refuses Auxiliar
    "facturacion:facturas": _r(STAFF_TODO),
    "facturacion:factura_nueva": _r(STAFF_TODO),
    "facturacion:factura": _r(STAFF_TODO, lambda t: _uno_por(Factura.objects.all(), "tipo", "estado")),
    "facturacion:factura_pdf": _r(STAFF_TODO, lambda t: _uno_por(Factura.objects.all(), "tipo", "estado")),
    "facturacion:factura_anular": _post("annuls an invoice"),
    "facturacion:resoluciones": _r(STAFF_TODO),
    "pagos:pagos": _r(STAFF_TODO),
    "pagos:pago_nuevo": _r(STAFF_TODO),
    "pagos:pago": _r(STAFF_TODO, lambda t: _uno_por(Pago.objects.all(), "metodo")),
    "pagos:recibo_pdf": _r(STAFF_TODO, lambda t: _extremos(Pago.objects.all())),
    "pagos:pagos_en_linea": _r(STAFF_TODO),
    "pagos:pago_en_linea": _r(STAFF_TODO, lambda t: _uno_por(TransaccionPasarela.objects.all(), "estado")),
    "pagos:pago_en_linea_consultar": _post("asks the gateway (tests/pagos/test_en_linea_gestion.py)"),
    "pagos_configuracion:pasarela": _r(STAFF_TODO),
    "pagos:egresos": _r(STAFF_TODO),
    "pagos:egreso_nuevo": _r(STAFF_TODO),
    "pagos:egreso": _r(STAFF_TODO, lambda t: _uno_por(Egreso.objects.all(), "estado")),
    "pagos:egreso_pdf": _r(STAFF_TODO, lambda t: _uno_por(Egreso.objects.all(), "estado")),
    "pagos:egreso_confirmar": _post("confirms a payout"),
    "pagos:pago_anular": _post("reverses a payment (tests/pagos/test_anular.py)"),
    "pagos:egreso_anular": _post("annuls a payout (tests/pagos/test_anular.py)"),
    "gestion:pqrs_bandeja": _r(STAFF_TODO),
    "gestion:pqrs_registrar": _r(STAFF_TODO),
    "gestion:pqrs_detalle": _r(STAFF_TODO, lambda t: _uno_por(Pqrs.objects.all(), "estado", "prorrogada")),
    "gestion:pqrs_adjunto": _r(STAFF_TODO, lambda t: _uno_por(AdjuntoPqrs.objects.all(), "mensaje__tipo")),
    "gestion:pqrs_asignar": _post("assigns a PQRS (tests/pqrs/test_gestion_acciones.py)"),
    "gestion:pqrs_responder": _post("answers a PQRS"),
    "gestion:pqrs_nota": _post("adds an internal note"),
    "gestion:pqrs_prorrogar": _post("extends the legal term"),
    "gestion:pqrs_solicitar_informacion": _post("asks the client for more information"),
    "gestion:pqrs_cerrar": _post("closes a PQRS"),
    "gestion:pqrs_configuracion": _r({ADMIN}),  # Administrador only (tests/security/test_acceso_urls.py)
    "envios:area_clientes": _r(STAFF_TODO),
    "envios:cola": _r(STAFF_TODO),
    "envios:correo": _r(STAFF_TODO),
    "envios:correo_prueba": _post("sends a test email"),
    "envios:generar": _post("queues password emails"),
    "envios:cancelar": _post("cancels the queue"),
    "envios:configurar": _post("saves the sending settings"),
    "envios:generar_individual": _post("queues one password email"),
}

# Pages outside the walked namespaces that a demo login opens too.
EXTRA = {ADMIN: ["/admin/"]}


def _nombres(patrones, prefijo="") -> set[str]:
    nombres = set()
    for p in patrones:
        if isinstance(p, URLResolver):
            ns = f"{prefijo}{p.namespace}:" if p.namespace else prefijo
            nombres |= _nombres(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name and prefijo:
            nombres.add(prefijo + p.name)
    return {n for n in nombres if n.split(":")[0] in NAMESPACES}


def test_every_url_has_a_rule():
    nombres = _nombres(get_resolver().url_patterns)
    assert nombres - REGLAS.keys() == set(), "URL sin regla en tests/test_paginas_demo.py"
    assert REGLAS.keys() - nombres == set(), "regla de una URL que ya no existe"


def _urls(perfil: str, tercero: Tercero | None) -> list[str]:
    urls = []
    for nombre, regla in REGLAS.items():
        if perfil not in regla.perfiles:
            continue
        for args in regla.args(tercero) if regla.args else [()]:
            urls.append(reverse(nombre, args=args) + regla.query)
    return urls + EXTRA.get(perfil, [])


def _recorrer(client: Client, perfil: str, tercero: Tercero | None, fallas: list, omitir=()) -> int:
    urls = [u for u in _urls(perfil, tercero) if u not in omitir]
    for url in urls:
        r = client.get(url)
        if r.status_code != 200:
            fallas.append((perfil, url, r.status_code, r.get("Location", "")))
    return len(urls)


@pytest.mark.django_db
def test_every_page_answers_200_for_every_demo_login():
    # A fixed day (a month's 1st: this month's rent issued, not yet due), so the result is any day's.
    with time_machine.travel(datetime(2027, 3, 1, 10, 0, tzinfo=ZoneInfo("America/Bogota"))):
        call_command("cargar_demo", stdout=StringIO())
        fallas = []
        visitas = _recorrer(Client(), ANONIMO, None, fallas)

        for perfil, (documento, clave) in {
            INQUILINO: PORTAL_INQUILINO,
            PROPIETARIO: PORTAL_PROPIETARIO,
            AMBOS: PORTAL_AMBOS,
        }.items():
            client = Client()
            r = client.post(reverse("area_clientes:ingresar"), {"username": documento, "password": clave})
            assert r.status_code == 302, (perfil, r.status_code)
            tercero = Tercero.objects.get(numero_documento=documento)
            # First visit: the consent page, as a real client meets it (afterwards it redirects).
            consentimiento = reverse("area_clientes:autorizacion_datos")
            assert client.get(consentimiento).status_code == 200, perfil
            r = client.post(consentimiento, {"acepto": "on"})
            assert r.status_code == 302, (perfil, r.status_code)
            visitas += _recorrer(client, perfil, tercero, fallas, omitir={consentimiento})

        for username, clave, *_ in STAFF:
            client = Client()
            r = client.post(reverse("gestion:ingresar"), {"username": username, "password": clave})
            assert r.status_code == 302, (username, r.status_code)
            visitas += _recorrer(client, username, None, fallas)

    assert not fallas, fallas
    assert visitas > 100
