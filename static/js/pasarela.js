// The gateway's signed form posts itself as soon as the page loads (no inline script: CSP).
// Without JavaScript the visible button does the same.
(function () {
  const form = document.querySelector("form[data-autoenvio]");
  if (form && !form.dataset.enviado) {
    form.dataset.enviado = "1";
    form.submit();
  }
})();
