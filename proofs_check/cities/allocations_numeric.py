"""abrs2017 Section 3 and Table 1 tested by computing the allocations (issue 10).

Every claim here compares allocations city by city: the optimum (numeric.cities.optimum), local
politics and free migration, at the same urban population N (the paper's "for a given N",
A.3), over a shared pool of draws (`proofs_check.draws_cities.city_point`) drawn per Phi region
and site kind: draw i has the region PHI_REGIONS[i mod 7] (the open intervals of Table 1 and
its boundaries Phi_*, 1, Gamma exactly) and the kind SITE_KINDS[(i div 7) mod 6] (homogeneous,
truncated Pareto, Pareto, log-normal, uniform, discrete), so every 42 draws hold every pair;
N runs from few sites occupied to all of them.

Tiers (`run_on_pool`): discrete and homogeneous sites are solved by numeric.cities at --dps
and at twice that on every draw (milliseconds each), and they decide (they are the fixed sample
confirmed at both precisions; a claim without any takes one uniform-site draw instead);
continuous sites are screened in float64 (numeric.cities.float_screen, an independent route),
and only the screened failures (at most CONTINUOUS_CONFIRM per claim, the
cheapest first, none once a failure is confirmed), near-ties and draws the screen cannot
compute go to the high-precision solvers at --dps and 2 dps. A draw's allocations are solved
once per process and shared by every claim (`_ALLOC`, `_FLOAT`, failures included). An exact
tie of discrete sites (the same count of cities, or one city holding all of N in both) is
counted as a tie, not as a failure.

Comparisons (each a log ratio, so margins are of order one; `COMPARISONS`):

- large cities: the best site's city, n_z(abar) against n_*(abar) (unbounded tops: the site
  whose upper tail holds 1e-9 of the sites, or 4 times the higher margin if that is higher); the limit reading of '‡ if abar is sufficiently
  large' ("large-far"): the two cities at the site a_f with (a_f/a_*)^(gamma/(gamma-eps)) =
  1e12, sizes from the implicit solutions (15) and (23) with the solved margins (a vanishing
  mass of sites added at the top leaves the margins unchanged);
- small cities, two readings: (A) the smallest city of z against the optimum on the same site
  (0 there when the site is not optimally occupied: "oversized by virtue of existing"), (B)
  against the smallest optimal city n_*(a_*);
- number of cities: the margin sites (continuous), the count (discrete), the measure
  (homogeneous) -- "too many" when z occupies more sites than the optimum;
- "optimal" (the '§ optimal if homogeneous' note): every comparison within 10^-(dps/2).
"""
from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass

import mpmath
import sympy as sp

from numeric.cities import AllocationDoesNotExist, solve_allocation
from numeric.cities._kernel import time_budget
from numeric.cities.float_screen import FloatScreenError, float_allocation, float_sites
from ..claims import Outcome, Settings
from ..draws_cities import (PHI_REGIONS, SITE_KINDS, city_point, in_domain, phi_bundles, phi_region,
                            point_sites, site_kind)
from ..numeric_check import NEAR_TIE, Evaluation, NumericClaim, _counterexample, point_strings

__all__ = ["pool", "allocation", "comparison", "cell_claim", "run_on_pool", "region_counts", "COMPARISONS",
           "lp_capacity", "lp_exists", "far_log_ratio"]

_POOL: dict = {}
_ALLOC: dict = {}
_FLOAT: dict = {}
CONTINUOUS = ("truncated_pareto", "pareto", "lognormal", "uniform")
#: the high-precision cost of a kind (orders the confirmations: cheapest first)
COST = {"homogeneous": 0, "discrete": 0, "uniform": 1, "truncated_pareto": 2, "pareto": 3, "lognormal": 4}
#: at most this many screened continuous failures are confirmed at high precision per claim
CONTINUOUS_CONFIRM = 2
#: at most this many continuous draws the screen left open (no value, near-tie) per claim
CONTINUOUS_OPEN = 2
#: (a_f/a_*)^(gamma/(gamma-eps)) at the far site of the '‡' limit reading
FAR = 10 ** 12


def pool(settings: Settings) -> list[dict]:
    """The shared draws of every city-system claim, drawn per Phi region and site kind (draw i:
    PHI_REGIONS[i mod 7], SITE_KINDS[(i div 7) mod 6]); seeded by the seed alone, not the claim
    id, so that their allocations are solved once and shared. Draws outside the economically
    meaningful domain (1 in 10) are drawn on discrete and homogeneous sites only: there the
    solvers stay cheap, while continuous sites below one person's efficient scale put N at
    1e15 and beyond, where the high-precision quadrature spends its time budget."""
    key = (settings.seed, settings.draws)
    if key not in _POOL:
        rng = random.Random(f"{settings.seed}:abrs2017:city-system")
        out = []
        for i in range(settings.draws):
            kind = SITE_KINDS[(i // len(PHI_REGIONS)) % len(SITE_KINDS)]
            out.append(city_point(rng, region=PHI_REGIONS[i % len(PHI_REGIONS)], kind=kind,
                                  outside=None if kind in ("discrete", "homogeneous") else False))
        _POOL[key] = out
    return _POOL[key]


def _key(p: dict) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in p.items()))


def _params(p: dict, k_m=None) -> dict:
    out = {k: p[k] for k in ("epsilon", "gamma", "tau", "rho", "delta")}
    out["urban_population"] = p["N"]
    if k_m is not None:
        out["k_m"] = k_m
    return out


def _solved(p: dict, dps: int) -> bool:
    """Whether this draw's optimum is cached at dps and 2 dps (its other allocations usually are too)."""
    return all((_key(p), "optimum", d, "None") in _ALLOC for d in (dps, 2 * dps))


#: Work budget of one solve of a pool draw (integrand evaluations and root-finding steps, see
#: numeric.cities._kernel.time_budget): the paper-scale draws of the default pool take at most about
#: 55,000 at 100 digits, a draw far from the paper's scale (gamma - eps = 0.03 over log-normal sites,
#: N = 1e17) runs past 100,000 without converging. A count, unlike a time limit, leaves the same draws
#: undecided on every machine and under any load; numeric.cities' 10 s wall-time budget stays as a backstop.
POOL_SOLVE_WORK = 60_000
#: The wall-time backstop of a budgeted solve: far above what the work budget allows on a loaded machine,
#: so that the work count, not the machine's load, decides which draws stay undecided.
BACKSTOP_SECONDS = 600.0


def budgeted(what: str):
    """The deterministic budget of one solve made by a check (see POOL_SOLVE_WORK)."""
    return time_budget(what, seconds=BACKSTOP_SECONDS, work=POOL_SOLVE_WORK)


def allocation(p: dict, name: str, dps: int, k_m=None):
    """The allocation at dps digits (numeric.cities, no internal re-solve: the checks re-evaluate
    at 2 dps themselves), cached per process; None when it does not exist. A solver failure
    (NoConvergence, a time budget) is cached too and raised again on every call."""
    key = (_key(p), name, dps, str(k_m))
    if key not in _ALLOC:
        try:
            with budgeted(f"{name} (a pool draw)"):
                _ALLOC[key] = solve_allocation(_params(p, k_m), point_sites(p), name, dps=dps, confirm=False)
        except AllocationDoesNotExist:
            _ALLOC[key] = None
        except (ArithmeticError, ValueError) as error:  # NoConvergence and BudgetExceeded are ValueErrors
            _ALLOC[key] = error
    out = _ALLOC[key]
    if isinstance(out, Exception):
        raise out
    return out


def float_alloc(p: dict, name: str, k_m: float = 1.0):
    """The float64 screen's allocation (None where the float route fails or it does not exist)."""
    key = (_key(p), name, k_m)
    if key not in _FLOAT:
        try:
            e, g = float(p["epsilon"]), float(p["gamma"])
            _FLOAT[key] = float_allocation(p, float_sites(point_sites(p), 1 / (g - e)), float(p["N"]), name, k_m)
        except (FloatScreenError, ArithmeticError, ValueError, OverflowError):
            _FLOAT[key] = None
    return _FLOAT[key]


# --- the city-by-city numbers of an allocation --------------------------------------------------

@dataclass
class Cities:
    """What the comparisons read from one allocation (mpf or float)."""

    margin: object          # the worst occupied site
    top_site: object        # the best site (or the 1e-9 upper-tail site)
    top: object             # its city's size
    smallest: object        # the smallest city (at the margin)
    size: object            # site -> size (0 off the occupied sites)
    count: object           # number of cities (discrete), measure (homogeneous), margin (continuous)
    all_occupied: bool
    ratio: object           # k_* or k


def _top_site(p: dict, lib):
    (kind, body), = point_sites(p).items()
    if kind in ("uniform", "truncated_pareto"):
        return lib(body["maximum"])
    if kind == "pareto":
        return lib(body["minimum"]) * lib(10) ** (lib(9) / lib(body["shape"]))
    if kind == "lognormal":  # the 1 - 1e-9 quantile of the standard normal is 5.998; no float on the mpmath path
        exp = math.exp if lib is float else mpmath.exp
        return exp(lib(body["log_mean"]) + lib("5.998") * lib(body["log_sd"]))
    return None


def _compared_top(p: dict, lib, *margins):
    """The best site compared: the top of a bounded support; for an unbounded top the site
    whose upper tail holds 1e-9 of the sites, or 4 times the higher margin if that is higher
    (so that both allocations have a city there)."""
    top = _top_site(p, lib)
    if site_kind(p) in ("pareto", "lognormal"):
        top = max([top] + [4 * lib(m) for m in margins])
    return top


def _mp_cities(p: dict, a, top=None) -> Cities:
    kind = site_kind(p)
    if kind == "discrete":
        sites, sizes = a.site_values, a.sizes
        K = a.number_of_cities
        table = dict(zip([str(s) for s in sites], sizes))

        def size(x):
            return table.get(str(x), mpmath.mpf(0))
        return Cities(sites[K - 1] if K else None, sites[0], sizes[0], sizes[K - 1], size, mpmath.mpf(K),
                      a.all_sites_occupied, a.margin_ratio)
    if kind == "homogeneous":
        def one(x):  # the one site value: every city there has the same size
            return a.smallest_city if x == a.margin_site else mpmath.mpf(0)
        return Cities(a.margin_site, a.margin_site, a.largest_city, a.smallest_city, one, a.measure_of_cities,
                      a.all_sites_occupied, a.margin_ratio)
    top = _top_site(p, mpmath.mpf) if top is None else top
    return Cities(a.margin_site, top, a.size_of(top), a.smallest_city, a.size_of, -a.margin_site,
                  a.all_sites_occupied, a.margin_ratio)


def _float_cities(p: dict, f, top=None) -> Cities:
    top = _top_site(p, float) if top is None else top
    return Cities(f.margin_site, top, float(f.size(top)), float(f.size(f.margin_site)),
                  lambda x: float(f.size(x)), -f.margin_site, f.all_occupied, f.margin_ratio)


def _log_ratio(x, y, log):
    """ln(x/y) with ln(x/0) = +inf and ln(0/y) = -inf."""
    if y == 0 and x == 0:
        return 0 * log(1)
    if y == 0:
        return math.inf
    if x == 0:
        return -math.inf
    return log(x) - log(y)


def _branch_v(t, C, q, lib):
    """v near C with v^q (C - v) = t for a tiny t (the far tail of (15)/(23)): the fixed point
    w = t/(C - w)^q of w = C - v contracts by about q w/C per step."""
    w = t / C ** q
    for _ in range(200):
        new = t / (C - w) ** q
        if abs(new - w) <= abs(w) * (lib(10) ** -(lib_digits(lib) + 5)):
            return C - new
        w = new
    return C - w


def lib_digits(lib) -> int:
    return mpmath.mp.dps if lib is mpmath.mpf else 16


def far_log_ratio(p: dict, name: str, o_margin, o_ratio, z_margin, z_ratio, lib=mpmath.mpf):
    """ln(n_z(a_f)/n_*(a_f)) at the far site a_f, (a_f/a_*)^(gamma/(gamma-eps)) = FAR: with
    v = (n/n_i)^(gamma-eps) for the optimum on h_*(v) = v^q (Gamma - v) (15) and w =
    (n/n_p)^(gamma-eps) for free migration on h_m(w) = w^q (gamma/eps - w) (23), q =
    eps/(gamma-eps), h(v(a)) = h(v(a_m)) (a_m/a)^(gamma/(gamma-eps)); local politics has n_p(a_f),
    w = 1. Then n_z/n_* = (Phi w/v)^(1/(gamma-eps)) at the same site."""
    log = mpmath.log if lib is mpmath.mpf else math.log
    phi, ps, G = phi_bundles(p)
    e, g, ph = (lib(sp.Rational(x).p) / lib(sp.Rational(x).q) for x in (p["epsilon"], p["gamma"], phi))
    G = g / e * (1 + e) / (1 + g)
    q, e1, ex = e / (g - e), 1 / (g - e), g / (g - e)
    v0 = lib(o_ratio) ** (g - e)
    v = _branch_v(v0 ** q * (G - v0) / FAR, G, q, lib)
    if name == "local-politics":
        w = lib(1)
    else:
        w0 = lib(z_ratio) ** (g - e)
        t = w0 ** q * (g / e - w0) / FAR * (lib(z_margin) / lib(o_margin)) ** ex
        w = _branch_v(t, g / e, q, lib)
    return e1 * (log(ph) + log(w) - log(v))


def _metric(what: str, z: Cities, o: Cities, log, p: dict):
    """ln(z/optimum) of the compared quantity: > 0 means z's is larger."""
    if what == "large":
        return _log_ratio(z.top, o.top, log)
    if what == "small-A":      # the smallest city of z against the optimum at the same site
        return _log_ratio(z.smallest, o.size(z.margin), log)
    if what == "small-B":      # against the smallest optimal city
        return _log_ratio(z.smallest, o.smallest, log)
    if what == "number":       # more cities in z than in the optimum
        if site_kind(p) in ("discrete", "homogeneous"):
            return _log_ratio(z.count, o.count, log)
        return _log_ratio(o.margin, z.margin, log)  # a lower margin site: more cities
    raise ValueError(what)


#: comparison name -> (quantity, sign): the conclusion is sign * ln(z/optimum) > 0
COMPARISONS = {
    "undersized": ("large", -1), "oversized": ("large", 1),
    "undersized-far": ("large-far", -1), "oversized-far": ("large-far", 1),
    "small-oversized": ("small-A", 1), "small-undersized": ("small-A", -1),
    "small-oversized-B": ("small-B", 1), "small-undersized-B": ("small-B", -1),
    "too-many": ("number", 1), "too-few": ("number", -1),
    "optimal": ("optimal", 1),
}


def _clip(x: float) -> float:
    return max(-1e6, min(1e6, x))


#: The float64 screen's tolerance for "the optimum achieved": relative differences below it read as
#: equal (the screen's solves converge to about 1e-13); the screen's margin is 1 - worst/FLOAT_TIE.
FLOAT_TIE = 1e-8


def comparison(p: dict, allocation_name: str, what: str, dps: int | None, k_m=None):
    """(margin, values) of a COMPARISONS entry at dps digits (None: float64), or (None, why).
    With dps None, k_m "star" asks for free migration's margin city at k_m^* (Proposition 4 (ii))."""
    quantity, sign = COMPARISONS[what]
    if dps is None:
        o = float_alloc(p, "optimum")
        if o is not None and k_m == "star":
            e, g = float(p["epsilon"]), float(p["gamma"])
            k_m = o.margin_ratio * ((1 + e) / (1 + g)) ** (-1 / (g - e))
        z = float_alloc(p, allocation_name, 1.0 if k_m in (None, "star") else float(k_m))
        if o is None or z is None:
            return None, "float64 route failed"
        if quantity == "large-far":
            return sign * far_log_ratio(p, allocation_name, o.margin_site, o.margin_ratio, z.margin_site,
                                        z.margin_ratio, float), None
        top = _compared_top(p, float, o.margin_site, z.margin_site)
        oc, zc = _float_cities(p, o, top), _float_cities(p, z, top)
        if quantity == "optimal":
            worst = max(abs(_metric(q, zc, oc, math.log, p)) for q in ("large", "small-A", "number"))
            return 1 - worst / FLOAT_TIE, oc
        return sign * _metric(quantity, zc, oc, math.log, p), oc
    o, z = allocation(p, "optimum", dps), allocation(p, allocation_name, dps, k_m)
    if o is None or z is None:
        return None, "absent"
    with mpmath.workdps(dps):
        top = _compared_top(p, mpmath.mpf, o.margin_site, z.margin_site) if site_kind(p) in CONTINUOUS else None
        oc, zc = _mp_cities(p, o, top), _mp_cities(p, z, top)
        values = {"optimum margin site a_*": o.margin_site, f"{allocation_name} margin site": z.margin_site,
                  "optimum smallest city": oc.smallest, f"{allocation_name} smallest city": zc.smallest,
                  "optimum city at the top site": oc.top, f"{allocation_name} city at the top site": zc.top,
                  "top site compared": oc.top_site, "optimum k_*": o.margin_ratio, f"{allocation_name} k": z.margin_ratio, "N": p["N"]}
        if site_kind(p) in ("discrete", "homogeneous"):
            values.update({"optimum number/measure of cities": oc.count,
                           f"{allocation_name} number/measure of cities": zc.count})
        if quantity == "large-far":
            m = far_log_ratio(p, allocation_name, o.margin_site, o.margin_ratio, z.margin_site, z.margin_ratio)
            e, g = (mpmath.mpf(sp.Rational(p[k]).p) / sp.Rational(p[k]).q for k in ("epsilon", "gamma"))
            values["far site a_f (a_f/a_*)^(gamma/(gamma-eps)) = 1e12"] = o.margin_site * mpmath.mpf(FAR) ** ((g - e) / g)
            values["ln n_z(a_f)/n_*(a_f)"] = m
            return sign * m, values
        if quantity == "optimal":
            tol = mpmath.mpf(10) ** (-(dps // 2))
            worst = max(abs(_metric(q, zc, oc, mpmath.log, p)) for q in ("large", "small-A", "number"))
            values["largest |ln z/optimum| (sizes, number)"] = worst
            return 1 - worst / tol, values
        m = _metric(quantity, zc, oc, mpmath.log, p)
    if m in (math.inf, -math.inf):
        m = mpmath.mpf(sign * m)
        return (mpmath.mpf(1) if m > 0 else mpmath.mpf(-1)), values
    return sign * m, values


def _residual(p, names, dps):
    out = mpmath.mpf(0)
    for n in names:
        a = allocation(p, n, dps)
        if a is not None:
            out = max(out, a.residual)
    return out


# --- hypotheses ----------------------------------------------------------------------------------

def _occupancy_ok(p: dict, dps: int, want: str) -> bool:
    o = allocation(p, "optimum", dps)
    return o is not None and (o.all_sites_occupied == (want == "all"))


def _region_case(p: dict) -> str:
    return f"{phi_region(p)}{'' if in_domain(p) else ' (outside the domain)'}"


def lp_capacity(p: dict, dps: int = 40) -> mpmath.mpf:
    """int n_p(a) dG(a) over every site, in closed form for each kind (n_p = (eps Phi a/gamma)^e1,
    e1 = 1/(gamma-eps)): the most a fixed-N local-politics allocation can hold."""
    phi, _, _ = phi_bundles(p)
    q = lambda r: mpmath.mpf(sp.Rational(r).p) / sp.Rational(r).q  # noqa: E731
    with mpmath.workdps(dps):
        e, g = q(p["epsilon"]), q(p["gamma"])
        e1, coef = 1 / (g - e), e * q(phi) / g
        (kind, b), = point_sites(p).items()
        if kind == "discrete":
            return mpmath.fsum(mpmath.power(coef * q(v), e1) for v in b)
        M = q(b.get("measure", "1"))
        if kind == "homogeneous":
            return M * mpmath.power(coef * q(b["value"]), e1)
        if kind == "uniform":
            lo, hi = q(b["minimum"]), q(b["maximum"])
            return M * coef ** e1 * (hi ** (e1 + 1) - lo ** (e1 + 1)) / ((e1 + 1) * (hi - lo))
        if kind == "truncated_pareto":
            lo, hi, k = q(b["minimum"]), q(b["maximum"]), q(b["shape"])
            return M * coef ** e1 * k / (lo ** -k - hi ** -k) * (hi ** (e1 - k) - lo ** (e1 - k)) / (e1 - k)
        if kind == "pareto":
            lo, k = q(b["minimum"]), q(b["shape"])
            return M * coef ** e1 * k * lo ** e1 / (k - e1)
        mu, sd = q(b["log_mean"]), q(b["log_sd"])
        return M * coef ** e1 * mpmath.exp(e1 * mu + (e1 * sd) ** 2 / 2)


def lp_exists(p: dict) -> bool:
    """Local politics at a fixed N exists iff N <= int n_p dG (cities cannot exceed n_p)."""
    with mpmath.workdps(40):
        return bool(mpmath.mpf(p["N"].p) / p["N"].q <= lp_capacity(p))


def fm_exists(p: dict) -> bool:
    """Free migration at a fixed N exists only if N < int n_0 dG, n_0(a) = (a Phi)^(1/(gamma-eps))
    = (gamma/eps)^(1/(gamma-eps)) n_p(a), the size with zero private net benefit (Lemma 3 (v))."""
    with mpmath.workdps(40):
        e, g = (mpmath.mpf(sp.Rational(p[k]).p) / sp.Rational(p[k]).q for k in ("epsilon", "gamma"))
        return bool(mpmath.mpf(p["N"].p) / p["N"].q < (g / e) ** (1 / (g - e)) * lp_capacity(p))


def cell_claim(regions, allocation_name: str, what: str, *, heterogeneous: bool | None = True,
               occupancy: str = "interior", bounded: bool | None = None, text: str = "",
               reverse: bool = False, k_m_star: bool = False, kinds=None) -> NumericClaim:
    """A comparison of `allocation_name` with the optimum (COMPARISONS[what]) on draws in
    `regions`, heterogeneous or homogeneous sites (or `kinds`), the optimum's margin interior
    ("interior": a_* > a_lower, Table 1's heading) or every site occupied ("all"). `reverse`
    plants the opposite conclusion (for tests)."""
    regions = tuple(regions)
    sign = -1 if reverse else 1
    kinds = tuple(kinds) if kinds is not None else None

    def hypotheses(p):
        if phi_region(p) not in regions or p["occupancy"] != occupancy:
            return False
        kind = site_kind(p)
        if kinds is not None and kind not in kinds:
            return False
        if heterogeneous is not None and (kind != "homogeneous") != heterogeneous:
            return False
        if allocation_name == "local-politics" and not lp_exists(p):
            return False
        if allocation_name == "free-migration" and not fm_exists(p):
            return False
        if bounded is not None:
            if (kind in ("pareto", "lognormal")) == bounded:
                return False
        return True

    def evaluate(p, dps):
        if not _occupancy_ok(p, dps, occupancy):
            o = allocation(p, "optimum", dps)
            if o is None:
                return Evaluation(None, exists=False, why="no optimum")
            return Evaluation(None, exists=False,
                              why="the optimum's occupancy differs from the draw's label at dps")
        m, values = comparison(p, allocation_name, what, dps,
                               k_m=_k_m_star(p, dps) if k_m_star else None)
        if m is None:
            return Evaluation(None, exists=False, why=f"the {allocation_name} allocation does not exist")
        values = dict(values)
        values["sites"] = p["sites"]
        values["inside the economically meaningful domain"] = "yes" if in_domain(p) else "no"
        values["Phi region"] = phi_region(p)
        return Evaluation(sign * m, _residual(p, ("optimum", allocation_name), dps), values)

    def screen(points):
        out = []
        for p in points:
            if site_kind(p) not in CONTINUOUS:
                out.append(float("nan"))
                continue
            fo = float_alloc(p, "optimum")
            if fo is None or fo.all_occupied != (occupancy == "all"):
                out.append(float("nan"))  # the float label disagrees: left to high precision
                continue
            try:
                m, _ = comparison(p, allocation_name, what, None, k_m="star" if k_m_star else None)
            except (ArithmeticError, ValueError):
                m = None
            out.append(float("nan") if m is None or m != m else _clip(sign * m))  # +-inf: an empty site, clipped
        return out

    return NumericClaim(space=None, hypotheses=hypotheses, evaluate=evaluate, screen=screen,
                        conclusion=text or f"{allocation_name}: {what} against the optimum",
                        hypotheses_text=_hyp_text(regions, heterogeneous, occupancy, bounded, kinds),
                        case=_region_case, absent=f"the {allocation_name} allocation does not exist at that N "
                                                  "(or the optimum's occupancy differs from the label)",
                        sample_size=1)


def _k_m_star(p, dps):
    o = allocation(p, "optimum", dps)
    _, ps, _ = phi_bundles(p)
    with mpmath.workdps(dps):
        k = o.margin_ratio * mpmath.power(mpmath.mpf(ps.p) / ps.q, -1 / (mpmath.mpf(p["gamma"].p) / p["gamma"].q
                                                                       - mpmath.mpf(p["epsilon"].p) / p["epsilon"].q))
    return sp.Rational(mpmath.nstr(k, dps))


def _hyp_text(regions, heterogeneous, occupancy, bounded, kinds=None) -> str:
    sites = {True: "heterogeneous sites", False: "homogeneous sites", None: "any sites"}[heterogeneous]
    if kinds is not None:
        sites += f" ({', '.join(kinds)})"
    occ = "a_* > a_lower (some sites unoccupied at the optimum)" if occupancy == "interior" else \
        "every site occupied at the optimum (a_* = a_lower)"
    top = {None: "", True: ", bounded top", False: ", unbounded top"}[bounded]
    return (f"Phi in {' or '.join(regions)}, {sites}{top}, {occ}, the same N, within what the allocation can "
            "hold (int n_p dG for local politics, int n_0 dG for free migration)")


# --- the runner over the shared pool --------------------------------------------------------------

@dataclass
class _Verdict:
    state: str            # "holds", "fails", "tie", "absent", "undecided", "screened"
    low: Evaluation | None = None
    high: Evaluation | None = None


def _evaluate(spec: NumericClaim, p: dict, dps: int) -> Evaluation:
    try:
        return spec.evaluate(p, dps)
    except Exception as error:  # a solver that fails on one draw leaves that draw undecided
        return Evaluation(None, why=f"{type(error).__name__}: {str(error)[:160]}")


def _judge(spec: NumericClaim, p: dict, dps: int, confirm: bool) -> _Verdict:
    """The conclusion at p: at dps, then at 2 dps (always when `confirm`, else when it fails or
    is near a tie). A verdict stands only when both precisions agree; a margin within
    10^-(dps/2) at dps and 10^-dps at 2 dps is a tie (exact for discrete and homogeneous sites:
    equal counts, or one city holding N in both), never a failure."""
    low = _evaluate(spec, p, dps)
    if not low.exists:
        return _Verdict("absent", low)
    if low.margin is None:
        return _Verdict("undecided", low)
    ok = low.margin > 0 if spec.strict else low.margin >= 0
    near = abs(low.margin) <= mpmath.mpf(10) ** (-(dps // 2))
    if ok and not near and not confirm:
        return _Verdict("holds", low)
    high = _evaluate(spec, p, 2 * dps)
    if not high.exists or high.margin is None:
        return _Verdict("undecided", low, high)
    if near and abs(high.margin) <= mpmath.mpf(10) ** (-dps):
        return _Verdict("tie" if site_kind(p) in ("discrete", "homogeneous") else "undecided", low, high)
    if ok != (high.margin > 0 if spec.strict else high.margin >= 0):
        return _Verdict("undecided", low, high)
    return _Verdict("holds" if ok else "fails", low, high)




def run_on_pool(spec: NumericClaim, settings: Settings, *, continuous: bool = True, points: list | None = None,
                **fields) -> Outcome:
    """Decide `spec` over the shared pool, or over `points` (another shared set of draws); the
    claim's own stream is not used: see the module docstring for the tiers. `continuous` False
    leaves the continuous draws out (counted)."""
    from ..numeric_check import _stated
    spec = _stated(spec)  # the conclusion's stated direction, the mutation test's printed side
    dps = settings.dps
    points = pool(settings) if points is None else points
    N = len(points)
    meeting = [p for p in points if spec.hypotheses(p)]
    if not continuous:
        left_out = sum(site_kind(p) in CONTINUOUS for p in meeting)
        meeting = [p for p in meeting if site_kind(p) not in CONTINUOUS]
    meeting.sort(key=lambda p: COST[site_kind(p)])  # stable: pool order within a kind
    cont = [k for k, p in enumerate(meeting) if site_kind(p) in CONTINUOUS]
    screened = {}
    if spec.screen is not None and cont:
        screened = dict(zip(cont, spec.screen([meeting[k] for k in cont])))
    verdicts: list[_Verdict] = [None] * len(meeting)  # type: ignore[list-item]
    passed = {k for k, m in screened.items() if math.isfinite(m) and m > NEAR_TIE}
    # the fixed sample confirmed at dps and 2 dps: the discrete and homogeneous draws (all of them);
    # a continuous draw of the cheapest kind (uniform) only when the claim has none of those
    # the fixed sample of the screened draws, confirmed at dps and 2 dps whatever the screen says: a draw
    # whose optimum another claim has already solved at both precisions if there is one (the cache is per
    # process: only the cost differs); else, when no discrete or homogeneous draw is decided at both
    # precisions anyway, the cheapest kind
    ranked = sorted(passed, key=lambda k: (not _solved(meeting[k], dps), COST[site_kind(meeting[k])], k))
    cheap_decided = any(site_kind(p) not in CONTINUOUS for p in meeting)
    sample = [k for k in ranked if _solved(meeting[k], dps) or not cheap_decided][:max(1, spec.sample_size or 0)]
    for k, p in enumerate(meeting):
        if site_kind(p) not in CONTINUOUS:
            verdicts[k] = _judge(spec, p, dps, confirm=True)
    for k in sample:
        verdicts[k] = _judge(spec, meeting[k], dps, confirm=True)
    for k in passed - set(sample):
        verdicts[k] = _Verdict("screened")
    failed = sorted((k for k, m in screened.items() if math.isfinite(m) and m < -NEAR_TIE),
                    key=lambda k: (COST[site_kind(meeting[k])], k))
    tries = 0
    screened_failures = 0
    for k in failed:
        if any(v is not None and v.state == "fails" for v in verdicts):
            verdicts[k] = _Verdict("screened-failure")
            screened_failures += 1
            continue
        if tries >= CONTINUOUS_CONFIRM:
            verdicts[k] = _Verdict("undecided", Evaluation(None, why="a float64 failure not confirmed within "
                                                                      "the high-precision budget"))
            continue
        tries += 1
        verdicts[k] = _judge(spec, meeting[k], dps, confirm=True)
    opened = 0
    for k in sorted((k for k in cont if verdicts[k] is None), key=lambda k: (COST[site_kind(meeting[k])], k)):
        if opened >= CONTINUOUS_OPEN:
            verdicts[k] = _Verdict("undecided", Evaluation(None, why="the float64 screen gave no value (or a near-"
                                                                      "tie) and the high-precision budget was spent"))
            continue
        opened += 1
        verdicts[k] = _judge(spec, meeting[k], dps, confirm=True)
    out = _outcome(spec, settings, meeting, verdicts, screened_failures, N, left_out if not continuous else 0, fields,
                   points)
    out.detail += " " + region_counts(settings, points)
    return out


def _outcome(spec, settings, meeting, verdicts, screened_failures, N, left_out, fields, points) -> Outcome:
    dps = settings.dps
    state = [v.state for v in verdicts]
    absent = state.count("absent")
    meets = len(meeting) - absent
    fails = [(p, v) for p, v in zip(meeting, verdicts) if v.state == "fails"]
    undecided = [(p, v) for p, v in zip(meeting, verdicts) if v.state == "undecided"]
    holds = state.count("holds") + state.count("screened")
    ties = state.count("tie")
    cheap = sum(site_kind(p) not in CONTINUOUS and v.state != "absent" for p, v in zip(meeting, verdicts))
    confirmed_cont = sum(site_kind(p) in CONTINUOUS and v.high is not None for p, v in zip(meeting, verdicts))
    cases: dict[str, list[int]] = {}
    for p in points:
        cases.setdefault(phi_region(p), [0, 0, 0])[0] += 1
    for p, v in zip(meeting, verdicts):
        if v.state != "absent":
            cases[phi_region(p)][1] += 1
        if v.state in ("fails", "screened-failure"):
            cases[phi_region(p)][2] += 1
    breakdown = " By Phi region (drawn/met/failed): " + "; ".join(
        f"{c} {a}/{b}/{f}" for c, (a, b, f) in cases.items() if b) + "."
    inside = sum(in_domain(p) for p, v in zip(meeting, verdicts) if v.state != "absent")
    where = (f"{meets} of {N} pool draws met the hypotheses ({spec.hypotheses_text}); {inside} of them inside the "
             f"economically meaningful domain")
    tiers = (f"{cheap} discrete/homogeneous draws solved at {dps} and {2 * dps} digits; "
             f"{len(meeting) - cheap - absent} continuous draws screened in float64, {confirmed_cont} of them "
             f"confirmed at {dps} and {2 * dps} digits")
    if left_out:
        tiers += f"; {left_out} continuous draws left out of this reading"
    tie_text = (f" {ties} draw{'s are' if ties != 1 else ' is'} an exact discrete tie (counted as a tie, not a "
                "failure)." if ties else "")
    absent_text = (f" A further {absent} draw{'s' if absent != 1 else ''} met the stated assumptions but {spec.absent}; "
                   "not counted as meeting the hypotheses." if absent else "")
    common = dict(draws=N, draws_meeting_hypotheses=meets, **fields)
    if fails:
        total = len(fails) + screened_failures
        p, v = fails[0]
        witness = _counterexample(p, v, dps)
        outside = [q for q, w in zip(meeting, verdicts) if w.state in ("fails", "screened-failure") and not in_domain(q)]
        domain = (" Every failure lies outside the economically meaningful domain (a site whose efficient scale is "
                  "below one person)." if len(outside) == total else
                  f" {total - len(outside)} of the failures lie inside the economically meaningful domain.")
        more = (f" {screened_failures} of them failed the float64 screen and were not re-confirmed once a failure "
                "stood." if screened_failures else "")
        return Outcome("discrepancy", f"{spec.conclusion} fails on {total} of the {meets} draws meeting the "
                       f"hypotheses: {where}; {tiers}. The counterexample ({site_kind(p)} sites, exact decimal "
                       f"strings) has margin {witness['margin']} at {dps} digits, confirmed at {2 * dps}.{more}"
                       f"{domain}{tie_text}{absent_text}{breakdown}", failures=total, counterexample=witness, **common)
    if meets == 0 or holds == 0:
        return Outcome("unverified", f"Unverified ({'vacuous' if meets == 0 else 'no draw decided'} on {N} pool "
                       f"draws): {where}.{tie_text}{absent_text}{breakdown}", failures=0, **common)
    if undecided:
        p, v = undecided[0]
        why = v.low.why if v.low is not None and v.low.why else "the two precisions disagree or tie"
        return Outcome("unverified", f"{spec.conclusion} held on every decided draw, but {len(undecided)} of the "
                       f"{meets} draws meeting the hypotheses could not be decided ({why}); {where}; {tiers}."
                       f"{tie_text}{absent_text}{breakdown}", failures=0, **common)
    return Outcome("verified", f"{spec.conclusion} holds on {holds} of the {meets} draws meeting the hypotheses "
                   f"(the rest exact ties): {where}; {tiers}, the rest passed the screen with margin > {NEAR_TIE:g}."
                   f"{tie_text}{absent_text}{breakdown}" if ties else
                   f"{spec.conclusion} holds on all {meets} draws meeting the hypotheses: {where}; {tiers}, the rest "
                   f"passed the screen with margin > {NEAR_TIE:g}.{absent_text}{breakdown}", failures=0, **common)


def region_counts(settings: Settings, points: list | None = None) -> str:
    """How many of the shared draws (or of `points`) fell in each Phi region of Table 1 (and of each site kind)."""
    counts = {r: 0 for r in PHI_REGIONS}
    kinds = {k: 0 for k in SITE_KINDS}
    for p in (pool(settings) if points is None else points):
        counts[phi_region(p)] += 1
        kinds[site_kind(p)] += 1
    return ("Draws per Phi region of Table 1 (drawn per region and site kind): "
            + ", ".join(f"{k} {v}" for k, v in counts.items()) + "; per site kind: "
            + ", ".join(f"{k} {v}" for k, v in kinds.items()) + ".")


def proposition(s: Settings, parts: list) -> Outcome:
    """A Proposition part as several comparisons (allocation, regions, what, heterogeneous):
    verified when every one is, a discrepancy when any is."""
    outs = [(what, run_on_pool(cell_claim(regions, name, what, heterogeneous=het), s)) for name, regions, what, het in parts]
    bad = [o for _, o in outs if o.status == "discrepancy"]
    open_ = [o for _, o in outs if o.status == "unverified"]
    chosen = bad[0] if bad else (open_[0] if open_ else None)
    status = "discrepancy" if bad else ("unverified" if open_ else "verified")
    detail = " ".join(f"[{what}] {o.status}: {o.detail}" for what, o in outs) + " " + region_counts(s)
    return Outcome(status, detail, draws=s.draws,
                   draws_meeting_hypotheses=min(o.draws_meeting_hypotheses or 0 for _, o in outs),
                   failures=sum(o.failures or 0 for _, o in outs),
                   counterexample=chosen.counterexample if chosen is not None else None)
