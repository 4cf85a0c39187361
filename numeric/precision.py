"""Exact inputs, working precision, and agreement between precisions.

Numbers enter as decimal strings, ints, `fractions.Fraction`, SymPy rationals or `mpmath.mpf`;
a Python float is accepted only with a warning, because its binary rounding error would
contaminate every digit past the 16th of a 50-digit computation.
"""
from __future__ import annotations

import warnings
from contextlib import contextmanager
from fractions import Fraction
from typing import Callable, Iterator

import mpmath
import sympy as sp

__all__ = [
    "InexactInputWarning", "InvalidParameter", "exact", "to_mpf", "working_precision",
    "agreed_digits", "decimal_string", "confirmed", "fmt",
]


class InexactInputWarning(UserWarning):
    """A Python float was passed where an exact number was expected."""


class InvalidParameter(ValueError):
    """A parameter outside its model's domain; the message names it, its value, the rule."""

    def __init__(self, name: str, value, constraint: str):
        self.name, self.value, self.constraint = name, value, constraint
        super().__init__(f"{name}={value}: {constraint}")


def exact(value, name: str = "value") -> sp.Rational:
    """`value` as an exact SymPy Rational (a float only with an InexactInputWarning)."""
    if isinstance(value, bool):
        raise InvalidParameter(name, value, "must be a number, not a boolean")
    if isinstance(value, (sp.Rational, int)):
        return sp.Rational(value)
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    if isinstance(value, str):
        text = value.strip()
        try:
            result = sp.Rational(text)
        except (TypeError, ValueError, SyntaxError):
            raise InvalidParameter(name, repr(value),
                                   "must be a decimal string or a fraction such as '3/2'") from None
        return result
    if isinstance(value, mpmath.mpf):
        man, exp = value.man_exp
        return sp.Rational(man) * sp.Rational(2) ** exp
    if isinstance(value, float):
        warnings.warn(f"{name}={value!r} is a Python float and is not exact; pass a decimal "
                      f"string such as '{value!r}' instead", InexactInputWarning, stacklevel=2)
        return sp.Rational(Fraction(value))
    raise InvalidParameter(name, repr(value), f"unsupported type {type(value).__name__}")


def to_mpf(value, name: str = "value") -> mpmath.mpf:
    """`value` as an mpmath number at the working precision, via `exact`."""
    q = exact(value, name)
    return mpmath.mpf(q.p) / q.q


@contextmanager
def working_precision(dps: int) -> Iterator[None]:
    """Run the block at `dps` significant digits (mpmath), restoring the old precision."""
    if not isinstance(dps, int) or dps < 15:
        raise InvalidParameter("dps", dps, "must be an integer >= 15")
    with mpmath.workdps(dps):
        yield


def agreed_digits(a, b) -> int:
    """Significant decimal digits on which a and b agree (relative to the larger)."""
    a, b = mpmath.mpf(a), mpmath.mpf(b)
    scale = max(abs(a), abs(b))
    if scale == 0:
        return mpmath.mp.dps
    diff = abs(a - b)
    if diff == 0:
        return mpmath.mp.dps
    return max(0, int(mpmath.floor(-mpmath.log10(diff / scale))))


def decimal_string(value, dps: int = 50) -> str:
    """An exact decimal string for a terminating rational, else `dps` significant digits.

    Non-terminating rationals are written as "p/q" so that nothing is lost.
    """
    value = sp.sympify(value)
    if isinstance(value, sp.Integer):
        return str(value)
    if isinstance(value, sp.Rational):
        q = value.q
        twos = fives = 0
        while q % 2 == 0:
            q //= 2
            twos += 1
        while q % 5 == 0:
            q //= 5
            fives += 1
        if q == 1:
            places = max(twos, fives)
            digits = abs(value.p) * 10 ** places // value.q
            sign = "-" if value < 0 else ""
            whole, frac = divmod(digits, 10 ** places)
            return f"{sign}{whole}.{frac:0{places}d}".rstrip("0").rstrip(".")
        return f"{value.p}/{value.q}"
    return sp.N(value, dps).__str__()


def confirmed(compute: Callable[[], object], dps: int, factor: int = 2
              ) -> tuple[object, object, int]:
    """Run `compute` at dps and at factor*dps; return both results and their agreed digits."""
    with working_precision(dps):
        low = compute()
    with working_precision(dps * factor):
        high = compute()
    with working_precision(dps * factor):
        digits = agreed_digits(low, high)
    return low, high, digits


def fmt(x, dps: int) -> str | None:
    """A solver result as a decimal string of `dps` significant digits for reports and JSON.

    None stays None and an unbounded quantity is "inf"; integers are written without mpmath's
    trailing ".0" ("280000000", as a user writes it).
    """
    if x is None:
        return None
    if x == mpmath.inf:
        return "inf"
    text = mpmath.nstr(x, dps, min_fixed=-5, max_fixed=dps)
    return text[:-2] if text.endswith(".0") else text
