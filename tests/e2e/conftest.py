"""Playwright on Debian's chromium; never `playwright install`."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CAPTURAS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    assert Path(CHROMIUM).exists(), "Falta /usr/bin/chromium: apt-get install -y chromium"
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def errores_de_pagina(page):
    """CSP violations, JS errors and missing assets of the page, collected while the test runs.

    (Chromium's own /favicon.ico request only shows as a console line "Failed to load resource",
    never as a page response, so that line is left out.)
    """
    errores = []
    page.on(
        "console",
        lambda m: (
            errores.append(m.text) if m.type == "error" and "Failed to load resource" not in m.text else None
        ),
    )
    page.on("pageerror", lambda e: errores.append(str(e)))
    page.on("response", lambda r: errores.append(f"{r.status} {r.url}") if r.status == 404 else None)
    return errores


@pytest.fixture
def captura():
    """Save a screenshot under var/screenshots/ and return its path."""
    CAPTURAS.mkdir(parents=True, exist_ok=True)

    def _captura(page, nombre: str, **kwargs) -> Path:
        ruta = CAPTURAS / f"{nombre}.png"
        page.screenshot(path=str(ruta), full_page=True, **kwargs)
        return ruta

    return _captura


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Agencies' clients browse in Spanish (es-CO); Chromium would otherwise send en-US.
    return {**browser_context_args, "locale": "es-CO"}
