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
from .claims import Outcome, Settings
from .draws import point_strings

__all__ = ["identity", "sign", "family", "all_of", "number", "components", "undecided", "POINTS"]

#: Exact points tried when looking for a witness of a difference or a sign failure.
POINTS = 24

Domain = Callable[[random.Random, Sequence[sp.Symbol]], dict]


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
    v = sp.sympify(expr).subs(point, simultaneous=True)
    if v.is_Rational:
        return v
    low, high = sp.N(v, dps), sp.N(v, 2 * dps)
    if not (low.is_number and high.is_number):
        return None
    return high


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

    `normalize`, if given, is applied to both sides before they are subtracted (for example to
    merge powers of positive symbols); it must not change the value of an expression.
    """
    P, D = components(printed), components(derived)
    if normalize is not None:
        P, D = [normalize(p) for p in P], [normalize(d) for d in D]
    common = dict(printed=printed, derived=derived, printed_latex=printed_latex,
                  derived_latex=derived_latex)
    if len(P) != len(D):
        return Outcome("discrepancy", f"{what} has {len(P)} entries, the derivation {len(D)}.",
                       **common)
    residuals = [p - d for p, d in zip(P, D)]
    if all(_is_zero(r) for r in residuals):
        detail = verified_detail or (f"{_cap(what)} equals the derivation from "
                                     f"the model's primitives identically{_hyp(hypotheses)}.")
        return Outcome("verified", detail, **common)
    if domain is None:
        return Outcome("unverified", f"{what} and the derivation did not simplify to the same "
                       "expression, and no domain was given to look for a witness.", **common)
    free = sorted(set().union(*(sp.sympify(r).free_symbols for r in residuals)), key=str)
    rng = settings.rng()
    for _ in range(POINTS):
        point = domain(rng, free)
        for k, (p, d) in enumerate(zip(P, D)):
            vp, vd = _value(p, point, settings.dps), _value(d, point, settings.dps)
            if _differs(vp, vd, settings.dps):
                entry = f" (entry {k + 1})" if len(P) > 1 else ""
                detail = (f"{_cap(what)}{entry} differs from the derivation"
                          f"{_hyp(hypotheses)}: at the point in `counterexample` it gives "
                          f"{_short(vp)}, the derivation gives {_short(vd)}.")
                witness = {"parameters": point_strings(point, settings.dps),
                           "entry": k + 1, "printed": decimal_string(vp, settings.dps),
                           "derived": decimal_string(vd, settings.dps),
                           "margin": decimal_string(vp - vd, settings.dps)}
                return Outcome("discrepancy", detail, counterexample=witness, **common)
    return Outcome("unverified", f"{what} and the derivation did not simplify to the same "
                   f"expression, yet agree at {POINTS} exact points{_hyp(hypotheses)}.", **common)


def sign(expr, expected: str, *, settings: Settings, substitutions: dict | None = None,
         domain: Domain | None = None, hypotheses: str = "", what: str = "the expression",
         printed=None, printed_latex: str | None = None) -> Outcome:
    """Prove `expr` positive/negative/nonnegative under `hypotheses`.

    `substitutions` encode the hypotheses (e.g. theta^1_1 -> theta^1_2 + d with d > 0) so that
    SymPy's assumption system can decide the sign; failing that, `domain` is searched for a
    point with the wrong sign.
    """
    test = {"positive": lambda e: e.is_positive, "negative": lambda e: e.is_negative,
            "nonnegative": lambda e: e.is_nonnegative}[expected]
    wrong = {"positive": lambda v: v <= 0, "negative": lambda v: v >= 0,
             "nonnegative": lambda v: v < 0}[expected]
    common = dict(printed=printed, derived=expr, printed_latex=printed_latex)
    target = sp.sympify(expr)
    if substitutions:
        target = target.subs(substitutions, simultaneous=True)
    for candidate in (target, sp.factor(target), sp.simplify(target)):
        if test(candidate):
            return Outcome("verified", f"{_cap(what)} is {expected}"
                           f"{_hyp(hypotheses)} (proved symbolically).", **common)
    if domain is not None:
        free = sorted(sp.sympify(expr).free_symbols, key=str)
        rng = settings.rng()
        for _ in range(POINTS):
            point = domain(rng, free)
            v = _value(expr, point, settings.dps)
            if v is not None and wrong(v):
                witness = {"parameters": point_strings(point, settings.dps),
                           "value": decimal_string(v, settings.dps)}
                return Outcome("discrepancy", f"{_cap(what)} is not {expected}"
                               f"{_hyp(hypotheses)}: it equals {_short(v)} at the point in "
                               "`counterexample`.", counterexample=witness, **common)
    return undecided(f"The sign of {what} was not established symbolically"
                     f"{_hyp(hypotheses)}, and no counterexample was found.", **common)


def undecided(detail: str, **kwargs) -> Outcome:
    """An `unverified` outcome with its reason."""
    return Outcome("unverified", detail, **kwargs)


def _short(v) -> str:
    if v is None:
        return "no number"
    v = sp.sympify(v)
    if v.is_Rational:
        return decimal_string(v, 12) if len(decimal_string(v, 12)) < 24 else sp.N(v, 12).__str__()
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
    return result


def number(printed: str, recomputed, *, settings: Settings, what: str = "the printed number",
           scale=1, how: str = "", printed_latex: str | None = None) -> Outcome:
    """A printed number against its recomputation from the model.

    Verified when the recomputed value (times `scale`, e.g. 100 for a percentage) lies within half
    a unit of the printed number's last digit, i.e. rounds to it; the value is computed at
    `settings.dps` and confirmed at twice that. Otherwise a discrepancy giving the value.
    """
    text = printed.strip()
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
