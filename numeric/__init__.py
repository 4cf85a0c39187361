"""High-precision evaluation and solvers (mpmath, python-flint Arb).

Submodules: `numeric.precision` (exact inputs, precision control; re-exported here),
`numeric.clusters` (hs2012 solvers), `numeric.expressions` (the restricted parser for
user-supplied g_i and c(N)). Import the solvers as `from numeric import clusters`.
"""
from .precision import (InexactInputWarning, InvalidParameter, agreed_digits, confirmed,
                        decimal_string, exact, to_mpf, working_precision)

__all__ = ["InexactInputWarning", "InvalidParameter", "agreed_digits", "confirmed",
           "decimal_string", "exact", "to_mpf", "working_precision"]
