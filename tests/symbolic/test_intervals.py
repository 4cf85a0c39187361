"""Interval enclosures (symbolic.intervals) against hand-computed ranges and exact SymPy values."""
import itertools

import flint
import pytest
import sympy as sp
from flint import arb, fmpq
from hypothesis import given, strategies as st

from symbolic.intervals import Unsupported, interval_function, point, span

x, y = sp.symbols("x y", real=True)


def _q(v: sp.Rational) -> fmpq:
    return fmpq(int(v.p), int(v.q))


def _outside(value, low: sp.Rational, high: sp.Rational) -> bool:
    """The interval [low, high] (which holds the exact value) misses the enclosure (lo, hi):
    compared exactly, endpoint against rational."""
    lo, hi = value
    return bool(hi < _q(low)) or bool(lo > _q(high))


def test_product_of_wide_positive_intervals_keeps_its_sign():
    # By hand: [1, 3] * [1, 3] = [1, 9]. Arb's ball for it, [2 +/- 1]^2 = [4 +/- 5], straddles 0.
    lo, hi = interval_function(x * y, [x, y])(span(1, 3), span(1, 3))
    assert lo == 1 and hi == 9
    ball = arb.union(arb(1), arb(3))
    assert not ball * ball > 0     # the reason the module exists


def test_hand_ranges():
    f = interval_function(x ** 2, [x])
    assert f(span(-1, 2)) == (0, 4)                       # an even power of an interval containing 0
    assert f(span(-3, -2)) == (4, 9)
    assert interval_function(x ** 3, [x])(span(-2, 1)) == (-8, 1)
    lo, hi = interval_function(sp.sqrt(x), [x])(span(fmpq(1, 4), 4))
    assert lo == fmpq(1, 2) and hi == 2
    lo, hi = interval_function(1 / x, [x])(span(2, 4))
    assert lo == fmpq(1, 4) and hi == fmpq(1, 2)
    lo, hi = interval_function(x - y, [x, y])(span(0, 1), span(0, 1))
    assert lo == -1 and hi == 1                            # the dependency of x - y is not seen
    lo, hi = interval_function(x ** sp.Rational(1, 3), [x])(span(fmpq(1, 8), 8))
    # Arb's ball of 1/3 is not exact, so the ends are a rounding wider than 1/2 and 2 (53 bits here)
    assert lo <= fmpq(1, 2) and hi >= 2 and hi - lo < fmpq(3, 2) + fmpq(1, 10 ** 12)


def test_undefined_enclosures_are_none():
    assert interval_function(1 / x, [x])(span(-1, 1)) is None
    assert interval_function(sp.log(x), [x])(span(0, 1)) is None
    assert interval_function(sp.sqrt(x), [x])(span(-1, 1)) is None
    assert interval_function(x ** y, [x, y])(span(-1, 2), span(1, 2)) is None
    assert interval_function(sp.exp(1 / x), [x])(span(-1, 1)) is None


def test_unsupported_nodes_raise():
    with pytest.raises(Unsupported):
        interval_function(sp.Abs(x) + sp.sin(x), [x])
    with pytest.raises(Unsupported):
        interval_function(x + sp.Float("0.1"), [x])
    with pytest.raises(ValueError, match="also depends on"):
        interval_function(x + y, [x])


EXPRESSIONS = [
    (x ** 2 - 2 * x * y + sp.Rational(1, 3), [x, y]),
    ((x + 2) ** sp.Rational(5, 2) / (y ** 2 + 1) - x, [x, y]),
    (sp.exp(x - y) * sp.log(x + 3) - sp.Rational(7, 5), [x, y]),
    ((x + 3) ** (y + 1) - sp.pi * x, [x, y]),
]


@pytest.mark.parametrize("expr,args", EXPRESSIONS, ids=[str(e) for e, _ in EXPRESSIONS])
@given(data=st.data())
def test_enclosure_contains_exact_values_at_exact_points(expr, args, data):
    """At exact rational points inside a box, SymPy's exact value (evaluated independently, at
    60 digits and bracketed) lies inside the enclosure of the box."""
    fraction = st.fractions(min_value=-2, max_value=2, max_denominator=64)
    box = []
    for _ in args:
        a, b = sorted((data.draw(fraction), data.draw(fraction)))
        box.append((a, b if b > a else a + 1))
    f = interval_function(expr, args)
    value = f(*[span(fmpq(a.numerator, a.denominator), fmpq(b.numerator, b.denominator)) for a, b in box])
    assert value is not None
    lo, hi = value
    for corner in itertools.product(*[(a, (a + b) / 2, b) for a, b in box]):
        exact = expr.subs({s: sp.Rational(c.numerator, c.denominator) for s, c in zip(args, corner)})
        v = sp.Rational(str(sp.N(exact, 60)))   # within slack of the exact value
        slack = abs(v) * sp.Rational(1, 10 ** 55) + sp.Rational(1, 10 ** 55)
        assert not _outside((lo, hi), v - slack, v + slack), (corner, v, value)


def test_point_is_the_exact_value_for_a_rational_function():
    lo, hi = interval_function((x - sp.Rational(1, 2)) * (x + 1), [x])(point(fmpq(1, 2)))
    assert lo == 0 and hi == 0


def test_precision_is_the_callers():
    saved = flint.ctx.prec
    try:
        flint.ctx.prec = 200
        lo, hi = interval_function(x / 3, [x])(span(1, 1))
        assert hi - lo < fmpq(1, 10 ** 55)
    finally:
        flint.ctx.prec = saved
