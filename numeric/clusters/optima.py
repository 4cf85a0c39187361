"""Optimal clusters of hs2012 Section IV and the constrained Pareto-efficient allocation (V.1).

- `type_optimal_cluster`: the type-i optimal cluster, (IV.1) (Proposition 1; (A.18)-(A.19)).
- `pareto_cluster`: the maximiser of W = sum lambda_i V_i, (IV.4)-(IV.5); (A.20)-(A.21).
- `contract_curve` (I = 2, over lambda) and `contract_surface` (a grid of weights).
- `cpe_allocation`: the point of the contract surface on the ratio vector, (V.1), (IV.6)-(IV.7).

Each result is solved at `dps` and again at 2 dps; `agreed_digits` is the agreement of the two
and `residual` the largest |condition| at the reported point (evaluated at dps).
"""
from __future__ import annotations

import math

from dataclasses import dataclass
from itertools import combinations

import mpmath
import sympy as sp

from . import _compiled as C
from ._numerics import (GUARD, BudgetExceeded, ModelRequirementFailed, agreement, budget,
                        first_definiteness_failure, fmt, fmts, leading_minors, mat, newton, norm,
                        real_vector, rounded, solve, term_scale, vec)
from .params import (NoConvergence, NoInteriorOptimum, as_cluster_params, check_dps, check_type,
                     exact_vector, exact_weights)
from numeric.precision import InvalidParameter

__all__ = [
    "TypeOptimalCluster", "ParetoCluster", "ContractCurve", "CPEAllocation",
    "type_optimal_cluster", "pareto_cluster", "contract_curve", "contract_surface", "cpe_allocation",
]


def _mpf(q) -> mpmath.mpf:
    return mpmath.mpf(q.p) / q.q


def _diagonal_start(F, I: int) -> list:
    """A start for a model without a gamma = 0 solution: the first maximum of the objective
    along the diagonal n = (s, .., s), located where the sum of the conditions turns negative."""
    def slope(s):
        values = real_vector(F, mat([s] * I))
        return None if values is None else mpmath.fsum(values)
    s = _first_sign_change(slope)
    return [s] * I


def _check_stationary_possible(system, params, what: str, objective: str, extra: dict | None = None) -> None:
    """A first-order condition that does not depend on the unknowns and is not zero has no root:
    the model cannot have a stationary point (e.g. g_i = 0 or -n_1 with c(N) = tN: dV_i/dn_k =
    -t). `extra` gives the exact values of other symbols (the weights, the totals)."""
    unknowns = set(system.unknowns)
    values = {**params.exact_map(), **(extra or {})}
    for k, condition in enumerate(system.conditions, start=1):
        if condition.free_symbols & unknowns:
            continue
        value = condition.xreplace(values)
        if value.is_number and value.is_zero is False:
            raise ModelRequirementFailed(
                "a stationary point",
                f"{what}: no stationary point: d{objective}/dn_{k} = {value} for every n (the marginal "
                f"products of g in n_{k} never equal c'(N)), so there is no interior optimum")


def _residual_scale(J_rows, x) -> mpmath.mpf:
    return term_scale(J_rows, x)


def _utilities_at(spec, n, args) -> list:
    return [V(*n, *args) for V in C.utilities(spec)]


# --- type-optimal clusters -----------------------------------------------------------------

@dataclass
class TypeOptimalCluster:
    """The type-i optimal cluster: the maximiser of V_i, solving (IV.1)."""

    type: int
    n: tuple
    utility: mpmath.mpf            # V_i at the optimum
    utilities: tuple               # V_1..V_I at the optimum
    hessian_minors: tuple          # leading principal minors of the Hessian of V_i
    residual: mpmath.mpf           # max_k |dV_i/dn_k| at n
    agreed_digits: int
    dps: int
    method: str
    residual_scale: mpmath.mpf | None = None  # max_k sum_j |H_kj n_j| (numeric.acceptance)

    def to_dict(self) -> dict:
        d = self.dps
        return {"type": self.type, "n": fmts(self.n, d), "utility": fmt(self.utility, d),
                "utilities": fmts(self.utilities, d), "hessian_leading_minors": fmts(self.hessian_minors, d),
                "residual": fmt(self.residual, 5), "agreed_digits": self.agreed_digits, "dps": d,
                "method": self.method}


def _real_minors(J_rows, what: str, n) -> list:
    """Leading principal minors of a Hessian that must be real and finite at the solution."""
    from ._numerics import real_value
    rows = [[real_value(v) for v in row] for row in J_rows]
    if any(v is None for row in rows for v in row):
        raise ModelRequirementFailed(
            "real values", f"{what}: the Hessian is not real and finite at the stationary point n = "
            f"[{', '.join(mpmath.nstr(x, 10) for x in n)}] (g_i or c(N) leaves its real domain there)")
    return rows, leading_minors(rows)


def _check_optimum(what: str, n, minors, objective: str) -> None:
    worst = min(range(len(n)), key=lambda j: n[j])  # name the most negative component
    for k, v in [(worst + 1, n[worst])]:
        if not v > 0:
            raise NoInteriorOptimum(
                "interiority", f"{what}: no interior optimum: n_{k} = {mpmath.nstr(v, 10)} <= 0 at the "
                f"stationary point n = [{', '.join(mpmath.nstr(x, 10) for x in n)}]")
    k = first_definiteness_failure(minors)
    if k is not None:
        raise NoInteriorOptimum(
            "second-order conditions",
            f"{what}: second-order conditions fail at the stationary point n = "
            f"[{', '.join(mpmath.nstr(x, 10) for x in n)}]: the leading principal minor D_{k} = "
            f"{mpmath.nstr(minors[k - 1], 10)} of the Hessian of {objective} needs (-1)^{k} D_{k} > 0 "
            "(negative definite)")


def _residual_norm(values, what: str, n) -> mpmath.mpf:
    from ._numerics import real_value
    vals = [real_value(v) for v in values]
    if any(v is None for v in vals):
        raise ModelRequirementFailed(
            "real values", f"{what}: the first-order conditions are not real and finite at n = "
            f"[{', '.join(mpmath.nstr(x, 10) for x in n)}]")
    return norm(vals)


def _minors_or_none(J, x):
    """Leading minors of J(x), or None where J is not real and finite."""
    from ._numerics import real_matrix
    rows = real_matrix(J, mat(x))
    return None if rows is None else leading_minors(rows)


def _is_optimum(n, minors) -> bool:
    return minors is not None and all(v > 0 for v in n) and first_definiteness_failure(minors) is None


def _stationary(system, extra, params, start_fn, start, what: str, objective: str):
    """A local maximum of the objective: a solution of the compiled first-order system in n at
    the current precision; returns (n, method).

    1. Newton (homotopy fallback) from `start`, the gamma = 0 solution, or the diagonal.
    2. If that point is not an interior maximum and the model has gamma with a gamma = 0
       solution, continuation in gamma from 0 along the branch of local maxima; if the branch
       ends (a fold, where the Hessian turns singular) before the given gamma, there is no
       interior maximum on it and NoInteriorOptimum says so.
    """
    args = params.args()
    I = params.I
    parameters = params.spec.parameters

    def with_gamma(g):
        return [g if q == C.hs.gamma else a for q, a in zip(parameters, args)]

    def F_at(g):
        a = with_gamma(g)
        return (lambda x: system.F(*vec(x), *extra, *a)), (lambda x: system.J(*vec(x), *extra, *a))

    F = lambda x: system.F(*vec(x), *extra, *args)  # noqa: E731
    J = lambda x: system.J(*vec(x), *extra, *args)  # noqa: E731
    continuable = start is None and start_fn is not None
    if start is not None:
        x0 = [_mpf(v) for v in start]
    elif start_fn is not None:
        no_gamma = [a for q, a in zip(parameters, args) if q != C.hs.gamma]
        x0 = vec(start_fn(*extra, *no_gamma))
    else:
        x0 = _diagonal_start(F, I)
    if not continuable:
        try:
            return solve(F, J, x0)
        except (BudgetExceeded, ModelRequirementFailed):
            raise
        except NoConvergence as error:
            raise NoConvergence(f"{what}: {error}") from None
    try:
        x, its = newton(F, J, x0, maxiter=40)
        if _is_optimum(x, _minors_or_none(J, x)):
            return x, f"Newton ({its} steps)"
    except BudgetExceeded:
        raise
    except NoConvergence:
        pass
    # Continuation in gamma along the branch of local maxima, tracked at modest precision
    # (it only has to land in Newton's basin), then polished at the working precision.
    g_target = args[parameters.index(C.hs.gamma)]
    steps = 0
    with mpmath.workdps(min(mpmath.mp.dps, 30)):
        g_goal = +g_target
        g, x, step = mpmath.mpf(0), [+v for v in x0], g_goal / 4
        while g < g_goal:
            g_new = min(g_goal, g + step)
            Fg, Jg = F_at(g_new)
            try:
                x_new, its = newton(Fg, Jg, x, maxiter=12)
                minors = _minors_or_none(Jg, x_new)
                if minors is None or first_definiteness_failure(minors) is not None:
                    raise NoConvergence("left the branch of maxima")
            except BudgetExceeded:
                raise
            except NoConvergence:
                step /= 2
                if step < g_goal * mpmath.mpf(2) ** -16:
                    raise NoInteriorOptimum(
                        "second-order conditions",
                        f"{what}: no interior local maximum of {objective} (second-order conditions): "
                        f"the maximum of the gamma = 0 problem, continued in gamma, ends near gamma = "
                        f"{mpmath.nstr(g, 8)} (the Hessian of {objective} turns singular) below gamma = "
                        f"{mpmath.nstr(g_goal, 8)}") from None
                continue
            g, x, steps = g_new, x_new, steps + its
            step = min(2 * step, g_goal / 2)
    try:
        x, its = newton(F, J, x)
    except (BudgetExceeded, ModelRequirementFailed):
        raise
    except NoConvergence as error:
        raise NoConvergence(f"{what}: {error}") from None
    return x, f"continuation in gamma ({steps + its} Newton steps)"


def type_optimal_cluster(params, i: int, dps: int = 50, start=None) -> TypeOptimalCluster:
    """The type-i optimal cluster (n_1*, .., n_I*): all dV_i/dn_k = 0, (IV.1).

    Newton's method with the analytic Hessian of V_i, from the gamma = 0 solution of (IV.1)
    (n_k = (theta^i_k alpha - t)/beta for (A.1); derived by SymPy) or, for user g_i, from the
    maximum along the diagonal (or `start`), with a Newton-homotopy fallback. The point must
    be interior (all n_k > 0) and the Hessian of V_i negative definite there; otherwise
    NoInteriorOptimum names the failing condition. For I >= 3 the (A.1) example is not
    concave, so the result is a strict local maximum of V_i (see the module notes).
    """
    p = as_cluster_params(params)
    check_type(i, p.I)
    check_dps(dps)
    if start is not None:
        start = exact_vector(start, p.I, "start", positive=False)
    what = f"type-{i} optimal cluster"
    with budget(what):
        system = C.type_optimal_system(p.spec, i)
        _check_stationary_possible(system, p, what, f"V_{i}")
        start_fn = C.start_at_gamma0(p.spec, "type", i)

        def once(digits):
            with mpmath.workdps(digits + GUARD):
                return _stationary(system, (), p, start_fn, start, what, f"V_{i}")

        low, method = once(dps)
        with mpmath.workdps(dps):
            n = rounded(low, dps)
            args = p.args()
            H, minors = _real_minors(system.J(*n, *args), what, n)
            _check_optimum(what, n, minors, f"V_{i}")
            residual = _residual_norm(system.F(*n, *args), what, n)
            scale = term_scale(H, n)
            us = _utilities_at(p.spec, n, args)
        high, _ = once(2 * dps)
    return TypeOptimalCluster(i, tuple(n), us[i - 1], tuple(us), tuple(minors), residual,
                              agreement(n, high, dps), dps, method, scale)


# --- Pareto-efficient clusters -------------------------------------------------------------

@dataclass
class ParetoCluster:
    """A Pareto-efficient cluster: the maximiser of W = sum lambda_i V_i, (IV.4)-(IV.5)."""

    weights: tuple                 # exact lambda_1..lambda_I
    n: tuple
    utilities: tuple               # V_1..V_I
    welfare: mpmath.mpf            # W
    hessian_minors: tuple          # of the Hessian of W
    residual: mpmath.mpf           # max_k |sum_i lambda_i dV_i/dn_k|
    agreed_digits: int
    dps: int
    method: str
    residual_scale: mpmath.mpf | None = None  # max_k sum_j |H_kj n_j| (numeric.acceptance)

    def to_dict(self) -> dict:
        from numeric.precision import decimal_string
        d = self.dps
        return {"weights": [decimal_string(w) for w in self.weights], "n": fmts(self.n, d),
                "utilities": fmts(self.utilities, d), "welfare": fmt(self.welfare, d),
                "hessian_leading_minors": fmts(self.hessian_minors, d), "residual": fmt(self.residual, 5),
                "agreed_digits": self.agreed_digits, "dps": d, "method": self.method}


def pareto_cluster(params, weights, dps: int = 50, start=None) -> ParetoCluster:
    """The Pareto-efficient cluster for weights lambda (positive, summing to 1): (IV.5).

    Solved like `type_optimal_cluster`, from the gamma = 0 solution of (IV.5); the Hessian of
    W must be negative definite and n interior, else NoInteriorOptimum.
    """
    p = as_cluster_params(params)
    check_dps(dps)
    lam = exact_weights(weights, p.I)
    if start is not None:
        start = exact_vector(start, p.I, "start", positive=False)
    what = "Pareto-efficient cluster for weights (" + ", ".join(str(w) for w in lam) + ")"
    with budget(what):
        system = C.pareto_system(p.spec)
        _check_stationary_possible(system, p, what, "W", dict(zip(C.hs.weights(p.I), lam)))
        start_fn = C.start_at_gamma0(p.spec, "pareto")

        def once(digits):
            with mpmath.workdps(digits + GUARD):
                return _stationary(system, [_mpf(w) for w in lam], p, start_fn, start, what, "W")

        low, method = once(dps)
        with mpmath.workdps(dps):
            n = rounded(low, dps)
            args = p.args()
            lm = [_mpf(w) for w in lam]
            H, minors = _real_minors(system.J(*n, *lm, *args), what, n)
            _check_optimum(what, n, minors, "W")
            residual = _residual_norm(system.F(*n, *lm, *args), what, n)
            scale = term_scale(H, n)
            us = _utilities_at(p.spec, n, args)
            welfare = mpmath.fsum(w * u for w, u in zip(lm, us))
        high, _ = once(2 * dps)
    return ParetoCluster(lam, tuple(n), tuple(us), welfare, tuple(minors), residual,
                         agreement(n, high, dps), dps, method, scale)


@dataclass
class ContractCurve:
    """Pareto-efficient clusters over a set of weights: the contract curve (I = 2) or a sample
    of the contract surface (I > 2), Section IV.B."""

    points: tuple
    dps: int

    @property
    def residual(self):
        return max(pt.residual for pt in self.points)

    @property
    def agreed_digits(self) -> int:
        return min(pt.agreed_digits for pt in self.points)

    @property
    def relative_residual(self):
        """The worst relative residual of the points (numeric.acceptance)."""
        from numeric.acceptance import relative_residual
        return max(relative_residual(pt) for pt in self.points)

    def to_dict(self) -> dict:
        return {"points": [pt.to_dict() for pt in self.points], "residual": fmt(self.residual, 5),
                "agreed_digits": self.agreed_digits, "dps": self.dps}


#: The most Pareto clusters one contract-curve or contract-surface call solves.
MAX_POINTS = 200


def contract_curve(params, points: int = 9, dps: int = 50) -> ContractCurve:
    """The I = 2 contract curve at lambda = k/(points+1), k = 1..points, (IV.6)-(IV.7)."""
    p = as_cluster_params(params)
    if p.I != 2:
        raise InvalidParameter("I", p.I, "the contract curve in lambda is for I = 2; use contract_surface")
    if isinstance(points, bool) or not isinstance(points, int) or not 1 <= points <= MAX_POINTS:
        raise InvalidParameter("points", points, f"must be an integer from 1 to {MAX_POINTS}")
    lams = [sp.Rational(k, points + 1) for k in range(1, points + 1)]
    return ContractCurve(tuple(pareto_cluster(p, (l, 1 - l), dps) for l in lams), dps)


def weight_grid(I: int, divisions: int) -> list[tuple[sp.Rational, ...]]:
    """All weights lambda = c / divisions with positive integers c_1..c_I summing to divisions."""
    out = []
    for cuts in combinations(range(1, divisions), I - 1):
        bounds = (0, *cuts, divisions)
        out.append(tuple(sp.Rational(bounds[k + 1] - bounds[k], divisions) for k in range(I)))
    return out


def contract_surface(params, divisions: int = 4, dps: int = 50) -> ContractCurve:
    """Pareto-efficient clusters on the weight grid lambda = c/divisions (c_k >= 1), (IV.5).

    For I = 2 this is the contract curve at lambda = k/divisions."""
    p = as_cluster_params(params)
    if isinstance(divisions, bool) or not isinstance(divisions, int) or divisions < p.I:
        raise InvalidParameter("divisions", divisions, f"must be an integer >= I = {p.I}")
    if math.comb(divisions - 1, p.I - 1) > MAX_POINTS:
        raise InvalidParameter("divisions", divisions, f"gives {math.comb(divisions - 1, p.I - 1)} weight vectors "
                               f"for I = {p.I}; at most {MAX_POINTS} Pareto clusters are solved in one call")
    return ContractCurve(tuple(pareto_cluster(p, w, dps) for w in weight_grid(p.I, divisions)), dps)


# --- the constrained Pareto-efficient allocation -------------------------------------------

@dataclass
class CPEAllocation:
    """The symmetric constrained Pareto-efficient allocation: the point of the contract
    surface (IV.5) on the ratio vector (V.1), n = s (N_1..N_I) with J = 1/s clusters."""

    totals: tuple                  # exact N_1..N_I
    scale: mpmath.mpf              # s = 1/J
    clusters: mpmath.mpf           # J = 1/s (not rounded to an integer)
    n: tuple
    weights: tuple                 # lambda_1..lambda_I (lambda_I = 1 - the rest)
    utilities: tuple
    stability_margins: tuple       # dV_i/dn_i at n (Proposition 2: not all negative)
    hessian_minors: tuple          # of the Hessian of W in n
    residual: mpmath.mpf
    agreed_digits: int
    dps: int
    method: str
    residual_scale: mpmath.mpf | None = None  # of (IV.5) in (lambda, s) (numeric.acceptance)

    @property
    def stable(self) -> tuple:
        """n in S_i for each i (dV_i/dn_i < 0)."""
        return tuple(m < 0 for m in self.stability_margins)

    def to_dict(self) -> dict:
        from numeric.precision import decimal_string
        d = self.dps
        return {"totals": [decimal_string(x) for x in self.totals], "scale": fmt(self.scale, d),
                "clusters": fmt(self.clusters, d), "n": fmts(self.n, d), "weights": fmts(self.weights, d),
                "utilities": fmts(self.utilities, d), "stability_margins": fmts(self.stability_margins, d),
                "stable": list(self.stable), "hessian_leading_minors": fmts(self.hessian_minors, d),
                "residual": fmt(self.residual, 5), "agreed_digits": self.agreed_digits, "dps": d,
                "method": self.method}


def cpe_allocation(params, totals, dps: int = 50) -> CPEAllocation:
    """The symmetric constrained Pareto-efficient allocation for totals N_1..N_I (Section V.B).

    Solves (IV.5) with n = s (N_1..N_I) for (lambda_1..lambda_{I-1}, s) by Newton from equal
    weights and the scale that maximises equal-weight welfare along the ray; for I = 2 this is
    (IV.6)-(IV.7) on the ratio line (V.2). The weights must lie in (0, 1) (footnote 14: the
    ratio vector meets the contract surface between the type optima), s > 0, and the Hessian
    of W negative definite, else NoInteriorOptimum.
    """
    p = as_cluster_params(params)
    check_dps(dps)
    N = exact_vector(totals, p.I, "totals")
    I = p.I
    what = "constrained Pareto-efficient allocation"
    with budget(what):
        return _cpe(p, N, I, dps, what)


def _cpe(p, N, I, dps, what) -> CPEAllocation:
    system = C.cpe_system(p.spec)
    pareto = C.pareto_system(p.spec)
    _check_stationary_possible(system, p, what, "W", dict(zip(C.hs.N_total(I), N)))
    utilities = [C.utility_expr(p.spec, i) for i in range(1, I + 1)]
    if all(sp.expand(u - utilities[0]) == 0 for u in utilities[1:]):
        raise ModelRequirementFailed(
            "distinct utilities", f"{what}: every type has the same utility V_i, so the weights do not enter "
            "(IV.5) and the contract surface does not pin them down (use --what pareto or type-optimal)")

    def once(digits):
        with mpmath.workdps(digits + GUARD):
            args = p.args()
            Nm = [_mpf(x) for x in N]
            F = lambda x: system.F(*vec(x), *Nm, *args)  # noqa: E731
            J = lambda x: system.J(*vec(x), *Nm, *args)  # noqa: E731
            lam0 = [mpmath.mpf(1) / I] * (I - 1)

            # the equal-weight welfare maximum along the ray: sum_k N_k (IV.5)_k = 0
            def slope(s):
                values = real_vector(F, mat([*lam0, s]))
                return None if values is None else mpmath.fsum(N_k * f for N_k, f in zip(Nm, values))
            s0 = _first_sign_change(slope)
            try:
                return solve(F, J, [*lam0, s0])
            except (BudgetExceeded, ModelRequirementFailed):
                raise
            except NoConvergence as error:
                raise NoConvergence(f"{what}: {error}") from None

    low, method = once(dps)
    with mpmath.workdps(dps):
        x = rounded(low, dps)
        args = p.args()
        Nm = [_mpf(v) for v in N]
        lam = [*x[:-1], 1 - mpmath.fsum(x[:-1])]
        s = x[-1]
        n = [s * v for v in Nm]
        for k, l in enumerate(lam, start=1):
            if not 0 < l < 1:
                raise NoInteriorOptimum(
                    "weights in (0, 1)",
                    f"{what}: the ratio vector meets the stationary set of (IV.5) at lambda_{k} = "
                    f"{mpmath.nstr(l, 10)}, outside (0, 1): it does not cross the contract surface "
                    "between the type optima (footnote 14)")
        if not s > 0:
            raise NoInteriorOptimum("interiority", f"{what}: scale s = {mpmath.nstr(s, 10)} <= 0")
        _, minors = _real_minors(pareto.J(*n, *lam, *args), what, n)
        _check_optimum(what, n, minors, "W")
        residual = _residual_norm(system.F(*x, *Nm, *args), what, n)
        Jx, _ = _real_minors(system.J(*x, *Nm, *args), what, n)
        scale = term_scale(Jx, x)
        us = _utilities_at(p.spec, n, args)
        margins = [f(*n, *args) for f in C.stability_functions(p.spec)]
        clusters = 1 / s
    high, _ = once(2 * dps)
    return CPEAllocation(N, s, clusters, tuple(n), tuple(lam), tuple(us), tuple(margins), tuple(minors),
                         residual, agreement(x, high, dps), dps, method, scale)


def _first_sign_change(slope) -> mpmath.mpf:
    """The first s on a doubling grid from 2^-20 where slope(s) turns from > 0 to <= 0,
    refined by bisection to a few digits (a start for Newton); 1 if there is none."""
    s = mpmath.mpf(2) ** -20
    prev = slope(s)
    for _ in range(100):
        nxt = s * 2
        cur = slope(nxt)
        if prev is not None and cur is not None and prev > 0 >= cur:
            lo, hi = s, nxt
            for _ in range(40):
                mid = (lo + hi) / 2
                v = slope(mid)
                if v is None:
                    break
                if v > 0:
                    lo = mid
                else:
                    hi = mid
            return (lo + hi) / 2
        s, prev = nxt, cur
    return mpmath.mpf(1)
