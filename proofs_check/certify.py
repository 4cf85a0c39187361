"""Certified sign regions: an inequality proved over parameter boxes by Arb interval bisection.

Issue 13, goal 6. A sign claim `f > 0` (`>= 0`, `< 0`, `<= 0`) in parameters t_1..t_d is held
on a box of *box coordinates* s_1..s_d, one side per parameter, by a monotone change of
variables that is exact on rationals:

- a positive (or nonnegative) parameter t in (0, inf): s = t/(1+t) in (0, 1), t = s/(1-s);
- a negative (or nonpositive) one: s = -t/(1-t) in (0, 1), t = -s/(1-s);
- a real one: s = t/(1+|t|) in (-1, 1), t = s/(1-|s|);
- a stated bounded interval [lo, hi] (`Side.interval`): s = t.

A box of s with dyadic endpoints maps to a box of parameters with exact rational endpoints (the
maps are monotone, so the image of [s_lo, s_hi] is spanned by the images of its ends; python-
flint's fmpq holds them, no float is ever formed). `symbolic.intervals` encloses f over that
box with endpoint arithmetic whose every operation is an Arb ball operation rounded outward
(Arb's midpoint-radius balls alone lose the sign of a product of wide positive factors). An
enclosure strictly on the right side of zero proves the sign on the whole box.

Bisection (deterministic): boxes are taken largest first (ties in creation order); a box that
is not certified is cut across its widest side (the lowest index among equals) at its midpoint,
or, on a side reaching t = 0 or t = inf, EDGE of its width from that end (see `_cut`). A box
reaching t = inf is not evaluated (no finite enclosure exists there) but cut across that side.
When an enclosure is finite and its midpoint lies on the wrong side, f is evaluated at the
box's midpoint, an exact interior point of the domain: an enclosure there certainly on the
wrong side is a candidate counterexample, confirmed with the expression's Arb lambda
(`symbolic.lambdas.numeric_lambda`, a second route) at CONFIRM_PREC bits before it is reported
(`refuted`); the bisection then stops. Every evaluation counts against a fixed `budget`; boxes
still open when it is spent, and boxes that cannot be cut again (the side to cut is narrower
than 2^-MAX_DEPTH of its domain), are left uncertified. The budget is per expression, not per
claim, so that a certificate depends on its expression alone (not on which claim asked first,
nor on a claim's other signs) and is memoised once per process.

The certified share is the certified volume over the box's volume, in the s coordinates,
rounded down. It is evidence beside a claim's verdict, never a verdict itself
(`proofs_check.checks.sign` attaches it to the signs it proves).
"""
from __future__ import annotations

import dataclasses
import heapq
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Sequence

import sympy as sp
from flint import fmpq

from numeric.precision import decimal_string

__all__ = ["Side", "Certificate", "certify", "sides_for", "applies", "sign_certificates", "merged",
           "claim_certificate", "evidence", "with_evidence", "summary_line",
           "BUDGET", "MAX_DEPTH", "PREC", "CONFIRM_PREC", "EDGE", "SHOWN", "SHARE_PLACES"]

#: Evaluations (box and point) spent on one expression: a fixed cost per proved sign (about
#: 15 ms of CPU on average; benchmarks/bench_certify.py), so it adds little to a default run.
BUDGET = 200
#: A side narrower than 2^-MAX_DEPTH of its domain's width is not cut again (a box whose every
#: side is that narrow is left uncertified).
MAX_DEPTH = 24
#: Working precision of the box evaluations, in bits. Any precision is rigorous; a box's width,
#: not the precision, limits the enclosure, so this stays low for speed.
PREC = 64
#: Precision (bits) at which a wrong-signed point is confirmed before it is reported.
CONFIRM_PREC = 256
#: Uncertified boxes listed in a certificate (the largest first; `boxes_left` counts them all).
SHOWN = 3
#: The share is reported rounded down to this many decimal places: never more than was proved.
SHARE_PLACES = 4

#: A side reaching the end of an unbounded domain is cut this share of its width from that end.
EDGE = fmpq(1, 32)
#: Boxes taken from the queue (evaluated or halved unevaluated) per evaluation of the budget.
STEPS = 4

EXPECTED = ("positive", "nonnegative", "negative", "nonpositive")
_ONE, _ZERO = fmpq(1), fmpq(0)


@dataclass(frozen=True)
class Side:
    """One parameter as one side [lo, hi] of the box, in the coordinate s of `kind`.

    kind "positive"/"nonnegative": t = s/(1-s), s in [0, 1]; "negative"/"nonpositive":
    t = -s/(1-s), s in [0, 1]; "real": t = s/(1-|s|), s in [-1, 1]; "interval": t = s.
    """

    name: str
    kind: str
    lo: fmpq
    hi: fmpq

    @staticmethod
    def of(name: str, kind: str) -> "Side":
        """The whole domain of a parameter of this kind."""
        if kind in ("positive", "nonnegative", "negative", "nonpositive"):
            return Side(name, kind, _ZERO, _ONE)
        if kind == "real":
            return Side(name, kind, -_ONE, _ONE)
        raise ValueError(f"kind={kind!r}: must be positive, nonnegative, negative, nonpositive or real "
                         "(or use Side.interval)")

    @staticmethod
    def interval(name: str, lo, hi) -> "Side":
        """A stated bounded interval [lo, hi] of the parameter itself (exact: int, Fraction or a
        decimal string; never a float)."""
        if isinstance(lo, float) or isinstance(hi, float):
            raise TypeError(f"Side.interval({name!r}): give the bounds exactly (a string or Fraction), not a float")
        lo, hi = (fmpq(q.numerator, q.denominator) for q in (Fraction(lo), Fraction(hi)))
        if not lo < hi:
            raise ValueError(f"Side.interval({name!r}): lo={lo} must be below hi={hi}")
        return Side(name, "interval", lo, hi)

    def parameter(self, s: fmpq) -> fmpq | None:
        """t at box coordinate s, exactly; None at a side that lies at infinity."""
        if self.kind == "interval":
            return s
        if self.kind == "real":
            return None if abs(s) == 1 else s / (1 - abs(s))
        if s == 1:
            return None
        t = s / (1 - s)
        return -t if self.kind in ("negative", "nonpositive") else t

    def coordinate(self) -> str:
        """The change of variables, as text."""
        t = self.name
        return {"positive": f"s = {t}/(1+{t})", "nonnegative": f"s = {t}/(1+{t})",
                "negative": f"s = -{t}/(1-{t})", "nonpositive": f"s = -{t}/(1-{t})",
                "real": f"s = {t}/(1+|{t}|)", "interval": f"s = {t}"}[self.kind]


@dataclass(frozen=True)
class Certificate:
    """The outcome of the bisection of one expression over its box.

    `expression` is the form bisected (for a proved sign, the form SymPy proved: the claim's
    expression after its substitutions, factored or simplified); `share` is the certified volume
    over the box's volume (exact, in the s coordinates); `uncertified` lists every box left, as
    s-intervals, the largest first; `refuted` is None or a confirmed counterexample
    {parameters, value, precision_bits}.
    """

    what: str
    expected: str
    sides: tuple[Side, ...]
    share: Fraction
    evaluations: int
    uncertified: tuple[tuple[tuple[Fraction, Fraction], ...], ...]
    refuted: dict | None = None
    budget: int = BUDGET
    expression: str = ""

    @property
    def boxes_left(self) -> int:
        return len(self.uncertified)

    def share_string(self) -> str:
        """The share rounded down to SHARE_PLACES decimals (a lower bound, as a decimal string)."""
        scale = 10 ** SHARE_PLACES
        return decimal_string(sp.Rational(self.share.numerator * scale // self.share.denominator, scale))

    def to_dict(self, shown: int = SHOWN) -> dict:
        return {
            "what": self.what, "expression": self.expression, "expected": self.expected,
            "variables": [s.name for s in self.sides],
            "coordinates": {s.name: s.coordinate() for s in self.sides},
            **({"box": {s.name: [_exact(s.lo), _exact(s.hi)] for s in self.sides}}
               if any(s.kind == "interval" for s in self.sides) else {}),
            "share": self.share_string(), "evaluations": self.evaluations,
            "boxes_left": self.boxes_left,
            "uncertified": [{s.name: [_exact(lo), _exact(hi)] for s, (lo, hi) in zip(self.sides, box)}
                            for box in self.uncertified[:shown]],
            "refuted": self.refuted,
        }


def _exact(q) -> str:
    """An exact rational (Fraction or fmpq) as an exact decimal string (p/q if it does not end)."""
    return decimal_string(sp.Rational(str(q)))


# --- where it applies -------------------------------------------------------------------------

def _kind(symbol: sp.Symbol) -> str | None:
    """The domain a symbol's assumptions state, or None when it is not a real interval (an
    integer, a complex or undeclared symbol: a box of reals would not be its domain)."""
    if symbol.is_integer or symbol.is_real is not True:
        return None
    for kind in ("positive", "nonnegative", "negative", "nonpositive"):
        if getattr(symbol, f"is_{kind}"):
            return kind
    return "real"


def applies(expr) -> bool:
    """A closed form in real symbols: no undefined functions, integrals, derivatives, floats,
    imaginary unit; at least one free symbol, each with a real interval as its domain."""
    expr = sp.sympify(expr)
    if not isinstance(expr, sp.Expr) or not expr.free_symbols:
        return False
    if expr.atoms(sp.core.function.AppliedUndef, sp.Float) or expr.has(
            sp.Integral, sp.Derivative, sp.Subs, sp.I, sp.zoo, sp.oo, sp.nan, sp.Piecewise):
        return False
    return all(_kind(s) is not None for s in expr.free_symbols)


def sides_for(expr) -> tuple[Side, ...]:
    """The whole domain its symbols' assumptions give `expr`, one side per symbol in name order."""
    return tuple(Side.of(str(s), _kind(s)) for s in sorted(sp.sympify(expr).free_symbols, key=str))


# --- evaluation -------------------------------------------------------------------------------

@lru_cache(maxsize=1024)
def _functions(expr: sp.Expr, names: tuple[str, ...]):
    """The interval enclosure and the Arb lambda of expr in the named symbols, generated once
    per expression (SymPy expressions are immutable and hashable)."""
    from symbolic.intervals import interval_function
    from symbolic.lambdas import numeric_lambda
    symbols = {str(s): s for s in expr.free_symbols}
    args = [symbols.get(n, sp.Symbol(n)) for n in names]
    return interval_function(expr, args), numeric_lambda(expr, args, backend="arb")


def _certain(value, expected: str) -> bool:
    """The enclosure (lo, hi) is finite and lies on the `expected` side of zero."""
    if value is None:
        return False
    lo, hi = value
    return {"positive": lo > 0, "nonnegative": lo >= 0, "negative": hi < 0, "nonpositive": hi <= 0}[expected]


def _wrong(value, expected: str) -> bool:
    """The enclosure (lo, hi) is finite and certainly violates the `expected` sign."""
    if value is None:
        return False
    lo, hi = value
    return {"positive": hi <= 0, "nonnegative": hi < 0, "negative": lo >= 0, "nonpositive": lo > 0}[expected]


def _ball_wrong(ball, expected: str) -> bool:
    """An Arb ball that is finite and certainly violates the `expected` sign."""
    if not ball.is_finite():
        return False
    return {"positive": ball <= 0, "nonnegative": ball < 0, "negative": ball >= 0, "nonpositive": ball > 0}[expected]


def _leaning_wrong(value, expected: str) -> bool:
    """The enclosure's midpoint is on the wrong side (or at zero): worth a look at a point."""
    lo, hi = value
    mid = lo + hi   # twice the midpoint: only its sign matters
    return {"positive": not mid > 0, "nonnegative": mid < 0,
            "negative": not mid < 0, "nonpositive": mid > 0}[expected]


def _volume(box):
    out = _ONE
    for lo, hi in box:
        out *= hi - lo
    return out


def _cut(side: Side, lo, hi):
    """Where a box's side [lo, hi] is cut: at its midpoint, or, on a side that reaches the end
    of an unbounded parameter's domain (t = 0 or t = inf), EDGE of the width from that end. No
    enclosure is finite on a box reaching t = inf, nor on the right side of zero on one reaching
    t = 0 where f vanishes, so halving would leave half of each such box uncertified at every
    depth; a thin slab at the end keeps that loss small, in any number of dimensions."""
    width = hi - lo
    if side.kind != "interval":
        if lo == side.lo:
            return lo + width * EDGE
        if hi == side.hi:
            return hi - width * EDGE
    return lo + width / 2


def _split(sides, box, at_infinity: int | None, narrow) -> tuple | None:
    """The two parts of `box`, cut across the side that reaches infinity (if any), else across
    its widest side (the lowest index among equals); None when that side is already narrower
    than `narrow` (its domain's width times 2^-MAX_DEPTH)."""
    widths = [(hi - lo) / n for (lo, hi), n in zip(box, narrow)]
    k = widths.index(max(widths)) if at_infinity is None else at_infinity
    if widths[k] < 1:
        return None
    lo, hi = box[k]
    cut = _cut(sides[k], lo, hi)
    return box[:k] + ((lo, cut),) + box[k + 1:], box[:k] + ((cut, hi),) + box[k + 1:]


def certify(expr, expected: str, *, sides: Sequence[Side] | None = None, budget: int = BUDGET,
            max_depth: int = MAX_DEPTH, prec: int = PREC, what: str = "") -> Certificate:
    """Bisect the box of `sides` (default: the domain of the symbols' assumptions, `sides_for`)
    until every box is certified to have sign `expected`, a counterexample is confirmed, or the
    budget of evaluations is spent. Deterministic: the same inputs give the same Certificate.

    Raises ValueError for an expression `applies` rejects (when no sides are given) and
    symbolic.intervals.Unsupported for a node without an interval rule."""
    import flint
    from symbolic.intervals import span

    if expected not in EXPECTED:
        raise ValueError(f"expected={expected!r}: must be one of {', '.join(EXPECTED)}")
    if isinstance(budget, bool) or not isinstance(budget, int) or budget < 1:
        raise ValueError(f"budget={budget!r}: must be a positive integer")
    expr = sp.sympify(expr)
    if sides is None:
        if not applies(expr):
            raise ValueError(f"certify: {expr} is not a closed form in real symbols (see certify.applies)")
        sides = sides_for(expr)
    sides = tuple(sides)
    names = tuple(s.name for s in sides)
    missing = {str(s) for s in expr.free_symbols} - set(names)
    if missing:
        raise ValueError(f"sides: no side for {sorted(missing)}")
    enclose, _ = _functions(expr, names)
    root = tuple((s.lo, s.hi) for s in sides)
    narrow = tuple((s.hi - s.lo) / 2 ** max_depth for s in sides)
    total = _volume(root)
    certified = _ZERO
    left, refuted = [], None
    evaluations = steps = order = 0
    heap = [(-total, order, root)]
    saved = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        # Boxes reaching infinity are cut without an evaluation; `steps` bounds that work too.
        while heap and evaluations < budget and steps < STEPS * budget:
            steps += 1
            negvol, _, box = heapq.heappop(heap)
            ends = [(side.parameter(lo), side.parameter(hi)) for side, (lo, hi) in zip(sides, box)]
            infinite = next((k for k, (a, b) in enumerate(ends) if a is None or b is None), None)
            if infinite is None:
                value = enclose(*[span(min(a, b), max(a, b)) for a, b in ends])
                evaluations += 1
                if _certain(value, expected):
                    certified += -negvol
                    continue
                if value is not None and _leaning_wrong(value, expected) and evaluations < budget:
                    evaluations += 1
                    refuted = _refutation(expr, names, sides, box, expected, prec)
                    if refuted is not None:
                        left.append(box)
                        break
            parts = _split(sides, box, infinite, narrow)
            if parts is None:
                left.append(box)
                continue
            for child in parts:
                order += 1
                heapq.heappush(heap, (-_volume(child), order, child))
    finally:
        flint.ctx.prec = saved
    left += [entry[2] for entry in heap]
    left.sort(key=lambda box: (-_volume(box), box))
    return Certificate(what=what, expected=expected, sides=sides, share=_fraction(certified / total),
                       evaluations=evaluations,
                       uncertified=tuple(tuple((_fraction(lo), _fraction(hi)) for lo, hi in box) for box in left),
                       refuted=refuted, budget=budget, expression=sp.sstr(expr))


def _fraction(q) -> Fraction:
    return Fraction(int(q.p), int(q.q))


def _refutation(expr, names, sides, box, expected: str, prec: int) -> dict | None:
    """The box's midpoint (exact) when the enclosure of f there is certainly of the wrong sign at
    `prec` bits and the Arb lambda's ball agrees at CONFIRM_PREC bits; None otherwise."""
    import flint
    from flint import arb
    from symbolic.intervals import point

    enclose, ball = _functions(expr, names)
    at = [side.parameter((lo + hi) / 2) for side, (lo, hi) in zip(sides, box)]
    if any(t is None for t in at) or not _wrong(enclose(*[point(t) for t in at]), expected):
        return None
    bits = max(CONFIRM_PREC, 4 * prec)
    flint.ctx.prec = bits
    try:
        confirmed = ball(*[arb(t) for t in at])
        shown = confirmed.str(20)
    finally:
        flint.ctx.prec = prec
    if not _ball_wrong(confirmed, expected):
        return None
    return {"parameters": {n: _exact(_fraction(t)) for n, t in zip(names, at)},
            "value": shown, "precision_bits": bits}


# --- a claim's certificates -------------------------------------------------------------------

def claim_certificate(parts: Sequence[Certificate] | None, shown: int = SHOWN) -> dict | None:
    """The JSON field `certified` of a claim: over its parts' certificates the least share, the
    boxes left and the evaluations in all, the number with a confirmed wrong-signed point, and
    each certificate; None when no part was certified."""
    if not parts:
        return None
    least = min(parts, key=lambda c: c.share)
    return {"share": least.share_string(), "parts": len(parts),
            "boxes_left": sum(c.boxes_left for c in parts),
            "evaluations": sum(c.evaluations for c in parts), "budget_per_sign": max(c.budget for c in parts),
            "refuted": sum(c.refuted is not None for c in parts),
            "coordinates": COORDINATES, "certificates": [c.to_dict(shown) for c in parts]}


#: How to read a certificate's boxes and shares.
COORDINATES = ("each parameter t is one side of a box in s: s = t/(1+t) in [0, 1] for t > 0 (or t >= 0), "
               "s = -t/(1-t) in [0, 1] for t < 0, s = t/(1+|t|) in [-1, 1] for real t (per certificate "
               "under 'coordinates'); a share is certified volume over box volume in s, rounded down")


def evidence(parts: Sequence[Certificate] | None) -> str:
    """One sentence for a claim's detail: what the bisection certified."""
    if not parts:
        return ""
    least = min(parts, key=lambda c: c.share)
    hundredths = least.share.numerator * 10 ** 4 // least.share.denominator   # rounded down
    share = f"{hundredths // 100}.{hundredths % 100:02d}".rstrip("0").rstrip(".")
    left = sum(c.boxes_left for c in parts)
    refuted = sum(c.refuted is not None for c in parts)
    if len(parts) == 1:
        text = f"Arb interval bisection certifies the sign on at least {share}% of its parameter box"
    else:
        text = (f"Arb interval bisection certifies each of the {len(parts)} signs on at least {share}% "
                "of its parameter box")
    positive = all(side.kind in ("positive", "nonnegative") for c in parts for side in c.sides)
    where = "in coordinates s = t/(1+t)" if positive else "in the box coordinates of `certified`"
    text += (f" ({where}; {sum(c.evaluations for c in parts)} evaluations; {left} box"
             f"{'es' if left != 1 else ''} left uncertified)")
    if refuted:
        text += f"; it confirms a wrong-signed point for {refuted} of them (see `certified`)"
    return text + "."


# --- the hook for proved signs ----------------------------------------------------------------

@lru_cache(maxsize=4096)
def _memo(expr: sp.Expr, expected: str) -> Certificate | None:
    if not applies(expr):
        return None
    try:
        return certify(expr, expected)
    except Exception:  # noqa: BLE001 - evidence only: a failure here must never change a verdict
        return None


def sign_certificates(expr, expected: str, what: str = "") -> list[Certificate] | None:
    """[the Certificate] of a proved sign, for `Outcome.certified`; None where certification does
    not apply (a number, an undefined function, an integral, a symbol without a real interval as
    its domain, a node without an interval rule). Memoised: each expression is bisected once per
    process, and the result depends only on the expression (deterministic)."""
    if expected not in EXPECTED:
        return None
    cert = _memo(sp.sympify(expr), expected)
    return [dataclasses.replace(cert, what=what)] if cert is not None else None


def merged(outcomes) -> list[Certificate] | None:
    """The certificates of several outcomes, in order, each once (for `checks.all_of`)."""
    out: list[Certificate] = []
    for o in outcomes:
        for c in getattr(o, "certified", None) or ():
            if c not in out:
                out.append(c)
    return out or None


def with_evidence(detail: str, parts) -> str:
    """A claim's detail with the certification sentence appended (unchanged without one)."""
    sentence = evidence(parts)
    return f"{detail} {sentence}" if sentence else detail


def summary_line(claims) -> str:
    """One line over a report's claims (ClaimResults): how many carry a certificate, the spread of
    their least shares, and how many found a wrong-signed point; "" when none carries one."""
    fields = [c.certified for c in claims if getattr(c, "certified", None)]
    if not fields:
        return ""
    shares = sorted(Fraction(f["share"]) for f in fields)
    median = shares[len(shares) // 2]
    refuted = sum(f["refuted"] for f in fields)
    return (f"certified regions (Arb interval bisection of proved signs): {len(fields)} claims, "
            f"{sum(f['parts'] for f in fields)} signs; least share per claim {_exact(shares[0])}, "
            f"median {_exact(median)}; {refuted} with a wrong-signed point")
