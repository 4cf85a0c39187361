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
