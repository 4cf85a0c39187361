"""A float64 screen of the three allocations of abrs2017 Section 3 over continuous sites.

An independent route to the allocations that `numeric.cities.solve_allocation` computes at high
precision, written directly from the paper's conditions in numpy float64 so that many parameter
draws can be screened in a fraction of a second. It decides nothing: `proofs_check` uses it to
screen draws and confirms failures, near-ties and a sample with the high-precision solvers.

The same ratio coordinate as `numeric.cities._kernel` (the paper's (15) and (23)): with s(a) the
allocation's reference scale (n_i for the optimum, n_p otherwise), v = (n/s)^(gamma-eps) and
h(v) = v^q (C - v), q = eps/(gamma-eps), a common benefit level gives
h(v(a)) = h(v_m) (a_m/a)^(gamma/(gamma-eps)) on occupied sites, v on the branch v > vb:

==============  =========  ==========  ==========  =============
allocation      s(a)       C           vb          margin v_m
==============  =========  ==========  ==========  =============
optimum         n_i(a)     Gamma       Phi_*       1       (13)
free migration  n_p(a)     gamma/eps   1           k_m^(g-e) (21)
local politics  n_p(a)     (none: every city at n_p(a), the best sites first)
==============  =========  ==========  ==========  =============

With a fixed urban population N the margin a_m solves the adding-up constraint (7); when N
exceeds what the sites hold with the margin city at v_m, every site is occupied and v at the
lowest site rises above v_m (k_* > 1, k > k_m). Local politics holds at most int n_p dG.
Integrals are Gauss-Legendre in a variable that makes each kind's integrand smooth (ln a for
the truncated Pareto, the standard-normal z for the log-normal, a power of the survival
function for the Pareto tail, a itself for the uniform).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["FloatSites", "FloatAllocation", "float_sites", "float_allocation", "full_population", "FloatScreenError"]

_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(96)


class FloatScreenError(ArithmeticError):
    """The float64 screen could not compute this allocation (it then decides nothing)."""


def _gl(lo: float, hi: float):
    half, mid = (hi - lo) / 2, (hi + lo) / 2
    return mid + half * _NODES, half * _WEIGHTS


@dataclass
class FloatSites:
    """A continuous site distribution in float64: `nodes(x)` gives (a, dG) on the sites above
    the margin coordinate x (x in [0, 1], 0 = the lowest site, 1 = the top), `site(x)` the site
    at x, `x_of(a)` its inverse."""

    kind: str
    lo: float
    hi: float          # math.inf for an unbounded top
    params: dict

    def site(self, x):
        k, p = self.kind, self.params
        x = np.asarray(x, dtype=float)
        if k == "uniform":
            return self.lo + (self.hi - self.lo) * x
        if k == "truncated_pareto":
            return np.exp(math.log(self.lo) + (math.log(self.hi) - math.log(self.lo)) * x)
        if k == "pareto":  # quantile u = x: a = lo (1 - u)^(-1/shape)
            with np.errstate(divide="ignore"):
                return self.lo * np.power(1 - x, -1 / p["shape"])
        if k == "lognormal":  # x maps to z in [Z_LO, Z_HI]
            z = p["z_lo"] + (p["z_hi"] - p["z_lo"]) * x
            return np.exp(p["log_mean"] + p["log_sd"] * z)
        raise FloatScreenError(f"sites of kind {k!r} are not screened in float64")

    def x_of(self, a: float) -> float:
        k, p = self.kind, self.params
        if k == "uniform":
            return (a - self.lo) / (self.hi - self.lo)
        if k == "truncated_pareto":
            return (math.log(a) - math.log(self.lo)) / (math.log(self.hi) - math.log(self.lo))
        if k == "pareto":
            return 1 - (self.lo / a) ** p["shape"]
        z = (math.log(a) - p["log_mean"]) / p["log_sd"]
        return (z - p["z_lo"]) / (p["z_hi"] - p["z_lo"])

    def nodes(self, x: float):
        """(a, w): quadrature nodes on the sites above coordinate x and the site measure each carries."""
        k, p = self.kind, self.params
        M = p["measure"]
        if k == "uniform":
            a, w = _gl(self.site(x), self.hi)
            return a, w * M / (self.hi - self.lo)
        if k == "truncated_pareto":
            la, w = _gl(math.log(self.site(x)), math.log(self.hi))
            a = np.exp(la)
            sh = p["shape"]
            norm = self.lo ** -sh - self.hi ** -sh
            return a, w * M * sh * a ** (-sh) / norm
        if k == "pareto":
            # survival S = 1 - u = t^r on t in (0, t_m]: n(a) ~ S^(-e1/shape), smooth in t
            r = p["r"]
            t_m = (1 - x) ** (1 / r)
            t, w = _gl(0.0, t_m)
            S = t ** r
            a = self.lo * S ** (-1 / p["shape"])
            return a, w * M * r * t ** (r - 1)
        if k == "lognormal":
            z_m = p["z_lo"] + (p["z_hi"] - p["z_lo"]) * x
            z, w = _gl(z_m, p["z_hi"])
            return np.exp(p["log_mean"] + p["log_sd"] * z), w * M * np.exp(-z * z / 2) / math.sqrt(2 * math.pi)
        raise FloatScreenError(f"sites of kind {k!r} are not screened in float64")

    @property
    def bounded(self) -> bool:
        return math.isfinite(self.hi)


def float_sites(spec: dict, e1: float = 1.0) -> FloatSites:
    """FloatSites from the JSON form of `numeric.distributions.site_distribution` (continuous kinds).

    e1 = 1/(gamma-eps) sets the Pareto substitution and the log-normal cut (the mass-weighted
    a^e1 beyond z_hi is below 1e-16 of the whole)."""
    (kind, body), = spec.items()
    f = {k: float(v) for k, v in body.items()}
    M = f.get("measure", 1.0)
    if kind == "uniform":
        return FloatSites(kind, f["minimum"], f["maximum"], {"measure": M})
    if kind == "truncated_pareto":
        lo = math.exp(f["log_min"]) if "log_min" in f else f["minimum"]
        hi = math.exp(f["log_max"]) if "log_max" in f else f["maximum"]
        return FloatSites(kind, lo, hi, {"measure": M, "shape": f["shape"]})
    if kind == "pareto":
        lo = math.exp(f["log_min"]) if "log_min" in f else f["minimum"]
        sh = f["shape"]
        if sh <= 1.01 * e1:
            raise FloatScreenError("Pareto shape too close to 1/(gamma-eps) for the float screen")
        return FloatSites(kind, lo, math.inf, {"measure": M, "shape": sh, "r": 3 / (1 - e1 / sh)})
    if kind == "lognormal":
        mu, sd = f["log_mean"], f["log_sd"]
        peak = e1 * 4 * sd  # where z -> phi(z) exp(c z) peaks for the heaviest power used
        return FloatSites(kind, 0.0, math.inf, {"measure": M, "log_mean": mu, "log_sd": sd,
                                                 "z_lo": -9.0, "z_hi": max(9.0, peak + 9.0)})
    raise FloatScreenError(f"sites of kind {kind!r} are not screened in float64")


@dataclass
class FloatAllocation:
    """An allocation in float64: margin site, margin ratio (k_* or k), whether every site is
    occupied, the common level mu, population held, and `size(a)` for any site (0 below the
    margin)."""

    name: str
    margin_site: float
    margin_ratio: float
    all_occupied: bool
    mu: float
    population: float
    measure: float
    size: object            # a -> n(a), numpy-vectorised
    output: float
    costs: float


class _Rule:
    def __init__(self, eps, gam, tau, rho, delta, name, k_m=1.0):
        self.eps, self.gam, self.name = eps, gam, name
        self.e1 = 1 / (gam - eps)
        self.q = eps * self.e1
        self.D = (1 - delta) * (1 + rho * gam)
        self.Phi = (1 - tau) / self.D
        self.Phi_star = (1 + eps) / (1 + gam)
        if name == "optimum":
            self.C, self.vb, self.v0, self.Psi, self.B = gam / eps * self.Phi_star, self.Phi_star, 1.0, 1.0, 1 + gam
        else:
            self.C, self.vb, self.Psi, self.B = gam / eps, 1.0, self.Phi, self.D
            self.v0 = 1.0 if name == "local-politics" else k_m ** (gam - eps)
        self.coef = eps * self.Psi / gam

    def scale(self, a):
        return np.power(self.coef * a, self.e1)

    def h(self, v):
        return np.power(v, self.q) * (self.C - v)

    def solve_v(self, t):
        """v > vb with h(v) = t (0 < t <= h(vb)), Newton on q ln v + ln(C - v) = ln t.

        vb is the maximum of h (h'(v) = v^(q-1) (q C - (q+1) v) vanishes at v = q C/(q+1) = vb),
        so Newton from a far start crawls near it; each element starts from the better of the
        quadratic expansion at vb, v = vb + sqrt(2 (h(vb) - t)/(-h''(vb))), and the small-t
        expansion v = C - t/C^q."""
        t = np.asarray(t, dtype=float)
        C, q, vb = self.C, self.q, self.vb
        top = self.h(vb)
        t = np.minimum(t, top)
        lt = np.log(np.maximum(t, 1e-300))
        # h''(v) = v^(q-2) [(q-1) (q C - (q+1) v) - (q+1) v]; at vb the bracket's first term is 0
        curv = -(q + 1) * vb ** (q - 1)
        near = vb + np.sqrt(2 * np.maximum(top - t, 0.0) / -curv)
        far = C - t / C ** q
        lo, hi = vb * (1 + 1e-12), C * (1 - 1e-16)

        def resid(v):
            return np.abs(q * np.log(v) + np.log(np.maximum(C - v, 1e-300)) - lt)
        near, far = np.clip(near, lo, hi), np.clip(far, lo, hi)
        with np.errstate(all="ignore"):
            v = np.where(resid(near) <= resid(far), near, far)
        v = np.where(t >= top, vb, v)
        with np.errstate(all="ignore"):  # the guarded branches below repair any step off the branch
            for _ in range(100):
                gap = np.maximum(C - v, 1e-300)
                step = (q * np.log(v) + np.log(gap) - lt) / (q / v - 1 / gap)
                new = v - step
                new = np.where(new >= C, (v + C) / 2, new)
                new = np.where(new <= vb, (v + vb) / 2, new)
                done = (np.abs(new - v) <= 1e-15 * v).all()
                v = new
                if done:
                    break
        v = np.where(t >= top, vb, v)
        if not np.all(np.isfinite(v)):
            raise FloatScreenError("branch root of (15)/(23) failed in float64")
        return v

    def sizes(self, a, a_m, v_m):
        """n(a) for a >= a_m given the margin (a_m, v_m)."""
        if self.name == "local-politics":
            return self.scale(a)
        t = self.h(v_m) * np.power(a_m / a, self.gam * self.e1)
        return self.scale(a) * np.power(self.solve_v(t), self.e1)


def _aggregate(rule: _Rule, sites: FloatSites, x_m: float, v_m: float):
    a, w = sites.nodes(x_m)
    a_m = float(sites.site(x_m))
    n = rule.sizes(a, a_m, v_m)
    return float(np.dot(w, n)), a, w, n


def _root(f, lo, hi, tol=1e-13, iters=200):
    """A root of an increasing f on [lo, hi] (f(lo) <= 0 <= f(hi)) by Illinois regula falsi."""
    flo, fhi = f(lo), f(hi)
    if flo > 0 or fhi < 0:
        raise FloatScreenError("no sign change")
    side = 0
    for _ in range(iters):
        x = (lo * fhi - hi * flo) / (fhi - flo) if fhi != flo else (lo + hi) / 2
        if not lo < x < hi:
            x = (lo + hi) / 2
        fx = f(x)
        if fx > 0:
            hi, fhi = x, fx
            if side == -1:
                flo /= 2
            side = -1
        else:
            lo, flo = x, fx
            if side == 1:
                fhi /= 2
            side = 1
        if hi - lo <= tol * max(1.0, abs(x)) or fx == 0:
            return x
    return (lo + hi) / 2


def float_allocation(primitives: dict, sites: FloatSites, N: float, name: str, k_m: float = 1.0) -> FloatAllocation:
    """The allocation `name` at urban population N over continuous `sites`, in float64.

    Raises FloatScreenError where the float64 route fails (no root, overflow, a population the
    sites cannot host): the caller then leaves the draw to the high-precision tier."""
    e, g = float(primitives["epsilon"]), float(primitives["gamma"])
    r = _Rule(e, g, float(primitives["tau"]), float(primitives["rho"]), float(primitives["delta"]), name, k_m)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        try:
            return _solve(r, sites, N)
        except FloatingPointError as error:
            raise FloatScreenError(f"float64 overflow: {error}") from None


def _solve(r: _Rule, sites: FloatSites, N: float) -> FloatAllocation:
    lnN = math.log(N)
    full, *_ = _aggregate(r, sites, 0.0, r.v0)
    if N <= full:
        # the margin coordinate x_m: population falls with x_m; solve in ln population
        def f(x):
            P, *_ = _aggregate(r, sites, x, r.v0)
            return lnN - math.log(P) if P > 0 else math.inf
        x_top = 1.0 - 1e-15 if sites.bounded else 1.0 - 1e-12
        x_m = _root(f, 0.0, x_top)
        v_m, corner = r.v0, False
    elif r.name == "local-politics":
        raise FloatScreenError("local politics cannot host N (every site at n_p)")
    else:
        x_m, corner = 0.0, True

        def f(v):
            P, *_ = _aggregate(r, sites, 0.0, v)
            return math.log(P) - lnN
        v_m = _root(f, r.v0, r.C * (1 - 1e-15))
    P, a, w, n = _aggregate(r, sites, x_m, v_m)
    a_m = float(sites.site(x_m))
    measure = float(np.sum(w))
    output = float(np.dot(w, a * n ** (1 + r.eps)))
    costs = float(np.dot(w, n ** (1 + r.gam)))
    # the common benefit level (smb = mu_* or pab = mu_m); local politics has none
    mu = r.B * float(r.scale(a_m)) ** r.gam * float(r.h(v_m)) if r.name != "local-politics" else math.nan
    rule = r

    def size(x):
        x = np.asarray(x, dtype=float)
        out = np.zeros_like(x)
        inside = x >= a_m * (1 - 1e-15)
        if np.any(inside):
            out[inside] = rule.sizes(x[inside], a_m, v_m)
        return out
    return FloatAllocation(r.name, a_m, v_m ** r.e1, corner, mu, P, measure, size, output, costs)


def full_population(eps: float, gam: float, sites: FloatSites) -> float:
    """The population the optimum holds with its margin at the lowest site and k_* = 1."""
    P, *_ = _aggregate(_Rule(eps, gam, 0.0, 0.0, 0.0, "optimum"), sites, 0.0, 1.0)
    return P
