"""abrs2017 Propositions 2 and 3 and Section 3's comments, tested on the computed allocations.

Each statement is split into the comparisons it makes -- the best site's city, the smallest city
(against the optimum on the same site, reading A, and against the smallest optimal city,
reading B, where the text says "small cities"), the number (measure) of cities, or the whole
allocation ("the optimum is achieved") -- and each comparison is a numeric check of
`allocations_numeric.cell_claim` over the shared pool of city-system draws, at the same N
(Appendix A.3's "for a given N"). A part is verified when every comparison is, a discrepancy
when any is, with that comparison's counterexample; the closed-form proofs of the claims stay
where they are, and a claim with both is `symbolic+numeric` (`numeric_check.combine`).
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ..claims import Outcome, Settings
from ..draws_cities import phi_bundles
from ..numeric_check import combine
from .allocations_numeric import cell_claim, region_counts, run_on_pool

__all__ = ["Part", "LT_PHISTAR", "LE_PHISTAR", "PHISTAR_TO_1", "LT_1", "EQ_1", "GT_1", "ONE_TO_GAMMA", "GE_GAMMA",
           "GT_PHISTAR", "comparisons", "with_proof"]

# The Phi regions of `draws_cities.PHI_REGIONS`, grouped as the statements group them.
LT_PHISTAR = ("phi-lt-phistar",)
LE_PHISTAR = ("phi-lt-phistar", "phi-eq-phistar")
PHISTAR_TO_1 = ("phi-in-phistar-1",)
LT_1 = ("phi-lt-phistar", "phi-eq-phistar", "phi-in-phistar-1")
EQ_1 = ("phi-eq-1",)
ONE_TO_GAMMA = ("phi-in-1-Gamma",)
GE_GAMMA = ("phi-eq-Gamma", "phi-gt-Gamma")
GT_1 = ("phi-in-1-Gamma", "phi-eq-Gamma", "phi-gt-Gamma")
GT_PHISTAR = ("phi-in-phistar-1", "phi-eq-1") + GT_1

#: Site kinds with a lowest site: "every site occupied" needs one (log-normal sites reach down to 0,
#: where n_i(a) -> 0, so no N occupies them all; the solvers' truncation at -9 s.d. is numerical).
WITH_LOWEST_SITE = ("homogeneous", "discrete", "uniform", "truncated_pareto", "pareto")

_WHAT = {"undersized": "large cities undersized", "oversized": "large cities oversized",
         "small-oversized": "small cities oversized (against the optimum on the same site)",
         "small-undersized": "small cities undersized (against the optimum on the same site)",
         "small-oversized-B": "small cities oversized (against the smallest optimal city)",
         "small-undersized-B": "small cities undersized (against the smallest optimal city)",
         "too-many": "too many cities", "too-few": "too few cities",
         "optimal": "the optimum achieved (sizes and number equal to the working precision)"}


@dataclass(frozen=True)
class Part:
    """One comparison of a statement: `what` (a key of allocations_numeric.COMPARISONS) of
    `allocation` against the optimum on draws in `regions`, with heterogeneous (True), homogeneous
    (False) or any (None) sites, the optimum's margin interior or every site occupied."""

    allocation: str
    regions: tuple
    what: str
    heterogeneous: bool | None = None
    occupancy: str = "interior"
    bounded: bool | None = None   # True: a bounded top (abar < oo) only

    def label(self) -> str:
        sites = {True: "heterogeneous sites", False: "homogeneous sites", None: "any sites"}[self.heterogeneous]
        occ = "" if self.occupancy == "interior" else ", every site occupied at the optimum"
        top = {None: "", True: ", abar < oo", False: ", abar = oo"}[self.bounded]
        return f"{_WHAT[self.what]} ({' or '.join(self.regions)}, {sites}{top}{occ})"


_FULL: dict = {}


def full_pool(s: Settings) -> list[dict]:
    """Shared draws with every site occupied at the optimum, for the statements about that case:
    a quarter of --draws, draw i in Phi region i mod 7 of Table 1 and site kind i mod 5 of those with
    a lowest site (every region-kind pair in 35 draws; the main pool puts only a quarter of its draws
    there, spread over 42 pairs); seeded by the seed alone, so their allocations are solved once per
    process."""
    key = (s.seed, s.draws)
    if key not in _FULL:
        import random

        from ..draws_cities import PHI_REGIONS, city_point
        rng = random.Random(f"{s.seed}:abrs2017:city-system:every-site-occupied")
        kinds = ("discrete", "uniform", "truncated_pareto", "pareto", "homogeneous")
        _FULL[key] = [city_point(rng, region=PHI_REGIONS[i % len(PHI_REGIONS)],
                                 kind=kinds[i % len(kinds)], outside=False, occupancy="all")
                      for i in range(s.draws // 4)]
    return _FULL[key]


def comparisons(s: Settings, statement: str, parts: list[Part]) -> Outcome:
    """The statement as its comparisons: verified when all are, a discrepancy when one is (its
    counterexample is the claim's), unverified otherwise; the counts are the smallest part's.
    Parts about an optimum that occupies every site run on `full_pool`."""
    outs = []
    for part in parts:
        spec = cell_claim(part.regions, part.allocation, part.what, heterogeneous=part.heterogeneous,
                          occupancy=part.occupancy, bounded=part.bounded, text=f"{statement}: {part.label()}",
                          kinds=WITH_LOWEST_SITE if part.occupancy == "all" else None)
        outs.append((part, run_on_pool(spec, s, points=full_pool(s) if part.occupancy == "all" else None)))
    out = combined([o for _, o in outs])
    out.detail = " ".join(f"[{part.label()}] {o.status}: {_trim(o.detail)}" for part, o in outs) + " " + \
        region_counts(s)
    return out


def _trim(detail: str) -> str:
    return detail.split(" Draws per Phi region")[0]


def with_proof(symbolic: Outcome, numeric: Outcome) -> Outcome:
    """A claim with a closed-form part and a numeric part (method symbolic+numeric)."""
    return combine(symbolic, numeric)


# --- the small cities of an optimum that occupies every site: compared at the lowest site -----------

def lowest_site_claim(regions, allocation_name: str, sign: int, text: str):
    """With every site occupied at the optimum its smallest cities are on the lowest sites: compare
    the allocation's city there with the optimum's, ln(n_z(a_lower)/n_*(a_lower)) times `sign`
    (+1: too big, -1: too small). An empty site counts as a city of size 0 (too small)."""
    import math

    import mpmath

    from ..draws_cities import in_domain, phi_region, site_kind
    from ..numeric_check import Evaluation, NumericClaim
    from .allocations_numeric import CONTINUOUS, _mp_cities, allocation, float_alloc, fm_exists, lp_exists
    exists = {"free-migration": fm_exists, "local-politics": lp_exists}[allocation_name]

    def ratio(z_size, o_size, log):
        if z_size <= 0:
            return -math.inf
        return log(z_size) - log(o_size)

    def evaluate(p, dps):
        o, z = allocation(p, "optimum", dps), allocation(p, allocation_name, dps)
        if o is None or z is None:
            return Evaluation(None, exists=False, why="an allocation does not exist at this N")
        if not o.all_sites_occupied:
            return Evaluation(None, exists=False, why="the optimum leaves a site empty at this N")
        with mpmath.workdps(dps):
            oc, zc = _mp_cities(p, o), _mp_cities(p, z)
            low = oc.margin
            m = ratio(zc.size(low), oc.size(low), mpmath.log)
            values = {"lowest site a_lower": low, "optimum city there": oc.size(low),
                      f"{allocation_name} city there": zc.size(low), f"{allocation_name} margin site": z.margin_site,
                      "N": p["N"], "Phi region": phi_region(p),
                      "inside the economically meaningful domain": "yes" if in_domain(p) else "no"}
            margin = mpmath.mpf(sign) * m if m != -math.inf else mpmath.mpf(-sign)
        return Evaluation(margin, max(o.residual, z.residual), values)

    def screen(points):
        out = []
        for p in points:
            o = float_alloc(p, "optimum") if site_kind(p) in CONTINUOUS else None
            z = float_alloc(p, allocation_name) if o is not None else None
            if o is None or z is None or not o.all_occupied:
                out.append(float("nan"))
                continue
            m = ratio(float(z.size(o.margin_site)), float(o.size(o.margin_site)), math.log)
            out.append(sign * m if m != -math.inf else -sign)
        return out

    regions = tuple(regions)
    return NumericClaim(
        space=None, hypotheses=lambda p: (phi_region(p) in regions and p["occupancy"] == "all"
                                          and site_kind(p) in WITH_LOWEST_SITE and site_kind(p) != "homogeneous"
                                          and exists(p)),
        evaluate=evaluate, screen=screen, conclusion=text,
        hypotheses_text=f"Phi in {' or '.join(regions)}, heterogeneous sites with a lowest site (not log-normal), "
                        "every site occupied at the optimum, "
                        f"the same N, within what {allocation_name} can hold",
        case=lambda p: phi_region(p), absent="an allocation does not exist, or the optimum leaves a site empty",
        sample_size=1)


def at_lowest_site(s: Settings, statement: str, regions, allocation_name: str, sign: int) -> Outcome:
    word = "too big" if sign > 0 else "too small"
    return run_on_pool(lowest_site_claim(regions, allocation_name, sign,
                                         f"{statement}: small cities {word} (the city on the lowest site, which the "
                                         "optimum occupies, against the optimum's there)"), s, points=full_pool(s))


def combined(outs: list[Outcome]) -> Outcome:
    """Several numeric outcomes as one: verified when all are, a discrepancy when one is."""
    bad = [o for o in outs if o.status == "discrepancy"]
    open_ = [o for o in outs if o.status == "unverified"]
    status = "discrepancy" if bad else ("unverified" if open_ else "verified")
    chosen = (bad or open_ or outs)[0]
    return Outcome(status, " ".join(o.detail for o in outs), draws=max(o.draws or 0 for o in outs),
                   draws_meeting_hypotheses=min(o.draws_meeting_hypotheses or 0 for o in outs),
                   failures=sum(o.failures or 0 for o in outs),
                   counterexample=chosen.counterexample if status != "verified" else None)


# --- Proposition 4: Phi = Phi_* with k_m = k_m^* reproduces the optimum ------------------------------

CONTINUOUS_G = ("homogeneous", "truncated_pareto", "pareto", "lognormal", "uniform")


def implements_optimum(s: Settings) -> Outcome:
    """Free migration with Phi = Phi_* (4 (i)) and the margin city at k_m^* n_p(a_m), k_m^* =
    Phi_*^(-1/(gamma-eps)) k_* (4 (ii)), against the optimum at the same N: sizes at the best
    and the margin sites and the number (measure, margin) of cities equal to the working precision.
    Discrete site lists are left out (an integer number of cities: no k_m makes the margin city
    exactly efficient); Proposition 4 is stated for Lemma 2's distribution G."""
    from .allocations_numeric import cell_claim
    parts = []
    for occupancy in ("interior", "all"):
        spec = cell_claim(("phi-eq-phistar",), "free-migration", "optimal", heterogeneous=None, occupancy=occupancy,
                          k_m_star=True,
                          kinds=CONTINUOUS_G if occupancy == "interior" else tuple(
                              k for k in CONTINUOUS_G if k in WITH_LOWEST_SITE),
                          text="Proposition 4: free migration with Phi = Phi_* and k_m = k_m^* is the optimum"
                               + (" (every site occupied)" if occupancy == "all" else ""))
        parts.append(run_on_pool(spec, s, points=full_pool(s) if occupancy == "all" else None))
    return combined(parts)


# --- land values: the generalized George-Hotelling-Vickrey ratios (17), Prop. 2 (vi), (25) ----------------

def _ghv_printed(name: str, p: dict, k, wbar, wmin, lib):
    """The printed ratio of land values to agglomeration externalities: (17) for the optimum (k_* = 1),
    Phi for local politics (Prop. 2 (vi)), (25) for free migration, from the allocation's margin ratio k,
    mean urban wage wbar (output per urban resident) and lowest wage w(a_m)."""
    e, g = (lib(sp.Rational(p[q]).p) / lib(sp.Rational(p[q]).q) for q in ("epsilon", "gamma"))
    phi_r = phi_bundles(p)[0]
    phi = lib(phi_r.p) / lib(phi_r.q)
    Gamma = g / e * (1 + e) / (1 + g)
    if name == "optimum":
        return 1 + (wbar - wmin) / wbar * (Gamma - 1)
    if name == "local-politics":
        return phi
    K = k ** (g - e)
    return phi * K + (wbar - wmin) / wbar * phi * (g / e - K)


def ghv_claim(name: str, text: str) -> NumericClaim:
    """The allocation's land-value ratio gamma int n^(1+gamma) dG / (eps int a n^(1+eps) dG) against the
    printed formula, equal to the working precision (margin 1 - |difference|/(tol |printed|))."""
    import math

    import mpmath

    from ..draws_cities import in_domain, phi_region, site_kind
    from ..numeric_check import Evaluation, NumericClaim
    from .allocations_numeric import CONTINUOUS, allocation, float_alloc, fm_exists, lp_exists

    def hypotheses(p):
        if name == "optimum":  # (17) presumes k_* = 1: an interior margin over a distribution G
            return p["occupancy"] == "interior" and site_kind(p) != "discrete"
        if name == "local-politics":  # every city at n_p: discrete sites leave a partial last city at a fixed N
            return site_kind(p) != "discrete" and lp_exists(p)
        return fm_exists(p)

    def evaluate(p, dps):
        a = allocation(p, name, dps)
        if a is None:
            return Evaluation(None, exists=False, why=f"no {name} allocation at this N")
        if name == "optimum" and a.all_sites_occupied:
            return Evaluation(None, exists=False, why="every site occupied: k_* > 1, outside (17)")
        with mpmath.workdps(dps):
            printed = _ghv_printed(name, p, a.margin_ratio, a.mean_wage, a.min_wage, mpmath.mpf)
            tol = mpmath.mpf(10) ** (-(dps // 2))
            margin = 1 - abs(a.land_value_ratio - printed) / (tol * abs(printed))
        return Evaluation(margin, a.residual, {"computed ratio": a.land_value_ratio, "printed formula": printed,
                                                "margin ratio k": a.margin_ratio, "mean wage": a.mean_wage,
                                                "lowest wage": a.min_wage, "N": p["N"], "Phi region": phi_region(p),
                                                "inside the economically meaningful domain":
                                                    "yes" if in_domain(p) else "no"})

    def screen(points):
        out = []
        for p in points:
            f = float_alloc(p, name) if site_kind(p) in CONTINUOUS else None
            if f is None or (name == "optimum" and f.all_occupied):
                out.append(float("nan"))
                continue
            e, g = float(p["epsilon"]), float(p["gamma"])
            try:
                ratio = g * f.costs / (e * f.output)
                wmin = f.margin_site * float(f.size(f.margin_site)) ** e
                printed = _ghv_printed(name, p, f.margin_ratio, f.output / f.population, wmin, float)
                out.append(1 - abs(ratio - printed) / (1e-7 * abs(printed)))
            except (ArithmeticError, ValueError):
                out.append(float("nan"))
        return [m if m == m and math.isfinite(m) else float("nan") for m in out]

    sites = {"optimum": "continuous or homogeneous sites with an interior margin (k_* = 1)",
             "local-politics": "continuous or homogeneous sites (every city at n_p(a))",
             "free-migration": "any sites (k the margin city's ratio n_m(a_m)/n_p(a_m))"}[name]
    return NumericClaim(space=None, hypotheses=hypotheses, evaluate=evaluate, screen=screen, conclusion=text,
                        hypotheses_text=f"{sites}, any Phi region, the same N", case=lambda p: phi_region(p),
                        absent=f"the {name} allocation does not exist at that N (or, for (17), k_* > 1)",
                        sample_size=1)


def land_values(s: Settings, name: str, text: str) -> Outcome:
    """The check of `ghv_claim`; for free migration on the discrete and homogeneous draws only (the
    continuous ones are counted as left out: each would need its own 100-digit solve, and the
    discrete ones already test (25) with a margin ratio k != 1 and unequal wages)."""
    return run_on_pool(ghv_claim(name, text), s, continuous=name != "free-migration")
