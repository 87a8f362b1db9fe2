"""IDOR matrix from the URLconf: another client's ids answer 404 on every portal URL.

The URLconf is walked (tests/security/urlconf.py); every portal URL that takes a parameter must
have an entry in `tests.security.mundo.IDS_PORTAL` saying how to get a client's values for it.
For each entry and each of the two clients of the world (tests/security/mundo.py):
  - the owner opens each of their ids → 200 (the id is real: a matrix of 404s alone proves nothing);
  - the other client asks for the same ids → 404 (a key URL: its refusal status), GET and POST;
  - ids hidden from everyone (drafts, annulled rows) → 404 for both.
Pages without parameters (lists, dashboard, statements and their PDF) are walked too: nothing
on the other client's page may carry this client's invoice or voucher numbers.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.facturacion.datos import texto_pdf
from tests.security.mundo import DONDE, IDS_PORTAL, Cliente, construir_mundo
from tests.security.urlconf import rutas_del_portal

pytestmark = pytest.mark.django_db

# The matrix must try at least this many (URL, id, requester) requests; it tries more today.
PISO_PARES = 40
# Pages that end the session or are the anonymous login flow: nothing of a client's on them.
SIN_RECORRER = {"area_clientes:salir", "area_clientes:ingresar", "area_clientes:recuperar_enviado"}


def _con_parametros():
    return [r for r in rutas_del_portal() if r.parametros()]


def test_every_portal_url_with_a_parameter_has_an_entry():
    faltan = [r.clave for r in _con_parametros() if r.clave not in IDS_PORTAL]
    assert not faltan, (
        f"Portal URLs with a parameter and no IDOR entry: {faltan}. Add each to IDS_PORTAL in {DONDE} "
        "(how to get a client's ids for it) and build those records in construir_mundo()."
    )


def test_every_entry_names_a_portal_url_with_a_parameter():
    claves = {r.clave for r in _con_parametros()}
    assert not set(IDS_PORTAL) - claves, f"Stale entries in IDS_PORTAL ({DONDE})"


def _sesion(cliente: Cliente) -> Client:
    c = Client()
    c.raise_request_exception = True
    c.force_login(cliente.usuario)
    return c


def _contenido(respuesta) -> str:
    if respuesta.get("Content-Type", "").startswith("application/pdf"):
        return texto_pdf(b"".join(respuesta.streaming_content) if respuesta.streaming else respuesta.content)
    if respuesta.streaming:
        return b"".join(respuesta.streaming_content).decode(errors="replace")
    return respuesta.content.decode(errors="replace")


def _huellas_en(texto: str, huellas: set[str]) -> list[str]:
    return [h for h in huellas if re.search(rf"(?<![\w-]){re.escape(h)}(?!\d)", texto)]


def test_another_clients_ids_answer_404_on_every_portal_url(entidad, capsys):
    mundo = construir_mundo()
    sesiones = {c.nombre: _sesion(c) for c in mundo.clientes}
    pares, fallas = 0, []

    def pedir(ruta, cliente, kwargs, esperado, metodo="get"):
        nonlocal pares
        url = reverse(ruta.clave, kwargs=kwargs)
        r = getattr(sesiones[cliente.nombre], metodo)(url)
        pares += 1
        if r.status_code != esperado:
            fallas.append(f"{metodo.upper()} {url} as {cliente.nombre}: {r.status_code}, expected {esperado}")
        return r

    for ruta in _con_parametros():
        entrada = IDS_PORTAL[ruta.clave]
        for victima in mundo.clientes:
            atacante = mundo.otro(victima)
            propios = entrada.propios(victima)
            assert propios, f"{ruta.clave}: the world gives client {victima.nombre} no ids ({DONDE})"
            for kwargs in propios:
                pedir(ruta, victima, kwargs, 200)
            for kwargs in entrada.intentos(victima, atacante):
                r = pedir(ruta, atacante, kwargs, entrada.rechazo)
                if fuga := _huellas_en(_contenido(r), victima.huellas()):
                    fallas.append(
                        f"{ruta.clave} {kwargs} shows {victima.nombre}'s {fuga} to {atacante.nombre}"
                    )
                if ruta.acepta_post():
                    pedir(ruta, atacante, kwargs, entrada.rechazo, metodo="post")
            for kwargs in entrada.ocultos(victima) if entrada.ocultos else []:
                pedir(ruta, victima, kwargs, 404)
                pedir(ruta, atacante, kwargs, 404)
    with capsys.disabled():
        print(f"\nIDOR matrix: {pares} URL x id requests, {len(fallas)} leaks")
    assert not fallas, "\n".join(fallas)
    assert pares >= PISO_PARES, f"the matrix tried only {pares} requests"


def test_pages_without_parameters_show_nothing_of_the_other_client(entidad):
    """Lists, dashboard and statements (HTML and PDF) are scoped too: B's pages never carry A's
    invoice or voucher numbers, and A's pages do (else the check could see nothing)."""
    mundo = construir_mundo()
    paginas = [
        r
        for r in rutas_del_portal()
        if not r.parametros() and r.clave not in SIN_RECORRER and "GET" in (r.metodos() or {"GET"})
    ]
    vistas = {c.nombre: set() for c in mundo.clientes}
    fallas = []
    for cliente in mundo.clientes:
        sesion = _sesion(cliente)
        otro = mundo.otro(cliente)
        for ruta in paginas:
            r = sesion.get(reverse(ruta.clave))
            assert r.status_code < 400, (ruta.clave, cliente.nombre, r.status_code)
            if r.status_code != 200:
                continue
            texto = _contenido(r)
            vistas[cliente.nombre] |= set(_huellas_en(texto, cliente.huellas()))
            if fuga := _huellas_en(texto, otro.huellas()):
                fallas.append(f"{ruta.clave} as {cliente.nombre} shows {otro.nombre}'s {fuga}")
    assert not fallas, "\n".join(fallas)
    for cliente in mundo.clientes:
        assert vistas[cliente.nombre] == cliente.huellas(), (
            f"{cliente.nombre}'s own records not found on any page: {cliente.huellas() - vistas[cliente.nombre]}"
        )
