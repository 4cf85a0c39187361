"""Running claims: one claim, or every claim of a paper, into a Report."""
from __future__ import annotations

import dataclasses
import os
import time
import warnings
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Callable

import flint
import mpmath

from numeric.precision import MAX_DPS, MIN_DPS, InvalidParameter
from symbolic.latex import latex_of
from . import cache as verdicts
from . import certify, checks
from .claims import PAPERS, Claim, ClaimResult, Settings, get_claim, registered
from .report import Report
from .schedule import SHARED_CACHES, Unit, contexts, group_of, plan, reset_shared_caches, shared_cache_sizes

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
    # a check that leaves the working precision changed must not change the next claim's
    dps, prec = mpmath.mp.dps, flint.ctx.prec
    try:
        outcome = claim.check(own)
        printed = outcome.printed_latex or (latex_of(outcome.printed) if outcome.printed is not None else None)
        derived = outcome.derived_latex or (latex_of(outcome.derived) if outcome.derived is not None else None)
    except Exception as error:  # a failing check is a result, reported with its reason
        from .claims import Outcome
        outcome = Outcome("unverified", f"The check could not be completed: {type(error).__name__}: {error}")
        printed = derived = None
    finally:
        mpmath.mp.dps, flint.ctx.prec = dps, prec
    numeric = claim.method != "symbolic"
    return ClaimResult(
        id=claim.id, kind=claim.kind, quote=claim.quote, status=outcome.status, method=claim.method,
        printed_latex=printed, derived_latex=derived, note=claim.note,
        detail=certify.with_evidence(outcome.detail, outcome.certified),
        draws=outcome.draws if numeric else None,
        draws_meeting_hypotheses=outcome.draws_meeting_hypotheses if numeric else None,
        failures=outcome.failures if numeric else None,
        dps=settings.dps if numeric else None, seed=settings.seed if numeric else None,
        counterexample=outcome.counterexample, certified=certify.claim_certificate(outcome.certified),
        seconds=time.perf_counter() - start)


def _run_in_order(args: tuple[list[str], Settings, tuple[str, ...]]
                  ) -> tuple[list[tuple[ClaimResult, bool]], int, float]:
    """Run the claims `ids` one after another in this process (a worker's unit, or the whole run at
    --jobs 1), after emptying the caches of the shared-cache groups `fresh`. With each result:
    whether a claim outside the groups grew one of their caches (then the cost table that groups
    claims is out of date, and the result is not cached). Also the process id and the CPU seconds
    spent (for settings.timing)."""
    ids, settings, fresh = args
    cpu = time.process_time()
    for group in fresh:
        reset_shared_caches(group)
    out = []
    for claim_id in ids:
        claim = get_claim(claim_id)
        loose = group_of(claim) is None
        before = [shared_cache_sizes(g) for g in SHARED_CACHES] if loose else None
        result = run_claim(claim, settings)
        out.append((result, loose and before != [shared_cache_sizes(g) for g in SHARED_CACHES]))
    return out, os.getpid(), time.process_time() - cpu


def verify(paper: str = "all", draws: int = DEFAULT_DRAWS, dps: int = DEFAULT_DPS, seed: int = 0,
           jobs: int | None = None, claim_ids: list[str] | str | None = None,
           progress: Callable[[int, int, ClaimResult], None] | None = None,
           scheduler: str | None = None, cache: bool = True) -> Report:
    """Check every registered claim of `paper` (or just `claim_ids`) and return the Report.

    `claim_ids` is a list of ids or one id as a string; `jobs` defaults to the machine's cores.
    `cache` False neither reads nor writes the verdict cache (proofs_check.cache; it is also off
    when $CITYPROOFS_NO_CACHE is set, and in the mutation test). Over several jobs the claims run
    in units (proofs_check.schedule): those sharing the city-system pool together in paper order,
    the others by check module, the costliest unit first; the report keeps paper order.
    `scheduler` (tcp://HOST:PORT) runs the claims on that Dask cluster instead
    (proofs_check.distributed; the same report).
    """
    if jobs is None:
        jobs = default_jobs()
    validate_settings(paper, draws, dps, seed, jobs)
    if scheduler is not None:
        from . import distributed
        scheduler = distributed.address(scheduler)
    if isinstance(claim_ids, str):  # one id, not a sequence of one-character ids
        claim_ids = [claim_ids]
    elif claim_ids is not None and not all(isinstance(c, str) for c in claim_ids):
        raise InvalidParameter("claim_ids", repr(claim_ids), "must be a claim id or a list of claim ids")
    claims = [get_claim(c) for c in claim_ids] if claim_ids else registered(paper)
    settings = Settings(draws=draws, dps=dps, seed=seed)
    start = time.perf_counter()
    use_cache = bool(cache) and verdicts.cache_enabled() and checks.MUTATE is None
    units = plan(claims)
    keys = ([verdicts.entry_key(c, settings, x) for c, x in zip(claims, contexts(claims))] if use_cache
            else [None] * len(claims))
    results: list[ClaimResult | None] = [verdicts.load(key, c.id) for key, c in zip(keys, claims)]
    for unit in units:  # a group's claims depend on each other's caches: all from the cache, or all run
        if unit.group is not None and any(results[k] is None for k in unit.claims):
            for k in unit.claims:
                results[k] = None
    hits = sum(r is not None for r in results)
    done = 0
    todo = [u for u in (Unit(tuple(k for k in u.claims if results[k] is None), u.seconds, u.group) for u in units)
            if u.claims]
    stale: list[str] = []
    worker_cpu: dict[int, float] = {}

    def step(result: ClaimResult) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, len(claims), result)

    def collect(indices, outputs, pid: int = 0, cpu: float = 0.0, counted: bool = False) -> None:
        worker_cpu[pid] = worker_cpu.get(pid, 0.0) + cpu
        for k, (result, grew) in zip(indices, outputs):
            results[k] = result
            if grew:
                stale.append(result.id)
            elif use_cache and (scheduler is None or group_of(claims[k]) is None):
                # a cluster runs each claim on its own: a group's claim did not see its group's
                # cache state there, so its result is not stored under the group's key
                verdicts.store(keys[k], result)
            if not counted:
                step(result)

    for r in results:
        if r is not None:
            step(r)
    order = sorted(k for u in todo for k in u.claims)  # paper order
    if scheduler is not None:
        ran = distributed.run_claims(scheduler, [claims[k].id for k in order], settings,
                                     progress=lambda _k, _n, result: step(result))
        collect(order, [(r, False) for r in ran], counted=True)
    elif jobs == 1 or len(todo) < 2:
        # one process, paper order: a group's claims keep their order, the others share nothing
        fresh = tuple(u.group for u in todo if u.group is not None)
        for k in order:
            collect([k], *_run_in_order(([claims[k].id], settings, fresh)))
            fresh = ()
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
            pending = {pool.submit(_run_in_order, ([claims[k].id for k in u.claims], settings,
                                                   (u.group,) if u.group is not None else ())): u.claims
                       for u in todo}  # longest unit first: the executor hands them out in this order
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    collect(pending.pop(future), *future.result())
    if stale:
        warnings.warn(f"{len(stale)} claim(s) outside the city-system group used its caches ({', '.join(stale[:3])}"
                      f"{', ...' if len(stale) > 3 else ''}): proofs_check/costs.json is out of date (regenerate it "
                      "with benchmarks/bench_costs.py); their results were not cached", RuntimeWarning, stacklevel=2)
    return Report(claims=results, settings={
        "paper": paper, "draws": draws, "dps": dps, "seed": seed, "jobs": jobs,
        "timing": {"total_seconds": round(time.perf_counter() - start, 3),
                   "claims": {r.id: round(r.seconds, 3) for r in results},
                   "cache": {"used": use_cache, "hits": hits, "runs": len(claims) - hits},
                   "worker_cpu_seconds": sorted((round(v, 3) for v in worker_cpu.values() if v), reverse=True)}})
