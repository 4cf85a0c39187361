"""Site distributions of abrs2017 (numeric.distributions), held against closed forms typed here.

The truncated Pareto's G and g are written out by hand from their definition (Appendix C.3's
benchmark: shape 30, ln a in [4.95, 5.20]); every density must integrate to its total site
measure and be the derivative of its cdf.
"""
import warnings
from fractions import Fraction

import mpmath
import pytest
import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st

from numeric.distributions import (DiscreteSites, Homogeneous, LogNormal, Pareto, TruncatedPareto, Uniform,
                                   rank_size, site_distribution)
from numeric.precision import InexactInputWarning, InvalidParameter, agreed_digits

BENCHMARK = {"truncated_pareto": {"shape": "30", "log_min": "4.95", "log_max": "5.20", "measure": "1"}}

CONTINUOUS = [
    BENCHMARK,
    {"truncated_pareto": {"shape": "3/2", "minimum": "1", "maximum": "7", "measure": "250"}},
    {"pareto": {"shape": "30", "log_min": "4.95", "measure": "1000"}},
    {"pareto": {"shape": "5/2", "minimum": "2", "measure": "3"}},
    {"lognormal": {"log_mean": "5.06", "log_sd": "0.04", "measure": "1000"}},
    {"lognormal": {"log_mean": "0", "log_sd": "1", "measure": "1/3"}},
    {"uniform": {"minimum": "140", "maximum": "180", "measure": "1000"}},
    {"uniform": {"minimum": "0", "maximum": "1", "measure": "2"}},
]


def mp(s) -> mpmath.mpf:
    q = sp.Rational(s)
    return mpmath.mpf(q.p) / q.q


def truncated_pareto_cdf(a, shape, lo, hi, M):
    """G(a) = M (lo^-k - a^-k) / (lo^-k - hi^-k), typed from the definition."""
    return M * (lo ** -shape - a ** -shape) / (lo ** -shape - hi ** -shape)


def truncated_pareto_density(a, shape, lo, hi, M):
    return M * shape * a ** (-shape - 1) / (lo ** -shape - hi ** -shape)


# --- the benchmark against its closed form -----------------------------------------------------

def test_truncated_pareto_benchmark_against_closed_form():
    d = site_distribution(BENCHMARK)
    assert isinstance(d, TruncatedPareto)
    with mpmath.workdps(60):
        lo, hi = mpmath.exp(mpmath.mpf("4.95")), mpmath.exp(mpmath.mpf("5.2"))
        assert d.support() == (lo, hi)
        for x in ("4.95", "5", "5.07", "5.19"):
            a = mpmath.exp(mpmath.mpf(x))
            assert agreed_digits(d.cdf(a), truncated_pareto_cdf(a, 30, lo, hi, 1)) >= 55
            assert agreed_digits(d.density(a), truncated_pareto_density(a, 30, lo, hi, 1)) >= 55
        assert d.cdf(lo) == 0 and d.cdf(hi) == 1 and d.cdf(hi * 2) == 1
        assert d.density(lo / 2) == 0 and d.density(hi * 2) == 0


def test_pareto_uniform_lognormal_closed_forms():
    with mpmath.workdps(50):
        p = site_distribution({"pareto": {"shape": "5/2", "minimum": "2", "measure": "3"}})
        a = mpmath.mpf(7)
        assert agreed_digits(p.cdf(a), 3 * (1 - (mpmath.mpf(2) / 7) ** mpmath.mpf(2.5))) >= 48
        assert agreed_digits(p.survival(a), 3 * (mpmath.mpf(2) / 7) ** mpmath.mpf(2.5)) >= 48
        u = site_distribution({"uniform": {"minimum": "140", "maximum": "180", "measure": "1000"}})
        assert u.cdf(150) == 250 and u.density(150) == 25
        ln = site_distribution({"lognormal": {"log_mean": "0", "log_sd": "1", "measure": "1/3"}})
        assert agreed_digits(ln.cdf(1), mpmath.mpf(1) / 6) >= 48
        assert agreed_digits(ln.density(1), 1 / (3 * mpmath.sqrt(2 * mpmath.pi))) >= 48


@pytest.mark.parametrize("spec", CONTINUOUS, ids=lambda s: next(iter(s)) + ":" + ",".join(next(iter(s.values())).values()))
def test_density_integrates_to_the_measure(spec):
    d = site_distribution(spec)
    with mpmath.workdps(40):
        total = mpmath.quad(d.density, d.quadrature_points())
        assert agreed_digits(total, mp(d.measure)) >= 30
        lo, hi = d.support()
        assert d.cdf(lo) == 0
        top = hi if hi != mpmath.inf else lo + 10 ** 6 if lo > 0 else mpmath.mpf(10) ** 6
        assert d.cdf(top) <= mp(d.measure)


@pytest.mark.parametrize("spec", CONTINUOUS[:7:2], ids=lambda s: next(iter(s)))
def test_density_is_the_derivative_of_the_cdf(spec):
    d = site_distribution(spec)
    with mpmath.workdps(40):
        lo, hi = d.support()
        lo = lo if lo > 0 else mpmath.mpf("0.5")
        mid = (lo + hi) / 2 if hi != mpmath.inf else lo * mpmath.mpf("1.01")
        assert agreed_digits(mpmath.diff(d.cdf, mid), d.density(mid)) >= 25


def test_effective_support_of_a_lognormal_keeps_the_mass():
    d = LogNormal.create("5.06", "0.04", "1000")
    with mpmath.workdps(40):
        lo, hi = d.effective_support(40, power=6)
        kept = mpmath.quad(d.density, [lo] + d.breaks(lo, hi) + [hi])
        assert agreed_digits(kept, 1000) >= 38
        assert lo < mpmath.exp(mpmath.mpf("5.06")) < hi


# --- discrete sites ------------------------------------------------------------------------------

def test_discrete_sites_sorted_and_counted():
    d = site_distribution({"discrete": ["150", "181/2", "19550", "0.5"]})
    assert isinstance(d, DiscreteSites) and len(d) == 4 and d.measure == 4
    assert d.values == (sp.Integer(19550), sp.Integer(150), sp.Rational(181, 2), sp.Rational(1, 2))
    assert d.cdf(150) == 3 and d.cdf(1) == 1 and d.mass(150) == 1
    assert d.support() == (mpmath.mpf("0.5"), mpmath.mpf(19550))
    assert d.to_dict() == {"discrete": ["19550", "150", "90.5", "0.5"]}


def test_rank_size_sites():
    exact = rank_size("19550", "1", "5")
    assert exact.values == tuple(sp.Rational(19550, r) for r in range(1, 6))
    d = rank_size("19550", "0.0333", "40")
    with mpmath.workdps(160):
        for r in (1, 2, 17, 40):
            assert agreed_digits(mp(d.values[r - 1]), 19550 * mpmath.mpf(r) ** (-mpmath.mpf("0.0333"))) >= 128
    assert exact.digits is None and d.digits == 130      # rounded sites say how far they are known
    assert d.to_dict() == {"rank_size": {"scale": "19550", "exponent": "0.0333", "count": "40"}}


def test_homogeneous_sites():
    d = site_distribution({"homogeneous": {"value": "150", "measure": "10"}})
    assert isinstance(d, Homogeneous) and d.point
    assert d.cdf(149) == 0 and d.cdf(150) == 10 and d.support() == (150, 150)


# --- validation ----------------------------------------------------------------------------------

@pytest.mark.parametrize("spec, name", [
    ({"pareto": {"shape": "0", "minimum": "1"}}, "sites.pareto.shape"),
    ({"pareto": {"shape": "2", "minimum": "-1"}}, "sites.pareto.minimum"),
    ({"pareto": {"shape": "2", "minimum": "1", "log_min": "0"}}, "sites.pareto.minimum"),
    ({"truncated_pareto": {"shape": "-30", "log_min": "4.95", "log_max": "5.20"}}, "sites.truncated_pareto.shape"),
    ({"truncated_pareto": {"shape": "30", "log_min": "5.20", "log_max": "4.95"}}, "sites.truncated_pareto.log_max"),
    ({"truncated_pareto": {"shape": "30", "log_min": "4.95", "log_max": "4.95"}}, "sites.truncated_pareto.log_max"),
    ({"truncated_pareto": {"shape": "30", "log_min": "4.95", "maximum": "200"}}, "sites.truncated_pareto.log_max"),
    ({"truncated_pareto": {"shape": "30", "log_min": "4.95", "log_max": "5.2", "measure": "0"}},
     "sites.truncated_pareto.measure"),
    ({"lognormal": {"log_mean": "5", "log_sd": "0"}}, "sites.lognormal.log_sd"),
    ({"uniform": {"minimum": "2", "maximum": "1"}}, "sites.uniform.maximum"),
    ({"uniform": {"minimum": "-1", "maximum": "1"}}, "sites.uniform.minimum"),
    ({"homogeneous": {"value": "0"}}, "sites.homogeneous.value"),
    ({"discrete": ["150", "-3"]}, "sites.discrete[1]"),
    ({"discrete": []}, "sites.discrete"),
    ({"rank_size": {"scale": "100", "exponent": "1", "count": "2.5"}}, "sites.rank_size.count"),
    ({"gamma_dist": {}}, "sites"),
    ({"pareto": {"shape": "2", "minimum": "1", "mode": "3"}}, "sites.pareto.mode"),
    ({"pareto": {"shape": "2"}}, "sites.pareto.minimum"),
    ({"pareto": {"shape": "2", "minimum": "one"}}, "sites.pareto.minimum"),
    ({"pareto": {"shape": "2", "minimum": "1"}, "uniform": {}}, "sites"),
])
def test_bad_distribution_parameters_name_the_parameter(spec, name):
    with pytest.raises(InvalidParameter) as info:
        site_distribution(spec)
    assert info.value.name == name
    assert "\n" not in str(info.value)


def test_a_float_is_accepted_only_with_a_warning():
    with pytest.warns(InexactInputWarning):
        d = Uniform.create(1.5, 2, "1")
    assert d.minimum == sp.Rational(3, 2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Uniform.create(Fraction(3, 2), mpmath.mpf(2), 1)


# --- hypothesis ----------------------------------------------------------------------------------

@st.composite
def truncated_paretos(draw):
    """shape in (0.5, 40), log_min in (0, 6), width in (0.05, 1), measure in (0.1, 1000): valid
    by construction."""
    shape = sp.Rational(draw(st.integers(5, 400)), 10)
    log_min = sp.Rational(draw(st.integers(0, 600)), 100)
    width = sp.Rational(draw(st.integers(5, 100)), 100)
    measure = sp.Rational(draw(st.integers(1, 10000)), 10)
    u = sp.Rational(draw(st.integers(1, 99)), 100)
    return shape, log_min, log_min + width, measure, u


@settings(max_examples=15)
@given(truncated_paretos())
@example((sp.Integer(30), sp.Rational("4.95"), sp.Rational("5.20"), sp.Integer(1), sp.Rational(1, 2)))
def test_truncated_pareto_hypothesis(draw):
    shape, log_min, log_max, measure, u = draw
    d = TruncatedPareto.create(str(shape), log_min=str(log_min), log_max=str(log_max), measure=str(measure))
    with mpmath.workdps(40):
        k, M = mp(shape), mp(measure)
        lo, hi = mpmath.exp(mp(log_min)), mpmath.exp(mp(log_max))
        a = lo + mp(u) * (hi - lo)
        assert agreed_digits(d.cdf(a), truncated_pareto_cdf(a, k, lo, hi, M)) >= 35
        assert agreed_digits(mpmath.quad(d.density, [lo, a]), d.cdf(a)) >= 30
        assert agreed_digits(mpmath.quad(d.density, d.quadrature_points()), M) >= 30
