import pytest

from proofs_check import verify


@pytest.fixture(scope="session")
def hs2012_report():
    """One verification run of hs2012 at the default settings, shared by the tests."""
    return verify(paper="hs2012")


@pytest.fixture(scope="session")
def abrs2017_report():
    """One verification run of abrs2017 at the default settings, shared by the tests."""
    return verify(paper="abrs2017")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print the fuzz suite's counts (tests/proofs_check/test_fuzz.py) when it ran."""
    from .test_fuzz import FUZZ_STASH
    counts = config.stash.get(FUZZ_STASH, None)
    if not counts:
        return
    keys = ["inputs", "exit 0", "exit 2", "calls past the time bound", "other exit codes",
            "out-of-domain parameters accepted", "exit-2 messages not naming their parameter"]
    terminalreporter.write_line("fuzz: " + ", ".join(f"{counts.get(k, 0)} {k}" for k in keys)
                                + f"; tracebacks: {counts.get('tracebacks', 0)}")
