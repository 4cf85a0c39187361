"""Interval enclosures of SymPy expressions, with exact endpoints rounded outward by Arb.

`interval_function(expr, args)` returns a function of intervals: each argument and the result is
a pair (lo, hi) of exact python-flint `arb` numbers (radius zero), and the result contains every
value of `expr` at every point of the box the arguments span. It is generated once per
expression (Python source over the helpers below, common subexpressions evaluated once).

Why not Arb's balls alone: a ball is a midpoint and a radius, and its arithmetic adds relative
radii, so a product of two positive balls as wide as [1, 3] already straddles zero
([2 +/- 1]^2 = [4 +/- 5]). Boxes of a bisection are wide; endpoint (interval) arithmetic keeps
the sign of a product of positive intervals exactly. Each endpoint operation is an Arb ball
operation at `flint.ctx.prec`, and the result's `lower()` or `upper()` is kept: every
rounding is outward, so the enclosure is rigorous at any precision.

Supported: numbers (rationals exact, pi, E), + and *, integer powers (even powers of an
interval containing 0 start at 0), constant rational powers of a nonnegative base, x**y as
exp(y log x) for a positive base, exp, log, sqrt. Division by an interval that may contain 0,
the log of an interval reaching 0, and a power of a base that may be negative give None for
the whole value (no finite enclosure); so does any helper that meets a non-finite endpoint.
"""
from __future__ import annotations

import itertools
import linecache
from typing import Callable, Sequence

import sympy as sp

__all__ = ["interval_function", "point", "span", "Unsupported"]

_counter = itertools.count()


class Unsupported(NotImplementedError):
    """The expression has a node this module has no interval rule for."""


def point(q) -> tuple:
    """The degenerate interval of an exact rational (an fmpq or int): its Arb ball's ends."""
    from flint import arb
    ball = arb(q)
    return ball.lower(), ball.upper()


def span(a, b) -> tuple:
    """The interval [a, b] of two exact rationals (fmpq or int), a <= b, rounded outward."""
    from flint import arb
    return arb(a).lower(), arb(b).upper()


# --- interval helpers (the generated code calls these) ---------------------------------------

def _add(*xs):
    if any(x is None for x in xs):
        return None
    lo, hi = xs[0]
    for a, b in xs[1:]:
        lo, hi = (lo + a).lower(), (hi + b).upper()
    return (lo, hi) if lo.is_finite() and hi.is_finite() else None


def _neg(x):
    return None if x is None else (-x[1], -x[0])


def _mul2(x, y):
    (a, b), (c, d) = x, y
    if a >= 0 and c >= 0:
        return (a * c).lower(), (b * d).upper()
    products = (a * c, a * d, b * c, b * d)
    return min(p.lower() for p in products), max(p.upper() for p in products)


def _mul(*xs):
    if any(x is None for x in xs):
        return None
    out = xs[0]
    for x in xs[1:]:
        out = _mul2(out, x)
    return out if out[0].is_finite() and out[1].is_finite() else None


def _recip(x):
    if x is None:
        return None
    a, b = x
    if a > 0 or b < 0:
        out = (1 / b).lower(), (1 / a).upper()
        return out if out[0].is_finite() and out[1].is_finite() else None
    return None


def _ipow(x, n: int):
    """x**n for an integer n."""
    if x is None:
        return None
    if n < 0:
        return _recip(_ipow(x, -n))
    if n == 0:
        from flint import arb
        return arb(1), arb(1)
    a, b = x
    pa, pb = a ** n, b ** n
    if n % 2 == 1 or a >= 0:
        return pa.lower(), pb.upper()
    if b <= 0:
        return pb.lower(), pa.upper()
    return a * 0, max(pa.upper(), pb.upper())   # an even power of an interval containing 0


def _rpow(x, c):
    """x**c for a constant non-integer rational c (an Arb ball containing it, of known sign),
    defined for x >= 0 (x > 0 if c < 0). Arb's power of balls contains x**c for every c in the
    ball, so the exponent's own rounding is covered."""
    if x is None:
        return None
    a, b = x
    if a < 0 or (c < 0 and not a > 0):
        return None
    low = a * 0 if a == 0 else a ** c
    high = b ** c
    out = (low.lower(), high.upper()) if c > 0 else (high.lower(), low.upper())
    return out if out[0].is_finite() and out[1].is_finite() else None


def _exp(x):
    if x is None:
        return None
    out = x[0].exp().lower(), x[1].exp().upper()
    return out if out[0].is_finite() and out[1].is_finite() else None


def _log(x):
    if x is None or not x[0] > 0:
        return None
    return x[0].log().lower(), x[1].log().upper()


def _sqrt(x):
    if x is None or x[0] < 0:
        return None
    return x[0].sqrt().lower(), x[1].sqrt().upper()


def _power(x, y):
    """x**y for a non-constant exponent: exp(y log x), x > 0."""
    return _exp(_mul(y, _log(x)))


# --- code generation --------------------------------------------------------------------------

class _Printer:
    def __init__(self, names: dict):
        self.names = names
        self.constants: list[str] = []
        self.keys: dict = {}

    def constant(self, number) -> str:
        """An interval name for a number, built once per call from exact pieces."""
        number = sp.nsimplify(number) if number.is_Float else number
        if number.is_Rational:
            key = ("q", int(number.p), int(number.q))
            code = (f"(_arb({key[1]}), _arb({key[1]}))" if key[2] == 1
                    else f"_span_q({key[1]}, {key[2]})")
        elif number is sp.pi:
            key, code = ("pi",), "_ball(_arb.pi())"
        elif number is sp.E:
            key, code = ("e",), "_ball(_arb(1).exp())"
        else:
            raise Unsupported(f"number {number}")
        if key not in self.keys:
            self.keys[key] = f"_c{len(self.constants)}"
            self.constants.append(f"{self.keys[key]} = {code}")
        return self.keys[key]

    def exponent(self, q) -> str:
        """The Arb ball of a rational exponent (it contains q exactly), built once per call."""
        key = ("ball", int(q.p), int(q.q))
        if key not in self.keys:
            self.keys[key] = f"_c{len(self.constants)}"
            self.constants.append(f"{self.keys[key]} = _arb({key[1]}) / {key[2]}")
        return self.keys[key]

    def __call__(self, e) -> str:
        if e in self.names:
            return self.names[e]
        if e.is_Number or e in (sp.pi, sp.E):
            if e.is_Float:
                raise Unsupported(f"a float {e} (not exact)")
            return self.constant(e)
        if e.is_Add:
            return f"_add({', '.join(self(a) for a in e.args)})"
        if e.is_Mul:
            coeff, rest = e.as_coeff_Mul()
            if coeff == -1:
                return f"_neg({self(rest)})"
            return f"_mul({', '.join(self(a) for a in e.args)})"
        if e.is_Pow:
            base, exp = e.as_base_exp()
            if exp.is_Integer:
                return f"_ipow({self(base)}, {int(exp)})"
            if exp == sp.Rational(1, 2):
                return f"_sqrt({self(base)})"
            if exp.is_Rational:
                return f"_rpow({self(base)}, {self.exponent(exp)})"
            if base is sp.E:
                return f"_exp({self(exp)})"
            return f"_power({self(base)}, {self(exp)})"
        if isinstance(e, sp.exp):
            return f"_exp({self(e.args[0])})"
        if isinstance(e, sp.log) and len(e.args) == 1:
            return f"_log({self(e.args[0])})"
        raise Unsupported(f"no interval rule for {type(e).__name__}: {e}")


def interval_function(expr, args: Sequence[sp.Symbol]) -> Callable:
    """A function of one interval per symbol of `args` (in order) enclosing `expr` over their box,
    or returning None where no finite enclosure follows (see the module docstring)."""
    expr = sp.sympify(expr)
    args = list(args)
    missing = expr.free_symbols - set(args)
    if missing:
        raise ValueError(f"args: the expression also depends on {sorted(map(str, missing))}")
    if expr.has(sp.I, sp.zoo, sp.oo, sp.nan):
        raise Unsupported("a complex or infinite constant")
    names = {a: f"_a{k}" for k, a in enumerate(args)}
    replacements, (reduced,) = sp.cse([expr], symbols=(sp.Symbol(f"_t{k}") for k in itertools.count()))
    printer = _Printer(names)
    body = []
    for temp, sub in replacements:
        code = printer(sub)
        names[temp] = str(temp)
        body.append(f"    {temp} = {code}")
    result = printer(reduced)
    name = f"_interval_{next(_counter)}"
    lines = [f"def {name}({', '.join(names[a] for a in args)}):",
             *(f"    {c}" for c in printer.constants), *body, f"    return {result}"]
    source = "\n".join(lines) + "\n"
    filename = f"<symbolic.intervals {name}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    from flint import arb

    def span_q(p: int, q: int):
        ball = arb(p) / q
        return ball.lower(), ball.upper()

    namespace = {"_arb": arb, "_span_q": span_q, "_ball": lambda b: (b.lower(), b.upper()),
                 "_add": _add, "_neg": _neg, "_mul": _mul, "_ipow": _ipow, "_rpow": _rpow,
                 "_exp": _exp, "_log": _log, "_sqrt": _sqrt, "_power": _power}
    exec(compile(source, filename, "exec"), namespace)
    fn = namespace[name]
    fn.__doc__ = (f"An interval enclosure of {expr}.\n\nArguments, in order (each a pair of exact arb "
                  f"endpoints): {', '.join(map(str, args))}.")
    fn.args, fn.expr = tuple(args), expr
    return fn
