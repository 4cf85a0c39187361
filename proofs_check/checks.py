"""Deciding a claim: printed against derived, and signs under stated hypotheses.

A verdict of `verified` needs a proof (a difference that simplifies to zero, or a sign that
SymPy establishes from positivity of the substituted symbols). A `discrepancy` needs a witness:
an exact point inside the stated domain where the two sides differ, with both values. When
neither is found the claim stays `unverified` and says so.
"""
from __future__ import annotations

import random
from typing import Callable, Sequence

import mpmath
import sympy as sp

from numeric.precision import decimal_string
from .certify import merged, sign_certificates
from .claims import Outcome, Settings
from .draws import point_strings

__all__ = ["identity", "sign", "family", "all_of", "number", "components", "undecided", "POINTS", "MUTATE",
           "printed_side"]

#: Exact points tried when looking for a witness of a difference or a sign failure.
POINTS = 24

Domain = Callable[[random.Random, Sequence[sp.Symbol]], dict]

#: Test hook for the mutation test (tests/proofs_check/test_mutation.py), None in every real run.
#: When set, `MUTATE(kind, printed)` is called with the printed side of each check - kind
#: "identity" (the printed formula), "sign" (the expression whose sign the claim states) or
#: "number" (the printed digits) - and its return value is decided instead. The test uses it to
#: perturb a sign, an exponent, a coefficient or a digit and asserts that the claim then reports
#: a discrepancy: a check that cannot fail is a defect.
MUTATE: Callable[[str, object], object] | None = None


def printed_side(kind: str, value):
    """The printed side a check decides: `value` itself, unless the mutation test's MUTATE is set.

    Deciding helpers outside this module (e.g. a verbal quantity, kind "word", passed as
    (word, choices)) call it on their printed side so that the mutation test reaches them too."""
    return value if MUTATE is None else MUTATE(kind, value)


def components(obj) -> list:
    """The scalar parts of a formula: tuples, lists and matrices are compared entry by entry."""
    if isinstance(obj, (tuple, list)):
        return [c for part in obj for c in components(part)]
    if isinstance(obj, sp.MatrixBase):
        return list(obj)
    return [sp.sympify(obj)]


def _is_zero(expr: sp.Expr) -> bool:
    expr = sp.expand(expr)
    if expr == 0:
        return True
    return sp.simplify(sp.cancel(sp.together(expr))) == 0


def _value(expr: sp.Expr, point: dict, dps: int):
    """expr at point: exact when it is rational there, else a number confirmed at 2 dps."""
    expr = sp.sympify(expr)
    if all(p.exp.is_Integer for p in expr.atoms(sp.Pow)) and not expr.atoms(sp.Function):
        v = expr.subs(point, simultaneous=True)   # a rational function: its value is exact
        if v.is_Rational:
            return v
        low, high = sp.N(v, dps), sp.N(v, 2 * dps)
    else:
        # Substituting exact rationals under symbolic powers makes SymPy search for perfect powers of
        # large integers; evaluate numerically at the (exact) point instead, at dps and 2 dps.
        # Quadrature at 2 dps is slow; an integral is confirmed at dps + 10 digits instead.
        v = expr
        confirm = dps + 10 if expr.has(sp.Integral) else 2 * dps
        low, high = expr.evalf(dps, subs=point), expr.evalf(confirm, subs=point)
    if low.is_Number and high.is_Number:
        return high
    # A complex value (a negative base under a fractional power) is a number too: a printed side that
    # is complex where the derivation is real differs from it. Unevaluated forms (an integral of an
    # undefined function) are not.
    if high.is_number and all(part.is_Number for part in high.as_real_imag()):
        return high
    return None


def _differs(p, d, dps: int) -> bool:
    if p is None or d is None:
        return False
    diff = sp.sympify(p - d)
    if diff.is_Rational:
        return diff != 0
    scale = max(abs(p), abs(d), sp.Integer(1))
    return abs(diff) > scale * sp.Rational(1, 10) ** (dps // 2)


def _cap(text: str) -> str:
    """Capitalise a sentence that starts with an ordinary word, never a symbol like n_11."""
    return text[0].upper() + text[1:] if text.split(" ", 1)[0] in ("the", "a", "an") else text


def _hyp(hypotheses: str) -> str:
    return f" under {hypotheses}" if hypotheses else ""


def identity(printed, derived, *, settings: Settings, domain: Domain | None = None,
             hypotheses: str = "", what: str = "the printed form",
             printed_latex: str | None = None, derived_latex: str | None = None,
             verified_detail: str | None = None, normalize=None) -> Outcome:
    """Verified when printed - derived simplifies to 0 entry by entry; a discrepancy when an
    exact point of `domain` makes them differ; otherwise unverified.

    Without a `domain`, an identity over undefined functions (g_i, c, ...) is searched with random
    polynomial instances of them (the witness names the instance), and one whose symbols are all
    declared positive is searched over positive points: both state their own domain. One point is
    probed before simplification, so a clear difference is reported without simplifying.

    `normalize`, if given, is applied to both sides before they are subtracted (for example to
    merge powers of positive symbols); it must not change the value of an expression.
    """
    printed = printed_side("identity", printed)
    P, D = components(printed), components(derived)
    if normalize is not None:
        P, D = [normalize(p) for p in P], [normalize(d) for d in D]
    common = dict(printed=printed, derived=derived, printed_latex=printed_latex,
                  derived_latex=derived_latex)
    if len(P) != len(D):
        return Outcome("discrepancy", f"{what} has {len(P)} entries, the derivation {len(D)}.",
                       **common)
    residuals = [p - d for p, d in zip(P, D)]
    if all(sp.expand(r) == 0 for r in residuals):
        return Outcome("verified", _verified_detail(what, hypotheses, verified_detail), **common)
    general = _undefined_functions([*P, *D])
    symbols = set().union(*(sp.sympify(e).free_symbols for e in (*P, *D)))
    if domain is None and (general or all(v.is_positive for v in symbols)):
        # An identity about general functions (g_i, c, ...) must hold for every one of them, so a
        # polynomial instance with a point where the two sides differ is a witness; and symbols
        # declared positive state their own domain, on all of which an identity must hold.
        domain = _positive_point
    # A cheap probe before simplification: the witness search's first point. A difference there
    # is the same witness the full search would find first; agreement leaves it to simplify.
    # Integrals are evaluated by quadrature at the point, which is not cheap: no probe then.
    if domain is not None and not any(sp.sympify(e).has(sp.Integral) for e in (*P, *D)):
        found = _witness(P, D, domain, general, settings, points=1)
        if found is not None:
            return _differs_outcome(found, P, what, hypotheses, settings, common)
    if all(_is_zero(r) for r in residuals):
        return Outcome("verified", _verified_detail(what, hypotheses, verified_detail), **common)
    if domain is None:
        return Outcome("unverified", f"{what} and the derivation did not simplify to the same "
                       "expression, and no domain was given to look for a witness.", **common)
    found = _witness(P, D, domain, general, settings, points=POINTS)
    if found is not None:
        return _differs_outcome(found, P, what, hypotheses, settings, common)
    return Outcome("unverified", f"{what} and the derivation did not simplify to the same "
                   f"expression, yet agree at {POINTS} exact points{_hyp(hypotheses)}.", **common)


def _verified_detail(what: str, hypotheses: str, verified_detail: str | None) -> str:
    return verified_detail or (f"{_cap(what)} equals the derivation from "
                               f"the model's primitives identically{_hyp(hypotheses)}.")


def _witness(P, D, domain: Domain, general: dict, settings: Settings, *, points: int):
    """(k, vp, vd, point, instance) for the first of `points` exact points (and polynomial
    instances of the general functions) where entry k of P and D differ; None if none does."""
    # Every symbol of either side needs a value, including those that cancel in the residual.
    free = sorted(set().union(*(sp.sympify(e).free_symbols for e in (*P, *D))), key=str)
    rng = settings.rng()
    for _ in range(points):
        point = domain(rng, free)
        instance = _polynomial_instances(general, rng)
        for k, (p, d) in enumerate(zip(P, D)):
            if instance:
                p, d = _instantiate(p, instance), _instantiate(d, instance)
            vp, vd = _value(p, point, settings.dps), _value(d, point, settings.dps)
            if _differs(vp, vd, settings.dps):
                return k, vp, vd, point, instance
    return None


def _differs_outcome(found, P, what: str, hypotheses: str, settings: Settings, common: dict) -> Outcome:
    k, vp, vd, point, instance = found
    entry = f" (entry {k + 1})" if len(P) > 1 else ""
    detail = (f"{_cap(what)}{entry} differs from the derivation"
              f"{_hyp(hypotheses)}: at the point in `counterexample` it gives "
              f"{_short(vp)}, the derivation gives {_short(vd)}.")
    witness = {"parameters": point_strings(point, settings.dps),
               **({"functions": {str(f): f"{f}({', '.join(map(str, e.variables))}) = {e.expr}"
                                 for f, e in instance.items()}} if instance else {}),
               "entry": k + 1, "printed": _exact_string(vp, settings.dps),
               "derived": _exact_string(vd, settings.dps),
               "margin": _exact_string(vp - vd, settings.dps)}
    return Outcome("discrepancy", detail, counterexample=witness, **common)


def sign(expr, expected: str, *, settings: Settings, substitutions: dict | None = None,
         domain: Domain | None = None, hypotheses: str = "", what: str = "the expression",
         printed=None, printed_latex: str | None = None) -> Outcome:
    """Prove `expr` positive/negative/nonnegative under `hypotheses`.

    `substitutions` encode the hypotheses (e.g. theta^1_1 -> theta^1_2 + d with d > 0) so that
    SymPy's assumption system can decide the sign; failing that, `domain` is searched for a
    point with the wrong sign. Without a domain, a substituted expression in positive symbols
    only is searched over positive points (the substitution parametrises the hypotheses), and a
    number is decided exactly.
    """
    test = {"positive": lambda e: e.is_positive, "negative": lambda e: e.is_negative,
            "nonnegative": lambda e: e.is_nonnegative}[expected]
    wrong = {"positive": lambda v: v <= 0, "negative": lambda v: v >= 0,
             "nonnegative": lambda v: v < 0}[expected]
    expr = printed_side("sign", expr)
    common = dict(printed=printed, derived=expr, printed_latex=printed_latex)
    target = sp.sympify(expr)
    if substitutions:
        target = target.subs(substitutions, simultaneous=True)
    # lazily: a form is built only when the cheaper ones before it did not decide (issue 13)
    for candidate in (form(target) for form in (lambda e: e, sp.factor, sp.simplify)):
        if test(candidate):
            # Evidence beside the proof: the form SymPy proved, bisected over the box of its
            # symbols' domains with Arb intervals (issue 13); it never changes the verdict.
            return Outcome("verified", f"{_cap(what)} is {expected}"
                           f"{_hyp(hypotheses)} (proved symbolically).",
                           certified=sign_certificates(candidate, expected, what), **common)
    if not target.free_symbols and target.is_comparable and wrong(target):
        # A number (e.g. a difference at an exact point): its sign is known exactly.
        return Outcome("discrepancy", f"{_cap(what)} is not {expected}{_hyp(hypotheses)}: it equals "
                       f"{_short(target)}.", counterexample={"value": decimal_string(target, settings.dps)},
                       **common)
    searched = expr
    if domain is None and target.free_symbols and all(v.is_positive for v in target.free_symbols) \
            and not _undefined_functions([target]):
        # The substitutions parametrise the hypotheses by positive symbols (theta^1_1 -> theta^1_2 + d,
        # d > 0), so any positive point of the substituted expression lies inside them.
        domain, searched = _positive_point, target
    if domain is not None:
        free = sorted(sp.sympify(searched).free_symbols, key=str)
        rng = settings.rng()
        for _ in range(POINTS):
            point = domain(rng, free)
            v = _value(searched, point, settings.dps)
            if v is not None and wrong(v):
                witness = {"parameters": point_strings(point, settings.dps),
                           "value": decimal_string(v, settings.dps)}
                return Outcome("discrepancy", f"{_cap(what)} is not {expected}"
                               f"{_hyp(hypotheses)}: it equals {_short(v)} at the point in "
                               "`counterexample`.", counterexample=witness, **common)
    return undecided(f"The sign of {what} was not established symbolically"
                     f"{_hyp(hypotheses)}, and no counterexample was found.", **common)


def _undefined_functions(exprs) -> dict:
    """The undefined functions (g_i, c, F, ...) applied in `exprs`, with their numbers of arguments."""
    found = {}
    for e in exprs:
        for a in sp.sympify(e).atoms(sp.core.function.AppliedUndef):
            found[a.func] = len(a.args)
    return dict(sorted(found.items(), key=lambda kv: str(kv[0])))


def _positive_point(rng: random.Random, symbols) -> dict:
    """Exact positive decimals in (0.1, 10) for `symbols` (for identities over general functions)."""
    from .draws import decimal_between
    return {v: decimal_between(rng, "0.1", "10") for v in symbols}


def _polynomial_instances(functions, rng: random.Random) -> dict:
    """For each function a random cubic with positive integer coefficients (cross terms included),
    so that it stays positive where its arguments are (a density, a city size, a power base)."""
    out = {}
    for f, arity in functions.items():
        xs = sp.symbols(f"x_1:{arity + 1}")
        terms = [sp.Integer(1), *xs, *[a * b for j, a in enumerate(xs) for b in xs[j:]], xs[0] ** 3]
        out[f] = sp.Lambda(xs, sp.Add(*[rng.randint(1, 3) * m for m in terms]))
    return out


def _instantiate(expr, instance: dict):
    """expr with each undefined function replaced by its polynomial instance and derivatives
    evaluated; integrals are left to numeric quadrature at the point (never integrated symbolically)."""
    out = sp.sympify(expr)
    for f, poly in instance.items():
        out = out.replace(f, poly)
    return out.replace(lambda e: isinstance(e, (sp.Derivative, sp.Subs)), lambda e: e.doit())


def undecided(detail: str, **kwargs) -> Outcome:
    """An `unverified` outcome with its reason."""
    return Outcome("unverified", detail, **kwargs)


def _exact_string(v, dps: int) -> str:
    """decimal_string for a real value; a complex one as its real and imaginary parts."""
    v = sp.sympify(v)
    if v.is_real is False or (v.is_number and not v.is_comparable):
        re, im = v.as_real_imag()
        return f"{decimal_string(re, dps)} + {decimal_string(im, dps)} i"
    return decimal_string(v, dps)


def _short(v) -> str:
    if v is None:
        return "no number"
    v = sp.sympify(v)
    if v.is_Rational:
        return decimal_string(v, 12) if len(decimal_string(v, 12)) < 24 else sp.N(v, 12).__str__()
    if not v.is_comparable:  # complex
        re, im = (mpmath.nstr(mpmath.mpf(str(sp.N(part, 30))), 12) for part in v.as_real_imag())
        return f"{re} + {im} i"
    return mpmath.nstr(mpmath.mpf(str(sp.N(v, 30))), 12)


def family(instances, *, settings: Settings, label: str = "", **kwargs) -> Outcome:
    """`identity` over several instances (e.g. I = 2..4 and every i, k).

    `instances` yields (description, printed, derived). The first instance that is not
    verified decides the outcome, and its description is put in front of the detail.
    Verified outcomes show the first instance's forms.
    """
    first = None
    count = 0
    for description, printed, derived in instances:
        outcome = identity(printed, derived, settings=settings, **kwargs)
        count += 1
        if outcome.status != "verified":
            outcome.detail = f"For {description}: {outcome.detail}"
            return outcome
        if first is None:
            first = (description, outcome)
    description, outcome = first
    outcome.detail = (f"{outcome.detail} Checked for {label or 'every instance'} ({count} cases); "
                      f"forms shown for {description}.")
    return outcome


def all_of(outcomes: Sequence[Outcome], *, shown: Outcome | None = None,
           summary: str | None = None) -> Outcome:
    """Several checks of one claim: verified only if all are; else the first failure.

    A verified result carries `summary` as its detail when given, else the parts' details.
    """
    for outcome in outcomes:
        if outcome.status != "verified":
            return outcome
    result = shown or outcomes[0]
    result.detail = summary or " ".join(dict.fromkeys(o.detail for o in outcomes))
    result.certified = merged([result, *outcomes])  # idempotent: each certificate once
    return result


def number(printed: str, recomputed, *, settings: Settings, what: str = "the printed number",
           scale=1, how: str = "", printed_latex: str | None = None) -> Outcome:
    """A printed number against its recomputation from the model.

    Verified when the recomputed value (times `scale`, e.g. 100 for a percentage) lies within half
    a unit of the printed number's last digit, i.e. rounds to it; the value is computed at
    `settings.dps` and confirmed at twice that. Otherwise a discrepancy giving the value.
    """
    text = printed_side("number", printed).strip()
    places = len(text.split(".")[1]) if "." in text else 0
    if "." not in text and text.rstrip("0") not in ("", "-"):
        # A round figure ("30 million", "20 percent"): trailing zeros are not significant digits.
        places = -(len(text) - len(text.rstrip("0")))
    target = sp.Rational(text)
    half = sp.Rational(1, 2) * sp.Rational(10) ** (-places)
    expr = sp.sympify(recomputed) * scale
    low, high = sp.N(expr, settings.dps), sp.N(expr, 2 * settings.dps)
    if not (low.is_number and high.is_number and low.is_real):
        return undecided(f"{_cap(what)} could not be recomputed as a real number.")
    if abs(low - high) > abs(high) * sp.Rational(1, 10) ** (settings.dps - 5):
        return undecided(f"{_cap(what)}: the recomputation did not agree at {settings.dps} and "
                         f"{2 * settings.dps} digits.")
    shown = mpmath.nstr(mpmath.mpf(str(sp.N(expr, 30))), max(places + 4, 6))
    common = dict(printed=target, derived=sp.Float(high, 15),
                  printed_latex=printed_latex or text, derived_latex=shown)
    inside = abs(high - target) <= half
    boundary = abs(abs(high - target) - half) <= sp.Rational(1, 10) ** (settings.dps // 2)
    if boundary:
        return Outcome("verified", f"{_cap(what)} {text}: the recomputed value {shown} lies exactly "
                       "half-way, so it rounds to the printed digits under half-up or half-even "
                       "rounding.", **common)
    source = f" ({how})" if how else ""
    if inside:
        unit = (f"{places} decimal place{'s' if places != 1 else ''}" if places >= 0
                else f"the nearest {10 ** -places} (trailing zeros not significant)")
        return Outcome("verified", f"{_cap(what)} {text} is the recomputed value {shown}{source} "
                       f"rounded to {unit}.", **common)
    return Outcome("discrepancy", f"{_cap(what)} is {text}, but the recomputed value{source} is "
                   f"{shown}, which rounds to {_rounded(high, places)}.",
                   **common)


def _rounded(value, places: int) -> str:
    q = sp.Rational(str(sp.N(value, 40)))
    if places < 0:
        step = 10 ** -places
        return str(int(sp.floor(q / step + sp.Rational(1, 2))) * step)
    scaled = q * 10 ** places
    whole = int(sp.floor(scaled + sp.Rational(1, 2)))
    text = str(abs(whole)).rjust(places + 1, "0")
    sign = "-" if whole < 0 else ""
    return f"{sign}{text[:-places]}.{text[-places:]}" if places else f"{sign}{text}"
