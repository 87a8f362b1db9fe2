"""axe-core (npm, node_modules/axe-core) injected by Playwright: the WCAG 2.1 A/AA check of a page."""

import json
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]
AXE_JS = RAIZ / "node_modules" / "axe-core" / "axe.min.js"
ETIQUETAS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
GRAVES = {"serious", "critical"}


def axe_version() -> str:
    return json.loads((AXE_JS.parent / "package.json").read_text())["version"]


def es_grave(violacion: dict) -> bool:
    """What fails the suite: a serious or critical breach of a WCAG 2.1 A/AA rule."""
    return violacion["wcag"] and violacion["impact"] in GRAVES


def axe_revisar(page, *, todas: bool = False) -> list[dict]:
    """Run axe on the page as it is now; the grave violations, or with `todas` also axe's
    best-practice rules (landmarks, heading order…) and lesser impacts, reported but not failed.

    The page's CSP would refuse the injected script; contexts that use this set bypass_csp=True
    (a test-harness privilege: the pages' own CSP stays as production sends it).
    """
    assert AXE_JS.exists(), "Falta node_modules/axe-core: npm ci"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    resultado = page.evaluate(
        """async (etiquetas) => {
            const r = await axe.run(document, {
                runOnly: {type: 'tag', values: [...etiquetas, 'best-practice']}, resultTypes: ['violations'],
            });
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, wcag: v.tags.some(t => etiquetas.includes(t)),
                nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
            }));
        }""",
        ETIQUETAS,
    )
    return resultado if todas else [v for v in resultado if es_grave(v)]


def axe_describir(url: str, ancho: int, violaciones: list[dict]) -> str:
    lineas = []
    for v in violaciones:
        lineas.append(f"{url} @{ancho}px: [{v['impact']}] {v['id']}: {v['help']}")
        lineas += [f"    {n['target']}: {n['summary']}" for n in v["nodes"]]
    return "\n".join(lineas)
