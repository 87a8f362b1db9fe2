"""Every URL in the URLconf, by who may reach it (DESIGN §4 and §10.2). No hand-kept list.

The URLconf is walked; each URL gets a rule from EXPECTATIVAS (by URL name) or, failing that,
from its prefix: `/gestion/` is staff, `/customerarea/` is the portal, `/admin/` is the Django
admin. A URL outside those prefixes that EXPECTATIVAS does not name fails
`test_every_url_has_a_rule`; a URL under them is checked by the prefix's rule, so a new public
or Administrador-only page fails until it is declared here. URL parameters come from VALORES.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import resolve, reverse

from nucleo.permisos import GRUPO_ADMINISTRADOR, GRUPO_AUXILIAR
from tests.factories import ClienteFactory, StaffFactory
from tests.security.urlconf import Ruta, rutas

pytestmark = pytest.mark.django_db

# Who may reach a URL.
PUBLICA = "publica"  # anyone; never a login redirect, never a 500
PORTAL = "portal"  # anonymous → portal login; a staff session is refused
STAFF = "staff"  # anonymous → staff login; a client account → 403; any staff member gets in
ADMINISTRADOR = "administrador"  # as STAFF, but an Auxiliar → 403
ADMIN_DJANGO = "admin"  # Django admin: anonymous and client accounts → admin login
WEBHOOK = "webhook"  # a gateway's server-to-server POST: public, CSRF-exempt, POST only (GET → 405)

# Declare here every URL whose rule is not its prefix's (key: the URL name, or the route for an
# unnamed URL).
EXPECTATIVAS = {
    "": PUBLICA,  # / redirects to the portal
    "favicon.ico": PUBLICA,  # redirects to the static icon
    "set_language": PUBLICA,
    "admin:login": PUBLICA,
    "admin:logout": PUBLICA,
    "gestion:ingresar": PUBLICA,
    "gestion:salir": PUBLICA,
    "gestion:marca_logo": PUBLICA,  # the portal and login pages show the logo too
    "gestion:entidad": ADMINISTRADOR,
    "pagos:pago_anular": ADMINISTRADOR,
    "pagos:egreso_anular": ADMINISTRADOR,
    "area_clientes:inicio": PUBLICA,  # the login form until a client is logged in
    "area_clientes:ingresar": PUBLICA,
    "area_clientes:salir": PUBLICA,
    "area_clientes:recuperar": PUBLICA,
    "area_clientes:recuperar_enviado": PUBLICA,
    "area_clientes:activar": PUBLICA,  # the signed link is the credential
    "area_clientes:recuperar_confirmar": PUBLICA,
    "area_clientes:manual": PUBLICA,  # the Manual de uso is linked from the login page
    "pasarelas:payu_confirmacion": WEBHOOK,
    "pasarelas:wompi_eventos": WEBHOOK,
    "pasarelas:simulada_confirmacion": WEBHOOK,
    # The simulated gateway's own page: the portal's form posts to it, like to PayU's.
    "pasarelas:simulada_checkout": WEBHOOK,
}

POR_PREFIJO = [("gestion/", STAFF), ("customerarea/", PORTAL), ("admin/", ADMIN_DJANGO)]

# A value for each URL parameter name. Ids need not exist: every guard runs before the lookup.
VALORES = {
    "pk": 999999,
    "uidb64": "MQ",
    "token": "enlace-falso",
    "object_id": "1",
    "id": "1",
    "content_type_id": "1",
    "app_label": "terceros",
    "url": "no-existe/",
}

DONDE = "tests/security/test_acceso_urls.py"


RUTAS = list(rutas())


def regla(ruta: Ruta) -> str | None:
    if ruta.clave in EXPECTATIVAS:
        return EXPECTATIVAS[ruta.clave]
    return next((r for prefijo, r in POR_PREFIJO if ruta.patron.startswith(prefijo)), None)


def _rutas(*reglas):
    elegidas = [r for r in RUTAS if regla(r) in reglas]
    return pytest.mark.parametrize("ruta", elegidas, ids=[r.clave for r in elegidas])


def test_every_url_has_a_rule():
    sin_regla = [r.patron for r in RUTAS if regla(r) is None]
    assert not sin_regla, (
        f"URLs with no access rule: {sin_regla}. Declare each in EXPECTATIVAS in {DONDE} "
        f"({PUBLICA}, {PORTAL}, {STAFF}, {ADMINISTRADOR}, {ADMIN_DJANGO}, {WEBHOOK}) or give it a new rule there."
    )


def test_every_parameter_has_a_value_and_every_url_resolves_to_its_view():
    faltan = sorted({p for r in RUTAS for p in r.parametros() if p not in VALORES})
    assert not faltan, f"URL parameters with no value: {faltan}. Add one to VALORES in {DONDE}."
    for ruta in rutas():  # afresh: a test may have reloaded the URLconf
        assert resolve(ruta.url(VALORES)).func == ruta.callback, ruta.clave


def test_every_declaration_names_a_url_that_exists():
    claves = {r.clave for r in RUTAS}
    assert not set(EXPECTATIVAS) - claves, f"Stale entries in EXPECTATIVAS ({DONDE})"


# --- who gets what ------------------------------------------------------------------------


def _pedir(client, url):
    """GET, and POST too (state-changing views are POST-only: 405 on the other method)."""
    return {"GET": client.get(url), "POST": client.post(url, {})}


def _al_ingreso(respuesta, nombre_ingreso: str) -> bool:
    return respuesta.status_code == 302 and respuesta["Location"].startswith(
        reverse(nombre_ingreso) + "?next="
    )


def _rechaza(respuestas, *, como, clave):
    """Every method refused (or not allowed), and at least one reached the guard."""
    for metodo, r in respuestas.items():
        assert como(r) or r.status_code == 405, (clave, metodo, r.status_code, r.get("Location"))
    assert any(como(r) for r in respuestas.values()), (clave, "405 for every method")


def _entra(client, ruta):
    """The account is let in: no refusal, no login redirect, no error (on the allowed method)."""
    url = ruta.url(VALORES)
    r = client.get(url)
    if r.status_code == 405:
        r = client.post(url, {})
    assert r.status_code not in (403, 405), (
        ruta.clave,
        r.status_code,
        f"refused to staff: if only an Administrador may enter, declare it in EXPECTATIVAS ({DONDE})",
    )
    assert r.status_code < 500, (ruta.clave, r.status_code)
    assert not (r.status_code == 302 and "ingresar" in r["Location"]), (ruta.clave, r["Location"])


def _staff(grupo: str):
    usuario = StaffFactory()
    usuario.groups.add(Group.objects.get(name=grupo))
    c = Client()
    c.force_login(usuario)
    return c


def _cliente():
    c = Client()
    c.force_login(ClienteFactory().usuario)
    return c


def _es_403(r):
    return r.status_code == 403


@_rutas(STAFF, ADMINISTRADOR)
def test_back_office_sends_anonymous_to_the_staff_login(ruta):
    _rechaza(
        _pedir(Client(), ruta.url(VALORES)),
        como=lambda r: _al_ingreso(r, "gestion:ingresar"),
        clave=ruta.clave,
    )


@_rutas(STAFF, ADMINISTRADOR)
def test_back_office_refuses_a_client_account(ruta, entidad):
    _rechaza(_pedir(_cliente(), ruta.url(VALORES)), como=_es_403, clave=ruta.clave)


@_rutas(STAFF)
def test_back_office_lets_an_auxiliar_in(ruta, entidad):
    _entra(_staff(GRUPO_AUXILIAR), ruta)


@_rutas(ADMINISTRADOR)
def test_administrador_pages_refuse_an_auxiliar_and_let_an_administrador_in(ruta, entidad):
    _rechaza(_pedir(_staff(GRUPO_AUXILIAR), ruta.url(VALORES)), como=_es_403, clave=ruta.clave)
    _entra(_staff(GRUPO_ADMINISTRADOR), ruta)


@_rutas(PORTAL)
def test_portal_sends_anonymous_to_the_portal_login(ruta):
    _rechaza(
        _pedir(Client(), ruta.url(VALORES)),
        como=lambda r: _al_ingreso(r, "area_clientes:ingresar"),
        clave=ruta.clave,
    )


@_rutas(PORTAL)
def test_portal_refuses_a_staff_session(ruta, entidad):
    # Staff are not portal users: the portal treats them as not logged in.
    _rechaza(
        _pedir(_staff(GRUPO_ADMINISTRADOR), ruta.url(VALORES)),
        como=lambda r: _al_ingreso(r, "area_clientes:ingresar"),
        clave=ruta.clave,
    )


@_rutas(ADMIN_DJANGO)
def test_django_admin_sends_anonymous_and_client_accounts_to_its_login(ruta, entidad):
    for client in (Client(), _cliente()):
        _rechaza(
            _pedir(client, ruta.url(VALORES)), como=lambda r: _al_ingreso(r, "admin:login"), clave=ruta.clave
        )


@_rutas(PUBLICA)
def test_public_pages_answer_anonymous_visitors(ruta, entidad):
    for metodo, r in _pedir(Client(), ruta.url(VALORES)).items():
        assert r.status_code < 500, (ruta.clave, metodo, r.status_code)
        assert not (r.status_code == 302 and "next=" in r["Location"]), (ruta.clave, metodo, r["Location"])


@_rutas(WEBHOOK)
def test_webhooks_are_public_post_only_and_csrf_exempt(ruta, entidad):
    # A gateway has no session and no CSRF token: an anonymous POST reaches the view (which
    # stores and refuses the empty message), never a login redirect, a 403 or a 500.
    client = Client(enforce_csrf_checks=True)
    assert client.get(ruta.url()).status_code == 405, ruta.clave
    r = client.post(ruta.url(), {})
    assert r.status_code not in (302, 403, 405), (ruta.clave, r.status_code)
    assert r.status_code < 500, (ruta.clave, r.status_code)
