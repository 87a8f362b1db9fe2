"""Whatever colours an agency picks, the text the pages put on them (and them on white) reads at 4.5:1."""

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from nucleo.colores import BLANCO, NEGRO, contraste, legible_sobre, realce, texto_sobre
from nucleo.email import Marca, correo_crear

colores = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")


@given(colores)
def test_it_picks_a_text_colour_that_reads_on_any_brand_colour(fondo):
    assert contraste(texto_sobre(fondo), fondo) >= 4.5
    # Hover/focus shade: the same text still reads on it.
    assert contraste(texto_sobre(fondo), realce(fondo)) >= 4.5


@given(colores)
def test_it_darkens_a_brand_colour_used_as_text_just_enough(color):
    legible = legible_sobre(color)
    assert contraste(legible, BLANCO) >= 4.5
    if contraste(color, BLANCO) >= 4.5:
        assert legible == color  # a colour that already reads is kept as the agency chose it


def test_it_knows_the_reference_ratios():
    assert round(contraste(BLANCO, NEGRO), 2) == 21.0
    assert texto_sobre("#1A4F8B") == BLANCO  # the demo's blue keeps white text
    assert texto_sobre("#F2A900") == NEGRO  # the demo's amber gets black text
    assert texto_sobre("#FFFF00") == NEGRO


def test_an_email_of_a_pale_brand_puts_black_text_on_it_and_a_darker_link():
    marca = Marca(
        nombre="Inmobiliaria Clara", color_primario="#FFE45C", portal_url="https://clara.test/customerarea"
    )
    tercero = SimpleNamespace(nombre_completo="Gloria", numero_documento="52333444")
    correo = correo_crear(
        plantilla="area_clientes/recuperar_contrasena",
        contexto={"tercero": tercero, "enlace": "https://clara.test/x", "horas": 2},
        para="gloria@correo.test",
        marca=marca,
    )
    html = correo.alternatives[0][0]
    assert "background:#FFE45C;color:#000000;" in html  # the button
    assert f"color:{marca.color_enlace};" in html
    assert contraste(marca.color_enlace, BLANCO) >= 4.5
    assert "color:#ffffff" not in html.replace("background:#ffffff", "")
