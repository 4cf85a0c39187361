"""The public solvers: optimum, local politics, free migration (abrs2017 Section 3).

Each takes the parameters (a `CityParams` or a mapping of exact values) and the sites (a
`numeric.distributions` distribution or its JSON form), solves at `dps` significant digits
(internally dps + GUARD), re-solves at twice the precision, and returns a `CityAllocation`
whose `agreed_digits` counts the digits on which the two agree.
"""
from __future__ import annotations

import mpmath
import sympy as sp

from numeric.distributions import ContinuousSites, DiscreteSites, Homogeneous, site_distribution
from numeric.precision import InvalidParameter, agreed_digits, decimal_string, exact, to_mpf, check_dps
from ._kernel import ALLOCATIONS, Rule, time_budget
from .continuous import LOW_DPS, ContinuousSolver, HomogeneousSolver
from .discrete import DiscreteSolver
from .params import CityParams, NoConvergence, as_city_params
from .results import Aggregates, CityAllocation

__all__ = ["optimum", "local_politics", "free_migration", "solve_allocation", "efficient_scale",
           "private_efficient_scale", "GUARD"]

GUARD = 15  # extra digits carried inside every solve


def _check_dps(dps) -> int:
    """The requested working precision, within numeric.precision's [MIN_DPS, MAX_DPS]."""
    return check_dps(dps)


def efficient_scale(params, a, dps: int = 50) -> mpmath.mpf:
    """n_i(a) = (eps a/(gamma c))^(1/(gamma-eps)), eq. (3) with the cost scale c."""
    p = as_city_params(params)
    with mpmath.workdps(_check_dps(dps) + GUARD):
        out = Rule(p, "optimum").scale(_site(a))
    return +out


def private_efficient_scale(params, a, dps: int = 50) -> mpmath.mpf:
    """n_p(a) = n_i(a) Phi^(1/(gamma-eps)), eq. (3) with the cost scale c."""
    p = as_city_params(params)
    with mpmath.workdps(_check_dps(dps) + GUARD):
        out = Rule(p, "local-politics").scale(_site(a))
    return +out


def _site(a) -> mpmath.mpf:
    q = exact(a, "a")
    if q <= 0:
        raise InvalidParameter("a", decimal_string(q), "must be > 0")
    return to_mpf(q)


def _compute(p: CityParams, dist, name: str, dps: int, hint=None) -> tuple[CityAllocation, object]:
    """One solve at the current precision (dps + GUARD); returns (result, hint for a re-solve)."""
    if isinstance(dist, DiscreteSites):
        solver = DiscreteSolver(p, dist, name, dps)
        agg, mu, NR, K = solver.aggregates_at(hint)
        return _build(p, dist, name, agg, mu, NR, dps), K
    if isinstance(dist, Homogeneous):
        agg, mu, NR = HomogeneousSolver(p, dist, name, dps).aggregates_at()
        return _build(p, dist, name, agg, mu, NR, dps), None
    solver = ContinuousSolver(p, dist, name, dps)
    if hint is None:
        with mpmath.workdps(LOW_DPS):
            low = ContinuousSolver(p, dist, name, dps)
            hint = low.solve_fixed(to_mpf(p.urban_population)) if p.rural is None else low.solve_rural()
    if p.rural is None:
        mu, full = solver.solve_fixed(to_mpf(p.urban_population), guess=mpmath.mpf(hint)), False
    else:
        mu, full = solver.solve_rural(guess=(mpmath.mpf(hint[0]), hint[1]))
    agg = solver.aggregates_at(mu)
    NR = None
    if p.rural is not None:
        NR = mpmath.mpf(0) if full else to_mpf(p.rural.total_population) - agg.population
    return _build(p, dist, name, agg, mu, NR, dps), (mu if p.rural is None else (mu, full))


def _build(p: CityParams, dist, name: str, agg: Aggregates, mu, NR, dps: int) -> CityAllocation:
    e, g = to_mpf(p.epsilon), to_mpf(p.gamma)
    N = agg.population
    W = agg.output - agg.costs
    conds = dict(agg.conditions)
    rural = None
    if p.rural is None:
        target = to_mpf(p.urban_population)
        conds["adding up (7)"] = abs(N - target) / target
        welfare, output = W / N, agg.output / N
    else:
        R = p.rural
        Nbar = to_mpf(R.total_population)
        F = R.output(NR) if NR > 0 else R._output_at_zero()
        welfare, output = (W + F) / Nbar, (agg.output + F) / Nbar
        rural = {"output": F, "total_population": Nbar}
        if NR > 0:
            rural.update({"wage": R.wage(NR), "private_benefit": R.private_benefit(NR)})
        conds["adding up (7)"] = abs(N + NR - Nbar) / Nbar
        what = {"optimum": "mu_* = F'(N^R) (9)", "free-migration": "u_m = u^R (19)",
                "local-politics": "margin city's pab_p = u^R - T"}[name]
        level = _rural_level(p, name, NR)
        rural["benefit_level"] = level
        if name == "local-politics" and isinstance(dist, DiscreteSites):
            pass  # an integer margin: the discrete solver reports its own inequality
        elif NR > 0 and not (name == "local-politics" and agg.corner):
            conds[what] = abs(mu - level) / abs(mu)
        else:  # a corner: complementary slackness, mu >= b
            conds[what + " (corner: mu >= level)"] = max(mpmath.mpf(0), level - mu) / abs(mu)
    residual = max(conds.values(), default=mpmath.mpf(0))
    res = CityAllocation(
        allocation=name, closure=p.closure, sites=dist.kind, margin_site=agg.margin_site,
        margin_ratio=agg.margin_ratio, all_sites_occupied=bool(agg.corner), mu=mu, urban_population=N,
        rural_population=NR, number_of_cities=agg.count, measure_of_cities=agg.measure, sizes=agg.sizes,
        site_values=agg.site_values, grid=agg.grid, size_of=agg.size_of, largest_city=agg.largest,
        smallest_city=agg.smallest, welfare_per_capita=welfare, output_per_capita=output,
        mean_wage=agg.output / N, min_wage=agg.min_wage, land_value_ratio=g * agg.costs / (e * agg.output),
        urban_output=agg.output, urban_costs=agg.costs, rural=rural, conditions=conds, residual=residual, dps=dps)
    res.extra = {k: v for k, v in agg.extra.items() if not isinstance(v, list)}
    return res


def _rural_level(p, name, NR):
    if NR <= 0:
        from .continuous import _Closure
        c = _Closure()
        c.p, c.name = p, name
        return c._rural_at_zero()
    return p.rural.benefit(NR, name)[0]


def _round(result: CityAllocation, dps: int) -> CityAllocation:
    """Round every mpf field to dps digits (results are reported at the working precision)."""
    with mpmath.workdps(dps):
        for f in ("margin_site", "margin_ratio", "mu", "urban_population", "rural_population",
                  "measure_of_cities", "largest_city", "smallest_city", "welfare_per_capita",
                  "output_per_capita", "mean_wage", "min_wage", "land_value_ratio", "urban_output", "urban_costs"):
            v = getattr(result, f)
            if isinstance(v, mpmath.mpf):
                setattr(result, f, +v)
        if result.sizes is not None:
            result.sizes = [+n for n in result.sizes]
            result.site_values = [+a for a in result.site_values]
        if result.grid is not None:
            result.grid = [(+a, +n) for a, n in result.grid]
        if result.rural is not None:
            result.rural = {k: +v for k, v in result.rural.items()}
    return result


def solve_allocation(params, sites, allocation: str, dps: int = 50, confirm: bool = True) -> CityAllocation:
    """The allocation `allocation` (optimum | local-politics | free-migration) at dps digits.

    With confirm (the default) the allocation is re-solved at 2*dps digits and
    `agreed_digits` set to the digits on which the two agree (see `CityAllocation.key_numbers`);
    a different integer number of cities at the two precisions gives 0.
    """
    if allocation not in ALLOCATIONS:
        raise InvalidParameter("allocation", allocation, f"must be one of {', '.join(ALLOCATIONS)}")
    dps = _check_dps(dps)
    p = as_city_params(params)
    dist = site_distribution(sites)
    if isinstance(dist, DiscreteSites) and dist.digits is not None and dps > dist.digits - 2 * GUARD:
        # Results cannot be more accurate than the sites themselves.
        raise InvalidParameter("dps", dps, f"must be <= {dist.digits - 2 * GUARD} for these sites, whose "
                                           f"productivities are computed to {dist.digits} digits")
    try:
        with time_budget(allocation):
            with mpmath.workdps(dps + GUARD):
                low, hint = _compute(p, dist, allocation, dps)
            if confirm:
                with mpmath.workdps(2 * dps + GUARD):
                    high, _ = _compute(p, dist, allocation, 2 * dps, hint)
    except (ZeroDivisionError, OverflowError) as error:
        # a backstop: arithmetic that leaves the working range is a failed solve, not a verdict
        raise NoConvergence(f"{allocation}: the solve failed in arithmetic ({type(error).__name__}) at "
                            f"{dps} digits; the parameters are far outside the scale the solver handles") from None
    if confirm:
        with mpmath.workdps(2 * dps + GUARD):
            a, b = low.key_numbers(), high.key_numbers()
            if len(a) != len(b) or low.number_of_cities != high.number_of_cities:
                digits = 0
            else:
                digits = min([dps] + [agreed_digits(x, y) for x, y in zip(a, b)])
        low.agreed_digits = digits
    res = _round(low, dps)
    res.extra["confirmed_at_dps"] = 2 * dps if confirm else None
    return res


def optimum(params, sites, dps: int = 50, confirm: bool = True) -> CityAllocation:
    """The centralized optimum (Section 3.1): equal smb = mu_* across occupied sites (10); the
    margin a_* at its efficient scale (k_* = 1, (11)/(13)) unless every site is occupied, when
    the lowest site fills with k_* >= 1; mu_* = F'(N^R) with a rural sector (9)."""
    return solve_allocation(params, sites, "optimum", dps, confirm)


def local_politics(params, sites, dps: int = 50, confirm: bool = True) -> CityAllocation:
    """The local politics allocation (Section 3.2): every occupied city at n_p(a) (3), the best
    sites first."""
    return solve_allocation(params, sites, "local-politics", dps, confirm)


def free_migration(params, sites, k_m=None, dps: int = 50, confirm: bool = True) -> CityAllocation:
    """The constrained-efficient free-migration equilibrium (Section 3.3): equal pab = mu_m (18),
    the margin city at k_m n_p(a_m) (21) (k_m from the parameters, default 1, or this
    argument), u_m = u^R - T with a rural sector (19)."""
    if k_m is not None:
        p = as_city_params(params)
        from .params import city_parameters
        params = city_parameters(p.epsilon, p.gamma, p.tau, p.rho, p.delta, p.cost_scale, p.urban_population,
                                 p.rural, k_m)
    return solve_allocation(params, sites, "free-migration", dps, confirm)
