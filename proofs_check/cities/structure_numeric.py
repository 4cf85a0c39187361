"""abrs2017 Lemmas 2 and 3 tested on the computed allocations (issue 10).

Lemma 2 (the optimum) and Lemma 3 (free migration) state that the allocation exists, is unique
and has a threshold structure: every site at or above the margin a_* (a_m) hosts a city, every
site below it none; the margin city is at k times its efficient (private efficient) scale with
k >= 1, and k = 1 when some sites are left empty. The solvers of `numeric.cities` construct an
allocation of that form; this module holds it to the paper's defining conditions evaluated from
the primitives (w = a n^eps, urban costs n^(1+gamma), the wedges tau, rho, delta), by another
route than the solver's implicit solutions (15) and (23):

- (10) / (18): the equalised benefit -- smb for the optimum, pab for free migration -- equals the
  common level mu at every occupied test site;
- (11) / (20): a site is developed exactly when the best a city there can offer -- sab at the
  efficient scale n_i(a) (optimum), pab at the private efficient scale n_p(a) (free migration) --
  reaches mu: at least mu on the occupied sites, at most mu below the margin;
- (13) / (21): k >= 1, and k = 1 at an interior margin;
- uniqueness of the threshold: that best benefit rises with a across the test sites (a single
  crossing of mu), and the adding-up N = M n(a) for homogeneous sites.

Draws come from the shared pool of `allocations_numeric` (fixed N, as Appendix A.3 reads the
model "for a given N"); each inequality is held to the working precision (a margin of
10^-(dps/2) relative to mu), confirmed at twice the digits by `numeric_check`. Discrete site lists
are outside these hypotheses: their margin is an integer number of cities, and k = 1 cannot be
met exactly (Lemma 2 is stated for a distribution G). Parts (i) of both lemmas (N_* and N_m in
[0, Nbar] with the rural sector of (6) closing the model) are tested on their own draws with a
`RuralSector`: F'(N^R) = mu_* (9), and u^R(N^R) = u_m (19).
"""
from __future__ import annotations

import json
import random
from functools import lru_cache

import mpmath
import sympy as sp

from numeric.cities import AllocationDoesNotExist, solve_allocation
from symbolic import cities as sc
from symbolic.lambdas import numeric_lambda
from ..claims import Outcome, Settings
from ..draws_cities import city_point, in_domain, phi_bundles, phi_region, point_sites, site_kind
from ..numeric_check import Evaluation, NumericClaim, run
from .allocations_numeric import allocation, budgeted, region_counts, run_on_pool

__all__ = ["structure_claim", "structure", "rural_claim", "rural_split"]

R = sp.Rational
_ARGS = [sc.n, sc.a, sc.epsilon, sc.gamma, sc.tau, sc.rho, sc.delta]


@lru_cache(maxsize=None)
def _benefit(name: str, backend: str = "mpmath"):
    """smb (1), sab and pab (2) as functions of (n, a, eps, gamma, tau, rho, delta)."""
    expr = {"smb": sc.social_marginal_benefit(), "sab": sc.social_average_benefit(),
            "pab": sc.private_average_benefit()}[name]
    return numeric_lambda(expr, _ARGS, backend, name)


def _q(r) -> mpmath.mpf:
    r = sp.Rational(r)
    return mpmath.mpf(r.p) / r.q


#: allocation -> (the benefit it equalises, the benefit of a new city at its scale, the scale's wedge)
_RULES = {"optimum": ("smb", "sab", False), "free-migration": ("pab", "pab", True)}
#: the float64 screen's tolerance on each condition, relative to mu (its solves converge to ~1e-13)
FLOAT_TOL = 1e-8


def _test_sites(p: dict, margin, lib) -> list:
    """The lowest site, a site between it and the margin, the margin, and three sites above it up
    to the best site (the top of a bounded support, else the 1e-9 upper-tail site)."""
    from .allocations_numeric import _top_site
    from ..draws_cities import _lowest_site
    low = lib(_lowest_site(p).p) / lib(_lowest_site(p).q)
    top = _top_site(p, lib)
    sites = [low] + ([(low + margin) / 2] if margin > low else [])
    return sites + [margin + (top - margin) * f for f in (0, lib(1) / 4, lib(1) / 2, 1)]


#: The groups of conditions: the lemma's parts (ii) threshold, (iii) margin city, (iv) increasing
#: in a, (v) the bounds of the implicit solution.
PARTS = ("threshold", "margin", "increasing", "bounds")
#: Appendix B: with no wedges developers implement the optimum with u_d = mu_*; their profit at a
#: site is n (sab - u_d), tested at the optimum's sizes (which no wedge changes) above the margin.
PROFITS = ("profits",)


def _conditions(p: dict, name: str, alloc, lib, tol, nstr=str, parts=PARTS):
    """(margin, the tightest condition): the smallest of Lemma 2's (3's) conditions in `parts`,
    each read as 'x >= -tol' with x relative to mu, scaled by 1/tol (so an equality met to the
    working precision has a margin near 1, and a violation a large negative one):

    - threshold ((ii); (10)-(11), (18)-(20)): the equalised benefit at mu on the occupied test sites,
      the entry benefit at least mu there and at most mu below the margin, a single crossing;
    - margin ((iii); (13), (21)): k >= 1, and k = 1 at an interior margin;
    - increasing ((iv)): n(a) strictly increasing over the occupied test sites above the margin;
    - bounds ((v)): n_i(a) <= n_*(a) < n_0(a) = (a Phi_*)^(1/(gamma-eps)) for the optimum, n_p(a) <=
      n_m(a) < n_0(a) = (a Phi)^(1/(gamma-eps)) for free migration, as the lemmas print them."""
    equalised, entry, private = _RULES[name]
    backend = "numpy" if lib is float else "mpmath"
    B, H = _benefit(equalised, backend), _benefit(entry, backend)
    e, g, t, r, d = (lib(sp.Rational(p[k]).p) / lib(sp.Rational(p[k]).q)
                     for k in ("epsilon", "gamma", "tau", "rho", "delta"))
    phi = lib(phi_bundles(p)[0].p) / lib(phi_bundles(p)[0].q)
    mu = alloc.mu
    unit = abs(mu)
    found = [(lib(math_inf(lib)), "")]

    log = mpmath.log if lib is not float else __import__("math").log
    groups = {"threshold": ("(10)/(18)", "(11)/(20)", "n(a)", "adding-up", "the measure", "the best benefit"),
              "margin": ("(13)/(21)",), "increasing": ("(iv)",), "bounds": ("(v)",), "profits": ("(B)",)}
    wanted = tuple(tag for part in parts for tag in groups[part])

    def need(x, what):
        if not what.startswith(wanted):
            return
        m = (x / unit + tol) / tol
        if m < found[0][0]:
            found[0] = (m, what)

    def zero_scale(a):  # n_0(a) of Lemma 2 (v) / Lemma 3 (v) as printed
        bundle = phi if private else (1 + e) / (1 + g)
        return (a * bundle) ** (1 / (g - e))

    def scale(a):  # n_i(a) = (eps a/gamma)^(1/(gamma-eps)), n_p(a) = Phi^(1/(gamma-eps)) n_i(a), (3)
        return ((phi if private else 1) * e * a / g) ** (1 / (g - e))

    if site_kind(p) == "homogeneous":
        body = point_sites(p)["homogeneous"]
        a, M, N = (lib(sp.Rational(body["value"]).p) / lib(sp.Rational(body["value"]).q),
                   lib(sp.Rational(body["measure"]).p) / lib(sp.Rational(body["measure"]).q),
                   lib(p["N"].p) / lib(p["N"].q))
        n, measure = alloc.largest_city, alloc.measure_of_cities
        need(tol * unit - abs(B(n, a, e, g, t, r, d) - mu), f"(10)/(18): {equalised}(n, a) = mu")
        need(H(scale(a), a, e, g, t, r, d) - mu, f"(11)/(20): {entry} at the scale >= mu")
        need(tol * unit - unit * abs(measure * n - N) / N, "adding-up: M n = N")
        need(unit * (M - measure) / M, "the measure of cities within the site measure M")
        need(unit * (log(n) - log(scale(a))), "(v): n(a) at least its (private) efficient scale")
        need(unit * (log(zero_scale(a)) - log(n) - tol), "(v): n(a) below n_0(a)")
        interior = measure < M * (1 - tol)
    else:
        previous = None
        for a in _test_sites(p, alloc.margin_site, lib):
            n = lib(alloc.size_of(a))
            best = H(scale(a), a, e, g, t, r, d)
            at = nstr(a)
            if a >= alloc.margin_site:
                need(unit * (1 if n > 0 else -1), f"n(a) > 0 at a = {at} >= the margin")
                need(tol * unit - abs(B(n, a, e, g, t, r, d) - mu), f"(10)/(18): {equalised}(n(a), a) = mu at a = {at}")
                need(best - mu, f"(11)/(20): {entry} at the scale >= mu at a = {at}")
            else:
                need(unit * (1 if n == 0 else -1), f"n(a) = 0 at a = {at} below the margin")
                need(mu - best, f"(11)/(20): {entry} at the scale <= mu at a = {at}")
            if previous is not None and a > previous[0]:
                need(best - previous[1], "the best benefit rises with a (a single crossing of mu)")
                if previous[0] >= alloc.margin_site:
                    need(unit * (log(n) - log(previous[2]) - tol), f"(iv): n(a) increasing in a at a = {at}")
            if a > alloc.margin_site * (1 + tol) and n > 0 and not private:
                # a developer's profit n (sab - u_d) with u_d = mu_*, relative to n mu_*
                sab = a * n ** e - n ** g
                need(sab - mu - tol * unit, f"(B): the developer's profit positive at a = {at}")
            if a >= alloc.margin_site and n > 0:
                need(unit * (log(n) - log(scale(a))), f"(v): n(a) at least its (private) efficient scale at a = {at}")
                need(unit * (log(zero_scale(a)) - log(n) - tol), f"(v): n(a) below n_0(a) at a = {at}")
            previous = (a, best, n)
        from ..draws_cities import _lowest_site
        low = _lowest_site(p)
        interior = alloc.margin_site > (lib(low.p) / lib(low.q)) * (1 + tol)
    k = alloc.margin_ratio
    need(unit * (k - 1), "(13)/(21): k >= 1")
    if interior:
        need(unit * (tol - abs(k - 1)), "(13)/(21): k = 1 at an interior margin")
    return found[0]


def math_inf(lib):
    return mpmath.inf if lib is not float else float("inf")


class _FloatView:
    """A float64 allocation (numeric.cities.float_screen) read like a CityAllocation."""

    def __init__(self, f):
        self.mu, self.margin_site, self.margin_ratio = f.mu, f.margin_site, f.margin_ratio
        self.size_of = lambda a: float(f.size(a))


def structure(p: dict, name: str, dps: int, parts=PARTS) -> Evaluation:
    """Lemma 2's (name optimum) or Lemma 3's (free-migration) conditions in `parts` at the test
    sites, at dps digits: the margin of `_conditions` with tol = 10^-(dps/2)."""
    alloc = allocation(p, name, dps)
    if alloc is None:
        return Evaluation(None, exists=False, why=f"the {name} allocation was not found at this N")
    with mpmath.workdps(dps):
        tol = mpmath.mpf(10) ** (-(dps // 2))
        margin, where = _conditions(p, name, alloc, mpmath.mpf, tol, lambda a: mpmath.nstr(a, 8), parts)
        values = {"margin site": alloc.margin_site, "margin ratio k": alloc.margin_ratio, "mu": alloc.mu,
                  "every site occupied": "yes" if alloc.all_sites_occupied else "no",
                  "tightest condition": where, "N": p["N"], "Phi region": phi_region(p),
                  "inside the economically meaningful domain": "yes" if in_domain(p) else "no"}
        return Evaluation(margin, alloc.residual, values)


def structure_screen(name: str, parts=PARTS):
    """The float64 screen of `structure` (continuous sites; NaN elsewhere or where it fails)."""
    from .allocations_numeric import CONTINUOUS, float_alloc

    def screen(points):
        out = []
        for p in points:
            f = float_alloc(p, name) if site_kind(p) in CONTINUOUS else None
            if f is None:
                out.append(float("nan"))
                continue
            try:
                with np_errors():
                    out.append(float(_conditions(p, name, _FloatView(f), float, FLOAT_TOL, str, parts)[0]))
            except (ArithmeticError, ValueError, FloatingPointError):
                out.append(float("nan"))
        return out
    return screen


def np_errors():
    import numpy as np
    return np.errstate(all="ignore")


_PART_TEXT = {
    "threshold": ("the threshold structure: {eq} at every occupied test site, the entry condition {entry} "
                  "on both sides of the margin, a single crossing of mu"),
    "margin": "the margin city at k times its (private) efficient scale, k >= 1, k = 1 at an interior margin",
    "increasing": "city size strictly increasing in a above the margin",
    "bounds": "city size between its (private) efficient scale and n_0(a) as printed",
    "profits": "a developer's profit n (sab - mu_*) positive on every site above the margin (Appendix B, no wedges)",
}


def structure_claim(name: str, lemma: str, parts=PARTS) -> NumericClaim:
    """Lemma 2 (name optimum) or 3 (free-migration): the allocation exists and meets the
    conditions of `parts` (see `_conditions`)."""
    def hypotheses(p):
        # at a fixed N free migration needs N < int n_0 dG (Lemma 3 (v)'s bound; beyond it no city has pab >= 0)
        from .allocations_numeric import fm_exists
        return site_kind(p) != "discrete" and (name == "optimum" or fm_exists(p))

    eq, entry = (("smb = mu_* (10)", "(11)") if name == "optimum" else ("pab = mu_m (18)", "(20)"))
    text = "; ".join(_PART_TEXT[part].format(eq=eq, entry=entry) for part in parts)
    return NumericClaim(
        space=None, hypotheses=hypotheses, evaluate=lambda p, dps: structure(p, name, dps, parts), strict=True,
        screen=structure_screen(name, parts),
        conclusion=f"{lemma}: the {name} allocation exists, with {text}",
        hypotheses_text="continuous or homogeneous sites (the pool's distributions), any Phi region, the same N"
                        + ("" if name == "optimum" else ", below int n_0 dG, what free migration can hold"),
        case=lambda p: f"{site_kind(p)}{'' if in_domain(p) else ' (outside the domain)'}",
        absent=f"the {name} solver found no allocation (N beyond what the sites hold)", sample_size=1)


# --- parts (i): the rural sector closes the model -------------------------------------------------

def _rural_point(rng: random.Random, kind: str | None = None) -> dict:
    """A city-system point with the rural sector (6) instead of a fixed N: homogeneous or truncated
    Pareto sites (or `kind`), Cobb-Douglas or CES technology, rural scale set so the split is interior."""
    p = city_point(rng, kind=kind or rng.choice(("homogeneous", "truncated_pareto")))
    total = R(f"{rng.uniform(0.5, 3) * float(p['N']):.4e}")
    scale = R(f"{rng.uniform(0.02, 2) * float(p['epsilon'] / p['gamma']) * 10:.3e}")
    p.update(rural=json.dumps({"scale": str(scale), "land": f"{rng.uniform(1, 50):.3e}",
                               "alpha": rng.choice(("0.2", "0.3", "0.5")), "sigma": rng.choice(("1", "0.8", "2")),
                               "total_population": str(total)}, sort_keys=True))
    return p


def rural_split(p: dict, name: str, dps: int) -> Evaluation:
    """Lemma 2 (i) / 3 (i): N in [0, Nbar] and the rural condition, (9) F'(N^R) = mu_* for the
    optimum, (19) u^R(N^R) = u_m (= mu_m + T, T = 0 here) for free migration, from the solved
    allocation with the rural sector (relative to mu, to the working precision)."""
    params = {k: str(p[k]) for k in ("epsilon", "gamma", "tau", "rho", "delta")}
    params["rural"] = json.loads(p["rural"])
    try:
        with budgeted(f"{name} (a rural draw)"):
            alloc = solve_allocation(params, point_sites(p), name, dps=dps, confirm=False)
    except AllocationDoesNotExist as error:
        return Evaluation(None, exists=False, why=str(error))
    with mpmath.workdps(dps):
        tol = mpmath.mpf(10) ** (-(dps // 2))
        Nbar = _q(params["rural"]["total_population"])
        N, NR, mu = alloc.urban_population, alloc.rural_population, alloc.mu
        # the rural benefit from the technology (6) itself, at N^R (or its limit N^R -> 0+ at a corner)
        from numeric.cities import rural_sector
        sector = rural_sector(**params["rural"])
        at = NR if NR > Nbar * tol else Nbar * mpmath.mpf(10) ** (-2 * dps)
        rural_level = sector.benefit(at, name)[0]
        margins = {"0 <= N": N / Nbar + tol, "N <= Nbar": (Nbar - N) / Nbar + tol,
                   "N + N^R = Nbar": tol - abs(N + NR - Nbar) / Nbar}
        if NR > Nbar * tol:  # an interior split: the rural condition holds with equality
            margins["(9)/(19) with equality"] = tol - abs(rural_level - mu) / abs(mu)
        else:                # no rural population: the city benefit is at least the rural one
            margins["(9)/(19) at N^R = 0"] = (mu - rural_level) / abs(mu) + tol
        margins = {k: m / tol for k, m in margins.items()}  # an equality met to the precision: near 1
        worst = min(margins, key=margins.get)
        values = {"N": N, "N^R": NR, "Nbar": Nbar, "mu": mu, "rural benefit": rural_level, "tightest condition": worst}
        return Evaluation(margins[worst], alloc.residual, values)


def rural_claim(name: str, lemma: str) -> NumericClaim:
    return NumericClaim(
        space=_rural_point, hypotheses=lambda p: True, evaluate=lambda p, dps: rural_split(p, name, dps),
        conclusion=f"{lemma}: N in [0, Nbar] with " + ("F'(N^R) = mu_* (9)" if name == "optimum" else
                                                        "u^R(N^R) = u_m (19)"),
        hypotheses_text="homogeneous or truncated Pareto sites, the rural sector (6) with Cobb-Douglas or CES "
                        "technology (sigma 0.8, 1, 2), rho^R = 1, tau^R = T = 0",
        case=lambda p: site_kind(p), absent=f"the {name} solver found no rural-urban split", sample_size=1)


def lemma_outcome(s: Settings, name: str, lemma: str, part: str) -> Outcome:
    """The numeric check of a Lemma 2 / 3 part: 'structure' over the shared pool, 'rural' on its
    own draws (a tenth of --draws, at least 5: each is a solve with the rural closure)."""
    if part in PARTS + PROFITS:
        return run_on_pool(structure_claim(name, lemma, (part,)), s)
    if part == "structure":
        return run_on_pool(structure_claim(name, lemma), s)
    import dataclasses
    # the rural draws are seeded by the lemma's part (i), so that the lemma's opening sentence reuses them
    few = dataclasses.replace(s, draws=min(s.draws, max(5, s.draws // 10)),
                              claim_id=f"abrs2017:{'Lemma2' if name == 'optimum' else 'Lemma3'}(i)")
    from .. import checks
    key = (name, lemma, few.seed, few.draws, few.dps)
    if key in _RURAL and checks.MUTATE is None:
        return dataclasses.replace(_RURAL[key])
    out = run(rural_claim(name, lemma), few)
    out.detail += f" ({few.draws} draws: a tenth of --draws, each solved with the rural closure.)"
    if checks.MUTATE is None:  # a mutant's run is never cached
        _RURAL[key] = dataclasses.replace(out)
    return out


_RURAL: dict = {}


__all__ += ["lemma_outcome", "region_counts"]


def lemma_whole(s: Settings, name: str, lemma: str) -> Outcome:
    """The lemma's opening sentence: a unique solution of its three conditions. Existence and the
    conditions from both checks above (fixed N, and the rural closure); uniqueness from the single
    crossing (checked per draw) and the level mu falling with N (Proposition 1 (iii) for the
    optimum, proved; the same argument with pab for free migration)."""
    parts = [lemma_outcome(s, name, lemma, "structure"), lemma_outcome(s, name, lemma + " (i)", "rural")]
    bad = [o for o in parts if o.status == "discrepancy"]
    open_ = [o for o in parts if o.status == "unverified"]
    status = "discrepancy" if bad else ("unverified" if open_ else "verified")
    chosen = (bad or open_ or parts)[0]
    detail = (f"Existence and the defining conditions: [fixed N] {parts[0].detail} [rural closure] {parts[1].detail}"
              " Uniqueness: the best benefit a new city can offer rises with a (Lemma 1 (iii); a single crossing of mu "
              "at the test sites of every draw), so the margin is unique given mu, and the city sizes, hence N, fall "
              "as mu rises (Proposition 1 (iii)), so mu is unique given N.")
    return Outcome(status, detail, draws=sum(o.draws or 0 for o in parts),
                   draws_meeting_hypotheses=sum(o.draws_meeting_hypotheses or 0 for o in parts),
                   failures=sum(o.failures or 0 for o in parts), counterexample=chosen.counterexample)


# --- Section 3.1, Figure 4: a very high N occupies every site, every city beyond n_i(a) -------------

def _crowding(p: dict, alloc, lib) -> tuple:
    """(margin, values): min over the sites (discrete: every site; homogeneous: the one value;
    continuous: the test sites) of ln(n_*(a)/n_i(a)), or -1 when some site is left empty."""
    e, g = (lib(sp.Rational(p[k]).p) / lib(sp.Rational(p[k]).q) for k in ("epsilon", "gamma"))
    log = mpmath.log if lib is not float else __import__("math").log
    kind = site_kind(p)
    if kind == "discrete":
        pairs = list(zip(alloc.site_values, alloc.sizes))
        if len(alloc.sizes) < len(point_sites(p)["discrete"]) or any(n <= 0 for _, n in pairs):
            return lib(-1), {"every site occupied": "no"}
    elif kind == "homogeneous":
        body = point_sites(p)["homogeneous"]
        a = lib(sp.Rational(body["value"]).p) / lib(sp.Rational(body["value"]).q)
        if not alloc.all_sites_occupied:
            return lib(-1), {"every site occupied": "no"}
        pairs = [(a, alloc.largest_city)]
    else:
        if not alloc.all_sites_occupied:
            return lib(-1), {"every site occupied": "no"}
        pairs = [(a, lib(alloc.size_of(a))) for a in _test_sites(p, alloc.margin_site, lib)]
    ratios = [(a, log(n) - log((e * a / g) ** (1 / (g - e)))) for a, n in pairs]
    a_min, worst = min(ratios, key=lambda t: t[1])
    return worst, {"every site occupied": "yes", "smallest ln(n_*(a)/n_i(a))": worst, "at site a": a_min,
                   "k_*": alloc.margin_ratio}


def crowded_claim() -> NumericClaim:
    def evaluate(p, dps):
        alloc = allocation(p, "optimum", dps)
        if alloc is None:
            return Evaluation(None, exists=False, why="no optimum at this N")
        with mpmath.workdps(dps):
            margin, values = _crowding(p, alloc, mpmath.mpf)
        values.update({"N": p["N"], "inside the economically meaningful domain": "yes" if in_domain(p) else "no"})
        return Evaluation(margin, alloc.residual, values)

    def screen(points):
        from .allocations_numeric import CONTINUOUS, float_alloc
        out = []
        for p in points:
            f = float_alloc(p, "optimum") if site_kind(p) in CONTINUOUS else None
            if f is None:
                out.append(float("nan"))
                continue
            view = _FloatView(f)
            view.all_sites_occupied = f.all_occupied
            with np_errors():
                out.append(float(_crowding(p, view, float)[0]))
        return out

    return NumericClaim(
        # Discrete sites are left out: with an integer number of cities the population above which every
        # site is used is not sum n_i(a) (a nearly equal worst site can stay empty well above it, its
        # city confined to the rising branch of smb), so the draws' label does not mark "very high" N.
        # Log-normal sites reach down to 0 (n_i -> 0 there): no N occupies them all.
        space=None, hypotheses=lambda p: p["occupancy"] == "all" and site_kind(p) not in ("discrete", "lognormal"),
        evaluate=evaluate, screen=screen,
        conclusion="With N above what the sites hold at their efficient scales, the optimum occupies every site "
                   "and every city exceeds n_i(a)",
        hypotheses_text="N from 1.03 to 4 times the population the sites hold with the optimum's margin at the "
                        "lowest site and k_* = 1 ('a very high urban population'), continuous sites with a lowest "
                        "site or homogeneous ones (Lemma 2's G; discrete lists and log-normal sites left out), any Phi",
        case=lambda p: site_kind(p), absent="no optimum at this N", sample_size=1)


def crowded(s: Settings) -> Outcome:
    """Section 3.1's sentence on Figure 4 (N_2 > N_1), on the draws with every site occupied."""
    from .propositions_numeric import full_pool
    return run_on_pool(crowded_claim(), s, points=full_pool(s))


# --- Section 3.4: under-urbanization without fiscal externalities -----------------------------------

def under_urbanization(s: Settings) -> Outcome:
    """'Free migration ... can result in under-urbanization even if the urban sector is efficiently
    organized' (existential). Point M of Figure 5 equalises average benefits in each sector: read
    as no urban wedges (tau = rho = delta = 0, so Phi = 1 and pab = sab) and a rural migrant who
    receives the average product (rho^R = 0, tau^R = 0: u^R = F/N^R), against the optimum O (F' =
    mu_*). Homogeneous sites make the urban sector efficiently organized under free migration (n_m
    = n_p = n_i = n_*), the case the sentence names. Some draw with N_m below N_*, confirmed at dps
    and 2 dps, verifies it."""
    from ..numeric_check import existential, point_strings
    rng = s.rng()
    draws = min(s.draws, max(5, s.draws // 10))
    found, witness, tried, shown = 0, None, 0, ""
    for _ in range(draws):
        p = _rural_point(rng, kind="homogeneous")
        p.update(tau=R(0), rho=R(0), delta=R(0))
        rural = json.loads(p["rural"])
        rural.update(rho_R="0", tau_R="0")
        p["rural"] = json.dumps(rural, sort_keys=True)
        params = {k: str(p[k]) for k in ("epsilon", "gamma", "tau", "rho", "delta")}
        params["rural"] = rural
        gaps = []
        try:
            for dps in (s.dps, 2 * s.dps):
                with budgeted("optimum (point M)"):
                    o = solve_allocation(params, point_sites(p), "optimum", dps=dps, confirm=False)
                with budgeted("free migration (point M)"):
                    m = solve_allocation(params, point_sites(p), "free-migration", dps=dps, confirm=False)
                gaps.append((o.urban_population - m.urban_population) / o.urban_population)
        except Exception:  # a draw the solvers cannot close is simply not a witness
            continue
        tried += 1
        if all(g > mpmath.mpf(10) ** (-(s.dps // 2)) for g in gaps):
            found += 1
            if witness is None:
                witness, shown = p, (f"N_* = {mpmath.nstr(o.urban_population, 12)}, N_m = "
                                     f"{mpmath.nstr(m.urban_population, 12)}")
    text = (f"With homogeneous sites, tau = rho = delta = 0 (Phi = 1: the urban sector efficiently organized, n_m = "
            "n_i = n_*) and rural migrants receiving the average product (rho^R = 0), "
            f"free migration's urban population was below the optimum's on {found} of {tried} solved draws ({draws} "
            "drawn: a tenth of --draws, each solved with the rural closure at two precisions)")
    return existential(found, tried, witness,
                       f"{text}; e.g. at {point_strings(witness) if witness else ''} ({shown}): under-urbanization "
                       "can occur.", f"{text}: no witness; a finite sample refutes nothing.")
