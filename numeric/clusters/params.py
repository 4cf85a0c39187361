"""Parameters of the hs2012 cluster model: exact values, the model they belong to, validation.

A `ClusterParams` holds a `ModelSpec` (the (A.1) example, or user-supplied g_i and c(N)) and
the exact value of every parameter symbol, validated at construction. Every solver of
`numeric.clusters` accepts either a `ClusterParams` or a mapping that `as_cluster_params` turns
into one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

import mpmath
import sympy as sp

from numeric.expressions import allowed_names, parse_cost, parse_output
from numeric.precision import InvalidParameter, decimal_string, exact, shown
from numeric.precision import check_dps as _check_dps
from symbolic import clusters as hs

__all__ = [
    "ClusterSolveError", "NoInteriorOptimum", "NoConvergence",
    "ModelSpec", "ClusterParams", "cluster_parameters", "as_cluster_params",
    "check_type", "check_dps", "exact_vector", "exact_weights", "check_partition",
]

SCALARS = ("alpha", "beta", "gamma", "t")
#: The largest number of industries the solvers accept: the type-optimal and Pareto systems
#: have I unknowns and their confirmation grows quickly with I.
MAX_INDUSTRIES = 8
_THETA_KEY = re.compile(r"theta\^([0-9]{1,2})_([0-9]{1,2})", re.ASCII)
_SCALAR_SYMBOLS = {"alpha": hs.alpha, "beta": hs.beta, "gamma": hs.gamma, "t": hs.t}


class ClusterSolveError(ValueError):
    """A cluster quantity that does not exist for the parameters, or could not be computed."""


class NoInteriorOptimum(ClusterSolveError):
    """No interior optimum: `condition` names what fails (interiority, second-order, ...)."""

    def __init__(self, condition: str, message: str):
        self.condition = condition
        super().__init__(message)


class NoConvergence(ClusterSolveError):
    """Newton's method (with its homotopy fallback) did not converge."""


# --- the model -----------------------------------------------------------------------------

@dataclass(frozen=True)
class ModelSpec:
    """Which model: `g` None means (A.1); `cost` None means c(N) = tN of (III.7).

    `g[i-1]` is g_i as a SymPy expression in n_1..n_I (and parameter symbols); `cost` is c as
    an expression in `symbolic.clusters.N`. Hashable, so solvers cache their lambdas per spec.
    """

    I: int
    g: tuple[sp.Expr, ...] | None = None
    cost: sp.Expr | None = None

    @property
    def name(self) -> str:
        g = "(A.1)" if self.g is None else "user g_i"
        c = "c(N) = tN" if self.cost is None else f"c(N) = {self.cost}"
        return f"{g}, {c}"

    def model(self) -> hs.ClusterModel:
        return _model(self)

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        """The parameter symbols the model's expressions use, in a fixed order."""
        return _parameters(self)


@lru_cache(maxsize=None)
def _model(spec: ModelSpec) -> hs.ClusterModel:
    base = hs.example_model(spec.I)
    g = base.g if spec.g is None else spec.g
    if spec.cost is None:
        c = base.c
    else:
        cost = spec.cost
        c = lambda pop: cost.subs(hs.N, pop)  # noqa: E731
    return hs.ClusterModel(spec.I, base.n, tuple(g), c, spec.name)


def _order(I: int) -> list[sp.Symbol]:
    return [*_SCALAR_SYMBOLS.values(),
            *[hs.theta(i, s) for i in range(1, I + 1) for s in range(1, I + 1)]]


@lru_cache(maxsize=None)
def _parameters(spec: ModelSpec) -> tuple[sp.Symbol, ...]:
    model = spec.model()
    used = set()
    for i in range(1, spec.I + 1):
        used |= hs.utility(model, i).free_symbols
    used -= set(model.n)
    return tuple(s for s in _order(spec.I) if s in used)


# --- parameter values ----------------------------------------------------------------------

@dataclass(frozen=True)
class ClusterParams:
    """A validated parameter point: the model and the exact value of each parameter symbol."""

    spec: ModelSpec
    values: tuple[tuple[sp.Symbol, sp.Rational], ...]

    @property
    def I(self) -> int:
        return self.spec.I

    def value(self, symbol: sp.Symbol) -> sp.Rational:
        for s, v in self.values:
            if s == symbol:
                return v
        raise KeyError(str(symbol))

    def exact_map(self) -> dict[sp.Symbol, sp.Rational]:
        return dict(self.values)

    def args(self) -> list[mpmath.mpf]:
        """The model's parameters as mpf at the current precision, in `spec.parameters` order."""
        values = dict(self.values)
        return [mpmath.mpf(values[s].p) / values[s].q for s in self.spec.parameters]

    def to_dict(self) -> dict:
        """Exact strings, in the PARAMS.json layout."""
        values = dict(self.values)
        out: dict = {k: decimal_string(values[s]) for k, s in _SCALAR_SYMBOLS.items() if s in values}
        I = self.I
        if all(hs.theta(i, s) in values for i in range(1, I + 1) for s in range(1, I + 1)):
            out["theta"] = [[decimal_string(values[hs.theta(i, s)]) for s in range(1, I + 1)]
                            for i in range(1, I + 1)]
        else:
            out.update({str(k): decimal_string(v) for k, v in self.values if str(k).startswith("theta")})
        if self.spec.g is not None:
            out["g"] = [str(g) for g in self.spec.g]
        if self.spec.cost is not None:
            out["cost"] = str(self.spec.cost)
        return out


def _positive_scalar(name: str, value) -> sp.Rational:
    q = exact(value, name)
    if q <= 0:
        raise InvalidParameter(name, decimal_string(q), "must be > 0")
    return q


def _theta_entries(theta, I: int | None) -> dict[tuple[int, int], sp.Rational]:
    if isinstance(theta, (str, bytes)) or not isinstance(theta, Sequence):
        raise InvalidParameter("theta", repr(theta), "must be an I x I matrix (a list of rows; "
                               "row i: industry affected, column s: worker type)")
    size = len(theta)
    _check_industries(size)
    if I is not None and size != I:
        raise InvalidParameter("theta", f"{size} rows", f"must have I = {I} rows to match g")
    entries = {}
    for i, row in enumerate(theta, start=1):
        if isinstance(row, (str, bytes)) or not isinstance(row, Sequence) or len(row) != size:
            raise InvalidParameter("theta", f"row {i}", f"must have {size} entries (an I x I matrix)")
        for s, v in enumerate(row, start=1):
            entries[(i, s)] = exact(v, f"theta^{i}_{s}")
    return entries


def _check_industries(I: int) -> int:
    if not 2 <= I <= MAX_INDUSTRIES:
        raise InvalidParameter("I", I, f"the number of industries must be an integer from 2 to {MAX_INDUSTRIES}")
    return I


def _theta_index(key) -> tuple[int, int]:
    """(i, s) from a key of a theta mapping: a pair of integers >= 1."""
    if (isinstance(key, tuple) and len(key) == 2
            and all(isinstance(k, int) and not isinstance(k, bool) and 1 <= k <= MAX_INDUSTRIES for k in key)):
        return key
    raise InvalidParameter.described("theta", f"keyed by {shown(repr(key))}", f"keys must be pairs (i, s) of integers from 1 to {MAX_INDUSTRIES}")


def _check_theta(entries: dict[tuple[int, int], sp.Rational], I: int) -> None:
    for (i, s), v in sorted(entries.items()):
        if v <= 1:
            raise InvalidParameter(f"theta^{i}_{s}", decimal_string(v), "must be > 1")
    if len(entries) < I * I:
        return
    for i in range(1, I + 1):
        own = entries[(i, i)]
        for s in range(1, I + 1):
            if s == i:
                continue
            if not own > entries[(i, s)]:
                raise InvalidParameter(f"theta^{i}_{i}", decimal_string(own),
                                       f"must exceed theta^{i}_{s}={decimal_string(entries[(i, s)])} "
                                       "(Assumption 1: theta^i_i > theta^i_s)")
            if not own > entries[(s, i)]:
                raise InvalidParameter(f"theta^{i}_{i}", decimal_string(own),
                                       f"must exceed theta^{s}_{i}={decimal_string(entries[(s, i)])} "
                                       "(Assumption 2: theta^i_i > theta^s_i)")


def _expressions(g, cost, I: int | None):
    """Parse or check user-supplied g_i and c(N); returns (I, g tuple or None, cost or None)."""
    g_out = None
    if g is not None:
        if isinstance(g, (str, bytes)) or not isinstance(g, Sequence):
            raise ValueError("g: must be a list of I expressions, one per industry")
        if I is not None and len(g) != I:
            raise InvalidParameter("g", f"{len(g)} expressions", f"must have I = {I} entries (one g_i per industry)")
        I = _check_industries(len(g))
        names = allowed_names(I, ("n",))
        exprs = []
        for i, gi in enumerate(g, start=1):
            if isinstance(gi, str):
                exprs.append(parse_output(gi, I, i))
            elif isinstance(gi, sp.Basic):
                extra = gi.free_symbols - set(names.values())
                if extra:
                    raise ValueError(f"g_{i}: symbols {sorted(map(str, extra))} are not model symbols "
                                     f"(use n_1..n_{I}, alpha, beta, gamma, t, theta(i, s))")
                exprs.append(sp.sympify(gi))
            else:
                raise ValueError(f"g_{i}: expected expression text or a SymPy expression, "
                                 f"got {type(gi).__name__}")
        g_out = tuple(exprs)
    cost_out = None
    if cost is not None:
        if I is None:
            raise ValueError("cost: give theta or g so that the number of industries is known")
        if isinstance(cost, str):
            cost_out = parse_cost(cost, I)
        elif isinstance(cost, sp.Basic):
            extra = cost.free_symbols - set(allowed_names(I, ("N",)).values())
            if extra:
                raise ValueError(f"cost: symbols {sorted(map(str, extra))} are not model symbols (use N)")
            cost_out = sp.sympify(cost)
        else:
            raise ValueError(f"cost: expected expression text or a SymPy expression, got {type(cost).__name__}")
    return I, g_out, cost_out


def cluster_parameters(alpha=None, beta=None, gamma=None, t=None, theta=None, *,
                       g=None, cost=None) -> ClusterParams:
    """Validated parameters of the hs2012 model (see the module docstring of numeric.clusters).

    Without `g`, the model is (A.1) and alpha, beta, gamma, t and the I x I matrix theta
    (theta[i-1][s-1] = theta^i_s) are all required. With `g` (I expressions, text or SymPy),
    only the parameters the expressions use are required; `cost` is c(N) (default tN).
    Raises InvalidParameter naming the parameter, its value and the violated constraint.
    """
    scalars = {"alpha": alpha, "beta": beta, "gamma": gamma, "t": t}
    I = None
    theta_entries: dict[tuple[int, int], sp.Rational] = {}
    if theta is not None:
        if isinstance(theta, Mapping):  # {(i, s): value}
            theta_entries = {_theta_index(k): v for k, v in theta.items()}
            theta_entries = {k: exact(v, f"theta^{k[0]}_{k[1]}") for k, v in theta_entries.items()}
            I = max(max(k) for k in theta_entries) if theta_entries else None
            if I is not None:
                _check_industries(I)
        else:
            theta_entries = _theta_entries(theta, None)
            I = max(i for i, _ in theta_entries)
    full_matrix = theta is not None and not isinstance(theta, Mapping)
    if g is not None:
        I, g_expr, cost_expr = _expressions(g, cost, I if full_matrix else None)
    else:
        if I is None:
            raise InvalidParameter("theta", "missing", "the (A.1) model needs the I x I matrix theta")
        _, g_expr, cost_expr = _expressions(None, cost, I)
    _check_industries(I)
    for (i, s) in theta_entries:
        if not (1 <= i <= I and 1 <= s <= I):
            raise InvalidParameter(f"theta^{i}_{s}", "given", f"indices must lie in 1..{I}")
    values: dict[sp.Symbol, sp.Rational] = {}
    for name, v in scalars.items():
        if v is not None:
            values[_SCALAR_SYMBOLS[name]] = _positive_scalar(name, v)
    _check_theta(theta_entries, I)
    values.update({hs.theta(i, s): v for (i, s), v in theta_entries.items()})
    spec = ModelSpec(I, g_expr, cost_expr)
    if g_expr is None:
        for name in SCALARS:
            if _SCALAR_SYMBOLS[name] not in values:
                raise InvalidParameter(name, "missing", "the (A.1) model needs alpha, beta, gamma and t")
        if len(theta_entries) != I * I:
            raise InvalidParameter("theta", "incomplete", f"the (A.1) model needs all {I}x{I} entries")
    for symbol in spec.parameters:
        if symbol not in values:
            raise InvalidParameter(str(symbol), "missing", "the model's expressions use it; give its value")
    order = {s: k for k, s in enumerate(_order(I))}
    return ClusterParams(spec, tuple(sorted(values.items(), key=lambda kv: order[kv[0]])))


def as_cluster_params(params) -> ClusterParams:
    """A `ClusterParams` from itself or from a mapping.

    Mapping keys: "alpha", "beta", "gamma", "t"; "theta" (an I x I list of rows) or the
    individual "theta^i_s" keys of `proofs_check.draws`; optionally "g" (list of I
    expressions) and "cost" (an expression in N). Unknown keys are rejected.
    """
    if isinstance(params, ClusterParams):
        return params
    if not isinstance(params, Mapping):
        raise ValueError(f"params: expected a mapping of parameter names, got {type(params).__name__}")
    kwargs: dict = {}
    theta_keys: dict = {}
    for key, value in params.items():
        key_s = str(key)
        if key_s in SCALARS or key_s in ("theta", "g", "cost"):
            kwargs[key_s] = value
        elif key_s.startswith("theta^"):
            m = _THETA_KEY.fullmatch(key_s)
            if m is None or min(int(m.group(1)), int(m.group(2))) < 1:
                raise InvalidParameter.unknown_key(key_s, "theta entries are keys theta^i_s with 1 <= i, s <= I")
            theta_keys[(int(m.group(1)), int(m.group(2)))] = value
        else:
            raise InvalidParameter.unknown_key(key_s, "expected alpha, beta, gamma, t, theta, g or cost")
    if isinstance(kwargs.get("theta"), Mapping):
        raise InvalidParameter.described("theta", "a JSON object", "must be an I x I matrix: a list of I rows of I numbers "
                               "(row i: industry affected, column s: worker type)")
    if theta_keys:
        if "theta" in kwargs:
            raise ValueError("params: give theta either as a matrix or as theta^i_s keys, not both")
        I = max(max(k) for k in theta_keys)
        if len(theta_keys) == I * I and "g" not in kwargs:
            kwargs["theta"] = [[theta_keys[(i, s)] for s in range(1, I + 1)] for i in range(1, I + 1)]
        else:
            kwargs["theta"] = theta_keys
    return cluster_parameters(**kwargs)


# --- other inputs --------------------------------------------------------------------------

def check_type(i, I: int, name: str = "type") -> int:
    if isinstance(i, bool) or not isinstance(i, int) or not 1 <= i <= I:
        raise InvalidParameter(name, i, f"must be an integer from 1 to I = {I} (industries count from 1)")
    return i


def check_dps(dps) -> int:
    """The requested working precision, within numeric.precision's [MIN_DPS, MAX_DPS]."""
    return _check_dps(dps)


def exact_vector(values, I: int, name: str, positive: bool = True) -> tuple[sp.Rational, ...]:
    """I exact numbers (e.g. the totals N_1..N_I), each > 0 when `positive`."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise InvalidParameter(name, repr(values), f"must be a list of I = {I} numbers")
    if len(values) != I:
        raise InvalidParameter(name, f"{len(values)} entries", f"must have I = {I} entries")
    out = []
    for k, v in enumerate(values, start=1):
        q = exact(v, f"{name}[{k}]")
        if positive and q <= 0:
            raise InvalidParameter(f"{name}[{k}]", decimal_string(q), "must be > 0")
        out.append(q)
    return tuple(out)


def exact_weights(weights, I: int) -> tuple[sp.Rational, ...]:
    """Pareto weights lambda_1..lambda_I: positive, summing to 1 exactly (IV.4)."""
    lam = exact_vector(weights, I, "weights")
    total = sum(lam, sp.Integer(0))
    if total != 1:
        raise InvalidParameter("weights", "[" + ", ".join(decimal_string(x) for x in lam) + "]",
                               f"must sum to 1 (they sum to {decimal_string(total)})")
    return lam


def check_partition(partition, I: int) -> tuple[tuple[int, ...], ...]:
    """A partition of the types 1..I into non-empty disjoint groups covering all of them."""
    if isinstance(partition, (str, bytes)) or not isinstance(partition, Sequence) or not partition:
        raise InvalidParameter("partition", repr(partition), "must be a list of groups of types, e.g. [[1, 2], [3, 4]]")
    seen: list[int] = []
    groups = []
    for group in partition:
        if isinstance(group, (str, bytes)) or not isinstance(group, Sequence) or not group:
            raise InvalidParameter("partition", repr(partition), "every group must be a non-empty list of types")
        for k in group:
            check_type(k, I, "partition")
            if k in seen:
                raise InvalidParameter("partition", repr(partition), f"type {k} appears twice (groups must be disjoint)")
            seen.append(k)
        groups.append(tuple(group))
    missing = sorted(set(range(1, I + 1)) - set(seen))
    if missing:
        raise InvalidParameter("partition", repr(partition), f"types {missing} are in no group (groups must cover 1..{I})")
    return tuple(groups)
