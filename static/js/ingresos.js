// Owner's income chart: reads the json_script block (no inline JS: CSP).
(function () {
  const datos = document.getElementById("datos-ingresos");
  const lienzo = document.getElementById("grafico-ingresos");
  if (!datos || !lienzo || typeof Chart === "undefined") return;
  const { meses, valores } = JSON.parse(datos.textContent);
  const color = getComputedStyle(document.documentElement).getPropertyValue("--marca-primario").trim() || "#1A4F8B";
  const pesos = new Intl.NumberFormat("es-CO", { style: "currency", currency: "COP", maximumFractionDigits: 0 });
  new Chart(lienzo, {
    type: "bar",
    data: { labels: meses, datasets: [{ label: lienzo.getAttribute("aria-label"), data: valores, backgroundColor: color }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => pesos.format(c.parsed.y) } } },
      scales: { y: { beginAtZero: true, ticks: { callback: (v) => pesos.format(v) } } },
    },
  });
  lienzo.dataset.listo = "1";
})();
