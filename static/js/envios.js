// Área de Clientes screen. The tercero picker itself is selector_terceros.js (loaded first); here it
// is only enabled while "Filtrar Aplicación" uses a selection. "Aceptar" of the result gets focus.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    const select = document.getElementById("id_terceros");
    const filtro = document.getElementById("id_filtro");
    if (select && select.tomselect && filtro) {
      const sincronizar = function () {
        if (filtro.value === "ninguno") {
          select.tomselect.disable();
        } else {
          select.tomselect.enable();
        }
      };
      filtro.addEventListener("change", sincronizar);
      sincronizar();
    }
    const aceptar = document.getElementById("boton-aceptar");
    if (aceptar) {
      aceptar.focus();
    }
  });
})();
