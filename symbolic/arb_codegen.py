"""Straight-line Python source over python-flint Arb balls, generated once per expression.

`arb_function(expr, args)` turns a SymPy expression (or a nested tuple or list of them) into a
compiled Python function of Arb balls. It replaces `lambdify`'s printed source, whose cost at
50 digits is Python overhead rather than Arb arithmetic (each python-flint call costs about
0.1-0.2 us against 1 us for a real power), so the generated code saves calls:

- common subexpressions are evaluated once (`sympy.cse` over every leaf of the output);
- integer powers up to 4 are products (`x*x` is one call, `x**2` converts the exponent);
  higher ones use Arb's own integer power, never a real power (exp(y log x) is NaN for x < 0);
- each number is an Arb ball built once per working precision: integers exactly, rationals as
  arb(p)/arb(q) (never through a Python float), pi and e by Arb;
- a product's negative powers go to one denominator (one division instead of reciprocals);
- a real power x**y with y not a number shares log(x) across every power of the same base
  (x**eps and x**gamma cost one log and two exps, and (B**c)**y is exp(y c log B)), and a
  product of real powers takes one exp of the sum of their exponents times logs; where a log
  is not finite (x = 0) the function recomputes its result with Arb's own power, so a base at
  exactly 0 gives what arb_pow gives (0**y = 0 for y > 0).

Every operation is Arb's, so every output is a ball containing the exact value of `expr` at
the exact points the input balls contain, at the working precision of `flint.ctx`. A caller
turns exact rationals into balls itself (`arb(p) / q`), never through floats.
"""
from __future__ import annotations

import itertools
import keyword
import linecache
import re
from typing import Callable, Sequence

import sympy as sp

__all__ = ["arb_source", "arb_function", "Unsupported"]

_counter = itertools.count()

#: SymPy functions with an Arb method of the same meaning (x.name()).
_METHODS = {
    sp.exp: "exp", sp.log: "log", sp.sin: "sin", sp.cos: "cos", sp.tan: "tan", sp.atan: "atan",
    sp.asin: "asin", sp.acos: "acos", sp.sinh: "sinh", sp.cosh: "cosh", sp.tanh: "tanh",
    sp.asinh: "asinh", sp.acosh: "acosh", sp.atanh: "atanh", sp.erf: "erf", sp.erfc: "erfc",
    sp.gamma: "gamma", sp.loggamma: "lgamma",
}


class Unsupported(NotImplementedError):
    """The expression has a node the generator does not print (a caller then falls back)."""


def _is_name(text: str) -> bool:
    return text.isidentifier() and not keyword.iskeyword(text)


class _Emitter:
    """Prints SymPy nodes as Arb expressions, adding helper lines (temporaries, shared logs)."""

    def __init__(self, names: dict, defs: dict, share_logs: bool):
        self.names = names          # Symbol -> Python name (arguments and cse temporaries)
        self.defs = defs            # cse temporary -> its defining expression
        self.share_logs = share_logs
        self.lines: list[str] = []
        self.constants: dict[tuple, str] = {}
        self.logs: dict[sp.Expr, str] = {}
        self.held: dict[sp.Expr, str] = {}  # expression -> the name already holding it
        self.temps = itertools.count()

    # --- pieces ---------------------------------------------------------------------------

    def constant(self, number) -> str:
        if number is sp.pi:
            key = ("pi",)
        elif number is sp.E:
            key = ("e",)
        elif number is sp.EulerGamma:
            key = ("euler",)
        elif number.is_Rational:
            key = ("q", int(number.p), int(number.q))
        elif number.is_Float:
            q = sp.Rational(number)  # the Float's exact binary value
            key = ("q", int(q.p), int(q.q))
        else:
            raise Unsupported(f"the number {number}")
        if key not in self.constants:
            self.constants[key] = f"_k{len(self.constants)}"
        return self.constants[key]

    def atom(self, text: str) -> str:
        """A name holding `text` (a temporary when it is a compound expression)."""
        if _is_name(text):
            return text
        name = f"_u{next(self.temps)}"
        self.lines.append(f"{name} = {text}")
        return name

    def held_name(self, e: sp.Expr) -> str:
        """A name holding the value of `e`, computed once however often it is asked for."""
        if e not in self.held:
            self.held[e] = self.atom(self.emit(e))
        return self.held[e]

    def integer_power(self, base: sp.Expr, k: int) -> str:
        b = self.held_name(base)
        if k == 1:
            return b
        if k == 2:
            return f"({b}*{b})"
        if k == 3:
            return f"({b}*{b}*{b})"
        if k == 4:
            s = self.atom(f"{b}*{b}")
            return f"({s}*{s})"
        return f"({b}**{k})"

    def log_of(self, base: sp.Expr) -> sp.Symbol:
        """A symbol (printed as a name) holding log(base); log(B**c) = c log(B) for a base
        defined as B**c, printed as a product (c = 1/(gamma-eps) costs one division)."""
        if base in self.logs:
            return self.logs[base]
        inner = self.defs.get(base, base)
        if inner.is_Pow and not inner.exp.is_Number:
            text = self.emit(sp.Mul(inner.exp, self.log_of(inner.base)))
        else:
            text = f"{self.held_name(base)}.log()"
        name = f"_l{len(self.logs)}"
        self.lines.append(f"{name} = {text}")
        symbol = sp.Dummy(name)
        self.names[symbol] = name
        self.logs[base] = symbol
        return symbol

    # --- nodes ----------------------------------------------------------------------------

    def emit(self, e: sp.Expr) -> str:
        if e.is_Symbol:
            if e not in self.names:
                raise Unsupported(f"the free symbol {e}")
            return self.names[e]
        if e.is_Number or e in (sp.pi, sp.E, sp.EulerGamma):
            if e.is_Number and not e.is_finite:
                raise Unsupported(f"the non-finite number {e}")
            if e.is_Rational and e < 0:
                return f"(-{self.constant(-e)})"
            return self.constant(e)
        if e.is_Add:
            return self.add(e)
        if e.is_Mul:
            return self.mul(e)
        if e.is_Pow:
            return self.power(e)
        if isinstance(e, sp.Abs):
            return f"abs({self.emit(e.args[0])})"
        if e.func in _METHODS:
            return f"{self.held_name(e.args[0])}.{_METHODS[e.func]}()"
        raise Unsupported(f"{type(e).__name__} ({e})")

    def add(self, e: sp.Expr) -> str:
        plus, minus = [], []
        for term in e.as_ordered_terms():
            c, rest = term.as_coeff_Mul()
            if c.is_negative:
                minus.append(self.emit(-term))
            else:
                plus.append(self.emit(term))
        if not plus:
            return "(-(" + " + ".join(minus) + "))"
        return "(" + " + ".join(plus) + "".join(f" - {m}" for m in minus) + ")"

    def mul(self, e: sp.Expr) -> str:
        c, factors = e.as_coeff_mul()
        if c.is_negative:
            return f"(-{self.emit(-e)})"
        num, den = [], []
        real = [f for f in factors if f.is_Pow and not f.exp.is_Number] if self.share_logs else []
        if len(real) >= 2:  # x**eps * y**gamma = exp(eps log x + gamma log y): one exp
            exponent = sp.Add(*[f.exp * self.log_of(f.base) for f in real])
            num.append(f"{self.atom(self.emit(exponent))}.exp()")
            factors = [f for f in factors if f not in real]
        for f in factors:
            if f.is_Pow and f.exp.is_Rational and f.exp.is_negative:
                den.append(self.emit(sp.Pow(f.base, -f.exp, evaluate=False)) if f.exp != -1
                           else self.emit(f.base))
            else:
                num.append(self.emit(f))
        if c != 1:
            num.insert(0, self.constant(c))
        top = "*".join(num) if num else self.constant(sp.Integer(1))
        if not den:
            return f"({top})"
        return f"({top}/{den[0]})" if len(den) == 1 else f"({top}/({'*'.join(den)}))"

    def power(self, e: sp.Expr) -> str:
        base, x = e.base, e.exp
        if x.is_Integer:
            k = int(x)
            if k >= 0:
                return self.integer_power(base, k) if k else self.constant(sp.Integer(1))
            return f"({self.constant(sp.Integer(1))}/{self.integer_power(base, -k)})"
        if x == sp.Rational(1, 2):
            return f"{self.held_name(base)}.sqrt()"
        if x == sp.Rational(-1, 2):
            return f"{self.held_name(base)}.rsqrt()"
        if x.is_Number:
            return f"({self.held_name(base)}**{self.constant(x)})"
        if self.share_logs:
            return f"{self.atom(self.emit(sp.Mul(x, self.log_of(base))))}.exp()"
        return f"({self.held_name(base)}**{self.held_name(x)})"


def _leaves(expr):
    """(flat list of scalar expressions, a rebuild(texts) -> Python source of the structure)."""
    if isinstance(expr, (sp.Tuple, tuple, list)):
        parts = [_leaves(item) for item in expr]
        flat = [leaf for leaves, _ in parts for leaf in leaves]

        def rebuild(texts):
            out, i = [], 0
            for leaves, build in parts:
                out.append(build(texts[i:i + len(leaves)]))
                i += len(leaves)
            inner = ", ".join(out) + ("," if len(out) == 1 else "")
            return f"({inner})" if not isinstance(expr, list) else f"[{', '.join(out)}]"
        return flat, rebuild
    if isinstance(expr, sp.MatrixBase) or not isinstance(expr, sp.Expr):
        raise Unsupported(f"an output of type {type(expr).__name__}")
    return [expr], lambda texts: texts[0]


def _names(args: Sequence[sp.Symbol]) -> dict:
    names, used = {}, set()
    for k, s in enumerate(args):
        text = str(s)
        if not _is_name(text) or text.startswith("_") or text in used or text in ("arb", "abs"):
            text = f"_arg{k}"
        names[s] = text
        used.add(text)
    return names


def arb_source(expr, args: Sequence[sp.Symbol], name: str = "f", share_logs: bool = True
               ) -> tuple[str, dict]:
    """(Python source of `def name(*args)` over Arb balls, {constant name: its exact value}).

    Raises `Unsupported` for a node it does not print (Piecewise, relations, matrices, ...)."""
    args = list(args)
    flat, rebuild = _leaves(expr)
    temps = sp.numbered_symbols("_t", cls=sp.Dummy)
    replacements, reduced = sp.cse(flat, symbols=temps, order="canonical")
    names = _names(args)
    defs = {}
    for k, (sym, value) in enumerate(replacements):
        names[sym] = f"_t{k}"
        defs[sym] = value
    emitter = _Emitter(names, defs, share_logs)
    for sym, value in replacements:
        text = emitter.emit(value)
        emitter.lines.append(f"{names[sym]} = {text}")
        emitter.held[sym] = names[sym]
    out = rebuild([emitter.emit(leaf) for leaf in reduced])
    lines = _live(emitter.lines, out)
    used = set(_TOKEN.findall(" ".join(lines) + " " + out))
    constants = {name: key for key, name in emitter.constants.items() if name in used}
    params = ", ".join(names[s] for s in args)
    body = []
    if constants:
        body.append(f"{', '.join(constants)}{',' if len(constants) == 1 else ''} = _constants(_ctx.prec)")
    body += lines
    body.append(f"return {out}")
    source = f"def {name}({params}):\n" + "".join(f"    {line}\n" for line in body)
    return source, constants


_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _live(lines: list[str], out: str) -> list[str]:
    """The assignments `out` needs, in order (a temporary whose every use went through a shared
    log, such as n = B**c when only n**eps and n**gamma are used, is dropped)."""
    needed = set(_TOKEN.findall(out))
    kept = []
    for line in reversed(lines):
        name, text = line.split(" = ", 1)
        if name in needed:
            kept.append(line)
            needed |= set(_TOKEN.findall(text))
    return kept[::-1]


def _constant_table(keys: list[tuple]) -> Callable:
    """prec -> the tuple of constant balls at that precision (built once per precision)."""
    import flint
    arb = flint.arb
    cache: dict[int, tuple] = {}

    def build(key):
        if key[0] == "pi":
            return arb.pi()
        if key[0] == "e":
            return arb.const_e()
        if key[0] == "euler":
            return arb.const_euler()
        _, p, q = key
        return arb(p) if q == 1 else arb(p) / arb(q)

    def constants(prec: int) -> tuple:
        table = cache.get(prec)
        if table is None:
            table = cache[prec] = tuple(build(k) for k in keys)
        return table
    return constants


def _compile(source: str, name: str, namespace: dict) -> Callable:
    filename = f"<arb-function-{next(_counter)}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)
    return namespace[name]


def arb_function(expr, args: Sequence[sp.Symbol]) -> Callable:
    """The compiled function of `arb_source` (arguments: Arb balls in the order of `args`).

    With shared logs, a result that is not finite (a log of a base at 0) is recomputed by the
    same source with Arb's own real power, so the output is finite wherever arb_pow's is."""
    import flint
    fast_src, constants = arb_source(expr, args, "fast", share_logs=True)
    plain_src, plain_constants = arb_source(expr, args, "plain", share_logs=False)
    if fast_src.replace("fast(", "plain(", 1) == plain_src:  # no real power: one function
        ns = {"_constants": _constant_table(list(constants.values())), "_ctx": flint.ctx}
        fn = _compile(plain_src, "plain", ns)
        fn.source = plain_src
        return fn
    fast = _compile(fast_src, "fast", {"_constants": _constant_table(list(constants.values())), "_ctx": flint.ctx})
    plain = _compile(plain_src, "plain", {"_constants": _constant_table(list(plain_constants.values())),
                                          "_ctx": flint.ctx})
    flat_len = len(_leaves(expr)[0])
    if flat_len == 1 and not isinstance(expr, (sp.Tuple, tuple, list)):
        def function(*values):
            out = fast(*values)
            return out if out.is_finite() else plain(*values)
    else:
        def function(*values):
            out = fast(*values)
            return out if all(v.is_finite() for v in _flatten(out)) else plain(*values)
    function.source = fast_src + "\n" + plain_src
    function.__wrapped__ = fast
    return function


def _flatten(out):
    if isinstance(out, (tuple, list)):
        for item in out:
            yield from _flatten(item)
    else:
        yield out
