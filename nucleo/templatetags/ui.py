"""Template helpers shared by portal and back-office: money, menu links, brand colours."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from stdnum.co import nit as stdnum_nit

from nucleo import colores
from nucleo.formato import pesos as formato_pesos

register = template.Library()


@register.filter
def pesos(valor):
    return formato_pesos(valor)


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
