"""abrs2017 Section 2: primitives, benefits, externalities, Lemma 1, the bundles, the rural
sector (6), and footnotes 10 and 25."""
from __future__ import annotations

import sympy as sp

from .._memo import derived

from .._exprs import as_expr
from ._core import (
    Gamma, L_R, N_R, Phi, Phi_star, T, T_R, Theta, a, a_R, alpha, d, delta, epsilon,
    gamma, log_elasticity, n, n_i, n_p, per_scale, power_root, rho, rho_R, root_scale, sigma,
    t, tau, tau_R, to_ratio, x, y, z,
)

__all__ = [
    "wage", "total_urban_costs", "average_urban_cost", "land_value_per_capita",
    "social_average_benefit", "social_marginal_benefit", "utility",
    "private_average_benefit", "private_marginal_benefit",
    "urban_externality", "fiscal_externality", "total_externality",
    "social_efficient_scale_power", "private_efficient_scale_power",
    "social_efficient_scale", "private_efficient_scale", "zero_marginal_product_scale",
    "fiscal_bundle", "marginal_average_bundle", "max_land_agglomeration_ratio", "bundles",
    "expand_bundles", "social_benefit_at_efficient_scale", "private_benefit_at_private_scale",
    "efficient_scale_elasticity", "efficient_benefit_elasticity", "benefit_cost_ratio_at_scale",
    "rural_output", "rural_wage", "rural_private_benefit", "elasticity_of_substitution",
    "rural_elasticity_of_substitution", "rural_output_limit",
    "monocentric_land_rent", "monocentric_aggregates", "monocentric_cost_normalisation",
    "footnote25_elasticities",
]


# --- 2.2-2.5 primitives -----------------------------------------------------------------------

@derived
def wage(n_=n, a_=a) -> sp.Expr:
    """Gross output per worker w(n, a) = a n^epsilon, Section 2.2 (a primitive)."""
    return a_ * n_ ** epsilon


@derived
def total_urban_costs(n_=n) -> sp.Expr:
    """Total urban costs n^(1+gamma) of a city of size n, Section 2.3 (a primitive)."""
    return n_ ** (1 + gamma)


@derived
def average_urban_cost() -> sp.Expr:
    """Average urban cost n^gamma = total urban costs / n, Section 2.3."""
    return sp.powsimp(total_urban_costs() / n)


@derived
def land_value_per_capita() -> sp.Expr:
    """Differential shadow price of land gamma n^gamma: marginal minus average urban cost, 2.3."""
    return sp.expand(sp.diff(total_urban_costs(), n) - average_urban_cost())


@derived
def social_average_benefit() -> sp.Expr:
    """sab(n, a) = w(n, a) - n^gamma, Section 2.3."""
    return wage() - average_urban_cost()


@derived
def social_marginal_benefit() -> sp.Expr:
    """smb(n, a) = d[n sab(n, a)]/dn, abrs2017 eq. (1)."""
    return sp.expand(sp.diff(n * social_average_benefit(), n))


@derived
def utility() -> sp.Expr:
    """u(n, a) of eq. (2): after-tax wage, discounted commuting cost, the share rho of the
    discounted land value a migrant pays, and the rebate T."""
    return ((1 - tau) * wage() - (1 - delta) * average_urban_cost()
            - rho * (1 - delta) * land_value_per_capita() + T)


@derived
def private_average_benefit() -> sp.Expr:
    """pab(n, a) = u(n, a) - T, eq. (2)."""
    return sp.expand(utility() - T)


@derived
def private_marginal_benefit() -> sp.Expr:
    """pmb(n, a) = d[n pab(n, a)]/dn (Lemma 1)."""
    return sp.expand(sp.diff(n * private_average_benefit(), n))


@derived
def urban_externality() -> sp.Expr:
    """smb - sab: agglomeration and congestion within cities, Section 2.5."""
    return sp.expand(social_marginal_benefit() - social_average_benefit())


@derived
def fiscal_externality() -> sp.Expr:
    """sab - pab: taxes, land purchases and discounts across cities, Section 2.5."""
    return sp.expand(social_average_benefit() - private_average_benefit())


@derived
def total_externality() -> sp.Expr:
    """smb - pab, the sum of the two terms of Section 2.5."""
    return sp.expand(social_marginal_benefit() - private_average_benefit())


# --- Lemma 1 ----------------------------------------------------------------------------------

@derived
def social_efficient_scale_power() -> sp.Expr:
    """n_i(a)^(gamma-eps) from smb = sab (Lemma 1); linear in a."""
    return power_root(social_marginal_benefit() - social_average_benefit())


@derived
def private_efficient_scale_power() -> sp.Expr:
    """n_p(a)^(gamma-eps) from pmb = pab (Lemma 1)."""
    return power_root(private_marginal_benefit() - private_average_benefit())


@derived
def social_efficient_scale() -> sp.Expr:
    """Social efficient scale n_i(a) solving smb = sab, abrs2017 eq. (3). Assumes gamma > eps."""
    return root_scale(social_efficient_scale_power())


@derived
def private_efficient_scale() -> sp.Expr:
    """Private efficient scale n_p(a) solving pmb = pab, abrs2017 eq. (3).

    Assumes gamma > epsilon and Phi > 0 (else the base is negative and there is no scale)."""
    return root_scale(private_efficient_scale_power())


@derived
def zero_marginal_product_scale() -> sp.Expr:
    """n_0(a): smb = 0, the size with zero marginal net production, Lemma 2 (v)."""
    return root_scale(power_root(social_marginal_benefit()))


@derived
def fiscal_bundle() -> sp.Expr:
    """Phi = (n_p/n_i)^(gamma-eps), the ratio that makes n_p = n_i Phi^(1/(gamma-eps)), eq. (3)."""
    return sp.factor(sp.cancel(private_efficient_scale_power() / social_efficient_scale_power()))


@derived
def marginal_average_bundle() -> sp.Expr:
    """Phi_* = n_0(a)^(gamma-eps)/a, i.e. n_0 = (a Phi_*)^(1/(gamma-eps)), Lemma 2 (iv)-(v)."""
    return sp.factor(sp.cancel(power_root(social_marginal_benefit()) / a))


@derived
def max_land_agglomeration_ratio() -> sp.Expr:
    """Gamma = (n_0/n_i)^(gamma-eps), the upper end of v_* = (n_*/n_i)^(gamma-eps), eq. (14)-(15).

    Equals (gamma/eps) Phi_*, the definition printed in (14)."""
    return sp.factor(sp.cancel(power_root(social_marginal_benefit())
                               / social_efficient_scale_power()))


@derived
def bundles() -> dict:
    """The derived values of the bundle symbols {Phi, Phi_*, Gamma}."""
    return {Phi: fiscal_bundle(), Phi_star: marginal_average_bundle(),
            Gamma: max_land_agglomeration_ratio()}


@derived
def expand_bundles(expr: sp.Expr) -> sp.Expr:
    """expr with Phi, Phi_*, Gamma replaced by their derived values (for printed forms)."""
    return as_expr(expr, "expand_bundles").subs(bundles(), simultaneous=True)


@derived
def social_benefit_at_efficient_scale() -> sp.Expr:
    """sab_i(a) = sab[n_i(a), a], abrs2017 eq. (4), as a multiple of n_i(a)^gamma."""
    ratio = per_scale(to_ratio(social_average_benefit(), social_efficient_scale_power(), n_i, x),
                      n_i).subs(x, 1)
    return sp.factor(ratio) * social_efficient_scale() ** gamma


@derived
def private_benefit_at_private_scale() -> sp.Expr:
    """pab_p(a) = pab[n_p(a), a], abrs2017 eq. (4), as a multiple of n_p(a)^gamma. Phi > 0."""
    ratio = per_scale(to_ratio(private_average_benefit(), private_efficient_scale_power(), n_p,
                               y), n_p).subs(y, 1)
    return sp.factor(ratio) * private_efficient_scale() ** gamma


@derived
def efficient_scale_elasticity(private: bool = False) -> sp.Expr:
    """d ln n_i / d ln a (or of n_p), abrs2017 eq. (5)."""
    scale = private_efficient_scale() if private else social_efficient_scale()
    return sp.factor(log_elasticity(scale, a))


@derived
def efficient_benefit_elasticity(private: bool = False) -> sp.Expr:
    """d ln sab_i / d ln a (or d ln pab_p / d ln a), abrs2017 eq. (5)."""
    benefit = private_benefit_at_private_scale() if private else social_benefit_at_efficient_scale()
    return sp.factor(log_elasticity(benefit, a))


@derived
def benefit_cost_ratio_at_scale(private: bool = False) -> sp.Expr:
    """a n^eps / n^gamma at n_i, or Phi a n^eps / n^gamma (private benefit over private cost)
    at n_p: both gamma/eps (text after Lemma 1)."""
    if private:
        pab = private_average_benefit()
        benefit = pab.coeff(n ** epsilon) * n ** epsilon
        cost = sp.expand(benefit - pab)
        power, scale, ratio = private_efficient_scale_power(), n_p, y
    else:
        benefit, cost = wage(), average_urban_cost()
        power, scale, ratio = social_efficient_scale_power(), n_i, x
    b, c = (per_scale(to_ratio(e, power, scale, ratio), scale).subs(ratio, 1)
            for e in (benefit, cost))
    return sp.factor(sp.cancel(b / c))


# --- 2.6 rural sector -------------------------------------------------------------------------

@derived
def _ces_exponent(exponent: str) -> sp.Expr:
    if exponent == "printed":
        return (1 - sigma) / sigma
    if exponent == "textbook":
        return (sigma - 1) / sigma
    raise ValueError(f"exponent={exponent!r}: must be 'printed' or 'textbook'")


@derived
def rural_output(exponent: str = "printed") -> sp.Expr:
    """X^R = a^R N^R [(1-alpha) + alpha (L^R/N^R)^r]^(1/r), eq. (6) (a primitive).

    exponent="printed": r = (1-sigma)/sigma as printed in (6); "textbook": r = (sigma-1)/sigma,
    the CES whose elasticity of substitution is sigma.
    """
    r = _ces_exponent(exponent)
    return a_R * N_R * ((1 - alpha) + alpha * (L_R / N_R) ** r) ** (1 / r)


@derived
def rural_wage(exponent: str = "printed") -> sp.Expr:
    """w_R = F'(N^R), Section 2.6."""
    return sp.diff(rural_output(exponent), N_R)


@derived
def rural_private_benefit() -> sp.Expr:
    """u^R = (1-tau^R) F' + (1-rho^R)(F - N^R F')/N^R + T^R, Section 2.6, F left general."""
    Fn = sp.Function("F")(N_R)
    Fp = sp.diff(Fn, N_R)
    return sp.expand((1 - tau_R) * Fp + (1 - rho_R) * (Fn - N_R * Fp) / N_R + T_R)


@derived
def elasticity_of_substitution(X: sp.Expr, labour=N_R, land=L_R) -> sp.Expr:
    """d ln(L/N) / d ln(F_N/F_L) for a constant-returns X(N, L)."""
    r = sp.Dummy("r", positive=True)
    mrs = (sp.diff(X, labour) / sp.diff(X, land)).subs(land, r * labour)
    mrs = sp.powsimp(sp.expand_power_base(sp.simplify(mrs)))
    if mrs.has(labour):
        raise ArithmeticError("X is not homogeneous of degree one")
    return sp.simplify(mrs / (r * sp.diff(mrs, r)))


@derived
def rural_elasticity_of_substitution(exponent: str = "printed") -> sp.Expr:
    """Elasticity of substitution of (6): sigma/(2 sigma - 1) as printed, sigma for the textbook
    exponent."""
    return sp.factor(elasticity_of_substitution(rural_output(exponent)))


@derived
def rural_output_limit(sigma_to, exponent: str = "printed", ratio=None) -> sp.Expr:
    """lim X^R as sigma -> sigma_to (0 or oo), Section 2.6.

    Taken in the CES exponent r: X^R = a^R N^R exp[(1/r) ln((1-alpha) + alpha q^r)], q = L/N.
    When r runs off to +-oo the limit is max/min(N, L) and needs a numeric `ratio` q.
    """
    p = sp.Dummy("p", real=True)
    q = L_R / N_R if ratio is None else as_expr(ratio, "ratio")
    r_lim = sp.limit(_ces_exponent(exponent), sigma, sigma_to, "+" if sigma_to == 0 else "-")
    if r_lim.is_infinite and ratio is None:
        raise ValueError(f"sigma -> {sigma_to}: the limit is max/min(N, L); pass a numeric ratio")
    log_phi = sp.log((1 - alpha) + alpha * q ** p) / p
    value = sp.limit(log_phi, p, r_lim)
    return sp.simplify(a_R * N_R * sp.exp(value))


# --- footnote 10: monocentric city --------------------------------------------------------------

@derived
def monocentric_land_rent() -> sp.Expr:
    """R(z): R(z) + t z^(2 gamma) equal at every z, R = 0 at the fringe sqrt(n/(d Theta)), fn 10."""
    fringe = sp.sqrt(n / (d * Theta))
    level = sp.Symbol("level")
    R = level - t * z ** (2 * gamma)
    (lev,) = sp.solve(sp.Eq(R.subs(z, fringe), 0), level)
    return sp.expand_power_base(R.subs(level, lev), force=True)


@derived
def monocentric_aggregates(per: str = "resident") -> dict:
    """AUC, ACC, ALR of the radial city of footnote 10.

    The fringe sqrt(n/(d Theta)) puts n/d = Theta z_f^2 units of land inside it, so the ring at
    z holds 2 Theta z dz units of land and d times as many residents. per="resident" sums the
    commuting cost t z^(2 gamma) and the rent R(z) over residents (consistent with density d);
    per="land" sums them over units of land (the same when d = 1).
    """
    if per not in ("resident", "land"):
        raise ValueError(f"per={per!r}: must be 'resident' or 'land'")
    fringe = sp.sqrt(n / (d * Theta))
    weight = 2 * Theta * z * (d if per == "resident" else 1)
    acc = sp.integrate(t * z ** (2 * gamma) * weight, (z, 0, fringe))
    alr = sp.integrate(monocentric_land_rent() * weight, (z, 0, fringe))
    out = {"ACC": acc, "ALR": alr, "AUC": acc + alr}
    return {k: sp.factor(sp.powsimp(sp.expand_power_base(sp.expand(e), force=True), force=True))
            for k, e in out.items()}


@derived
def monocentric_cost_normalisation(per: str = "resident", target: str = "AUC") -> sp.Expr:
    """The t that makes aggregate `target` (AUC or ACC) equal n^(1+gamma), footnote 10."""
    (sol,) = sp.solve(sp.Eq(monocentric_aggregates(per)[target], n ** (1 + gamma)), t)
    return sp.factor(sp.powsimp(sp.expand_power_base(sol, force=True), force=True))


# --- footnote 25 --------------------------------------------------------------------------------

@derived
def footnote25_elasticities(epsilon_value=sp.Rational(3, 100), gamma_value=sp.Rational(1, 4)
                            ) -> dict:
    """The three elasticities of footnote 25, exactly, at the stated (eps, gamma).

    population: d ln n_p / d ln a, eq. (5); wage: d ln w[n_p(a), a] / d ln a; supply: their
    ratio, the elasticity of population with respect to the wage along n_p(a).
    """
    pop = efficient_scale_elasticity(private=True)
    w_along = wage(private_efficient_scale(), a)
    wag = sp.factor(log_elasticity(w_along, a))
    sup = sp.factor(pop / wag)
    vals = {epsilon: as_expr(epsilon_value, "epsilon_value"), gamma: as_expr(gamma_value, "gamma_value")}
    return {"population_wrt_productivity": pop.subs(vals),
            "wage_wrt_productivity": wag.subs(vals),
            "population_wrt_wage": sup.subs(vals),
            "symbolic": {"population_wrt_productivity": pop, "wage_wrt_productivity": wag,
                         "population_wrt_wage": sup}}


# --- reparametrisation by Phi (internal) ----------------------------------------------------------

@derived
def tau_from_phi() -> sp.Expr:
    """tau as a function of the bundle symbol Phi (inverse of fiscal_bundle); for derivations
    that need Phi > 0 to merge powers of Phi."""
    (sol,) = sp.solve(sp.Eq(Phi, fiscal_bundle()), tau)
    return sol


@derived
def phi_in(expr: sp.Expr) -> sp.Expr:
    """expr with tau eliminated in favour of the positive symbol Phi."""
    return as_expr(expr, "phi_in").subs(tau, tau_from_phi())


@derived
def phi_out(expr: sp.Expr) -> sp.Expr:
    """expr with the symbol Phi replaced by its derived value in (tau, rho, delta, gamma)."""
    return as_expr(expr, "phi_out").subs(Phi, fiscal_bundle())
