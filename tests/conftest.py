"""Shared test set-up: precision never leaks between tests; Hypothesis is derandomised in CI."""
import os
from pathlib import Path

import mpmath
import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=25, deadline=None)
settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parents[1]


def papers_dir() -> Path:
    """The papers' text files: $CITYPROOFS_PAPERS, else ../shared/papers beside the checkout."""
    candidates = [Path(os.environ["CITYPROOFS_PAPERS"])] if "CITYPROOFS_PAPERS" in os.environ else []
    candidates.append(ROOT.parent / "shared" / "papers")
    for path in candidates:
        if (path / "README.md").exists():
            return path
    raise FileNotFoundError("the papers' text files were not found; set CITYPROOFS_PAPERS")


@pytest.fixture(autouse=True)
def _restore_precision():
    import flint
    dps, prec = mpmath.mp.dps, flint.ctx.prec
    yield
    mpmath.mp.dps = dps
    flint.ctx.prec = prec


@pytest.fixture(scope="session")
def paper_text():
    """Text of a paper by key, with white space collapsed (quotes are compared that way)."""
    files = {"hs2012": "000_f9bea6a1589232a5.txt", "abrs2017": "004_b02cb123a93a3892.txt"}

    def read(key: str, collapse: bool = True) -> str:
        text = (papers_dir() / files[key]).read_text(encoding="utf-8")
        return " ".join(text.split()) if collapse else text
    return read
