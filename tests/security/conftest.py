"""The proof frameworks' figures, printed at the end of the run (docs/BENCHMARKS.md quotes them)."""


def pytest_terminal_summary(terminalreporter):
    from tests.security import test_fuzz_formularios as fuzz

    if fuzz.INTENTOS:
        total = sum(fuzz.INTENTOS.values())
        terminalreporter.write_sep("-", "formularios atacados (hypothesis)")
        terminalreporter.write_line(
            f"{len(fuzz.INTENTOS)} forms x inputs = {total} submissions, "
            f"{sum(fuzz.FALLAS_500.values())} answered 500 or raised"
        )
