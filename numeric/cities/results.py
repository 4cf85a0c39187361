"""Result records of the city-system solvers and the checks of their defining conditions."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import mpmath
import sympy as sp

from symbolic import cities as sc
from symbolic.lambdas import numeric_lambda
from numeric.precision import fmt, to_mpf
from .params import CityParams

__all__ = ["Aggregates", "CityAllocation", "implicit_solution_residual", "fmt"]


@lru_cache(maxsize=None)
def _implicit(name: str):
    """The right sides of (15) (in x, k_*) and (23) (in y, k_m) from symbolic.cities."""
    if name == "optimum":
        return numeric_lambda(sc.optimal_size_implicit_solution(), [sc.x, sc.k_star, sc.epsilon, sc.gamma],
                              "mpmath", "(15)")
    return numeric_lambda(sc.free_migration_implicit_solution(), [sc.y, sc.k_m, sc.epsilon, sc.gamma],
                          "mpmath", "(23)")


def implicit_solution_residual(p: CityParams, name: str, a, n, a_m, k) -> mpmath.mpf:
    """|(a/a_m)^(gamma/(gamma-eps)) - RHS| / LHS with the RHS of (15) or (23) evaluated at
    x = n/n_i(a) or y = n/n_p(a) (sites a/c with the cost scale c) and the margin ratio k."""
    e, g, c = to_mpf(p.epsilon), to_mpf(p.gamma), to_mpf(p.cost_scale)
    scale = mpmath.power(e * a / (g * c), 1 / (g - e))
    if name != "optimum":
        scale *= mpmath.power(to_mpf(p.exact_Phi()), 1 / (g - e))
    lhs = mpmath.power(a / a_m, g / (g - e))
    rhs = _implicit(name)(n / scale, k, e, g)
    return abs(lhs - rhs) / lhs


@dataclass
class Aggregates:
    """What a solver hands to the result: totals, margin, sizes, and condition residuals."""

    population: mpmath.mpf
    output: mpmath.mpf
    costs: mpmath.mpf
    margin_site: mpmath.mpf
    margin_ratio: mpmath.mpf
    corner: bool
    smallest: mpmath.mpf
    largest: mpmath.mpf
    min_wage: mpmath.mpf
    grid: list | None
    size_of: Callable | None
    measure: mpmath.mpf | None
    count: int | None
    sizes: list | None
    site_values: list | None
    conditions: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


@dataclass
class CityAllocation:
    """One allocation of abrs2017 Section 3 at the working precision.

    margin_site: a_*, a_p or a_m (the worst developed site). margin_ratio: n(a_m)/n_i(a_m) for
    the optimum (k_*), n(a_m)/n_p(a_m) for free migration (k) and local politics. mu: the
    common smb (optimum, mu_*), the common pab (free migration, mu_m), or the pab of the margin
    city (local politics). sizes: every city's population, best site first (discrete sites);
    for continuous sites `size_of(a)` gives n(a) and `grid` (a, n(a)) pairs for display.
    land_value_ratio: gamma c sum/int n^(1+gamma) / (eps sum/int a n^(1+eps)), the vbar of
    (17), Proposition 2 (vi) and (25). conditions: the residual of each defining condition
    (relative: benefits in units of the city's urban cost per head c n^gamma, populations in
    units of the total); residual is their maximum. agreed_digits: significant digits on which
    the reported numbers agree with a re-solve at twice the precision.
    """

    allocation: str
    closure: str
    sites: str
    margin_site: mpmath.mpf
    margin_ratio: mpmath.mpf
    all_sites_occupied: bool
    mu: mpmath.mpf
    urban_population: mpmath.mpf
    rural_population: mpmath.mpf | None
    number_of_cities: int | None
    measure_of_cities: mpmath.mpf | None
    sizes: list | None
    site_values: list | None
    grid: list | None
    size_of: Callable | None
    largest_city: mpmath.mpf
    smallest_city: mpmath.mpf
    welfare_per_capita: mpmath.mpf
    output_per_capita: mpmath.mpf
    mean_wage: mpmath.mpf
    min_wage: mpmath.mpf
    land_value_ratio: mpmath.mpf
    urban_output: mpmath.mpf
    urban_costs: mpmath.mpf
    rural: dict | None
    conditions: dict
    residual: mpmath.mpf
    dps: int
    agreed_digits: int | None = None
    extra: dict = field(default_factory=dict)

    def key_numbers(self) -> list:
        """The numbers compared across precisions (agreed_digits)."""
        out = [self.mu, self.margin_site, self.margin_ratio, self.urban_population, self.smallest_city,
               self.welfare_per_capita, self.output_per_capita, self.mean_wage, self.min_wage,
               self.land_value_ratio]
        if self.largest_city != mpmath.inf:
            out.append(self.largest_city)
        if self.measure_of_cities is not None:
            out.append(self.measure_of_cities)
        if self.rural_population is not None and self.rural_population > 0:
            out.append(self.rural_population)
        if self.sizes is not None:
            out += list(self.sizes)
        return out

    def to_dict(self) -> dict:
        d = self.dps
        out = {"allocation": self.allocation, "closure": self.closure, "sites": self.sites,
               "margin_site": fmt(self.margin_site, d), "margin_ratio": fmt(self.margin_ratio, d),
               "all_sites_occupied": self.all_sites_occupied, "mu": fmt(self.mu, d),
               "urban_population": fmt(self.urban_population, d)}
        if self.rural_population is not None:
            out["rural_population"] = fmt(self.rural_population, d)
        if self.number_of_cities is not None:
            out["number_of_cities"] = str(self.number_of_cities)
        if self.measure_of_cities is not None:
            out["measure_of_cities"] = fmt(self.measure_of_cities, d)
        out["largest_city"] = fmt(self.largest_city, d)
        out["smallest_city"] = fmt(self.smallest_city, d)
        if self.sizes is not None:
            out["sizes"] = [fmt(n, d) for n in self.sizes]
            out["site_productivities"] = [fmt(a, d) for a in self.site_values]
        else:
            out["sizes"] = [{"a": fmt(a, d), "n": fmt(n, d)} for a, n in self.grid]
        out.update({"welfare_per_capita": fmt(self.welfare_per_capita, d),
                    "output_per_capita": fmt(self.output_per_capita, d),
                    "mean_wage": fmt(self.mean_wage, d), "min_wage": fmt(self.min_wage, d),
                    "land_value_ratio": fmt(self.land_value_ratio, d),
                    "urban_output": fmt(self.urban_output, d), "urban_costs": fmt(self.urban_costs, d)})
        if self.rural is not None:
            out["rural"] = {k: fmt(v, d) for k, v in self.rural.items()}
        out.update({k: (fmt(v, d) if isinstance(v, mpmath.mpf) else v) for k, v in self.extra.items()})
        out["conditions"] = {k: fmt(v, 5) for k, v in self.conditions.items()}
        out["residual"] = fmt(self.residual, 5)
        out["agreed_digits"] = self.agreed_digits
        out["dps"] = self.dps
        return out
