"""Helsley & Strange (2012), "Coagglomeration and the Scale and Composition of Clusters".

Every function derives a quantity of the paper from the model's primitives: output per worker
g_i(n_1, ..., n_I) and the cost of living c(N). Nothing here is typed in from the paper's printed
formulas; `proofs_check.clusters` holds those and compares.

The city index j of the paper (n_{ij}) is dropped: every derivation is about one city.

Symbols (paper name -> Python):

=====================  ======================================================
alpha, beta, gamma, t   (A.1) productivity, own-congestion, complementarity; (III.7) commuting cost
theta(i, s)             theta^i_s: effect of a type-s worker on productivity in industry i
n(I)                    (n_1, ..., n_I), local employment by type
lam                     lambda, the Pareto weight on type 1 when I = 2 (IV.6)-(IV.7)
weights(I)              (lambda_1, ..., lambda_I) of (IV.4)
x, x_b                  commuting distance and the city boundary (III.7)
m_i, w_i                a firm's employment and the type-i wage (III.4)
=====================  ======================================================
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, reduce
from operator import mul
from typing import Callable, Sequence

import sympy as sp

__all__ = [
    # symbols
    "alpha", "beta", "gamma", "t", "lam", "x", "x_b", "N", "theta", "n", "weights", "N_total",
    # models
    "ClusterModel", "general_model", "example_model",
    # Section III
    "output", "profit", "wage", "utility", "land_rent", "cost_of_living_from_rent",
    # Section IV
    "marginal_product", "type_optimal_conditions", "type_optimal_equal_marginals",
    "marginal_ratio_differential", "pareto_objective", "pareto_conditions",
    "type_optimal_cluster", "contract_curve", "type_optimal_locus",
    # Section V
    "ratio_vector", "ratio_line", "stability_derivative", "pareto_own_stability_margin",
    # Section VI-VII
    "specialized_utility", "specialized_optimum_scale", "specialized_autarky_scale",
    "partition_utility",
    # Appendix
    "hessian", "leading_principal_minors", "principal_minors",
    "assumption1_difference", "assumption2_difference", "optimum_composition_gap",
]

alpha, beta, gamma, t = sp.symbols("alpha beta gamma t", positive=True)
lam = sp.Symbol("lambda", positive=True)
x, x_b = sp.symbols("x x_b", positive=True)
N = sp.Symbol("N", positive=True)


def theta(i: int, s: int) -> sp.Symbol:
    """theta^i_s of (A.1): multiplies n_s in g_i (superscript = industry affected)."""
    return sp.Symbol(f"theta^{i}_{s}", positive=True)


def n(I: int) -> tuple[sp.Symbol, ...]:
    """The local employment vector (n_1, ..., n_I) of Section III.A."""
    return tuple(sp.Symbol(f"n_{k}", positive=True) for k in range(1, I + 1))


def weights(I: int) -> tuple[sp.Symbol, ...]:
    """The Pareto weights (lambda_1, ..., lambda_I) of (IV.4)."""
    return tuple(sp.Symbol(f"lambda_{k}", positive=True) for k in range(1, I + 1))


def N_total(I: int) -> tuple[sp.Symbol, ...]:
    """Aggregate numbers of workers by type (N_1, ..., N_I) of Section III.A."""
    return tuple(sp.Symbol(f"N_{k}", positive=True) for k in range(1, I + 1))


def _prod(factors) -> sp.Expr:
    return reduce(mul, factors, sp.Integer(1))


@dataclass(frozen=True)
class ClusterModel:
    """One city of the hs2012 economy: I industries, g_i and c(N).

    `g[i-1]` is output per worker in industry i as an expression in `n`; `c` maps the city
    population (an expression) to the cost of living.
    """

    I: int
    n: tuple[sp.Symbol, ...]
    g: tuple[sp.Expr, ...]
    c: Callable[[sp.Expr], sp.Expr]
    name: str

    def population(self) -> sp.Expr:
        """City population N^j = sum_i n_ij (Section III.A)."""
        return sp.Add(*self.n)


@lru_cache(maxsize=None)  # models are immutable; derivations on them are reused across claims
def general_model(I: int) -> ClusterModel:
    """The general model of Section III: g_i undefined functions of (n_1..n_I), c undefined."""
    _check_industries(I)
    ns = n(I)
    g = tuple(sp.Function(f"g_{i}")(*ns) for i in range(1, I + 1))
    c = sp.Function("c")
    return ClusterModel(I, ns, g, lambda pop: c(pop), "general")


@lru_cache(maxsize=None)  # models are immutable; derivations on them are reused across claims
def example_model(I: int) -> ClusterModel:
    """The Appendix example: g_i of (A.1) with the linear cost c(N) = tN of (III.7).

    g_i = sum_s [theta^i_s alpha n_s - (beta/2) n_s^2] + gamma prod_s n_s.
    """
    _check_industries(I)
    ns = n(I)
    g = tuple(
        sp.Add(*[theta(i, s) * alpha * ns[s - 1] - beta / 2 * ns[s - 1] ** 2
                 for s in range(1, I + 1)])
        + gamma * _prod(ns)
        for i in range(1, I + 1)
    )
    cost = cost_of_living_from_rent()
    return ClusterModel(I, ns, g, lambda pop: cost.subs(N, pop), "A.1")


def _check_industries(I: int) -> None:
    if not isinstance(I, int) or I < 2:
        raise ValueError(f"I={I!r}: the number of industries must be an integer >= 2")


# --- Section III ---------------------------------------------------------------------------

def output(model: ClusterModel, i: int, m: sp.Expr) -> sp.Expr:
    """Output q_i = g_i(n) m_i of a firm employing m_i workers, (III.1)."""
    return model.g[i - 1] * m


def profit(model: ClusterModel, i: int, m: sp.Expr, w: sp.Expr) -> sp.Expr:
    """Profit pi_i = g_i(n) m_i - w_i m_i of a firm in industry i, (III.4)."""
    return output(model, i, m) - w * m


@lru_cache(maxsize=None)
def wage(model: ClusterModel, i: int) -> sp.Expr:
    """The type-i wage w_i of (III.5), from profit maximisation in (III.4).

    Firms take g_i as given (the agglomeration economy is external to them), so profit is
    linear in m_i and a finite interior employment needs d pi / d m_i = 0.
    """
    # w real, not positive: the first-order condition gives w_i = g_i whatever its sign, and a
    # user's g_i = 0 or -n_1 is then refused by the solvers with the requirement it fails
    m = sp.Symbol("m_i", positive=True)
    w = sp.Symbol("w_i", real=True)
    foc = sp.diff(profit(model, i, m, w), m)
    (solution,) = sp.solve(sp.Eq(foc, 0), w)
    return solution


def utility(model: ClusterModel, i: int) -> sp.Expr:
    """Indirect utility V_i = w_i - c(N) of a type-i worker, (III.6)."""
    return wage(model, i) - model.c(model.population())


def land_rent() -> sp.Expr:
    """Land rent r(x) behind (III.7): r'(x) = -t with zero rent at the boundary x_b."""
    r = sp.Function("r")
    solution = sp.dsolve(sp.Eq(r(x).diff(x), -t), r(x), ics={r(x_b): 0})
    return sp.expand(solution.rhs)


@lru_cache(maxsize=None)  # solved once: every (A.1) model of every claim uses it
def cost_of_living_from_rent() -> sp.Expr:
    """Cost of living c(N) = r(x) + t x with x_b = N, (III.7).

    Spatial equilibrium makes r(x) + t x the same at every x; market clearing on a rectangular
    city with one unit of land per location puts the boundary at x_b = N.
    """
    c = sp.simplify(land_rent() + t * x)
    if c.has(x):
        raise ArithmeticError("r(x) + t x depends on x: no spatial equilibrium")
    return c.subs(x_b, N)


# --- Section IV ----------------------------------------------------------------------------

def marginal_product(model: ClusterModel, i: int, k: int) -> sp.Expr:
    """dg_i/dn_k, the effect of a type-k worker on productivity in industry i, (A.2)-(A.3)."""
    return sp.diff(model.g[i - 1], model.n[k - 1])


@lru_cache(maxsize=None)
def type_optimal_conditions(model: ClusterModel, i: int) -> tuple[sp.Expr, ...]:
    """dV_i/dn_k for k = 1..I; a type-i optimal cluster sets all of them to 0, (IV.1)."""
    V = utility(model, i)
    return tuple(sp.diff(V, nk) for nk in model.n)


def type_optimal_equal_marginals(model: ClusterModel, i: int, k: int) -> sp.Expr:
    """dg_i/dn_i - dg_i/dn_k at a type-i optimum: zero by (IV.1), giving (IV.2).

    Derived by subtracting the k-th condition of (IV.1) from the i-th, which removes c'(N).
    """
    conds = type_optimal_conditions(model, i)
    return sp.simplify(conds[i - 1] - conds[k - 1])


def marginal_ratio_differential(model: ClusterModel, i: int, k: int) -> tuple[sp.Expr, sp.Expr]:
    """Coefficients on dn_i and dn_k of d[(dg_i/dn_i)/(dg_i/dn_k)], (IV.3)."""
    ratio = marginal_product(model, i, i) / marginal_product(model, i, k)
    return sp.diff(ratio, model.n[i - 1]), sp.diff(ratio, model.n[k - 1])


def pareto_objective(model: ClusterModel, lambdas: Sequence[sp.Expr]) -> sp.Expr:
    """Weighted utility W = sum_i lambda_i V_i, (IV.4)."""
    return sp.Add(*[lam_i * utility(model, i) for i, lam_i in enumerate(lambdas, start=1)])


def pareto_conditions(model: ClusterModel, lambdas: Sequence[sp.Expr] | None = None
                      ) -> tuple[sp.Expr, ...]:
    """dW/dn_k for k = 1..I with weights summing to one; zero at a Pareto optimum, (IV.5).

    The weights are `weights(I)` with lambda_I = 1 - sum of the others (the paper's
    normalisation); for I = 2 pass `(lam, 1 - lam)` to get (IV.6)-(IV.7).
    """
    if lambdas is None:
        free = weights(model.I)[:-1]
        lambdas = (*free, 1 - sp.Add(*free))
    W = pareto_objective(model, lambdas)
    return tuple(sp.expand(sp.diff(W, nk)) for nk in model.n)


def _solve_conditions(model: ClusterModel, conditions: Sequence[sp.Expr]) -> tuple[sp.Expr, ...]:
    solution = sp.solve(list(conditions), list(model.n), dict=True)
    if len(solution) != 1:
        raise ArithmeticError(f"expected one stationary point, found {len(solution)}")
    return tuple(sp.factor(solution[0][nk]) for nk in model.n)


def type_optimal_cluster(model: ClusterModel, i: int) -> tuple[sp.Expr, ...]:
    """The type-i optimal cluster (n_1*, ..., n_I*) solving (IV.1); (A.18)-(A.19) for I = 2."""
    return _solve_conditions(model, type_optimal_conditions(model, i))


def contract_curve(model: ClusterModel) -> tuple[sp.Expr, ...]:
    """The I = 2 contract curve (n_1^PE, n_2^PE) as a function of lambda, (A.20)-(A.21).

    Solved from (IV.6)-(IV.7), i.e. (IV.5) with weights (lambda, 1 - lambda).
    """
    if model.I != 2:
        raise ValueError(f"I={model.I}: the contract curve in lambda is defined for I = 2")
    return _solve_conditions(model, pareto_conditions(model, (lam, 1 - lam)))


def type_optimal_locus(model: ClusterModel, i: int, k: int) -> sp.Expr:
    """The locus n_k^{*i}(other n): dV_i/dn_k = 0 solved for n_k, (A.22)-(A.25)."""
    cond = type_optimal_conditions(model, i)[k - 1]
    (solution,) = sp.solve(cond, model.n[k - 1])
    return sp.expand(solution)


# --- Section V -----------------------------------------------------------------------------

def ratio_vector(I: int, J: sp.Expr) -> tuple[sp.Expr, ...]:
    """Symmetric allocation of J identical clusters under adding up, (V.1): n_i = N_i / J."""
    J_sym = sp.Symbol("J", positive=True)
    ns = n(I)
    adding_up = [sp.Eq(J_sym * ns[k], N_total(I)[k]) for k in range(I)]
    (solution,) = sp.solve(adding_up, ns, dict=True)
    return tuple(solution[nk].subs(J_sym, J) for nk in ns)


def ratio_line() -> sp.Expr:
    """n_2 on the I = 2 ratio line, (V.2): the ratio vector with J eliminated."""
    J = sp.Symbol("J", positive=True)
    n1, n2 = n(2)
    v1, v2 = ratio_vector(2, J)
    (J_of_n1,) = sp.solve(sp.Eq(n1, v1), J)
    return sp.simplify(v2.subs(J, J_of_n1))


def stability_derivative(model: ClusterModel, i: int) -> sp.Expr:
    """dV_i/dn_i; the stable set S_i is where it is negative (Section V.A)."""
    return type_optimal_conditions(model, i)[i - 1]


@lru_cache(maxsize=None)
def pareto_own_stability_margin(model: ClusterModel, i: int) -> sp.Expr:
    """dV_i/dn_i on the contract surface (IV.5), with lambda_I = 1 - sum of the others (Prop. 2).

    The i-th condition of (IV.5) is solved for c'(N) and substituted into dV_i/dn_i, leaving
    sum_k lambda_k (dg_i/dn_i - dg_k/dn_i). A positive value means the Pareto-efficient
    allocation lies outside the stable set S_i.
    """
    lambdas = weights(model.I)
    lambdas = (*lambdas[:-1], 1 - sp.Add(*lambdas[:-1]))
    cprime = sp.diff(model.c(model.population()), model.n[i - 1])
    surface = pareto_conditions(model, lambdas)[i - 1]
    (cprime_on_surface,) = sp.solve(surface, cprime)
    margin = stability_derivative(model, i).subs(cprime, cprime_on_surface)
    return sp.factor(sp.expand(margin))


# --- Sections VI and VII -------------------------------------------------------------------

def specialized_utility(model: ClusterModel, i: int, k: int, size: sp.Expr) -> sp.Expr:
    """V_i^k(n_k): utility of type i in a city of `size` type-k workers only (Section VI.A)."""
    point = {nk: 0 for nk in model.n}
    point[model.n[k - 1]] = size
    V = utility(model, i)
    return sp.expand(V.subs(point, simultaneous=True))


def specialized_optimum_scale(model: ClusterModel, i: int) -> sp.Expr:
    """n_i^S = argmax V_i^i(n_i), the type-i optimum specialized city (Section VI.A)."""
    s = sp.Symbol("s", positive=True)
    V = specialized_utility(model, i, i, s)
    (solution,) = sp.solve(sp.diff(V, s), s)
    return solution


def specialized_autarky_scale(model: ClusterModel, i: int) -> sp.Expr:
    """n_i^A > 0 with V_i^i(n_i^A) = V_i^i(0), the autarky-equivalent size (Section VI.B)."""
    s = sp.Symbol("s", positive=True)
    V = specialized_utility(model, i, i, s)
    roots = [r for r in sp.solve(sp.Eq(V, V.subs(s, 0)), s) if r != 0]
    if len(roots) != 1:
        raise ArithmeticError(f"expected one positive autarky-equivalent size, got {roots}")
    return roots[0]


def partition_utility(model: ClusterModel, i: int, members: Sequence[int]) -> sp.Expr:
    """V_i in a city holding all N_k workers of each type k in `members`, none of the rest.

    The cities of a partition allocation, Section VII.A; (VII.1)-(VII.2) compare these with
    autarky.
    """
    totals = N_total(model.I)
    point = {nk: (totals[k] if (k + 1) in members else 0) for k, nk in enumerate(model.n)}
    return utility(model, i).subs(point, simultaneous=True)


# --- Appendix ------------------------------------------------------------------------------

def hessian(model: ClusterModel, i: int) -> sp.Matrix:
    """The matrix of second partial derivatives of g_i, (A.4)-(A.6) and footnote 3."""
    return sp.hessian(model.g[i - 1], model.n)


def leading_principal_minors(H: sp.Matrix) -> list[sp.Expr]:
    """Leading principal minors D_1..D_I; H is negative definite iff (-1)^k D_k > 0."""
    return [sp.expand(H[:k, :k].det()) for k in range(1, H.rows + 1)]


def principal_minors(H: sp.Matrix, order: int) -> list[sp.Expr]:
    """All principal minors of the given order (every subset of `order` rows and columns)."""
    from itertools import combinations
    return [sp.expand(H.extract(list(rows), list(rows)).det())
            for rows in combinations(range(H.rows), order)]


def assumption1_difference(model: ClusterModel, i: int, k: int) -> sp.Expr:
    """dg_i/dn_i - dg_i/dn_k at equal employment of all types, (A.7) and Assumption 1."""
    common = sp.Symbol("n_bar", positive=True)
    diff = marginal_product(model, i, i) - marginal_product(model, i, k)
    return sp.simplify(diff.subs({nk: common for nk in model.n}, simultaneous=True))


def assumption2_difference(model: ClusterModel, i: int, k: int) -> sp.Expr:
    """dg_i/dn_i - dg_k/dn_i at any employment vector, (A.8) and Assumption 2."""
    return sp.simplify(marginal_product(model, i, i) - marginal_product(model, k, i))


@lru_cache(maxsize=None)
def optimum_composition_gap(model: ClusterModel, i: int, k: int, kp: int) -> sp.Expr:
    """n_k - n_k' at a type-i optimum, from the difference of two conditions of (IV.1).

    With kp = ... the gap n_k - n_kp; (A.12) is k = i, (A.13) is k, kp both != i. The
    difference of the two conditions is linear in the gap once n_k = n_kp + gap is
    substituted, which is what "after a bit of algebra" does.
    """
    conds = type_optimal_conditions(model, i)
    gap = sp.Symbol("Delta")
    nk, nkp = model.n[k - 1], model.n[kp - 1]
    difference = sp.expand((conds[k - 1] - conds[kp - 1]).subs(nk, nkp + gap))
    (solution,) = sp.solve(difference, gap)
    return sp.factor(solution)
