"""Colour contrast (WCAG 2.1 relative luminance): the agency picks its brand colours, the pages
pick the text colour that stays legible on them, whatever was picked."""

import re

NEGRO, BLANCO = "#000000", "#ffffff"
MINIMO_TEXTO = 4.5  # WCAG 2.1 AA, 1.4.3, normal-size text
PRIMARIO_POR_DEFECTO = "#1A4F8B"
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def es_color(valor) -> bool:
    return isinstance(valor, str) and bool(_HEX.match(valor))


def _rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def _hex(rgb) -> str:
    return "#" + "".join(f"{max(0, min(255, round(v))):02x}" for v in rgb)


def luminancia(color: str) -> float:
    def canal(v):
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (canal(v) for v in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contraste(a: str, b: str) -> float:
    la, lb = sorted((luminancia(a), luminancia(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def texto_sobre(fondo: str) -> str:
    """White on the colour if it reaches 4.5:1, else black (which then always does: the two ratios multiply to 21)."""
    return BLANCO if contraste(fondo, BLANCO) >= MINIMO_TEXTO else NEGRO


def mezclar(color: str, con: str, t: float) -> str:
    return _hex(a + (b - a) * t for a, b in zip(_rgb(color), _rgb(con), strict=True))


def legible_sobre(color: str, fondo: str = BLANCO, minimo: float = MINIMO_TEXTO) -> str:
    """The colour itself if it reads on `fondo`, else the nearest shade towards black or white that does."""
    hacia = NEGRO if contraste(fondo, NEGRO) >= contraste(fondo, BLANCO) else BLANCO
    for paso in range(21):
        candidato = mezclar(color, hacia, paso / 20)
        if contraste(candidato, fondo) >= minimo:
            return candidato
    return hacia


def realce(fondo: str) -> str:
    """The hover/focus shade of a brand background: a step further from its text colour, so contrast only grows."""
    return mezclar(fondo, NEGRO if texto_sobre(fondo) == BLANCO else BLANCO, 0.15)
