// Área de Clientes screen: server-side search for "Terceros para el filtro" (tom-select).
// No inline scripts (CSP): texts and URLs come from data-* attributes.
(function () {
  "use strict";

  function iniciarSelector() {
    const select = document.getElementById("id_terceros");
    if (!select || !window.TomSelect) {
      return;
    }
    const clase = document.getElementById("id_clase");
    const filtro = document.getElementById("id_filtro");
    const textos = select.dataset;
    const selector = new window.TomSelect(select, {
      plugins: ["remove_button"],
      valueField: "value",
      labelField: "text",
      searchField: [],
      maxOptions: 20,
      loadThrottle: 300,
      placeholder: textos.placeholder,
      shouldLoad: function (consulta) {
        return consulta.length >= 2;
      },
      // The server already filtered: keep its order and every result.
      score: function () {
        return function () {
          return 1;
        };
      },
      // After picking someone, start the next search from an empty box.
      onItemAdd: function () {
        this.setTextboxValue("");
        this.close();
      },
      load: function (consulta, listo) {
        const parametros = new URLSearchParams({ q: consulta, clase: clase ? clase.value : "" });
        fetch(textos.url + "?" + parametros.toString(), {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        })
          .then(function (respuesta) {
            return respuesta.ok ? respuesta.json() : { resultados: [] };
          })
          .then(function (datos) {
            listo(datos.resultados);
          })
          .catch(function () {
            listo();
          });
      },
      render: {
        no_results: function () {
          const div = document.createElement("div");
          div.className = "no-results";
          div.textContent = textos.sinResultados;
          return div;
        },
        loading: function () {
          const div = document.createElement("div");
          div.className = "spinner";
          div.setAttribute("aria-label", textos.cargando);
          return div;
        },
      },
    });

    function sincronizar() {
      if (filtro && filtro.value === "ninguno") {
        selector.disable();
      } else {
        selector.enable();
      }
    }
    if (filtro) {
      filtro.addEventListener("change", sincronizar);
      sincronizar();
    }
    if (clase) {
      clase.addEventListener("change", function () {
        selector.clearOptions();
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    iniciarSelector();
    const aceptar = document.getElementById("boton-aceptar");
    if (aceptar) {
      aceptar.focus();
    }
  });
})();
