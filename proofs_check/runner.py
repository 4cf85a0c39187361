"""Running claims: one claim, or every claim of a paper, into a Report."""
from __future__ import annotations

import dataclasses
import os
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Callable

from numeric.precision import MAX_DPS, MIN_DPS, InvalidParameter
from symbolic.latex import latex_of
from .claims import PAPERS, Claim, ClaimResult, Settings, get_claim, registered
from .report import Report

__all__ = ["verify", "run_claim", "DEFAULT_DRAWS", "DEFAULT_DPS", "default_jobs", "validate_settings"]

DEFAULT_DRAWS = 100
DEFAULT_DPS = 50


def default_jobs() -> int:
    """The cores this process may run on (its CPU affinity where the OS reports one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not every platform has sched_getaffinity
        return max(1, os.cpu_count() or 1)


def validate_settings(paper: str, draws: int, dps: int, seed: int, jobs: int = 1) -> None:
    """Raise InvalidParameter naming the first setting outside its range."""
    if paper != "all" and paper not in PAPERS:
        raise InvalidParameter("paper", repr(paper), f"must be one of {', '.join(PAPERS)} or all")
    from .arguments import MAX_DRAWS, MAX_JOBS, MAX_SEED
    for name, value, low, high in (("draws", draws, 0, MAX_DRAWS), ("dps", dps, MIN_DPS, MAX_DPS),
                                   ("seed", seed, 0, MAX_SEED), ("jobs", jobs, 1, MAX_JOBS)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidParameter(name, value, f"must be an integer from {low} to {high}")


def run_claim(claim: Claim, settings: Settings) -> ClaimResult:
    """Run one claim's check; a check that raises leaves the claim unverified, saying why."""
    start = time.perf_counter()
    own = dataclasses.replace(settings, claim_id=claim.id)
    try:
        outcome = claim.check(own)
        printed = outcome.printed_latex or (latex_of(outcome.printed) if outcome.printed is not None else None)
        derived = outcome.derived_latex or (latex_of(outcome.derived) if outcome.derived is not None else None)
    except Exception as error:  # a failing check is a result, reported with its reason
        from .claims import Outcome
        outcome = Outcome("unverified", f"The check could not be completed: {type(error).__name__}: {error}")
        printed = derived = None
    numeric = claim.method != "symbolic"
    return ClaimResult(
        id=claim.id, kind=claim.kind, quote=claim.quote, status=outcome.status, method=claim.method,
        printed_latex=printed, derived_latex=derived, detail=outcome.detail, note=claim.note,
        draws=outcome.draws if numeric else None,
        draws_meeting_hypotheses=outcome.draws_meeting_hypotheses if numeric else None,
        failures=outcome.failures if numeric else None,
        dps=settings.dps if numeric else None, seed=settings.seed if numeric else None,
        counterexample=outcome.counterexample, seconds=time.perf_counter() - start)


def _run_by_id(args: tuple[str, Settings]) -> ClaimResult:
    claim_id, settings = args
    return run_claim(get_claim(claim_id), settings)


def verify(paper: str = "all", draws: int = DEFAULT_DRAWS, dps: int = DEFAULT_DPS, seed: int = 0,
           jobs: int | None = None, claim_ids: list[str] | str | None = None,
           progress: Callable[[int, int, ClaimResult], None] | None = None) -> Report:
    """Check every registered claim of `paper` (or just `claim_ids`) and return the Report.

    `claim_ids` is a list of ids or one id as a string; `jobs` defaults to the machine's cores.
    """
    if jobs is None:
        jobs = default_jobs()
    validate_settings(paper, draws, dps, seed, jobs)
    if isinstance(claim_ids, str):  # one id, not a sequence of one-character ids
        claim_ids = [claim_ids]
    elif claim_ids is not None and not all(isinstance(c, str) for c in claim_ids):
        raise InvalidParameter("claim_ids", repr(claim_ids), "must be a claim id or a list of claim ids")
    claims = [get_claim(c) for c in claim_ids] if claim_ids else registered(paper)
    settings = Settings(draws=draws, dps=dps, seed=seed)
    start = time.perf_counter()
    results: list[ClaimResult] = []
    if jobs == 1 or len(claims) < 2:
        for k, claim in enumerate(claims, 1):
            results.append(run_claim(claim, settings))
            if progress:
                progress(k, len(claims), results[-1])
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for k, result in enumerate(pool.map(_run_by_id, [(c.id, settings) for c in claims]), 1):
                results.append(result)
                if progress:
                    progress(k, len(claims), result)
    return Report(claims=results, settings={
        "paper": paper, "draws": draws, "dps": dps, "seed": seed, "jobs": jobs,
        "timing": {"total_seconds": round(time.perf_counter() - start, 3),
                   "claims": {r.id: round(r.seconds, 3) for r in results}}})
