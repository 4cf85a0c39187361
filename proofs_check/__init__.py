"""The papers' claims as checks, the runner, reports and the command line.

    >>> from proofs_check import verify
    >>> report = verify(paper="hs2012")
    >>> report.summary()
"""
__version__ = "0.1.0"

from .claims import Claim, ClaimResult, Outcome, Settings, get_claim, registered  # noqa: E402
from .report import Report  # noqa: E402
from .runner import verify  # noqa: E402

__all__ = ["__version__", "verify", "Report", "Claim", "ClaimResult", "Outcome", "Settings",
           "get_claim", "registered"]
