"""The hs2012 cluster solvers, held against closed forms written out by hand here.

Expected values are typed from the Appendix ((A.12)-(A.13), (A.18)-(A.21)) or derived by hand
for the (A.1) example with c(N) = tN (the ratio-vector end points, Section VI sizes, partition
utilities); nothing here calls `symbolic.clusters` for an expected value.
"""
import random
import warnings

import mpmath
import pytest
import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st

from numeric.clusters import (ClusterParams, NoInteriorOptimum, as_cluster_params, cluster_parameters,
                              contract_curve, contract_surface, cpe_allocation, in_autarky_set,
                              in_stable_set, pareto_cluster, partition_utilities, specialized,
                              symmetric_equilibria, type_optimal_cluster)
from numeric.precision import InexactInputWarning, InvalidParameter, agreed_digits
from proofs_check.draws import decimal_between, hs2012_parameters, hs2012_strategy

R = sp.Rational
EXAMPLE = {"alpha": "3", "beta": "1", "gamma": "1/2", "t": "1", "theta": [["4", "3/2"], ["2", "5"]]}
EXAMPLE_DRAW = {"alpha": R(3), "beta": R(1), "gamma": R(1, 2), "t": R(1), "theta^1_1": R(4),
                "theta^1_2": R(3, 2), "theta^2_1": R(2), "theta^2_2": R(5)}


def digits(value, expected) -> int:
    """Significant digits on which an mpf result agrees with an exact (SymPy) expected value."""
    expected = sp.sympify(expected)
    with mpmath.workdps(120):
        if expected.is_Rational:
            target = mpmath.mpf(expected.p) / expected.q
        else:
            target = mpmath.mpf(str(sp.N(expected, 110)))
        return agreed_digits(value, target)


def th(P, i, s):
    return P[f"theta^{i}_{s}"]


@st.composite
def small_gamma(draw, I):
    """(A.1) parameters for I >= 3 with an interior local maximum for every type: the draws of
    proofs_check.draws with gamma replaced by u * beta / n0^(I-2), u in (0, 0.05), n0 the
    largest gamma = 0 optimum component. Valid by construction (no filtering)."""
    rng = draw(st.randoms(use_true_random=False))
    P = hs2012_parameters(rng, I)
    n0 = max((th(P, i, k) * P["alpha"] - P["t"]) / P["beta"] for i in range(1, I + 1) for k in range(1, I + 1))
    P["gamma"] = P["beta"] / n0 ** (I - 2) * decimal_between(rng, "0", "0.05")
    return P


# --- I = 2: the closed forms (A.18)-(A.21) -------------------------------------------------

def a18(P, i):
    """(A.18)/(A.19) typed by hand: the type-i optimum for I = 2."""
    a, b, g, t = P["alpha"], P["beta"], P["gamma"], P["t"]
    n1 = (a * (b * th(P, i, 1) + g * th(P, i, 2)) - t * (b + g)) / (b ** 2 - g ** 2)
    n2 = (a * (g * th(P, i, 1) + b * th(P, i, 2)) - t * (b + g)) / (b ** 2 - g ** 2)
    return n1, n2


def a20(P, lam):
    """(A.20)-(A.21) typed by hand: theta^i_k replaced by lambda theta^1_k + (1-lambda) theta^2_k."""
    a, b, g, t = P["alpha"], P["beta"], P["gamma"], P["t"]
    m1 = lam * th(P, 1, 1) + (1 - lam) * th(P, 2, 1)
    m2 = lam * th(P, 1, 2) + (1 - lam) * th(P, 2, 2)
    return ((a * (b * m1 + g * m2) - t * (b + g)) / (b ** 2 - g ** 2),
            (a * (g * m1 + b * m2) - t * (b + g)) / (b ** 2 - g ** 2))


@given(hs2012_strategy(2))
@example(EXAMPLE_DRAW)
def test_type_optimal_i2_matches_a18_a19(P):
    for i in (1, 2):
        r = type_optimal_cluster(P, i, dps=50)
        for got, want in zip(r.n, a18(P, i)):
            assert digits(got, want) >= 45
        assert r.agreed_digits >= 45 and r.residual < mpmath.mpf(10) ** -45
        assert r.n[i - 1] > r.n[2 - i]  # Proposition 1: own type in a majority


@given(hs2012_strategy(2), st.integers(1, 999).map(lambda k: R(k, 1000)))
@example(EXAMPLE_DRAW, R(1, 2))
def test_pareto_i2_matches_a20_a21(P, lam):
    r = pareto_cluster(P, (lam, 1 - lam), dps=50)
    for got, want in zip(r.n, a20(P, lam)):
        assert digits(got, want) >= 45
    assert r.agreed_digits >= 45


def test_contract_curve_i2_runs_between_the_type_optima():
    curve = contract_curve(EXAMPLE, points=4, dps=50)
    assert [pt.weights[0] for pt in curve.points] == [R(k, 5) for k in range(1, 5)]
    for pt in curve.points:
        for got, want in zip(pt.n, a20(EXAMPLE_DRAW, pt.weights[0])):
            assert digits(got, want) >= 45
    # lambda -> 1 reaches the type-1 optimum, lambda -> 0 the type-2 optimum (Section IV.B)
    tiny = R(1, 10 ** 30)
    near1 = pareto_cluster(EXAMPLE, (1 - tiny, tiny), dps=50)
    assert all(digits(x, y) >= 28 for x, y in zip(near1.n, a18(EXAMPLE_DRAW, 1)))


# --- I = 3 and 4: (IV.1) and (A.12)-(A.13) -------------------------------------------------

def check_a12_a13(P, i, n, I, places=45):
    with mpmath.workdps(80):
        q = lambda v: mpmath.mpf(v.p) / v.q  # noqa: E731
        a, b, g = q(P["alpha"]), q(P["beta"]), q(P["gamma"])
        for k in range(1, I + 1):
            for kp in range(1, I + 1):
                if k == kp:
                    continue
                prod = mpmath.fprod(n[s - 1] for s in range(1, I + 1) if s not in (k, kp))
                want = a * (q(th(P, i, k)) - q(th(P, i, kp))) / (b + g * prod)  # (A.12) when k = i
                assert abs((n[k - 1] - n[kp - 1]) - want) < mpmath.mpf(10) ** -places * (1 + abs(want))


def hand_conditions(P, i, n, I):
    """(A.9)-(A.11) typed by hand: theta^i_k alpha - beta n_k + gamma prod_{s != k} n_s - t."""
    with mpmath.workdps(80):
        q = lambda v: mpmath.mpf(v.p) / v.q  # noqa: E731
        return [q(th(P, i, k)) * q(P["alpha"]) - q(P["beta"]) * n[k - 1]
                + q(P["gamma"]) * mpmath.fprod(n[s - 1] for s in range(1, I + 1) if s != k) - q(P["t"])
                for k in range(1, I + 1)]


@pytest.mark.parametrize("I", [3, 4])
@settings(max_examples=8)
@given(data=st.data())
def test_type_optimal_i3_i4_satisfies_iv1_and_a12_a13(I, data):
    P = data.draw(small_gamma(I))
    for i in range(1, I + 1):
        r = type_optimal_cluster(P, i, dps=50)
        assert max(abs(c) for c in hand_conditions(P, i, r.n, I)) < mpmath.mpf(10) ** -45
        assert r.residual < mpmath.mpf(10) ** -45 and r.agreed_digits >= 45
        check_a12_a13(P, i, r.n, I)
        assert all(x > 0 for x in r.n) and max(r.n) == r.n[i - 1]  # interior; Proposition 1
        assert all((-1) ** k * d > 0 for k, d in enumerate(r.hessian_minors, start=1))


def test_type_optimal_agrees_at_two_precisions():
    P = _fixed_i4()
    low = type_optimal_cluster(P, 2, dps=30)
    high = type_optimal_cluster(P, 2, dps=60)
    with mpmath.workdps(70):
        assert min(agreed_digits(a, b) for a, b in zip(low.n, high.n)) >= 29


def _fixed_i4():
    P = hs2012_parameters(random.Random(7), 4)
    n0 = max((th(P, i, k) * P["alpha"] - P["t"]) / P["beta"] for i in range(1, 5) for k in range(1, 5))
    P["gamma"] = P["beta"] / n0 ** 2 / 40
    return P


def test_pareto_i3_satisfies_iv5_and_tends_to_the_type_optimum():
    P = _fixed_i3()
    r = pareto_cluster(P, (R(1, 2), R(1, 3), R(1, 6)), dps=50)
    assert r.residual < mpmath.mpf(10) ** -45 and r.agreed_digits >= 45
    tiny = R(1, 10 ** 30)
    near = pareto_cluster(P, (tiny, 1 - 2 * tiny, tiny), dps=50)
    opt = type_optimal_cluster(P, 2, dps=50)
    with mpmath.workdps(60):
        assert min(agreed_digits(a, b) for a, b in zip(near.n, opt.n)) >= 25
    surface = contract_surface(P, divisions=4, dps=30)
    assert len(surface.points) == 3 and surface.agreed_digits >= 25


def _fixed_i3():
    P = hs2012_parameters(random.Random(3), 3)
    n0 = max((th(P, i, k) * P["alpha"] - P["t"]) / P["beta"] for i in range(1, 4) for k in range(1, 4))
    P["gamma"] = P["beta"] / n0 / 30
    return P


# --- the constrained Pareto-efficient allocation -------------------------------------------

@given(hs2012_strategy(2), st.integers(1, 99).map(lambda k: R(k, 100)))
@example(EXAMPLE_DRAW, R(1, 2))
def test_cpe_i2_returns_the_contract_point_on_its_own_ray(P, lam):
    totals = a20(P, lam)  # the ratio line through n^PE(lambda) meets the curve there, at s = 1
    r = cpe_allocation(P, totals, dps=50)
    assert digits(r.weights[0], lam) >= 45 and digits(r.scale, R(1)) >= 45
    assert r.agreed_digits >= 45
    assert not all(r.stable)  # Proposition 2


def test_cpe_i2_solves_iv6_iv7_on_the_ratio_line():
    P, (N1, N2) = EXAMPLE_DRAW, (R(100), R(80))
    a, b, g, t = P["alpha"], P["beta"], P["gamma"], P["t"]
    lam, s = sp.symbols("lam s")
    sol = sp.solve([lam * th(P, 1, 1) * a + (1 - lam) * th(P, 2, 1) * a - b * s * N1 + g * s * N2 - t,
                    lam * th(P, 1, 2) * a + (1 - lam) * th(P, 2, 2) * a - b * s * N2 + g * s * N1 - t],
                   [lam, s], dict=True)[0]
    r = cpe_allocation(EXAMPLE, ["100", "80"], dps=50)
    assert digits(r.weights[0], sol[lam]) >= 45 and digits(r.scale, sol[s]) >= 45
    assert digits(r.clusters, 1 / sol[s]) >= 45


def test_cpe_i3_on_the_ray_of_an_equal_weight_pareto_cluster():
    P = _fixed_i3()
    pc = pareto_cluster(P, [R(1, 3)] * 3, dps=60)
    r = cpe_allocation(P, list(pc.n), dps=50)  # mpf totals are taken exactly
    assert all(digits(w, R(1, 3)) >= 45 for w in r.weights) and digits(r.scale, 1) >= 45


def test_cpe_outside_the_contract_surface_is_refused():
    with pytest.raises(NoInteriorOptimum, match="footnote 14") as info:
        cpe_allocation(EXAMPLE, ["1", "100"], dps=30)
    assert info.value.condition == "weights in (0, 1)"


# --- S_i, A_i and symmetric equilibria (I = 2, by hand) ------------------------------------

def hand_equilibria(P, N1, N2):
    """(A.1), c = tN on n = s (N1, N2): dV_i/dn_i = theta^i_i alpha - t - s (beta N_i - gamma N_o)
    is linear in s; V_i(sN) - V_i(0) = s A_i - s^2 q with A_i = alpha (theta^i_1 N1 + theta^i_2 N2)
    - t (N1 + N2), q = beta (N1^2 + N2^2)/2 - gamma N1 N2. Returns (lo, lo_binds, hi, hi_binds)
    for the interval (lo, hi], or None."""
    a, b, g, t = P["alpha"], P["beta"], P["gamma"], P["t"]
    lows = []
    for i, Ni, No in ((1, N1, N2), (2, N2, N1)):
        den = b * Ni - g * No
        if den <= 0:
            return None
        lows.append(((th(P, i, i) * a - t) / den, f"S_{i}"))
    q = b * (N1 ** 2 + N2 ** 2) / 2 - g * N1 * N2
    highs = [((a * (th(P, i, 1) * N1 + th(P, i, 2) * N2) - t * (N1 + N2)) / q, f"A_{i}") for i in (1, 2)]
    lo, hi = max(v for v, _ in lows), min(v for v, _ in highs)
    if not lo < hi:
        return None
    return lo, tuple(n for v, n in lows if v == lo), hi, tuple(n for v, n in highs if v == hi)


totals_st = st.integers(1, 10_000).map(lambda k: R(k, 100))


@given(hs2012_strategy(2), totals_st, totals_st)
@example(EXAMPLE_DRAW, R(100), R(100))
@example(EXAMPLE_DRAW, R(1), R(100))
def test_symmetric_equilibria_i2_match_the_hand_end_points(P, N1, N2):
    r = symmetric_equilibria(P, (N1, N2), dps=50)
    want = hand_equilibria(P, N1, N2)
    if want is None:
        assert r.empty
        return
    lo, lo_b, hi, hi_b = want
    (iv,) = r.intervals
    assert (iv.lo_closed, iv.hi_closed) == (False, True)
    assert iv.lo_binding == lo_b and iv.hi_binding == hi_b
    assert digits(iv.s_lo, lo) >= 45 and digits(iv.s_hi, hi) >= 45 and r.agreed_digits >= 45
    # the end points themselves: on the edge of S (excluded) and of A (included), exactly
    assert not in_stable_set(P, (lo * N1, lo * N2), int(lo_b[0][-1]))
    assert in_autarky_set(P, (hi * N1, hi * N2), int(hi_b[0][-1]))
    mid = (lo + hi) / 2
    for i in (1, 2):
        assert in_stable_set(P, (mid * N1, mid * N2), i) and in_autarky_set(P, (mid * N1, mid * N2), i)


def test_example_equilibria_and_membership_margins():
    r = symmetric_equilibria(EXAMPLE, ["100", "100"], dps=50)
    (iv,) = r.intervals  # s in (0.28, 0.29]: stability of type 2 below, autarky of type 1 above
    assert digits(iv.s_lo, R(28, 100)) >= 49 and digits(iv.s_hi, R(29, 100)) >= 49
    m = in_stable_set(EXAMPLE, ["20", "20"], 1)
    assert m.exact and not m and digits(m.margin, R(1)) >= 49  # 11 - 50 s at s = 1/5
    m = in_autarky_set(EXAMPLE, ["10", "10"], 1)
    assert m and digits(m.margin, R(95)) >= 49  # 1450 s - 5000 s^2 at s = 1/10


# --- specialized cities (Section VI) -------------------------------------------------------

@given(st.sampled_from([2, 3]).flatmap(lambda I: st.tuples(st.just(I), hs2012_strategy(I))))
def test_specialized_sizes_by_hand(case):
    I, P = case
    a, b, t = P["alpha"], P["beta"], P["t"]
    for i, k in ((1, 2), (2, 1)):
        r = specialized(P, i, k, dps=50)
        nS = (th(P, i, i) * a - t) / b
        nSk = (th(P, k, k) * a - t) / b
        assert r.exact["n_S"] == nS and r.exact["n_A"] == 2 * nS and r.exact["n_S_other"] == nSk
        # V_i^k(n) = (theta^i_k alpha - t) n - beta n^2 / 2 (the gamma term vanishes)
        target = (th(P, i, k) * a - t) * nSk - b * nSk ** 2 / 2
        assert r.exact["other_city_utility"] == target
        assert r.exact["assumption3_margin"] == -target  # V_i^i(n_i^A) = V_i(0) = 0
        A = th(P, i, i) * a - t
        nC = (A + sp.sqrt(A ** 2 - 2 * b * target)) / b  # the root above n_i^S of V_i^i = target
        assert digits(r.n_C, nC) >= 45 and r.agreed_digits >= 45


# --- partitions (Section VII) --------------------------------------------------------------

def test_partition_utilities_by_hand():
    P = hs2012_parameters(random.Random(11), 4)
    N = (R(3), R(2), R(5, 2), R(1))
    r = partition_utilities(P, [[1, 2], [3, 4]], N, dps=50)
    a, b, t = P["alpha"], P["beta"], P["t"]

    def V(i, members):  # V_i with n_k = N_k for k in members, else 0 (the gamma product is 0)
        return sum(th(P, i, k) * a * N[k - 1] - b / 2 * N[k - 1] ** 2 for k in members) \
            - t * sum(N[k - 1] for k in members)
    for rec in r.types:
        own = (1, 2) if rec.type in (1, 2) else (3, 4)
        other = (3, 4) if own == (1, 2) else (1, 2)
        assert digits(rec.utility, V(rec.type, own)) >= 45
        assert digits(rec.margin, V(rec.type, own)) >= 45  # V_i(0) = 0 for (A.1)
        assert digits(rec.best_deviation, V(rec.type, other)) >= 45
    assert r.agreed_digits >= 45


# --- user-supplied g_i and c(N) ------------------------------------------------------------

def test_user_g_equal_to_a1_reproduces_the_a1_solution():
    g = [f"alpha*(theta_{i}_1*n_1 + theta_{i}_2*n_2) - beta/2*(n_1**2 + n_2**2) + gamma*n_1*n_2"
         for i in (1, 2)]
    user = type_optimal_cluster(dict(EXAMPLE, g=g), 1)
    assert all(digits(x, y) >= 50 for x, y in zip(user.n, (R(17), R(12))))


def test_non_polynomial_model_with_convex_cost():
    P = {"alpha": "3", "t": "1", "cost": "t*N**2/50",
         "g": ["alpha*log(1 + n_1) + sqrt(1 + n_1*n_2)", "alpha*log(1 + n_2) + 2*sqrt(1 + n_1*n_2)/3"]}
    r = type_optimal_cluster(P, 1, dps=40)
    assert r.residual < mpmath.mpf(10) ** -35 and r.agreed_digits >= 35 and "Newton" in r.method
    eq = symmetric_equilibria(P, ["1", "1"], dps=30)
    assert "scan" in eq.method and len(eq.intervals) == 1 and eq.residual < mpmath.mpf(10) ** -25


# --- validation ----------------------------------------------------------------------------

def bad(**changes):
    P = {**EXAMPLE, **changes}
    return {k: v for k, v in P.items() if v is not None}


@pytest.mark.parametrize("params, name, rule", [
    (bad(alpha="0"), "alpha", "must be > 0"),
    (bad(t="-1"), "t", "must be > 0"),
    (bad(gamma="x"), "gamma", "decimal string"),
    (bad(theta=[["4", "1"], ["2", "5"]]), "theta^1_2", "must be > 1"),
    (bad(theta=[["4", "9/2"], ["2", "5"]]), "theta^1_1", "Assumption 1"),
    (bad(theta=[["4", "3/2"], ["9/2", "5"]]), "theta^1_1", "Assumption 2"),
    (bad(theta=[["4"]]), "I", "from 2 to 8"),
    (bad(theta=[["4", "3/2"], ["2"]]), "theta", "2 entries"),
    (bad(beta=None), "beta", "missing"),
])
def test_bad_parameters_name_the_parameter_and_rule(params, name, rule):
    with pytest.raises(InvalidParameter, match=rule) as info:
        type_optimal_cluster(params, 1)
    assert info.value.name == name


@pytest.mark.parametrize("call, name", [
    (lambda: pareto_cluster(EXAMPLE, ["1/2", "1/3"]), "weights"),
    (lambda: pareto_cluster(EXAMPLE, ["3/2", "-1/2"]), "weights[2]"),
    (lambda: type_optimal_cluster(EXAMPLE, 3), "type"),
    (lambda: type_optimal_cluster(EXAMPLE, 1, dps=10), "dps"),
    (lambda: cpe_allocation(EXAMPLE, ["1", "0"]), "totals[2]"),
    (lambda: partition_utilities(EXAMPLE, [[1], [1, 2]], ["1", "1"]), "partition"),
    (lambda: specialized(EXAMPLE, 1, 1), "k"),
    (lambda: contract_curve(cluster_parameters("3", "1", "1/2", "1", [["4", "2", "2"], ["2", "5", "2"],
                                                                    ["2", "2", "6"]])), "I"),
])
def test_bad_inputs_name_the_input(call, name):
    with pytest.raises(InvalidParameter) as info:
        call()
    assert info.value.name == name


def test_missing_interior_optimum_names_the_failing_condition():
    with pytest.raises(NoInteriorOptimum, match="second-order") as info:  # beta < gamma, I = 2
        type_optimal_cluster(bad(beta="1/4"), 1, dps=20)
    assert info.value.condition == "second-order conditions"
    with pytest.raises(NoInteriorOptimum, match="n_2 = .* <= 0") as info:  # commuting too dear
        type_optimal_cluster(bad(t="11/2", gamma="1/100"), 1, dps=20)
    assert info.value.condition == "interiority"
    with pytest.raises(NoInteriorOptimum, match="continued in gamma"):  # I = 4, gamma large
        type_optimal_cluster(hs2012_parameters(random.Random(0), 4), 1, dps=20)


def test_floats_are_accepted_only_with_a_warning_and_results_serialise():
    with pytest.warns(InexactInputWarning):
        p = as_cluster_params({**EXAMPLE, "gamma": 0.5})
    assert isinstance(p, ClusterParams) and p.to_dict()["gamma"] == "0.5"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = type_optimal_cluster(EXAMPLE, 2).to_dict()
    assert d["n"] == ["16", "22"] and isinstance(d["utility"], str) and d["agreed_digits"] == 50
