"""Numeric lambdas against exact SymPy evaluation of (A.18)-(A.21) at 50 digits."""
import inspect
import re

import flint
import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, strategies as st

from proofs_check.draws import hs2012_strategy
from symbolic import clusters as hs
from symbolic.clusters import alpha, beta, gamma, lam, t, theta
from symbolic.lambdas import numeric_lambda

ARGS = [alpha, beta, gamma, t, theta(1, 1), theta(1, 2), theta(2, 1), theta(2, 2), lam]


def _closed_forms():
    m = hs.example_model(2)
    return {"(A.18)": hs.type_optimal_cluster(m, 1), "(A.19)": hs.type_optimal_cluster(m, 2),
            "(A.20)-(A.21)": hs.contract_curve(m)}


FORMS = _closed_forms()


def _digits_agree(value, exact, digits):
    exact = sp.N(exact, 80)
    err = abs(sp.Float(str(value), 80) - exact)
    return err <= abs(exact) * sp.Float(10) ** (-digits)


@given(hs2012_strategy(2), st.integers(1, 99))
def test_mpmath_and_arb_lambdas_agree_with_exact_sympy_to_45_digits(params, percent):
    point = {sp.Symbol(k, positive=True): v for k, v in params.items()}
    point[lam] = sp.Rational(percent, 100)
    values = [point[a] for a in ARGS]
    for label, exprs in FORMS.items():
        for expr in exprs:
            exact = expr.subs(point)
            assert exact.is_Rational  # exact SymPy evaluation, the reference
            with mpmath.workdps(50):
                f = numeric_lambda(expr, ARGS, "mpmath", label)
                got = f(*[mpmath.mpf(v.p) / v.q for v in values])
                assert _digits_agree(mpmath.nstr(got, 50), exact, 45), label
            flint.ctx.dps = 50
            g = numeric_lambda(expr, ARGS, "arb", label)
            ball = g(*[flint.arb(v.p) / v.q for v in values])
            assert _digits_agree(ball.mid().str(50, radius=False), exact, 45), label
            assert ball.rad() < abs(ball.mid()) * flint.arb(10) ** -45


def test_numpy_lambda_is_vectorised_float64():
    expr = FORMS["(A.18)"][0]
    f = numeric_lambda(expr, ARGS, "numpy", "(A.18)")
    vals = [2.0, 1.5, 0.5, 1.0, 3.0, 2.0, 1.5, 4.0, 0.5]
    columns = [np.array([v, v]) for v in vals]
    out = f(*columns)
    exact = float(expr.subs(dict(zip(ARGS, [sp.Rational(str(v)) for v in vals]))))
    assert out.shape == (2,) and np.allclose(out, exact, rtol=1e-13)


def test_docstring_names_arguments_in_order_and_the_equation():
    f = numeric_lambda(FORMS["(A.19)"][1], ARGS, "mpmath", "(A.19)")
    assert "(A.19)" in f.__doc__
    assert "Arguments, in order: alpha, beta, gamma, t, theta^1_1, theta^1_2, theta^2_1, theta^2_2, lambda" in f.__doc__


@pytest.mark.parametrize("backend", ["mpmath", "arb"])
def test_generated_source_has_no_float_constants(backend):
    f = numeric_lambda(sp.Rational(1, 3) * alpha**2 / (beta - sp.Rational(2, 7)), [alpha, beta], backend)
    body = inspect.getsource(f)
    assert not re.search(r"\d\.\d", body), body


def test_arb_integer_power_of_a_negative_number():
    f = numeric_lambda(alpha**2 - alpha**3, [alpha], "arb")
    assert f(flint.arb(-2)) == 12  # 4 - (-8)


def test_unknown_backend_and_missing_argument_are_rejected():
    with pytest.raises(ValueError, match="backend='float'"):
        numeric_lambda(alpha, [alpha], "float")
    with pytest.raises(ValueError, match="beta"):
        numeric_lambda(alpha + beta, [alpha], "mpmath")
