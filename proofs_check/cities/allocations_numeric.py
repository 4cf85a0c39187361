"""abrs2017 Section 3 and Table 1 tested by computing the allocations (issue 10).

Every claim here compares allocations city by city: the optimum (numeric.cities.optimum), local
politics and free migration, at the same urban population N (the paper's "for a given N",
A.3), over a shared pool of draws (`proofs_check.draws_cities.city_point`): wedges drawn into
every Phi region of Table 1 and onto its boundaries exactly, homogeneous, truncated Pareto,
Pareto, log-normal, uniform and discrete sites, N from few sites occupied to all of them.

Two tiers (proofs_check.numeric_check): continuous sites are screened in float64
(numeric.cities.float_screen, an independent route); discrete and homogeneous sites, every
screened failure, near-tie and a fixed sample are solved by numeric.cities at --dps and at twice
that, and only those decide. The allocations of a draw are solved once per process and shared by
every claim (`_ALLOC`, `_FLOAT`).

Comparisons (each a log ratio, so margins are of order one):

- large cities: the best site's city, n_z(abar) against n_*(abar) (unbounded tops: the site
  whose upper tail holds 1e-9 of the sites);
- small cities, two readings: (A) the smallest city of z against the optimum on the same site
  (0 there when the site is not optimally occupied: "oversized by virtue of existing"), (B)
  against the smallest optimal city n_*(a_*);
- number of cities: the margin sites (continuous), the count (discrete), the measure
  (homogeneous) -- "too many" when z occupies more sites than the optimum.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass

import mpmath
import sympy as sp

from numeric.cities import AllocationDoesNotExist, solve_allocation
from numeric.cities.float_screen import FloatScreenError, float_allocation, float_sites
from ..claims import Outcome, Settings
from ..draws_cities import city_point, in_domain, phi_bundles, phi_region, point_sites, site_kind
from ..numeric_check import Evaluation, NumericClaim, run

__all__ = ["pool", "allocation", "comparison", "cell_claim", "region_counts", "COMPARISONS"]

_POOL: dict = {}
_ALLOC: dict = {}
_FLOAT: dict = {}
CONTINUOUS = ("truncated_pareto", "pareto", "lognormal", "uniform")


def pool(settings: Settings) -> list[dict]:
    """The shared draws of every city-system claim (seeded by the seed alone, not the claim id,
    so that their allocations are solved once and shared)."""
    key = (settings.seed, settings.draws)
    if key not in _POOL:
        import random
        rng = random.Random(f"{settings.seed}:abrs2017:city-system")
        _POOL[key] = [city_point(rng) for _ in range(settings.draws)]
    return _POOL[key]


def _key(p: dict) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in p.items()))


def _params(p: dict, k_m=None) -> dict:
    out = {k: p[k] for k in ("epsilon", "gamma", "tau", "rho", "delta")}
    out["urban_population"] = p["N"]
    if k_m is not None:
        out["k_m"] = k_m
    return out


def allocation(p: dict, name: str, dps: int, k_m=None):
    """The allocation at dps digits (numeric.cities, no internal re-solve: the numeric check
    re-evaluates at 2 dps itself), cached per process; None when it does not exist."""
    key = (_key(p), name, dps, str(k_m))
    if key not in _ALLOC:
        try:
            _ALLOC[key] = solve_allocation(_params(p, k_m), point_sites(p), name, dps=dps, confirm=False)
        except AllocationDoesNotExist:
            _ALLOC[key] = None
    return _ALLOC[key]


def float_alloc(p: dict, name: str):
    """The float64 screen's allocation (None where the float route fails or it does not exist)."""
    key = (_key(p), name)
    if key not in _FLOAT:
        try:
            e, g = float(p["epsilon"]), float(p["gamma"])
            _FLOAT[key] = float_allocation(p, float_sites(point_sites(p), 1 / (g - e)), float(p["N"]), name)
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
    if kind == "lognormal":
        z = 5.998  # the 1 - 1e-9 quantile of the standard normal
        return lib(math.exp(float(body["log_mean"]) + z * float(body["log_sd"])))
    return None


def _mp_cities(p: dict, a) -> Cities:
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
        return Cities(a.margin_site, a.margin_site, a.largest_city, a.smallest_city, a.size_of, a.measure_of_cities,
                      a.all_sites_occupied, a.margin_ratio)
    top = _top_site(p, mpmath.mpf)
    return Cities(a.margin_site, top, a.size_of(top), a.smallest_city, a.size_of, -a.margin_site,
                  a.all_sites_occupied, a.margin_ratio)


def _float_cities(p: dict, f) -> Cities:
    top = _top_site(p, float)
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
    if what == "every-site":   # min over z's occupied sites of ln(n_z/n_*): all oversized when > 0
        raise NotImplementedError
    raise ValueError(what)


#: comparison name -> (quantity, sign): the conclusion is sign * ln(z/optimum) > 0
COMPARISONS = {
    "undersized": ("large", -1), "oversized": ("large", 1),
    "small-oversized": ("small-A", 1), "small-undersized": ("small-A", -1),
    "small-oversized-B": ("small-B", 1), "small-undersized-B": ("small-B", -1),
    "too-many": ("number", 1), "too-few": ("number", -1),
}

_SCALE = 1  # margins are log ratios already


def _clip(x: float) -> float:
    return max(-1e6, min(1e6, x))


def comparison(p: dict, allocation_name: str, what: str, dps: int | None, k_m=None):
    """(margin, values) of a COMPARISONS entry at dps digits (None: float64), or (None, why)."""
    quantity, sign = COMPARISONS[what]
    if dps is None:
        o, z = float_alloc(p, "optimum"), float_alloc(p, allocation_name)
        if o is None or z is None:
            return None, "float64 route failed"
        oc, zc = _float_cities(p, o), _float_cities(p, z)
        return sign * _metric(quantity, zc, oc, math.log, p), oc
    o, z = allocation(p, "optimum", dps), allocation(p, allocation_name, dps, k_m)
    if o is None or z is None:
        return None, "absent"
    with mpmath.workdps(dps):
        oc, zc = _mp_cities(p, o), _mp_cities(p, z)
        m = _metric(quantity, zc, oc, mpmath.log, p)
    values = {"optimum margin site a_*": o.margin_site, f"{allocation_name} margin site": z.margin_site,
              "optimum smallest city": oc.smallest, f"{allocation_name} smallest city": zc.smallest,
              "optimum city at the top site": oc.top, f"{allocation_name} city at the top site": zc.top,
              "optimum k_*": o.margin_ratio, "N": p["N"]}
    if oc.count is not None and site_kind(p) in ("discrete", "homogeneous"):
        values.update({"optimum number/measure of cities": oc.count, f"{allocation_name} number/measure": zc.count})
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


def cell_claim(regions, allocation_name: str, what: str, *, heterogeneous: bool | None = True,
               occupancy: str = "interior", bounded: bool | None = None, text: str = "",
               reverse: bool = False, k_m_star: bool = False) -> NumericClaim:
    """A comparison of `allocation_name` with the optimum (COMPARISONS[what]) on draws in
    `regions`, heterogeneous or homogeneous sites, the optimum's margin interior ("interior":
    a_* > a_lower, Table 1's heading) or every site occupied ("all"). `reverse` plants the
    opposite conclusion (for tests)."""
    regions = tuple(regions)
    sign = -1 if reverse else 1

    def hypotheses(p):
        if phi_region(p) not in regions or p["occupancy"] != occupancy:
            return False
        kind = site_kind(p)
        if heterogeneous is not None and (kind != "homogeneous") != heterogeneous:
            return False
        if allocation_name == "local-politics" and not lp_exists(p):
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
            return Evaluation(None, why="the float64 occupancy label disagrees with the optimum at dps")
        m, values = comparison(p, allocation_name, what, dps,
                               k_m=_k_m_star(p, dps) if k_m_star else None)
        if m is None:
            return Evaluation(None, exists=False, why=f"the {allocation_name} allocation does not exist")
        values = dict(values)
        values["inside the economically meaningful domain"] = "yes" if in_domain(p) else "no"
        values["Phi region"] = phi_region(p)
        return Evaluation(sign * m, _residual(p, ("optimum", allocation_name), dps), values)

    def screen(points):
        out = []
        for p in points:
            if site_kind(p) not in CONTINUOUS or k_m_star:
                out.append(float("nan"))
                continue
            m, _ = comparison(p, allocation_name, what, None)
            out.append(float("nan") if m is None else _clip(sign * m))
        return out

    return NumericClaim(space=None, hypotheses=hypotheses, evaluate=evaluate, screen=screen,
                        conclusion=text or f"{allocation_name}: {what} against the optimum",
                        hypotheses_text=_hyp_text(regions, heterogeneous, occupancy, bounded),
                        case=_region_case, absent=f"the {allocation_name} allocation does not exist at that N",
                        sample_size=1)


def _k_m_star(p, dps):
    o = allocation(p, "optimum", dps)
    _, ps, _ = phi_bundles(p)
    with mpmath.workdps(dps):
        k = o.margin_ratio * mpmath.power(mpmath.mpf(ps.p) / ps.q, -1 / (mpmath.mpf(p["gamma"].p) / p["gamma"].q
                                                                       - mpmath.mpf(p["epsilon"].p) / p["epsilon"].q))
    return sp.Rational(mpmath.nstr(k, dps))


def _hyp_text(regions, heterogeneous, occupancy, bounded) -> str:
    sites = {True: "heterogeneous sites", False: "homogeneous sites", None: "any sites"}[heterogeneous]
    occ = "a_* > a_lower (some sites unoccupied at the optimum)" if occupancy == "interior" else \
        "every site occupied at the optimum (a_* = a_lower)"
    top = {None: "", True: ", bounded top", False: ", unbounded top"}[bounded]
    return (f"Phi in {' or '.join(regions)}, {sites}{top}, {occ}, the same N"
            + (", N within what local politics can hold (int n_p dG)" if False else ""))


def run_on_pool(spec: NumericClaim, settings: Settings, **fields) -> Outcome:
    """`numeric_check.run` over the shared pool (the claim's own stream is not used)."""
    points = iter(pool(settings))
    spec.space = lambda rng: next(points)
    out = run(spec, settings, **fields)
    out.detail += " " + region_counts(settings)
    return out


def region_counts(settings: Settings) -> str:
    """How many of the shared draws fell in each Phi region of Table 1."""
    counts = {r: 0 for r in ("phi-lt-phistar", "phi-eq-phistar", "phi-in-phistar-1", "phi-eq-1",
                             "phi-in-1-Gamma", "phi-eq-Gamma", "phi-gt-Gamma")}
    for p in pool(settings):
        counts[phi_region(p)] += 1
    return "Draws per Phi region of Table 1: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + "."


# --- Table 1 and Propositions 2-3 ------------------------------------------------------------------

LP_COLUMNS = {"phi-lt-1": ("phi-lt-phistar", "phi-eq-phistar", "phi-in-phistar-1"), "phi-eq-1": ("phi-eq-1",),
              "phi-in-1-Gamma": ("phi-in-1-Gamma",), "phi-ge-Gamma": ("phi-eq-Gamma", "phi-gt-Gamma")}
FM_COLUMNS = {"phi-lt-phistar": ("phi-lt-phistar",), "phi-in-phistar-1": ("phi-eq-phistar", "phi-in-phistar-1"),
              "phi-eq-1": ("phi-eq-1",), "phi-in-1-Gamma": ("phi-in-1-Gamma",),
              "phi-ge-Gamma": ("phi-eq-Gamma", "phi-gt-Gamma")}
_WORD = {"undersized": "undersized", "oversized": "oversized", "too many": "too-many", "too few": "too-few"}


def _cell_spec(panel: str, row: str, column: str, cell: str, reverse: bool = False) -> tuple[NumericClaim, str] | None:
    name = "local-politics" if panel == "local-politics" else "free-migration"
    regions = (LP_COLUMNS if panel == "local-politics" else FM_COLUMNS)[column]
    word = cell.rstrip("§†‡")
    if word == "ambiguous":
        return None
    bounded = False if cell.endswith("‡") else None
    what = {"large-cities": _WORD[word], "number-of-cities": _WORD[word],
            "small-cities": "small-" + word}[row]
    text = f"Table 1 ({panel}, {row}, {column}): '{cell}'"
    return cell_claim(regions, name, what, bounded=bounded, text=text, reverse=reverse), what


def table1_cell(s: Settings, panel: str, row: str, column: str, cell: str, reverse: bool = False) -> Outcome | None:
    """The numeric check of one Table 1 cell (None for the 'ambiguous' cells, see `ambiguous`)."""
    built = _cell_spec(panel, row, column, cell, reverse)
    if built is None:
        return ambiguous(s, panel, row, column)
    spec, what = built
    out = run_on_pool(spec, s)
    if what.startswith("small-"):
        other = cell_claim(spec_regions(panel, column), _name(panel), what + "-B")
        second = run_on_pool(other, s)
        out.detail += (" Reading B (against the smallest optimal city n_*(a_*), not the optimum on the same site): "
                       f"{second.status}: {second.detail.split(' Draws per Phi region')[0]}"
                       + (" The paper means reading A: its proofs (A.3, A.5) compare sizes site by site, and '†' "
                          "('by virtue of existing') compares with the zero optimal size on the same site."
                          if second.status == "discrepancy" else ""))
    if cell.endswith("§"):
        out.detail += " '§ optimal if homogeneous': the homogeneous case is checked in the Proposition's own claim."
    if cell.endswith("‡"):
        out.detail += (" '‡ if abar is sufficiently large' is read as an unbounded top: the cell is tested at the site "
                       "whose upper tail holds 1e-9 of the sites (Pareto, log-normal).")
    return out


def _name(panel):
    return "local-politics" if panel == "local-politics" else "free-migration"


def spec_regions(panel, column):
    return (LP_COLUMNS if panel == "local-politics" else FM_COLUMNS)[column]


def ambiguous(s: Settings, panel: str, row: str, column: str) -> Outcome:
    """An 'ambiguous' cell: both signs occur. Verified when a draw of each sign is confirmed at
    dps and 2 dps (witnesses of either direction); unverified when only one sign is found."""
    name, regions = _name(panel), spec_regions(panel, column)
    what = "too-many" if row == "number-of-cities" else "small-oversized"
    spec = cell_claim(regions, name, what)
    found: dict = {}
    meeting = 0
    for p in pool(s):
        if not spec.hypotheses(p):
            continue
        meeting += 1
        m, _ = comparison(p, name, what, None) if site_kind(p) in CONTINUOUS else (None, "")
        guess = None if m is None else (m > 0)
        if guess is not None and guess in found:
            continue
        ev = [spec.evaluate(p, d) for d in (s.dps, 2 * s.dps)]
        if any(e.margin is None for e in ev) or (ev[0].margin > 0) != (ev[1].margin > 0) or ev[0].margin == 0:
            continue
        found.setdefault(bool(ev[0].margin > 0), (p, ev[0]))
        if len(found) == 2:
            break
    label = {True: "more/larger in " + name, False: "fewer/smaller in " + name}
    detail = (f"Table 1 ({panel}, {row}, {column}): 'ambiguous', tested as 'both signs occur': {meeting} of {s.draws} "
              f"shared draws met the cell's hypotheses; confirmed witnesses (at {s.dps} and {2 * s.dps} digits): "
              + ("; ".join(f"{label[k]} at sites {point_sites(p)}, N = {p['N']}" for k, (p, _) in found.items()) or "none")
              + ". " + region_counts(s))
    status = "verified" if len(found) == 2 else "unverified"
    witness = None
    if found:
        from ..numeric_check import point_strings
        witness = {str(k): point_strings(p) for k, (p, _) in found.items()}
    return Outcome(status, detail, draws=s.draws, draws_meeting_hypotheses=meeting, failures=0,
                   counterexample=witness if status != "verified" else None)


def proposition(s: Settings, parts: list) -> Outcome:
    """A Proposition part as several comparisons (allocation, regions, what, heterogeneous):
    verified when every one is, a discrepancy when any is."""
    outs = [(what, run_on_pool(cell_claim(regions, name, what, heterogeneous=het), s)) for name, regions, what, het in parts]
    bad = [o for _, o in outs if o.status == "discrepancy"]
    open_ = [o for _, o in outs if o.status == "unverified"]
    chosen = bad[0] if bad else (open_[0] if open_ else None)
    status = "discrepancy" if bad else ("unverified" if open_ else "verified")
    detail = " ".join(f"[{what}] {o.status}: {o.detail.split(' Draws per Phi region')[0]}" for what, o in outs)
    detail += " " + region_counts(s)
    met = sum(o.draws_meeting_hypotheses or 0 for _, o in outs)
    return Outcome(status, detail, draws=s.draws, draws_meeting_hypotheses=min(o.draws_meeting_hypotheses or 0 for _, o in outs),
                   failures=sum(o.failures or 0 for _, o in outs),
                   counterexample=chosen.counterexample if chosen is not None else None) if met >= 0 else None
