"""Hostile input on every page, form and filter: never a 500.

The URLconf is walked (staff, portal and anonymous pages); each page's own forms are read from
its HTML, and every field and query parameter gets each hostile value in turn (NUL, '²', an
Arabic-Indic digit, 30 digits, 100k characters, negatives, impossible dates, missing fields),
the rest of the form kept valid where a valid submission is known. A new page, field or filter
is covered without touching this file.
"""

import inspect
import re
import sys
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from facturacion.models import Factura
from nucleo import paginacion
from pagos.services import pago_registrar
from terceros.models import Contrato
from tests.factories import (
    CLAVE_PRUEBA,
    ClienteFactory,
    ContratoFactory,
    PropiedadFactory,
    StaffFactory,
    TerceroFactory,
)
from tests.facturacion.datos import factura, resolucion
from tests.security import urlconf

pytestmark = pytest.mark.django_db

HOSTILES = [
    "a\x00b",
    "²",
    "٣",
    "9" * 30,
    "x" * 100_000,
    "-1",
    "-99999999999999999999",
    "2026-02-30",
    "99999999999999999999-01",
    "NaN",
    "on",
]
# All of them go to every field at once; these to each field alone, the rest kept valid, since
# they are the ones that got past a field into a query (NUL), int() ('²') or a column (30 digits).
HOSTILES_POR_CAMPO = ["a\x00b", "²", "9" * 30]
# Logging out would end the walk; the language switch is Django's own and on every page.
SIN_VISITAR = {"area_clientes:salir", "gestion:salir", "set_language"}


# --- reading pages ------------------------------------------------------------------------------


@dataclass
class Formulario:
    metodo: str
    accion: str
    campos: dict[str, list[str]] = field(default_factory=dict)


class _LectorFormularios(HTMLParser):
    """The forms of a page with their fields and the values the page filled in."""

    def __init__(self):
        super().__init__()
        self.formularios: list[Formulario] = []
        self._select = self._textarea = None

    def _campo(self, nombre, valor=None):
        if self.formularios and nombre:
            valores = self.formularios[-1].campos.setdefault(nombre, [])
            if valor is not None:
                valores.append(valor)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.formularios.append(Formulario((a.get("method") or "get").lower(), a.get("action") or ""))
        elif tag == "input" and a.get("type") not in ("submit", "button", "file"):
            marcado = a.get("type") not in ("checkbox", "radio") or "checked" in a
            self._campo(a.get("name"), (a.get("value") or "") if marcado else None)
        elif tag == "select":
            self._select = a.get("name")
            self._campo(self._select)
        elif tag == "option" and self._select and "selected" in a:
            self._campo(self._select, a.get("value") or "")
        elif tag == "textarea":
            self._textarea = a.get("name")
            self._campo(self._textarea, "")

    def handle_data(self, data):
        if self._textarea and self.formularios:
            self.formularios[-1].campos[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def formularios_de(html: str) -> list[Formulario]:
    lector = _LectorFormularios()
    lector.feed(html)
    return lector.formularios


_LEE = re.compile(r"request\.(?:GET|POST)\.(?:get|getlist)\(\s*\"(\w+)\"")


def parametros_de_vista(vista) -> set[str]:
    """Query parameters a view reads, itself or through the helpers of its module it calls
    (`_anio(request)`): by hand (request.GET.get("…")) or through a form bound to request.GET."""
    vista = getattr(vista, "view_class", None) or inspect.unwrap(vista)
    modulo = sys.modules[vista.__module__]
    fuente = inspect.getsource(modulo)
    bloques = {}
    for bloque in re.split(r"\n(?=@|def |class )", fuente):
        if nombre := re.search(r"^(?:def|class) (\w+)", bloque, re.M):
            bloques[nombre[1]] = bloque
    leidos, pendientes, vistos = set(), [vista.__name__], set()
    while pendientes:
        nombre = pendientes.pop()
        if nombre in vistos or nombre not in bloques:
            continue
        vistos.add(nombre)
        leidos |= set(_LEE.findall(bloques[nombre]))
        for form in re.findall(r"(\w+Form)\(request\.GET", bloques[nombre]):
            leidos |= set(getattr(modulo, form).base_fields)
        if re.search(r"\bpaginar\(\s*request\b", bloques[nombre]):  # the one pagination helper
            leidos |= {paginacion.PARAMETRO, paginacion.PARAMETRO_ANTIGUO}
        pendientes += [n for n in bloques if re.search(rf"\b{n}\(", bloques[nombre])]
    return leidos


def rutas():
    """(name, route) of every named URL: the suite's one URLconf walk (tests/security/urlconf.py)."""
    for ruta in urlconf.rutas():
        if ruta.con_nombre:
            yield ruta.clave, ruta.patron


# --- the world to attack ------------------------------------------------------------------------


@dataclass
class Mundo:
    ids: dict[str, int]
    documento: str
    validos: dict[str, dict]


@pytest.fixture
def mundo(entidad):
    hoy = timezone.localdate()
    resolucion(vigente_desde=hoy - timedelta(days=400), vigente_hasta=hoy + timedelta(days=400))
    cliente = ClienteFactory(numero_documento="43555666", es_inquilino=True, es_propietario=True)
    duena = TerceroFactory(es_propietario=True)
    propiedad = PropiedadFactory(propietarios=[duena])
    contrato = ContratoFactory(
        propiedad=propiedad,
        inquilino=cliente,
        fecha_inicio=hoy - timedelta(days=90),
        fecha_fin=hoy + timedelta(days=275),
    )
    f = factura(
        cliente, valor=Decimal("1500000"), emision=hoy - timedelta(days=20), vence=hoy - timedelta(days=10)
    )
    pago = pago_registrar(
        tercero=cliente, valor=Decimal("500000"), metodo="efectivo", facturas=[f], fecha=hoy, actor=None
    )
    otra = TerceroFactory()
    ids = {
        "tercero": cliente.pk,
        "propiedad": propiedad.pk,
        "contrato": contrato.pk,
        "factura": f.pk,
        "pago": pago.pk,
        "recibo": pago.pk,
        "egreso": 1,
    }
    validos = {
        "gestion:tercero_nuevo": {"tipo_documento": "CC", "numero_documento": "71222333", "nombres": "Ana"},
        "gestion:tercero_editar": {"tipo_documento": "CC", "numero_documento": "43555666", "nombres": "Ana"},
        "gestion:propiedad_nueva": {
            "codigo": "P-H",
            "direccion": "Cra. 1 # 2-3",
            "ciudad": "Medellín",
            "tipo": "apartamento",
            "propietarios-TOTAL_FORMS": "1",
            "propietarios-INITIAL_FORMS": "0",
            "propietarios-0-tercero": str(duena.pk),
            "propietarios-0-participacion": "100",
        },
        "gestion:contrato_nuevo": {
            "numero": "CT-H",
            "propiedad": str(PropiedadFactory(propietarios=[duena]).pk),
            "inquilino": str(otra.pk),
            "canon": "1.800.000",
            "fecha_inicio": hoy.isoformat(),
            "fecha_fin": (hoy + timedelta(days=365)).isoformat(),
            "dia_vencimiento": "5",
            "comision_porcentaje": "10",
            "estado": "activo",
        },
        "facturacion:factura_nueva": {
            "tercero": "43555666",
            "tipo": "otro",
            "descripcion": "Hostil",
            "fecha_emision": hoy.isoformat(),
            "fecha_vencimiento": (hoy + timedelta(days=10)).isoformat(),
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-descripcion": "Ítem",
            "items-0-cantidad": "1",
            "items-0-valor_unitario": "1000",
            "items-0-iva_porcentaje": "19",
        },
        "facturacion:resoluciones": {
            "numero": "99",
            "fecha": hoy.isoformat(),
            "prefijo": "FH",
            "desde": "1",
            "hasta": "10",
            "vigente_desde": hoy.isoformat(),
            "vigente_hasta": (hoy + timedelta(days=30)).isoformat(),
        },
        "pagos:pago_nuevo": {
            "tercero": str(cliente.pk),
            "facturas": str(f.pk),
            "valor": "1.000",
            "metodo": "efectivo",
            "fecha": hoy.isoformat(),
        },
        "pagos:egreso_nuevo": {
            "contrato": contrato.numero,
            "periodo": f"{hoy:%Y-%m}",
            "otros_descuentos": "0",
        },
        "area_clientes:perfil": {"telefono": "300 123 4567", "email": cliente.email, "direccion": "Cl. 1"},
        "area_clientes:cambiar_contrasena": {"old_password": CLAVE_PRUEBA},
        "area_clientes:ingresar": {"username": "43555666", "password": "no-es"},
        "gestion:ingresar": {"username": "staff-x", "password": "no-es"},
        "envios:generar": {"clase": "ambos", "filtro": "solo", "terceros": str(cliente.pk)},
    }
    return Mundo(ids=ids, documento=cliente.numero_documento, validos=validos)


def _url(ruta: str, mundo: Mundo, nombre: str) -> str:
    """The route with its converters filled: ids of existing rows, or words for tokens."""
    recurso = next((k for k in mundo.ids if k in nombre), "tercero")

    def valor(m):
        return str(mundo.ids[recurso]) if m[1] == "int" else "x"

    return "/" + re.sub(r"<(?:(\w+):)?\w+>", valor, ruta)


# --- the walk -----------------------------------------------------------------------------------


class Ataque:
    def __init__(self, client: Client):
        self.client = client
        self.client.raise_request_exception = True
        self.fallas: list[str] = []
        self.vistos: set = set()
        self.saltar = {reverse(n) for n in SIN_VISITAR}

    def enviar(self, metodo: str, url: str, datos: dict, que: str):
        try:
            r = getattr(self.client, metodo)(url, datos)
        except Exception as exc:
            self.fallas.append(f"{metodo.upper()} {url} {que}: {type(exc).__name__}: {str(exc)[:120]}")
            return None
        if r.status_code >= 500:
            self.fallas.append(f"{metodo.upper()} {url} {que}: {r.status_code}")
        return r

    def pagina(self, url: str, nombre: str, mundo: Mundo):
        r = self.enviar("get", url, {}, "sin parámetros")
        if r is None:
            return
        es_html = r.status_code == 200 and "html" in r.get("Content-Type", "")
        formularios = formularios_de(r.content.decode(errors="replace")) if es_html else []
        # Query parameters: those of the page's GET forms plus those its view reads by hand.
        nombres = parametros_de_vista(resolve(urlsplit(url).path).func)
        for f in formularios:
            if f.metodo == "get":
                nombres |= set(f.campos)
        for valor in HOSTILES:
            self.enviar("get", url, dict.fromkeys(nombres, valor), f"todos={valor[:12]!r}")
        # A PDF, JSON or redirect answer has no filters of its own to reach one by one.
        for nombre_p in sorted(nombres) if es_html else []:
            for valor in HOSTILES_POR_CAMPO:
                self.enviar("get", url, {nombre_p: valor}, f"{nombre_p}={valor[:12]!r}")
        for f in formularios:
            if f.metodo == "post":
                self.formulario(f, url, nombre, mundo)

    def formulario(self, f: Formulario, url: str, nombre: str, mundo: Mundo):
        destino = f.accion or url
        huella = (destino, frozenset(f.campos))
        if destino in self.saltar or huella in self.vistos:
            return
        self.vistos.add(huella)
        base = {k: v for k, v in f.campos.items() if k != "csrfmiddlewaretoken"}
        base.update({k: [v] for k, v in mundo.validos.get(nombre, {}).items()})
        self.enviar("post", destino, {}, "sin campos")
        for valor in HOSTILES:
            self.enviar("post", destino, dict.fromkeys(base, valor), f"todos={valor[:12]!r}")
        for campo in sorted(base):
            for valor in HOSTILES_POR_CAMPO:
                self.enviar("post", destino, {**base, campo: [valor]}, f"{campo}={valor[:12]!r}")


def _recorrer(client: Client, mundo: Mundo, espacios: tuple[str, ...]) -> list[str]:
    ataque = Ataque(client)
    for nombre, ruta in rutas():
        if nombre.split(":")[0] in espacios and nombre not in SIN_VISITAR:
            ataque.pagina(_url(ruta, mundo, nombre), nombre, mundo)
    return ataque.fallas


def test_staff_pages_forms_and_filters_never_answer_500(mundo):
    client = Client()
    client.force_login(StaffFactory(is_superuser=True))
    assert _recorrer(client, mundo, ("gestion", "facturacion", "pagos", "envios")) == []


def test_portal_pages_forms_and_filters_never_answer_500(mundo):
    client = Client()
    client.force_login(ClienteFactory._meta.model.objects.get(numero_documento=mundo.documento).usuario)
    assert _recorrer(client, mundo, ("area_clientes",)) == []


def test_anonymous_pages_never_answer_500(mundo):
    assert _recorrer(Client(), mundo, ("area_clientes", "gestion")) == []


def test_the_walk_reaches_the_pages_and_forms_it_claims(mundo):
    """Guard against a walk that silently visits nothing (a renamed namespace, a parser that finds no form)."""
    nombres = {n for n, _r in rutas()}
    assert {
        "gestion:terceros",
        "facturacion:factura_nueva",
        "pagos:pago_nuevo",
        "area_clientes:perfil",
    } <= nombres
    client = Client()
    client.force_login(StaffFactory())
    html = client.get(reverse("gestion:contrato_nuevo")).content.decode()
    campos = {n for f in formularios_de(html) if f.metodo == "post" for n in f.campos}
    assert {"numero", "propiedad", "inquilino", "canon", "fecha_inicio"} <= campos
    assert {"anio", "estado", "pagina"} <= parametros_de_vista(
        resolve(reverse("area_clientes:facturas")).func
    )
    assert {"q", "page"} <= parametros_de_vista(resolve(reverse("gestion:propiedades")).func)
    assert Contrato.objects.exists()
    assert Factura.objects.exists()
