"""Exact mathematics of the papers' models (SymPy): derivations, LaTeX, numeric lambdas.

No numbers and no I/O here; `numeric` and `proofs_check` build on it.
"""
from . import cities, clusters, latex, lambdas
from .lambdas import numeric_lambda
from .latex import latex_of

__all__ = [
    # models, one module per paper
    "clusters", "cities",
    # rendering and code generation
    "latex", "latex_of", "lambdas", "numeric_lambda",
]
