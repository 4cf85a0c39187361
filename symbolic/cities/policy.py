"""abrs2017 Section 4 (policy): Proposition 4 and (26), the optimal transfer, the optimal
schedules (27)-(28) and Proposition 5, the A.6 route to k_m^*, and Appendix B (developers).

Ratio coordinate: x = n_*(a)/n_i(a).
"""
from __future__ import annotations

from functools import lru_cache

import sympy as sp

from .._memo import derived

from ._core import (
    Phi, _GE, a, delta, epsilon, gamma, k_star, mu, mu_m, n, n_i, per_scale, ratio_to_v, rho, s,
    tau, tidy_powers, to_ratio, u_d, v, x, y, E_elast,
)
from .equilibria import free_migration_implicit_solution, free_migration_mobility_condition
from .optimum import planner_foc_city_size
from .model import (
    average_urban_cost, fiscal_bundle, land_value_per_capita, marginal_average_bundle,
    private_average_benefit, private_efficient_scale_power, social_average_benefit,
    social_efficient_scale_power, social_marginal_benefit, wage,
)

__all__ = [
    "pab_smb_ratio_at_phi_star", "minimum_city_ratio_free_migration_optimal",
    "minimum_city_ratio_condition", "pigouvian_tax_rate", "congestion_charge_discount",
    "optimal_transfer", "optimal_schedules", "optimal_income_tax_schedule", "optimal_discount_schedule",
    "optimal_discount_schedule_from_phi_one", "discount_minus_tax", "schedule_slopes",
    "developer_subsidy", "developer_profit", "developer_foc", "developer_foc_atomistic",
    "developer_profit_at_foc",
]


@derived
def _in_i(expr, ratio=x):
    return per_scale(to_ratio(expr, social_efficient_scale_power(), n_i, ratio), n_i)


@derived
def _tau_at_phi_star() -> sp.Expr:
    (sol,) = sp.solve(sp.Eq(fiscal_bundle(), marginal_average_bundle()), tau)
    return sol


# --- Proposition 4 and (26) ------------------------------------------------------------------

@derived
def pab_smb_ratio_at_phi_star() -> sp.Expr:
    """pab/smb at any (n, a) when Phi = Phi_* (tau eliminated): a constant, so equal pab across
    sites means equal smb, Proposition 4 (i)."""
    ratio = (_in_i(private_average_benefit()) / _in_i(social_marginal_benefit()))
    out = sp.factor(sp.cancel(ratio.subs(tau, _tau_at_phi_star())))
    if out.has(x):
        raise ArithmeticError("pab/smb varies with city size at Phi = Phi_*")
    return out


@derived
def minimum_city_ratio_free_migration_optimal() -> sp.Expr:
    """k_m^* from n_m(a_*) = k_m n_p(a_*) = k_* n_i(a_*) at Phi = Phi_*, Proposition 4 (ii).

    Direct route: k_m = k_* (n_i/n_p)(a_*) = k_* Phi^(-1/(gamma-eps)), then Phi = Phi_*.
    """
    ratio_power = sp.cancel(social_efficient_scale_power() / private_efficient_scale_power())
    ratio_power = sp.factor(ratio_power.subs(tau, _tau_at_phi_star()))
    return k_star * ratio_power ** (1 / _GE)


@derived
def minimum_city_ratio_condition() -> sp.Expr:
    """The A.6 route: (23) at a = a_m = a_* with n_m = n_* (y = k_* Phi^(-1/(gamma-eps))) must
    give 1; returned as numerator(k_m) - denominator(y), in k_m and k_*, at Phi = Phi_*.
    Zero at k_m = k_m^*. Assumes Phi > 0."""
    rhs = free_migration_implicit_solution()
    num, den = sp.fraction(rhs)
    y_star = k_star * Phi ** (-1 / _GE)
    den_star = sp.expand(sp.powsimp(sp.expand_power_base(den.subs(y, y_star))))
    residual = num - den_star
    out = tidy_powers(residual.subs(Phi, marginal_average_bundle()))
    return out.replace(lambda e: e.is_Pow and e.exp.free_symbols,
                       lambda e: sp.factor(e.base) ** e.exp)


@derived
def pigouvian_tax_rate() -> sp.Expr:
    """tau^* with rho = 1, delta = 0 solving Phi = Phi_*, eq. (26)."""
    (sol,) = sp.solve(sp.Eq(fiscal_bundle().subs({rho: 1, delta: 0}), marginal_average_bundle()),
                      tau)
    return sp.factor(sol)


@derived
def congestion_charge_discount() -> sp.Expr:
    """delta^* with tau = tau^* (= -eps) solving Phi = Phi_* for any rho, eq. (26)."""
    (sol,) = sp.solve(sp.Eq(fiscal_bundle().subs(tau, pigouvian_tax_rate()),
                            marginal_average_bundle()), delta)
    return sp.factor(sol)


# --- 4.3 -------------------------------------------------------------------------------------

@derived
def optimal_transfer() -> sp.Expr:
    """T_*(a) from the two requirements of 4.3: the common utility pab(n, a) + T(a) equals
    smb(n, a) (equal smb, and Delta = 0 at the margin); evaluated at n = n_*(a)."""
    Ta = sp.Symbol("T_a")
    (sol,) = sp.solve(sp.Eq(private_average_benefit() + Ta, social_marginal_benefit()), Ta)
    return sp.expand(sol)


@derived
def optimal_schedules() -> dict:
    """(tau_*(a), delta_*(a)) at n = x n_i(a), in x: the site-specific rates of Section 4.3.

    Derived from three conditions, none of which is the printed (27)-(28):
    - the planner's first-order condition (10), smb[n_*(a), a] = mu, at every occupied site;
    - free migration (18), pab[n(a), a; tau(a), delta(a)] = mu_m on every inhabited site, with
      the extensive margin corrected (the text's Delta = 0), mu_m = mu: so pab = smb at n_*(a);
    - "Phi should be kept equal to one": Phi(tau(a), delta(a), rho) = 1 (Phi of eq. (3)).
    The second and third are solved jointly for (tau, delta); rho is fixed "by local decree".
    """
    return dict(_optimal_schedules())


@lru_cache(maxsize=None)
def _optimal_schedules() -> tuple:
    (mu_opt,) = sp.solve(planner_foc_city_size(), mu)
    migration = free_migration_mobility_condition().subs(mu_m, mu_opt)
    (sol,) = sp.solve([migration, fiscal_bundle() - 1], [tau, delta], dict=True)
    out = {}
    for key, sym in (("tau", tau), ("delta", delta)):
        in_x = to_ratio(sol[sym], social_efficient_scale_power(), n_i, x)
        form = ratio_to_v(in_x, x)
        if form.has(n_i, a):
            raise ArithmeticError(f"{key}_*(a) depends on the scale n_i(a), not only on n_*/n_i")
        out[key] = form.subs(v, x ** _GE)
    return tuple(out.items())


@derived
def optimal_income_tax_schedule() -> sp.Expr:
    """tau_*(a) at n_*(a) = x n_i(a), eq. (27), in x (derived in `optimal_schedules`)."""
    return optimal_schedules()["tau"]


@derived
def optimal_discount_schedule() -> sp.Expr:
    """delta_*(a) at n_*(a) = x n_i(a), eq. (28), in x (derived in `optimal_schedules`)."""
    return optimal_schedules()["delta"]


@derived
def optimal_discount_schedule_from_phi_one() -> sp.Expr:
    """delta solving Phi = 1 with tau = tau_*(a) of (27) ("Phi should be kept equal to one")."""
    V = sp.Dummy("V", positive=True)
    tau_star = optimal_income_tax_schedule().subs(x ** _GE, V)
    (sol,) = sp.solve(sp.Eq(fiscal_bundle().subs(tau, tau_star), 1), delta)
    return sp.factor(sol).subs(V, x ** _GE)


@derived
def discount_minus_tax() -> sp.Expr:
    """delta_*(a) - tau_*(a), in x: >= 0, zero iff rho = 0 (text after (28); Prop. 5 (iii))."""
    out = optimal_discount_schedule() - optimal_income_tax_schedule()
    V = sp.Dummy("V", positive=True)
    return sp.factor(sp.cancel(out.subs(x ** _GE, V))).subs(V, x ** _GE)


@derived
def schedule_slopes() -> dict:
    """d tau_*/dV and d delta_*/dV with V = (n_*/n_i)^(gamma-eps) (Proposition 5 (i)-(ii))."""
    V = sp.Dummy("V", positive=True)
    out = {}
    for key, sched in (("tau", optimal_income_tax_schedule()),
                       ("delta", optimal_discount_schedule())):
        out[key] = sp.factor(sp.diff(sched.subs(x ** _GE, V), V)).subs(V, x ** _GE)
    return out


# --- Appendix B ------------------------------------------------------------------------------

@derived
def developer_subsidy() -> sp.Expr:
    """s from the binding participation constraint u_d = (1-tau) a n^eps - (1-delta)(1+gamma)
    n^gamma + s: residents pay commuting and the full discounted land rent (Appendix B)."""
    constraint = ((1 - tau) * wage() - (1 - delta) * (average_urban_cost() + land_value_per_capita())
                  + s)
    (sol,) = sp.solve(sp.Eq(u_d, constraint), s)
    return sp.expand(sol)


@derived
def developer_profit() -> sp.Expr:
    """pi = (1-delta)(1-rho) gamma n^(1+gamma) - n s with s substituted (Appendix B)."""
    rent = (1 - delta) * (1 - rho) * n * land_value_per_capita()
    return sp.expand(sp.powsimp(rent - n * developer_subsidy()))


@derived
def developer_foc() -> sp.Expr:
    """d pi / dn with u_d = u_d(n) and script-E = n u_d'(n)/u_d, eq. (B-1)."""
    ud = sp.Function("u_d")(n)
    d_pi = sp.diff(developer_profit().subs(u_d, ud), n)
    d_pi = d_pi.subs(sp.Derivative(ud, n), E_elast * ud / n)
    d_pi = sp.expand(sp.powsimp(sp.expand(d_pi)).subs(ud, u_d))
    return sp.collect(d_pi, [u_d, n ** epsilon, n ** gamma], sp.factor)


@derived
def developer_foc_atomistic() -> sp.Expr:
    """(B-1) with script-E = 0 (atomistic developers): eq. (B-2), as d pi/dn = pmb - u_d."""
    return sp.collect(sp.expand(developer_foc().subs(E_elast, 0)), [n ** epsilon, n ** gamma],
                      sp.factor)


@derived
def developer_profit_at_foc() -> sp.Expr:
    """pi with u_d from (B-2): n (pab - pmb), positive iff n > n_p(a) (Appendix B)."""
    (ud,) = sp.solve(developer_foc_atomistic(), u_d)
    return sp.factor(sp.expand(developer_profit().subs(u_d, ud)))
