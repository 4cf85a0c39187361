"""numeric.closed_form: exact draws into Arb balls and float64 columns, signs decided by balls.

Expected signs come from hand derivations: by Lemma 1, pmb - pab at n = y n_p(a) equals
gamma (1-delta)(1+rho gamma) n_p^gamma (y^eps - y^gamma), whose sign is that of 1 - y when
gamma > eps and Phi > 0 (derived by hand from (2) and (3); the claim abrs2017:Lemma1 proves it
symbolically), and it vanishes identically at y = 1.
"""
import fractions
import random

import flint
import numpy as np
import pytest
import sympy as sp

from numeric.closed_form import arb_ball, closed_form, exact_pair, float_column, float_columns
from symbolic import cities as sc
from symbolic.cities._core import a, delta, epsilon, gamma, n, rho, tau

R = sp.Rational
y = sp.Symbol("y", positive=True)
ARGS = [a, epsilon, gamma, tau, rho, delta, y]


def _margin():
    return (sc.private_marginal_benefit() - sc.private_average_benefit()).subs(n, y * sc.private_efficient_scale())


def _draws(count, seed=3, y_value=None):
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        e = R(rng.randint(1, 99), 1000)
        yv = y_value if y_value is not None else R(rng.choice([rng.randint(1, 999), rng.randint(1001, 3000)]), 1000)
        out.append([R(rng.randint(100, 5000), 1000), e, e + R(rng.randint(1, 200), 1000),
                    R(rng.randint(0, 300), 1000), R(rng.randint(0, 300), 1000), R(rng.randint(0, 300), 1000), yv])
    return out


def test_signs_are_those_of_one_minus_y():
    draws = _draws(200)
    signs = closed_form(_margin(), ARGS, "Lemma 1").signs(draws, 50)
    assert signs == [1 if row[-1] < 1 else -1 for row in draws]


def test_the_residual_at_y_equal_one_stays_undecided():
    """Identically zero at y = 1: the ball contains 0 at 50 and 100 digits without being exact."""
    draws = _draws(5, y_value=R(1))
    assert closed_form(_margin(), ARGS).signs(draws, 50) == [None] * 5


def test_an_exact_zero_is_zero_and_signs_restore_the_precision():
    x, z = sp.symbols("x z")
    cf = closed_form(x - 2 * z, [x, z])
    flint.ctx.dps = 30
    before = flint.ctx.prec
    assert cf.signs([[R(1), R(1, 2)], [R(3, 4), R(1, 4)], ["0.1", "0.2"]], 50) == [0, 1, -1]
    assert flint.ctx.prec == before


def test_balls_contain_the_exact_value_at_each_precision():
    x = sp.Symbol("x")
    cf = closed_form(x / 3 + R(2, 7), [x])
    for dps in (50, 100):
        (ball,) = cf.balls([["0.7"]], dps)
        flint.ctx.dps = 2 * dps
        assert ball.contains(flint.arb(7) / 30 + flint.arb(2) / 7)
        assert ball.rad() < flint.arb(10) ** (2 - dps)


def test_the_float_screen_agrees_with_the_balls():
    draws = _draws(300)
    cf = closed_form(_margin(), ARGS)
    screen = cf.floats(float_columns(draws))
    mids = np.array([float(b.mid()) for b in cf.balls(draws, 50)])
    assert screen.shape == (300,)
    # gamma - eps = 1/1000 puts n_p = B^1000 out of float range: the screen is NaN there (and the
    # numeric check sends such draws to the balls); elsewhere it agrees with the balls' midpoints
    finite = np.isfinite(screen)
    assert finite.sum() >= 250
    assert np.allclose(screen[finite], mids[finite], rtol=1e-9, atol=0)
    assert np.array_equal(np.sign(screen[finite]), np.sign(mids[finite]))


def test_a_constant_expression_screens_to_a_full_column():
    x = sp.Symbol("x")
    cf = closed_form(sp.Integer(3) + 0 * x, [x])
    assert cf.floats([np.array([1.0, 2.0])]).tolist() == [3.0, 3.0]


def test_generated_once_per_expression():
    assert closed_form(_margin(), ARGS) is closed_form(_margin(), ARGS)


def test_only_scalar_expressions():
    x = sp.Symbol("x")
    with pytest.raises(TypeError, match="scalar"):
        closed_form(sp.Tuple(x, x), [x])


@pytest.mark.parametrize("value, pair", [(7, (7, 1)), (R(-3, 4), (-3, 4)), (fractions.Fraction(6, 8), (3, 4)),
                                         ("0.125", (1, 8)), (" -2.5 ", (-5, 2)), ("1/3", (1, 3))])
def test_exact_pairs(value, pair):
    assert exact_pair(value) == pair


@pytest.mark.parametrize("bad", [0.1, True, None, 1j])
def test_floats_and_other_inexact_values_are_refused(bad):
    with pytest.raises(TypeError, match="value="):
        exact_pair(bad)


def test_float_columns_hold_the_nearest_doubles():
    assert float_column([R(1, 3), R(1, 10)]).tolist() == [0.3333333333333333, 0.1]
    assert float_column(["0.1", fractions.Fraction(1, 3), 2]).tolist() == [0.1, 0.3333333333333333, 2.0]
    # 2^60 + 1 over 1: int/int division rounds once (to 2^60), as the nearest double must
    assert float_column([R(2 ** 60 + 1)]).tolist() == [float(2 ** 60)]
    with pytest.raises(TypeError):
        float_column([R(1, 2), 0.5])


def test_arb_ball_of_a_decimal_string_contains_it():
    flint.ctx.dps = 50
    ball = arb_ball("0.1")
    assert not ball.is_exact() and ball.contains(flint.fmpq(1, 10))
    assert arb_ball(R(3, 8)).is_exact()
