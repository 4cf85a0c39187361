"""A restricted parser for model expressions given as text (PARAMS.json fields, CLI arguments).

Text is never handed to `eval`, `exec` or `sympify` (both of which execute Python code). It is
tokenized here and parsed by a small recursive-descent parser over a whitelist, and the SymPy
expression is built node by node from the symbols of `symbolic.clusters`.

Admitted:

- numbers: integers and decimals (``3``, ``0.25``, ``.5``), each an exact SymPy Rational
  (no exponent notation: write ``10**-3``);
- the operators ``+ - * / **``, parentheses, unary ``+`` and ``-`` (``-x**2`` is ``-(x**2)``
  and ``**`` groups to the right, as in Python);
- the functions ``exp``, ``log`` (natural) and ``sqrt``, each of one argument;
- the model's symbols:

  ==================  ================================================================
  text                 symbol
  ==================  ================================================================
  ``n_1`` .. ``n_I``   employment by type (g_i only; k from 1 to I)
  ``N``                city population (the cost function c(N) only)
  ``alpha`` ``beta``   the (A.1) parameters alpha, beta, gamma and the commuting cost t
  ``gamma`` ``t``
  ``theta_i_s``        theta^i_s (industry i affected, worker type s), 1 <= i, s <= I
  ==================  ================================================================

Anything else (other names, ``_``-prefixed names, attribute access ``.``, brackets, commas,
strings, ``^``, lambda, ...) raises a `ValueError` that names the offending token and its
position, counted in characters from 0.

Limits against expressions that would exhaust time or memory (every solver differentiates
the expression and evaluates it thousands of times): at most 2,000 characters, 30 levels of
nesting, 300 operations (nodes of the expression tree), 100 digits per number, numeric
exponents of magnitude at most 50, a polynomial degree of at most 50 in the model's variables
(counting a numeric power of a variable by its exponent), and numeric powers of at most 10,000
digits, constants of size at most 1e100 (``exp`` of a constant in [-230, 230]), and no exponential
inside an exponential (``exp(exp(n_1))``: its values outgrow any
working precision). The value must be real: an expression with an imaginary constant (``sqrt(-1)``,
``log(-2)``) is refused.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

import sympy as sp

from symbolic.clusters import N, alpha, beta, gamma, n, t, theta

__all__ = ["parse_expression", "parse_output", "parse_cost", "allowed_names"]

MAX_LENGTH = 2_000
MAX_DEPTH = 30
MAX_NODES = 300
MAX_DIGITS = 100
MAX_EXPONENT = 50
MAX_DEGREE = 50
MAX_RESULT_DIGITS = 10_000
MAX_EXP_ARGUMENT = 230  # exp(230) < 1e100, the input bound of numeric.precision

_FUNCTIONS = {"exp": sp.exp, "log": sp.log, "sqrt": sp.sqrt}
_PARAMETERS = {"alpha": alpha, "beta": beta, "gamma": gamma, "t": t}
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<number>\d+(?:\.\d*)?|\.\d+)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\*\*|[-+*/()])
""", re.VERBOSE | re.ASCII)


@dataclass(frozen=True)
class _Token:
    kind: str   # "number", "name", "op", "end"
    text: str
    pos: int


def allowed_names(I: int, variables: Iterable[str] = ("n",)) -> dict[str, sp.Symbol]:
    """The symbol names the parser admits for I industries, mapped to their SymPy symbols.

    `variables` picks the model variables: "n" for n_1..n_I, "N" for the city population.
    """
    names: dict[str, sp.Symbol] = dict(_PARAMETERS)
    names.update({f"theta_{i}_{s}": theta(i, s) for i in range(1, I + 1) for s in range(1, I + 1)})
    if "n" in variables:
        names.update({f"n_{k}": nk for k, nk in enumerate(n(I), start=1)})
    if "N" in variables:
        names["N"] = N
    return names


def _tokens(text: str) -> Iterator[_Token]:
    """Tokens of `text` in order, lazily: the first offending token is the one reported."""
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            hint = "; write powers with **" if text[pos] == "^" else ""
            raise ValueError(f"unexpected character {text[pos]!r} at position {pos} in {_quoted(text)}{hint}")
        if m.lastgroup != "space":
            yield _Token(m.lastgroup, m.group(), pos)
        pos = m.end()
    yield _Token("end", "", len(text))


class _Parser:
    def __init__(self, text: str, names: dict[str, sp.Symbol]):
        self.text, self.names = text, names
        self.stream = _tokens(text)
        self.next: _Token | None = None
        self.depth = 0

    # helpers: tokens are read only when the grammar asks for them
    def peek(self) -> _Token:
        if self.next is None:
            self.next = next(self.stream)
        return self.next

    def take(self) -> _Token:
        token = self.peek()
        if token.kind != "end":
            self.next = None
        return token

    def fail(self, token: _Token, what: str) -> ValueError:
        shown = repr(token.text) if token.kind != "end" else "end of text"
        return ValueError(f"{what}: {shown} at position {token.pos} in {_quoted(self.text)}")

    def expect(self, op: str) -> None:
        token = self.take()
        if token.kind != "op" or token.text != op:
            raise self.fail(token, f"expected {op!r}")

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(token, f"nesting deeper than {MAX_DEPTH} levels")

    # grammar
    def parse(self) -> sp.Expr:
        value = self.sum()
        token = self.peek()
        if token.kind != "end":
            raise self.fail(token, "unexpected token (an operator was expected)")
        return value

    def sum(self) -> sp.Expr:
        value = self.product()
        while self.peek().kind == "op" and self.peek().text in "+-":
            op = self.take().text
            rhs = self.product()
            value = value + rhs if op == "+" else value - rhs
        return value

    def product(self) -> sp.Expr:
        value = self.unary()
        while self.peek().kind == "op" and self.peek().text in ("*", "/"):
            token = self.take()
            rhs = self.unary()
            if token.text == "*":
                value = value * rhs
            else:
                if rhs == 0:
                    raise self.fail(token, "division by zero")
                value = value / rhs
        return value

    def unary(self) -> sp.Expr:
        token = self.peek()
        if token.kind == "op" and token.text in "+-":
            self.take()
            self.enter(token)
            value = self.unary()
            self.depth -= 1
            return -value if token.text == "-" else value
        return self.power()

    def power(self) -> sp.Expr:
        base = self.atom()
        token = self.peek()
        if token.kind == "op" and token.text == "**":
            self.take()
            self.enter(token)
            exponent = self.unary()  # right-associative; 2**-1 is allowed
            self.depth -= 1
            if exponent.is_Number and abs(exponent) > MAX_EXPONENT:
                raise self.fail(token, f"exponent {exponent} exceeds {MAX_EXPONENT} in magnitude")
            if not exponent.is_Number and not exponent.free_symbols and _size(exponent) > MAX_EXPONENT:
                raise self.fail(token, f"exponent {exponent} exceeds {MAX_EXPONENT} in magnitude")
            if base == 0 and exponent.is_Number and exponent <= 0:
                raise self.fail(token, "zero to a non-positive power")
            if base.is_Rational and exponent.is_Number:
                size = max(len(str(abs(base.p))), len(str(base.q))) * abs(exponent)
                if size > MAX_RESULT_DIGITS:
                    raise self.fail(token, f"a power with more than {MAX_RESULT_DIGITS} digits")
            return base ** exponent
        return base

    def atom(self) -> sp.Expr:
        token = self.take()
        if token.kind == "number":
            if len(token.text) > MAX_DIGITS:
                raise self.fail(token, f"number longer than {MAX_DIGITS} digits")
            return sp.Rational(token.text)
        if token.kind == "name":
            if token.text in _FUNCTIONS:
                nxt = self.peek()
                if nxt.kind != "op" or nxt.text != "(":
                    raise self.fail(nxt, f"{token.text} must be called as {token.text}(...)")
                self.take()
                self.enter(token)
                argument = self.sum()
                self.depth -= 1
                self.expect(")")
                if token.text == "log" and argument == 0:
                    raise self.fail(token, "log of zero")
                if token.text == "exp" and not argument.free_symbols and _size(argument) > MAX_EXP_ARGUMENT:
                    raise self.fail(token, f"exp of a constant outside [-{MAX_EXP_ARGUMENT}, {MAX_EXP_ARGUMENT}] (a number beyond 1e100 or below 1e-100)")
                return _FUNCTIONS[token.text](argument)
            if token.text in self.names:
                return self.names[token.text]
            if token.text.startswith("_"):
                raise self.fail(token, "names starting with '_' are not allowed")
            raise self.fail(token, f"name not allowed (allowed: {_summary(self.names)})")
        if token.kind == "op" and token.text == "(":
            self.enter(token)
            value = self.sum()
            self.depth -= 1
            self.expect(")")
            return value
        raise self.fail(token, "unexpected token (a number, name or '(' was expected)")


def _summary(names: dict[str, sp.Symbol]) -> str:
    """The admitted names, with the indexed families written once."""
    plain = [k for k in names if not k.startswith(("theta_", "n_"))]
    I = max(int(k.split("_")[1]) for k in names if k.startswith("theta_"))
    families = [f"theta_i_s (1 <= i, s <= {I})"]
    if "n_1" in names:
        families.append(f"n_1..n_{I}")
    return ", ".join([*plain, *families, "exp(), log(), sqrt()"])


def parse_expression(text: str, names: dict[str, sp.Symbol], what: str = "expression") -> sp.Expr:
    """Parse `text` into a SymPy expression over the symbols in `names` (see `allowed_names`).

    Raises ValueError naming `what`, the offending token and its position.
    """
    if not isinstance(text, str):
        raise ValueError(f"{what}: expected expression text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"{what}: {len(text)} characters; at most {MAX_LENGTH} are accepted")
    if not text.strip():
        raise ValueError(f"{what}: empty expression")
    try:
        value = _Parser(text, names).parse()
    except ValueError as error:
        raise ValueError(f"{what}: {error}") from None
    if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        raise ValueError(f"{what}: {_quoted(text)} is not finite")
    if value.has(sp.I) or any(a.is_number and a.is_real is False for a in sp.preorder_traversal(value)):
        raise ValueError(f"{what}: {_quoted(text)} is not real (it has an imaginary constant)")
    nodes = sp.count_ops(value, visual=False)
    if nodes > MAX_NODES:
        raise ValueError(f"{what}: {_quoted(text)} has {nodes} operations; at most {MAX_NODES} are accepted")
    if _iterated_exponential(value):
        raise ValueError(f"{what}: {_quoted(text)} has an exponential inside an exponential (such as "
                         "exp(exp(n_1)) or n_1**(n_2**n_1)); its values outgrow any working precision")
    degree = _degree_bound(value)
    if degree > MAX_DEGREE:
        raise ValueError(f"{what}: {_quoted(text)} has degree {degree} in the model's variables; "
                         f"at most {MAX_DEGREE} is accepted")
    return value


def _size(constant: sp.Expr):
    """|constant| to 15 digits (a SymPy Float, which holds sizes far beyond a double's); an
    expression that does not evaluate counts as infinitely large."""
    try:
        value = abs(sp.N(constant, 15))
    except (ArithmeticError, ValueError, TypeError):
        return sp.oo
    return value if value.is_Number else sp.oo


def _quoted(text: str) -> str:
    return repr(text) if len(text) <= 60 else repr(text[:45]) + f"... ({len(text)} characters)"


def _growth(expr: sp.Expr) -> list[sp.Expr]:
    """The arguments through which expr grows exponentially: exp(u) gives u, and a power with
    a non-numeric exponent b**u gives u (b**u = exp(u log b))."""
    if isinstance(expr, sp.exp):
        return [expr.args[0]]
    if expr.is_Pow and not expr.exp.is_Number:
        return [expr.exp]
    return []


def _iterated_exponential(expr: sp.Expr) -> bool:
    """Whether an exponential's argument holds another exponential that is not a plain constant
    (exp(exp(n_1)) at n_1 = 10^6 has a 434,294-digit exponent: hours of mpmath; a parameter
    inside, n_1**exp(1000 alpha), grows the same way)."""
    for node in sp.preorder_traversal(expr):
        for argument in _growth(node):
            if any(_growth(inner) and inner.free_symbols for inner in sp.preorder_traversal(argument)):
                return True
    return False


def _degree_bound(expr: sp.Expr):
    """An upper bound on the degree of expr in the model variables n_k and N.

    A variable has degree 1, a sum the largest of its terms, a product the sum of its factors,
    a numeric power the base's degree times |exponent|; a function or a symbolic power counts
    its argument's bound (log, exp and sqrt of a polynomial are no harder than it to evaluate).
    """
    if expr.is_Symbol:
        return 1 if (expr.name.startswith("n_") or expr.name == "N") else 0
    if expr.is_Number or not expr.args:
        return 0
    if expr.is_Add:
        return max(_degree_bound(a) for a in expr.args)
    if expr.is_Mul:
        return sum(_degree_bound(a) for a in expr.args)
    if expr.is_Pow:
        base, exponent = expr.args
        if exponent.is_Number:
            return _degree_bound(base) * abs(exponent)
        return max(_degree_bound(base), _degree_bound(exponent))
    return max(_degree_bound(a) for a in expr.args)


def parse_output(text: str, I: int, i: int | None = None) -> sp.Expr:
    """Output per worker g_i as an expression in n_1..n_I and the model's parameters."""
    what = f"g_{i}" if i is not None else "g"
    return parse_expression(text, allowed_names(I, ("n",)), what)


def parse_cost(text: str, I: int) -> sp.Expr:
    """The cost of living c(N) as an expression in N and the model's parameters."""
    return parse_expression(text, allowed_names(I, ("N",)), "cost")
