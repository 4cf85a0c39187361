"""abrs2017 Appendix A: the change of variables v = (n/n_i)^(gamma-eps), the function
f(v; C) = v^(eps/(gamma-eps)) n_i^gamma (C - v) of (A-1), its maximum, its elasticity (A-2), the
table of n^0 and n^max, and the Appendix-A ("via f") route to the results that the main text
derives directly. Each `*_via_f` function has a direct twin elsewhere in the package; the tests
check that the two agree.
"""
from __future__ import annotations

import sympy as sp

from .._memo import derived

from ._core import (
    C, Phi, _GE, a, a_hat, a_m, a_star, epsilon, gamma, k_m, k_star, log_elasticity, mu, mu_m, n,
    n_hat, n_i, n_i_hat, per_scale, power_root, ratio_to_v, rho, root_scale, tidy_powers,
    to_ratio, v, v_hat, x, y,
)
from .model import (
    phi_in, phi_out, private_average_benefit,
    private_marginal_benefit, social_average_benefit, social_efficient_scale,
    social_efficient_scale_power, social_marginal_benefit,
)
from .optimum import social_scale_ratio_power

__all__ = [
    "BENEFITS", "benefit", "f_benefit", "benefit_decomposition", "benefit_via_f", "f_argmax",
    "f_max", "f_elasticity_in_v", "v_hat_relation", "f_elasticity", "efficient_v",
    "benefit_zero_scale", "benefit_peak_scale", "benefit_zero_scale_via_f",
    "benefit_peak_scale_via_f",
    "optimal_size_elasticity_via_f", "optimal_v_elasticity_via_f", "optimal_multiplier_via_f",
    "optimal_size_implicit_solution_via_f", "optimal_social_average_benefit_via_f",
    "local_politics_smb_via_f", "local_politics_smb_ratio_via_f",
    "free_migration_size_elasticity_via_f", "free_migration_implicit_solution_via_f",
    "free_migration_smb_via_f", "free_migration_smb_ratio_via_f",
    "optimal_income_tax_via_f", "optimal_discount_via_f",
]

BENEFITS = ("sab", "smb", "pab", "pmb")


@derived
def benefit(which: str) -> sp.Expr:
    """sab, smb, pab or pmb as a function of (n, a) (Section 2)."""
    table = {"sab": social_average_benefit, "smb": social_marginal_benefit,
             "pab": private_average_benefit, "pmb": private_marginal_benefit}
    if which not in table:
        raise ValueError(f"which={which!r}: must be one of {BENEFITS}")
    return table[which]()


@derived
def f_benefit(v_=v, C_=C) -> sp.Expr:
    """f(v; C) = v^(eps/(gamma-eps)) n_i^gamma (C - v), (A-1) (a definition)."""
    return v_ ** (epsilon / _GE) * n_i ** gamma * (C_ - v_)


@derived
def benefit_decomposition(which: str) -> tuple:
    """(K, C) with benefit = K f(v; C), the four lines of (A-1).

    With a = (gamma/eps) n_i^(gamma-eps) and n = x n_i, a benefit is n_i^gamma (A x^eps + B x^gamma);
    as f / n_i^gamma = C x^eps - x^gamma (x^(gamma-eps) = v), K = -B and C = -A/B.
    """
    per = per_scale(to_ratio(benefit(which), social_efficient_scale_power(), n_i, x), n_i)
    parts = sp.collect(sp.expand(per), [x ** epsilon, x ** gamma], evaluate=False)
    if set(parts) - {x ** epsilon, x ** gamma}:
        raise ArithmeticError(f"{which} is not of the form A x^eps + B x^gamma")
    K = sp.factor(-parts[x ** gamma])
    return K, sp.factor(sp.cancel(parts[x ** epsilon] / K))


@derived
def benefit_via_f(which: str) -> sp.Expr:
    """K f(v; C) for the benefit `which`, the right-hand sides of (A-1)."""
    K, C_ = benefit_decomposition(which)
    return K * f_benefit(v, C_)


@derived
def f_argmax() -> sp.Expr:
    """argmax_v f(v; C), solving df/dv = 0 (Appendix A)."""
    roots = [r for r in sp.solve(sp.diff(f_benefit(), v), v) if r != 0]
    if len(roots) != 1:
        raise ArithmeticError(f"expected one interior stationary point, got {roots}")
    return sp.factor(roots[0])


@derived
def f_max() -> sp.Expr:
    """max_v f(v; C) = f at the argmax, written as (argmax)^(gamma/(gamma-eps)) times the rest."""
    vstar = f_argmax()
    U = sp.Dummy("U", positive=True)              # C = (gamma/eps) U puts the argmax at U
    (C_of_U,) = sp.solve(sp.Eq(vstar, U), C)
    rest = sp.factor(tidy_powers(f_benefit(U, C_of_U) / U ** (gamma / _GE)))
    if rest.has(U):
        raise ArithmeticError("max f is not a power of the argmax")
    return vstar ** (gamma / _GE) * rest


@derived
def f_elasticity_in_v() -> sp.Expr:
    """fhat = (d ln f/d ln v) vhat + (d ln f/d ln n_i) nhat_i, first form of (A-2)."""
    f = f_benefit()
    return sp.factor(log_elasticity(f, v)) * v_hat + sp.factor(log_elasticity(f, n_i)) * n_i_hat


@derived
def v_hat_relation() -> dict:
    """vhat and nhat_i in terms of (nhat, ahat), from v = (n/n_i(a))^(gamma-eps) and n_i(a) (3)."""
    v_na = (n / social_efficient_scale()) ** _GE
    return {v_hat: sp.factor(log_elasticity(v_na, n)) * n_hat
            + sp.factor(log_elasticity(v_na, a)) * a_hat,
            n_i_hat: sp.factor(log_elasticity(social_efficient_scale(), a)) * a_hat}


@derived
def f_elasticity() -> sp.Expr:
    """fhat in (nhat, ahat), the second form of (A-2)."""
    expr = sp.expand(f_elasticity_in_v().subs(v_hat_relation()))
    return sp.collect(expr, [n_hat, a_hat], lambda c: sp.factor(sp.cancel(c)))


@derived
def _fhat_coefficients(C_value) -> tuple:
    expr = sp.expand(f_elasticity().subs(C, C_value))
    return expr.coeff(n_hat), expr.coeff(a_hat)


@derived
def efficient_v(which: str) -> sp.Expr:
    """v at the peak of a benefit: argmax f(v; C) with its C; v_i = 1 for sab, v_p = Phi for pab."""
    return sp.factor(f_argmax().subs(C, benefit_decomposition(which)[1]))


# --- the table of n^0 and n^max ----------------------------------------------------------------

@derived
def benefit_zero_scale(which: str) -> sp.Expr:
    """n with benefit(n, a) = 0 (upper end of the relevant range), directly from Section 2."""
    return root_scale(power_root(benefit(which)))


@derived
def benefit_peak_scale(which: str) -> sp.Expr:
    """n with d benefit/dn = 0 (its peak, lower end of the relevant range), directly."""
    return root_scale(power_root(n * sp.diff(benefit(which), n)))


@derived
def benefit_zero_scale_via_f(which: str) -> sp.Expr:
    """n at v = C, where f(v; C) = 0 (Appendix A table)."""
    C_ = benefit_decomposition(which)[1]
    return root_scale(sp.factor(C_ * social_efficient_scale_power()))


@derived
def benefit_peak_scale_via_f(which: str) -> sp.Expr:
    """n at v = argmax f(v; C) = (eps/gamma) C (Appendix A table)."""
    return root_scale(sp.factor(efficient_v(which) * social_efficient_scale_power()))


# --- Lemma 2 / Proposition 1 via f ----------------------------------------------------------

@derived
def _ftilde(v_, C_):
    """f(v; C) / n_i^gamma with v = r^(gamma-eps) denested (r a positive symbol)."""
    return tidy_powers(f_benefit(v_, C_) / n_i ** gamma)


@derived
def optimal_size_elasticity_via_f() -> sp.Expr:
    """(14) from (A-2) with C = Gamma (the C of smb) and fhat = 0, in x = n_*/n_i."""
    cn, ca = _fhat_coefficients(benefit_decomposition("smb")[1])
    return sp.factor(sp.cancel(-ca / cn)).subs(v, x ** _GE)


@derived
def optimal_v_elasticity_via_f() -> sp.Expr:
    """(A-6) from the first form of (A-2): fhat = 0, nhat_i = ahat/(gamma-eps), C = Gamma; in v."""
    expr = sp.expand(f_elasticity_in_v().subs(C, benefit_decomposition("smb")[1]))
    cv, ci = expr.coeff(v_hat), expr.coeff(n_i_hat)
    ni_el = log_elasticity(social_efficient_scale(), a)
    return sp.factor(sp.cancel(-ci * ni_el / cv))


@derived
def optimal_multiplier_via_f() -> sp.Expr:
    """(A-4): mu_* = (1+gamma) f(k_*^(gamma-eps); Gamma) with n_i = n_i(a_*)."""
    K, C_ = benefit_decomposition("smb")
    return sp.factor(K * _ftilde(k_star ** _GE, C_)) * social_efficient_scale().subs(
        a, a_star) ** gamma


@derived
def optimal_size_implicit_solution_via_f() -> sp.Expr:
    """(15) as f[k_*^(gamma-eps), Gamma] / f[(n_*/n_i)^(gamma-eps), Gamma] (end of A.1)."""
    C_ = benefit_decomposition("smb")[1]
    return sp.factor(_ftilde(k_star ** _GE, C_)) / sp.factor(_ftilde(x ** _GE, C_))


@derived
def optimal_social_average_benefit_via_f() -> sp.Expr:
    """sab_* = mu_* (sab/smb) at v_*, the ratio of two lines of (A-1) (A.2), in x."""
    ratio = benefit_via_f("sab") / benefit_via_f("smb")
    return mu * sp.factor(sp.cancel(sp.powsimp(ratio))).subs(v, x ** _GE)


# --- Proposition 2 via f ---------------------------------------------------------------------

@derived
def local_politics_smb_via_f() -> sp.Expr:
    """(A-11): smb_p = (1+gamma) f(v_p; Gamma) with v_p = Phi; n_i = n_i(a). Phi > 0."""
    K, C_ = benefit_decomposition("smb")
    vp = phi_in(efficient_v("pab"))
    return phi_out(sp.factor(K * _ftilde(vp, C_))) * social_efficient_scale() ** gamma


@derived
def local_politics_smb_ratio_via_f() -> sp.Expr:
    """(A-11): f(Phi; Gamma)/f(k_*^(gamma-eps); Gamma) (a/a_*)^(gamma/(gamma-eps)). Phi > 0."""
    C_ = benefit_decomposition("smb")[1]
    vp = phi_in(efficient_v("pab"))
    return (phi_out(sp.factor(_ftilde(vp, C_))) / sp.factor(_ftilde(k_star ** _GE, C_))
            * social_scale_ratio_power())


# --- Lemma 3 / Proposition 3 via f -------------------------------------------------------------

@derived
def _y_of_v(expr):
    """Rewrite an expression in v as one in y = n/n_p: v = Phi y^(gamma-eps). Phi > 0."""
    e = tidy_powers(phi_in(expr).subs(v, Phi * y ** _GE))
    return phi_out(ratio_to_v(e, y).subs(v, y ** _GE))


@derived
def free_migration_size_elasticity_via_f(ratio: str = "y") -> sp.Expr:
    """(22) from (A-2) with C = (gamma/eps) Phi (the C of pab) and fhat = 0; in y or x."""
    cn, ca = _fhat_coefficients(benefit_decomposition("pab")[1])
    el_v = sp.factor(sp.cancel(-ca / cn))
    if ratio == "x":
        return el_v.subs(v, x ** _GE)
    if ratio == "y":
        return _y_of_v(el_v)
    raise ValueError(f"ratio={ratio!r}: must be 'y' or 'x'")


@derived
def free_migration_implicit_solution_via_f() -> sp.Expr:
    """(23) as f(Phi k_m^(gamma-eps); C_pab) / f(Phi y^(gamma-eps); C_pab) (A.4). Phi > 0."""
    C_ = phi_in(benefit_decomposition("pab")[1])
    num = _ftilde(Phi * k_m ** _GE, C_)
    den = _ftilde(Phi * y ** _GE, C_)
    return phi_out(sp.factor(tidy_powers(num / den)))


@derived
def free_migration_smb_via_f(ratio: str = "y") -> sp.Expr:
    """(24)/(A-12): smb_m = mu_m (1+gamma) f(v; Gamma) / (K_pab f(v; C_pab)); in y or in v."""
    out = sp.factor(sp.cancel(benefit_via_f("smb") / benefit_via_f("pab")))
    if ratio == "v":
        return mu_m * out
    if ratio == "y":
        return mu_m * _y_of_v(out)
    raise ValueError(f"ratio={ratio!r}: must be 'y' or 'v'")


@derived
def free_migration_smb_ratio_via_f() -> sp.Expr:
    """(A-13): smb_m/smb_* with mu_m = K_pab f(Phi k_m^(gamma-eps); C_pab) at a_m and
    smb_* = (1+gamma) f(k_*^(gamma-eps); Gamma) at a_*; in v. Phi > 0."""
    K_s, C_s = benefit_decomposition("smb")
    K_p, C_p = benefit_decomposition("pab")
    at_v = sp.factor(sp.cancel(benefit_via_f("smb") / benefit_via_f("pab")))
    mu_m_over = phi_in(K_p) * _ftilde(Phi * k_m ** _GE, phi_in(C_p))
    mu_s_over = K_s * _ftilde(k_star ** _GE, C_s)
    scales = social_scale_ratio_power().subs(a, a_m)                 # [n_i(a_m)/n_i(a_*)]^gamma
    out = phi_out(sp.factor(tidy_powers(mu_m_over)) / sp.factor(mu_s_over))
    return at_v * out * scales


# --- Section 4.3 via f -----------------------------------------------------------------------

@derived
def optimal_income_tax_via_f() -> sp.Expr:
    """(27) as 1 - (1+gamma) f(v; Gamma) / f(v; gamma/eps), in x."""
    out = 1 - benefit_via_f("smb") / benefit_via_f("sab")
    return sp.factor(sp.cancel(sp.powsimp(out))).subs(v, x ** _GE)


@derived
def optimal_discount_via_f() -> sp.Expr:
    """(28) as 1 - (1+gamma) f(v; Gamma) / [(1+rho gamma) f(v; gamma/eps)], in x."""
    out = 1 - benefit_via_f("smb") / ((1 + rho * gamma) * benefit_via_f("sab"))
    return sp.factor(sp.cancel(sp.powsimp(out))).subs(v, x ** _GE)
