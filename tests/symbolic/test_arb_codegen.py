"""Generated Arb code (symbolic.arb_codegen) against hand-derived values and 100-digit mpmath.

The reference values come from other routes: hand derivations at points where the closed form is
a rational (Lemma 1's scale n_i(a) = (eps a / gamma)^(1/(gamma-eps)) is then an integer), and
the mpmath lambda (`lambdify`'s printed source, a different code path) at 100 digits; every
ball at 50 digits must contain the 100-digit value.
"""
import inspect
import re

import flint
import mpmath
import pytest
import sympy as sp
from hypothesis import example, given, strategies as st

from symbolic import cities as sc
from symbolic import clusters as hs
from symbolic.arb_codegen import Unsupported, arb_function, arb_source
from symbolic.cities._core import a, delta, epsilon, gamma, n, rho, tau
from symbolic.cluster_families import row_template
from symbolic.lambdas import numeric_lambda

R = sp.Rational
x, y = sp.symbols("x y", positive=True)
PRIMITIVES = [a, epsilon, gamma, tau, rho, delta]


def _ball(value, dps=50):
    flint.ctx.dps = dps
    value = R(value)
    return flint.arb(value.p) / value.q


def _contains(ball, reference: mpmath.mpf) -> bool:
    """The 50-digit ball contains the 100-digit value (up to the reference's own 1e-95)."""
    old = flint.ctx.prec
    flint.ctx.dps = 130
    try:
        r = flint.arb(mpmath.nstr(reference, 110, strip_zeros=False)) if reference else flint.arb(0)
        return bool(abs(ball.mid() - r) <= ball.rad() + abs(r) * flint.arb(10) ** -95 + flint.arb(10) ** -120)
    finally:
        flint.ctx.prec = old


def _exact_in(ball, q) -> bool:
    """The ball contains the rational q (q as a 200-digit ball, far inside a 50-digit radius)."""
    q = R(q)
    old = flint.ctx.prec
    flint.ctx.dps = 200
    try:
        return bool(ball.contains(flint.arb(int(q.p)) / int(q.q)))
    finally:
        flint.ctx.prec = old


def _social_margin():
    """smb - sab at n = x n_i(a), from the derivations (eq. (1), Section 2.3, (3))."""
    return (sc.social_marginal_benefit() - sc.social_average_benefit()).subs(n, x * sc.social_efficient_scale())


def _private_margin():
    """pmb - pab at n = y n_p(a), from the derivations (eq. (2), Lemma 1, (3))."""
    return (sc.private_marginal_benefit() - sc.private_average_benefit()).subs(n, y * sc.private_efficient_scale())


# --- hand-derived values ---------------------------------------------------------------------

# By hand: smb - sab = eps a n^eps - gamma n^gamma, and at n = x n_i with eps a n_i^eps = gamma n_i^gamma
# it is gamma n_i^gamma (x^eps - x^gamma).
#   eps = 1/2, gamma = 1, a = 2: n_i = ((1/2) 2 / 1)^2 = 1; at x = 4: 1 (4^(1/2) - 4) = -2.
#   eps = 1/3, gamma = 2/3, a = 8: n_i = ((1/3) 8 / (2/3))^3 = 64; at x = 8: (2/3) 16 (2 - 4) = -64/3.
@pytest.mark.parametrize("point, value", [((2, R(1, 2), 1, 4), -2), ((8, R(1, 3), R(2, 3), 8), R(-64, 3)),
                                          ((8, R(1, 3), R(2, 3), 1), 0)])
def test_lemma1_margin_at_hand_derived_points(point, value):
    f = arb_function(_social_margin(), [a, epsilon, gamma, x])
    ball = f(*[_ball(v) for v in point])
    assert _exact_in(ball, value)
    assert ball.rad() < flint.arb(10) ** -45 * (1 + abs(R(value)))


# By hand: pab(n, a) = (1 - tau) a n^eps - (1 - delta)(1 + rho gamma) n^gamma (eq. (2), land value gamma n^gamma).
#   n = 4, a = 3, eps = 1/2, gamma = 1, tau = 1/4, rho = 1/2, delta = 1/5:
#   (3/4) 3 2 - (4/5)(3/2) 4 = 9/2 - 24/5 = -3/10.
def test_private_average_benefit_at_a_hand_derived_point():
    f = arb_function(sc.private_average_benefit(), [n, *PRIMITIVES])
    ball = f(*[_ball(v) for v in (4, 3, R(1, 2), 1, R(1, 4), R(1, 2), R(1, 5))])
    assert _exact_in(ball, R(-3, 10)) and ball < 0


# By hand: (A.1) power-cross g = sum_s w_s n_s^rho + gamma prod_s n_s^(sigma/I); at n = (0, 1, 1) the
# product vanishes and g = w_2 + w_3 (0^rho = 0): the shared-log route meets log(0) and must fall
# back to Arb's own power rather than return NaN.
def test_real_power_of_an_exact_zero_falls_back_to_arb_pow():
    T = row_template("power-cross", 3)
    args = [*T.n, *T.row, *T.common]
    f = arb_function(T.g, args)
    values = {**dict(zip(T.n, (0, 1, 1))), **dict(zip(T.row, (R(1, 2), R(3, 4), R(5, 4))))}
    values.update({s: v for s, v in zip(T.common, (R(1, 2), R(1, 3), R(2, 5)))})
    ball = f(*[_ball(values[s]) for s in args])
    assert ball.is_finite() and _exact_in(ball, R(3, 4) + R(5, 4))


def test_a_real_power_of_a_negative_number_is_not_a_finite_ball():
    f = arb_function(x ** y + y, [x, y])  # x < 0: no real value (mpmath would return a complex)
    assert not f(_ball(-2), _ball(R(1, 3))).is_finite()
    assert _exact_in(f(_ball(8), _ball(R(1, 3))), 2 + R(1, 3))


def test_integer_powers_of_negative_numbers_are_exact_products():
    f = arb_function(x ** 4 - 3 * x ** 3 + x ** 2 / 7 - x ** -2, [x])
    ball = f(_ball(-2))  # 16 + 24 + 4/7 - 1/4
    assert _exact_in(ball, 16 + 24 + R(4, 7) - R(1, 4))


def test_a_rational_constant_is_rebuilt_at_a_higher_precision():
    f = arb_function(x / 3 + R(2, 7), [x])
    assert f(_ball(1, 50)).rad() < flint.arb(10) ** -48
    fine = f(_ball(1, 100))  # the 50-digit constants must not be reused
    assert fine.rad() < flint.arb(10) ** -98 and _exact_in(fine, R(1, 3) + R(2, 7))


# --- balls contain the 100-digit mpmath value ------------------------------------------------

def _cities_point(draw):
    e = draw(st.integers(1, 199))
    g = e + draw(st.integers(1, 400))
    return [R(draw(st.integers(1, 5000)), 1000), R(e, 1000), R(g, 1000), R(draw(st.integers(0, 400)), 1000),
            R(draw(st.integers(0, 600)), 1000), R(draw(st.integers(0, 400)), 1000)]


@st.composite
def cities_points(draw):
    return _cities_point(draw) + [R(draw(st.integers(1, 4000)), 1000)]


CITY_FORMS = {
    "pmb - pab at y n_p(a)": (_private_margin(), [*PRIMITIVES, y]),
    "pab_p(a) (4)": (sc.private_benefit_at_private_scale(), PRIMITIVES),
    "pab(n, a) (2)": (sc.private_average_benefit().subs(n, y), [*PRIMITIVES, y]),
    "Phi (3)": (sc.fiscal_bundle(), PRIMITIVES),
}


@given(cities_points())
@example([R(3, 2), R(1, 20), R(1, 10), R(0), R(0), R(0), R(1)])  # a residual that is exactly 0
def test_city_forms_contain_the_100_digit_value(point):
    for label, (expr, args) in CITY_FORMS.items():
        values = point[:len(args) - 1] + [point[-1]] if args[-1] is y else point[:len(args)]
        ball = arb_function(expr, args)(*[_ball(v) for v in values])
        with mpmath.workdps(100):
            ref = numeric_lambda(expr, args, "mpmath")(*[mpmath.mpf(v.p) / v.q for v in values])
        assert ball.is_finite() and _contains(ball, ref), label
        assert ball.rad() <= flint.arb(10) ** -40 * (abs(ball.mid()) + 1), label


@given(st.sampled_from(["A.1", "quadratic", "cobb-douglas", "power-cross"]),
       st.lists(st.integers(1, 400), min_size=12, max_size=12))
def test_cluster_family_value_gradient_and_hessian_contain_the_100_digit_values(family, ints):
    T = row_template(family, 3)
    grad = [sp.diff(T.g, v) for v in T.n]
    expr = sp.Tuple(T.g, sp.Tuple(*grad), sp.Tuple(*[sp.Tuple(*[sp.diff(g, v) for v in T.n]) for g in grad]))
    args = [*T.n, *T.row, *T.common]
    values = [R(k, 100) for k in ints][:len(args)]
    values += [R(1, 2)] * (len(args) - len(values))
    out = arb_function(expr, args)(*[_ball(v) for v in values])
    with mpmath.workdps(100):
        ref = numeric_lambda(expr, args, "mpmath")(*[mpmath.mpf(v.p) / v.q for v in values])
    assert len(out) == 3 and len(out[1]) == 3 and all(len(row) == 3 for row in out[2])
    assert _contains(out[0], ref[0])
    assert all(_contains(b, r) for b, r in zip(out[1], ref[1]))
    assert all(_contains(b, r) for rb, rr in zip(out[2], ref[2]) for b, r in zip(rb, rr))


def test_hs2012_closed_forms_at_exact_points_agree_with_exact_sympy():
    m = hs.example_model(2)
    forms = [*hs.type_optimal_cluster(m, 1), *hs.type_optimal_cluster(m, 2), *hs.contract_curve(m)]
    args = sorted(set().union(*[f.free_symbols for f in forms]), key=str)
    point = dict(zip(args, [R(k + 2, k + 5) for k in range(len(args))]))
    point[hs.beta] = point[hs.gamma] + 2
    for expr in forms:
        exact = expr.subs(point)
        assert exact.is_Rational
        ball = arb_function(expr, args)(*[_ball(point[s]) for s in args])
        assert _exact_in(ball, exact), expr


# --- the generated source ----------------------------------------------------------------------

def test_lemma1_residual_source_takes_one_log_and_no_real_power():
    """pmb - pab at n_p(a) = B^(1/(gamma-eps)): n_p^eps and n_p^gamma share log B (one log, two exps)."""
    residual = (sc.private_marginal_benefit() - sc.private_average_benefit()).subs(n, sc.private_efficient_scale())
    source, constants = arb_source(residual, PRIMITIVES)
    assert source.count(".log()") == 1 and source.count(".exp()") == 2, source
    assert "**" not in source, source  # gamma*gamma, not gamma**2; exps, not arb_pow
    assert not re.search(r"\d\.\d|float", source), source
    assert all(key[0] == "q" for key in constants.values())
    plain, _ = arb_source(residual, PRIMITIVES, share_logs=False)
    assert ".log()" not in plain and "**" in plain  # the fallback uses Arb's own power


def test_residual_is_a_ball_around_zero_at_both_precisions():
    residual = (sc.private_marginal_benefit() - sc.private_average_benefit()).subs(n, sc.private_efficient_scale())
    f = numeric_lambda(residual, PRIMITIVES, "arb", "Lemma 1")
    point = [R(17, 10), R(3, 100), R(7, 100), R(1, 10), R(1, 5), R(1, 20)]
    for dps in (50, 100):
        ball = f(*[_ball(v, dps) for v in point])
        assert ball.contains(0) and ball.rad() < flint.arb(10) ** (5 - dps)


def test_structure_and_argument_names():
    theta = hs.theta(1, 1)
    f = arb_function(sp.Tuple(theta + x, sp.Tuple(theta * x)), [theta, x])
    out = f(_ball(2), _ball(3))
    assert isinstance(out, tuple) and isinstance(out[1], tuple) and len(out[1]) == 1
    assert _exact_in(out[0], 5) and _exact_in(out[1][0], 6)
    assert list(inspect.signature(f).parameters) == ["_arg0", "x"]  # theta^1_1 is not an identifier


def test_unsupported_nodes_raise_and_numeric_lambda_falls_back():
    expr = sp.Piecewise((x, x > 1), (2 * x, True))
    with pytest.raises(Unsupported):
        arb_source(expr, [x])
    f = numeric_lambda(expr, [x], "arb")
    assert _exact_in(f(_ball(3)), 3) and _exact_in(f(_ball(R(1, 2))), 1)


def test_missing_symbol_is_refused():
    with pytest.raises(Unsupported, match="y"):
        arb_source(x + y, [x])
