"""abrs2017 Sections 3.2-3.3: local politics (Proposition 2) and free migration (Lemma 3,
Proposition 3), with the direct routes of Appendix A.3 and A.5.

Ratio coordinates: x = n/n_i(a), y = n/n_p(a); the paper's v is x**(gamma - epsilon) and
(n_m/n_p)**(gamma - epsilon) = y**(gamma - epsilon).
"""
from __future__ import annotations

import sympy as sp

from .._memo import derived

from ._core import (
    Phi, _GE, a, a_m, a_star, epsilon, gamma, k_m, k_star, mu_m, n, n_i, n_p, per_scale,
    power_root, ratio_to_v, rho, root_scale, split_powers, tau, delta, tidy_powers, to_ratio, v,
    w_bar, w_min, x, y,
)
from .model import (
    fiscal_bundle, marginal_average_bundle, phi_in, phi_out, private_average_benefit,
    private_benefit_at_private_scale, private_efficient_scale, private_efficient_scale_power,
    social_average_benefit, social_efficient_scale, social_efficient_scale_power,
    social_marginal_benefit, wage, average_urban_cost,
)
from .optimum import (
    c_min, land_value_ratio_from_relations, social_scale_ratio_power, w,
    _benefit_in_wage_and_cost,
)

__all__ = [
    "local_politics_land_value_ratio", "local_politics_benefits", "local_politics_smb",
    "local_politics_smb_ratio", "local_politics_threshold",
    "free_migration_mobility_condition", "free_migration_margin_benefit",
    "free_migration_minimum_city_size", "free_migration_size_elasticity",
    "free_migration_implicit_solution", "free_migration_size_bounds", "private_zero_scale",
    "free_migration_smb", "free_migration_smb_slope", "free_migration_smb_ratio",
    "free_migration_congestion_wage_relation", "free_migration_margin_cost_wage_ratio",
    "land_value_ratio_free_migration", "k_m_from_land_value_ratio", "land_purchase_threshold",
]


@derived
def _in_p(expr, ratio=y):
    """expr(n, a) / n_p(a)^gamma at n = ratio * n_p(a)."""
    return per_scale(to_ratio(expr, private_efficient_scale_power(), n_p, ratio), n_p)


@derived
def _in_i(expr, ratio=x):
    """expr(n, a) / n_i(a)^gamma at n = ratio * n_i(a)."""
    return per_scale(to_ratio(expr, social_efficient_scale_power(), n_i, ratio), n_i)


@derived
def _v_form(expr, ratio):
    return ratio_to_v(expr, ratio)


@derived
def _y_form(expr):
    """Normalise an expression homogeneous in y, written with y**(gamma - epsilon)."""
    return ratio_to_v(expr, y).subs(v, y ** _GE)


# --- Proposition 2 ---------------------------------------------------------------------------

@derived
def local_politics_land_value_ratio() -> sp.Expr:
    """vbar_p: gamma n^(1+gamma) / (eps a n^(1+eps)) at n = n_p(a), the same at every site,
    so the ratio of the integrals is Phi, Proposition 2 (vi)."""
    land = _in_p(gamma * n ** (1 + gamma) / n)            # per resident, over n_p^gamma
    agglomeration = _in_p(epsilon * a * n ** (1 + epsilon) / n)
    out = sp.cancel(land / agglomeration).subs(y, 1)
    return sp.factor(out)


@derived
def local_politics_benefits() -> dict:
    """pab_p(a) and sab_p(a) = sab[n_p(a), a], both multiples of n_p(a)^gamma, Prop. 2 (v)."""
    sab = sp.factor(_in_p(social_average_benefit()).subs(y, 1)) * private_efficient_scale() ** gamma
    return {"pab": private_benefit_at_private_scale(), "sab": sab}


@derived
def local_politics_smb() -> sp.Expr:
    """smb_p = smb[n_p(a), a] in units of n_i(a)^gamma, first line of (A-11). Assumes Phi > 0."""
    per = _in_i(social_marginal_benefit()).subs(x, Phi ** (1 / _GE))
    per = sp.factor(tidy_powers(per))
    return phi_out(per) * social_efficient_scale() ** gamma


@derived
def local_politics_smb_ratio() -> sp.Expr:
    """smb_p(a) / smb_*, smb_* = mu_* of (A-4), second expression of (A-11). Phi > 0."""
    per_p = sp.factor(tidy_powers(_in_i(social_marginal_benefit()).subs(x, Phi ** (1 / _GE))))
    per_star = _in_i(social_marginal_benefit()).subs(x, k_star)
    return phi_out(per_p) / sp.factor(per_star) * social_scale_ratio_power()


@derived
def local_politics_threshold() -> sp.Expr:
    """The Phi at which n_p(a_*) = n_*(a_*) = k_* n_i(a_*): k_*^(gamma-eps) (A.3, comment
    after Proposition 2)."""
    eq = sp.Eq(phi_in(private_efficient_scale_power()),
               k_star ** _GE * social_efficient_scale_power())
    (sol,) = sp.solve(eq, Phi)
    return sol


# --- Lemma 3 ---------------------------------------------------------------------------------

@derived
def free_migration_mobility_condition() -> sp.Expr:
    """pab(n, a) - mu_m, zero on every inhabited site, eq. (18)."""
    return private_average_benefit() - mu_m


@derived
def free_migration_margin_benefit() -> sp.Expr:
    """pab[n_m(a_m), a_m] (n stands for n_m(a_m)): the level of (20), which is mu_m = u_m - T_m."""
    return private_average_benefit().subs(a, a_m)


@derived
def free_migration_minimum_city_size() -> sp.Expr:
    """n_m(a_m) = k_m n_p(a_m), eq. (21) (the definition of k_m)."""
    return k_m * private_efficient_scale().subs(a, a_m)


@derived
def free_migration_size_elasticity(ratio: str = "y") -> sp.Expr:
    """d ln n_m / d ln a from pab[n_m(a), a] = mu_m, eq. (22), in y = n_m/n_p (or x = n_m/n_i)."""
    pab = private_average_benefit()
    el = -a * sp.diff(pab, a) / (n * sp.diff(pab, n))
    num, den = sp.fraction(sp.cancel(sp.together(el)))
    if ratio == "y":
        return _y_form(_in_p(num) / _in_p(den))
    if ratio == "x":
        return ratio_to_v(_in_i(num) / _in_i(den), x).subs(v, x ** _GE)
    raise ValueError(f"ratio={ratio!r}: must be 'y' or 'x'")


@derived
def free_migration_implicit_solution() -> sp.Expr:
    """(a/a_m)^(gamma/(gamma-eps)) in terms of y = n_m/n_p and k_m, eq. (23).

    pab[y n_p(a), a] = pab[k_m n_p(a_m), a_m] and [n_p(a)/n_p(a_m)]^gamma = (a/a_m)^(...).
    """
    at_a = _in_p(private_average_benefit())
    return sp.factor(at_a.subs(y, k_m)) / sp.factor(at_a)


@derived
def free_migration_size_bounds() -> tuple:
    """(lower, upper) of y = n_m/n_p: k_m at a_m; the root of the denominator of (23)."""
    den = _in_p(private_average_benefit())
    return k_m, root_scale(power_root(den, y))


@derived
def private_zero_scale() -> sp.Expr:
    """(a Phi)^(1/(gamma-eps)): pab = 0, the upper bound of n_m(a) in Lemma 3 (v)."""
    return root_scale(power_root(private_average_benefit()))


@derived
def free_migration_smb() -> sp.Expr:
    """smb_m(a) = mu_m smb/pab at n = y n_p(a), eq. (24), in y."""
    return mu_m * _y_form(_in_p(social_marginal_benefit()) / _in_p(private_average_benefit()))


@derived
def free_migration_smb_slope() -> sp.Expr:
    """d smb_m / dY with Y = y^(gamma-eps); its sign is that of Phi_* - Phi (Prop. 3 (v))."""
    Y = sp.Dummy("Y", positive=True)
    ratio = free_migration_smb().subs(y ** _GE, Y)
    return sp.factor(sp.diff(ratio, Y)).subs(Y, y ** _GE)


@derived
def free_migration_smb_ratio() -> sp.Expr:
    """smb_m(a) / smb_* in v = (n_m/n_i)^(gamma-eps), k_m, k_*, a_m, a_*, eq. (A-13). Phi > 0.

    smb_m = mu_m smb/pab at v (eq. (24) in x-coordinates); mu_m = pab[k_m n_p(a_m), a_m];
    smb_* = mu_* of (A-4).
    """
    ratio_v = _v_form(_in_i(social_marginal_benefit()) / _in_i(private_average_benefit()), x)
    pab_km = sp.factor(_in_p(private_average_benefit()).subs(y, k_m))      # mu_m / n_p(a_m)^g
    smb_ks = sp.factor(_in_i(social_marginal_benefit()).subs(x, k_star))   # mu_* / n_i(a_*)^g
    base = sp.cancel(phi_in(private_efficient_scale_power()).subs(a, a_m)
                     / social_efficient_scale_power().subs(a, a_star))    # Phi a_m / a_*
    scales = sp.expand_power_base(base ** (gamma / _GE), force=True)    # Phi, a_m, a_* > 0
    return ratio_v * pab_km / smb_ks * phi_out(scales)


@derived
def free_migration_congestion_wage_relation() -> sp.Expr:
    """n_m(a)^gamma from equal pab at a and a_m: c_min + Phi (w - w_min), the (A-9) analogue
    (A.5). w = w_m(a), w_min = w_m(a_m), c_min = n_m(a_m)^gamma."""
    c = sp.Symbol("c")
    pab = private_average_benefit()
    (sol,) = sp.solve(sp.Eq(_benefit_in_wage_and_cost(pab, w, c), _benefit_in_wage_and_cost(pab, w_min, c_min)), c)
    return sp.collect(sp.expand(sol), [w, w_min], sp.factor)


@derived
def free_migration_margin_cost_wage_ratio() -> sp.Expr:
    """n_m(a_m)^gamma / w_m(a_m) at n_m(a_m) = k_m n_p(a_m): Phi (eps/gamma) k_m^(gamma-eps)
    (the (A-10) analogue, A.5)."""
    cost = _in_p(average_urban_cost(), k_m)
    wage_ = _in_p(wage(), k_m)
    out = split_powers(tidy_powers(cost / wage_), k_m, epsilon)
    return sp.factor(sp.powsimp(sp.cancel(out)))


@derived
def land_value_ratio_free_migration() -> sp.Expr:
    """vbar_m for general k_m, eq. (25): from the two relations above, as in A.5.

    wbar is the population-weighted mean urban wage, w_min = w_m(a_m) the lowest.
    """
    out = land_value_ratio_from_relations(free_migration_congestion_wage_relation(),
                                          free_migration_margin_cost_wage_ratio())
    K = sp.Dummy("K", positive=True)
    out = sp.collect(out.subs(k_m ** _GE, K), [w_min], sp.factor)
    return out.subs(K, k_m ** _GE)


@derived
def k_m_from_land_value_ratio(vbar: sp.Expr, wage_gap: sp.Expr) -> sp.Expr:
    """k_m solving vbar_m = vbar in (25), with (wbar - w_min)/wbar = wage_gap (Table 3 col. 12)."""
    K = sp.Dummy("K", positive=True)
    wb = sp.Dummy("wb", positive=True)
    expr = land_value_ratio_free_migration().subs(k_m ** _GE, K)
    expr = expr.subs(w_min, wb * (1 - wage_gap)).subs(w_bar, wb)
    (sol,) = sp.solve(sp.Eq(sp.cancel(expr), vbar), K)
    return sol ** (1 / _GE)


@derived
def land_purchase_threshold() -> sp.Expr:
    """The rho with Phi = Phi_* when tau = delta = 0 (Section 3.3, after Prop. 3): above it,
    Phi < Phi_* and large cities are underpopulated with free migration."""
    eq = sp.Eq(fiscal_bundle().subs({tau: 0, delta: 0}), marginal_average_bundle())
    (sol,) = sp.solve(eq, rho)
    return sp.factor(sol)
