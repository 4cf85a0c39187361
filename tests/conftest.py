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

# The verdict cache (proofs_check.cache) is off in the test run: tests monkeypatch solvers and
# register their own claims, and none may read a verdict another test stored, nor write into
# the user's ~/.cache. tests/proofs_check/test_cache.py turns it on in its own tmp_path.
os.environ["CITYPROOFS_NO_CACHE"] = "1"

# A city solve's wall-time budget (10 s for a user's solve) is raised for the tests: on a loaded
# machine a slow solve must not fail a test; the checks' own verdicts rest on work budgets.
import numeric.cities._kernel as _city_kernel  # noqa: E402

_city_kernel.SECONDS_BUDGET = 300.0


PAPER_FILES = {"hs2012": "000_f9bea6a1589232a5.txt", "abrs2017": "004_b02cb123a93a3892.txt"}


def papers_dir() -> Path | None:
    """The papers' text files: $CITYPROOFS_PAPERS, else ../shared/papers beside the checkout;
    None when neither holds them."""
    candidates = [Path(os.environ["CITYPROOFS_PAPERS"])] if os.environ.get("CITYPROOFS_PAPERS") else []
    candidates.append(ROOT.parent / "shared" / "papers")
    for path in candidates:
        if all((path / name).is_file() for name in PAPER_FILES.values()):
            return path
    return None


def require_papers() -> Path:
    """The papers' directory, or a skip saying how to point at it.

    The papers' text lives outside the repository, so a clone of the project alone skips the
    tests that compare quotes with it. In CI (CI set) the text must be there: a missing text
    fails the run instead of skipping it.
    """
    path = papers_dir()
    if path is not None:
        return path
    where = os.environ.get("CITYPROOFS_PAPERS") or str(ROOT.parent / "shared" / "papers")
    message = (f"the papers' text files ({', '.join(PAPER_FILES.values())}) were not found at {where}; "
               "set CITYPROOFS_PAPERS to the folder that holds them to run the quote and coverage tests")
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session", autouse=True)
def _cache_in_tmp(tmp_path_factory):
    """Were a test to turn the cache on without choosing a directory, it lands in a session tmp dir."""
    os.environ["CITYPROOFS_CACHE"] = str(tmp_path_factory.mktemp("cityproofs-cache"))
    yield


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
    folder = require_papers()

    def read(key: str, collapse: bool = True) -> str:
        text = (folder / PAPER_FILES[key]).read_text(encoding="utf-8")
        return " ".join(text.split()) if collapse else text
    return read


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print the mutation score (tests/proofs_check/test_mutation.py) when the mutation test ran.

    Written by the terminal reporter, so it shows in CI output whether or not -s is given."""
    runs = getattr(config, "_cityproofs_mutation", None)
    if not runs:
        return
    terminalreporter.section("mutation score")
    for label, result in runs.items():
        survivors = result["survivors"] + result["unreached"]
        terminalreporter.write_line(
            f"{label}: {result['killed']}/{result['total']} mutants killed; "
            f"{len(survivors)} verified claims that no mutation turns to discrepancy"
            + (f": {', '.join(survivors)}" if survivors else ""))
        for mutant in result["mutants"]:
            if not mutant.killed:
                terminalreporter.write_line(f"  surviving mutant: {mutant.describe()}")
