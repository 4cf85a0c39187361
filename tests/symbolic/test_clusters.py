"""hs2012 derivations held against expressions worked out by hand in each test."""
import pytest
import sympy as sp
from hypothesis import given

from proofs_check.draws import hs2012_strategy
from symbolic import clusters as hs
from symbolic.clusters import N, alpha, beta, gamma, lam, t, theta, x, x_b

n1, n2, n3 = hs.n(3)


def same(a, b):
    return sp.simplify(sp.sympify(a) - sp.sympify(b)) == 0


def test_rent_and_cost_of_living_from_the_spatial_equilibrium():
    # r' = -t and r(x_b) = 0 integrate to r = t (x_b - x); r + t x = t x_b = t N.
    assert same(hs.land_rent(), t * (x_b - x))
    assert same(hs.cost_of_living_from_rent(), t * N)


def test_wage_is_output_per_worker():
    model = hs.general_model(3)
    assert hs.wage(model, 2) == sp.Function("g_2")(*model.n)


def test_example_output_per_worker_for_three_industries():
    g1 = (theta(1, 1) * alpha * n1 + theta(1, 2) * alpha * n2 + theta(1, 3) * alpha * n3
          - beta / 2 * (n1**2 + n2**2 + n3**2) + gamma * n1 * n2 * n3)
    assert same(hs.example_model(3).g[0], g1)


def test_marginal_products_and_hessian_of_the_example():
    m = hs.example_model(3)
    assert same(hs.marginal_product(m, 1, 2), theta(1, 2) * alpha - beta * n2 + gamma * n1 * n3)
    H = sp.Matrix([[-beta, gamma * n3, gamma * n2],
                   [gamma * n3, -beta, gamma * n1],
                   [gamma * n2, gamma * n1, -beta]])
    assert (hs.hessian(m, 2) - H).applyfunc(sp.simplify) == sp.zeros(3, 3)
    # det by cofactor expansion along the first row, worked by hand
    det = -beta * (beta**2 - gamma**2 * n1**2) - gamma * n3 * (-beta * gamma * n3 - gamma**2 * n1 * n2) \
        + gamma * n2 * (gamma**2 * n3 * n1 + beta * gamma * n2)
    assert same(hs.leading_principal_minors(H)[2], det)


def test_assumption_differences_of_the_example():
    m = hs.example_model(3)
    assert same(hs.assumption1_difference(m, 1, 3), alpha * (theta(1, 1) - theta(1, 3)))
    assert same(hs.assumption2_difference(m, 1, 3), alpha * (theta(1, 1) - theta(3, 1)))


def test_composition_gap_for_three_industries():
    m = hs.example_model(3)
    # (A.9)-(A.10) for i = 1, k = 2: alpha(theta11 - theta12) - beta(n1 - n2) + gamma n3 (n2 - n1) = 0
    assert same(hs.optimum_composition_gap(m, 1, 1, 2), alpha * (theta(1, 1) - theta(1, 2)) / (beta + gamma * n3))
    assert same(hs.optimum_composition_gap(m, 1, 2, 3), alpha * (theta(1, 2) - theta(1, 3)) / (beta + gamma * n1))


def _by_hand_type_optimum(i):
    # beta n1 - gamma n2 = theta^i_1 alpha - t and -gamma n1 + beta n2 = theta^i_2 alpha - t, by Cramer
    a1, a2 = theta(i, 1) * alpha - t, theta(i, 2) * alpha - t
    return ((beta * a1 + gamma * a2) / (beta**2 - gamma**2), (gamma * a1 + beta * a2) / (beta**2 - gamma**2))


@pytest.mark.parametrize("i", [1, 2])
def test_type_optimal_cluster_for_two_industries(i):
    derived = hs.type_optimal_cluster(hs.example_model(2), i)
    assert all(same(d, e) for d, e in zip(derived, _by_hand_type_optimum(i)))


@pytest.mark.parametrize("i", [1, 2])
def test_type_optimal_cluster_second_route_linear_system(i):
    # Second route: write (IV.1) for (A.1), I = 2, as A n = b and solve it directly.
    A = sp.Matrix([[beta, -gamma], [-gamma, beta]])
    b = sp.Matrix([theta(i, 1) * alpha - t, theta(i, 2) * alpha - t])
    direct = A.LUsolve(b)
    general = hs.type_optimal_cluster(hs.example_model(2), i)
    assert all(same(d, g) for d, g in zip(direct, general))


def test_contract_curve_ends_at_the_type_optima_and_mixes_the_thetas():
    m = hs.example_model(2)
    pe = hs.contract_curve(m)
    for end, i in ((1, 1), (0, 2)):
        assert all(same(p.subs(lam, end), e) for p, e in zip(pe, _by_hand_type_optimum(i)))
    # Linear in lambda with the weighted thetas in place of theta^i_k.
    mix = {theta(1, k): lam * theta(1, k) + (1 - lam) * theta(2, k) for k in (1, 2)}
    assert all(same(p, e.subs(mix, simultaneous=True)) for p, e in zip(pe, _by_hand_type_optimum(1)))


def test_type_optimal_loci():
    m = hs.example_model(2)
    _, m2 = hs.n(2)
    assert same(hs.type_optimal_locus(m, 2, 1), (theta(2, 1) * alpha - t) / beta + gamma / beta * m2)


def test_pareto_conditions_for_two_industries_general_model():
    m = hs.general_model(2)
    g1, g2 = m.g
    a, b = m.n
    cp = sp.diff(sp.Function("c")(a + b), a)
    expected = lam * sp.diff(g1, a) + (1 - lam) * sp.diff(g2, a) - cp
    assert same(hs.pareto_conditions(m, (lam, 1 - lam))[0], expected)


def test_stability_margin_on_the_contract_surface():
    m = hs.example_model(2)
    l1 = hs.weights(2)[0]
    # dV_1/dn_1 = alpha theta11 - ... - t with t = (l1 theta11 + (1 - l1) theta21) alpha - ...
    assert same(hs.pareto_own_stability_margin(m, 1), alpha * (1 - l1) * (theta(1, 1) - theta(2, 1)))
    assert same(hs.pareto_own_stability_margin(m, 2), alpha * l1 * (theta(2, 2) - theta(1, 2)))


def test_marginal_ratio_differential_quotient_rule():
    m = hs.general_model(2)
    g = m.g[0]
    a, b = m.n
    A, B = sp.diff(g, a), sp.diff(g, b)
    on_a = (B * sp.diff(g, a, a) - A * sp.diff(g, b, a)) / B**2
    on_b = (B * sp.diff(g, a, b) - A * sp.diff(g, b, b)) / B**2
    da, db = hs.marginal_ratio_differential(m, 1, 2)
    assert same(da, on_a) and same(db, on_b)


def test_specialized_city_scales():
    m = hs.example_model(2)
    # V_1^1(s) = (theta11 alpha - t) s - beta s^2 / 2: peak at (theta11 alpha - t)/beta, zero again at twice that.
    nS = (theta(1, 1) * alpha - t) / beta
    assert same(hs.specialized_optimum_scale(m, 1), nS)
    assert same(hs.specialized_autarky_scale(m, 1), 2 * nS)


def test_ratio_vector_and_line():
    J = sp.Symbol("J", positive=True)
    N1, N2, N3 = hs.N_total(3)
    assert hs.ratio_vector(3, J) == (N1 / J, N2 / J, N3 / J)
    a, _ = hs.n(2)
    M1, M2 = hs.N_total(2)
    assert same(hs.ratio_line(), M2 * a / M1)


def test_partition_utility_uses_only_member_types():
    m = hs.example_model(4)
    N1, N2, N3, N4 = hs.N_total(4)
    expected = (theta(1, 1) * alpha * N1 + theta(1, 3) * alpha * N3 - beta / 2 * (N1**2 + N3**2) - t * (N1 + N3))
    assert same(hs.partition_utility(m, 1, (1, 3)), expected)


def test_bad_industry_count_names_the_parameter():
    with pytest.raises(ValueError, match="I=1"):
        hs.example_model(1)


@given(hs2012_strategy(2))
def test_type_optimum_satisfies_the_first_order_conditions_exactly(params):
    # An independent check: plug the closed form back into dV_1/dn_k with exact rationals.
    point = {sp.Symbol(k, positive=True): v for k, v in params.items()}
    m = hs.example_model(2)
    sol = [v.subs(point) for v in hs.type_optimal_cluster(m, 1)]
    a, b = point[alpha], point[beta]
    g, tt = point[gamma], point[t]
    th = lambda i, k: point[theta(i, k)]  # noqa: E731
    assert th(1, 1) * a - b * sol[0] + g * sol[1] - tt == 0
    assert th(1, 2) * a - b * sol[1] + g * sol[0] - tt == 0
    assert sol[0] > sol[1] > 0  # plurality and interiority inside the appendix's restrictions
