// Confirm dialogs for buttons that carry data-confirmar (no inline handlers: CSP).
document.addEventListener("submit", function (event) {
  const boton = event.submitter;
  const mensaje = (boton && boton.dataset.confirmar) || event.target.dataset.confirmar;
  if (mensaje && !window.confirm(mensaje)) {
    event.preventDefault();
  }
});

// A table wider than a phone scrolls sideways inside .table-responsive: a keyboard user must be
// able to reach it (focus it, then arrow keys), and a screen reader hears what it is (WCAG 2.1.1).
function regionesDesplazables(raiz) {
  raiz.querySelectorAll(".table-responsive").forEach(function (caja) {
    if (caja.scrollWidth > caja.clientWidth + 1) {
      const tabla = caja.querySelector("table");
      const seccion = caja.closest("section, .card, main");
      const titulo = (tabla && tabla.caption) || (seccion && seccion.querySelector("h1, h2, h3"));
      caja.setAttribute("tabindex", "0");
      caja.setAttribute("role", "region");
      if (titulo && !caja.hasAttribute("aria-label")) {
        caja.setAttribute("aria-label", titulo.textContent.trim());
      }
    } else if (caja.getAttribute("role") === "region") {
      caja.removeAttribute("tabindex");
      caja.removeAttribute("role");
    }
  });
}
document.addEventListener("DOMContentLoaded", function () {
  regionesDesplazables(document);
});
window.addEventListener("resize", function () {
  regionesDesplazables(document);
});
document.addEventListener("htmx:afterSwap", function (event) {
  regionesDesplazables(event.target.parentElement || document);
});
