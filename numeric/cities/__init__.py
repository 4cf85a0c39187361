"""High-precision city-system solvers for Albouy, Behrens, Robert-Nicoud & Seegert (2017), "The
optimal distribution of population across cities" (abrs2017), Section 3.

Model (Section 2): a site of productivity a with a city of n people produces a n^(1+eps) and bears
urban costs c n^(1+gamma) (c is the cost scale; c = 1 is the paper's normalisation, footnote
10); sab = a n^eps - c n^gamma, smb (1), pab (2) and the scales n_i(a), n_p(a) of (3) carry the
factor c, i.e. every formula holds with a replaced by a/c and benefits multiplied by c.

Allocations (each a function returning a `CityAllocation`; see `CityAllocation` for fields):

- `optimum`: equal smb = mu_* on occupied sites (10); interior margin at the efficient scale,
  k_* = 1 (11)/(13); when every site is needed the lowest site fills with k_* >= 1 (A-3).
- `local_politics`: every city at n_p(a) (Lemma 1), the best sites first (Proposition 2).
- `free_migration`: equal pab = mu_m (18); the margin city at k_m n_p(a_m) (21), k_m = 1 or a
  given k_m; when every site is needed the lowest site fills with k >= k_m.

Closure: a fixed urban population N (`urban_population`), or a `RuralSector` (6) with total
population Nbar: the optimum sets mu_* = F'(N^R) (9), free migration u_m = u^R(N^R) (19) with
u_m = mu_m + T, and local politics forms a new city (at n_p) on the next site while its pab_p is
at least u^R - T. The CES technology uses the exponent (sigma-1)/sigma
(symbolic.cities.model.rural_output(exponent="textbook")) so that sigma is the elasticity of
substitution; the exponent (1-sigma)/sigma printed in (6) gives sigma/(2 sigma - 1) instead, a
misprint.

Sites (`numeric.distributions`): continuous distributions (Pareto, truncated Pareto,
log-normal, uniform) use the implicit solutions (15) and (23), explicit for a as a function of
v = (n/n_i)^(gamma-eps) (resp. (n/n_p)^(gamma-eps)), so integrals over a are done in v with the
Jacobian da/dv and no root-finding inside the quadrature; a homogeneous site measure is solved in
closed form; discrete site lists choose an integer number of cities by each allocation's rule
(`numeric.cities.discrete`). A population the sites cannot host (every site at the size where
the common benefit is zero; for local politics, every site at n_p), no site worth developing,
or no stable margin city raise `AllocationDoesNotExist` (a ValueError) with a one-line message.

Parameters are validated at entry (`city_parameters`): 0 < eps < gamma, delta < 1,
1 + rho gamma > 0, Phi > 0 (3), c > 0, N > 0, 1 <= k_m < (gamma/eps)^(1/(gamma-eps)); a Pareto
shape must exceed (1+gamma)/(gamma-eps) for output and costs to be finite. Violations raise
`numeric.precision.InvalidParameter` naming the parameter, its value and the constraint.
"""
from .params import (AllocationDoesNotExist, CityParams, CitySolveError, NoConvergence, RuralSector,
                     as_city_params, city_parameters, rural_sector)
from .results import CityAllocation
from .solvers import (efficient_scale, free_migration, local_politics, optimum, private_efficient_scale,
                      solve_allocation)
from ._kernel import ALLOCATIONS

__all__ = [
    # parameters and errors
    "CityParams", "RuralSector", "city_parameters", "as_city_params", "rural_sector",
    "CitySolveError", "AllocationDoesNotExist", "NoConvergence",
    # allocations (Section 3)
    "optimum", "local_politics", "free_migration", "solve_allocation", "ALLOCATIONS", "CityAllocation",
    # Lemma 1 scales
    "efficient_scale", "private_efficient_scale",
]
