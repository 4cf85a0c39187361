"""The numeric check of a claim: draws from a space, hypotheses, conclusion (DESIGN.md section 2).

A numeric claim states its hypotheses and its conclusion separately, as the paper does. The
check draws `settings.draws` exact points from its space with the claim's own random stream
(`Settings.rng()`, seeded by the seed and the claim id), counts the draws that meet the
hypotheses (an exact predicate: a draw that misses them is counted, never passed), and
evaluates the conclusion's margin on the others: the conclusion holds where the margin is
positive (or non-negative for a weak inequality).

Two tiers. Where the claim has a closed form, `screen` evaluates every margin in float64 at
once (numpy lambdas of `symbolic.lambdas`); every failure, every near-tie and a fixed sample
are then re-evaluated by `evaluate` at `settings.dps` and confirmed at twice that precision
(or exactly, when the margin is a rational). Without a screen every draw is evaluated at
`settings.dps`, and failures, near-ties and the sample are confirmed at twice the precision.
A float64 value never decides a failure: a draw fails only when both precisions (or exact
arithmetic) say so.

A confirmed failure is shrunk while it still meets the hypotheses and still fails (the
claim's `shrink` proposes simpler points: fewer digits, smaller integers, smaller I, simpler
weights) and reported with its exact decimal strings, its margin at both precisions and the
solver's residual. With no draw meeting the hypotheses the claim is `unverified (vacuous on
N draws)`, never `verified`.

Within `chunked(size)` a sweep of more draws than `size` is split into chunks of consecutive
draws, each drawn from the random state at which the whole sweep reaches it and swept on its own
(`sweep`, on a Dask cluster's workers for proofs_check.distributed); `merged` decides as the
whole sweep does, so the outcome does not depend on the chunks.
"""
from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import math
import random
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence

import mpmath
import sympy as sp

from numeric.precision import decimal_string
from .claims import Outcome, Settings

__all__ = ["Evaluation", "NumericClaim", "run", "combine", "existential", "point_strings", "NEAR_TIE", "SAMPLE",
           "chunked", "sweep", "merged", "Part"]

#: A float64 margin at or below this (margins are scaled to order one by the claims) is a
#: near-tie and goes to the high-precision tier even when it is positive.
NEAR_TIE = 1e-6
#: Draws meeting the hypotheses that are confirmed at high precision whatever the screen says.
SAMPLE = 3
#: At most this many evaluations are spent shrinking a counterexample.
SHRINK_BUDGET = 40
#: Once this many failures are confirmed the verdict (a discrepancy) stands; further draws
#: that fail the float64 screen are counted as screened failures, not re-confirmed.
CONFIRM_CAP = 8

Point = dict


@dataclass
class Evaluation:
    """The conclusion at one draw: `margin` > 0 (>= 0 when weak) means it holds.

    `margin` is an mpf at the working precision or an exact SymPy Rational (then no second
    precision is needed); None when it could not be computed (`why` says why). `exists`
    False means the object the conclusion speaks of (an optimum, an equilibrium) does not
    exist at this draw: the draw then does not meet the claim's presupposition. `values` are
    numbers reported with a counterexample; `residual` is the solver's residual there.
    """

    margin: object | None
    residual: object = 0
    values: dict = field(default_factory=dict)
    exists: bool = True
    why: str = ""
    holds: bool | None = None  # an exact verdict from the claim, when it has one


@dataclass
class NumericClaim:
    """A claim as hypotheses and conclusion over a space of exact points.

    space(rng) -> point; hypotheses(point) -> bool (exact); evaluate(point, dps) ->
    Evaluation at dps significant digits; screen(points) -> float64 margins (optional);
    shrink(point) -> simpler candidate points (optional); case(point) -> a label for the
    per-case counts in the detail (e.g. "I = 3, quadratic").
    """

    space: Callable[[random.Random], Point]
    hypotheses: Callable[[Point], bool]
    evaluate: Callable[[Point, int], Evaluation]
    conclusion: str
    hypotheses_text: str
    screen: Callable[[Sequence[Point]], Sequence[float]] | None = None
    shrink: Callable[[Point], Iterable[Point]] | None = None
    strict: bool = True
    case: Callable[[Point], str] | None = None
    absent: str = "the object the conclusion speaks of does not exist"
    sample_size: int | None = None  # the fixed sample's size (None: SAMPLE); costly evaluations use fewer


def _string(value, dps: int):
    if isinstance(value, (tuple, list)):
        return [_string(v, dps) for v in value]
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, mpmath.mpf):
        return mpmath.nstr(value, dps, strip_zeros=False) if value else "0"
    if isinstance(value, (sp.Rational, sp.Integer)):
        return decimal_string(value, dps)
    return str(value)


def point_strings(point: Point, dps: int = 50) -> dict:
    """A point as exact decimal strings (lists for vectors and matrices), in name order."""
    return {str(k): _string(v, dps) for k, v in sorted(point.items(), key=lambda kv: str(kv[0]))}


def _holds(margin, strict: bool) -> bool:
    return margin > 0 if strict else margin >= 0


@dataclass
class _Verdict:
    state: str            # "holds", "fails", "absent", "undecided"
    low: Evaluation | None = None
    high: Evaluation | None = None


def _judge(spec: NumericClaim, point: Point, dps: int, confirm: bool) -> _Verdict:
    """The conclusion at `point`: at dps, then at 2 dps when it fails, is near a tie, or
    `confirm` asks; a verdict stands only when both precisions (or exact arithmetic) agree."""
    low = spec.evaluate(point, dps)
    if not low.exists:
        return _Verdict("absent", low)
    if low.margin is None:
        return _Verdict("undecided", low)
    ok = _holds(low.margin, spec.strict) if low.holds is None else low.holds
    if isinstance(low.margin, sp.Rational) or low.holds is not None:  # exact: no precision to confirm
        return _Verdict("holds" if ok else "fails", low)
    tiny = mpmath.mpf(10) ** (-(dps // 2))
    near = abs(low.margin) <= tiny
    if not (confirm or not ok or near):
        return _Verdict("holds", low)
    high = spec.evaluate(point, 2 * dps)
    if not high.exists or high.margin is None:
        return _Verdict("undecided", low, high)
    ok_high = _holds(high.margin, spec.strict)
    if ok != ok_high:
        return _Verdict("undecided", low, high)
    if not ok and abs(high.margin) <= mpmath.mpf(10) ** (-dps) and not isinstance(high.margin, sp.Rational):
        return _Verdict("undecided", low, high)  # a tie at both precisions: not a confirmed failure
    return _Verdict("holds" if ok else "fails", low, high)


def _shrunk(spec: NumericClaim, point: Point, verdict: _Verdict, dps: int) -> tuple[Point, _Verdict]:
    """Shrink a confirmed failure while it still meets the hypotheses and still fails."""
    if spec.shrink is None:
        return point, verdict
    budget = SHRINK_BUDGET
    improved = True
    while improved and budget > 0:
        improved = False
        for candidate in spec.shrink(point):
            if budget <= 0:
                break
            try:
                if candidate == point or not spec.hypotheses(candidate):
                    continue
            except Exception:  # a candidate outside the space (a parameter rounded to 0)
                continue
            budget -= 1
            try:
                trial = _judge(spec, candidate, dps, confirm=True)
            except Exception:  # a candidate the solvers reject is simply not simpler
                continue
            if trial.state == "fails":
                point, verdict, improved = candidate, trial, True
                break
    return point, verdict


def _counterexample(point: Point, verdict: _Verdict, dps: int) -> dict:
    low, high = verdict.low, verdict.high
    out = {"parameters": point_strings(point, dps), "margin": _string(low.margin, dps)}
    if high is not None:
        out[f"margin_at_{2 * dps}_digits"] = _string(high.margin, 2 * dps)
    out["residual"] = _string(low.residual, 5) if not isinstance(low.residual, int) else str(low.residual)
    out.update({k: _string(v, dps) for k, v in low.values.items()})
    out["dps"] = dps
    return out


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0%"


def _stated(spec: NumericClaim) -> NumericClaim:
    """The claim with its conclusion's stated direction as the mutation test sees it.

    The printed side of a numeric claim is the direction its conclusion states (margin > 0, or
    >= 0 when weak): it passes through `checks.printed_side("sign", 1)`, so that the mutation
    test (tests/proofs_check/test_mutation.py) can reverse it and expect a discrepancy. In a real
    run the direction is 1 and the claim is returned unchanged."""
    from . import checks
    direction = checks.printed_side("sign", sp.Integer(1))
    if direction == 1:
        return spec

    def evaluate(point, dps):
        ev = spec.evaluate(point, dps)
        if ev.margin is None:
            return ev
        # an exact verdict reversed: "holds" of the opposite direction (a weak claim's tie holds both ways)
        holds = None if ev.holds is None else (not ev.holds or (not spec.strict and ev.margin == 0))
        return Evaluation(-ev.margin, ev.residual, ev.values, ev.exists, ev.why, holds)

    def screen(points):
        return [None if m is None else -m for m in spec.screen(points)]

    return dataclasses.replace(spec, evaluate=evaluate, screen=screen if spec.screen is not None else None)


@dataclass
class _Record:
    """One judged draw, as the merge of a sweep's chunks needs it: its state, whether it was
    decided at two precisions (or exactly), its case label (for an absent draw or a failure), and,
    for a failure or an undecided draw, the verdict (and for a failure the point, shrunk and
    reported later)."""

    state: str
    confirmed: bool
    case: str | None = None
    point: Point | None = None
    verdict: _Verdict | None = None


@dataclass
class Part:
    """A chunk of a claim's draws, swept (`sweep`): its draw count, the draws meeting the hypotheses,
    the per-case counts [drawn, met], its candidates for the fixed sample (the first SAMPLE draws
    that passed the screen, or the first SAMPLE draws without one; local indices among the chunk's
    meeting draws), and the draws it judged, in draw order: (local index, a screened failure,
    {in the fixed sample: record}). A draw that passed the screen and is no candidate is left out
    (it holds whatever the other chunks say)."""

    draws: int
    meeting: int
    cases: dict
    candidates: list
    entries: list


def _record(spec: NumericClaim, point: Point, dps: int, confirm: bool) -> _Record:
    try:
        verdict = _judge(spec, point, dps, confirm=confirm)
    except Exception as error:  # a solver that fails on one draw leaves that draw undecided
        verdict = _Verdict("undecided", Evaluation(None, why=f"{type(error).__name__}: {error}"))
    confirmed = verdict.high is not None or (verdict.low is not None and (
        isinstance(verdict.low.margin, sp.Rational) or verdict.low.holds is not None))
    return _Record(verdict.state, bool(confirmed),
                   spec.case(point) if spec.case is not None and verdict.state in ("absent", "fails") else None,
                   point if verdict.state == "fails" else None,
                   verdict if verdict.state in ("fails", "undecided") else None)


def _sample_size(spec: NumericClaim) -> int:
    return SAMPLE if spec.sample_size is None else spec.sample_size


def sweep(spec: NumericClaim, settings: Settings, start: int, count: int, state: tuple | None) -> Part:
    """Draws start .. start+count-1 of the claim's stream (from the random `state` at draw `start`;
    None: the stream's own start), counted, screened and judged as `run` does.

    The fixed sample and the cap on confirmed failures (CONFIRM_CAP) depend on the draws before
    this chunk, which a chunk does not see: a candidate for the sample outside chunk 0 is judged as
    a member of the sample (and, without a screen, also as a non-member), and a screened failure is
    left unjudged only once this chunk alone has confirmed CONFIRM_CAP failures on draws whose
    verdict the run surely uses (the whole run has then too). `merged` then picks what the whole
    run would have. One chunk of every draw is `run` itself."""
    rng = settings.rng()
    if state is not None:
        rng.setstate(state)
    dps = settings.dps
    points = [spec.space(rng) for _ in range(count)]
    meeting = [p for p in points if spec.hypotheses(p)]
    cases: dict[str, list[int]] = {}
    if spec.case is not None:
        for p in points:
            cases.setdefault(spec.case(p), [0, 0])[0] += 1
        for p in meeting:
            cases[spec.case(p)][1] += 1
    del points
    screening = spec.screen is not None
    screened = list(spec.screen(meeting)) if screening and meeting else []
    passed = [screening and screened[k] is not None and math.isfinite(screened[k]) and screened[k] > NEAR_TIE
              for k in range(len(meeting))]
    size = _sample_size(spec)
    candidates = ([k for k in range(len(meeting)) if passed[k]][:size] if screening
                  else list(range(min(size, len(meeting)))))
    chosen = set(candidates)
    known = start == 0  # chunk 0's candidates are the run's fixed sample
    entries = []
    confirmed_failures = 0  # failures this chunk confirmed on draws whose verdict the run surely uses
    for k, p in enumerate(meeting):
        candidate = k in chosen
        if passed[k] and not candidate:
            continue  # passed the float64 screen with room to spare
        capped = (screening and screened[k] is not None and math.isfinite(screened[k])
                  and screened[k] < -NEAR_TIE)
        if capped and confirmed_failures >= CONFIRM_CAP:
            entries.append((k, True, {}))  # the discrepancy already stands; not re-confirmed
            continue
        variants = {}
        if candidate:
            variants[True] = _record(spec, p, dps, True)
        if not candidate or not (known or screening):  # outside the sample: judged unconfirmed
            variants[False] = _record(spec, p, dps, False)
        if not candidate or known:
            confirmed_failures += variants[candidate].state == "fails"
        entries.append((k, capped, variants))
    return Part(count, len(meeting), cases, candidates, entries)


@dataclass
class _Merged:
    draws: int
    meeting: int
    cases: dict
    records: list
    confirmed: int
    screened_failures: int


def merged(spec: NumericClaim, parts: Sequence[Part]) -> _Merged:
    """The chunks of one sweep (in draw order) as the whole run sees them: the fixed sample is the
    first SAMPLE candidates over all chunks, and the cap on confirmed failures counts over all."""
    sample = set([(j, k) for j, part in enumerate(parts) for k in part.candidates][:_sample_size(spec)])
    screening = spec.screen is not None
    records: list[_Record] = []
    confirmed = confirmed_failures = screened_failures = 0
    for j, part in enumerate(parts):
        for k, capped, variants in part.entries:
            in_sample = (j, k) in sample
            if screening and variants.get(False) is None and not in_sample and True in variants:
                continue  # a candidate that passed the screen, outside the fixed sample
            if capped and confirmed_failures >= CONFIRM_CAP:
                screened_failures += 1  # the discrepancy already stands; not re-confirmed
                continue
            if in_sample not in variants:
                raise RuntimeError(f"numeric_check.merged: chunk {j} left draw {k} unjudged, which the run needs")
            record = variants[in_sample]
            confirmed += record.confirmed
            confirmed_failures += record.state == "fails"
            records.append(record)
    cases: dict[str, list[int]] = {}
    for part in parts:
        for label, (drawn, met) in part.cases.items():
            counts = cases.setdefault(label, [0, 0, 0])
            counts[0] += drawn
            counts[1] += met
    return _Merged(sum(p.draws for p in parts), sum(p.meeting for p in parts), cases, records, confirmed,
                   screened_failures)


@dataclass(frozen=True)
class _Chunking:
    size: int
    map: Callable


_CHUNKING: contextvars.ContextVar[_Chunking | None] = contextvars.ContextVar("numeric_check_chunking", default=None)


def _in_turn(spec: NumericClaim, settings: Settings, chunks: list) -> list[Part]:
    return [sweep(spec, settings, *chunk) for chunk in chunks]


@contextlib.contextmanager
def chunked(size: int, mapper: Callable | None = None):
    """Within this context `run` splits a sweep of more than `size` draws into chunks of `size`
    consecutive draws (the last one shorter) and has `mapper(spec, settings, chunks)` sweep them,
    returning one `sweep(spec, settings, *chunk)` per chunk in order (`chunks` is an iterator that
    draws the stream as it goes); the default sweeps them in turn, in this process
    (proofs_check.distributed sends them to a Dask cluster's workers).

    A chunk is (start, count, state): `state` is the claim's random stream where the local run
    reaches draw `start`, so the chunks draw the local run's draws, and `merged` decides as the
    local run does: the outcome is the same for every `size` (tests/proofs_check/test_distributed.py).
    That holds when a claim's screen gives each draw a margin of its own (not one that depends on
    the other draws screened with it), as every screen here does."""
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"size={size!r}: must be an integer >= 1")
    token = _CHUNKING.set(_Chunking(size, mapper or _in_turn))
    try:
        yield
    finally:
        _CHUNKING.reset(token)


def _chunks(spec: NumericClaim, settings: Settings, size: int) -> Iterator[tuple]:
    """(start, count, state) for consecutive chunks of `size` draws of the claim's stream, each
    given as soon as the stream reaches it (a mapper can start on it while the rest are drawn)."""
    rng = settings.rng()
    for start in range(0, settings.draws, size):
        count = min(size, settings.draws - start)
        yield start, count, rng.getstate()
        for _ in range(count):
            spec.space(rng)


def run(spec: NumericClaim, settings: Settings, **outcome_fields) -> Outcome:
    """Draw, count, screen, confirm, shrink and decide (see the module docstring); in chunks
    within `chunked`, with the same outcome."""
    spec = _stated(spec)
    dps = settings.dps
    chunking = _CHUNKING.get()
    if chunking is None or settings.draws <= chunking.size:
        parts = [sweep(spec, settings, 0, settings.draws, None)]
    else:
        parts = list(chunking.map(spec, settings, _chunks(spec, settings, chunking.size)))
        if [p.draws for p in parts] != [min(chunking.size, settings.draws - a)
                                       for a in range(0, settings.draws, chunking.size)]:
            raise RuntimeError("numeric_check.run: the mapper of `chunked` did not return one sweep per chunk")
    swept = merged(spec, parts)
    cases = swept.cases if spec.case is not None else {}
    N = swept.draws
    common = dict(draws=N, **outcome_fields)
    if not swept.meeting:
        return Outcome("unverified", f"Unverified (vacuous on {N} draws): no draw met the hypotheses "
                       f"({spec.hypotheses_text}).", draws_meeting_hypotheses=0, failures=0, **common)
    confirmed, screened_failures = swept.confirmed, swept.screened_failures
    absent = [r for r in swept.records if r.state == "absent"]
    meets = swept.meeting - len(absent)
    fails = [(r.point, r.verdict) for r in swept.records if r.state == "fails"]
    undecided = [(r.point, r.verdict) for r in swept.records if r.state == "undecided"]
    if spec.case is not None:
        for r in absent:
            cases[r.case][1] -= 1
        for r in swept.records:
            if r.state == "fails":
                cases[r.case][2] += 1
    breakdown = ""
    if cases:
        breakdown = " By case (drawn/met/failed): " + "; ".join(
            f"{c} {a}/{b}/{f}" for c, (a, b, f) in sorted(cases.items())) + "."
    absent_text = (f" A further {len(absent)} draw{'s' if len(absent) != 1 else ''} met the stated "
                   f"assumptions but {spec.absent}; they are not counted as meeting the hypotheses."
                   if absent else "")
    common.update(draws_meeting_hypotheses=meets, failures=len(fails))
    where = (f"{meets} of {N} draws ({_share(meets, N)}) met the hypotheses ({spec.hypotheses_text})")
    if fails:
        point, verdict = _shrunk(spec, *fails[0], dps)
        witness = _counterexample(point, verdict, dps)
        more = (f" A further {screened_failures} draws failed the float64 screen and were not re-confirmed "
                f"(the verdict stands on {len(fails)} confirmed failures)." if screened_failures else "")
        return Outcome("discrepancy", f"{spec.conclusion} fails on {len(fails)} of the {meets} draws meeting "
                       f"the hypotheses (confirmed): {where}; the counterexample (shrunk, exact decimal strings) "
                       f"has margin {witness['margin']} at {dps} digits"
                       f"{', confirmed at ' + str(2 * dps) if verdict.high is not None else ' (exact)'}."
                       f"{more}{absent_text}{breakdown}", counterexample=witness, **common)
    if meets == 0:
        return Outcome("unverified", f"Unverified (vacuous on {N} draws): no draw met the hypotheses "
                       f"({spec.hypotheses_text}).{absent_text}{breakdown}", **common)
    if undecided:
        p, v = undecided[0]
        why = (v.low.why if v.low is not None and v.low.why else "the two precisions disagree or tie")
        return Outcome("unverified", f"{spec.conclusion} held on every decided draw, but {len(undecided)} of "
                       f"the {meets} draws meeting the hypotheses could not be decided ({why}); {where}."
                       f"{absent_text}{breakdown}", **common)
    tier = (f"{confirmed} confirmed at {dps} and {2 * dps} digits (or exactly), the rest passed the float64 "
            "screen with margin" if spec.screen is not None else
            f"every draw evaluated at {dps} digits, {confirmed} confirmed at {2 * dps}")
    return Outcome("verified", f"{spec.conclusion} holds on all {meets} draws meeting the hypotheses: {where}; "
                   f"{tier}.{absent_text}{breakdown}", **common)


def existential(found: int, total: int, witness: Point | None, can: str, none: str, **fields) -> Outcome:
    """An existential conclusion ("it can hold", "exists in particular cases") over `total` draws,
    `found` of which have it (each decided exactly or confirmed at two precisions by the caller):
    verified with the `witness` when some draw has it, unverified when none does (a finite sample
    refutes nothing). `can` and `none` are the details of the two cases.

    Its stated direction passes through `checks.printed_side("sign", 1)` like every numeric
    claim's, so the mutation test can reverse it ("it never holds"), which a witness refutes."""
    from . import checks
    common = dict(draws=total, failures=0, **fields)
    if checks.printed_side("sign", sp.Integer(1)) != 1:
        if found:
            return Outcome("discrepancy", f"The reversed statement (it never holds) fails: {can}",
                           counterexample=point_strings(witness), draws_meeting_hypotheses=total, **common)
        return Outcome("verified", f"The reversed statement (it never holds) held: {none}",
                       draws_meeting_hypotheses=total, **common)
    if not found:
        return Outcome("unverified", none, draws_meeting_hypotheses=total, **common)
    return Outcome("verified", can, draws_meeting_hypotheses=total, **common)


def combine(symbolic: Outcome, numeric: Outcome) -> Outcome:
    """A claim proved symbolically and tested numerically (method symbolic+numeric).

    A discrepancy from either side is the claim's verdict. Otherwise the proof decides: a claim
    proved symbolically stays verified when some draws could not be decided (the numeric side then
    corroborates on the draws it decided, and its detail says how many it could not), and a claim
    the proof leaves open stays unverified whatever the draws say. The numeric counts are kept
    either way."""
    counts = dict(draws=numeric.draws, draws_meeting_hypotheses=numeric.draws_meeting_hypotheses,
                  failures=numeric.failures)
    chosen = numeric if numeric.status == "discrepancy" and symbolic.status != "discrepancy" else symbolic
    detail = (f"{symbolic.detail} Numeric check: {numeric.detail}" if chosen is symbolic
              else f"{numeric.detail} Symbolic part: {symbolic.detail}")
    return Outcome(chosen.status, detail, printed=symbolic.printed, derived=symbolic.derived,
                   printed_latex=symbolic.printed_latex, derived_latex=symbolic.derived_latex,
                   counterexample=chosen.counterexample or numeric.counterexample,
                   certified=symbolic.certified if chosen is symbolic else None, **counts)
