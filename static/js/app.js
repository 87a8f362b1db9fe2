// Confirm dialogs for buttons that carry data-confirmar (no inline handlers: CSP).
document.addEventListener("submit", function (event) {
  const boton = event.submitter;
  const mensaje = (boton && boton.dataset.confirmar) || event.target.dataset.confirmar;
  if (mensaje && !window.confirm(mensaje)) {
    event.preventDefault();
  }
});
