"""The Claim record, check outcomes, and the claim registry (DESIGN.md section 2)."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any, Callable

__all__ = [
    "STATUSES", "METHODS", "KINDS", "PAPERS", "Settings", "Outcome", "Claim", "ClaimResult",
    "claim", "registered", "get_claim", "UnknownClaim",
]

STATUSES = ("verified", "discrepancy", "unverified")
METHODS = ("symbolic", "numeric", "symbolic+numeric")
KINDS = ("equation", "definition", "lemma", "proposition", "assumption", "text", "table")
PAPERS = ("hs2012", "abrs2017")

_ID = re.compile(r"^(hs2012|abrs2017):([A-Za-z0-9][A-Za-z0-9.\-()]*(?::[A-Za-z0-9.\-()]+)*)$")


class UnknownClaim(ValueError, KeyError):
    """A claim id that is not registered: bad input, so a ValueError (and a KeyError, as a
    failed registry look-up, for callers that caught it as one)."""

    def __str__(self) -> str:
        from numeric.precision import shown
        return f"unknown claim id {shown(self.args[0])} (see `cityproofs list`)"


@dataclass(frozen=True)
class Settings:
    """What a check may use: numeric draws, working precision, the seed, and its claim id.

    `rng()` gives the claim its own random stream, seeded by (seed, claim id), so a claim's
    draws do not depend on which other claims ran before it or in which process.
    """

    draws: int
    dps: int
    seed: int
    claim_id: str = ""

    def rng(self) -> random.Random:
        return random.Random(f"{self.seed}:{self.claim_id}")


@dataclass
class Outcome:
    """What a check returns: its verdict and the evidence behind it.

    `printed` and `derived` are SymPy objects (or tuples of them) when the claim is a formula;
    `printed_latex`/`derived_latex` override their rendering where SymPy's would mislead.
    """

    status: str
    detail: str
    printed: Any = None
    derived: Any = None
    printed_latex: str | None = None
    derived_latex: str | None = None
    counterexample: dict | None = None
    draws: int | None = None
    draws_meeting_hypotheses: int | None = None
    failures: int | None = None
    #: Arb bisection certificates of the signs this outcome proved (proofs_check.certify): evidence
    #: beside the verdict, never a verdict.
    certified: list | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status={self.status!r}: must be one of {', '.join(STATUSES)}")


class _Identified:
    """`paper` and `label`, the two halves of an id "<paper>:<label>"."""

    id: str

    @property
    def paper(self) -> str:
        return self.id.split(":", 1)[0]

    @property
    def label(self) -> str:
        return self.id.split(":", 1)[1]


@dataclass(frozen=True)
class Claim(_Identified):
    """One checkable statement of a paper, with the check that decides it."""

    id: str
    kind: str
    quote: str
    method: str
    check: Callable[[Settings], Outcome]
    note: str = ""


@dataclass
class ClaimResult(_Identified):
    """A claim after its check ran: the fields of DESIGN.md section 2, in that order."""

    id: str
    kind: str
    quote: str
    status: str
    method: str
    printed_latex: str | None
    derived_latex: str | None
    detail: str
    note: str
    draws: int | None = None
    draws_meeting_hypotheses: int | None = None
    failures: int | None = None
    dps: int | None = None
    seed: int | None = None
    counterexample: dict | None = None
    certified: dict | None = None  # proofs_check.certify.claim_certificate, where it applies
    seconds: float = field(default=0.0, compare=False)

    @property
    def severity(self) -> str | None:
        """For a discrepancy, how much it matters (error, reading, technicality, typo), from the
        classification table in `proofs_check.severity`; None otherwise, or if unclassified."""
        from .severity import severity_of
        return severity_of(self.id, self.status)

    def to_dict(self) -> dict:
        """The JSON form: section 2's fields; numeric fields only for numeric checks."""
        out = {
            "id": self.id, "paper": self.paper, "kind": self.kind, "quote": self.quote,
            "status": self.status, "method": self.method,
            "printed_latex": self.printed_latex, "derived_latex": self.derived_latex,
            "detail": self.detail, "note": self.note,
        }
        if self.method != "symbolic":
            out.update(draws=self.draws, draws_meeting_hypotheses=self.draws_meeting_hypotheses,
                       failures=self.failures, dps=self.dps, seed=self.seed)
            # the share of the draws that met the hypotheses (issue 9): a claim that is true
            # on a sliver of its region reads differently from one true on all of it
            out["share_meeting_hypotheses"] = (
                round(self.draws_meeting_hypotheses / self.draws, 6)
                if self.draws and self.draws_meeting_hypotheses is not None else None)
        out["counterexample"] = self.counterexample
        out["severity"] = self.severity  # null unless a discrepancy (DESIGN.md section 2)
        if self.certified is not None:  # issue 13: only for signs proved on a box of their parameters
            out["certified"] = self.certified
        return out

    def _repr_html_(self) -> str:
        """Jupyter: an HTML table of the verdict, detail and quote (proofs_check.notebook)."""
        from .notebook import claim_html
        return claim_html(self)

    def _repr_latex_(self) -> str:
        """Jupyter: the verdict, quote, forms and detail as one MathJax formula (proofs_check.notebook)."""
        from .notebook import claim_latex
        return claim_latex(self)


_REGISTRY: dict[str, Claim] = {}


def claim(id: str, *, kind: str, quote: str, method: str = "symbolic", note: str = ""
          ) -> Callable[[Callable[[Settings], Outcome]], Claim]:
    """Register the decorated check as claim `id` (in paper order: registration order)."""
    if not _ID.match(id):
        raise ValueError(f"claim id {id!r} is not of the form <paper>:<label>")
    if kind not in KINDS:
        raise ValueError(f"kind={kind!r}: must be one of {', '.join(KINDS)}")
    if method not in METHODS:
        raise ValueError(f"method={method!r}: must be one of {', '.join(METHODS)}")
    if not quote.strip():
        raise ValueError(f"claim {id}: every claim needs a quote")

    def register(check: Callable[[Settings], Outcome]) -> Claim:
        if id in _REGISTRY:
            raise ValueError(f"claim id {id!r} registered twice")
        entry = Claim(id=id, kind=kind, quote=quote, method=method, check=check, note=note)
        _REGISTRY[id] = entry
        return entry

    return register


def _load_papers() -> None:
    # Importing a paper's module registers its claims; done lazily so that importing
    # `claims` alone stays cheap and free of cycles.
    from . import cities, clusters  # noqa: F401


def registered(paper: str = "all") -> list[Claim]:
    """The registered claims of `paper` ("hs2012", "abrs2017" or "all"), in paper order."""
    if paper != "all" and paper not in PAPERS:
        raise ValueError(f"paper={paper!r}: must be one of {', '.join(PAPERS)} or all")
    _load_papers()
    order = {p: k for k, p in enumerate(PAPERS)}
    claims = [c for c in _REGISTRY.values() if paper in ("all", c.paper)]
    return sorted(claims, key=lambda c: order[c.paper])  # stable: keeps paper order within


def get_claim(id: str) -> Claim:
    """The registered claim with this id."""
    _load_papers()
    try:
        return _REGISTRY[id]
    except KeyError:
        raise UnknownClaim(id) from None
