"""numeric.acceptance: the one rule that lets a solver result be reported, and the solver
samples of issue 8 (float fast paths, user models, budgets) that it and the solvers pin."""
from dataclasses import dataclass

import mpmath
import pytest

from numeric import cities as ncities
from numeric import clusters as nc
from numeric.acceptance import (UnconfirmedResult, confirmed_or_raise, is_confirmed, required_digits,
                                tolerance)

BASE = {"epsilon": "0.03", "gamma": "0.25", "tau": "0.34", "rho": "1", "delta": "0.17",
        "cost_scale": "1", "urban_population": "280000000"}
THREE = {"discrete": ["19550", "18000", "17000"]}
A1 = {"alpha": "3", "beta": "1", "gamma": "1/2", "t": "1", "theta": [["4", "3/2"], ["2", "5"]]}


@dataclass
class _Result:
    residual: object
    agreed_digits: int | None
    dps: int
    residual_scale: object = None


def test_rule_constants_are_the_documented_ones():
    # dps 50: residual <= 1e-45 and 45 digits; dps 15: 1e-13 and 13 digits (module docstring)
    assert required_digits(50) == 45 and required_digits(15) == 13 and required_digits(200) == 180
    assert tolerance(50) == mpmath.mpf(10) ** -45 and tolerance(15) == mpmath.mpf(10) ** -13


@pytest.mark.parametrize("result, reason", [
    (_Result(mpmath.mpf("1e-44"), 50, 50), "exceeds the working tolerance"),
    (_Result(mpmath.mpf("2e167"), 50, 50), "exceeds the working tolerance"),
    (_Result(mpmath.mpf(0), 0, 50), "only 0 of 50 digits agree"),
    (_Result(mpmath.mpf(0), 44, 50), "only 44 of 50 digits agree"),
    (_Result(mpmath.mpf(0), None, 50), "not re-solved"),
    (_Result(mpmath.mpf("1e-30"), 50, 50, mpmath.mpf("1e10")), "relative residual 1.0e-40"),
    (_Result(mpmath.mpf("1e-30"), 50, 50, mpmath.mpf(0)), "relative residual"),
])
def test_failures_are_one_line_naming_what_failed(result, reason):
    with pytest.raises(UnconfirmedResult) as info:
        confirmed_or_raise(result, "the thing")
    text = str(info.value)
    assert "\n" not in text and text.startswith("the thing: not confirmed: ") and reason in text
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("result", [
    _Result(mpmath.mpf(0), 50, 50), _Result(mpmath.mpf("1e-46"), 45, 50),
    _Result(mpmath.mpf("1e60"), 50, 50, mpmath.mpf("1e110")),  # relative 1e-50
])
def test_passing_results_are_returned(result):
    assert confirmed_or_raise(result, "x") is result and is_confirmed(result)


# --- cities: the float screen never decides ---------------------------------------------------

@pytest.mark.parametrize("change, sites", [
    ({}, {"discrete": ["1e90"]}),
    ({"urban_population": "1000"}, {"discrete": ["1e90", "1e89"]}),
    ({"cost_scale": "1e-90"}, THREE),
    ({"epsilon": "1e-90"}, THREE),
    ({"rho": "0.999"}, THREE),
])
def test_float_overflow_falls_back_to_working_precision(change, sites):
    # these overflowed (or divided by zero) in the float screen and reported "exceeds what the
    # sites can host, nan"; the optimum with one city holding N is feasible (N is far below the
    # zero-smb size of the best site), as local politics, never screened in floats, also finds
    res = ncities.optimum({**BASE, **change}, sites, dps=15)
    assert confirmed_or_raise(res, "optimum") is res
    lp = ncities.local_politics({**BASE, **change}, sites, dps=15) if "epsilon" not in change else None
    if lp is not None:
        assert res.number_of_cities == lp.number_of_cities == 1
    if res.number_of_cities == 1:
        assert res.sizes[0] == mpmath.mpf(change.get("urban_population", BASE["urban_population"]))


def test_capacity_is_decided_at_working_precision():
    # one site of 1e-90: every city at its zero-smb size holds ~3e-410 people, far below N; the
    # verdict comes with a finite number, never nan
    with pytest.raises(ncities.AllocationDoesNotExist) as info:
        ncities.optimum(BASE, {"discrete": ["1e-90"]}, dps=15)
    assert "nan" not in str(info.value) and "e-410" in str(info.value)


def test_tiny_cost_scale_on_continuous_sites_is_a_one_line_failure():
    # the occupied sites are a sliver next to the best one, narrower than the low precision
    sites = {"truncated_pareto": {"shape": "30", "log_min": "4.95", "log_max": "5.20", "measure": "1000"}}
    with pytest.raises(ncities.NoConvergence) as info:
        ncities.optimum({**BASE, "cost_scale": "1e-90"}, sites, dps=15)
    assert "\n" not in str(info.value) and "dN/dmu" in str(info.value)


# --- clusters: user models ----------------------------------------------------------------

LOGSQRT = ["log(1+n_1) + sqrt(1+n_2)"] * 2


def test_log_sqrt_model_is_solved_where_an_interior_optimum_exists():
    # t = 1/4: dV/dn_1 = 1/(1+n_1) - 1/4 = 0 and 1/(2 sqrt(1+n_2)) - 1/4 = 0 give n = (3, 3);
    # the Hessian diag(-1/16, -1/32) is negative definite
    r = nc.type_optimal_cluster({"g": LOGSQRT, "t": "1/4"}, 1, dps=30)
    assert confirmed_or_raise(r, "type-1") is r
    assert all(abs(x - 3) < mpmath.mpf(10) ** -28 for x in r.n)


def test_log_sqrt_model_with_t_1_has_no_interior_optimum():
    # t = 1: the unique stationary point of the concave V_1 is n = (0, -3/4), outside n > 0
    with pytest.raises(nc.NoInteriorOptimum) as info:
        nc.type_optimal_cluster({"g": LOGSQRT, "t": "1"}, 1, dps=30)
    assert "n_2 = -0.75" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("g, value", [(["0", "0"], "-1"), (["-n_1", "-n_1"], "-2")])
@pytest.mark.parametrize("solver", ["type", "pareto", "cpe"])
def test_models_without_a_stationary_point_name_the_requirement(g, value, solver):
    # g = 0: dV_1/dn_1 = -t = -1 for every n; g = -n_1: -1 - t = -2
    p = {"g": g, "t": "1"}
    with pytest.raises(nc.ModelRequirementFailed) as info:
        if solver == "type":
            nc.type_optimal_cluster(p, 1, dps=20)
        elif solver == "pareto":
            nc.pareto_cluster(p, ["1/2", "1/2"], dps=20)
        else:
            nc.cpe_allocation(p, ["100", "100"], dps=20)
    assert info.value.requirement == "a stationary point" and f"/dn_1 = {value} for every n" in str(info.value)


@pytest.mark.parametrize("call", [
    lambda p: nc.symmetric_equilibria(p, ["100", "100"], dps=20),
    lambda p: nc.specialized(p, 1, 2, dps=20),
    lambda p: nc.partition_utilities(p, [[1], [2]], ["100", "100"], dps=20),
])
def test_cost_infinite_at_zero_is_refused(call):
    # c(N) = 1/N: V_i(0), which A_i and autarky compare with, does not exist
    with pytest.raises(nc.ModelRequirementFailed) as info:
        call({**A1, "cost": "N**-1"})
    assert info.value.requirement == "finite values" and "\n" not in str(info.value)


def test_cpe_with_identical_utilities_names_the_requirement():
    with pytest.raises(nc.ModelRequirementFailed) as info:
        nc.cpe_allocation({"g": LOGSQRT, "t": "1/4"}, ["100", "100"], dps=20)
    assert info.value.requirement == "distinct utilities"


@pytest.mark.parametrize("dps", [15, 50])
def test_specialized_with_a_huge_beta_is_confirmed(dps):
    # beta = 1e90: n_1^S = (theta^1_1 alpha - t)/beta = 11e-90 exactly, n_1^A = 2 n_1^S;
    # roots near 1e-89 used to stop at an absolute tolerance and fail to agree
    r = nc.specialized({**A1, "beta": "1e90"}, 1, 2, dps=dps)
    assert confirmed_or_raise(r, "specialized") is r
    assert r.exact["n_S"] * 10 ** 90 == 11 and r.exact["n_A"] * 10 ** 90 == 22
    # n_1^C: 11 s - 5e89 s^2 = V_1^2(n_2^S) = 3.5 (14e-90) - 5e89 (14e-90)^2 = -49e-90, so
    # s = (11 + sqrt(121 + 98)) / 1e90
    with mpmath.workdps(dps + 20):
        expected = (11 + mpmath.sqrt(219)) / mpmath.mpf(10) ** 90
        assert abs(r.n_C / expected - 1) < mpmath.mpf(10) ** -(dps - 2)


def test_budget_is_spent_with_one_line():
    from numeric.clusters import _numerics as N
    with pytest.raises(nc.BudgetExceeded) as info:
        with N.budget("a test solve", steps=0):
            nc.type_optimal_cluster({"g": LOGSQRT, "t": "1/4"}, 1, dps=20)
    assert "budget of 0 Newton steps" in str(info.value) and "\n" not in str(info.value)
