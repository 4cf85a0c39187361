"""High-precision evaluation and solvers (mpmath; Arb evaluation of formulas: symbolic.lambdas).

Submodules: `numeric.precision` (exact inputs, precision control; re-exported here),
`numeric.clusters` (hs2012 solvers), `numeric.expressions` (the restricted parser for
user-supplied g_i and c(N)), `numeric.distributions` (site distributions) and `numeric.cities`
(abrs2017 city-system allocations). Import the solvers as `from numeric import clusters, cities`.
"""
from .precision import (InexactInputWarning, InvalidParameter, agreed_digits, confirmed,
                        decimal_string, exact, to_mpf, working_precision)

__all__ = ["InexactInputWarning", "InvalidParameter", "agreed_digits", "confirmed",
           "decimal_string", "exact", "to_mpf", "working_precision"]
