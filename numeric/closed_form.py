"""A closed form at many exact draws: float64 over whole arrays, Arb balls per draw.

`closed_form(expr, args)` compiles an expression once per process (`symbolic.lambdas`): a numpy
function with common subexpressions hoisted, applied to whole columns of draws at once (the
float64 screen), and a straight-line Arb function (the decision). Draws are exact: rationals,
integers, `fractions.Fraction`, SymPy Rationals or decimal strings; they enter Arb as
arb(p)/q, a ball containing p/q, and numpy as the nearest double p/q (int/int true division,
correctly rounded). A Python float is refused: its binary digits are not the draw.

A sign read from a ball is certain: `signs` returns +1 or -1 where the ball at `dps` digits
excludes zero, re-evaluates the others at twice the digits, and leaves a draw undecided (None)
only where the ball still contains zero (0 where it is exactly zero). No float64 value decides
anything here.
"""
from __future__ import annotations

import fractions
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

import numpy as np
import sympy as sp

from symbolic.lambdas import numeric_lambda

__all__ = ["ClosedForm", "closed_form", "exact_pair", "arb_ball", "float_column", "float_columns"]


def exact_pair(value) -> tuple[int, int]:
    """(p, q) with value = p/q exactly, q > 0; a Python float is refused (not an exact draw)."""
    if isinstance(value, bool):
        raise TypeError(f"value={value!r}: a bool is not a number")
    if isinstance(value, int):
        return value, 1
    if isinstance(value, (sp.Rational, fractions.Fraction)):
        return (int(value.p), int(value.q)) if isinstance(value, sp.Rational) else (value.numerator, value.denominator)
    if isinstance(value, str):
        f = fractions.Fraction(value.strip())
        return f.numerator, f.denominator
    if isinstance(value, float):
        raise TypeError(f"value={value!r}: a Python float is not an exact draw; pass a decimal string "
                        "or a rational")
    raise TypeError(f"value={value!r}: expected an exact number (int, Fraction, SymPy Rational, decimal string)")


def arb_ball(value):
    """An Arb ball containing the exact `value`, at the current flint.ctx precision."""
    import flint
    p, q = exact_pair(value)
    return flint.arb(p) if q == 1 else flint.arb(p) / q


def float_column(values: Sequence) -> np.ndarray:
    """The nearest doubles to exact values (p/q by int true division, correctly rounded)."""
    try:  # SymPy Rationals, the draws' usual type: one true division each
        return np.fromiter((v.p / v.q for v in values), float, len(values))
    except AttributeError:
        pass
    out = np.empty(len(values))
    for k, v in enumerate(values):
        p, q = exact_pair(v)
        out[k] = p / q
    return out


def float_columns(draws: Sequence[Sequence]) -> list[np.ndarray]:
    """Columns of doubles from rows of exact values (one row per draw, in argument order)."""
    if not draws:
        return []
    return [float_column([row[j] for row in draws]) for j in range(len(draws[0]))]


@dataclass(frozen=True, eq=False)
class ClosedForm:
    """`expr` in `args`, compiled once: `numpy` (float64 arrays, cse) and `arb` (balls)."""

    expr: sp.Expr
    args: tuple
    equation: str | None
    numpy: Callable
    arb: Callable

    def floats(self, columns: Sequence[np.ndarray]) -> np.ndarray:
        """float64 values over whole columns (the screen: it decides nothing)."""
        with np.errstate(all="ignore"):
            out = self.numpy(*columns)
        n = len(columns[0]) if columns else 1
        return np.broadcast_to(np.asarray(out, dtype=float), (n,)).copy()

    def balls(self, draws: Sequence[Sequence], dps: int) -> list:
        """The value at each exact draw as an Arb ball computed at `dps` digits."""
        import flint
        old = flint.ctx.prec
        flint.ctx.dps = dps
        try:
            arb, f = flint.arb, self.arb
            out = []
            for row in draws:
                values = []
                for v in row:
                    p, q = (v.p, v.q) if isinstance(v, sp.Rational) else exact_pair(v)
                    values.append(arb(p) if q == 1 else arb(p) / q)
                out.append(f(*values))
            return out
        finally:
            flint.ctx.prec = old

    def signs(self, draws: Sequence[Sequence], dps: int = 50) -> list[int | None]:
        """The sign of the value at each draw where a ball excludes zero: at `dps` digits, the
        undecided ones again at 2 dps; 0 where the ball is exactly zero, None where both balls
        contain zero without being exact."""
        out: list[int | None] = [None] * len(draws)
        todo = list(range(len(draws)))
        for digits in (dps, 2 * dps):
            if not todo:
                break
            balls = self.balls([draws[k] for k in todo], digits)
            left = []
            for k, b in zip(todo, balls):
                if b > 0:
                    out[k] = 1
                elif b < 0:
                    out[k] = -1
                elif b.is_exact() and b.is_zero():
                    out[k] = 0
                else:
                    left.append(k)
            todo = left
        return out


@lru_cache(maxsize=None)
def _compiled(expr: sp.Expr, args: tuple, equation: str | None) -> ClosedForm:
    return ClosedForm(expr, args, equation, numeric_lambda(expr, args, "numpy", equation, cse=True),
                      numeric_lambda(expr, args, "arb", equation))


def closed_form(expr, args: Sequence[sp.Symbol], equation: str | None = None) -> ClosedForm:
    """`expr` (one scalar expression: a margin, a residual) compiled once per process for the
    float64 screen and the Arb decision. For tuples of expressions use `numeric_lambda`."""
    expr = sp.sympify(expr, strict=True)
    if not isinstance(expr, sp.Expr) or isinstance(expr, sp.MatrixBase):
        raise TypeError(f"expr: expected one scalar SymPy expression, got {type(expr).__name__}")
    return _compiled(expr, tuple(args), equation)
