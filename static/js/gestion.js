// Searchable tercero selects (tom-select): options come from the staff search endpoint.
document.querySelectorAll("select[data-buscar-terceros]").forEach(function (select) {
  const url = select.dataset.buscarTerceros;
  new TomSelect(select, {
    valueField: "value",
    labelField: "text",
    searchField: ["text"],
    maxOptions: 20,
    loadThrottle: 250,
    plugins: select.multiple ? ["remove_button"] : [],
    shouldLoad: function (query) { return query.length >= 2; },
    load: function (query, callback) {
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) { callback(data.results); })
        .catch(function () { callback(); });
    },
    render: {
      no_results: function () { return '<div class="no-results">Sin resultados</div>'; },
    },
  });
});
