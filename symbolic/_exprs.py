"""The one conversion of arguments into SymPy objects in the public API: no text.

`sympy.sympify` of a string parses it with `eval`-like machinery and runs the Python code it
contains, so the public functions take SymPy objects (and plain numbers) only. Text must go
through the restricted parser `numeric.expressions.parse_expression`.
"""
from __future__ import annotations

import sympy as sp

__all__ = ["as_expr"]


def as_expr(obj, what: str = "expr"):
    """`obj` as a SymPy object (strict conversion: ints, Fractions, mpmath numbers, SymPy
    objects and containers of them); text raises TypeError pointing at the safe parser."""
    if isinstance(obj, (str, bytes)):
        raise TypeError(f"{what}: expected a SymPy expression, got text {obj[:40]!r}; parse text with "
                        "numeric.expressions.parse_expression (text is never passed to sympify)")
    try:
        return sp.sympify(obj, strict=True)
    except sp.SympifyError:
        raise TypeError(f"{what}: expected a SymPy expression or a number, got {type(obj).__name__}") from None
