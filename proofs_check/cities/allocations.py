"""abrs2017 Section 3: the three allocations. The planner's problem (7)-(12), Lemma 2 and
(13)-(15), Proposition 1 with (16)-(17); local politics and Proposition 2; free migration,
Lemma 3 and (18)-(23), Proposition 3 with (24)-(25); Section 3.4 and Table 1.

Ratio coordinates: x = n/n_i(a), y = n/n_p(a); the paper's (n_*/n_i)^(gamma-eps) is x**(gamma-eps).
Statements that compare allocations (which sites are occupied, whether a city is larger in one
allocation than in another) need the numeric allocations and are left unverified, except where
the comparison follows from closed forms alone (n_p(a) does not depend on the margin) or where a
closed-form witness exposes a printed condition.
"""
from __future__ import annotations

from functools import lru_cache

import mpmath
import sympy as sp

from numeric.precision import decimal_string
from symbolic.cities._core import ratio_to_v
from symbolic.cities.model import phi_in
from ..checks import all_of, identity, sign, undecided
from ..claims import Outcome, Settings, claim
from ..numeric_check import combine
from .benefits import (
    D, E_, GAMMA_ABOVE, sc, GE, HYP_GE, U_, W_, C, Gam, Phi, Phi_s, a, canon, consistent, delta, eps, gam,
    inside, log_sign, n, n_i_printed, phi_printed, primitive, rho, star, tau, v, x, y,
    _ratio_coordinates,
)

R = sp.Rational
k, km = sc.k_star, sc.k_m
a_s, a_m, mu, mu_m = sc.a_star, sc.a_m, sc.mu, sc.mu_m
w_bar, w_min = sc.w_bar, sc.w_min
N, N_R, N_bar = sc.N, sc.N_R, sc.N_bar
F, g, n_of = sc.F, sc.g, sc.n_of
a_lower = sp.Symbol("a_lower", positive=True)
V = sp.Symbol("V", positive=True)          # (n/n_i)^(gamma - eps) as one positive symbol
PHI_S = sc.marginal_average_bundle()
GAMMA = sc.max_land_agglomeration_ratio()
ON_RANGE = "0 < epsilon < gamma, (n_*/n_i)^(gamma-eps) in (1, Gamma)"


def in_V(expr, ratio=x) -> sp.Expr:
    """An expression homogeneous in ratio**(gamma - eps), written in the symbol V."""
    return sp.factor(ratio_to_v(sp.sympify(expr), ratio).subs(v, V))


def on_range(expr, lo=1, hi=GAMMA) -> sp.Expr:
    """expr(V) with V strictly inside (lo, hi) and gamma = eps + e_ (for sign proofs)."""
    return sp.factor(sp.sympify(expr).subs(V, inside(lo, hi)).subs(GAMMA_ABOVE))


def fprime():
    return sp.Derivative(F(N_R), N_R)


# --- (7)-(12) --------------------------------------------------------------------------------------

@claim("abrs2017:7", kind="equation",
       quote=r"$$N = \int_{a}^{\overline{a}} n_{z}(a) dG(a) \quad \text{and} \quad N^{R} + N = \overline{N}.$$",
       note="The lower limit is extracted as a; read as the lower bound \\underline{a} of A (its underline "
            "lost). With n_z(a) = 0 below the margin a_z the integral runs over [a_z, abar].")
def _(s: Settings) -> Outcome:
    L = sc.planner_lagrangian()
    constraint = sp.expand(sp.diff(L, mu))     # Nbar - N^R - int_{a_*} n dG
    printed = N_bar - N_R - sp.Integral(n_of(a) * g(a), (a, a_lower, sc.a_bar))
    # n(a) = 0 on [a_lower, a_*): the printed integral equals the one from a_*.
    printed = printed.subs(sp.Integral(n_of(a) * g(a), (a, a_lower, sc.a_bar)),
                           sp.Integral(n_of(a) * g(a), (a, a_s, sc.a_bar)))
    return identity(printed, constraint, settings=s, domain=D, what="Nbar - N^R - N",
                    verified_detail="The adding-up constraint (7) is the first-order condition of (8) in mu "
                                    "(with n(a) = 0 below the margin a_*), proved.")


@claim("abrs2017:8", kind="equation",
       quote=r"$$\mathcal{L} \equiv F(N^R) + \int_{a_*}^{\overline{a}} n(a) \left[an(a)^{\epsilon} - n(a)^{\gamma} \right] dG(a) + \mu \left[\overline{N} - N^R - \int_{a_*}^{\overline{a}} n(a) dG(a) \right]. \tag{8}$$")
def _(s: Settings) -> Outcome:
    na = n_of(a)
    printed = (F(N_R) + sp.Integral(na * (a * na ** eps - na ** gam) * g(a), (a, a_s, sc.a_bar))
               + mu * (N_bar - N_R - sp.Integral(na * g(a), (a, a_s, sc.a_bar))))
    return identity(printed, sc.planner_lagrangian(), settings=s, domain=D, normalize=_expand_integrals,
                    what="the Lagrangian",
                    verified_detail="Rural output plus the urban social product n sab(n, a) integrated over "
                                    "occupied sites, with the adding-up constraint: the printed (8) (proved).")


def _expand_integrals(expr) -> sp.Expr:
    """Split integrals of sums into sums of integrals (linearity), integrands expanded."""
    def split(I):
        lims = I.limits
        return sp.Add(*[sp.Integral(t, *lims) for t in sp.Add.make_args(sp.expand(I.function))])
    return sp.expand(sp.sympify(expr).replace(lambda e: isinstance(e, sp.Integral), split))


@claim("abrs2017:9", kind="equation",
       quote=r"$$\mu_* \ge F'(N_*^R), \quad N_*^R \ge 0,$$")
def _(s: Settings) -> Outcome:
    return identity(fprime() - mu, sc.planner_foc_rural(), settings=s, domain=D,
                    what="F'(N^R) - mu (non-positive by (9))",
                    verified_detail="dL/dN^R = F'(N^R) - mu; maximising over N^R >= 0 requires it to be <= 0 "
                                    "with complementary slackness: the printed (9) (proved).")


@claim("abrs2017:10", kind="equation",
       quote=r"$$smb[n_*(a), a] \equiv a(1+\epsilon)n_*(a)^{\epsilon} - (1+\gamma)n_*(a)^{\gamma} \le \mu_*, \quad n_*(a) \ge 0.$$")
def _(s: Settings) -> Outcome:
    printed = a * (1 + eps) * n ** eps - (1 + gam) * n ** gam - mu
    return identity(printed, sc.planner_foc_city_size(), settings=s, domain=D,
                    what="smb - mu (non-positive by (10))",
                    verified_detail="The pointwise derivative of (8) in n(a), per unit density, is smb - mu; "
                                    "with n(a) >= 0 the Kuhn-Tucker condition is the printed (10) (proved).")


def _sab_gap_derivative() -> Outcome:
    """(gamma/eps - 1) - [(gamma/eps) k^eps - k^gamma] has derivative gamma k^(eps-1)(k^(gamma-eps) - 1)."""
    gap = (gam / eps - 1) - (gam / eps * k ** eps - k ** gam)
    return sp.factor(sp.diff(gap, k)), gap.subs(k, 1)


@claim("abrs2017:11", kind="equation",
       quote=r"$$\mu_* = a_* n_* (a_*)^{\epsilon} - n_* (a_*)^{\gamma} \le \left(\frac{\gamma}{\epsilon} - 1\right) n_i (a_*)^{\gamma} = u_i(a_*). \tag{11}$$",
       note="u_i(a_*) is the sab_i(a_*) of Lemma 1 (ii).")
def _(s: Settings) -> Outcome:
    margin = identity(a_s * n ** eps - n ** gam - mu, sc.planner_foc_extensive_margin(), settings=s, domain=D,
                      what="sab[n(a_*), a_*] - mu")
    bound = identity((gam / eps - 1) * n_i_printed().subs(a, a_s) ** gam,
                     sc.social_benefit_at_efficient_scale().subs(a, a_s), settings=s, domain=D,
                     normalize=canon, what="u_i(a_*) = sab_i(a_*)")
    slope, at1 = _sab_gap_derivative()
    peak = identity((slope, at1), (gam * k ** (eps - 1) * (k ** GE - 1), 0), settings=s, domain=D,
                    normalize=lambda e: sp.factor(sp.powsimp(sp.expand(e))),
                    what="(d/dk, value at k = 1) of sab_i - sab at n = k n_i, per n_i^gamma")
    return all_of([margin, bound, peak], shown=margin, summary=(
        "dL/da_* (Leibniz) gives mu = sab[n(a_*), a_*] at an interior margin (>= at a corner); "
        "sab_i(a_*) = (gamma/eps - 1) n_i(a_*)^gamma (Lemma 1); and sab_i - sab[k n_i, a_*] vanishes at k = 1 "
        "with derivative gamma k^(eps-1)(k^(gamma-eps) - 1) n_i^gamma, so it is >= 0 for every k: the "
        "inequality holds (all proved)."))


@claim("abrs2017:12", kind="equation",
       quote=r"$$\mu_* = \frac{\partial}{\partial \overline{N}} \mathcal{L}\left(n_*(a), \mu_*\right) \tag{12}$$")
def _(s: Settings) -> Outcome:
    return identity(mu, sc.planner_envelope(), settings=s, domain=D, what="dL/dNbar",
                    verified_detail="Nbar enters (8) only through mu (Nbar - ...): by the envelope theorem "
                                    "dL_*/dNbar = mu_* (proved).")


# --- Lemma 2 -----------------------------------------------------------------------------------

@claim("abrs2017:Lemma2", kind="lemma", method="numeric",
       quote=r"*There exists a unique solution to equations* (9), (10), and (11), which characterizes the optimal allocation.")
def _(s: Settings) -> Outcome:
    from .structure_numeric import lemma_whole
    return lemma_whole(s, "optimum", "Lemma 2")


@claim("abrs2017:Lemma2(i)", kind="lemma", method="numeric",
       quote=r"(i) Extent of urbanization: There exists a unique urban population size $N_* \in [0, \overline{N}]$;")
def _(s: Settings) -> Outcome:
    from .structure_numeric import lemma_outcome
    return lemma_outcome(s, "optimum", "Lemma 2 (i)", "rural")


@claim("abrs2017:Lemma2(ii)", kind="lemma", method="numeric",
       quote=r"$$N_* = \int_{a_*}^{\overline{a}} n_*(a) \mathrm{d}G(a)$$ , $n_*(a) > 0$ for all $a \ge a_*$, and $n_*(a) = 0$ otherwise;")
def _(s: Settings) -> Outcome:
    from .structure_numeric import lemma_outcome
    return lemma_outcome(s, "optimum", "Lemma 2 (ii)", "threshold")


def _minimum_city(s: Settings) -> Outcome:
    corner = sc.minimum_city_corner_condition()
    form = identity(corner, gam * k ** eps * (k ** GE - 1), settings=s, domain=D,
                    normalize=lambda e: sp.factor(sp.powsimp(sp.expand(e))),
                    what="(sab - smb)/n_i(a_*)^gamma at n = k_* n_i(a_*)")
    return all_of([form], summary=(
        "At the smallest city, (10) holds with equality (n > 0) and (11) gives mu_* <= sab, so "
        "sab - smb >= 0 at n_*(a_*) = k_* n_i(a_*); sab - smb = gamma k_*^eps (k_*^(gamma-eps) - 1) n_i(a_*)^gamma "
        "(proved), which is >= 0 iff k_* >= 1."))


@claim("abrs2017:Lemma2(iii)", kind="lemma", method="symbolic+numeric",
       quote=r"(iii) Minimum city size: the optimal size of the smallest city is no smaller than its efficient scale, i.e.,")
def _(s: Settings) -> Outcome:
    from ..numeric_check import combine
    from .structure_numeric import lemma_outcome
    return combine(_minimum_city(s), lemma_outcome(s, "optimum", "Lemma 2 (iii)", "margin"))


@claim("abrs2017:13", kind="equation",
       quote=r"$$n_*(a_*) = k_* \left(\frac{\epsilon}{\gamma} a_*\right)^{\frac{1}{\gamma - \epsilon}} = k_* n_i(a_*), \quad k_* \ge 1, \tag{13}$$")
def _(s: Settings) -> Outcome:
    size = identity((k * (eps / gam * a_s) ** (1 / GE), k * sc.social_efficient_scale().subs(a, a_s)),
                    (sc.minimum_city_size(), sc.minimum_city_size()), settings=s, domain=D, normalize=canon,
                    what="(the two printed forms of n_*(a_*))")
    return all_of([size, _minimum_city(s)], shown=size, summary=(
        "n_*(a_*) = k_* n_i(a_*) = k_* (eps a_*/gamma)^(1/(gamma-eps)) (the definition of k_*, with n_i of (3)), "
        "and k_* >= 1 because sab - smb = gamma k_*^eps (k_*^(gamma-eps) - 1) n_i(a_*)^gamma must be >= 0 at the "
        "margin by (10)-(11) (proved)."))


@claim("abrs2017:S3.1:k-star-1", kind="text",
       quote=r"with $k_* = 1$ if $a > \underline{a}$.",
       note="The condition is printed as a > \\underline{a}; read as a_* > \\underline{a} (an interior margin), "
            "as the next sentence ('unless all sites are occupied') says.")
def _(s: Settings) -> Outcome:
    return identity(sp.Integer(1), sc.minimum_city_ratio_interior(), settings=s, domain=D, what="k_*",
                    verified_detail="At an interior margin (10) and (11) both hold with equality, so smb = sab at "
                                    "n_*(a_*): the unique positive solution is k_* = 1 (proved).")


def _intensive_margin(s: Settings) -> Outcome:
    el = in_V(sc.optimal_size_elasticity())
    return sign(on_range(el, PHI_S, GAMMA), "positive", settings=s, domain=D,
                hypotheses="(n_*/n_i)^(gamma-eps) in (Phi_*, Gamma), the second-order condition",
                what="d ln n_*/d ln a of (14)")


@claim("abrs2017:Lemma2(iv)", kind="lemma", method="symbolic+numeric",
       quote=r"(iv) Urban intensive margin: For all $a > a_*$, the optimal city size $n_*(a)$ is increasing in a, with")
def _(s: Settings) -> Outcome:
    from ..numeric_check import combine
    from .structure_numeric import lemma_outcome
    return combine(_intensive_margin(s), lemma_outcome(s, "optimum", "Lemma 2 (iv)", "increasing"))


@claim("abrs2017:14", kind="equation",
       quote=r"$$\frac{\widehat{n}_*}{\widehat{a}} = \frac{1}{\gamma} \frac{\Gamma}{(n_*/n_i)^{\gamma-\epsilon} - \Phi_*} > 0, \quad \text{where} \quad \Gamma \equiv \frac{\gamma}{\epsilon} \Phi_* \quad \text{and} \quad \Phi_* = \frac{1+\epsilon}{1+\gamma}; \tag{14}$$")
def _(s: Settings) -> Outcome:
    printed = 1 / gam * Gam / (x ** GE - Phi_s)
    formula = identity(star(printed), sc.optimal_size_elasticity(), settings=s, domain=D, normalize=canon,
                       what="d ln n_*/d ln a")
    twin = identity(sc.optimal_size_elasticity_via_f(), sc.optimal_size_elasticity(), settings=s, domain=D,
                    normalize=canon, what="the f(v; C) route (A-2) against implicit differentiation of (10)")
    bundles = identity((gam / eps * PHI_S, (1 + eps) / (1 + gam)), (GAMMA, PHI_S), settings=s, domain=D,
                       what="(Gamma, Phi_*)")
    out = all_of([formula, twin, bundles, _intensive_margin(s)], shown=formula)
    if out.status == "verified":
        out.detail = ("Implicit differentiation of smb[n_*(a), a] = mu_* gives d ln n_*/d ln a = (1/gamma) Gamma/"
                      "((n_*/n_i)^(gamma-eps) - Phi_*) with Gamma = (gamma/eps) Phi_* and Phi_* = (1+eps)/(1+gamma), "
                      "and the f(v; C) route of Appendix A agrees (proved); it is positive on the second-order "
                      "range (n_*/n_i)^(gamma-eps) > Phi_* (proved).")
    return out


def _implicit_solution(s: Settings) -> Outcome:
    printed = (Gam * k ** eps - k ** gam) / (Gam * x ** eps - x ** gam)
    formula = identity(star(printed), sc.optimal_size_implicit_solution(), settings=s, domain=D,
                       normalize=canon, what="the right side of (15), (a/a_*)^(gamma/(gamma-eps))")
    twin = identity(sc.optimal_size_implicit_solution_via_f(), sc.optimal_size_implicit_solution(), settings=s,
                    domain=D, normalize=canon, what="f[k_*^(gamma-eps); Gamma]/f[v_*; Gamma] (end of A.1)")
    out = all_of([formula, twin], shown=formula)
    if out.status == "verified":
        out.detail = ("smb[n_*(a), a] = smb[k_* n_i(a_*), a_*] with [n_i(a)/n_i(a_*)]^gamma = (a/a_*)^(gamma/(gamma-eps)) "
                      "gives the printed (15); the f(v; C) form of Appendix A agrees (proved).")
    return out


@claim("abrs2017:Lemma2(v)", kind="lemma", method="symbolic+numeric",
       quote=r"(v) Implicit solution: The optimal solution $n_* = n_*(a)$ is implicitly determined by the equation")
def _(s: Settings) -> Outcome:
    from ..numeric_check import combine
    from .structure_numeric import lemma_outcome
    return combine(_implicit_solution(s), lemma_outcome(s, "optimum", "Lemma 2 (v)", "bounds"))


@claim("abrs2017:15", kind="equation",
       quote=r"$$\left(\frac{a}{a_*}\right)^{\frac{\gamma}{\gamma-\epsilon}} = \frac{\Gamma k_*^{\epsilon} - k_*^{\gamma}}{\Gamma(n_*/n_i)^{\epsilon} - (n_*/n_i)^{\gamma}},$$")
def _(s: Settings) -> Outcome:
    return _implicit_solution(s)


@claim("abrs2017:S3.1:ratio-range", kind="text",
       quote=r"for $n_*/n_i \in (1, \Gamma^{1/(\gamma-\epsilon)})$.")
def _(s: Settings) -> Outcome:
    lo, hi = sc.optimal_size_ratio_bounds()
    out = identity(star(Gam ** (1 / GE)), hi, settings=s, domain=D, normalize=canon,
                   what="the upper end of n_*/n_i")
    if out.status == "verified":
        out.detail = (f"n_*/n_i runs from {lo} at a = a_* (>= 1, = 1 at an interior margin) towards the root of the "
                      "denominator of (15), Gamma^(1/(gamma-eps)), reached as a -> oo (proved); for a > a_* it lies "
                      "in the printed interval.")
    return out


@claim("abrs2017:S3.1:ni-le-nstar-lt-n0", kind="text",
       quote=r"For all $a > a_*$, $n_*(a)$ is (weakly) larger than its efficient scale, $n_i(a)$, and lower than the size with zero marginal net production: $n_0(a) \equiv (a\Phi_*)^{1/(\gamma-\epsilon)}$.")
def _(s: Settings) -> Outcome:
    n0 = identity(star((a * Phi_s) ** (1 / GE)), sc.zero_marginal_product_scale(), settings=s, domain=D,
                  normalize=canon, what="n_0(a), where smb = 0")
    ratio = identity(star(Gam ** (1 / GE)), sc.zero_marginal_product_scale() / sc.social_efficient_scale(),
                     settings=s, domain=D, normalize=canon, what="n_0/n_i")
    return all_of([n0, ratio], shown=n0, summary=(
        "smb = 0 at n_0(a) = (a Phi_*)^(1/(gamma-eps)), and n_0/n_i = Gamma^(1/(gamma-eps)), the upper end of "
        "n_*/n_i in (15); the lower end is k_* >= 1 (proved)."))


@claim("abrs2017:S3.1:increasing-in-a-star-garbled", kind="text",
       quote=r"It also shows that, as expected, city size is increasing in site quality a_* .",
       note="Read 'site quality a_*' as 'site quality a' (part (iv) concerns a > a_*).")
def _(s: Settings) -> Outcome:
    return _intensive_margin(s)


def _elasticity_gap():
    el = in_V(sc.optimal_size_elasticity())
    return el, sp.factor(el - 1 / GE)


@claim("abrs2017:S3.1:fig3-gap-increases", kind="text",
       quote=r"Furthermore, the gap between n_i^j — the top of the \cap -curves — and n_*^j — which equalizes the social marginal benefits across cities — increases with a: the agglomeration distortion is worse for better sites.")
def _(s: Settings) -> Outcome:
    _, gap = _elasticity_gap()
    out = sign(on_range(gap), "positive", settings=s, domain=D, hypotheses=ON_RANGE,
               what="d ln n_*/d ln a - d ln n_i/d ln a")
    if out.status == "verified":
        out.detail = ("d ln n_*/d ln a exceeds d ln n_i/d ln a = 1/(gamma-eps) on (n_*/n_i)^(gamma-eps) in (1, Gamma) "
                      f"(the difference is {sp.sstr(gap.subs(V, sp.Symbol('v')))}, proved positive), and n_* >= n_i, "
                      "so d(n_* - n_i)/da = (n_* e_* - n_i e_i)/a > 0.")
    return out


@claim("abrs2017:S3.1:fig4-elasticity", kind="text",
       quote=r"The socially efficient scale, $n_i(a)$, increases with a at a constant rate of $1/(\gamma - \epsilon)$. The optimal population, $n_*(a)$, increases at a much greater, albeit declining rate.")
def _(s: Settings) -> Outcome:
    el, gap = _elasticity_gap()
    rate = identity(1 / GE, sc.efficient_scale_elasticity(), settings=s, domain=D, what="d ln n_i/d ln a")
    greater = sign(on_range(gap), "positive", settings=s, domain=D, hypotheses=ON_RANGE,
                   what="d ln n_*/d ln a - 1/(gamma-eps)")
    declining = sign(on_range(-sp.diff(el, V)), "positive", settings=s, domain=D, hypotheses=ON_RANGE,
                     what="-d/dv of d ln n_*/d ln a")
    return all_of([rate, greater, declining], shown=rate, summary=(
        "d ln n_i/d ln a = 1/(gamma-eps); d ln n_*/d ln a of (14) exceeds it on (n_*/n_i)^(gamma-eps) in (1, Gamma) "
        "and falls as n_*/n_i (which rises with a) grows (all proved). At n_* = n_i it is "
        "(1+eps)/(eps (gamma-eps)), (1+eps)/eps times the efficient rate."))


@claim("abrs2017:S3.1:fig4-N2-gt-N1", kind="text", method="numeric",
       quote=r"With a very high urban population $N_2 > N_1$, all sites become occupied, and all are crowded beyond $n_i(a)$, as the extensive margin is shut down.")
def _(s: Settings) -> Outcome:
    from .structure_numeric import crowded
    return crowded(s)


# --- Proposition 1 -----------------------------------------------------------------------------

@claim("abrs2017:Prop1", kind="proposition", method="symbolic+numeric",
       quote=r"*The normative properties of the optimal allocation characterized by equations* (9), (10), and (11) when $a_* > \underline{a}$ are the following:")
def _(s: Settings) -> Outcome:
    out = identity(sp.Integer(1), sc.minimum_city_ratio_interior(), settings=s, domain=D, what="k_*")
    if out.status == "verified":
        out.detail = ("The hypothesis a_* > a_lower makes the margin interior, so k_* = 1 (proved): the parts "
                      "below are checked with n_*(a_*) = n_i(a_*).")
    from .structure_numeric import lemma_outcome
    return combine(out, lemma_outcome(s, "optimum", "Proposition 1's hypothesis (Lemma 2 (iii))", "margin"))


def _prop1_i(s: Settings) -> Outcome:
    smb_mu = identity(sc.social_marginal_benefit() - mu, sc.planner_foc_city_size(), settings=s, domain=D,
                      what="smb - mu on occupied sites")
    mu_ui = identity((gam / eps - 1) * n_i_printed().subs(a, a_s) ** gam, sc.optimal_smb_at_interior_margin(),
                     settings=s, domain=D, normalize=canon, what="mu_* = smb[n_i(a_*), a_*] against u_i(a_*)")
    rural = identity(fprime() - mu, sc.planner_foc_rural(), settings=s, domain=D, what="F'(N^R) - mu")
    return all_of([mu_ui, smb_mu, rural], shown=mu_ui, summary=(
        "smb = mu_* on every occupied site ((10) with equality), mu_* = smb[n_i(a_*), a_*] = (gamma/eps - 1) "
        "n_i(a_*)^gamma = u_i(a_*) with k_* = 1 (proved: at n_i, smb = sab), and mu_* = F'(N^R) from (9) at an "
        "interior rural-urban split."))


def _prop1_i_numeric(s: Settings) -> Outcome:
    """The computed optimum: smb = mu_* = u_i(a_*) at fixed N, and F'(N^R) = mu_* with the rural sector."""
    from .propositions_numeric import combined
    from .sites_numeric import optimum_levels
    from .structure_numeric import lemma_outcome
    return combined([optimum_levels(s), lemma_outcome(s, "optimum", "Lemma 2 (i)", "rural")])


@claim("abrs2017:Prop1(i)", kind="proposition", method="symbolic+numeric",
       quote=r"$$smb[n_*(a), a] = \mu_* = u_i(a_*) = F'(N_*^R),$$")
def _(s: Settings) -> Outcome:
    return combine(_prop1_i(s), _prop1_i_numeric(s))


@claim("abrs2017:16", kind="equation", method="symbolic+numeric",
       quote=r"$$smb[n_*(a), a] = \mu_* = u_i(a_*) = F'(N_*^R),$$",
       note="The extraction puts the number (16) on the next line.")
def _(s: Settings) -> Outcome:
    return combine(_prop1_i(s), _prop1_i_numeric(s))


@claim("abrs2017:Prop1(i)-sab", kind="proposition", method="symbolic+numeric",
       quote=r"$$sab_*(a) \equiv sab[n_*(a), a] = \mu_* \frac{1}{1 + \epsilon} \frac{\Gamma - \Phi_*(n_*/n_i)^{\gamma - \epsilon}}{\Gamma - (n_*/n_i)^{\gamma - \epsilon}} \ge \mu_*, \quad sab_*'(a) \ge 0;$$")
def _(s: Settings) -> Outcome:
    printed = mu / (1 + eps) * (Gam - Phi_s * x ** GE) / (Gam - x ** GE)
    formula = identity(star(printed), sc.optimal_social_average_benefit(), settings=s, domain=D,
                       normalize=canon, what="sab_*(a)")
    twin = identity(sc.optimal_social_average_benefit_via_f(), sc.optimal_social_average_benefit(), settings=s,
                    domain=D, normalize=canon, what="the ratio of the sab and smb lines of (A-1)")
    above = sign(on_range(in_V(sc.optimal_social_average_benefit() / mu) - 1), "positive", settings=s, domain=D,
                 hypotheses=ON_RANGE, what="sab_*/mu_* - 1")
    rising = sign(on_range(sc.optimal_sab_elasticity("a").subs(v, V)), "positive", settings=s, domain=D,
                  hypotheses=ON_RANGE, what="d ln sab_*/d ln a")
    from .sites_numeric import optimum_sab
    return combine(all_of([formula, twin, above, rising], shown=formula, summary=(
        "sab_* = mu_* (sab/smb) at n_* gives the printed ratio (the f(v; C) route agrees); sab_*/mu_* - 1 = "
        "eps Gamma (v - 1)/((1+eps)(Gamma - v)) > 0 and d ln sab_*/d ln a > 0 for v = (n_*/n_i)^(gamma-eps) in "
        "(1, Gamma), with mu_* > 0 (all proved).")), optimum_sab(s))


def _decreasing_returns(s: Settings) -> Outcome:
    decomposition, residual = sc.lagrangian_average_decomposition()
    excess = _ratio_coordinates(sc.lagrangian_excess_integrand() / n, sc.social_efficient_scale_power(), sc.n_i, x)
    excess = in_V(excess / x ** eps)
    integrand = sign(on_range(excess), "positive", settings=s, domain=D, hypotheses=ON_RANGE,
                     what="(gamma n^gamma - eps a n^eps)/(n_i^gamma x^eps) at n = x n_i")
    envelope = identity(mu, sc.planner_envelope(), settings=s, domain=D, what="dL/dNbar")
    return all_of([envelope, integrand], shown=envelope, summary=(
        "With the constraint binding and mu = F'(N^R), (8) is L_* = mu_* Nbar + [F - N^R F'] + "
        "int n_* (gamma n_*^gamma - eps a n_*^eps) dG + int n g (smb - mu) da, the last term zero by (10) "
        f"(residual {sp.sstr(residual.function)}). F - N^R F' > 0 for strictly concave F with F(0) >= 0, and "
        "gamma n^gamma - eps a n^eps > 0 for n > n_i (proved), so L_*/Nbar > mu_* = dL_*/dNbar (envelope, proved) "
        "whenever some city exceeds n_i or F is strictly concave."))


@claim("abrs2017:Prop1(ii)", kind="proposition", method="symbolic+numeric",
       quote=r"$$\frac{\mathcal{L}_*}{\overline{N}} > \frac{\partial \mathcal{L}_*}{\partial \overline{N}} = \mu_*;$$")
def _(s: Settings) -> Outcome:
    from .statics_numeric import decreasing_returns
    return combine(_decreasing_returns(s), decreasing_returns(s))


def _urban_returns(s: Settings) -> Outcome:
    slope = in_V(sc.smb_slope_in_ratio() / sc.x ** eps)
    soc = sign(on_range(-slope, PHI_S, GAMMA), "positive", settings=s, domain=D,
               hypotheses="(n/n_i)^(gamma-eps) in (Phi_*, Gamma)", what="-n (d smb/dn)/(n_i^gamma x^eps)")
    rising = sign((gam / GE).subs(GAMMA_ABOVE), "positive", settings=s, domain=D, hypotheses=HYP_GE,
                  what="d ln mu_*/d ln a_* = d ln sab_i/d ln a")
    leibniz = sc.adding_up_derivative()
    return all_of([soc, rising], shown=soc, summary=(
        "Differentiating smb[n_*(a), a] = mu_* in N: d mu_*/dN = (d smb/dn) dn_*(a)/dN with d smb/dn < 0 on the "
        "second-order range (proved), so dn_*(a)/dN has the sign opposite to d mu_*/dN; mu_* = sab_i(a_*) rises "
        "with a_* (elasticity gamma/(gamma-eps) > 0, proved), so d mu_*/dN has the sign of da_*/dN. Differentiating "
        f"the adding-up constraint, 1 = {sp.sstr(leibniz)} (Leibniz): the right side is negative if da_*/dN > 0, "
        "hence da_*/dN < 0 and dn_*(a)/dN > 0."))


@claim("abrs2017:Prop1(iii)", kind="proposition", method="symbolic+numeric",
       quote=r"$$\frac{\mathrm{d}a_*}{\mathrm{d}N} < 0$$ and $\frac{\mathrm{d}n_*(a)}{\mathrm{d}N} > 0$ for all $a > a_*$.")
def _(s: Settings) -> Outcome:
    from .statics_numeric import urban_statics
    return combine(_urban_returns(s), urban_statics(s))


def ghv_assumptions() -> str:
    return ("Assumptions of the derivation: (10) holds with equality on every occupied site, so smb is equal at "
            "a and at a_* ((A-9): n_*(a)^gamma = n_*(a_*)^gamma + Phi_* [w_*(a) - w_*(a_*)]); the margin condition "
            "(A-10), n_*(a_*)^gamma = (eps/gamma) k_*^(gamma-eps) w_*(a_*), with k_* = 1 when a_* > a_lower; wbar the "
            "population-weighted mean urban wage int w n dG / int n dG and w_*(a_*) the lowest urban wage; "
            "0 < epsilon < gamma and Phi > 0 (the wedge Phi itself does not enter (17)).")


def _ghv_k1():
    printed = 1 + (w_bar - w_min) / w_bar * (Gam - 1)
    return printed, sc.land_value_ratio_optimum_k1()


@claim("abrs2017:Prop1(iv)", kind="proposition", method="symbolic+numeric",
       quote=r"(iv) Generalized Goerge-Hotelling-Vickrey Theorem: The ratio of the value of urban land to marginal agglomeration externalities is weakly greater than one and equal to",
       note="'Goerge' is the paper's misspelling of George.")
def _(s: Settings) -> Outcome:
    from ..numeric_check import combine
    from .propositions_numeric import land_values
    return combine(_prop1_iv(s), land_values(s, "optimum", "The optimum's land-value ratio equals (17) as printed"))


def _prop1_iv(s: Settings) -> Outcome:
    _, derived = _ghv_k1()
    low = sign(sp.factor((derived - 1).subs(w_min, w_bar / (1 + W_)).subs(GAMMA_ABOVE)), "positive", settings=s,
               domain=D, hypotheses="0 < w_min < wbar, gamma > eps", what="vbar_* - 1")
    if low.status == "verified":
        low.detail = ("vbar_* - 1 = (Gamma - 1)(wbar - w_min)/wbar >= 0, with equality only when the lowest wage "
                      "equals the mean (homogeneous sites); proved for w_min < wbar (Gamma > 1 as gamma > eps). "
                      + ghv_assumptions())
    return low


@claim("abrs2017:17", kind="equation",
       quote=r"$$\bar{v}_* \equiv \frac{\gamma \int_{a_*}^{\bar{a}} n_*^{1+\gamma} dG(a)}{\epsilon \int_{a_*}^{\bar{a}} a n_*^{1+\epsilon} dG(a)} = 1 + \frac{\bar{w}_* - w_*(a_*)}{\bar{w}_*} (\Gamma - 1)$$",
       note="w_*(a_*) is written w_min and wbar_* is written wbar; the printed (17) presumes k_* = 1 (a_* > a_lower).")
def _(s: Settings) -> Outcome:
    printed, derived = _ghv_k1()
    general = sc.land_value_ratio_optimum()
    lhs = (r"\bar{v}_* \equiv \frac{\gamma \int_{a_*}^{\bar{a}} n_*^{1+\gamma} dG(a)}{\epsilon \int_{a_*}^{\bar{a}} "
           r"a n_*^{1+\epsilon} dG(a)} = ")
    formula = identity(star(printed), derived, settings=s, domain=D, normalize=canon, what="vbar_* of (17)",
                       printed_latex=lhs + sp.latex(printed),
                       derived_latex=r"\bar{v}_* = " + sp.latex(derived))
    k1 = identity(general.subs(k, 1), derived, settings=s, domain=D, normalize=canon,
                  what="the general-k_* ratio of A.2 at k_* = 1")
    out = all_of([formula, k1], shown=formula)
    if out.status == "verified":
        out.detail = ("vbar_* = gamma int n_*^(1+gamma) dG / (eps int a n_*^(1+eps) dG) equals 1 + (wbar - w_min)/wbar "
                      "(Gamma - 1) identically, derived as the ratio of the linear functionals int n (c_min + Phi_* "
                      "(w - w_min)) dG and int w n dG (proved); it is the general-k_* formula of A.2 at k_* = 1. "
                      + ghv_assumptions())
    return out


@claim("abrs2017:S3.1:ghv-homogeneous", kind="text",
       quote=r"When cities are homogeneous, the average and lowest urban wage are the same, so that the ratio $\bar{v}_*=1$, meaning that urban land values equal the value of urban agglomeration externalities.")
def _(s: Settings) -> Outcome:
    _, derived = _ghv_k1()
    return identity(sp.Integer(1), derived.subs(w_min, w_bar), settings=s, domain=D, what="vbar_* at w_min = wbar",
                    verified_detail="With the lowest wage equal to the mean, (17) gives vbar_* = 1 (proved).")


@claim("abrs2017:S3.1:ghv-as-high-as-Gamma", kind="text",
       quote=r"When cities are heterogeneous, the average wage is higher than the lowest wage, and land values exceed urban agglomeration benefits, by a ratio as high as Γ .")
def _(s: Settings) -> Outcome:
    _, derived = _ghv_k1()
    at = lambda e: sp.factor(e.subs(w_min, w_bar / (1 + W_)).subs(GAMMA_ABOVE))  # noqa: E731
    above = sign(at(derived - 1), "positive", settings=s, domain=D, hypotheses="0 < w_min < wbar", what="vbar_* - 1")
    below = sign(at(GAMMA - derived), "positive", settings=s, domain=D, hypotheses="0 < w_min < wbar",
                 what="Gamma - vbar_*")
    return all_of([above, below], shown=above, summary=(
        "For 0 < w_min < wbar, 1 < vbar_* = Gamma - (Gamma - 1) w_min/wbar < Gamma (proved); vbar_* -> Gamma as "
        "w_min/wbar -> 0."))


# --- 3.2 Local politics -------------------------------------------------------------------------

@claim("abrs2017:S3.2:local-politics-np", kind="text",
       quote=r"Then, local authorities expand their city only as long as the benefits of doing so outweigh the costs, meaning that they choose the privately efficient scale, $n_p(a)$, described in Lemma 1.")
def _(s: Settings) -> Outcome:
    from symbolic.cities._core import power_root
    peak = power_root(n * sp.diff(sc.private_average_benefit(), n))
    return identity(peak, sc.private_efficient_scale_power(), settings=s, domain=D, normalize=canon,
                    what="n^(gamma-eps) at d pab/dn = 0",
                    verified_detail="Residents' average utility pab + T peaks where d pab/dn = 0, i.e. pmb = pab: "
                                    "the private efficient scale n_p(a) of Lemma 1 (proved).")


@claim("abrs2017:S3.2:ap-threshold", kind="assumption",
       quote=r"We assume that only the best sites are populated in the local politics allocation, namely, there exists $a_p \in A$ such that $n_p(a) > 0$ if and only if $a \ge a_p$ and $n_p(a) = 0$ otherwise.")
def _(s: Settings) -> Outcome:
    return primitive("Which sites the local-politics allocation occupies (a threshold a_p) is assumed.")


@claim("abrs2017:Prop2", kind="proposition", method="symbolic+numeric",
       quote=r"If some sites are unoccupied at the optimum, i.e., $a_* > \underline{a}$, then:")
def _(s: Settings) -> Outcome:
    out = identity(sp.Integer(1), sc.minimum_city_ratio_interior(), settings=s, domain=D, what="k_*")
    if out.status == "verified":
        out.detail = ("With a_* > a_lower the optimal margin is interior and k_* = 1 (proved), so n_*(a_*) = n_i(a_*): "
                      "the benchmark of the comparisons below.")
    from .structure_numeric import lemma_outcome
    return combine(out, lemma_outcome(s, "optimum", "Proposition 2's hypothesis (Lemma 2 (iii))", "margin"))


def _lp_large_undersized(s: Settings, phi_sub, what: str) -> Outcome:
    """n_p(a)/n_*(a) = Phi^(1/(gamma-eps))/x < 1 with x >= 1 (Lemma 2)."""
    return log_sign(sc.private_efficient_scale() / sc.social_efficient_scale() / (1 + W_), "negative",
                    settings=s, substitutions={Phi: phi_sub, **GAMMA_ABOVE}, what=what,
                    hypotheses="n_*/n_i = 1 + w_ >= 1 on a >= a_*")


@claim("abrs2017:Prop2(i)", kind="proposition", method="symbolic+numeric",
       quote=r"(i) If $\Phi < 1$, large cities are undersized and there are too many cities. The excess small cities are oversized by virtue of existing;")
def _(s: Settings) -> Outcome:
    from .propositions_numeric import Part, comparisons, with_proof
    sizes = _lp_large_undersized(s, 1 / (1 + U_), "n_p(a)/n_*(a) for Phi < 1")
    if sizes.status == "verified":
        sizes.detail = ("Sizes: n_p(a) = Phi^(1/(gamma-eps)) n_i(a) < n_i(a) <= n_*(a) on every site a >= a_* (proved), "
                        "so all optimally occupied sites, large cities included, are undersized.")
    lt1 = ("phi-lt-phistar", "phi-eq-phistar", "phi-in-phistar-1")
    return with_proof(sizes, comparisons(s, "Proposition 2 (i)", [
        Part("local-politics", lt1, "undersized"), Part("local-politics", lt1, "too-many"),
        Part("local-politics", lt1, "small-oversized", heterogeneous=True)]))


@claim("abrs2017:Prop2(ii)", kind="proposition", method="symbolic+numeric",
       quote=r"(ii) If $\Phi = 1$, the optimum is achieved if sites are homogeneous. With site heterogeneity, there are too many cities, with large cities being undersized and small cities being oversized;")
def _(s: Settings) -> Outcome:
    same = identity(canon(sc.private_efficient_scale()).subs(Phi, 1), sc.social_efficient_scale(), settings=s,
                    domain=D, normalize=canon, what="n_p(a) at Phi = 1")
    from .propositions_numeric import Part, comparisons, with_proof
    if same.status == "verified":
        same.detail = ("With Phi = 1, n_p = n_i (proved), which is the optimum when all sites are alike (k_* = 1) and "
                       "below n_*(a) for a > a_*, where n_*/n_i > 1 (Lemma 2).")
    eq1 = ("phi-eq-1",)
    return with_proof(same, comparisons(s, "Proposition 2 (ii)", [
        Part("local-politics", eq1, "optimal", heterogeneous=False),
        Part("local-politics", eq1, "too-many", heterogeneous=True),
        Part("local-politics", eq1, "undersized", heterogeneous=True),
        Part("local-politics", eq1, "small-oversized", heterogeneous=True)]))


def _solve_on(expr, var, target, lo, hi, dps=40):
    """The root in (lo, hi) of expr(var) = target (expr monotone there), by bisection with mpmath."""
    f = sp.lambdify(var, expr - target, modules="mpmath")
    with mpmath.workdps(dps):
        lo_, hi_ = mpmath.mpf(str(sp.N(lo, dps))), mpmath.mpf(str(sp.N(hi, dps)))
        return mpmath.findroot(f, (lo_, hi_), solver="anderson")


@lru_cache(maxsize=None)
def _lp_witness():
    """A finite abar with 1 < Phi < Gamma where the best city is oversized under local politics."""
    vals = {eps: R(3, 100), gam: R(1, 4)}
    phi = sp.Integer(2)
    G = GAMMA.subs(vals)
    rhs = sc.optimal_size_implicit_solution().subs(k, 1).subs(vals)      # (a/a_*)^(gamma/(gamma-eps)) of x
    ge = GE.subs(vals)
    x_p = phi ** (1 / ge)                                                # n_p/n_i
    threshold = (rhs.subs(x, x_p)) ** (ge / gam.subs(vals))             # a/a_* where n_* = n_p
    ratio = (1 + threshold) / 2                                          # abar/a_* below it
    x_star = _solve_on(rhs, x, ratio ** (gam.subs(vals) / ge), 1, G ** (1 / ge))
    over = mpmath.mpf(str(sp.N(x_p, 40))) / x_star
    return vals, phi, sp.N(threshold, 30), sp.nsimplify(sp.N(ratio, 12), rational=True), over


@claim("abrs2017:Prop2(iii)", kind="proposition", method="symbolic+numeric",
       quote=r"(iii) If $1 < \Phi < \Gamma$, there are too few cities that are all oversized if sites are homogeneous. With site heterogeneity, small cities are oversized, there are (generically) too many or too few cities, and large cities are undersized if $\overline{a} < \infty$.")
def _(s: Settings) -> Outcome:
    vals, phi, threshold, ratio, over = _lp_witness()
    if over <= 1:
        return undecided("The closed-form witness for the condition 'abar < oo' was not found.")
    detail = ("Large cities are undersized only if abar is large enough, not whenever abar < oo: n_p(a)/n_i(a) = "
              "Phi^(1/(gamma-eps)) is constant while n_*(a)/n_i(a) rises from 1 at a_* towards Gamma^(1/(gamma-eps)) "
              "(15), so n_*(a) < n_p(a) on every site below the a where (15) gives n_*/n_i = Phi^(1/(gamma-eps)). At "
              f"eps = 0.03, gamma = 0.25, Phi = 2 that site is a = {mpmath.nstr(mpmath.mpf(str(threshold)), 8)} a_*; "
              f"with the finite abar = {sp.N(ratio, 10)} a_* (an N small enough puts a_* there) the best city has "
              f"n_p(abar)/n_*(abar) = {mpmath.nstr(over, 10)} > 1, oversized like all others. Table 1 qualifies "
              "the cell with 'if abar is sufficiently large', and A.3 needs A unbounded. Small cities are oversized "
              "(n_p(a_*) = Phi^(1/(gamma-eps)) n_i(a_*) > n_*(a_*), proved in Table 1); the number of cities needs the "
              "numeric allocations.")
    witness = {"parameters": {"epsilon": "0.03", "gamma": "0.25", "Phi": "2", "abar/a_*": decimal_string(ratio, 12)},
               "n_p(abar)/n_*(abar)": mpmath.nstr(over, 30), "threshold a/a_*": str(threshold)}
    proof = Outcome("discrepancy", detail, counterexample=witness, printed=sp.Symbol("abar") < sp.oo,
                    derived=sp.Symbol("abar") > sp.Float(threshold, 10) * a_s)
    from .propositions_numeric import ONE_TO_GAMMA, Part, comparisons, with_proof
    return with_proof(proof, comparisons(s, "Proposition 2 (iii)", [
        Part("local-politics", ONE_TO_GAMMA, "too-few", heterogeneous=False),
        Part("local-politics", ONE_TO_GAMMA, "oversized", heterogeneous=False),
        Part("local-politics", ONE_TO_GAMMA, "small-oversized", heterogeneous=True),
        Part("local-politics", ONE_TO_GAMMA, "undersized", heterogeneous=True, bounded=True)]))


@claim("abrs2017:Prop2(iv)", kind="proposition", method="symbolic+numeric",
       quote=r"(iv) If $\Phi \geq \Gamma$, there are too few cities and all cities are oversized.")
def _(s: Settings) -> Outcome:
    from .propositions_numeric import Part, comparisons, with_proof
    sizes = _lp_oversized(s)
    if sizes.status == "verified":
        sizes.detail = ("Sizes: n_p(a)/n_i(a) = Phi^(1/(gamma-eps)) >= Gamma^(1/(gamma-eps)) > n_*(a)/n_i(a) on every "
                        "site (proved), so all cities are oversized.")
    ge = ("phi-eq-Gamma", "phi-gt-Gamma")
    return with_proof(sizes, comparisons(s, "Proposition 2 (iv)", [
        Part("local-politics", ge, "too-few"), Part("local-politics", ge, "oversized"),
        Part("local-politics", ge, "small-oversized")]))


def _lp_oversized(s: Settings) -> Outcome:
    # ln[n_p/n_*] = ln(Phi^(1/(gamma-eps))/x) with Phi >= Gamma and x^(gamma-eps) < Gamma.
    P, X = sp.symbols("P X", positive=True)
    ratio = (GAMMA * (1 + P)) ** (1 / GE) / (GAMMA / (1 + X)) ** (1 / GE)
    return sign(sp.expand_log(sp.log(ratio), force=True).subs(GAMMA_ABOVE), "positive", settings=s,
                domain=D, hypotheses="Phi = Gamma (1 + P) >= Gamma, (n_*/n_i)^(gamma-eps) = Gamma/(1 + X) < Gamma",
                what="ln(n_p/n_*)")


@claim("abrs2017:Prop2(v)", kind="proposition", method="symbolic+numeric",
       quote=r"(v) Urban benefits: In all cases, urban benefits increase with a as a constant multiple of urban costs. Private average benefits increase with a according to $pab_p(a)$ defined in (4).")
def _(s: Settings) -> Outcome:
    b = sc.local_politics_benefits()
    printed = (1 - delta) * (1 + rho * gam) * (gam / eps - 1) * (n_i_printed() * phi_printed() ** (1 / GE)) ** gam
    pab = identity(printed, b["pab"], settings=s, domain=D, normalize=canon, what="pab_p(a)")
    multiple = canon(b["sab"] / sc.private_efficient_scale() ** gam)
    constant = identity(sp.diff(multiple, a), sp.Integer(0), settings=s, domain=D,
                        what="d/da of sab_p/n_p^gamma")
    from .sites_numeric import local_politics_benefits
    return combine(all_of([pab, constant], shown=pab, summary=(
        "pab_p(a) = (1-delta)(1+rho gamma)(gamma/eps - 1) n_p(a)^gamma as in (4), and sab_p/n_p^gamma = "
        f"{sp.sstr(multiple)} does not depend on a: benefits are constant multiples of urban costs n_p^gamma, "
        "which rise with a (proved).")), local_politics_benefits(s))


@claim("abrs2017:Prop2(vi)", kind="proposition", method="symbolic+numeric",
       quote=r"(vi) Land values: the ratio of land values to urban agglomeration externalities is $\bar{v}_p = \Phi$.")
def _(s: Settings) -> Outcome:
    from ..numeric_check import combine
    from .propositions_numeric import land_values
    return combine(_prop2_vi(s), land_values(s, "local-politics", "The local-politics land-value ratio equals Phi"))


def _prop2_vi(s: Settings) -> Outcome:
    return identity(phi_printed(), sc.local_politics_land_value_ratio(), settings=s, domain=D, normalize=canon,
                    what="vbar_p",
                    verified_detail="At n_p(a), gamma n^(1+gamma)/(eps a n^(1+eps)) = Phi on every site, so the "
                                    "ratio of the integrals is Phi whatever G (proved).")


@claim("abrs2017:S3.2:all-occupied-k-star", kind="text",
       quote=r"If all sites are occupied at the optimum, $a_* = \underline{a}$, then Proposition 2 still holds if we replace 1 with $k_*^{1/(\gamma-\epsilon)} < 1$ in the cases above.")
def _(s: Settings) -> Outcome:
    out = identity(k ** (1 / GE), sc.local_politics_threshold(), settings=s, domain=D,
                   what="the threshold that replaces 1 (the Phi at which n_p(a_*) = n_*(a_*))")
    if out.status == "discrepancy":
        out.detail += (" n_p(a_*) = Phi^(1/(gamma-eps)) n_i(a_*) equals n_*(a_*) = k_* n_i(a_*) at Phi = "
                       "k_*^(gamma-eps), the threshold A.3 also states; and since k_* >= 1 (13), the threshold is "
                       ">= 1, not '< 1' (k_*^(1/(gamma-eps)) < 1 would need k_* < 1).")
    return out


@claim("abrs2017:S3.2:phi1-ni-eq-np", kind="text",
       quote=r"Second, in the absence of fiscal externalities, $\Phi=1$, local politics allocate the efficient scale to each city, i.e., $n_i(a)=n_p(a)$.")
def _(s: Settings) -> Outcome:
    return identity(sc.social_efficient_scale(), canon(sc.private_efficient_scale()).subs(Phi, 1), settings=s,
                    domain=D, normalize=canon, what="n_p(a) at Phi = 1",
                    verified_detail="n_p = n_i Phi^(1/(gamma-eps)) equals n_i at Phi = 1 (proved).")


@claim("abrs2017:S3.2:ghv-local-politics", kind="text",
       quote=r"But with heterogeneous sites, local politics causes land values to be too low, as $\bar{v}_*>1$.")
def _(s: Settings) -> Outcome:
    _, derived = _ghv_k1()
    vp = canon(sc.local_politics_land_value_ratio()).subs(Phi, 1)
    gap = sign(sp.factor((derived - vp).subs(w_min, w_bar / (1 + W_)).subs(GAMMA_ABOVE)), "positive", settings=s,
               domain=D, hypotheses="Phi = 1, w_min < wbar (heterogeneous sites)", what="vbar_* - vbar_p")
    if gap.status == "verified":
        gap.detail = ("With Phi = 1, vbar_p = 1 (Prop. 2 (vi)) while vbar_* = 1 + (Gamma - 1)(wbar - w_min)/wbar > 1 "
                      "when wages differ across sites: land values are below the optimal ratio (proved).")
    return gap


@claim("abrs2017:S3.2:phi-lt-1-np-lt-ni", kind="text",
       quote=r"In that case, the private efficient scale is below the social one, i.e. $n_p(a) < n_i(a)$, and thus by transitivity, the local politics population is lower than the optimal one, $n_*(a)$.")
def _(s: Settings) -> Outcome:
    return _lp_large_undersized(s, 1 / (1 + U_), "n_p(a)/n_*(a) for Phi < 1 (n_p < n_i <= n_*)")


@claim("abrs2017:S3.2:phi-gt-Gamma-too-big", kind="text",
       quote=r"For $\Phi > \Gamma$, an unlikely case in any economy, cities are always too big.")
def _(s: Settings) -> Outcome:
    return _lp_oversized(s)


# --- 3.3 Free migration ---------------------------------------------------------------------------

@claim("abrs2017:18", kind="equation",
       quote=r"$$pab(n,a) = \mu_m = u_m - T_m \tag{18}$$")
def _(s: Settings) -> Outcome:
    mobility = identity(sc.private_average_benefit() - mu_m, sc.free_migration_mobility_condition(), settings=s,
                        domain=D, what="pab - mu_m")
    level = identity(sc.utility() - sc.T, sc.private_average_benefit(), settings=s, domain=D,
                     normalize=sp.expand, what="u - T")
    return all_of([mobility, level], shown=mobility, summary=(
        "Free mobility equalises u = pab + T across inhabited sites, and T is common, so pab(n, a) takes one "
        "value mu_m = u_m - T_m (by (2)), proved."))


@claim("abrs2017:S3.3:stability", kind="text",
       quote=r"Equilibria must satisfy the additional requirement of each city's population being stable, which is guaranteed if $\partial pab(n,a)/\partial n \le 0$ and $\partial u^R(N^R)/\partial N^R < 0$.")
def _(s: Settings) -> Outcome:
    return primitive("A stability requirement on equilibria (a refinement).")


def _pab_slope_in_y():
    slope = _ratio_coordinates(n * sp.diff(sc.private_average_benefit(), n), sc.private_efficient_scale_power(),
                               sc.n_p, y)
    return sp.factor(canon(slope))


@claim("abrs2017:S3.3:nm-ge-np", kind="text",
       quote=r"The foregoing conditions imply that urban population levels in a free-migration equilibrium are at least as large as with local politics, $n_m \ge n_p$.")
def _(s: Settings) -> Outcome:
    slope = _pab_slope_in_y()
    per = in_V(slope / y ** eps, y)
    d_, r_ = sp.symbols("d_ r_", positive=True)
    falling = sign(sp.factor(-per.subs(V, 1 + U_).subs({delta: 1 - d_, rho: r_})), "positive", settings=s,
                   domain=D, hypotheses="n = y n_p with y > 1, delta < 1, rho >= 0",
                   what="-n (d pab/dn)/(n_p^gamma y^eps)")
    rising = sign(sp.factor(per.subs(V, 1 / (1 + U_)).subs({delta: 1 - d_, rho: r_})), "positive", settings=s,
                  domain=D, hypotheses="y < 1", what="n (d pab/dn)/(n_p^gamma y^eps)")
    return all_of([falling, rising], summary=(
        f"n d pab/dn = n_p^gamma ({sp.sstr(slope)}) at n = y n_p: negative for y > 1 and positive for y < 1 when "
        "(1-delta)(1+rho gamma) > 0 (proved), so the stability condition d pab/dn <= 0 holds exactly for n >= n_p."))


@claim("abrs2017:19", kind="equation",
       quote=r"$$u_m \ge u^R(N_m^R), \quad N_m^R \ge 0 \tag{19}$$")
def _(s: Settings) -> Outcome:
    return primitive("The rural-urban equilibrium condition of the free-migration allocation (with complementary "
                     "slackness), the analogue of (9), defines the allocation.")


@claim("abrs2017:20", kind="equation",
       quote=r"$$u_m = (1 - \tau)a_m n_m (a_m)^{\epsilon} - (1 - \delta)(1 + \rho \gamma) n_m (a_m)^{\gamma}, \tag{20}$$",
       note="n stands for n_m(a_m); u_m is the common utility of (18).")
def _(s: Settings) -> Outcome:
    printed = (1 - tau) * a_m * n ** eps - (1 - delta) * (1 + rho * gam) * n ** gam
    level = identity(printed, sc.free_migration_margin_benefit(), settings=s, domain=D, normalize=sp.expand,
                     what="the right side of (20) against pab[n_m(a_m), a_m]")
    if level.status != "verified":
        return level
    T_m = sp.Symbol("T_m", positive=True)
    out = identity(sp.expand(printed - sc.free_migration_margin_benefit()), T_m, settings=s, domain=D,
                   what="u_m - pab[n_m(a_m), a_m]: 0 by (20), T_m by (18) and (2)")
    if out.status == "discrepancy":
        out.detail += (" The right side of (20) is pab at the marginal city (proved), which (18) calls mu_m = u_m - T_m; "
                       "(20) therefore determines mu_m, not u_m, unless the rebate T_m is zero (the analogue of (11), "
                       "mu_* = sab at the margin).")
    return out


@claim("abrs2017:Lemma3", kind="lemma", method="numeric",
       quote=r"*There exists a unique solution to equations* (18), (19), and (20) which characterizes the free-migration allocation.")
def _(s: Settings) -> Outcome:
    from .structure_numeric import lemma_whole
    return lemma_whole(s, "free-migration", "Lemma 3")


@claim("abrs2017:Lemma3(i)", kind="lemma", method="numeric",
       quote=r"(i) Extent of urbanization: There exists a unique urban population size $N_m \in [0, \overline{N}]$;")
def _(s: Settings) -> Outcome:
    from .structure_numeric import lemma_outcome
    return lemma_outcome(s, "free-migration", "Lemma 3 (i)", "rural")


@claim("abrs2017:Lemma3(ii)", kind="lemma", method="numeric",
       quote=r"$$N_m = \int_{a_m}^a n_m(a) dG(a)$$ , $n_m(a) > 0$ for all $a \ge a_m$, and $n_m(a) = 0$ otherwise;",
       note="The upper limit is extracted as a; read as abar (its overline lost), as in Lemma 2 (ii).")
def _(s: Settings) -> Outcome:
    from .structure_numeric import lemma_outcome
    return lemma_outcome(s, "free-migration", "Lemma 3 (ii)", "threshold")


def _fm_minimum(s: Settings) -> Outcome:
    printed = (km * (phi_printed() * eps / gam * a_m) ** (1 / GE),
               km * (n_i_printed() * phi_printed() ** (1 / GE)).subs(a, a_m))
    size = identity(printed, (sc.free_migration_minimum_city_size(),) * 2, settings=s, domain=D, normalize=canon,
                    what="(the two printed forms of n_m(a_m))")
    return all_of([size], summary=(
        "n_m(a_m) = k_m n_p(a_m) = k_m (Phi eps a_m/gamma)^(1/(gamma-eps)) (proved), and k_m >= 1 because a stable "
        "city needs d pab/dn <= 0, i.e. n >= n_p (S3.3:nm-ge-np)."))


@claim("abrs2017:Lemma3(iii)", kind="lemma", method="symbolic+numeric",
       quote=r"(iii) Minimum city size: The equilibrium size of the smallest city is no smaller than its private efficient scale")
def _(s: Settings) -> Outcome:
    from ..numeric_check import combine
    from .structure_numeric import lemma_outcome
    return combine(_fm_minimum(s), lemma_outcome(s, "free-migration", "Lemma 3 (iii)", "margin"))


@claim("abrs2017:21", kind="equation",
       quote=r"$$n_m(a_m) = k_m \left(\Phi \frac{\epsilon}{\gamma} a_m \right)^{\frac{1}{\gamma - \epsilon}} = k_m n_p(a_m), \quad k_m \ge 1, \tag{21}$$")
def _(s: Settings) -> Outcome:
    return _fm_minimum(s)


@claim("abrs2017:S3.3:k-m-1", kind="text",
       quote=r"with $k_m = 1$ if $a_m > \underline{a}$, i.e., if some sites are uninhabited;")
def _(s: Settings) -> Outcome:
    return primitive("k_m = 1 with an interior margin is the refinement that defines the constrained-efficient "
                     "equilibrium (free entry while profits are positive, A.4), not a consequence of (18)-(20).")


def _fm_elasticities(s: Settings) -> Outcome:
    printed_x = 1 / gam * (gam / eps * Phi) / (x ** GE - Phi)
    printed_y = 1 / eps / (y ** GE - 1)
    in_x = identity(printed_x, sc.free_migration_size_elasticity("x"), settings=s, domain=D, normalize=canon,
                    what="d ln n_m/d ln a in n_m/n_i")
    in_y = identity(printed_y, sc.free_migration_size_elasticity("y"), settings=s, domain=D, normalize=canon,
                    what="d ln n_m/d ln a in n_m/n_p")
    twin = identity(sc.free_migration_size_elasticity_via_f("y"), sc.free_migration_size_elasticity("y"),
                    settings=s, domain=D, normalize=canon, what="the f(v; C) route with C = (gamma/eps) Phi")
    return all_of([in_x, in_y, twin], shown=in_y)


@claim("abrs2017:Lemma3(iv)", kind="lemma", method="symbolic+numeric",
       quote=r"(iv) Urban intensive margin: For all $a > a_m$, the equilibrium city size $n_m(a)$ is increasing in a, with")
def _(s: Settings) -> Outcome:
    from ..numeric_check import combine
    from .structure_numeric import lemma_outcome
    return combine(_fm_intensive(s), lemma_outcome(s, "free-migration", "Lemma 3 (iv)", "increasing"))


def _fm_intensive(s: Settings) -> Outcome:
    positive = sign(sp.factor(in_V(sc.free_migration_size_elasticity("y"), y).subs(V, 1 + U_)), "positive",
                    settings=s, domain=D, hypotheses="n_m > n_p (a > a_m)", what="d ln n_m/d ln a")
    if positive.status == "verified":
        positive.detail = ("d ln n_m/d ln a = 1/(eps ((n_m/n_p)^(gamma-eps) - 1)) > 0 for n_m > n_p, i.e. on a > a_m "
                           "(proved).")
    return positive


@claim("abrs2017:22", kind="equation",
       quote=r"$$\frac{\widehat{n}_m}{\widehat{a}} = \frac{1}{\gamma} \frac{\frac{\gamma}{\epsilon} \Phi}{(n_m/n_i)^{\gamma - \epsilon} - \Phi} = \frac{1}{\epsilon} \frac{1}{(n_m/n_p)^{\gamma - \epsilon} - 1};$$")
def _(s: Settings) -> Outcome:
    out = _fm_elasticities(s)
    if out.status == "verified":
        out.detail = ("Implicit differentiation of pab[n_m(a), a] = mu_m gives both printed forms (in n_m/n_i and in "
                      "n_m/n_p), and the f(v; C) route of A.4 agrees (proved).")
    return out


def _fm_implicit(s: Settings) -> Outcome:
    printed = (gam / eps * km ** eps - km ** gam) / (gam / eps * y ** eps - y ** gam)
    formula = identity(printed, sc.free_migration_implicit_solution(), settings=s, domain=D, normalize=canon,
                       what="the right side of (23)")
    twin = identity(sc.free_migration_implicit_solution_via_f(), sc.free_migration_implicit_solution(), settings=s,
                    domain=D, normalize=canon, what="the f(v; C) form of (23)")
    out = all_of([formula, twin], shown=formula)
    if out.status == "verified":
        out.detail = ("pab[n_m(a), a] = pab[k_m n_p(a_m), a_m] with [n_p(a)/n_p(a_m)]^gamma = (a/a_m)^(gamma/(gamma-eps)) "
                      "gives the printed (23); the f(v; C) route agrees (proved).")
    return out


@claim("abrs2017:Lemma3(v)", kind="lemma", method="symbolic+numeric",
       quote=r"(v) Implicit solution: The free-migration solution satisfies the equation")
def _(s: Settings) -> Outcome:
    from ..numeric_check import combine
    from .structure_numeric import lemma_outcome
    return combine(_fm_implicit(s), lemma_outcome(s, "free-migration", "Lemma 3 (v)", "bounds"))


@claim("abrs2017:23", kind="equation",
       quote=r"$$\left(\frac{a}{a_m}\right)^{\frac{\gamma}{\gamma-\epsilon}} = \frac{\frac{\gamma}{\epsilon} k_m^{\epsilon} - k_m^{\gamma}}{\frac{\gamma}{\epsilon} (n_m/n_p)^{\epsilon} - (n_m/n_p)^{\gamma'}},$$",
       note="The exponent \\gamma' of the last term carries a stray prime from the extraction; read as gamma.")
def _(s: Settings) -> Outcome:
    return _fm_implicit(s)


@claim("abrs2017:S3.3:k-m-def", kind="definition",
       quote=r"where $k_m \equiv n_m(a_m)/n_p(a_m)$ equals 1 if $a_m > \underline{a}$.")
def _(s: Settings) -> Outcome:
    return identity(km, sc.free_migration_minimum_city_size() / sc.private_efficient_scale().subs(a, a_m),
                    settings=s, domain=D, normalize=canon, what="n_m(a_m)/n_p(a_m)",
                    verified_detail="The definition matches (21) (proved); k_m = 1 at an interior margin is the "
                                    "equilibrium refinement (S3.3:k-m-1).")


@claim("abrs2017:S3.3:np-le-nm-lt-n0", kind="text",
       quote=r"For all $a > a_*$, the equilibrium city size $n_m(a)$ is (weakly) larger than its privately efficient scale, $n_p(a)$, and lower than the size with zero marginal net production: $n_0(a) \equiv (a\Phi)^{1/(\gamma-\epsilon)}$.")
def _(s: Settings) -> Outcome:
    bound = identity((a * Phi) ** (1 / GE), sc.private_zero_scale(), settings=s, domain=D, normalize=canon,
                     what="(a Phi)^(1/(gamma-eps)) against the size where pab = 0")
    label = identity((a * Phi) ** (1 / GE), sc.zero_marginal_product_scale(), settings=s, domain=D, normalize=canon,
                     what="the printed n_0(a) against the size with zero marginal net production (smb = 0)")
    out = all_of([bound, label])
    if out.status == "discrepancy":
        pmb0 = sp.factor(canon(sc.benefit_zero_scale("pmb")))
        out.detail += (" The printed (a Phi)^(1/(gamma-eps)) is where pab = 0 (proved), the upper end of n_m in (23), so "
                       "the bound n_m < (a Phi)^(1/(gamma-eps)) is right but it is not 'the size with zero marginal net "
                       f"production': smb = 0 at (a Phi_*)^(1/(gamma-eps)) (the n_0 of Lemma 2) and pmb = 0 at {sp.sstr(pmb0)}. "
                       "The range also starts at a_m, not a_* (for a_* < a < a_m, n_m(a) = 0 < n_p(a)).")
    return out


@claim("abrs2017:fn16:k-m-range", kind="text",
       quote=r"In our simulations below, assuming cities are larger by a factor of $k_m \in (1,1.5]$ does not result in substantially different results, especially for welfare.")
def _(s: Settings) -> Outcome:
    return undecided("A robustness statement about simulations whose results the paper does not report (k_m in (1, 1.5] "
                     "is not varied in any table): nothing printed can be recomputed to test 'not substantially "
                     "different'. Section 5's reported simulations (Table 4) are checked under abrs2017:Table4.")


@claim("abrs2017:S3.3:fig6-nm-lt-nstar-at-am", kind="text",
       quote=r"Yet, the free-migration population at a_m is too small: $n_m(a_m) < n_*(a_m)$, seen at O_2 , although larger than the smallest city at the optimum $n_*(a_*)$ at O_3 .",
       note="Figure 6's configuration: Phi = 1 and a_m > a_* (Proposition 3 (iii)).")
def _(s: Settings) -> Outcome:
    too_small = sign(sp.factor(in_V(sc.optimal_size_elasticity()).subs(V, 1 + U_).subs(GAMMA_ABOVE)), "positive",
                     settings=s, domain=D, what="d ln n_*/d ln a above a_*")
    larger = sign(sc.efficient_scale_elasticity().subs(GAMMA_ABOVE), "positive", settings=s, domain=D,
                  what="d ln n_i/d ln a")
    return all_of([too_small, larger], shown=too_small, summary=(
        "With Phi = 1, n_m(a_m) = n_p(a_m) = n_i(a_m). Since n_*/n_i rises from k_* = 1 at a_* (d ln n_*/d ln a > "
        "1/(gamma-eps), proved), n_i(a_m) < n_*(a_m) for a_m > a_*; and n_i(a_m) > n_i(a_*) = n_*(a_*) as n_i rises "
        "with a (proved)."))


@claim("abrs2017:S3.3:fig6-phi1-smb-falls", kind="text",
       quote=r"With free migration, social marginal benefits fall with the productivity of the city, as better sites are increasingly over-crowded from the global (not just the local) perspective.",
       note="Figure 6's case Phi = 1 > Phi_*.")
def _(s: Settings) -> Outcome:
    return _smb_m_slope(s, "falls")


def _smb_m_slope(s: Settings, direction: str) -> Outcome:
    slope = phi_in(sc.free_migration_smb_slope()).subs(y ** GE, V)
    d_, r_, m_ = sp.symbols("d_ r_ m_", positive=True)
    phi = sp.Integer(1) if direction == "falls" else PHI_S / (1 + U_)
    slope = slope.subs(Phi, phi).subs({delta: 1 - d_, rho: r_, mu_m: m_}).subs(V, inside(1, gam / eps))
    expr = sp.factor(slope.subs(GAMMA_ABOVE))
    expected = "negative" if direction == "falls" else "positive"
    out = sign(expr, expected, settings=s, domain=D,
               hypotheses=("Phi = 1" if direction == "falls" else "Phi < Phi_*")
               + ", delta < 1, rho >= 0, mu_m > 0, (n_m/n_p)^(gamma-eps) in (1, gamma/eps)",
               what="d smb_m/d(n_m/n_p)^(gamma-eps) from (24)")
    if out.status == "verified":
        out.detail = (f"d smb_m/dY with Y = (n_m/n_p)^(gamma-eps) has the sign of Phi_* - Phi (proved {expected} at "
                      f"{'Phi = 1 > Phi_*' if direction == 'falls' else 'Phi < Phi_*'}), and Y rises with a (Lemma 3 (iv)).")
    return out


def _tau_above_delta(rng, symbols):
    """abrs2017_point with rho in [0, 0.2], delta in (0, 0.3) and tau in (delta, delta + 0.3)."""
    from ..draws import abrs2017_point, decimal_between
    point = abrs2017_point(rng, symbols)
    names = {sym.name: sym for sym in point}
    if "delta" in names:
        point[names["delta"]] = decimal_between(rng, "0", "0.3")
    if "rho" in names:
        point[names["rho"]] = decimal_between(rng, "0", "0.2")
    if "tau" in names:
        low = point.get(names.get("delta"), sp.Integer(0))
        point[names["tau"]] = low + decimal_between(rng, "0", "0.3")
    return point


@claim("abrs2017:S3.3:phi-lt-phistar-example", kind="text",
       quote=r"With large positive fiscal externalities, $\Phi < \Phi_*$, for example when the tax rate on urban wages is higher than the discount rate on urban costs, the free-migration equilibrium becomes")
def _(s: Settings) -> Outcome:
    out = sign(PHI_S - sc.fiscal_bundle(), "positive", settings=s, domain=_tau_above_delta, hypotheses="tau > delta",
               what="Phi_* - Phi")
    if out.status == "discrepancy":
        out.detail += (" tau > delta alone does not give Phi < Phi_*: it does when also rho >= (gamma - eps)/(gamma (1+eps)) "
                       "(then (1-tau) < (1-delta) <= (1+eps)(1-delta)(1+rho gamma)/(1+gamma)), e.g. with rho = 1.")
    return out


@claim("abrs2017:fn17", kind="text",
       quote=r"If very good sites are especially scarce — there are not many natural harbors of the same quality as New York's — and if those sites are developed in priority, then large cities are also scarce and the city size distribution displays properties consistent with Zipf's law.")
def _(s: Settings) -> Outcome:
    return undecided("Qualitative: 'properties consistent with Zipf's law' names no quantity to test. The mechanism is "
                     "derived: the tail of n_m(a) inherits that of a through n_m ~ a^(1/(gamma-eps)) for large a (Lemma 1 "
                     "(iii)), so a Pareto G with shape eta gives sizes with tail shape eta (gamma - eps), 6.6 at the "
                     "calibration of Section 5; whether that is Zipf-like (shape 1) depends on G, which the footnote "
                     "leaves open.")


@claim("abrs2017:S3.3:phi-lt-phistar-best-under", kind="text", method="symbolic+numeric",
       quote=r"With $\Phi < \Phi_*$, the best sites are always underpopulated, which we can see as we consider welfare:",
       note="'Always' read as: whatever the sites and N, with some sites empty at the optimum or all occupied.")
def _(s: Settings) -> Outcome:
    from .propositions_numeric import Part, comparisons, with_proof
    lt = ("phi-lt-phistar",)
    return with_proof(_single_crossing(s, "With Phi < Phi_* the best sites are underpopulated once n_m and n_* cross."),
                      comparisons(s, "Section 3.3, Phi < Phi_*", [
                          Part("free-migration", lt, "undersized"),
                          Part("free-migration", lt, "undersized", heterogeneous=True, occupancy="all")]))


def _single_crossing(s: Settings, lead: str) -> Outcome:
    el_star = in_V(sc.optimal_size_elasticity())
    el_m = in_V(sc.free_migration_size_elasticity("x"))
    gap = phi_in(el_star - el_m)
    proof = sign(sp.factor(gap.subs(Phi, PHI_S / (1 + W_)).subs(V, inside(PHI_S, GAMMA)).subs(GAMMA_ABOVE)),
                 "positive", settings=s, domain=D, hypotheses="Phi < Phi_*, (n/n_i)^(gamma-eps) in (Phi_*, Gamma)",
                 what="d ln n_*/d ln a - d ln n_m/d ln a at equal n/n_i")
    if proof.status == "verified":
        proof.detail = (lead + " At equal n/n_i the elasticity of n_m, (Phi/eps)/(V - Phi), is below that of n_*, "
                        "(Phi_*/eps)/(V - Phi_*), when Phi < Phi_* (proved), so n_m and n_* cross at most once, from "
                        "above; with the adding-up constraint this gives undersized large cities.")
    return proof


@claim("abrs2017:Prop3", kind="proposition", method="symbolic+numeric",
       quote=r"Consider the constrained-efficient free-migration equilibrium with $n_m(a) > 0$ for all $a \ge a_m$, $n_m(a) = 0$ for all $a < a_m$, and $n_m(a_m) = n_p(a_m)$.")
def _(s: Settings) -> Outcome:
    out = identity(sc.private_efficient_scale().subs(a, a_m), sc.free_migration_minimum_city_size().subs(km, 1),
                   settings=s, domain=D, normalize=canon, what="n_m(a_m) at k_m = 1")
    if out.status == "verified":
        out.detail = "The hypothesis n_m(a_m) = n_p(a_m) is (21) with k_m = 1 (proved)."
    from .structure_numeric import lemma_outcome
    return combine(out, lemma_outcome(s, "free-migration", "Proposition 3's hypothesis (Lemma 3 (iii))", "margin"))


@claim("abrs2017:Prop3(i)", kind="proposition", method="symbolic+numeric",
       quote=r"(i) If $\Phi \leq \Phi_*$, cities are too numerous. Large cities are too small, whereas small cities are too large by virtue of existing;")
def _(s: Settings) -> Outcome:
    from .propositions_numeric import Part, comparisons, with_proof
    le = ("phi-lt-phistar", "phi-eq-phistar")
    return with_proof(
        _single_crossing(s, "Table 1 puts Phi = Phi_* in its column [Phi_*, 1) with the opposite cells (see "
                         "Table1:free-migration:large-cities:phi-in-phistar-1)."),
        comparisons(s, "Proposition 3 (i)", [
            Part("free-migration", le, "too-many"), Part("free-migration", le, "undersized"),
            Part("free-migration", le, "small-oversized", heterogeneous=True)]))


@lru_cache(maxsize=None)
def _fm_witness():
    """Phi_* < Phi < 1 and nearly homogeneous sites: the best city is undersized with free migration."""
    vals = {eps: R(3, 100), gam: R(1, 4)}
    phi = R(9, 10)
    ge, gm = GE.subs(vals), gam.subs(vals)
    rhs = sc.free_migration_implicit_solution().subs(km, 1).subs(vals)   # (a/a_m)^(gamma/(gamma-eps)) of y
    y_i = phi ** (-1 / ge)                                               # y where n_m = n_i
    threshold = rhs.subs(y, y_i) ** (ge / gm)                            # a/a_m where n_m(a) = n_i(a)
    spread = sp.nsimplify(sp.N(1 + (threshold - 1) / 2, 12), rational=True)   # abar/a_lower
    y_top = _solve_on(rhs, y, spread ** (gm / ge), 1, (gam / eps).subs(vals) ** (1 / ge))
    bound = mpmath.mpf(str(sp.N(phi ** (1 / ge), 40))) * y_top           # >= n_m(abar)/n_i(abar)
    return phi, sp.N(threshold, 30), spread, bound


@claim("abrs2017:Prop3(ii)", kind="proposition", method="symbolic+numeric",
       quote=r"(ii) If $\Phi_* < \Phi < 1$, then cities are too small and numerous if sites are homogeneous. If sites are heterogeneous, there are (generically) too many or too few cities, and large cities are over-sized if $\overline{a} < \infty$;")
def _(s: Settings) -> Outcome:
    phi, threshold, spread, bound = _fm_witness()
    if bound >= 1:
        return undecided("The closed-form witness for the condition 'abar < oo' was not found.")
    detail = ("Large cities are oversized only if abar is large enough, not whenever abar < oo. With k_m = 1, "
              "n_m(abar)/n_p(abar) = y solves (23) at abar/a_m <= abar/a_lower and rises with it, and n_*(abar) >= "
              "n_i(abar) (Lemma 2). At eps = 0.03, gamma = 0.25, Phi = 0.9 (Phi_* = 0.824 < Phi < 1), every site "
              f"distribution on [a_lower, abar] with abar = {sp.N(spread, 12)} a_lower (finite, heterogeneous) and any N "
              f"gives n_m(abar)/n_*(abar) <= Phi^(1/(gamma-eps)) y(abar/a_lower) = {mpmath.nstr(bound, 10)} < 1: the "
              "best city is undersized, as the homogeneous case of the same part says by continuity. Table 1 "
              "qualifies the cell with 'if abar is sufficiently large'. The number of cities needs the numeric "
              "allocations.")
    witness = {"parameters": {"epsilon": "0.03", "gamma": "0.25", "Phi": "0.9",
                              "abar/a_lower": decimal_string(spread, 12)},
               "bound on n_m(abar)/n_*(abar)": mpmath.nstr(bound, 30),
               "abar/a_m at which n_m = n_i": str(threshold)}
    from .propositions_numeric import PHISTAR_TO_1, Part, comparisons, with_proof
    return with_proof(Outcome("discrepancy", detail, counterexample=witness), comparisons(s, "Proposition 3 (ii)", [
        Part("free-migration", PHISTAR_TO_1, "undersized", heterogeneous=False),
        Part("free-migration", PHISTAR_TO_1, "too-many", heterogeneous=False),
        Part("free-migration", PHISTAR_TO_1, "oversized", heterogeneous=True, bounded=True)]))


@claim("abrs2017:Prop3(iii)", kind="proposition", method="numeric",
       quote=r"(iii) If $\Phi = 1$, then the optimum is achieved with homogeneous sites. If sites are heterogeneous, there are too few cities, and large cities are oversized;")
def _(s: Settings) -> Outcome:
    from .propositions_numeric import Part, comparisons, with_proof
    eq1 = ("phi-eq-1",)
    out = comparisons(s, "Proposition 3 (iii)", [
        Part("free-migration", eq1, "optimal", heterogeneous=False),
        Part("free-migration", eq1, "too-few", heterogeneous=True),
        Part("free-migration", eq1, "oversized", heterogeneous=True)])
    out.detail = ("With Phi = 1 and homogeneous sites n_m = n_p = n_i = n_* (Phi = 1 gives n_p = n_i, proved in "
                  "S3.2:phi1-ni-eq-np). " + out.detail)
    return out


@claim("abrs2017:Prop3(iv)", kind="proposition", method="numeric",
       quote=r"(iv) If $\Phi > 1$, then large cities are oversized, and there are too few cities.")
def _(s: Settings) -> Outcome:
    from .propositions_numeric import Part, comparisons, with_proof
    gt1 = ("phi-in-1-Gamma", "phi-eq-Gamma", "phi-gt-Gamma")
    return comparisons(s, "Proposition 3 (iv)", [Part("free-migration", gt1, "oversized"),
                                                 Part("free-migration", gt1, "too-few")])


@claim("abrs2017:Prop3:all-occupied", kind="proposition", method="numeric",
       quote=r"When all sites are occupied at the optimum, $a_* = \underline{a}$, then cities are optimally sized if $\Phi = \Phi_*$; large (small) cities are too small (big) if $\Phi < \Phi_*$; large (small) cities are too big (small) if $\Phi > \Phi_*$.")
def _(s: Settings) -> Outcome:
    from .propositions_numeric import Part, comparisons, with_proof
    ratio = sc.pab_smb_ratio_at_phi_star()
    lt, eq = ("phi-lt-phistar",), ("phi-eq-phistar",)
    gt = ("phi-in-phistar-1", "phi-eq-1", "phi-in-1-Gamma", "phi-eq-Gamma", "phi-gt-Gamma")
    from .propositions_numeric import at_lowest_site, combined
    title = "Proposition 3, every site occupied"
    sizes = comparisons(s, title, [
        Part("free-migration", eq, "optimal", occupancy="all"),
        Part("free-migration", lt, "undersized", heterogeneous=True, occupancy="all"),
        Part("free-migration", gt, "oversized", heterogeneous=True, occupancy="all")])
    # "small cities": the optimum's smallest cities, on the lowest sites (free migration may leave them empty)
    out = combined([sizes, at_lowest_site(s, title + ", Phi < Phi_*", lt, "free-migration", +1),
                    at_lowest_site(s, title + ", Phi > Phi_*", gt, "free-migration", -1)])
    out.detail = (f"At Phi = Phi_*, pab/smb = {sp.sstr(ratio)} at every (n, a) (proved), so free migration equalises "
                  "smb; with every site occupied and the same N the two allocations coincide. " + out.detail)
    return out


@claim("abrs2017:Prop3(v)", kind="proposition", method="symbolic+numeric",
       quote=r"(v) Urban benefits: The private average benefit received uniformly across cities is $\mu_m \equiv pab_m(a) = pab_p(a_m)$, defined in (4), while the social marginal benefits vary with a according to")
def _(s: Settings) -> Outcome:
    at_margin = sc.free_migration_margin_benefit().subs(n, sc.private_efficient_scale().subs(a, a_m))
    from .sites_numeric import free_migration_level
    return combine(identity(at_margin, sc.private_benefit_at_private_scale().subs(a, a_m), settings=s, domain=D,
                            normalize=canon, what="pab[n_p(a_m), a_m]",
                            verified_detail="With k_m = 1 the common pab is that of the marginal city at n_p(a_m): "
                                            "mu_m = pab_p(a_m) of (4) (proved)."), free_migration_level(s))


@claim("abrs2017:24", kind="equation",
       quote=r"$$smb_{m}(a) \equiv smb[n_{m}(a), a] = \mu_{m} \frac{1+\epsilon}{1-\tau} \frac{\Gamma - \Phi \left(n_{m}/n_{p}\right)^{\gamma - \epsilon}}{\Gamma - \Phi_{*} \left(n_{m}/n_{p}\right)^{\gamma - \epsilon}}, \tag{24}$$")
def _(s: Settings) -> Outcome:
    printed = mu_m * (1 + eps) / (1 - tau) * (Gam - Phi * y ** GE) / (Gam - Phi_s * y ** GE)
    formula = identity(printed, sc.free_migration_smb(), settings=s, domain=D, normalize=canon, what="smb_m(a)")
    twin = identity(sc.free_migration_smb_via_f("y"), sc.free_migration_smb(), settings=s, domain=D,
                    normalize=canon, what="the f(v; C) route (ratio of the smb and pab lines of (A-1))")
    out = all_of([formula, twin], shown=formula)
    if out.status == "verified":
        out.detail = ("smb_m = mu_m smb/pab at n = (n_m/n_p) n_p(a) gives the printed (24); the ratio of the smb and pab "
                      "lines of (A-1) agrees (proved).")
    return out


@claim("abrs2017:S3.3:smb-m-increasing", kind="text",
       quote=r"which increases with a if $\Phi < \Phi_*$.")
def _(s: Settings) -> Outcome:
    return _smb_m_slope(s, "rises")


@claim("abrs2017:Prop3(vi)", kind="proposition", method="symbolic+numeric",
       quote=r"(vi) Land values: The ratio of land to values urban agglomeration externalities equals",
       note="'land to values urban' is the paper's word order; content in (25).")
def _(s: Settings) -> Outcome:
    from ..numeric_check import combine
    from .propositions_numeric import land_values
    return combine(_ghv_m(s), land_values(s, "free-migration", "The free-migration land-value ratio equals (25) "
                                                               "as printed"))


def fm_ghv_assumptions() -> str:
    return ("Assumptions of the derivation: pab is equal at a and at a_m on every inhabited site ((18); the analogue "
            "of (A-9): n_m(a)^gamma = n_m(a_m)^gamma + Phi [w_m(a) - w_m(a_m)]); the margin n_m(a_m) = k_m n_p(a_m) of "
            "(21), so n_m(a_m)^gamma = Phi (eps/gamma) k_m^(gamma-eps) w_m(a_m); wbar the population-weighted mean urban "
            "wage and w_m(a_m) the lowest; 0 < epsilon < gamma and Phi > 0.")


def _ghv_m(s: Settings) -> Outcome:
    printed = Phi * km ** GE + (w_bar - w_min) / w_bar * Phi * (gam / eps - km ** GE)
    derived = sc.land_value_ratio_free_migration()
    out = identity(printed, derived, settings=s, domain=D, normalize=canon, what="vbar_m of (25)",
                   printed_latex=r"\bar{v}_m = " + sp.latex(printed), derived_latex=r"\bar{v}_m = " + sp.latex(derived))
    if out.status == "verified":
        out.detail = ("vbar_m = gamma int n_m^(1+gamma) dG/(eps int a n_m^(1+eps) dG) equals the printed (25) "
                      "identically (proved). " + fm_ghv_assumptions())
    return out


@claim("abrs2017:25", kind="equation",
       quote=r"$$\bar{v}_m = \Phi k_m^{\gamma - \epsilon} + \frac{\bar{w}_m - w_m(a_m)}{\bar{w}_m} \Phi\left(\frac{\gamma}{\epsilon} - k_m^{\gamma - \epsilon}\right)$$",
       note="w_m(a_m) is written w_min and wbar_m is written wbar; the text below calls it w_M(a_m).")
def _(s: Settings) -> Outcome:
    return _ghv_m(s)


@claim("abrs2017:S3.3:smallest-at-np-below-ni", kind="text",
       quote=r"The smallest equilibrium city, a_m , is at the private efficient scale, $n_p(a)$, and below the social one, $n_i(a)$.",
       note="Case (i), Phi < Phi_* < 1.")
def _(s: Settings) -> Outcome:
    return log_sign(sc.private_efficient_scale() / sc.social_efficient_scale(), "negative", settings=s,
                    substitutions={Phi: 1 / (1 + U_), **GAMMA_ABOVE}, hypotheses="Phi < Phi_* < 1 (k_m = 1)",
                    what="n_m(a_m)/n_i(a_m) = n_p/n_i")


@claim("abrs2017:S3.3:elasticity-initially-infinite", kind="text",
       quote=r"The elasticity of size with respect to productivity is initially infinite, but then tapers off.")
def _(s: Settings) -> Outcome:
    el = in_V(sc.free_migration_size_elasticity("y"), y)
    lim = sp.limit(el, V, 1, "+")
    falling = sign(sp.factor(-sp.diff(el, V).subs(V, 1 + U_)), "positive", settings=s, domain=D,
                   what="-d/dY of d ln n_m/d ln a")
    infinite = Outcome("verified" if lim is sp.oo else "discrepancy",
                       f"The limit of d ln n_m/d ln a as n_m -> n_p is {lim}.")
    return all_of([infinite, falling], summary=(
        "d ln n_m/d ln a = 1/(eps (Y - 1)), Y = (n_m/n_p)^(gamma-eps), tends to +oo as n_m -> n_p (the smallest city) "
        "and falls as Y rises with a (proved)."))


@claim("abrs2017:S3.3:crossing-too-small", kind="text", method="symbolic+numeric",
       quote=r"In this case, there is a point where the equilibrium and optimal city sizes, $n_*(a)$ cross, after which city sizes are too smalll.",
       note="'smalll' is the paper's typo.")
def _(s: Settings) -> Outcome:
    from .propositions_numeric import Part, comparisons, with_proof
    lt = ("phi-lt-phistar",)
    # a crossing from above: the smallest city larger than the optimum on its site, the best one smaller
    return with_proof(_single_crossing(s, "The crossing exists when the sizes differ in sign at the two ends."),
                      comparisons(s, "Section 3.3, Phi < Phi_*, the crossing", [
                          Part("free-migration", lt, "small-oversized", heterogeneous=True),
                          Part("free-migration", lt, "undersized", heterogeneous=True)]))


@claim("abrs2017:S3.3:rho-threshold", kind="text",
       quote=r"When $\tau = \delta = 0$, but $\rho \geq (1 - \epsilon/\gamma)/(1 + \gamma)$, large cities are underpopulated with free migration.")
def _(s: Settings) -> Outcome:
    derived = sc.land_purchase_threshold()
    out = identity((1 - eps / gam) / (1 + gam), derived, settings=s, domain=D,
                   what="the printed threshold on rho for Phi <= Phi_* at tau = delta = 0")
    if out.status == "discrepancy":
        out.detail += (" With tau = delta = 0, Phi = 1/(1 + rho gamma) <= Phi_* = (1+eps)/(1+gamma) iff rho >= "
                       f"{sp.sstr(derived)} = (1 - eps/gamma)/(1 + eps): the denominator is 1 + eps, not 1 + gamma. For rho "
                       "between the two thresholds Phi > Phi_* and large cities need not be underpopulated.")
    return out


@claim("abrs2017:S3.3:phi-ge-Gamma-below-np", kind="text", method="symbolic+numeric",
       quote=r"When $\Phi \geq \Gamma$ (the fiscal system discounts urban costs more than it taxes wages), the optimal size is always below the private efficient scale, and very few cities exist.")
def _(s: Settings) -> Outcome:
    from .propositions_numeric import Part, comparisons, with_proof
    out = _lp_oversized(s)
    if out.status == "verified":
        out.detail = ("n_*(a)/n_i(a) < Gamma^(1/(gamma-eps)) <= Phi^(1/(gamma-eps)) = n_p(a)/n_i(a) for Phi >= Gamma (proved). "
                      "Phi >= Gamma > 1 needs (1 - tau) > (1 - delta)(1 + rho gamma), i.e. a discount above the tax rate.")
    ge = ("phi-eq-Gamma", "phi-gt-Gamma")
    return with_proof(out, comparisons(s, "Section 3.3, Phi >= Gamma, 'very few cities' (free migration)", [
        Part("free-migration", ge, "too-few")]))


@claim("abrs2017:S3.3:all-occupied-phi-lt", kind="text", method="symbolic+numeric",
       quote=r"Finally, when all sites are occupied but $\Phi < \Phi_*$, then differences in city size are smaller than in the optimum: small cities are too large, while large cities are too small, similar to Albouy (2009).")
def _(s: Settings) -> Outcome:
    from .propositions_numeric import Part, comparisons, with_proof
    from .propositions_numeric import at_lowest_site, combined
    lt = ("phi-lt-phistar",)
    title = "Section 3.3, every site occupied, Phi < Phi_*"
    return with_proof(_single_crossing(s, "With the same occupied sites, single crossing and adding-up give the statement."),
                      combined([comparisons(s, title, [
                          Part("free-migration", lt, "undersized", heterogeneous=True, occupancy="all")]),
                          at_lowest_site(s, title, lt, "free-migration", +1)]))


@claim("abrs2017:S3.3:multiple-equilibria-km", kind="text", method="symbolic+numeric",
       quote=r"Multiple equilibria can be characterized in our formulation by setting $k_m > 1$ for a marginal site $a_m > \underline{a}$.")
def _(s: Settings) -> Outcome:
    slope = _pab_slope_in_y()
    K = (gam / eps) ** (1 / GE)
    per = in_V(slope / y ** eps, y)
    d_, r_ = sp.symbols("d_ r_", positive=True)
    stable = sign(sp.factor(-per.subs(V, 1 + U_).subs({delta: 1 - d_, rho: r_})), "positive", settings=s, domain=D,
                  hypotheses="k_m > 1", what="-d pab/dn at n = k_m n_p(a_m)")
    pab = in_V(_ratio_coordinates(sc.private_average_benefit(), sc.private_efficient_scale_power(), sc.n_p, y) / y ** eps, y)
    positive = sign(sp.factor(pab.subs(V, inside(1, gam / eps)).subs({delta: 1 - d_, rho: r_}).subs(GAMMA_ABOVE)),
                    "positive", settings=s, domain=D, hypotheses="1 < k_m^(gamma-eps) < gamma/eps",
                    what="pab at n = k_m n_p(a_m)")
    from .sites_numeric import equilibria_at_k_m
    return combine(all_of([stable, positive], shown=stable, summary=(
        "For every k_m in (1, (gamma/eps)^(1/(gamma-eps))) the marginal city n_m(a_m) = k_m n_p(a_m) is stable "
        "(d pab/dn < 0) with positive pab (proved), and (23) then determines n_m(a) above a_m: each such k_m "
        f"indexes an equilibrium (the upper end is {sp.sstr(K)}).")), equilibria_at_k_m(s))


# --- 3.4 and Table 1 ------------------------------------------------------------------------------

@claim("abrs2017:S3.4:efficiency-rural", kind="text",
       quote=r"To see why this is so, recall that efficiency requires the marginal product of labor to be equal to the economy-wide social marginal benefit, i.e., $F'(N^R) = \mu_*$.")
def _(s: Settings) -> Outcome:
    return identity(fprime() - mu, sc.planner_foc_rural(), settings=s, domain=D, what="F'(N^R) - mu",
                    verified_detail="dL/dN^R = F'(N^R) - mu = 0 at an interior rural population ((9)), proved.")


@claim("abrs2017:S3.4:rhoR-lt-1", kind="text",
       quote=r"When $\rho_R < 1$, i.e., rural land ownership is granted to migrants (at least partially), the rural private average benefit is greater than the social marginal benefit.",
       note="Read with tau^R = T^R = 0; the social marginal benefit of a rural worker is F'(N^R).")
def _(s: Settings) -> Outcome:
    Fn = sp.Function("F")(N_R)
    gap = sc.rural_private_benefit().subs({sc.tau_R: 0, sc.T_R: 0}) - sp.diff(Fn, N_R)
    form = identity(gap, (1 - sc.rho_R) * (Fn - N_R * sp.diff(Fn, N_R)) / N_R, settings=s, domain=D,
                    normalize=sp.expand, what="u^R - F'")
    if form.status == "verified":
        form.detail = ("u^R - F' = (1 - rho^R)(F - N^R F')/N^R (proved), positive for rho^R < 1 because F - N^R F' > 0 "
                       "for a strictly concave F with F(0) >= 0.")
    return form


_T1_NOTE = ("Table 1 is flattened in the extraction: each row's text is quoted; the cell is named by the claim id. "
            "Notes: § optimal if homogeneous; † by virtue of existing; ‡ if abar is sufficiently large.")


def _table1(panel: str, row: str, column: str, quote: str, cell: str):
    @claim(f"abrs2017:Table1:{panel}:{row}:{column}", kind="table", quote=quote,
           method="symbolic+numeric" if (panel, row, column) in _T1_SYMBOLIC else "numeric",
           note=f"{_T1_NOTE} This cell: '{cell}'.")
    def _(s: Settings) -> Outcome:
        return _table1_check(s, panel, row, column, cell)


def _table1_symbolic(s: Settings, panel, row, column, cell) -> Outcome | None:
    """The closed-form half of a Table 1 cell, where it has one (None otherwise)."""
    if panel == "local-politics" and row == "large-cities" and column in ("phi-lt-1", "phi-eq-1"):
        phi = 1 / (1 + U_) if column == "phi-lt-1" else sp.Integer(1)
        out = _lp_large_undersized(s, phi, "n_p(a)/n_*(a)")
        if out.status == "verified":
            out.detail = ("n_p(a) = Phi^(1/(gamma-eps)) n_i(a) <= n_i(a) <= n_*(a) on a >= a_*, strictly for a > a_* "
                          "(proved): large cities are undersized whatever N and G.")
        return out
    if panel == "local-politics" and column == "phi-ge-Gamma" and row in ("large-cities", "small-cities"):
        out = _lp_oversized(s)
        if out.status == "verified":
            out.detail = "n_p(a)/n_*(a) > 1 on every site for Phi >= Gamma (proved): all cities are oversized."
        return out
    if panel == "local-politics" and column == "phi-in-1-Gamma" and row == "small-cities":
        out = log_sign(sc.private_efficient_scale() / sc.social_efficient_scale(), "positive", settings=s,
                       substitutions={Phi: 1 + U_, **GAMMA_ABOVE}, hypotheses="Phi > 1, n_*(a_*) = n_i(a_*)",
                       what="n_p(a_*)/n_*(a_*)")
        if out.status == "verified":
            out.detail = ("At the optimal margin n_p(a_*) = Phi^(1/(gamma-eps)) n_i(a_*) > n_i(a_*) = n_*(a_*) for Phi > 1 "
                          "(proved), so the smallest cities are oversized.")
        return out
    if panel == "local-politics" and column == "phi-in-1-Gamma" and row == "large-cities":
        el = in_V(sc.optimal_size_elasticity())
        out = sign(on_range(el, PHI_S, GAMMA), "positive", settings=s, domain=D, what="d ln n_*/d ln a")
        if out.status == "verified":
            out.detail = ("n_*/n_i rises towards Gamma^(1/(gamma-eps)) > Phi^(1/(gamma-eps)) = n_p/n_i as a -> oo (proved), "
                          "so the best cities are undersized if abar is large enough, as the cell's ‡ says (and "
                          "against Proposition 2 (iii)'s 'if abar < oo'); how large depends on a_*.")
        return out
    if panel == "free-migration" and column == "phi-ge-Gamma" and row in ("large-cities", "small-cities"):
        out = _lp_oversized(s)
        if out.status == "verified":
            out.detail = ("n_m(a) >= n_p(a) > n_*(a) on every site for Phi >= Gamma (stability and the bound of (15), "
                          "proved): all cities are oversized.")
        return out
    if panel == "free-migration" and column == "phi-in-phistar-1" and row in ("large-cities", "small-cities"):
        said = "large cities are too small" if row == "large-cities" else "small cities are too large (by virtue of existing)"
        return Outcome("discrepancy", f"The column [Phi_*, 1) includes Phi = Phi_*, where Proposition 3 (i) (Phi <= Phi_*) "
                       f"says {said}, the opposite of this cell ('{cell}'). At Phi = Phi_* free migration equalises smb "
                       "(pab is proportional to smb, Prop. 4 (i)) with the smallest city at n_p(a_m) < n_i(a_m), so the "
                       "common smb exceeds mu_* and every city is smaller than optimal: the closed end belongs to the "
                       "column Phi < Phi_*.")
    return None


def _table1_check(s: Settings, panel, row, column, cell) -> Outcome:
    """A Table 1 cell decided by computing the allocations (proofs_check.cities.table1_numeric),
    with its closed-form proof where it has one (symbolic+numeric)."""
    from .table1_numeric import table1_numeric, urbanization
    if panel == "urbanization":
        return urbanization(s, row, column, cell)
    numeric = table1_numeric(s, panel, row, column, cell)
    symbolic = _table1_symbolic(s, panel, row, column, cell)
    return numeric if symbolic is None else combine(symbolic, numeric)


#: the cells with a closed-form half (method symbolic+numeric)
_T1_SYMBOLIC = {("local-politics", "large-cities", "phi-lt-1"), ("local-politics", "large-cities", "phi-eq-1"),
                ("local-politics", "large-cities", "phi-ge-Gamma"), ("local-politics", "small-cities", "phi-ge-Gamma"),
                ("local-politics", "small-cities", "phi-in-1-Gamma"), ("local-politics", "large-cities", "phi-in-1-Gamma"),
                ("free-migration", "large-cities", "phi-ge-Gamma"), ("free-migration", "small-cities", "phi-ge-Gamma"),
                ("free-migration", "large-cities", "phi-in-phistar-1"),
                ("free-migration", "small-cities", "phi-in-phistar-1")}


for _panel, _rows, _cols in (
        ("urbanization", [("uR-lt-mu", r"$u_R(N^R) < \mu_*$ Too little Too little", ["Too little", "Too little"]),
                          ("uR-ge-mu", r"$u_R(N^R) \ge \mu_*$ Too much Ambiguous", ["Too much", "Ambiguous"])],
         ["rho-eq-1", "rho-lt-1"]),
        ("local-politics", [("large-cities", r"Large cities undersized undersized§ undersized [‡] oversized",
                             ["undersized", "undersized§", "undersized‡", "oversized"]),
                            ("small-cities", r"Small cities oversized [†] oversized§ oversized oversized",
                             ["oversized†", "oversized§", "oversized", "oversized"]),
                            ("number-of-cities", r"Number of cities too many too many§ ambiguous too few",
                             ["too many", "too many§", "ambiguous", "too few"])],
         ["phi-lt-1", "phi-eq-1", "phi-in-1-Gamma", "phi-ge-Gamma"]),
        ("free-migration", [("large-cities", r"Large cities undersized oversized [‡] oversized§ oversized oversized",
                             ["undersized", "oversized‡", "oversized§", "oversized", "oversized"]),
                            ("small-cities", r"Small cities oversized [†] undersized undersized§ ambiguous oversized",
                             ["oversized†", "undersized", "undersized§", "ambiguous", "oversized"]),
                            ("number-of-cities", r"Number of cities too many ambiguous too few§ too few too few",
                             ["too many", "ambiguous", "too few§", "too few", "too few"])],
         ["phi-lt-phistar", "phi-in-phistar-1", "phi-eq-1", "phi-in-1-Gamma", "phi-ge-Gamma"])):
    for _row, _quote, _cells in _rows:
        for _col, _cell in zip(_cols, _cells):
            _table1(_panel, _row, _col, _quote, _cell)


@claim("abrs2017:S3.4:under-urbanization-M", kind="text", method="numeric",
       quote=r"Without fiscal externalities in either the urban or rural system, free migration between the rural and urban sector can result in under-urbanization even if the urban sector is efficiently organized.",
       note="Figure 5's point M against O; read existentially ('can'), with no wedges at all (Phi = 1).")
def _(s: Settings) -> Outcome:
    from .structure_numeric import under_urbanization
    return under_urbanization(s)
