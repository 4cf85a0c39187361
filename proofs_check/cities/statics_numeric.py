"""abrs2017 Proposition 1 (ii)-(iii): the optimum's comparative statics, by re-solving it.

(ii) L_*/Nbar > dL_*/dNbar = mu_*: the optimum with the rural sector (6) closing the model is solved at
Nbar and at Nbar (1 +- h); the central difference of total surplus L = int n (a n^eps - n^gamma) dG +
F(N^R) (output net of urban costs, the solver's welfare per head times Nbar) is held to mu_*, and the
average L/Nbar must exceed it. (iii) da_*/dN < 0 and dn_*(a)/dN > 0 for a > a_*: the optimum at a
fixed N is re-solved at N (1 + h), and the margin must fall and every test site's city grow.

Both are finite differences of solved allocations: a route independent of the envelope and
Leibniz arguments that prove the statements in `allocations.py`. Step and tolerance are tied to
the working precision (h = 10^-(dps/5), the envelope equality to 10^-(dps/4)), so the truncation
error h^2 and the solver's error / h both stay far below the tolerance at dps and at 2 dps.
"""
from __future__ import annotations

import dataclasses
import json
import math

import mpmath
import sympy as sp

from numeric.cities import AllocationDoesNotExist, solve_allocation
from ..claims import Outcome, Settings
from ..draws_cities import in_domain, phi_region, point_sites, site_kind
from ..numeric_check import Evaluation, NumericClaim, run
from .allocations_numeric import CONTINUOUS, allocation, budgeted, float_alloc, run_on_pool

__all__ = ["decreasing_returns", "urban_statics", "STEP"]

#: the relative step of the N-derivative in the float64 screen
STEP = sp.Rational(1, 10 ** 6)


def _step(dps: int) -> sp.Rational:
    return sp.Rational(1, 10 ** max(6, dps // 5))


# --- (ii): L_*/Nbar > dL_*/dNbar = mu_* -----------------------------------------------------------

def _surplus(p: dict, total: sp.Rational, dps: int):
    params = {k: str(p[k]) for k in ("epsilon", "gamma", "tau", "rho", "delta")}
    params["rural"] = dict(json.loads(p["rural"]), total_population=str(total))
    with budgeted("optimum (a rural draw)"):
        return solve_allocation(params, point_sites(p), "optimum", dps=dps, confirm=False)


def _returns(p: dict, dps: int) -> Evaluation:
    Nbar = sp.Rational(json.loads(p["rural"])["total_population"])
    h = _step(dps)
    try:
        centre = _surplus(p, Nbar, dps)
        up, down = _surplus(p, Nbar * (1 + h), dps), _surplus(p, Nbar * (1 - h), dps)
    except AllocationDoesNotExist as error:
        return Evaluation(None, exists=False, why=str(error))
    with mpmath.workdps(dps):
        nb = mpmath.mpf(Nbar.p) / Nbar.q
        hh = mpmath.mpf(h.p) / h.q
        if not centre.rural_population > nb * mpmath.mpf(10) ** (-(dps // 2)):
            return Evaluation(None, exists=False, why="no rural population at the optimum (a corner: mu_* > F'(0))")
        L = centre.welfare_per_capita * nb
        dL = (up.welfare_per_capita * nb * (1 + hh) - down.welfare_per_capita * nb * (1 - hh)) / (2 * hh * nb)
        mu = centre.mu
        tol = mpmath.mpf(10) ** (-(dps // 4))
        envelope = 1 - abs(dL - mu) / (tol * abs(mu))
        average = (L / nb - mu) / (tol * abs(mu))
        margin = min(envelope, average)
        values = {"Nbar": nb, "N_*": centre.urban_population, "N^R": centre.rural_population, "L_*/Nbar": L / nb,
                  "dL_*/dNbar (central difference)": dL, "mu_*": mu, "step h (relative)": hh,
                  "tightest condition": "dL/dNbar = mu_*" if envelope <= average else "L/Nbar > mu_*"}
        return Evaluation(margin, max(centre.residual, up.residual, down.residual), values)


def decreasing_returns(s: Settings) -> Outcome:
    """Proposition 1 (ii) on draws with the rural sector (those of Lemma 2 (i)): a twenty-fifth of --draws,
    at least 4, each three solves at dps (and at 2 dps for the confirmed draw)."""
    from .structure_numeric import _rural_point
    spec = NumericClaim(
        space=_rural_point, hypotheses=lambda p: True, evaluate=_returns,
        conclusion="Proposition 1 (ii): the optimum's total surplus L_* (urban output net of urban costs plus rural "
                   "output), re-solved at Nbar (1 +- h), has dL_*/dNbar = mu_* and L_*/Nbar > mu_*",
        hypotheses_text="homogeneous or truncated Pareto sites, the rural sector (6) with Cobb-Douglas or CES "
                        "technology and land (F strictly concave), an interior rural-urban split",
        case=lambda p: site_kind(p), absent="the optimum has no rural population (a corner) or was not found",
        sample_size=1)
    few = dataclasses.replace(s, draws=min(s.draws, max(4, s.draws // 25)))
    out = run(spec, few)
    out.detail += f" ({few.draws} draws: a twenty-fifth of --draws, each three solves with the rural closure.)"
    return out


# --- (iii): da_*/dN < 0, dn_*(a)/dN > 0 ------------------------------------------------------------

def _moved(p: dict, h) -> dict:
    return dict(p, N=p["N"] * (1 + h))


def _statics(p: dict, o0, o1, h, lib, log):
    """min over the margin and the test sites above both margins of the signed elasticities
    -d ln a_*/d ln N and d ln n_*(a)/d ln N, as finite differences (positive when (iii) holds)."""
    from .structure_numeric import _test_sites
    hh = lib(h.p) / lib(h.q)
    rates = [(-(log(o1.margin_site) - log(o0.margin_site)) / hh, "da_*/dN < 0")]
    top = max(o0.margin_site, o1.margin_site)
    for a in _test_sites(p, top, lib):
        if a > top:
            n0, n1 = lib(o0.size_of(a)), lib(o1.size_of(a))
            rates.append(((log(n1) - log(n0)) / hh, f"dn_*(a)/dN > 0 at a = {a}"))
    return min(rates, key=lambda t: t[0])


def _urban_statics_claim() -> NumericClaim:
    def evaluate(p, dps):
        h = _step(dps)
        o0, o1 = allocation(p, "optimum", dps), allocation(_moved(p, h), "optimum", dps)
        if o0 is None or o1 is None:
            return Evaluation(None, exists=False, why="no optimum at N or N (1 + h)")
        if o0.all_sites_occupied or o1.all_sites_occupied:
            return Evaluation(None, exists=False, why="every site occupied at N or N (1 + h): a_* = a_lower")
        with mpmath.workdps(dps):
            rate, where = _statics(p, o0, o1, h, mpmath.mpf, mpmath.log)
            values = {"a_* at N": o0.margin_site, "a_* at N (1 + h)": o1.margin_site, "step h (relative)": h,
                      "smallest rate": rate, "tightest condition": where, "N": p["N"], "Phi region": phi_region(p),
                      "inside the economically meaningful domain": "yes" if in_domain(p) else "no"}
            return Evaluation(rate, max(o0.residual, o1.residual), values)

    def screen(points):
        out = []
        for p in points:
            f0 = float_alloc(p, "optimum") if site_kind(p) in CONTINUOUS else None
            f1 = float_alloc(_moved(p, STEP), "optimum") if f0 is not None else None
            if f0 is None or f1 is None or f0.all_occupied or f1.all_occupied:
                out.append(float("nan"))
                continue
            try:
                from .structure_numeric import _FloatView
                rate = _statics(p, _FloatView(f0), _FloatView(f1), STEP, float, math.log)[0]
            except (ArithmeticError, ValueError):
                rate = float("nan")
            out.append(rate if math.isfinite(rate) else float("nan"))
        return out

    return NumericClaim(
        space=None, hypotheses=lambda p: site_kind(p) in CONTINUOUS and p["occupancy"] == "interior",
        evaluate=evaluate, screen=screen,
        conclusion="Proposition 1 (iii): re-solving the optimum at N (1 + h), the margin a_* falls and the city on "
                   "every test site above it grows",
        hypotheses_text="a continuous distribution G (Lemma 2's: the homogeneous margin is the one site, a discrete "
                        "margin moves by whole cities) with a_* > a_lower at N and at N (1 + h), any Phi region",
        case=lambda p: site_kind(p), absent="the optimum occupies every site at N or N (1 + h), or was not found",
        sample_size=1)


def urban_statics(s: Settings) -> Outcome:
    """Proposition 1 (iii) over the shared pool."""
    return run_on_pool(_urban_statics_claim(), s)
