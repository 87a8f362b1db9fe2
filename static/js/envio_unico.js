// Forms marked data-envio-unico send once: the second click (or Enter) is ignored and the submit
// buttons are disabled until the next page. The server still refuses a repeat (idempotency key);
// this only spares the user a confusing second request. Loaded after app.js, so a cancelled
// data-confirmar dialog (defaultPrevented) leaves the form untouched.
document.addEventListener("submit", function (event) {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-envio-unico") || event.defaultPrevented) {
    return;
  }
  if (form.dataset.enviando === "1") {
    event.preventDefault();
    return;
  }
  form.dataset.enviando = "1";
  // Disabled after this tick: a disabled submitter would drop its own name/value from the request.
  window.setTimeout(function () {
    form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]").forEach(function (boton) {
      boton.disabled = true;
      boton.setAttribute("aria-busy", "true");
    });
  }, 0);
});

// Back/forward cache restores the page as it was left: make its forms usable again.
window.addEventListener("pageshow", function (event) {
  if (!event.persisted) return;
  document.querySelectorAll("form[data-envio-unico]").forEach(function (form) {
    delete form.dataset.enviando;
    form.querySelectorAll("[aria-busy=true]").forEach(function (boton) {
      boton.disabled = false;
      boton.removeAttribute("aria-busy");
    });
  });
});
