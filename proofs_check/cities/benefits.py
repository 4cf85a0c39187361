"""abrs2017 Sections 1-2: the introduction's numbers, the primitives, the benefits (1)-(2), the
externality split of 2.5, Lemma 1 with (3)-(5), the rural sector (6), footnotes 10 and 13.

The first part of this module holds the helpers the other `cities` modules share: the
normaliser `canon` (eliminates tau in favour of the positive bundle Phi, merges powers of
positive symbols), `inside` (a point strictly between two bounds, for sign proofs), and the
outcomes for statements that need the numeric allocations or the city-system simulation.
"""
from __future__ import annotations

import random
from fractions import Fraction
from functools import lru_cache

import mpmath
import sympy as sp

from numeric.precision import decimal_string
from symbolic import cities as _sc
from symbolic.cities._core import denest, norm_exponents, ratio_to_v
from symbolic.cities.model import phi_in
from ..checks import all_of, identity, number, printed_side, sign, undecided
from ..claims import Outcome, Settings, claim
from ..draws import abrs2017_point, decimal_between, point_strings



class _CachedDerivations:
    """symbolic.cities with every derivation memoised: several claims use the same derived
    expression, and SymPy results are immutable, so each is derived once per process."""

    def __init__(self, module):
        self._module = module

    def __getattr__(self, name):
        target = getattr(self._module, name)
        if callable(target) and not isinstance(target, (sp.Basic, type)):
            target = lru_cache(maxsize=None)(target)
        setattr(self, name, target)
        return target


sc = _CachedDerivations(_sc)
R = sp.Rational
D = abrs2017_point
eps, gam, tau, rho, delta = sc.epsilon, sc.gamma, sc.tau, sc.rho, sc.delta
a, n, x, y, v, C = sc.a, sc.n, sc.x, sc.y, sc.v, sc.C
Phi, Phi_s, Gam = sc.Phi, sc.Phi_star, sc.Gamma
GE = gam - eps

# positive helper symbols for sign proofs: gamma = epsilon + e_, and a point strictly inside
# an interval written lo + (hi - lo)/(1 + u_).
E_ = sp.Symbol("e_", positive=True)
U_ = sp.Symbol("u_", positive=True)
W_ = sp.Symbol("w_", positive=True)
GAMMA_ABOVE = {gam: eps + E_}
HYP_GE = "0 < epsilon < gamma"


# --- shared helpers ---------------------------------------------------------------------------

def star(expr) -> sp.Expr:
    """Replace the bundle symbols Phi_* and Gamma by their derived values; keep Phi."""
    return sp.sympify(expr).subs({Phi_s: sc.marginal_average_bundle(),
                                  Gam: sc.max_land_agglomeration_ratio()}, simultaneous=True)


@lru_cache(maxsize=4096)
def canon(expr) -> sp.Expr:
    """A canonical form for comparing printed and derived sides (does not change values).

    Phi_* and Gamma are expanded, tau is eliminated in favour of the positive symbol Phi
    (so powers of the fiscal bundle can be merged), bases of symbolic powers are cancelled,
    powers of positive factors are split and merged, and the result is factored.
    """
    e = phi_in(star(expr)).subs(gam, eps + E_)   # exponents 1/(gamma - eps) are then real
    e = e.replace(lambda t: t.is_Pow and bool(t.exp.free_symbols),
                  lambda t: sp.factor(sp.cancel(t.base)) ** t.exp)
    e = denest(sp.expand_power_base(e))
    e = norm_exponents(sp.powsimp(e, combine="exp"))
    return sp.factor(e).subs(E_, gam - eps)


def inside(lo, hi, u=U_) -> sp.Expr:
    """A point strictly between lo and hi (lo < hi), parametrised by the positive symbol u."""
    return lo + (hi - lo) / (1 + u)


def external(what: str, **kwargs) -> Outcome:
    """Unverified: a statement about data or the literature, outside what the model determines."""
    return undecided(f"{what} It rests on data or on other papers, outside the model: nothing in the paper's "
                     "primitives can confirm or refute it.", **kwargs)


def primitive(what: str, **kwargs) -> Outcome:
    """Unverified: a modelling assumption or definition with nothing to derive."""
    return undecided(f"{what} It is a modelling assumption of the paper: there is nothing to derive "
                     "or recompute.", **kwargs)


def consistent(statements, summary: str | None = None) -> Outcome:
    """Verified when every (ok, detail) holds, else a discrepancy naming the first failure.

    For comparisons between numbers the paper prints in two places (text and tables)."""
    for ok, detail in statements:
        if not ok:
            return Outcome("discrepancy", detail)
    return Outcome("verified", summary or " ".join(d for _, d in statements))


def nearest_word(printed_word: str, value, choices: dict, what: str) -> Outcome:
    """A verbal quantity ("a third", "twice") against a value: verified when the printed word
    names the choice nearest to the value (in logs), else a discrepancy naming the nearest."""
    printed_word, _ = printed_side("word", (printed_word, tuple(choices)))
    value = sp.nsimplify(value) if not isinstance(value, sp.Basic) else value
    dist = {word: abs(sp.log(sp.N(value, 30) / sp.N(c, 30))) for word, c in choices.items()}
    best = min(dist, key=dist.get)
    shown = mpmath.nstr(mpmath.mpf(str(sp.N(value, 30))), 4)
    listing = ", ".join(f"{w} = {mpmath.nstr(mpmath.mpf(str(sp.N(c, 20))), 3)}" for w, c in choices.items())
    common = dict(printed=sp.sympify(choices[printed_word]), derived=sp.Float(sp.N(value, 15), 15),
                  printed_latex=printed_word, derived_latex=shown)
    if best == printed_word:
        return Outcome("verified", f"{what} is {shown}, nearest to '{printed_word}' among {listing}.",
                       **common)
    return Outcome("discrepancy", f"{what} is {shown}: that is '{best}', not '{printed_word}' "
                   f"(nearest among {listing}).", **common)


def log_sign(ratio, expected: str, *, settings: Settings, substitutions: dict, what: str,
             hypotheses: str = "", domain=D) -> Outcome:
    """Sign of ln(ratio) for a ratio of positive quantities (ratio < 1 <=> 'negative')."""
    logr = sp.expand_log(sp.log(canon(ratio)), force=True)
    return sign(logr.subs(substitutions), expected, settings=settings, domain=domain,
                hypotheses=hypotheses, what=f"ln({what})")


def table4(row: str, column: int) -> sp.Rational:
    """A printed Table 4 number (exact), from `simulation.TABLE4` (loaded lazily)."""
    from .simulation import TABLE4
    return sp.Rational(TABLE4[row][column - 1].replace(",", ""))


@lru_cache(maxsize=None)
def n_i_printed() -> sp.Expr:
    """n_i(a) as printed in (3)."""
    return (eps / gam * a) ** (1 / GE)


@lru_cache(maxsize=None)
def phi_printed() -> sp.Expr:
    """Phi as printed in (3)."""
    return (1 - tau) / ((1 - delta) * (1 + rho * gam))


@lru_cache(maxsize=None)
def n_p_printed() -> sp.Expr:
    """n_p(a) as printed in (3), with the printed n_i and Phi."""
    return n_i_printed() * phi_printed() ** (1 / GE)


def _ratio_coordinates(expr, scale_power, scale, ratio):
    """expr(n, a) at n = ratio * scale(a), divided by scale^gamma (a helper around symbolic)."""
    from symbolic.cities._core import per_scale, to_ratio
    return per_scale(to_ratio(expr, scale_power, scale, ratio), scale)


# --- Section 1 ----------------------------------------------------------------------------------

@claim("abrs2017:S1:undersized-third", kind="text",
       quote=r"More detailed simulations, based on precise numbers, imply that large American cities are undersized by about a third, that the number of cities is twice the optimum, and that more than half of the urban population is misallocated.",
       note="Held against Table 4, column (1): the largest city (optimal 30,525,000, free mobility "
            "14,790,000) and the number of cities (optimal 99, free mobility 392); Section 5.4 "
            "gives the 61 percent misallocated.")
def _(s: Settings) -> Outcome:
    return _intro_summary(s)


def _intro_summary(s: Settings) -> Outcome:
    from .simulation import undersized_third_and_twice  # the printed and the simulated Table 4
    return undersized_third_and_twice(s, more_than_half=True)


def _welfare_share(row: str, printed: str, s: Settings) -> Outcome:
    from .simulation import welfare_share  # the printed and the simulated Table 4
    return welfare_share(row, printed, s)


@claim("abrs2017:S1:welfare-1pct", kind="text",
       quote=r"Despite that sizable misallocation, the ensuing welfare costs are equal to only around 1% of real consumption in the free-migration equilibrium.",
       note="Held against the welfare rows of Table 4, column (1) (Table 3 has no welfare column).")
def _(s: Settings) -> Outcome:
    return _welfare_share("welfare-free-mobility", "1", s)


@claim("abrs2017:S1:welfare-18pct", kind="text",
       quote=r"In that case, local politics may generate welfare costs of about 18% of real consumption.",
       note="Held against the welfare rows of Table 4, column (1).")
def _(s: Settings) -> Outcome:
    return _welfare_share("welfare-local-politics", "18", s)


# --- 2.1 Preview ----------------------------------------------------------------------------------

@claim("abrs2017:S2.1:np-left-of-ni", kind="text",
       quote=r"Hence, each local government has an incentive to shrink its city population to the new peak n_p — which is to the left of the optimum n_i — thereby free-riding off the benefits from other cities.",
       note="Figure 1's premise: the fiscal externality sab - pab increases with city size.")
def _(s: Settings) -> Outcome:
    # At the private peak pmb = pab, i.e. d pab/dn = 0, so d sab/dn = d(sab - pab)/dn there:
    # smb - sab = n d sab/dn = n d(sab - pab)/dn at n_p. smb > sab exactly below n_i.
    gap = (sc.social_marginal_benefit() - sc.social_average_benefit()
           - n * sp.diff(sc.fiscal_externality(), n))
    at_np = _ratio_coordinates(gap, sc.private_efficient_scale_power(), sc.n_p, y).subs(y, 1)
    step = identity(sp.Integer(0), sp.factor(canon(at_np)), settings=s, domain=D,
                    what="smb - sab - n d(sab - pab)/dn at n = n_p(a)")
    per = _ratio_coordinates(sc.urban_externality(), sc.social_efficient_scale_power(), sc.n_i, x)
    per = ratio_to_v(per / x ** eps, x)
    below = sign(sp.factor(per.subs(v, 1 / (1 + U_))), "positive", settings=s, domain=D,
                 what="(smb - sab)/(n_i^gamma x^eps) at (n/n_i)^(gamma-eps) < 1")
    return all_of([step, below], summary=(
        "At the private peak n_p, d pab/dn = 0, so smb - sab = n d(sab - pab)/dn (identity, proved). "
        "Since smb - sab = eps a n^eps - gamma n^gamma is positive exactly below n_i, a fiscal "
        "externality that increases with n puts n_p to the left of n_i; in the model "
        "n_p/n_i = Phi^(1/(gamma-eps)) (3), which is below one iff Phi < 1."))


@claim("abrs2017:S2.1:fig2-equal-split", kind="text",
       quote=r"$n_p^1 = n_i^1 = n_p^2 = n_i^2$",
       note="Figure 2's example: two sites, no fiscal externalities, equal split 'by coincidence'.")
def _(s: Settings) -> Outcome:
    same = identity(canon(sc.private_efficient_scale()).subs(Phi, 1), sc.social_efficient_scale(),
                    settings=s, domain=D, normalize=canon, what="n_p(a) at Phi = 1 (no fiscal externalities)")
    if same.status != "verified":
        return same
    return undecided("Without fiscal externalities (Phi = 1) n_p = n_i on each site (proved from (3)). "
                     "The equality across the two sites is the example's stipulation ('by coincidence', a "
                     "bucket diagram with general benefit curves); under the paper's functional forms "
                     "n_i(a) = (eps a/gamma)^(1/(gamma - eps)) it would need a_1 = a_2, so it cannot be "
                     "derived.", printed=same.printed, derived=same.derived)


@claim("abrs2017:S2.1:fig2-optimum-city1-larger", kind="text",
       quote=r"$n_*^1 > n_*^2$")
def _(s: Settings) -> Outcome:
    el = sc.optimal_size_elasticity().subs(x ** GE, sc.v)
    out = sign(el.subs(v, inside(Phi_s, Gam)).subs({Phi_s: sc.marginal_average_bundle(),
                                                   Gam: sc.max_land_agglomeration_ratio()}).subs(GAMMA_ABOVE),
               "positive", settings=s, domain=D, hypotheses="v_* in (Phi_*, Gamma) (second-order condition)",
               what="d ln n_*/d ln a at equal smb, (14)")
    if out.status == "verified":
        out.detail = ("At equal social marginal benefits, n_* rises with a: d ln n_*/d ln a of (14) is "
                      "positive wherever the second-order condition holds (v_* > Phi_*) (proved), so the "
                      "superior site 1 hosts the larger optimal city.")
    return out


# --- 2.2-2.3 Primitives -----------------------------------------------------------------------

@claim("abrs2017:S2.2:N-bar-def", kind="definition",
       quote=r"By definition, $\overline{N} \equiv N + N^R$.")
def _(s: Settings) -> Outcome:
    L = sc.planner_lagrangian()
    integral = [I for I in L.atoms(sp.Integral)
                if sp.simplify(I.function - sc.n_of(a) * sc.g(a)) == 0][0]
    constraint = -sp.diff(L, sc.mu)  # N^R + int n dG - Nbar
    return identity(sc.N + sc.N_R - sc.N_bar, constraint.subs(integral, sc.N), settings=s, domain=D,
                    what="N + N^R - Nbar",
                    verified_detail="The definition is the adding-up constraint of the Lagrangian (8) "
                                    "(its derivative in mu), with N = int n(a) dG(a).")


@claim("abrs2017:S2.2:wage", kind="definition",
       quote=r"The gross output of a worker in city a is given by $w(n,a)=an^{\epsilon}$,")
def _(s: Settings) -> Outcome:
    return identity(a * n ** eps, sc.wage(), settings=s, domain=D, what="w(n, a)",
                    verified_detail="The printed wage is the primitive w(n, a) = a n^eps every derivation uses.")


@claim("abrs2017:S2.2:total-production-smp", kind="equation",
       quote=r"Total city production is given by $an^{1+\epsilon}$, implying a social marginal product of $(1+\epsilon)an^{\epsilon}$.")
def _(s: Settings) -> Outcome:
    return identity(((1 + eps) * a * n ** eps, a * n ** (1 + eps)),
                    (sp.diff(n * sc.wage(), n), n * sc.wage()), settings=s, domain=D,
                    normalize=sp.powsimp, what="(social marginal product, total production)",
                    verified_detail="Total production n w(n, a) = a n^(1+eps); its derivative in n is "
                                    "(1+eps) a n^eps (proved).")


@claim("abrs2017:S2.3:utility", kind="definition",
       quote=r"Thus, utility is $u(l,x) = \mathbb{I}(l)x$, where $\mathbb{I}(l) = 1$ if $l \ge 1$ and $\mathbb{I}(l) = 0$ if l < 1.")
def _(s: Settings) -> Outcome:
    return primitive("The Leontief land requirement (one unit of land, linear in the traded good) is a "
                     "primitive; with l = 1 utility is x, which is how every benefit in the derivation layer "
                     "is built.")


@claim("abrs2017:S2.3:land-shadow-price", kind="equation",
       quote=r"The difference, γn^{γ} , between social marginal costs $(1+\gamma)n^{\gamma}$ and social average costs n^{γ} provides the per-capita (differential) shadow-price of land in the city.")
def _(s: Settings) -> Outcome:
    return identity((gam * n ** gam, (1 + gam) * n ** gam, n ** gam),
                    (sc.land_value_per_capita(), sp.diff(sc.total_urban_costs(), n), sc.average_urban_cost()),
                    settings=s, domain=D, normalize=lambda e: sp.expand(sp.powsimp(e)),
                    what="(land value per capita, marginal cost, average cost)",
                    verified_detail="From total urban costs n^(1+gamma): marginal cost (1+gamma) n^gamma, "
                                    "average cost n^gamma, difference gamma n^gamma (proved).")


@claim("abrs2017:S2.3:gamma-gt-epsilon", kind="assumption",
       quote=r"We impose $\gamma>\epsilon$ in order to ensure that urban costs come to dominate agglomeration economies as cities grow large.")
def _(s: Settings) -> Outcome:
    ratio = (sc.wage() / sc.average_urban_cost()).subs(GAMMA_ABOVE)
    lim = sp.limit(sp.powsimp(ratio), n, sp.oo)
    return identity(sp.Integer(0), lim, settings=s, domain=D, what="lim a n^eps / n^gamma as n -> oo",
                    verified_detail="With gamma > epsilon, wages over urban costs a n^eps/n^gamma tend to 0 as "
                                    "n grows (proved), so urban costs come to dominate; the assumption itself "
                                    "is a primitive.")


@claim("abrs2017:S2.3:sab-def", kind="definition",
       quote=r"we characterize the social average benefit as $sab(n,a) = an^{\epsilon} - n^{\gamma}$,")
def _(s: Settings) -> Outcome:
    return identity(a * n ** eps - n ** gam, sc.social_average_benefit(), settings=s, domain=D,
                    what="sab(n, a)",
                    verified_detail="sab = w(n, a) - n^gamma: wage net of average urban costs (proved).")


@claim("abrs2017:1", kind="equation",
       quote=r"$$smb(n,a) = (1+\epsilon)an^{\epsilon} - (1+\gamma)n^{\gamma}.$$")
def _(s: Settings) -> Outcome:
    return identity((1 + eps) * a * n ** eps - (1 + gam) * n ** gam, sc.social_marginal_benefit(),
                    settings=s, domain=D, what="smb(n, a)",
                    verified_detail="smb = d[n sab(n, a)]/dn equals the printed (1) identically.")


# --- footnote 10: the monocentric city ------------------------------------------------------------

@claim("abrs2017:fn10:land-rent", kind="equation",
       quote=r"$R(z) = t\{[n/(d\Theta)]^{\gamma} - z^{2\gamma}\}$")
def _(s: Settings) -> Outcome:
    printed = sc.t * ((n / (sc.d * sc.Theta)) ** gam - sc.z ** (2 * gam))
    return identity(printed, sc.monocentric_land_rent(), settings=s, domain=D,
                    normalize=lambda e: sp.expand(sp.expand_power_base(e)), what="R(z)",
                    verified_detail="R(z) + t z^(2 gamma) is the same at every z and R vanishes at the fringe "
                                    "sqrt(n/(d Theta)): the printed rent (proved).")


@claim("abrs2017:fn10:radius", kind="text",
       quote=r"Consider a radial monocentric city, with radius $\sqrt{n/(d\Theta)}$, where d is density and Θ is the arc of expansion.")
def _(s: Settings) -> Outcome:
    r = sp.Symbol("r", positive=True)
    sector = sp.solve(sp.Eq(sc.d * sc.Theta * r ** 2 / 2, n), r)[0]
    return undecided(f"The radius holds n residents at density d only if the land within distance r is "
                     f"Theta r^2 (Theta half the sector's angle, e.g. Theta = pi for a full disc); if Theta is "
                     f"the sector's angle the land is Theta r^2/2 and the radius must be {sp.sstr(sector)}. "
                     "The text does not say which; the derivation of the aggregates (fn10:AUC-ACC-ALR) uses "
                     "land Theta r^2, the reading under which the printed radius is right.",
                     printed=sp.sqrt(n / (sc.d * sc.Theta)), derived=sector)


@claim("abrs2017:fn10:AUC-ACC-ALR", kind="equation",
       quote=r"$$AUC = \frac{t}{d^{1+\gamma}\Theta^{\gamma}}n^{1+\gamma}$$ , $ACC = \frac{1}{1+\gamma}AUC$ and $ALR = \frac{\gamma}{1+\gamma}AUC$,",
       note="Aggregates summed over the n residents (density d per unit of land, land Theta r^2 within r).")
def _(s: Settings) -> Outcome:
    auc = sc.t / (sc.d ** (1 + gam) * sc.Theta ** gam) * n ** (1 + gam)
    agg = sc.monocentric_aggregates("resident")
    norm = lambda e: sp.factor(sp.powsimp(sp.expand_power_base(e, force=True), force=True))  # noqa: E731
    out = identity((auc, auc / (1 + gam), gam / (1 + gam) * auc), (agg["AUC"], agg["ACC"], agg["ALR"]),
                   settings=s, domain=D, normalize=norm, what="(AUC, ACC, ALR)")
    if out.status == "discrepancy":
        land = sc.monocentric_aggregates("land")
        out.detail += (f" Summed over residents, AUC = {sp.sstr(agg['AUC'])}; the printed level "
                       f"{sp.sstr(land['AUC'])} is the sum over units of land (each resident counted 1/d "
                       "times), which agrees only when d = 1. The shares ACC = AUC/(1+gamma) and "
                       "ALR = gamma AUC/(1+gamma) hold under either count.")
    return out


@claim("abrs2017:fn10:ALR-plus-ACC", kind="equation",
       quote=r"with ALR + ACC = AUC.")
def _(s: Settings) -> Outcome:
    agg = sc.monocentric_aggregates("resident")
    auc = sp.Symbol("AUC", positive=True)
    printed_sum = auc / (1 + gam) + gam / (1 + gam) * auc
    return all_of([identity(printed_sum, auc, settings=s, domain=D, what="the printed ACC + ALR"),
                   identity(agg["ACC"] + agg["ALR"], agg["AUC"], settings=s, domain=D,
                            what="the derived ACC + ALR")],
                  summary="ACC + ALR = AUC for the printed shares (1/(1+gamma) + gamma/(1+gamma) = 1) and for "
                          "the aggregates integrated from R(z) and t z^(2 gamma) (proved).")


@claim("abrs2017:fn10:units", kind="definition",
       quote=r"We set $t = d^{1+\gamma}\Theta^{\gamma}$ by choice of units to obtain our expression for aggregate urban costs.")
def _(s: Settings) -> Outcome:
    out = identity(sc.d ** (1 + gam) * sc.Theta ** gam, sc.monocentric_cost_normalisation("resident"),
                   settings=s, domain=D, normalize=lambda e: sp.powsimp(sp.expand_power_base(e)),
                   what="the t that makes AUC = n^(1+gamma)")
    if out.status == "discrepancy":
        out.detail += (f" The printed t makes the printed AUC (a sum over units of land) equal n^(1+gamma); "
                       f"summed over residents the normalisation is t = "
                       f"{sp.sstr(sc.monocentric_cost_normalisation('resident'))}. The two agree when d = 1.")
    return out


# --- 2.4 Land ownership and federal taxation --------------------------------------------------

@claim("abrs2017:S2.4:rho-roback", kind="text",
       quote=r"The case of $\rho=1$ is standard in a Roback (1982) equilibrium, while $\rho=0$ is the most frequent assumption in the optimal-city size literature.")
def _(s: Settings) -> Outcome:
    return external("A reading of the literature: the polar values rho = 1 (migrants pay the full land value) and "
                    "rho = 0 (land rents never enter the migrant's calculation).")


@claim("abrs2017:fn11", kind="text",
       quote=r"The literature on the GHV Theorem is in fact predicated on values of $\rho=0$ and perfectly non-rival public goods.")
def _(s: Settings) -> Outcome:
    return external("A statement about the GHV literature; the paper's own GHV ratios (17), (25) are checked where "
                    "they are printed.")


@claim("abrs2017:S2.4:land-purchase", kind="text",
       quote=r"A key observation is that the purchase of land, $\rho\gamma n^{\gamma}$, is a private cost to migrants but, unlike commuting, is not a social cost.")
def _(s: Settings) -> Outcome:
    in_pab = -sp.expand(sc.private_average_benefit()).coeff(rho)   # land payment in pab
    social = sp.expand(sc.social_average_benefit()).coeff(rho)     # land payment in sab
    return identity((rho * gam * n ** gam * (1 - delta), sp.Integer(0)), (rho * in_pab, social),
                    settings=s, domain=D, normalize=sp.expand, what="(land payment in pab, in sab)",
                    verified_detail="The land purchase enters pab as rho (1-delta) gamma n^gamma (rho gamma "
                                    "n^gamma before the discount) and does not enter sab (proved): it is a "
                                    "transfer, a private but not a social cost.")


@claim("abrs2017:S2.4:tau-le-1", kind="assumption",
       quote=r"We assume the federal government taxes nominal wages at a uniform rate $\tau \leq 1.^{12}$",
       note="The trailing ^{12} is the marker of footnote 12.")
def _(s: Settings) -> Outcome:
    return primitive("A restriction on the fiscal parameters. Note that at tau = 1 the bundle Phi of (3) "
                     "is 0, so the 'Phi > 0' of (3) needs tau < 1.")


@claim("abrs2017:S2.4:delta-le-1", kind="assumption",
       quote=r"We further assume that urban costs are discounted at a uniform rate $\delta \leq 1$.")
def _(s: Settings) -> Outcome:
    return primitive("A restriction on the fiscal parameters. At delta = 1 the bundle Phi of (3) is "
                     "undefined, so (3) needs delta < 1.")


@claim("abrs2017:2", kind="equation",
       quote=r"$$u(n,a) = (1-\tau)an^{\epsilon} - (1-\delta)n^{\gamma} - \rho(1-\delta)\gamma n^{\gamma} + T \equiv pab(n,a) + T.$$")
def _(s: Settings) -> Outcome:
    u = (1 - tau) * a * n ** eps - (1 - delta) * n ** gam - rho * (1 - delta) * gam * n ** gam + sc.T
    return identity((u, u - sc.T), (sc.utility(), sc.private_average_benefit()), settings=s, domain=D,
                    normalize=sp.expand, what="(u(n, a), pab(n, a))",
                    verified_detail="The after-tax wage, discounted commuting cost and discounted land "
                                    "payment plus the rebate give the printed u; pab = u - T (proved).")


# --- 2.5 Externalities -------------------------------------------------------------------------

@claim("abrs2017:S2.5:externality-decomposition", kind="equation",
       quote=r"$$smb(n,a) - pab(n,a) = \underbrace{\epsilon an^{\epsilon} - \gamma n^{\gamma}}_{smb-sab} + \underbrace{\tau an^{\epsilon} + \rho(1-\delta)\gamma n^{\gamma} - \delta n^{\gamma}}_{sab-pab}.$$")
def _(s: Settings) -> Outcome:
    urban = eps * a * n ** eps - gam * n ** gam
    fiscal = tau * a * n ** eps + rho * (1 - delta) * gam * n ** gam - delta * n ** gam
    return identity((urban + fiscal, urban, fiscal),
                    (sc.total_externality(), sc.urban_externality(), sc.fiscal_externality()),
                    settings=s, domain=D, normalize=sp.expand, what="(smb - pab, smb - sab, sab - pab)",
                    verified_detail="Both underbraced terms and their sum equal smb - sab, sab - pab and "
                                    "smb - pab from (1) and (2) identically.")


@claim("abrs2017:S2.5:fiscal-ext-without-policy", kind="text",
       quote=r"It exists even without explicit federal policy, so long as migrants must purchase some land, i.e., if $\tau = \delta = 0$ and $\rho > 0.13$",
       note="The extraction's '0.13' is 'rho > 0' followed by the marker of footnote 13.")
def _(s: Settings) -> Outcome:
    r = sp.Symbol("r", positive=True)
    fe = sc.fiscal_externality().subs({tau: 0, delta: 0, rho: r})
    return sign(fe, "positive", settings=s, domain=D, hypotheses="tau = delta = 0, rho > 0",
                what="sab - pab = rho gamma n^gamma")


@claim("abrs2017:S2.5:fiscal-ext-increases", kind="text",
       quote=r"This externality increases with n for most standard values, meaning that urban growth provides positive externalities to the economy.")
def _(s: Settings) -> Outcome:
    slope = sp.expand(n * sp.diff(sc.fiscal_externality(), n))
    t_, q_ = sp.symbols("t_ q_", positive=True)
    form = identity(slope, tau * eps * a * n ** eps + (rho * (1 - delta) * gam - delta) * gam * n ** gam,
                    settings=s, domain=D, normalize=sp.expand, what="n d(sab - pab)/dn")
    general = sign(t_ * eps * a * n ** eps + q_ * gam * n ** gam, "positive", settings=s, domain=D,
                   hypotheses="tau > 0 and rho (1 - delta) gamma - delta > 0",
                   what="tau eps a n^eps + (rho (1-delta) gamma - delta) gamma n^gamma")
    bases = []
    from .calibration import ROWS
    for slug in ("base", "high-agglomeration", "high-congestion", "land-reform"):
        p = ROWS[slug][1]
        val = slope.subs({eps: p["epsilon"], gam: p["gamma"], tau: p["tau"], rho: p["rho"], delta: p["delta"]})
        bases.append(sign(val, "positive", settings=s, what=f"n d(sab - pab)/dn at the {slug} row of Table 3"))
    dev = ROWS["developing-country"][1]
    out = all_of([form, general] + bases)
    if out.status == "verified":
        zero = sp.simplify(slope.subs({tau: dev["tau"], rho: dev["rho"], delta: dev["delta"]}))
        out.detail = ("n d(sab - pab)/dn = tau eps a n^eps + (rho (1-delta) gamma - delta) gamma n^gamma is "
                      "positive whenever tau > 0 and rho (1-delta) gamma > delta (proved), which covers the "
                      "base, high-agglomeration, high-congestion and land-reform rows of Table 3; with "
                      f"tau = rho = delta = 0 (developing country) it is {zero}, and it is negative when delta "
                      "exceeds rho (1-delta) gamma with little tax: hence 'for most standard values'.")
    return out


# --- Lemma 1 -----------------------------------------------------------------------------------

ONE_CITY = (" Lemma 1 is about one city at a time (its efficient scales and benefits), with no allocation across "
            "sites: the closed-form proof decides it, and there is no city system for the solvers to compute.")


def _one_city(out: Outcome) -> Outcome:
    if out.status == "verified":
        out.detail += ONE_CITY
    return out


@claim("abrs2017:Lemma1", kind="lemma",
       quote=r"In the social (equation (1)) and private (equation (2)) frameworks above, cities exhibit unique social and private efficient scales, $n_i(a)$ and $n_p(a)$, determined by $smb[n_i(a), a] = sab[n_i(a), a]$ and $pmb[n_p(a), a] = pab[n_p(a), a]$, respectively.")
def _(s: Settings) -> Outcome:
    soc = sp.factor(_ratio_coordinates(sc.social_marginal_benefit() - sc.social_average_benefit(),
                                       sc.social_efficient_scale_power(), sc.n_i, x))
    pri = sp.factor(canon(_ratio_coordinates(sc.private_marginal_benefit() - sc.private_average_benefit(),
                                             sc.private_efficient_scale_power(), sc.n_p, y)))
    roots = identity((sp.Integer(0), sp.Integer(0)), (soc.subs(x, 1), pri.subs(y, 1)), settings=s, domain=D,
                     what="(smb - sab at n_i, pmb - pab at n_p)")
    if roots.status != "verified":
        return roots
    return Outcome("verified", "At n = x n_i(a), smb - sab = gamma n_i^gamma (x^eps - x^gamma), and at n = y n_p(a), pmb - pab "
                   "= gamma (1-delta)(1+rho gamma) n_p^gamma (y^eps - y^gamma) (proved): each vanishes only at x = 1 (y = 1), "
                   "since gamma > eps; n_p needs Phi > 0. Existence and uniqueness of both scales proved." + ONE_CITY,
                   printed=(sp.Integer(0), sp.Integer(0)), derived=(soc, pri))


def _scales(s: Settings, what: str) -> Outcome:
    return identity((n_i_printed(), n_p_printed()), (sc.social_efficient_scale(), sc.private_efficient_scale()),
                    settings=s, domain=D, normalize=canon, what=what,
                    verified_detail="n_i solves smb = sab and n_p solves pmb = pab; the printed scales, with n_p "
                                    "= n_i Phi^(1/(gamma-eps)), equal the derived ones identically (Phi > 0).")


@claim("abrs2017:Lemma1(i)", kind="lemma",
       quote=r"(i) Population size: The private efficient scale is a multiple of the social efficient scale.")
def _(s: Settings) -> Outcome:
    return _one_city(_scales(s, "(n_i(a), n_p(a)) of (3)"))


@claim("abrs2017:3", kind="equation",
       quote=r"$$n_i(a) = \left(\frac{\epsilon}{\gamma}a\right)^{\frac{1}{\gamma-\epsilon}} \quad \text{and} \quad n_p(a) = n_i(a)\Phi^{\frac{1}{\gamma-\epsilon}}, \quad \text{where} \quad \Phi \equiv \frac{1-\tau}{(1-\delta)(1+\rho\gamma)} > 0.$$")
def _(s: Settings) -> Outcome:
    scales = _scales(s, "(n_i(a), n_p(a))")
    bundle = identity(phi_printed(), sc.fiscal_bundle(), settings=s, domain=D, what="Phi",
                      verified_detail="Phi = (n_p/n_i)^(gamma-eps) from the two scales (proved).")
    t_, d_, r_ = sp.symbols("t_ d_ r_", positive=True)
    positive = sign(phi_printed().subs({tau: 1 - t_, delta: 1 - d_, rho: r_}), "positive", settings=s,
                    hypotheses="tau < 1, delta < 1, rho >= 0", what="Phi")
    out = all_of([scales, bundle, positive], shown=scales)
    if out.status == "verified":
        out.detail = ("n_i and n_p of (3) equal the derived efficient scales identically, Phi is their ratio "
                      "to the power gamma - eps, and Phi > 0 for tau < 1, delta < 1, rho >= 0 (proved); at the "
                      "boundary tau = 1 that Section 2.4 admits Phi = 0, and at delta = 1 it is undefined.")
    return out


def _benefits(s: Settings) -> Outcome:
    printed = ((gam / eps - 1) * n_i_printed() ** gam,
               (1 - delta) * (1 + rho * gam) * (gam / eps - 1) * n_p_printed() ** gam)
    derived = (sc.social_benefit_at_efficient_scale(), sc.private_benefit_at_private_scale())
    return identity(printed, derived, settings=s, domain=D, normalize=canon, what="(sab_i(a), pab_p(a))",
                    verified_detail="sab at n_i(a) and pab at n_p(a), from (1)-(3), equal the printed (4) "
                                    "identically.")


@claim("abrs2017:Lemma1(ii)", kind="lemma",
       quote=r"(ii) Utility benefits: Efficient scales yield benefits $sab_i(a) \equiv sab[n_i(a), a]$ and $pab_p(a) \equiv pab[n_p(a), a]$ given by")
def _(s: Settings) -> Outcome:
    return _one_city(_benefits(s))


@claim("abrs2017:4", kind="equation",
       quote=r"$$sab_i(a) = \left(\frac{\gamma}{\epsilon} - 1\right) \left[n_i(a)\right]^{\gamma} \quad \text{and} \quad pab_p(a) = (1 - \delta) \left(1 + \rho\gamma\right) \left(\frac{\gamma}{\epsilon} - 1\right) \left[n_p(a)\right]^{\gamma}.$$")
def _(s: Settings) -> Outcome:
    return _benefits(s)


def _elasticities(s: Settings) -> Outcome:
    printed = (1 / GE, 1 / GE, gam / GE, gam / GE)
    derived = (sc.efficient_scale_elasticity(), sc.efficient_scale_elasticity(private=True),
               sc.efficient_benefit_elasticity(), sc.efficient_benefit_elasticity(private=True))
    values = identity(printed, derived, settings=s, domain=D,
                      what="(d ln n_i, d ln n_p, d ln sab_i, d ln pab_p)/d ln a")
    positive = sign((gam / GE).subs(GAMMA_ABOVE), "positive", settings=s, hypotheses=HYP_GE,
                    what="gamma/(gamma - eps)")
    return all_of([values, positive], shown=values,
                  summary="The elasticities with respect to a are 1/(gamma-eps) for n_i and n_p and "
                          "gamma/(gamma-eps) > 0 for sab_i and pab_p, constants (proved from (3)-(4)).")


@claim("abrs2017:Lemma1(iii)", kind="lemma",
       quote=r"(iii) Relative size: The elasticity of both efficient scales to site productivity, a, are constant, positive, and equal to $1/(\gamma - \epsilon)$.")
def _(s: Settings) -> Outcome:
    return _one_city(_elasticities(s))


@claim("abrs2017:5", kind="equation",
       quote=r"$$\widehat{n}_i = \widehat{n}_p = \frac{1}{\gamma - \epsilon} \widehat{a}, \text{ and } \widehat{sab}_i = \widehat{pab}_p = \frac{\gamma}{\gamma - \epsilon} \widehat{a} > 0.$$",
       note="Hats are log-differentials; the '> 0' is for a rise in a (ahat > 0).")
def _(s: Settings) -> Outcome:
    return _elasticities(s)


def _small_sites(rng: random.Random, symbols) -> dict:
    """abrs2017_point with the site quality a drawn from (0.001, 0.2): sites of low productivity."""
    point = abrs2017_point(rng, symbols)
    for sym in point:
        if sym.name == "a":
            point[sym] = decimal_between(rng, "0.001", "0.2")
    return point


@claim("abrs2017:S2.5:scales-comparative-statics", kind="text",
       quote=r"They also increase with agglomeration economies, ϵ , and decrease with urban diseconomies, γ .")
def _(s: Settings) -> Outcome:
    ln_ni = sp.log(sc.social_efficient_scale_power()) / GE
    d_eps, d_gam = sp.diff(ln_ni, eps), sp.diff(ln_ni, gam)
    rising = sign(d_eps, "positive", settings=s, domain=_small_sites, hypotheses=HYP_GE,
                  what="d ln n_i/d eps = [(gamma-eps)/eps + ln(eps a/gamma)]/(gamma-eps)^2")
    falling = sign(d_gam, "negative", settings=s, domain=_small_sites, hypotheses=HYP_GE,
                   what="d ln n_i/d gamma")
    out = all_of([rising, falling])
    if out.status == "discrepancy":
        out.detail += (" The sign depends on the units of a: d ln n_i/d eps > 0 iff eps a/gamma > "
                       "exp(-(gamma - eps)/eps), so the statement holds only on sites with n_i large enough "
                       "(the same for n_p = n_i Phi^(1/(gamma-eps))); at the calibrated a of Table 4 it holds.")
    return out


@claim("abrs2017:S2.5:ratio-benefits-costs", kind="text",
       quote=r"The ratio of these elasticities, γ/ϵ , equals the ratio of average urban benefits to costs, either an^ϵ/n^γ or $\Phi an^\epsilon/n^\gamma$.",
       note="The two ratios are read at the efficient scales n_i (social) and n_p (private).")
def _(s: Settings) -> Outcome:
    ni, np_ = n_i_printed(), n_p_printed()
    printed = (a * ni ** eps / ni ** gam, phi_printed() * a * np_ ** eps / np_ ** gam)
    return identity(printed, (sc.benefit_cost_ratio_at_scale(), sc.benefit_cost_ratio_at_scale(private=True)),
                    settings=s, domain=D, normalize=canon,
                    what="(a n^eps/n^gamma at n_i, Phi a n^eps/n^gamma at n_p)",
                    verified_detail="Both benefit-cost ratios equal gamma/eps at the efficient scales (proved).")


@claim("abrs2017:S2.5:Phi-lt-1-np-lt-ni", kind="text",
       quote=r"In the typical developed-world case where $\Phi<1$, the private efficient scale, $n_p(a)$, falls short of the socially efficient scale, $n_i(a)$.")
def _(s: Settings) -> Outcome:
    return log_sign(sc.private_efficient_scale() / sc.social_efficient_scale(), "negative", settings=s,
                    substitutions={Phi: 1 / (1 + U_), **GAMMA_ABOVE}, hypotheses="Phi < 1, gamma > eps",
                    what="n_p/n_i")


@claim("abrs2017:S2.5:part-iii-garbled", kind="text",
       quote=r"Finally, part (iii) shows that n_p and n_p increase at constant rates in n_p : better sites host larger cities and offer larger benefits to their residents.",
       note="Garbled extraction: read as 'n_i and n_p (and sab_i, pab_p) increase at constant rates in a'.")
def _(s: Settings) -> Outcome:
    return _elasticities(s)


@claim("abrs2017:fn13", kind="text",
       quote=r"Under this interpretation, the larger is ρ , the more powerful are migrants relative to incumbents, and the smaller is the private efficient scale for a city.")
def _(s: Settings) -> Outcome:
    d_rho = sp.factor(sp.diff(sp.log(sc.private_efficient_scale_power()), rho) / GE)
    r_ = sp.Symbol("r_", nonnegative=True)
    return sign(d_rho.subs({rho: r_, **GAMMA_ABOVE}), "negative", settings=s, domain=D,
                hypotheses="rho >= 0, gamma > eps", what=f"d ln n_p/d rho = {sp.sstr(d_rho)}")


# --- 2.6 The non-urban sector --------------------------------------------------------------------

@claim("abrs2017:S2.6:rural-def", kind="definition",
       quote=r"The rural population, $N^R \equiv \overline{N} - N$ produces the traded good (from agriculture) using a concave technology $X^R = F(N^R)$.")
def _(s: Settings) -> Outcome:
    (nr,) = sp.solve(sp.Eq(sc.N + sc.N_R, sc.N_bar), sc.N_R)
    return identity(sc.N_bar - sc.N, nr, settings=s, domain=D, what="N^R",
                    verified_detail="N^R = Nbar - N is the adding-up constraint of (7)-(8); X^R = F(N^R) names "
                                    "the rural technology (a primitive).")


@claim("abrs2017:S2.6:rural-wage-land", kind="definition",
       quote=r"The omitted factor, agricultural land, L^R , receives the remaining product, $F - N^R F'(N^R)$.")
def _(s: Settings) -> Outcome:
    X = sc.rural_output("textbook")
    euler = sp.simplify(sp.powsimp(X - sc.N_R * sp.diff(X, sc.N_R) - sc.L_R * sp.diff(X, sc.L_R), force=True))
    return identity(sp.Integer(0), euler, settings=s, domain=D,
                    what="F - N^R F' - L^R F_L for the CES technology",
                    verified_detail="For a constant-returns technology such as the CES (6) the remaining product "
                                    "F - N^R F' equals land's marginal product times L^R (Euler, proved), so "
                                    "land paid competitively receives it.")


@claim("abrs2017:S2.6:rural-income", kind="equation",
       quote=r"The net-of-tax income a rural migrant receives is then $u^R(N^R) = (\rho^R - \tau^R)F' + (1 - \rho^R)F/N^R + T^R$.")
def _(s: Settings) -> Outcome:
    F = sp.Function("F")(sc.N_R)
    printed = (sc.rho_R - sc.tau_R) * sp.diff(F, sc.N_R) + (1 - sc.rho_R) * F / sc.N_R + sc.T_R
    return identity(printed, sc.rural_private_benefit(), settings=s, domain=D, normalize=sp.expand,
                    what="u^R(N^R)",
                    verified_detail="The after-tax wage (1-tau^R) F' plus the share 1-rho^R of land income "
                                    "(F - N^R F')/N^R plus T^R equals the printed u^R (proved).")


@claim("abrs2017:S2.6:F-assumptions", kind="assumption",
       quote=r"We assume weakly positive but diminishing returns of adding people to the countryside: $F'(N) \geq 0$ and $F''(N) \leq 0$ for $N \in [0, \overline{N}]$.")
def _(s: Settings) -> Outcome:
    return primitive("An assumption on the rural technology F. The CES form (6) as printed satisfies "
                     "F'' <= 0 only for sigma >= 1/2 (its exponent (1-sigma)/sigma exceeds 1 below that); "
                     "see the check of (6).")


def _rural_domain(rng: random.Random, symbols) -> dict:
    point = abrs2017_point(rng, symbols)
    for sym in point:
        if sym.name == "sigma":
            point[sym] = decimal_between(rng, "0.55", "5")
        elif sym.name == "alpha":
            point[sym] = decimal_between(rng, "0", "1")
    return point


@claim("abrs2017:6", kind="equation",
       quote=r"$$X^{R} = a^{R} N^{R} \left[(1 - \alpha) + \alpha (L^{R}/N^{R})^{(1-\sigma)/\sigma} \right]^{\sigma/(1-\sigma)}, \tag{6}$$")
def _(s: Settings) -> Outcome:
    sigma = sc.sigma
    printed_es = sc.rural_elasticity_of_substitution("printed")
    out = identity(sigma, printed_es, settings=s, domain=_rural_domain,
                   what="the elasticity of substitution sigma that the text attributes to (6)")
    if out.status == "discrepancy":
        out.detail += (f" As printed, (6) is a CES with exponent r = (1-sigma)/sigma, whose elasticity of "
                       f"substitution is {sp.sstr(printed_es)}; the textbook exponent (sigma-1)/sigma gives "
                       f"{sp.sstr(sc.rural_elasticity_of_substitution('textbook'))}. With the printed exponent, "
                       "sigma -> 0 gives max(N^R, L^R) rather than perfect complements and F is convex in N^R "
                       "for sigma < 1/2, against F'' <= 0.")
    out.printed_latex = r"X^{R} = a^{R} N^{R} \left[(1 - \alpha) + \alpha (L^{R}/N^{R})^{(1-\sigma)/\sigma} \right]^{\sigma/(1-\sigma)},\ \text{elasticity } \sigma"
    return out


@claim("abrs2017:S2.6:ces-limits", kind="text",
       quote=r"The first case is when the rural population is fixed, corresponding to perfect complementarity, i.e., $\sigma \to 0$.",
       note="Checked at L^R/N^R = 2: perfect complements give a^R min(N^R, L^R) = a^R N^R.")
def _(s: Settings) -> Outcome:
    limit = sc.rural_output_limit(0, "printed", ratio=2)
    out = identity(sc.a_R * sc.N_R, limit, settings=s, domain=D,
                   what="lim X^R as sigma -> 0 at L^R = 2 N^R (perfect complements give a^R N^R)")
    if out.status == "discrepancy":
        out.detail += (f" With the printed exponent of (6) the limit is {sp.sstr(limit)} = a^R max(N^R, L^R): "
                       "perfect substitutes in the max sense, not complements; the textbook exponent gives "
                       f"{sp.sstr(sc.rural_output_limit(0, 'textbook', ratio=2))}.")
    return out


@claim("abrs2017:S2.6:params-nonneg", kind="assumption",
       quote=r"where $a^R \geq 0$, $\alpha \geq 0$, and $\sigma \geq 0$ are scale, distribution, and substitution parameters, respectively.")
def _(s: Settings) -> Outcome:
    return primitive("Parameter restrictions of (6). The distribution weights 1 - alpha and alpha are both "
                     "non-negative only if also alpha <= 1.")
