"""High-precision evaluation and solvers (mpmath, python-flint Arb)."""
from .precision import (InexactInputWarning, InvalidParameter, agreed_digits, confirmed,
                        decimal_string, exact, to_mpf, working_precision)

__all__ = ["InexactInputWarning", "InvalidParameter", "agreed_digits", "confirmed",
           "decimal_string", "exact", "to_mpf", "working_precision"]
