"""Numeric functions from SymPy expressions: numpy (float64), mpmath, and python-flint Arb.

Constants stay exact: rationals become `mpf(p)/mpf(q)` or `arb(p)/arb(q)` evaluated at the
caller's working precision (Arb's once per precision), so no float rounding enters a 50-digit
evaluation. The Arb backend is straight-line code generated once per expression by
`symbolic.arb_codegen` (common subexpressions once, integer powers by multiplication, shared
logs for real powers); an expression it cannot print (a Piecewise, a relation) goes
through `lambdify` with an Arb printer instead. Either way every operation is Arb's, and the
result is a ball containing the exact value at the exact points the argument balls contain.
"""
from __future__ import annotations

from typing import Callable, Sequence

import sympy as sp
from sympy.printing.pycode import MpmathPrinter, PythonCodePrinter

from ._exprs import as_expr
from .arb_codegen import Unsupported, arb_function

__all__ = ["numeric_lambda", "BACKENDS"]

BACKENDS = ("numpy", "mpmath", "arb")


class _ArbPrinter(PythonCodePrinter):
    """Python source whose every number is an Arb ball, exact where the number is rational."""

    def _print_Integer(self, expr):
        return f"arb({expr.p})"

    def _print_Rational(self, expr):
        return f"(arb({expr.p})/arb({expr.q}))"

    def _print_Float(self, expr):
        return f"arb('{expr}')"

    def _print_Pow(self, expr, rational=False):
        base, exp = expr.as_base_exp()
        if exp == sp.Rational(1, 2):
            return f"({self._print(base)}).sqrt()"
        if exp.is_Integer:  # an Arb exponent would go through exp(y log x): NaN for x < 0
            return f"({self._print(base)})**({int(exp)})"
        return f"({self._print(base)})**({self._print(exp)})"

    def _print_Function(self, expr):
        name = expr.func.__name__
        if name in ("exp", "log", "sqrt", "sin", "cos", "tan", "atan", "sinh", "cosh", "tanh"):
            return f"arb({self._print(expr.args[0])}).{name}()"
        return super()._print_Function(expr)

    def _print_Pi(self, expr):
        return "arb.pi()"

    def _print_Exp1(self, expr):
        return "arb(1).exp()"


def _arb_namespace() -> dict:
    import flint
    return {"arb": flint.arb}


def _printed_arb_lambda(expr: sp.Expr, args: list) -> Callable:
    """`lambdify` with the Arb printer: the route for what `arb_codegen` does not print (and the
    baseline of benchmarks/bench_eval.py). Rebuilds every constant on every call."""
    return sp.lambdify(args, expr, modules=[_arb_namespace()], printer=_ArbPrinter(
        {"fully_qualified_modules": False, "inline": True, "allow_unknown_functions": False,
         "user_functions": {}}))


def numeric_lambda(expr, args: Sequence[sp.Symbol], backend: str = "mpmath",
                   equation: str | None = None, cse: bool = False) -> Callable:
    """A function evaluating `expr` at the values of `args`, in the given backend.

    backend: "numpy" (vectorised float64), "mpmath" (mpf at the caller's mp.dps) or "arb"
    (python-flint balls at flint.ctx precision). The function's docstring names its arguments
    in order and the equation the expression came from. `cse` evaluates common
    subexpressions once (worth it for a gradient and Hessian sharing powers such as n**rho);
    the Arb backend always does. Arb arguments are balls (`arb(p) / q` for an exact p/q).
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend={backend!r}: must be one of {', '.join(BACKENDS)}")
    args = list(args)
    expr = as_expr(expr, "numeric_lambda")
    missing = expr.free_symbols - set(args)
    if missing:
        raise ValueError(f"args: the expression also depends on {sorted(map(str, missing))}")
    if backend == "numpy":
        fn = sp.lambdify(args, expr, modules="numpy", cse=cse)
    elif backend == "mpmath":
        fn = sp.lambdify(args, expr, modules="mpmath", printer=MpmathPrinter(
            {"fully_qualified_modules": False, "inline": True, "allow_unknown_functions": False,
             "user_functions": {}}), cse=cse)
    else:
        try:
            fn = arb_function(expr, args)
        except Unsupported:
            fn = _printed_arb_lambda(expr, args)
    source = f" from {equation}" if equation else ""
    fn.__doc__ = (f"Evaluate {expr}{source} with {backend}.\n\n"
                  f"Arguments, in order: {', '.join(map(str, args))}.")
    fn.args, fn.expr, fn.backend, fn.equation = tuple(args), expr, backend, equation
    return fn
