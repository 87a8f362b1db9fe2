"""Every form fuzzed with hypothesis: no 500, errors in Spanish, typed text kept.

The forms come from the registry in tests/security/formularios.py (one entry per form: URL, who
is logged in, fields and their kind). Each example posts the form with every field either valid,
hostile for its kind, hostile of another kind, missing or sent twice. Hostile values: NUL, RTL
marks, combining characters, 100k-character strings, other digit systems (Arabic-Indic, fullwidth,
'²'), huge and negative numbers, impossible dates. For every answer:
  - no exception and no 5xx;
  - every error message the page shows (form and formset errors, messages) is Spanish, not one
    of Django's English defaults;
  - a text field the page renders again carries what was typed.

Profiles (tests/conftest.py): the default runs few examples per form, derandomized, no deadline,
so CI stays short and stable; `--hypothesis-profile=largo` runs many (see docs/BENCHMARKS.md).
"""

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import BaseForm, BaseFormSet, fields
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.html import conditional_escape
from django.utils.http import urlsafe_base64_encode
from hypothesis import given
from hypothesis import strategies as st

from facturacion.services import factura_arriendo_emitir
from nucleo.fechas import mes_sumar
from nucleo.tokens import activacion_token, recuperar_contrasena_token
from pagos.services import egreso_liquidar, pago_registrar
from terceros.importacion import COLUMNAS, ArchivoInvalido, terceros_importar
from terceros.models import Contrato, Tercero
from tests.factories import StaffFactory
from tests.security.formularios import (
    ANONIMO,
    CLIENTE,
    DONDE,
    FORMULARIOS,
    JSON,
    SIN_FORMULARIO,
    STAFF,
    Formulario,
    Tipo,
)
from tests.security.test_entradas_hostiles import (
    formularios_de,
    mundo,  # noqa: F401 (the hostile walk's world, reused)
)
from tests.security.urlconf import rutas

pytestmark = pytest.mark.django_db

# Inputs tried per form in this run (printed at the end by tests/security/conftest.py).
INTENTOS: Counter = Counter()
FALLAS_500: Counter = Counter()

# --- strategies ---------------------------------------------------------------------------------

ESPECIALES = [
    "\x00",  # NUL: PostgreSQL refuses it in text
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "\u0301",  # combining acute accent
    "\u0336",  # combining long stroke
    "\ufeff",  # byte order mark
    "\u200b",  # zero-width space
    "'",
    '"',
    "<b>",
    "&amp;",
    "\r\n",
    "%s",
    "\\",
    "😀",
]
DIGITOS_AJENOS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９²³¹१२३"
_caracteres = st.characters(blacklist_categories=("Cs",))
texto_raro = st.lists(
    st.one_of(st.sampled_from(ESPECIALES), st.text(_caracteres, max_size=6)), min_size=1, max_size=6
).map("".join)


class Largo(str):
    """A 100k-character value that prints short in hypothesis' report."""

    def __repr__(self):
        return f"<{len(self)} chars: {str.__repr__(self[:6])}…>"


texto_largo = st.sampled_from(
    [Largo(t) for t in ("x" * 100_000, "ñ\u0301" * 50_000, "٣" * 100_000, "9" * 100_000)]
)
otros_digitos = st.text(alphabet=DIGITOS_AJENOS + "0123456789.,-", min_size=1, max_size=14)
numeros = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(
        [
            "-1",
            "0",
            "-0",
            "1e400",
            "NaN",
            "sNaN",
            "-Infinity",
            "1.200.000,50",
            "1,5",
            "9" * 40,
            "0x10",
            "1_000",
        ]
    ),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
)
fechas = st.one_of(
    st.sampled_from(
        ["2026-02-30", "2026-13-01", "0000-00-00", "31/02/2026", "9999-12-31", "10000-01-01", "-2026-01-01"]
    ),
    st.dates().map(date.isoformat),
    st.tuples(st.integers(-(10**6), 10**6), st.integers(-99, 99), st.integers(-99, 99)).map(
        lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"
    ),
)
meses = st.one_of(
    st.sampled_from(["2026-00", "2026-13", "99999999999999999999-01", "-1-01", "2026-1", "nov-2026"]),
    st.tuples(st.integers(-(10**6), 10**6), st.integers(-99, 99)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
)
ids = st.one_of(st.integers(-(2**70), 2**70).map(str), st.sampled_from(["0", "-1", "1.5", "null", "[]"]))
hostil = st.one_of(texto_raro, texto_largo, otros_digitos, numeros, fechas)
POR_TIPO = {
    Tipo.TEXTO: st.one_of(texto_raro, texto_largo, otros_digitos),
    Tipo.CLAVE: st.one_of(texto_raro, texto_largo),
    Tipo.EMAIL: st.one_of(texto_raro, texto_largo, st.emails(), texto_raro.map(lambda t: f"{t}@x.co")),
    Tipo.NUMERO: st.one_of(numeros, otros_digitos),
    Tipo.FECHA: st.one_of(fechas, otros_digitos),
    Tipo.MES: st.one_of(meses, otros_digitos),
    Tipo.OPCION: st.one_of(texto_raro, numeros),
    Tipo.ID: st.one_of(ids, otros_digitos),
    Tipo.BOOLEANO: st.sampled_from(["on", "off", "true", "False", "2", "", "\x00"]),
    Tipo.OCULTO: st.one_of(texto_raro, numeros, texto_largo),
    Tipo.ARCHIVO: st.just(None),  # built in _archivo
}
# What happens to a field: its valid value, a hostile one, missing, or sent twice.
_SUERTE = ["valido", "hostil", "hostil", "hostil", "ajeno", "falta", "doble"]


def _archivo(datos):
    contenido = datos.draw(
        st.one_of(
            st.binary(max_size=512), st.just(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), st.just(b"GIF89a" * 10)
        )
    )
    return SimpleUploadedFile(datos.draw(texto_raro).replace("\x00", "") + ".png", contenido)


def cuerpo(formulario: Formulario, validos: dict, datos) -> dict:
    """One hostile submission of the form, drawn by hypothesis."""
    enviado = {}
    for campo, tipo in formulario.campos.items():
        suerte = datos.draw(st.sampled_from(_SUERTE), label=f"{campo}?")
        if tipo is Tipo.ARCHIVO:
            if suerte != "falta":
                enviado[campo] = _archivo(datos)
            continue
        if suerte == "falta":
            continue
        if suerte == "valido" and campo in validos:
            valor = validos[campo]
        elif suerte == "ajeno":
            valor = datos.draw(hostil, label=campo)
        else:
            valor = datos.draw(POR_TIPO[tipo], label=campo)
        enviado[campo] = [datos.draw(POR_TIPO[tipo]), valor] if suerte == "doble" else valor
    # Fields the registry does not know about, but a valid submission sends (kept valid).
    for campo, valor in validos.items():
        if campo not in formulario.campos:
            enviado[campo] = valor
    return enviado


# --- checks -------------------------------------------------------------------------------------

_INGLES = re.compile(
    r"\b(the|this|that|is|are|must|please|enter|ensure|value|field|valid|invalid|required|characters?|"
    r"allowed|select|choice|number|date|has|have|at least|at most|digits?|whole)\b",
    re.I,
)


def mensajes_de(respuesta) -> list[str]:
    """Every error message the page shows: bound forms' and formsets' errors, and messages."""
    textos = []
    vistos = set()
    for contexto in respuesta.context or []:
        for d in contexto.dicts:
            for valor in d.values():
                if id(valor) in vistos:
                    continue
                vistos.add(id(valor))
                if isinstance(valor, BaseFormSet) and valor.is_bound:
                    textos += list(valor.non_form_errors())
                    for f in valor.forms:
                        textos += [m for errores in f.errors.values() for m in errores]
                elif isinstance(valor, BaseForm) and valor.is_bound:
                    textos += [m for errores in valor.errors.values() for m in errores]
    textos += [str(m) for m in get_messages(respuesta.wsgi_request)]
    return textos


def _ultimo(valor):
    return valor[-1] if isinstance(valor, list) else valor


def revisar(formulario: Formulario, enviado: dict, respuesta) -> list[str]:
    fallas = []
    if respuesta.status_code >= 500:
        fallas.append(f"{respuesta.status_code}")
    for mensaje in mensajes_de(respuesta) if respuesta.context is not None else []:
        if _INGLES.search(str(mensaje)):
            fallas.append(f"English message: {str(mensaje)[:160]!r}")
    html = respuesta.content.decode(errors="replace") if respuesta.status_code == 200 else ""
    if formulario.re_renderiza and "html" in respuesta.get("Content-Type", ""):
        for campo, tipo in formulario.campos.items():
            valor = _ultimo(enviado.get(campo))
            if tipo not in (Tipo.TEXTO, Tipo.EMAIL) or not isinstance(valor, str) or not valor.strip():
                continue
            if f'name="{campo}"' in html and str(conditional_escape(valor)) not in html:
                fallas.append(f"typed text of {campo!r} lost ({valor[:40]!r})")
    return fallas


# --- the world ---------------------------------------------------------------------------------


@dataclass
class MundoFuzz:
    ids: dict
    validos: dict
    documento: str

    @property
    def cliente(self) -> Tercero:
        return Tercero.objects.select_related("usuario").get(numero_documento=self.documento)

    def enlace(self, tipo: str) -> dict:
        """A fresh signed link for the client (a password change spends the previous one)."""
        generador = activacion_token if tipo == "activar" else recuperar_contrasena_token
        usuario = self.cliente.usuario
        return {
            "uidb64": urlsafe_base64_encode(force_bytes(usuario.pk)),
            "token": generador.make_token(usuario),
        }


@pytest.fixture
def mundo_fuzz(mundo):  # noqa: F811
    """The hostile walk's world, plus a draft payout so the payout forms reach their checks."""
    hoy = timezone.localdate()
    contrato = Contrato.objects.get(pk=mundo.ids["contrato"])
    periodo = mes_sumar(hoy.replace(day=1), -1)
    if periodo < contrato.fecha_inicio:
        periodo = contrato.fecha_inicio.replace(day=1)
    factura, _ = factura_arriendo_emitir(contrato=contrato, periodo=periodo, fecha_emision=periodo)
    pago_registrar(
        tercero=contrato.inquilino, valor=factura.total, metodo="efectivo", facturas=[factura], actor=None
    )
    (egreso,) = egreso_liquidar(contrato=contrato, periodo=periodo, fecha=hoy)
    ids = {**mundo.ids, "egreso": egreso.pk}
    return MundoFuzz(ids=ids, validos=mundo.validos, documento=mundo.documento)


def _sesion(formulario: Formulario, mundo_fuzz: MundoFuzz) -> Client:
    c = Client()
    c.raise_request_exception = True
    if formulario.quien == CLIENTE:
        c.force_login(mundo_fuzz.cliente.usuario)
    elif formulario.quien == STAFF:
        c.force_login(StaffFactory(is_superuser=True))
    else:
        assert formulario.quien == ANONIMO, formulario.quien
    return c


def _enviar(sesion: Client, formulario: Formulario, url: str, enviado: dict):
    if formulario.formato == JSON:
        cuerpo_json = {k: _ultimo(v) for k, v in enviado.items()}
        return sesion.post(url, json.dumps(cuerpo_json, default=str), content_type="application/json")
    if formulario.metodo == "get":
        return sesion.get(url, {k: v for k, v in enviado.items() if not hasattr(v, "read")})
    return getattr(sesion, formulario.metodo)(url, enviado)


# --- the tests ----------------------------------------------------------------------------------


def test_every_post_view_has_a_fuzz_entry():
    registrados = {f.url for f in FORMULARIOS}
    faltan = [
        r.clave
        for r in rutas()
        if r.con_nombre
        and not r.clave.startswith("admin:")
        and r.clave not in registrados
        and r.clave not in SIN_FORMULARIO
        and r.acepta_post()
    ]
    assert not faltan, (
        f"Views accepting POST with no fuzz entry: {faltan}. Add a Formulario to FORMULARIOS in {DONDE} "
        "(URL name, who is logged in, fields) or list it in SIN_FORMULARIO with the reason."
    )
    nombres = {r.clave for r in rutas()}
    assert not (registrados | set(SIN_FORMULARIO)) - nombres, f"Stale entries in {DONDE}"


@pytest.mark.parametrize("formulario", FORMULARIOS, ids=[f.clave for f in FORMULARIOS])
@given(datos=st.data())
def test_every_form_survives_hostile_input(formulario, datos, mundo_fuzz):
    sesion = _sesion(formulario, mundo_fuzz)
    url = reverse(formulario.url, kwargs=formulario.kwargs(mundo_fuzz))
    enviado = cuerpo(formulario, formulario.valores_validos(mundo_fuzz), datos)
    INTENTOS[formulario.clave] += 1
    antes = formulario.sin_efectos() if formulario.sin_efectos else None
    try:
        respuesta = _enviar(sesion, formulario, url, enviado)
    except Exception as exc:
        FALLAS_500[formulario.clave] += 1
        raise AssertionError(f"{formulario.url}: {type(exc).__name__}: {str(exc)[:300]}") from exc
    fallas = revisar(formulario, enviado, respuesta)
    if formulario.sin_efectos and formulario.sin_efectos() != antes:
        fallas.append(f"a hostile submission changed what it must not ({antes} → {formulario.sin_efectos()})")
    if respuesta.status_code >= 500:
        FALLAS_500[formulario.clave] += 1
    assert not fallas, f"{formulario.url} → {respuesta.status_code}: {fallas}"


# --- the import (a management command, no web form): the same hostile cells in a CSV ----------

_COLUMNAS_IMPORTACION = [*COLUMNAS, "columna_rara", "NÚMERO_DOCUMENTO"]


def _celda(texto: str) -> str:
    return '"' + texto.replace('"', '""') + '"'


@given(datos=st.data())
def test_the_tercero_import_survives_hostile_files(datos, entidad, tmp_path):
    """Every cell hostile or valid, columns missing, repeated or unknown, any delimiter, or bytes
    that are no CSV at all: the import refuses the file (ArchivoInvalido) or reports each bad row
    in Spanish; it never raises anything else."""
    columnas = datos.draw(st.lists(st.sampled_from(_COLUMNAS_IMPORTACION), min_size=1, max_size=16))
    separador = datos.draw(st.sampled_from([",", ";", "\t"]))
    filas = [columnas]
    for n in range(datos.draw(st.integers(0, 4))):
        validos = {"tipo_documento": "CC", "numero_documento": str(52_000_000 + n), "nombres": "Ana"}
        filas.append([datos.draw(st.one_of(st.just(validos.get(c, "")), hostil), label=c) for c in columnas])
    texto = "\n".join(separador.join(_celda(c) for c in fila) for fila in filas)
    contenido = datos.draw(
        st.one_of(
            st.just(texto.encode("utf-8", "surrogatepass")),
            st.just(b"\xef\xbb\xbf" + texto.encode()),
            st.binary(max_size=300),
        ),
        label="bytes",
    )
    ruta = tmp_path / "terceros.csv"
    ruta.write_bytes(contenido)
    INTENTOS["importar_terceros"] += 1
    try:
        resultado = terceros_importar(ruta=ruta)
    except ArchivoInvalido as error:
        mensajes = [str(error)]
    except Exception as exc:
        FALLAS_500["importar_terceros"] += 1
        raise AssertionError(f"terceros_importar: {type(exc).__name__}: {str(exc)[:300]}") from exc
    else:
        mensajes = [r.motivo for r in resultado.rechazados]
    ingles = [m[:160] for m in mensajes if _INGLES.search(m)]
    assert not ingles, ingles


# --- the registry matches the pages ---------------------------------------------------------------

# Bookkeeping fields a page renders that no one types in.
_NO_TECLEADOS = {"csrfmiddlewaretoken", "clave_idempotencia", "next", "confirmado"}


def test_the_registry_knows_every_field_the_pages_render(mundo_fuzz):
    """A field added in a template (not in the form class) would go unfuzzed: the page's form
    (the one posting to the entry's URL) must name only fields its entry declares."""
    faltan = {}
    for formulario in FORMULARIOS:
        sesion = _sesion(formulario, mundo_fuzz)
        url = reverse(formulario.url, kwargs=formulario.kwargs(mundo_fuzz))
        respuesta = sesion.get(url)
        if respuesta.status_code != 200 or "html" not in respuesta.get("Content-Type", ""):
            continue  # a POST-only action: its form lives on another page
        for f in formularios_de(respuesta.content.decode()):
            if f.metodo != formulario.metodo or (f.accion and urlsplit(f.accion).path != url):
                continue
            desconocidos = set(f.campos) - set(formulario.campos) - _NO_TECLEADOS
            desconocidos = {
                c
                for c in desconocidos
                if not re.match(r"\w+-([1-9]\d*|__prefix__)-|\w+-(MIN|MAX)_NUM_FORMS", c)
            }
            if desconocidos:
                faltan[formulario.clave] = sorted(desconocidos)
    assert not faltan, f"Fields the pages render that the registry does not fuzz: {faltan} ({DONDE})"


# --- the checks can fail -------------------------------------------------------------------------


def test_the_language_check_tells_django_english_defaults_from_their_spanish():
    """Django's own field messages, in English, are caught; the same ones in Spanish are not (so
    the fuzzer's 'English message' is a real finding, and a Spanish page passes)."""
    casos = [
        (fields.CharField(max_length=3), "x" * 10),
        (fields.CharField(), ""),
        (fields.DateField(), "2026-02-30"),
        (fields.DecimalField(max_digits=3, decimal_places=1), "12345"),
        (fields.IntegerField(min_value=1), "-5"),
        (fields.EmailField(), "no"),
        (fields.ChoiceField(choices=[("a", "A")]), "b"),
        (fields.CharField(), "a\x00b"),
    ]
    for idioma, debe_ser_ingles in (("en", True), ("es", False)):
        with translation.override(idioma):
            for campo, valor in casos:
                with pytest.raises(ValidationError) as error:
                    campo.clean(valor)
                for mensaje in error.value.messages:
                    assert bool(_INGLES.search(mensaje)) is debe_ser_ingles, (idioma, mensaje)


def test_the_kept_text_check_sees_a_lost_value():
    class Respuesta(dict):
        status_code = 200
        context = None
        content = b'<form><input name="nombres" value=""></form>'

    formulario = Formulario("gestion:tercero_nuevo", STAFF, {"nombres": Tipo.TEXTO})
    respuesta = Respuesta({"Content-Type": "text/html; charset=utf-8"})
    assert revisar(formulario, {"nombres": "Ana \u202e"}, respuesta) == [
        "typed text of 'nombres' lost ('Ana \\u202e')"
    ]
    respuesta.content = '<input name="nombres" value="Ana \u202e">'.encode()
    assert revisar(formulario, {"nombres": "Ana \u202e"}, respuesta) == []
