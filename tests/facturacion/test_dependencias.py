"""Invoicing sits below payments on the dependency line: it never imports, links to or reads payments."""

import re
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]
# Imports, URL names, template paths and dotted uses of the payments app, and its reverse relations on Factura.
PROHIBIDO = re.compile(r"\b(?:from|import)\s+pagos\b|\bpagos[.:/]\w|\baplicaciones\b|\begresos_comision\b")


def test_facturacion_no_sube_a_pagos():
    archivos = [*(RAIZ / "facturacion").rglob("*.py"), *(RAIZ / "templates" / "facturacion").rglob("*.html")]
    assert len(archivos) > 10
    hallados = [
        f"{archivo.relative_to(RAIZ)}:{n}: {linea.strip()}"
        for archivo in archivos
        for n, linea in enumerate(archivo.read_text().splitlines(), 1)
        if PROHIBIDO.search(linea)
    ]
    assert hallados == []
