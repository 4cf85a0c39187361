"""Exact inputs, working precision, and agreement between precisions.

Numbers enter as decimal strings, ints, `fractions.Fraction`, SymPy rationals or `mpmath.mpf`;
a Python float is accepted only with a warning, because its binary rounding error would
contaminate every digit past the 16th of a 50-digit computation.
"""
from __future__ import annotations

import math
import numbers
import re
import warnings
from contextlib import contextmanager
from fractions import Fraction
from typing import Callable, Iterator

import mpmath
import sympy as sp

__all__ = [
    "InexactInputWarning", "InvalidParameter", "exact", "shown", "shorten", "check_dps",
    "MAX_DIGITS", "MAX_MAGNITUDE", "MIN_DPS", "MAX_DPS", "to_mpf", "working_precision",
    "agreed_digits", "decimal_string", "confirmed", "fmt",
]


class InexactInputWarning(UserWarning):
    """A Python float was passed where an exact number was expected."""


class InvalidParameter(ValueError):
    """A parameter outside its model's domain; the message names it, its value, the rule.

    Long values are shortened in the message (`shown`), so the message stays one short line.
    """

    def __init__(self, name: str, value, constraint: str):
        self.name, self.value, self.constraint = name, value, constraint
        super().__init__(f"{name}={shown(value)}: {constraint}")

    @classmethod
    def described(cls, name: str, description: str, constraint: str) -> "InvalidParameter":
        """An error whose value is described in words ("name is a list: ..."), not quoted."""
        return _Unshown(name, description, constraint)

    @classmethod
    def unknown_key(cls, key, allowed: str) -> "InvalidParameter":
        """An unknown key of a parameter mapping: named by the key, listing what is allowed."""
        return _Unshown(str(key), "not a parameter", allowed, f"the key {shown(str(key))}")


#: The bounds every number obeys at the input boundary (`exact`). A number has at most
#: MAX_DIGITS digits (mantissa, or numerator and denominator each) and is zero or lies in
#: [10^-MAX_MAGNITUDE, 10^MAX_MAGNITUDE] in absolute value. The models' parameters are a few
#: digits long and of moderate size; these bounds keep every solver's arithmetic bounded.
MAX_DIGITS = 200
MAX_MAGNITUDE = 100
#: Working precision, in significant decimal digits, that solvers and checks accept.
MIN_DPS, MAX_DPS = 15, 200
_SHOWN = 40

_DECIMAL = re.compile(r"([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?", re.ASCII)
_FRACTION = re.compile(r"([+-]?\d+)/(\d+)", re.ASCII)
_NUMBER_RULE = "must be a decimal string (such as '0.25' or '-3e-2') or a fraction p/q of integers (such as '3/2')"


class _Unshown(InvalidParameter):
    """An InvalidParameter whose value is a description (e.g. "a list"), shown as is."""

    def __init__(self, name: str, description: str, constraint: str, subject: str | None = None):
        ValueError.__init__(self, f"{subject or name} is {description}: {constraint}")
        self.name, self.value, self.constraint = name, description, constraint


def shown(value) -> str:
    """`value` as it appears in an error message: repr for text, shortened when long."""
    return shorten(repr(value) if isinstance(value, (str, bytes)) else str(value))


def shorten(text: str) -> str:
    """`text` cut to about 40 characters, saying how long it was."""
    return f"{text[:_SHOWN - 12]}... ({len(text)} characters)" if len(text) > _SHOWN else text


def _bounded(q: sp.Rational, name: str, original) -> sp.Rational:
    if q != 0:
        low, high = sp.Rational(1, 10 ** MAX_MAGNITUDE), sp.Integer(10) ** MAX_MAGNITUDE
        if not low <= abs(q) <= high:
            raise InvalidParameter(name, original, f"|{name}| must lie in [1e-{MAX_MAGNITUDE}, "
                                   f"1e{MAX_MAGNITUDE}] or be 0 (the input bounds of numeric.precision)")
    return q


def _digits_ok(count: int, name: str, original) -> None:
    if count > MAX_DIGITS:
        raise InvalidParameter(name, original, f"has {count} digits; at most {MAX_DIGITS} are accepted")


def _parse_text(text: str, name: str, original) -> sp.Rational:
    """The exact value of a decimal string or a fraction p/q (ASCII digits only)."""
    text = text.strip()
    m = _FRACTION.fullmatch(text)
    if m:
        num, den = m.groups()
        _digits_ok(len(num.lstrip("+-")), name, original)
        _digits_ok(len(den), name, original)
        if int(den) == 0:
            raise InvalidParameter(name, original, "a fraction p/q needs q != 0")
        return _bounded(sp.Rational(int(num), int(den)), name, original)
    m = _DECIMAL.fullmatch(text)
    if not m or not (m.group(2) or m.group(3)):
        raise InvalidParameter(name, original, _NUMBER_RULE)
    sign, whole, frac, exponent = m.group(1), m.group(2), m.group(3) or "", m.group(4)
    digits = (whole + frac).lstrip("0") or "0"
    _digits_ok(len(whole + frac), name, original)
    power = 0
    if exponent is not None:
        if len(exponent.lstrip("+-")) > 6:
            raise InvalidParameter(name, original, f"its exponent is out of range: |{name}| must lie in "
                                   f"[1e-{MAX_MAGNITUDE}, 1e{MAX_MAGNITUDE}] or be 0")
        power = int(exponent)
    mantissa = int(digits)
    if mantissa == 0:
        return sp.Integer(0)
    order = len(digits) - 1 - len(frac) + power  # floor(log10 |value|)
    if abs(order) > MAX_MAGNITUDE + 1:
        raise InvalidParameter(name, original, f"|{name}| must lie in [1e-{MAX_MAGNITUDE}, "
                               f"1e{MAX_MAGNITUDE}] or be 0 (the input bounds of numeric.precision)")
    value = sp.Rational(mantissa) * sp.Rational(10) ** (power - len(frac))
    return _bounded(-value if sign == "-" else value, name, original)


def exact(value, name: str = "value") -> sp.Rational:
    """`value` as an exact SymPy Rational: the one parser every number passes at the boundary.

    Accepted: decimal strings ('0.25', '-3e-2', ASCII digits, optional surrounding white space),
    fractions 'p/q' of integers, ints, `fractions.Fraction`, SymPy rationals, finite
    `mpmath.mpf`, and a finite Python float with an InexactInputWarning. Every number has at
    most MAX_DIGITS digits and is 0 or of magnitude in [1e-MAX_MAGNITUDE, 1e+MAX_MAGNITUDE].
    Anything else raises InvalidParameter naming `name`, the (shortened) value and the rule.
    """
    if isinstance(value, bool):
        raise InvalidParameter(name, value, "must be a number, not a boolean")
    if isinstance(value, str):
        return _parse_text(value, name, value)
    if isinstance(value, sp.Rational):
        _digits_ok(max(len(str(abs(value.p))), len(str(value.q))), name, shown(value))
        return _bounded(value, name, value)
    if isinstance(value, numbers.Integral):
        value = int(value)
        if value.bit_length() > 3.33 * MAX_DIGITS:  # cheap: no decimal conversion of a huge int
            raise _Unshown(name, f"an integer of about {int(value.bit_length() / 3.3219)} digits",
                           f"at most {MAX_DIGITS} digits are accepted")
        _digits_ok(len(str(abs(value))), name, value)
        return _bounded(sp.Integer(value), name, value)
    if isinstance(value, Fraction):
        for part in (value.numerator, value.denominator):
            if part.bit_length() > 3.33 * MAX_DIGITS or len(str(abs(part))) > MAX_DIGITS:
                raise _Unshown(name, "a fraction with a long numerator or denominator",
                               f"each has at most {MAX_DIGITS} digits")
        return _bounded(sp.Rational(value.numerator, value.denominator), name, value)
    if isinstance(value, mpmath.mpf):
        if not mpmath.isfinite(value):
            raise InvalidParameter(name, value, "must be a finite number (not nan or inf)")
        man, exp = value.man_exp
        if value == 0:
            return sp.Integer(0)
        if abs(exp) > 4 * MAX_MAGNITUDE + 4 * MAX_DIGITS:
            raise InvalidParameter(name, mpmath.nstr(value, 8), f"|{name}| must lie in [1e-{MAX_MAGNITUDE}, "
                                   f"1e{MAX_MAGNITUDE}] or be 0")
        # int(): with gmpy2 installed, mpmath's mantissa is a gmpy2.mpz, which sp.Rational refuses
        return _bounded(sp.Rational(int(man)) * sp.Rational(2) ** int(exp), name, mpmath.nstr(value, 8))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidParameter(name, value, "must be a finite number (not nan or inf)")
        warnings.warn(f"{name}={value!r} is a Python float and is not exact; pass a decimal "
                      f"string such as '{value!r}' instead", InexactInputWarning, stacklevel=2)
        return _bounded(sp.Rational(Fraction(value)), name, value)
    if value is None:
        raise _Unshown(name, "missing (None)", _NUMBER_RULE)
    raise _Unshown(name, f"a {type(value).__name__}", f"{_NUMBER_RULE}, not a {type(value).__name__}")


def to_mpf(value, name: str = "value") -> mpmath.mpf:
    """`value` as an mpmath number at the working precision, via `exact` (a SymPy rational,
    already exact and typically computed inside the package, converts without the input bounds)."""
    q = value if isinstance(value, sp.Rational) else exact(value, name)
    return mpmath.mpf(q.p) / q.q


def check_dps(dps, high: int = MAX_DPS, name: str = "dps") -> int:
    """`dps` if it is an integer in [MIN_DPS, high], else InvalidParameter naming it.

    Users may ask for up to MAX_DPS digits; internal confirmation runs at a multiple of that.
    """
    if isinstance(dps, bool) or not isinstance(dps, numbers.Integral) or not MIN_DPS <= dps <= high:
        raise InvalidParameter(name, dps, f"must be an integer from {MIN_DPS} to {high}")
    return int(dps)


@contextmanager
def working_precision(dps: int) -> Iterator[None]:
    """Run the block at `dps` significant digits (mpmath), restoring the old precision."""
    with mpmath.workdps(check_dps(dps, high=4 * MAX_DPS)):
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
    if isinstance(value, (str, bytes)):
        raise TypeError(f"decimal_string: expected a number or a SymPy expression, got text {value[:40]!r} "
                        "(text is never passed to sympify; use exact() to read a number)")
    value = sp.sympify(value, strict=True)
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
