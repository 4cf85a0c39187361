"""The model's formulas, derived once by `symbolic.clusters` and compiled once per model.

Every expression comes from `symbolic.clusters` (utility, type_optimal_conditions,
pareto_conditions, stability_derivative, specialized_utility, partition_utility); nothing is
retyped here. Each is compiled with `symbolic.lambdas.numeric_lambda` (mpmath backend: exact
rational constants, evaluated at the caller's precision) and cached per (model, ...) with
`functools.lru_cache`, so a second solve for the same model does no SymPy work.

Argument order of every compiled function: the unknowns, then the model's parameters in
`ModelSpec.parameters` order (documented in each function's docstring by numeric_lambda).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import sympy as sp

from symbolic import clusters as hs
from symbolic.lambdas import numeric_lambda

from .params import ModelSpec

S = sp.Symbol("s", positive=True)  # the scale along a ray n = s (N_1, ..., N_I)


def _mp(expr, args, equation: str) -> Callable:
    """Compile expr; an expression that is infinite or undefined as written (c(N) = N**-1 at
    zero employment: zoo) cannot be evaluated and is refused with the equation it belongs to."""
    if expr.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        from ._numerics import ModelRequirementFailed
        raise ModelRequirementFailed(
            "finite values", f"{equation} is not finite as written for this model (it contains "
            f"{'zoo' if expr.has(sp.zoo) else 'nan' if expr.has(sp.nan) else 'oo'}: check g_i and c(N) at "
            "zero employment, e.g. c(N) = N**-1 is infinite at N = 0, so V_i(0) does not exist)")
    return numeric_lambda(expr, list(args), "mpmath", equation)


@dataclass(frozen=True)
class System:
    """F(x) = 0 with its Jacobian, compiled; `F`, `J` take (*x, *extra, *parameters) and return
    a tuple (F) and a tuple of rows (J) of mpf."""

    F: Callable
    J: Callable
    conditions: tuple[sp.Expr, ...]
    unknowns: tuple[sp.Symbol, ...]


def _system(conditions, unknowns, extra, spec: ModelSpec, equation: str) -> System:
    conditions = tuple(conditions)
    Jm = sp.Matrix(conditions).jacobian(list(unknowns))
    # tuples, not Matrix: the compiled functions then return plain tuples of mpf
    F = sp.Tuple(*conditions)
    J = sp.Tuple(*[sp.Tuple(*Jm.row(r)) for r in range(Jm.rows)])
    args = [*unknowns, *extra, *spec.parameters]
    return System(_mp(F, args, equation), _mp(J, args, f"the Jacobian of {equation}"),
                  conditions, tuple(unknowns))


@lru_cache(maxsize=None)
def utility_expr(spec: ModelSpec, i: int) -> sp.Expr:
    """V_i = g_i - c(N), (III.6)."""
    return hs.utility(spec.model(), i)


@lru_cache(maxsize=None)
def utilities(spec: ModelSpec) -> tuple[Callable, ...]:
    """V_1..V_I as functions of (n_1..n_I, parameters), (III.6)."""
    n = spec.model().n
    return tuple(_mp(utility_expr(spec, i), [*n, *spec.parameters], "(III.6)")
                 for i in range(1, spec.I + 1))


@lru_cache(maxsize=None)
def type_optimal_system(spec: ModelSpec, i: int) -> System:
    """dV_i/dn_k = 0 for all k, (IV.1); the Jacobian is the Hessian of V_i."""
    model = spec.model()
    return _system(hs.type_optimal_conditions(model, i), model.n, (), spec, "(IV.1)")


@lru_cache(maxsize=None)
def pareto_system(spec: ModelSpec) -> System:
    """sum_i lambda_i dV_i/dn_k = 0 for all k, (IV.5); extra arguments lambda_1..lambda_I.

    The Jacobian is the Hessian of W = sum lambda_i V_i (IV.4)."""
    model = spec.model()
    lam = hs.weights(spec.I)
    return _system(hs.pareto_conditions(model, lam), model.n, lam, spec, "(IV.5)")


@lru_cache(maxsize=None)
def cpe_system(spec: ModelSpec) -> System:
    """(IV.5) on the ratio vector (V.1): unknowns (lambda_1..lambda_{I-1}, s) with
    lambda_I = 1 - the rest and n_k = s N_k; extra arguments N_1..N_I."""
    model = spec.model()
    free = hs.weights(spec.I)[:-1]
    lam = (*free, 1 - sp.Add(*free))
    totals = hs.N_total(spec.I)
    on_ray = {nk: S * Nk for nk, Nk in zip(model.n, totals)}
    conditions = [c.xreplace(on_ray) for c in hs.pareto_conditions(model, lam)]
    return _system(conditions, (*free, S), totals, spec, "(IV.5) on the ratio vector (V.1)")


@lru_cache(maxsize=None)
def start_at_gamma0(spec: ModelSpec, kind: str, i: int = 0) -> Callable | None:
    """The solution of (IV.1) (kind "type", for type i) or (IV.5) (kind "pareto") with
    gamma = 0, where the conditions are linear in n for (A.1); None if they are not linear.

    Compiled function of (lambda_1..lambda_I (pareto only), parameters) -> list of n_k."""
    model = spec.model()
    if kind == "type":
        conditions, extra = hs.type_optimal_conditions(model, i), ()
    else:
        extra = hs.weights(spec.I)
        conditions = hs.pareto_conditions(model, extra)
    if hs.gamma not in spec.parameters:
        return None
    reduced = [sp.expand(c.subs(hs.gamma, 0)) for c in conditions]
    try:
        if any(sp.Poly(c, *model.n).total_degree() > 1 for c in reduced):
            return None
    except sp.PolynomialError:
        return None
    solution = sp.solve(reduced, list(model.n), dict=True)
    if len(solution) != 1 or set(solution[0]) != set(model.n):
        return None
    values = sp.Tuple(*[solution[0][nk] for nk in model.n])
    args = [*extra, *[p for p in spec.parameters if p != hs.gamma]]
    if values.free_symbols - set(args):
        return None
    return _mp(values, args, "(IV.1)/(IV.5) at gamma = 0")


@lru_cache(maxsize=None)
def hessian_of(spec: ModelSpec, kind: str, i: int = 0) -> Callable:
    """The Hessian of V_i (kind "type") or of W (kind "pareto", extra lambdas) in n."""
    return (type_optimal_system(spec, i) if kind == "type" else pareto_system(spec)).J


@lru_cache(maxsize=None)
def ray_functions(spec: ModelSpec):
    """Boundary functions of S_i and A_i along n = s (N_1..N_I), Section V.A:

    stability[i-1] = dV_i/dn_i (S_i: < 0) and autarky[i-1] = V_i - V_i(0) (A_i: >= 0), as
    SymPy expressions in s, N_1..N_I and the parameters, with their compiled forms (value and
    d/ds) taking (s, N_1..N_I, parameters)."""
    model = spec.model()
    totals = hs.N_total(spec.I)
    on_ray = {nk: S * Nk for nk, Nk in zip(model.n, totals)}
    zero = {nk: 0 for nk in model.n}
    args = [S, *totals, *spec.parameters]
    out = []
    for i in range(1, spec.I + 1):
        stab = hs.stability_derivative(model, i).xreplace(on_ray)
        V = utility_expr(spec, i)
        aut = V.xreplace(on_ray) - V.xreplace(zero)
        out.append({
            f"S_{i}": (stab, _mp(stab, args, "dV_i/dn_i on the ratio vector"),
                       _mp(sp.diff(stab, S), args, "d/ds dV_i/dn_i")),
            f"A_{i}": (aut, _mp(aut, args, "V_i - V_i(0) on the ratio vector"),
                       _mp(sp.diff(aut, S), args, "d/ds V_i")),
        })
    return out


@lru_cache(maxsize=None)
def stability_expr(spec: ModelSpec, i: int) -> sp.Expr:
    """dV_i/dn_i (Section V.A: S_i is where it is negative)."""
    return hs.stability_derivative(spec.model(), i)


@lru_cache(maxsize=None)
def stability_functions(spec: ModelSpec) -> tuple[Callable, ...]:
    """dV_i/dn_i compiled, arguments (n_1..n_I, parameters)."""
    n = spec.model().n
    return tuple(_mp(stability_expr(spec, i), [*n, *spec.parameters], "dV_i/dn_i")
                 for i in range(1, spec.I + 1))


@lru_cache(maxsize=None)
def specialized_functions(spec: ModelSpec, i: int, k: int):
    """V_i^k(s) = V_i(0, .., s at k, .., 0) of Section VI.A, with its first and second
    derivatives in s: (expr, value, d/ds, d2/ds2), compiled in (s, parameters)."""
    V = hs.specialized_utility(spec.model(), i, k, S)
    args = [S, *spec.parameters]
    return (V, _mp(V, args, "V_i^k (Section VI.A)"), _mp(sp.diff(V, S), args, "dV_i^k/dn_k"),
            _mp(sp.diff(V, S, 2), args, "d2V_i^k/dn_k2"))


@lru_cache(maxsize=None)
def partition_functions(spec: ModelSpec, i: int, members: tuple[int, ...]) -> Callable:
    """V_i in a city holding all N_k of the types in `members` (Section VII.A), compiled in
    (N_1..N_I, parameters)."""
    expr = hs.partition_utility(spec.model(), i, members)
    return _mp(expr, [*hs.N_total(spec.I), *spec.parameters], "(VII.1)-(VII.2)")
