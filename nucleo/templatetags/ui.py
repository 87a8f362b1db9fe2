"""Template helpers shared by portal and back-office: money, menu links, brand colours."""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from stdnum.co import nit as stdnum_nit

from nucleo import colores
from nucleo.formato import pesos as formato_pesos

register = template.Library()


@register.filter
def pesos(valor):
    return formato_pesos(valor)


@register.filter
def fecha(valor):
    """A date as dd/mm/aaaa (21/11/2026), as `|date:"d/m/Y"` but without parsing the format on
    every call: long lists render it twice a row."""
    if not valor:
        return ""
    return f"{valor.day:02d}/{valor.month:02d}/{valor.year:04d}"


# The id a URL pattern is reversed with once; each row's id replaces it in the cached text.
_MARCA_ID = 987654321


@lru_cache(maxsize=256)
def _url_con_marca(url_name: str, prefijo: str, urlconf, idioma: str) -> tuple[str, str]:
    url = reverse(url_name, args=[_MARCA_ID], urlconf=urlconf)
    antes, marca, despues = url.partition(str(_MARCA_ID))
    if not marca or str(_MARCA_ID) in despues:
        raise ValueError(f"{url_name}: la URL no tiene un único parámetro entero")
    return antes, despues


@register.simple_tag
def url_id(url_name, pk):
    """`{% url name pk %}` for a URL whose only parameter is an integer id, in lists: the
    pattern is reversed once per process (keyed by URL name, script prefix, URLconf and
    language — what reverse() depends on), then each row only joins its id. Nothing about
    the data is kept; a non-integer id raises, as {% url %} would not match it."""
    antes, despues = _url_con_marca(url_name, get_script_prefix(), get_urlconf(), get_language())
    return f"{antes}{int(pk)}{despues}"


@register.filter
def nit(valor):
    """A stored NIT (digits + check digit) as people read it: 900.123.456-8."""
    if not valor:
        return ""
    # format() re-punctuates anything without complaint; a legacy non-NIT is shown as stored.
    return stdnum_nit.format(valor) if stdnum_nit.is_valid(valor) else valor


@register.simple_tag(takes_context=True)
def nav_item(context, url_name, etiqueta, icono=""):
    """A menu link that marks itself active. A mistyped name raises, as {% url %} does."""
    url = reverse(url_name)
    request = context.get("request")
    activo = request is not None and (
        request.path == url or (url.rstrip("/").count("/") > 1 and request.path.startswith(url))
    )
    return format_html(
        '<li class="nav-item"><a class="nav-link{}" href="{}"{}>{}{}</a></li>',
        " active" if activo else "",
        url,
        mark_safe(' aria-current="page"') if activo else "",
        format_html('<i class="bi bi-{} me-1" aria-hidden="true"></i>', icono) if icono else "",
        etiqueta,
    )


def _color(valor) -> str:
    # The model validates #RRGGBB; a legacy or hand-edited row must not break every page.
    return valor if colores.es_color(valor) else colores.PRIMARIO_POR_DEFECTO


@register.filter
def texto_sobre(fondo):
    """The text colour (white or black) that reads at 4.5:1 on a brand background."""
    return colores.texto_sobre(_color(fondo))


@register.filter
def legible(color):
    """A brand colour used as text on white, darkened just enough to read at 4.5:1."""
    return colores.legible_sobre(_color(color))


@register.filter
def realce(fondo):
    """The hover/focus shade of a brand background that keeps its text's contrast."""
    return colores.realce(_color(fondo))


@register.filter
def tema_barra(fondo):
    """Bootstrap's navbar-dark (white links and toggler) only on a brand colour dark enough for them."""
    return "navbar-dark" if colores.texto_sobre(_color(fondo)) == colores.BLANCO else ""
