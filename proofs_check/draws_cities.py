"""abrs2017's parameter spaces for the city-system checks (issue 10): wedges by Phi region of
Table 1, site distributions, and the urban population N. Re-exported from `proofs_check.draws`.

Every number is an exact decimal or rational. The wedges are drawn into a named region of
Table 1 and onto its boundaries exactly: Phi_* = (1+eps)/(1+gamma), 1 and Gamma = (gamma/eps)
Phi_* are rationals, and tau (or delta) is solved from Phi = target exactly, so a draw labelled
"phi-eq-phistar" has Phi = Phi_* as an identity of rationals.
"""
from __future__ import annotations

import json
import math
import random

import sympy as sp



def edge_decimal(*args, **kwargs):
    """proofs_check.draws.edge_decimal (imported on use: draws re-exports this module)."""
    from .draws import edge_decimal as edge
    return edge(*args, **kwargs)

__all__ = ["PHI_REGIONS", "SITE_KINDS", "phi_bundles", "phi_region", "wedges_in", "site_spec", "city_point",
           "site_kind", "in_domain", "point_sites"]

R = sp.Rational

#: The Phi regions of Table 1's columns, open intervals and their boundaries.
PHI_REGIONS = ("phi-lt-phistar", "phi-eq-phistar", "phi-in-phistar-1", "phi-eq-1", "phi-in-1-Gamma",
               "phi-eq-Gamma", "phi-gt-Gamma")
SITE_KINDS = ("homogeneous", "truncated_pareto", "pareto", "lognormal", "uniform", "discrete")


def phi_bundles(p: dict) -> tuple[sp.Rational, sp.Rational, sp.Rational]:
    """(Phi, Phi_*, Gamma) of a point, exact: (3), Lemma 2 (iv), (14)."""
    e, g = p["epsilon"], p["gamma"]
    phi = (1 - p["tau"]) / ((1 - p["delta"]) * (1 + p["rho"] * g))
    ps = (1 + e) / (1 + g)
    return phi, ps, g / e * ps


def phi_region(p: dict) -> str:
    """The Table 1 region of a point, from exact comparisons."""
    phi, ps, G = phi_bundles(p)
    if phi < ps:
        return "phi-lt-phistar"
    if phi == ps:
        return "phi-eq-phistar"
    if phi < 1:
        return "phi-in-phistar-1"
    if phi == 1:
        return "phi-eq-1"
    if phi < G:
        return "phi-in-1-Gamma"
    return "phi-eq-Gamma" if phi == G else "phi-gt-Gamma"


def _target(rng: random.Random, region: str, ps, G):
    if region == "phi-eq-phistar":
        return ps
    if region == "phi-eq-1":
        return sp.Integer(1)
    if region == "phi-eq-Gamma":
        return G
    lo, hi = {"phi-lt-phistar": (ps / 4, ps), "phi-in-phistar-1": (ps, 1), "phi-in-1-Gamma": (1, G),
              "phi-gt-Gamma": (G, 2 * G)}[region]
    u = edge_decimal(rng, "0", "1", 4, open_low=True, open_high=True)
    return lo + (hi - lo) * u


def wedges_in(rng: random.Random, region: str) -> dict:
    """epsilon < gamma, tau and delta in [0, 1), rho in [0, 1] with Phi in `region` (exactly on
    it for the boundaries). Phi = (1-tau)/((1-delta)(1+rho gamma)) = target is solved for delta
    (with tau drawn) or, where that delta would be negative, for tau (with delta drawn)."""
    eps = edge_decimal(rng, "0.01", "0.12", 3, open_low=True)
    gam = eps + edge_decimal(rng, "0.03", "0.5", 3)
    ps = (1 + eps) / (1 + gam)
    G = gam / eps * ps
    phi = _target(rng, region, ps, G)
    rho = edge_decimal(rng, "0", "1", 2)
    tau = edge_decimal(rng, "0", "0.5", 2, open_high=True)
    one_minus_delta = (1 - tau) / (phi * (1 + rho * gam))
    if one_minus_delta <= 1:
        delta = 1 - one_minus_delta
    else:
        delta = edge_decimal(rng, "0", "0.5", 2, open_high=True)
        tau = 1 - phi * (1 - delta) * (1 + rho * gam)
    p = {"epsilon": eps, "gamma": gam, "tau": tau, "rho": rho, "delta": delta}
    if not (0 <= tau < 1 and 0 <= delta < 1 and phi_region(p) == region):  # exact; guards the construction
        raise AssertionError(f"wedges_in({region}) built {p}")
    return p


def _dec(x: float, digits: int = 4) -> str:
    """A float rounded to `digits` significant digits, as an exact decimal string (a choice of
    input, not a computed result)."""
    return f"{x:.{digits - 1}e}"


def site_spec(rng: random.Random, kind: str, eps, gam, outside: bool = False, phi=1) -> dict:
    """Sites of `kind` (JSON form of numeric.distributions.site_distribution, exact strings).

    The lowest site sits at m gamma/(eps min(Phi, 1)) with m from 1.2 to 3 (n_i and n_p at
    least m^(1/(gamma-eps)) >= 1 there: the paper's domain), or m in [0.3, 0.9] and no Phi
    factor when `outside` (sites whose efficient scale is below one person). City sizes grow
    like a^(1/(gamma-eps)), so m is held below 10^(4 (gamma-eps)) and the spread of the sites
    below 10^(6 (gamma-eps)): the smallest efficient scale stays below 1e4 people and the
    range of scales below 1e6 (no urban population of 1e15 and more, where the quadrature
    spends its time budget)."""
    base = float(gam / eps)
    d = float(gam) - float(eps)
    m = rng.uniform(0.3, 0.9) if outside else rng.uniform(1.2, max(1.3, min(3.0, 10 ** (4 * d))))
    lo = base * m / (1 if outside else min(float(phi), 1.0))
    spread = min(math.exp(rng.choice((0.05, 0.25, 0.7, 1.5)) * rng.uniform(0.5, 1)), 10 ** (6 * d))
    if kind == "homogeneous":
        return {"homogeneous": {"value": _dec(lo * spread), "measure": _dec(rng.uniform(1, 10), 2)}}
    if kind == "uniform":
        return {"uniform": {"minimum": _dec(lo), "maximum": _dec(lo * spread), "measure": "1"}}
    if kind == "truncated_pareto":
        return {"truncated_pareto": {"shape": _dec(rng.choice((1.5, 3, 30)) * rng.uniform(0.8, 1.2), 3),
                                     "minimum": _dec(lo), "maximum": _dec(lo * spread), "measure": "1"}}
    e1 = 1 / (float(gam) - float(eps))
    if kind == "pareto":
        # shape above (1+gamma)/(gamma-eps): output and costs finite (numeric.cities)
        return {"pareto": {"shape": _dec((1 + float(gam)) * e1 * rng.uniform(1.3, 3), 3),
                           "minimum": _dec(lo), "measure": "1"}}
    if kind == "lognormal":
        sd = rng.choice((0.02, 0.04, 0.1)) * rng.uniform(0.8, 1.2)
        return {"lognormal": {"log_mean": _dec(math.log(lo) + 5 * sd), "log_sd": _dec(sd, 3), "measure": "1"}}
    if kind == "discrete":
        count = rng.choice((2, 3, 5, 8))
        values = sorted({_dec(lo * spread ** rng.random(), 4) for _ in range(count)} | {_dec(lo)}, key=float)
        return {"discrete": values}
    raise ValueError(f"kind={kind!r}: must be one of {', '.join(SITE_KINDS)}")


def point_sites(p: dict) -> dict:
    """The site specification of a city-system point."""
    return json.loads(p["sites"])


def site_kind(p: dict) -> str:
    return next(iter(point_sites(p)))


def _lowest_site(p: dict) -> sp.Rational:
    (kind, body), = point_sites(p).items()
    if kind == "discrete":
        return min(R(v) for v in body)
    if kind == "homogeneous":
        return R(body["value"])
    if kind == "lognormal":  # six standard deviations below the log-mean
        return R(_dec(math.exp(float(body["log_mean"]) - 6 * float(body["log_sd"])), 6))
    return R(body["minimum"])


def in_domain(p: dict) -> bool:
    """Inside the paper's economically meaningful domain: at the lowest site both the efficient
    scale n_i = (eps a/gamma)^(1/(gamma-eps)) and the private one n_p (Phi times the base) are at
    least one person (exact: a base >= 1). (Log-normal sites: the site six s.d. below the mean.)"""
    phi, _, _ = phi_bundles(p)
    base = p["epsilon"] * _lowest_site(p) / p["gamma"]
    return bool(base >= 1 and base * phi >= 1)


def city_point(rng: random.Random, region: str | None = None, kind: str | None = None,
               outside: bool | None = None, occupancy: str | None = None) -> dict:
    """A city-system point: wedges in a Phi region (uniform over PHI_REGIONS unless given), sites
    of a kind (uniform over SITE_KINDS unless given; 1 in 10 outside the domain), and N.

    N is set against the population N_full that the optimum holds with its margin at the lowest
    site and k_* = 1 (exact for homogeneous sites, M n_i(a); the float64 screen's value for
    continuous sites; the sum of n_i over the sites for discrete ones): N = f N_full with f from
    1e-3 to 0.97 (an interior margin, few to nearly all sites occupied: "occupancy" = "interior")
    or from 1.03 to 4 (every site occupied, "all"; never for log-normal sites, which have no lowest
    site). The label is re-checked against the
    high-precision optimum wherever a draw is evaluated. `outside` True/False forces the draw
    outside/inside the domain (None: 1 in 10 outside); `occupancy` "interior" or "all" forces the
    occupancy label (None: "all" 1 in 4)."""
    region = region or rng.choice(PHI_REGIONS)
    kind = kind or rng.choice(SITE_KINDS)
    p = wedges_in(rng, region)
    u = rng.random()  # drawn either way, so that forcing `outside` leaves the rest of the stream alone
    outside = u < 0.1 if outside is None else outside
    spec = site_spec(rng, kind, p["epsilon"], p["gamma"], outside, phi_bundles(p)[0])
    interior = rng.random() < 0.75  # drawn either way, like u above
    if kind == "lognormal":
        # log-normal sites reach down to 0, where n_i(a) -> 0: no N occupies them all (the screen's and the
        # solvers' support ends at -9 s.d. only numerically), so their margin is always interior
        interior = True
    if occupancy is not None:
        if occupancy not in ("interior", "all"):
            raise ValueError(f"occupancy={occupancy!r}: must be 'interior' or 'all'")
        interior = occupancy == "interior"
    # discrete sites: at least a few cities' worth, so that no allocation is one partial city
    low = 0.3 if kind == "discrete" else 1e-3
    f = math.exp(rng.uniform(math.log(low), math.log(0.97))) if interior else rng.uniform(1.03, 4)
    full = _full_population(p, spec)
    p.update(sites=json.dumps(spec, sort_keys=True), N=R(_dec(f * full, 4)),
             occupancy="interior" if interior else "all")
    return p


def _full_population(p: dict, spec: dict) -> float:
    e, g = float(p["epsilon"]), float(p["gamma"])
    e1 = 1 / (g - e)
    (kind, body), = spec.items()
    if kind == "homogeneous":
        return float(body["measure"]) * (e * float(body["value"]) / g) ** e1
    if kind == "discrete":
        return sum((e * float(v) / g) ** e1 for v in body)
    from numeric.cities.float_screen import full_population, float_sites
    return full_population(e, g, float_sites(spec, e1))
