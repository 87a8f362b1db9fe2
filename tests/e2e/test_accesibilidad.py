"""axe-core over every portal page (each profile), the main back-office pages and the error pages.

0 serious or critical WCAG 2.1 A/AA violations at 390 and 1280 px. The portal pages come from the
URLconf through the page walk's table (`REGLAS` in tests/test_paginas_demo.py): a new portal page
is checked as soon as it has its rule there, and a portal URL without one fails here too.
One browser, one context per profile; docs/ACCESIBILIDAD.md says what this proves and what not.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import Resolver404, get_resolver, resolve, reverse
from playwright.sync_api import Error as PlaywrightError

from nucleo.limites import respuesta_demasiados_intentos
from nucleo.paginas_error import pagina_500
from terceros.demo import PORTAL_AMBOS, PORTAL_INQUILINO, PORTAL_PROPIETARIO, STAFF
from terceros.models import Tercero
from tests.e2e.axe import axe_describir, axe_revisar, axe_version, es_grave
from tests.e2e.conftest import CAPTURAS
from tests.factories import CLAVE_PRUEBA, ClienteFactory, EntidadFactory, StaffFactory
from tests.test_paginas_demo import ADMIN, AMBOS, ANONIMO, INQUILINO, PROPIETARIO, REGLAS, _nombres

pytestmark = pytest.mark.django_db(transaction=True)

ANCHOS = (390, 1280)
PORTAL = "area_clientes"
CLIENTES = {INQUILINO: PORTAL_INQUILINO, PROPIETARIO: PORTAL_PROPIETARIO, AMBOS: PORTAL_AMBOS}
DONDE = (
    "Regístrela en REGLAS de tests/test_paginas_demo.py (quién la abre y con qué objetos de la demo, "
    "terceros/demo.py); la recorren ese test y tests/e2e/test_accesibilidad.py."
)
# The back-office pages staff spend their day on (issue 12.3); each list with one detail.
GESTION = [
    "gestion:inicio",
    "gestion:terceros",
    "gestion:tercero_detalle",
    "gestion:tercero_nuevo",
    "gestion:tercero_editar",
    "gestion:propiedades",
    "gestion:propiedad_detalle",
    "gestion:contratos",
    "gestion:contrato_detalle",
    "facturacion:facturas",
    "facturacion:factura",
    "facturacion:factura_nueva",
    "pagos:pagos",
    "pagos:pago",
    "pagos:pago_nuevo",
    "pagos:egresos",
    "pagos:egreso",
    "pagos:pagos_en_linea",
    "pagos:pago_en_linea",
    "gestion:pqrs_bandeja",
    "gestion:pqrs_detalle",
    "gestion:pqrs_registrar",
    "envios:area_clientes",
    "envios:correo",
    "gestion:configuraciones",
    "gestion:entidad",
    "pagos_configuracion:pasarela",
    "gestion:pqrs_configuracion",
]
# htmx fragments polled into a page (no <html>, <title> of their own); the page renders the same
# partial, so axe checks it there.
FRAGMENTOS = {"pago_en_linea_estado"}
RESULTADO = CAPTURAS.parent / "accesibilidad.json"


def _nombre_de(url: str) -> str | None:
    """The URL's name, None for the 404 page's made-up address."""
    try:
        return resolve(url.split("?")[0].split("#")[0]).url_name
    except Resolver404:
        return None


def _contexto(browser):
    # bypass_csp: the page's CSP would refuse the injected axe script (a harness privilege only).
    contexto = browser.new_context(
        bypass_csp=True, locale="es-CO", viewport={"width": ANCHOS[0], "height": 844}
    )
    contexto.set_default_timeout(15_000)
    return contexto


def _urls_de(nombre: str, perfil: str, tercero) -> list[str]:
    regla = REGLAS.get(nombre)
    assert regla is not None, f"{nombre}: página del portal sin regla. {DONDE}"
    if perfil not in regla.perfiles:
        return []
    try:
        argumentos = list(regla.args(tercero)) if regla.args else [()]
    except AssertionError as e:  # _extremos() found no objects
        raise AssertionError(f"{nombre}: la demo no tiene objetos para {perfil} ({e}). {DONDE}") from e
    return [reverse(nombre, args=a) + regla.query for a in argumentos]


class Recorrido:
    """Visits pages in one context, both widths, and keeps what axe found."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.paginas, self.revisiones, self.fallas, self.no_html = [], 0, [], []
        self.menores = {}  # lesser or best-practice rule -> pages: reported in docs/ACCESIBILIDAD.md, not failed

    def revisar_aqui(self, etiqueta: str):
        for ancho in ANCHOS:
            self.page.set_viewport_size({"width": ancho, "height": 844 if ancho < 600 else 800})
            violaciones = axe_revisar(self.page, todas=True)
            self.revisiones += 1
            graves = [v for v in violaciones if es_grave(v)]
            if graves:
                self.fallas.append(axe_describir(etiqueta, ancho, graves))
            for v in violaciones:
                if not es_grave(v):
                    clase = "wcag" if v["wcag"] else "best-practice"
                    self.menores.setdefault(f"{v['id']} ({clase}, {v['impact']})", set()).add(etiqueta)
        self.paginas.append(etiqueta)

    def visitar(self, url: str, estado: int = 200):
        if estado == 200 and (_nombre_de(url) or "").endswith("_pdf"):
            self.no_html.append(url)  # documents, not pages (docs/ACCESIBILIDAD.md says what of them)
            return
        if _nombre_de(url) in FRAGMENTOS:
            self.no_html.append(url)  # an htmx fragment: checked inside the page that includes it
            return
        try:
            r = self.page.goto(self.base + url)
        except PlaywrightError as e:
            if "Download is starting" not in str(e):
                raise
            self.no_html.append(url)  # a download under another name: no page to check
            return
        if not r.headers.get("content-type", "").startswith("text/html"):
            self.no_html.append(url)
            return
        if r.status != estado or self.page.url != self.base + url.split("#")[0]:
            self.fallas.append(f"{url}: {r.status} en {self.page.url}, no {estado}. {DONDE}")
            return
        self.revisar_aqui(url)


def _ingresar_cliente(page, base, documento, clave):
    page.goto(f"{base}/customerarea/ingresar/")
    page.locator("input[name=username]").fill(documento)
    page.locator("input[name=password]").fill(clave)
    page.get_by_role("button", name="Acceder").click()
    page.wait_for_load_state()


def _ingresar_personal(page, base, usuario, clave):
    page.goto(f"{base}/gestion/ingresar/")
    page.locator("input[name=username]").fill(usuario)
    page.locator("input[name=password]").fill(clave)
    page.get_by_role("button", name="Ingresar", exact=True).click()
    page.wait_for_load_state()


def _pagina_renderizada(page, base, ruta, respuesta):
    """An error page Django renders but a live request cannot easily provoke (500, 429), at its URL."""
    page.route(
        base + ruta,
        lambda route: route.fulfill(
            status=respuesta.status_code, body=respuesta.content, content_type="text/html"
        ),
    )
    page.goto(base + ruta)


def test_every_portal_url_is_in_the_walk():
    nombres = sorted(n for n in _nombres(get_resolver().url_patterns) if n.startswith(PORTAL + ":"))
    sin_regla = [n for n in nombres if n not in REGLAS]
    assert not sin_regla, f"Páginas del portal sin regla: {sin_regla}. {DONDE}"
    # A GET page nobody opens would never be checked: a rule is GET for someone or says why it is POST.
    mudas = [n for n in nombres if not REGLAS[n].perfiles and not REGLAS[n].solo_post]
    assert not mudas, f"Reglas sin perfiles ni motivo POST: {mudas}. {DONDE}"


def test_axe_finds_no_serious_violation_on_any_page(browser, live_server):
    call_command("cargar_demo", stdout=StringIO())
    base = live_server.url
    portal = sorted(n for n in _nombres(get_resolver().url_patterns) if n.startswith(PORTAL + ":"))
    recorridos = []

    # Anonymous: login, password recovery (and its links), manual, the error pages.
    contexto = _contexto(browser)
    page = contexto.new_page()
    rec = Recorrido(page, base)
    for nombre in portal:
        for url in _urls_de(nombre, ANONIMO, None):
            rec.visitar(url)
    page.goto(f"{base}/customerarea/ingresar/")
    page.get_by_role("button", name="Acceder").click()  # the form with its errors shown
    rec.revisar_aqui("/customerarea/ingresar/ (errores)")
    rec.visitar("/customerarea/no-existe/", estado=404)
    rec.visitar("/gestion/no-existe/", estado=404)
    fabrica = RequestFactory()
    for ruta, respuesta in [
        ("/customerarea/error-500/", pagina_500(fabrica.get("/customerarea/error-500/"))),
        ("/gestion/error-500/", pagina_500(fabrica.get("/gestion/error-500/"))),
        (
            "/customerarea/error-429/",
            respuesta_demasiados_intentos(fabrica.get("/customerarea/"), minutos=15),
        ),
    ]:
        _pagina_renderizada(page, base, ruta, respuesta)
        rec.revisar_aqui(f"{ruta} ({respuesta.status_code})")
    recorridos.append((ANONIMO, rec))
    contexto.close()

    for perfil, (documento, clave) in CLIENTES.items():
        contexto = _contexto(browser)
        page = contexto.new_page()
        rec = Recorrido(page, base)
        tercero = Tercero.objects.get(numero_documento=documento)
        _ingresar_cliente(page, base, documento, clave)
        consentimiento = reverse("area_clientes:autorizacion_datos")
        rec.visitar(consentimiento)  # first visit, as a real client meets it; afterwards it redirects
        page.get_by_role("checkbox").check()
        page.get_by_role("button", name="Acepto y continúo").click()
        page.wait_for_load_state()
        for nombre in portal:
            for url in _urls_de(nombre, perfil, tercero):
                if url != consentimiento:
                    rec.visitar(url)
        recorridos.append((perfil, rec))
        contexto.close()

    usuario, clave, *_ = next(s for s in STAFF if s[0] == ADMIN)
    contexto = _contexto(browser)
    page = contexto.new_page()
    rec = Recorrido(page, base)
    rec.visitar(reverse("gestion:ingresar"))
    _ingresar_personal(page, base, usuario, clave)
    for nombre in GESTION:
        urls = _urls_de(nombre, ADMIN, None)
        assert urls, f"{nombre}: ninguna URL para el administrador en REGLAS"
        rec.visitar(urls[0])
    recorridos.append((ADMIN, rec))
    contexto.close()

    resumen = {
        "axe_core": axe_version(),
        "anchos": list(ANCHOS),
        "perfiles": {p: len(r.paginas) for p, r in recorridos},
        "paginas": sum(len(r.paginas) for _, r in recorridos),
        "revisiones": sum(r.revisiones for _, r in recorridos),
        "sin_html": sorted({u for _, r in recorridos for u in r.no_html}),
        "violaciones_graves": sum(len(r.fallas) for _, r in recorridos),
        "menores": {
            regla: sorted({p for _, r in recorridos for p in r.menores.get(regla, ())})
            for regla in sorted({k for _, r in recorridos for k in r.menores})
        },
    }
    RESULTADO.parent.mkdir(parents=True, exist_ok=True)
    RESULTADO.write_text(json.dumps(resumen, indent=2, ensure_ascii=False))
    fallas = [f for _, r in recorridos for f in r.fallas]
    assert not fallas, "\n".join(fallas)
    assert resumen["paginas"] > 40, resumen


@pytest.mark.parametrize("primario", ["#FFE45C", "#7F7F7F"], ids=["amarillo_claro", "gris_medio"])
def test_a_pale_or_mid_brand_colour_keeps_every_text_legible(browser, live_server, captura, primario):
    # The demo's blue passes anyway; an agency may pick a pale yellow (black text then) or a grey
    # where white fails and black barely passes. The pages pick the text colour, not the agency.
    EntidadFactory(color_primario=primario, color_secundario="#FFF5CC", nombre="Inmobiliaria Clara")
    cliente = ClienteFactory(es_inquilino=True, es_propietario=True)
    StaffFactory(username="personal")
    base = live_server.url
    contexto = _contexto(browser)
    page = contexto.new_page()
    rec = Recorrido(page, base)
    for url in ["/customerarea/ingresar/", "/customerarea/recuperar-contrasena/", "/gestion/ingresar/"]:
        rec.visitar(url)
    rec.visitar("/customerarea/no-existe/", estado=404)
    _ingresar_cliente(page, base, cliente.numero_documento, CLAVE_PRUEBA)
    rec.visitar(reverse("area_clientes:inicio"))
    page.set_viewport_size({"width": ANCHOS[0], "height": 844})
    page.get_by_role("button", name="Abrir menú").click()  # the menu open on a phone, on the brand colour
    page.locator("#menu-portal.collapse.show").wait_for()
    rec.revisar_aqui("/customerarea/ (menú abierto)")
    page.set_viewport_size({"width": ANCHOS[0], "height": 844})
    captura(page, f"marca_{primario[1:]}_portal_390")
    contexto.close()

    contexto = _contexto(browser)
    page = contexto.new_page()
    rec_personal = Recorrido(page, base)
    _ingresar_personal(page, base, "personal", CLAVE_PRUEBA)
    for nombre in ("gestion:inicio", "envios:area_clientes"):
        rec_personal.visitar(reverse(nombre))
    captura(page, f"marca_{primario[1:]}_gestion_1280")
    contexto.close()
    fallas = rec.fallas + rec_personal.fallas
    assert not fallas, "\n".join(fallas)
