"""abrs2017 Section 3.1 (centralized optimum): the Lagrangian (8), its first-order conditions
(9)-(12), Lemma 2 (13)-(15), Proposition 1 (16)-(17), and the direct routes of Appendix A.1-A.2.

Ratio coordinate: x = n_*(a)/n_i(a); the paper's v_* is x**(gamma - epsilon).
"""
from __future__ import annotations

import sympy as sp

from .._memo import derived

from ._core import (
    F, N, N_R, N_bar, _GE, a, a_bar, a_star, epsilon, g, gamma, k_star, log_elasticity, mu, n,
    n_i, n_of, per_scale, power_root, ratio_to_v, root_scale, split_powers, tidy_powers, to_ratio,
    v, w_bar, w_min, x,
)
from .model import (
    social_average_benefit, social_efficient_scale, social_efficient_scale_power,
    social_marginal_benefit, wage, average_urban_cost,
)

__all__ = [
    "w", "c_min",
    "planner_lagrangian", "planner_foc_rural", "planner_foc_city_size",
    "planner_foc_extensive_margin", "planner_envelope",
    "minimum_city_ratio_interior", "minimum_city_corner_condition", "minimum_city_size",
    "smb_slope", "smb_slope_in_ratio", "optimal_size_elasticity", "optimal_v_elasticity",
    "social_scale_ratio_power", "optimal_multiplier", "optimal_size_implicit_solution",
    "optimal_size_ratio_bounds", "optimal_smb_at_interior_margin",
    "optimal_social_average_benefit", "optimal_social_average_benefit_at_margin",
    "optimal_sab_elasticity", "lagrangian_excess_integrand", "lagrangian_average_decomposition",
    "adding_up_derivative",
    "optimal_congestion_wage_relation", "marginal_city_cost_wage_ratio",
    "land_value_ratio_from_relations", "land_value_ratio_optimum", "land_value_ratio_optimum_k1",
]

w = sp.Symbol("w", positive=True)          # urban wage w_*(a) = a n_*(a)^eps at a site a
c_min = sp.Symbol("c_min", positive=True)  # n_*(a_*)^gamma, per-capita urban cost at the margin


# --- (8)-(12) --------------------------------------------------------------------------------

@derived
def planner_lagrangian() -> sp.Expr:
    """The planner's Lagrangian (8), with n(a) and the density g(a) of G left general."""
    integrand = n_of(a) * (wage(n_of(a), a) - average_urban_cost().subs(n, n_of(a)))
    return (F(N_R) + sp.Integral(integrand * g(a), (a, a_star, a_bar))
            + mu * (N_bar - N_R - sp.Integral(n_of(a) * g(a), (a, a_star, a_bar))))


@derived
def planner_foc_rural() -> sp.Expr:
    """dL/dN^R = F'(N^R) - mu; with N^R >= 0 and slackness this is (9)."""
    return sp.diff(planner_lagrangian(), N_R)


@derived
def planner_foc_city_size() -> sp.Expr:
    """Pointwise derivative of (8) in n(a), per unit density g(a): smb - mu, (10)/(A-5).

    (8) is linear in its integrals; the pointwise derivative is the sum over integrals of
    (coefficient of the integral) * d(integrand)/dn(a).
    """
    L = planner_lagrangian()
    slot = sp.Dummy("I")
    integrand = sum(sp.diff(L.subs(I, slot), slot) * I.function for I in L.atoms(sp.Integral))
    pointwise = sp.diff(integrand.subs(n_of(a), n), n) / g(a)
    return sp.expand(sp.cancel(pointwise))


@derived
def planner_foc_extensive_margin() -> sp.Expr:
    """dL/da_* by Leibniz's rule, divided by -n(a_*) g(a_*): sab[n(a_*), a_*] - mu, (11)/(A-3).

    Zero at an interior a_*; >= 0 at a_* = lower bound. `n` stands for n(a_*).
    """
    dL = sp.diff(planner_lagrangian(), a_star)
    out = sp.cancel(dL / (-n_of(a_star) * g(a_star)))
    return sp.expand(out.subs(n_of(a_star), n))


@derived
def planner_envelope() -> sp.Expr:
    """dL/dNbar = mu, the envelope result (12)."""
    return sp.diff(planner_lagrangian(), N_bar)


# --- Lemma 2 ---------------------------------------------------------------------------------

@derived
def minimum_city_ratio_interior() -> sp.Expr:
    """k_* when a_* is interior: smb = mu and sab = mu at a_* force smb = sab, so k_* = 1, (13)."""
    gap = per_scale(to_ratio(social_marginal_benefit() - social_average_benefit(),
                             social_efficient_scale_power(), n_i, k_star), n_i)
    roots = sp.solve(gap, k_star)
    if len(roots) != 1:
        raise ArithmeticError(f"expected one positive k_*, got {roots}")
    return roots[0]


@derived
def minimum_city_corner_condition() -> sp.Expr:
    """(sab - smb)/n_i(a_*)^gamma at n = k_* n_i(a_*): >= 0 at a corner a_*, i.e. k_* >= 1, (13)."""
    return sp.factor(per_scale(to_ratio(social_average_benefit() - social_marginal_benefit(),
                                        social_efficient_scale_power(), n_i, k_star), n_i))


@derived
def minimum_city_size() -> sp.Expr:
    """n_*(a_*) = k_* n_i(a_*), eq. (13) (the definition of k_*)."""
    return k_star * social_efficient_scale().subs(a, a_star)


@derived
def smb_slope() -> sp.Expr:
    """d smb / dn, the bracket of the A.2 proof of (iii); negative by the second-order condition."""
    return sp.diff(social_marginal_benefit(), n)


@derived
def smb_slope_in_ratio() -> sp.Expr:
    """n (d smb/dn) / n_i^gamma at n = x n_i: negative iff x^(gamma-eps) > Phi_* (A.1)."""
    return sp.factor(per_scale(to_ratio(n * smb_slope(), social_efficient_scale_power(), n_i, x),
                               n_i))


@derived
def optimal_size_elasticity() -> sp.Expr:
    """d ln n_* / d ln a from smb[n_*(a), a] = mu by implicit differentiation, eq. (14), in x.

    Assumes an interior site (a > a_*) so that (10) holds with equality.
    """
    smb = social_marginal_benefit()
    el = -a * sp.diff(smb, a) / (n * sp.diff(smb, n))
    num, den = sp.fraction(sp.cancel(sp.together(el)))
    num = per_scale(to_ratio(num, social_efficient_scale_power(), n_i, x), n_i)
    den = per_scale(to_ratio(den, social_efficient_scale_power(), n_i, x), n_i)
    return _in_x(num / den)


@derived
def _in_x(expr: sp.Expr) -> sp.Expr:
    """Normalise an expression homogeneous in x by passing through v."""
    return ratio_to_v(expr, x).subs(v, x ** _GE)


@derived
def optimal_v_elasticity() -> sp.Expr:
    """d ln v_* / d ln a with v_* = (n_*/n_i)^(gamma-eps), eq. (A-6), in v. Direct route:
    (gamma-eps)(d ln n_*/d ln a - d ln n_i/d ln a)."""
    ni_el = log_elasticity(social_efficient_scale(), a)
    out = _GE * (optimal_size_elasticity() - ni_el)
    return ratio_to_v(out, x)


@derived
def social_scale_ratio_power() -> sp.Expr:
    """[n_i(a)/n_i(a_*)]^gamma = (a/a_*)^(gamma/(gamma-eps)) (A.1)."""
    power = social_efficient_scale_power()
    return sp.cancel(power / power.subs(a, a_star)) ** (gamma / _GE)


@derived
def optimal_multiplier() -> sp.Expr:
    """mu_* = smb[k_* n_i(a_*), a_*], eq. (A-4), a multiple of n_i(a_*)^gamma."""
    per = per_scale(to_ratio(social_marginal_benefit(), social_efficient_scale_power(), n_i,
                             k_star), n_i)
    return sp.factor(per) * social_efficient_scale().subs(a, a_star) ** gamma


@derived
def optimal_size_implicit_solution() -> sp.Expr:
    """(a/a_*)^(gamma/(gamma-eps)) as a function of x = n_*/n_i and k_*, eq. (15).

    smb[x n_i(a), a] = smb[k_* n_i(a_*), a_*]; both sides are n_i^gamma times a function of
    the ratio, and [n_i(a)/n_i(a_*)]^gamma = (a/a_*)^(gamma/(gamma-eps)).
    """
    at_a = per_scale(to_ratio(social_marginal_benefit(), social_efficient_scale_power(), n_i, x),
                     n_i)
    at_star = at_a.subs(x, k_star)
    return sp.factor(at_star) / sp.factor(at_a)


@derived
def optimal_size_ratio_bounds() -> tuple:
    """(lower, upper) of x = n_*/n_i on a >= a_*: k_* at a = a_*, and the root of the
    denominator of (15) reached as a -> oo, Gamma^(1/(gamma-eps)) (Lemma 2 (v))."""
    den = per_scale(to_ratio(social_marginal_benefit(), social_efficient_scale_power(), n_i, x),
                    n_i)
    return k_star, root_scale(power_root(den, x))


# --- Proposition 1 ---------------------------------------------------------------------------

@derived
def optimal_smb_at_interior_margin() -> sp.Expr:
    """mu_* with k_* = 1 (a_* interior), eq. (16): equals u_i(a_*) = sab_i(a_*)."""
    per = per_scale(to_ratio(social_marginal_benefit(), social_efficient_scale_power(), n_i,
                             k_star), n_i).subs(k_star, 1)
    return sp.factor(per) * social_efficient_scale().subs(a, a_star) ** gamma


@derived
def optimal_social_average_benefit() -> sp.Expr:
    """sab_*(a) = mu_* sab/smb at n = x n_i(a), Proposition 1 (i), in x. Interior a > a_*."""
    sab = per_scale(to_ratio(social_average_benefit(), social_efficient_scale_power(), n_i, x),
                    n_i)
    smb = per_scale(to_ratio(social_marginal_benefit(), social_efficient_scale_power(), n_i, x),
                    n_i)
    return mu * _in_x(sab / smb)


@derived
def optimal_social_average_benefit_at_margin() -> sp.Expr:
    """sab_*(a_*) = sab[k_* n_i(a_*), a_*] (A.2), a multiple of n_i(a_*)^gamma."""
    per = per_scale(to_ratio(social_average_benefit(), social_efficient_scale_power(), n_i,
                             k_star), n_i)
    return sp.factor(per) * social_efficient_scale().subs(a, a_star) ** gamma


@derived
def optimal_sab_elasticity(wrt: str = "v") -> sp.Expr:
    """d ln sab_* / d ln v (the expression printed in A.2) or d ln sab_* / d ln a, in v."""
    sab_v = ratio_to_v(optimal_social_average_benefit() / mu, x)
    el_v = sp.factor(log_elasticity(sab_v, v))
    if wrt == "v":
        return el_v
    if wrt == "a":
        return sp.factor(el_v * optimal_v_elasticity())
    raise ValueError(f"wrt={wrt!r}: must be 'v' or 'a'")


@derived
def lagrangian_excess_integrand() -> sp.Expr:
    """n [sab - mu] with mu = smb substituted (A.2 (ii)): n (gamma n^gamma - eps a n^eps)."""
    return sp.expand(n * (social_average_benefit() - social_marginal_benefit()))


@derived
def lagrangian_average_decomposition() -> tuple:
    """L_* = mu Nbar + [F - N^R F'] + int n (gamma n^gamma - eps a n^eps) dG + residual, A.2 (ii).

    Derived from (8) with the adding-up constraint binding and mu = F'(N^R) (9): returns
    (decomposition, residual) where the residual is one integral of n(a) g(a) [smb - mu],
    which vanishes when (10) holds with equality on [a_*, abar].
    """
    L = planner_lagrangian()
    mu_val = sp.diff(F(N_R), N_R)
    binding = N_R + sp.Integral(n_of(a) * g(a), (a, a_star, a_bar))
    L = L.subs(N_bar, binding).subs(mu, mu_val)
    excess = lagrangian_excess_integrand().subs(n, n_of(a)) * g(a)
    decomposition = (mu_val * N_bar + (F(N_R) - N_R * mu_val)
                     + sp.Integral(excess, (a, a_star, a_bar)))
    diff = sp.expand(L - decomposition.subs(N_bar, binding))
    slot = sp.Dummy("I")
    integrand = sum(sp.diff(diff.subs(I, slot), slot) * I.function
                    for I in diff.atoms(sp.Integral))
    rest = sp.expand(diff.subs({I: 0 for I in diff.atoms(sp.Integral)}))
    if rest != 0:
        raise ArithmeticError(f"terms outside the integrals remain: {rest}")
    residual = sp.Integral(sp.factor(sp.expand(integrand)), (a, a_star, a_bar))
    return decomposition, residual


@derived
def adding_up_derivative() -> sp.Expr:
    """d/dN of int_{a_*(N)}^{abar} n(a, N) dG(a) (Leibniz), the right side of (A-8)."""
    a_of_N = sp.Function("a_*")(N)
    n_aN = sp.Function("n")(a, N)
    return sp.diff(sp.Integral(n_aN * g(a), (a, a_of_N, a_bar)), N)


# --- Proposition 1 (iv): generalized GHV theorem ---------------------------------------------

@derived
def _benefit_in_wage_and_cost(expr: sp.Expr, w_, c_) -> sp.Expr:
    """Rewrite a benefit linear in a n^eps and n^gamma in the wage w and per-capita cost c."""
    e = sp.expand(expr)
    return sp.expand(e.coeff(n ** epsilon) / a * w_ + e.coeff(n ** gamma) * c_)


@derived
def optimal_congestion_wage_relation() -> sp.Expr:
    """n_*(a)^gamma from equal smb at a and a_*: c_min + Phi_* (w - w_min), eq. (A-9).

    w = w_*(a), w_min = w_*(a_*), c_min = n_*(a_*)^gamma.
    """
    c = sp.Symbol("c")
    eq = sp.Eq(_benefit_in_wage_and_cost(social_marginal_benefit(), w, c),
               _benefit_in_wage_and_cost(social_marginal_benefit(), w_min, c_min))
    (sol,) = sp.solve(eq, c)
    return sp.collect(sp.expand(sol), [w, w_min], sp.factor)


@derived
def marginal_city_cost_wage_ratio() -> sp.Expr:
    """n_*(a_*)^gamma / w_*(a_*) at n_*(a_*) = k_* n_i(a_*): (eps/gamma) k_*^(gamma-eps), (A-10)."""
    cost = per_scale(to_ratio(average_urban_cost(), social_efficient_scale_power(), n_i, k_star),
                     n_i)
    wage_ = per_scale(to_ratio(wage(), social_efficient_scale_power(), n_i, k_star), n_i)
    out = split_powers(tidy_powers(cost / wage_), k_star, epsilon)
    return sp.factor(sp.powsimp(sp.cancel(out)))


@derived
def land_value_ratio_from_relations(cost_of_wage: sp.Expr, margin_ratio: sp.Expr) -> sp.Expr:
    """gamma int n^(1+gamma) dG / (eps int a n^(1+eps) dG) given n(a)^gamma = cost_of_wage(w)
    (in w, w_min, c_min) and c_min = margin_ratio * w_min.

    The integrals are linear functionals: int n dG = N and int w n dG = N wbar, wbar being the
    population-weighted mean urban wage; the numerator integrand n * cost_of_wage is linear in
    (n, n w) once c_min is eliminated.
    """
    n_sym, nw = sp.symbols("n_sym nw")
    integrand = sp.expand(n_sym * cost_of_wage.subs(c_min, margin_ratio * w_min), power_exp=False)
    integrand = integrand.subs(n_sym * w, nw)
    parts = sp.collect(integrand, [nw, n_sym], evaluate=False)
    if set(parts) - {nw, n_sym}:
        raise ArithmeticError(f"numerator integrand is not linear in (n, n w): {integrand}")
    numerator = parts.get(nw, 0) * N * w_bar + parts.get(n_sym, 0) * N
    denominator = N * w_bar     # int a n^(1+eps) dG = int w n dG
    return sp.expand(gamma * numerator / (epsilon * denominator), power_exp=False)


@derived
def land_value_ratio_optimum() -> sp.Expr:
    """vbar_* for general k_*, Proposition 1 (iv) / A.2: from (A-9) and (A-10).

    Assumes (10) with equality on [a_*, abar]; wbar is the population-weighted mean urban
    wage and w_min = w_*(a_*) the lowest urban wage.
    """
    out = land_value_ratio_from_relations(optimal_congestion_wage_relation(),
                                          marginal_city_cost_wage_ratio())
    K = sp.Dummy("K", positive=True)
    out = sp.collect(out.subs(k_star ** _GE, K), [w_min], sp.factor)
    return out.subs(K, k_star ** _GE)


@derived
def land_value_ratio_optimum_k1() -> sp.Expr:
    """vbar_* with k_* = 1 (a_* interior), eq. (17)."""
    return sp.collect(sp.expand(land_value_ratio_optimum().subs(k_star, 1)), [w_min], sp.factor)

