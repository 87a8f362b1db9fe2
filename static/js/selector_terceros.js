// The one tercero picker (tom-select). Every <select data-selector-terceros="URL"> searches that
// staff endpoint (gestion:terceros_opciones): ?q=…[&clase=…] → {"resultados": [{value, text}]}.
// data-clase-desde="id": a select whose value is sent as clase (options reload when it changes).
// No inline scripts (CSP): texts come from data-placeholder, data-sin-resultados, data-cargando.
(function () {
  "use strict";

  function texto(clase, contenido) {
    const div = document.createElement("div");
    div.className = clase;
    div.textContent = contenido || "";
    return div;
  }

  function iniciar(select) {
    const datos = select.dataset;
    const clase = datos.claseDesde ? document.getElementById(datos.claseDesde) : null;
    const selector = new window.TomSelect(select, {
      plugins: select.multiple ? ["remove_button"] : [],
      valueField: "value",
      labelField: "text",
      searchField: [],
      maxOptions: 20,
      loadThrottle: 300,
      placeholder: datos.placeholder,
      shouldLoad: function (consulta) {
        return consulta.length >= 2;
      },
      // The server already searched (accents, document prefix): keep its order and every result.
      score: function () {
        return function () {
          return 1;
        };
      },
      // In a multi-select, start the next search from an empty box.
      onItemAdd: function () {
        if (select.multiple) {
          this.setTextboxValue("");
          this.close();
        }
      },
      load: function (consulta, listo) {
        const parametros = new URLSearchParams({ q: consulta });
        if (clase) {
          parametros.set("clase", clase.value);
        }
        fetch(datos.selectorTerceros + "?" + parametros.toString(), {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        })
          .then(function (respuesta) {
            return respuesta.ok ? respuesta.json() : { resultados: [] };
          })
          .then(function (respuesta) {
            listo(respuesta.resultados);
          })
          .catch(function () {
            listo();
          });
      },
      render: {
        no_results: function () {
          return texto("no-results", datos.sinResultados);
        },
        loading: function () {
          const div = texto("spinner");
          div.setAttribute("aria-label", datos.cargando || "");
          return div;
        },
      },
    });
    // tom-select moves the <label for> to its own input; the hidden <select> keeps the same name.
    const etiqueta = document.querySelector('label[for="' + selector.control_input.id + '"]');
    if (etiqueta && etiqueta.id) {
      select.setAttribute("aria-labelledby", etiqueta.id);
    }
    if (clase) {
      clase.addEventListener("change", function () {
        selector.clearOptions();
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (window.TomSelect) {
      document.querySelectorAll("select[data-selector-terceros]").forEach(iniciar);
    }
  });
})();
