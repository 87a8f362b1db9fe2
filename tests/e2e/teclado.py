"""Keyboard-only driving for browser tests: Tab / Shift+Tab / Enter, each focus stop checked visible.

`Teclado(page).hasta(nombre)` tabs until the focused element's accessible name matches, failing
with the stops it passed; every stop must show a focus indicator (outline or box-shadow, not
clipped to nothing) — WCAG 2.4.7. Used by the login, pay and PQRS keyboard tests.
"""

import re

# What the browser knows of the focused element: enough to name it and to see its focus ring.
_FOCO = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  const etiqueta = e.labels && e.labels.length ? e.labels[0].innerText : "";
  const nombre = (e.getAttribute("aria-label") || etiqueta || e.innerText || e.value || e.title || "").trim();
  return {
    tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute("name") || "", nombre: nombre.replace(/\\s+/g, " "),
    href: e.getAttribute("href") || "", enMain: !!e.closest("main"),
    anillo: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== "none"),
    visible: r.width > 1 && r.height > 1,
  };
}"""


class Teclado:
    def __init__(self, page, maximo: int = 60):
        self.page, self.maximo = page, maximo

    def desde_el_principio(self):
        """Reload the page and start from its top, as someone arriving at it does."""
        # Without the #fragment a skip link left: it would start the Tab order at its target.
        self.page.goto(self.page.url.split("#")[0], wait_until="load")
        self.page.evaluate("document.activeElement && document.activeElement.blur()")

    def foco(self) -> dict | None:
        return self.page.evaluate(_FOCO)

    def _comprobar(self, foco):
        assert foco is not None, "el foco se perdió (quedó en <body>)"
        assert foco["visible"], f"foco en un elemento invisible: {foco}"
        assert foco["anillo"], f"foco sin indicador visible (WCAG 2.4.7): {foco}"
        return foco

    def tab(self, atras: bool = False) -> dict:
        self.page.keyboard.press("Shift+Tab" if atras else "Tab")
        return self._comprobar(self.foco())

    def actual(self) -> dict:
        return self._comprobar(self.foco())

    def hasta(self, nombre, *, atras: bool = False, tag: str | None = None) -> dict:
        """Tab (or Shift+Tab) until the focused element's name matches `nombre` (text or regex)."""
        patron = nombre if isinstance(nombre, re.Pattern) else re.compile(re.escape(nombre), re.IGNORECASE)
        recorrido = []
        for _ in range(self.maximo):
            self.page.keyboard.press("Shift+Tab" if atras else "Tab")
            foco = self.foco()
            assert foco is not None, f"el foco se perdió (quedó en <body>) tras {recorrido}"
            self._comprobar(foco)
            recorrido.append(f"{foco['tag']}:{foco['nombre'][:40]}")
            if patron.search(foco["nombre"]) and (tag is None or foco["tag"] == tag):
                return foco
        raise AssertionError(f"{nombre!r} no se alcanzó con {self.maximo} Tab: {recorrido}")

    def hasta_campo(self, nombre_campo: str) -> dict:
        """Tab until the form field named `nombre_campo` has the focus."""
        recorrido = []
        for _ in range(self.maximo):
            foco = self.tab()
            recorrido.append(foco["name"] or foco["tag"])
            if foco["name"] == nombre_campo:
                return foco
        raise AssertionError(f"campo {nombre_campo!r} no se alcanzó con {self.maximo} Tab: {recorrido}")

    def enter(self):
        self.page.keyboard.press("Enter")

    def escribir(self, texto: str):
        self.page.keyboard.type(texto)
