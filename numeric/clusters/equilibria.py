"""Equilibrium objects of hs2012 Sections V-VII.

- `in_stable_set` (S_i: dV_i/dn_i < 0) and `in_autarky_set` (A_i: V_i(n) >= V_i(0)), Section V.A;
- `symmetric_equilibria`: the scales s > 0 with s (N_1..N_I) in every S_i and A_i (Section V.B);
- `specialized`: n_i^S, n_i^A, n_k^S, n_i^C and the utilities of Section VI;
- `partition_utilities`: the utilities of a symmetric partition, (VII.1)-(VII.2), with the
  stability and deviation checks of Proposition 4.

Roots of boundary functions along a ray are found exactly where the model makes them
polynomials in the scale with rational coefficients (the (A.1) example with exact inputs):
SymPy factors the polynomial over Q (rational roots are exact) and isolates every other real
root in a rational interval, which is then refined at the working precision, so no end point
is missed. Other models fall back to a sign scan on a geometric grid (reported in `method`).
"""
from __future__ import annotations

from dataclasses import dataclass

import mpmath
import sympy as sp

from numeric.precision import InvalidParameter, decimal_string
from symbolic import clusters as hs

from . import _compiled as C
from ._numerics import (GUARD, ModelRequirementFailed, Root, agreement, budget, first_crossing_above, fmt,
                        fmts, polynomial_roots, rounded, scanned_roots)
from .params import (ClusterSolveError, NoInteriorOptimum, as_cluster_params, check_dps,
                     check_partition, check_type, exact_vector)

__all__ = [
    "Membership", "in_stable_set", "in_autarky_set",
    "ScaleInterval", "SymmetricEquilibria", "symmetric_equilibria",
    "SpecializedCities", "specialized",
    "PartitionType", "PartitionAllocation", "partition_utilities",
]


def _mpf(q) -> mpmath.mpf:
    return mpmath.mpf(q.p) / q.q


def _substituted(expr: sp.Expr, values: dict) -> sp.Expr:
    out = expr.xreplace(values)
    if out.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        raise ClusterSolveError(f"the model is not finite at the point ({out}); "
                                "check g_i and c(N) at zero employment")
    return out


def _relative(pairs) -> mpmath.mpf:
    """max |residual| / |scale| over (residual, scale) pairs: scale is f'(x) x at a root x of f
    (the change of f under a relative change of x); numeric.acceptance compares it with the
    working tolerance. A residual that is exactly 0 counts 0."""
    worst = mpmath.mpf(0)
    for r, scale in pairs:
        r = abs(r)
        if r == 0:
            continue
        scale = abs(scale)
        worst = max(worst, r / scale if scale > 0 else mpmath.inf)
    return worst


def _autarky_finite(p, i: int, what: str) -> None:
    """V_i(0) (autarky, Section V.A) must exist for the quantities that compare with it."""
    V = C.utility_expr(p.spec, i)
    at_zero = V.xreplace({nk: 0 for nk in p.spec.model().n})
    if at_zero.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        raise ModelRequirementFailed(
            "finite values", f"{what}: V_{i}(0), the autarky utility, is not finite for this model "
            f"({at_zero}; c(N) or g_{i} is infinite at zero employment)")


# --- membership in S_i and A_i -------------------------------------------------------------

@dataclass
class Membership:
    """Whether n lies in a set of Section V.A; truthy when it does.

    `margin` is dV_i/dn_i (S_i needs < 0) or V_i(n) - V_i(0) (A_i needs >= 0); `exact` says
    the sign was decided in exact rational arithmetic rather than at two precisions."""

    set: str
    member: bool
    margin: mpmath.mpf
    exact: bool
    dps: int

    def __bool__(self) -> bool:
        return self.member

    def to_dict(self) -> dict:
        return {"set": self.set, "member": self.member, "margin": fmt(self.margin, self.dps),
                "exact": self.exact, "dps": self.dps}


def _decide(expr: sp.Expr, values: dict, fn, fn_args, dps: int, strict: bool, what: str):
    """Sign of expr at the exact point: exact if it reduces to a rational, else at dps and 2 dps."""
    value = _substituted(expr, values)
    if value.is_Rational:
        with mpmath.workdps(dps):
            margin = _mpf(value)
        return bool(value < 0) if strict else bool(value >= 0), margin, True
    results = []
    for digits in (dps, 2 * dps):
        with mpmath.workdps(digits + GUARD):
            results.append(fn(*fn_args()))
    low, high = results
    with mpmath.workdps(2 * dps):
        if abs(low - high) >= abs(high) or abs(high) <= mpmath.mpf(10) ** (-dps // 2):
            raise ClusterSolveError(f"{what}: the margin {mpmath.nstr(high, 5)} is not resolved at "
                                    f"{dps} digits; raise dps")
    with mpmath.workdps(dps):
        margin = +low
    return bool(margin < 0) if strict else bool(margin >= 0), margin, False


def _point(p, n) -> tuple[dict, tuple]:
    values = exact_vector(n, p.I, "n", positive=False)
    if any(v < 0 for v in values):
        raise InvalidParameter("n", "[" + ", ".join(decimal_string(v) for v in values) + "]",
                               "employment must be >= 0")
    model = p.spec.model()
    return {**p.exact_map(), **dict(zip(model.n, values))}, values


def in_stable_set(params, n, i: int, dps: int = 50) -> Membership:
    """n in S_i = {n : dV_i/dn_i < 0} (Section V.A)."""
    p = as_cluster_params(params)
    check_type(i, p.I)
    check_dps(dps)
    point, values = _point(p, n)
    fn = C.stability_functions(p.spec)[i - 1]
    member, margin, is_exact = _decide(
        C.stability_expr(p.spec, i), point, fn, lambda: [*[_mpf(v) for v in values], *p.args()],
        dps, True, f"S_{i}")
    return Membership(f"S_{i}", member, margin, is_exact, dps)


def in_autarky_set(params, n, i: int, dps: int = 50) -> Membership:
    """n in A_i = {n : V_i(n) >= V_i(0)} (Section V.A)."""
    p = as_cluster_params(params)
    check_type(i, p.I)
    check_dps(dps)
    point, values = _point(p, n)
    model = p.spec.model()
    V = C.utility_expr(p.spec, i)
    expr = V - V.xreplace({nk: 0 for nk in model.n})
    Vf = C.utilities(p.spec)[i - 1]

    def difference(*args):
        I = p.I
        return Vf(*args) - Vf(*[mpmath.mpf(0)] * I, *args[I:])

    member, margin, is_exact = _decide(
        expr, point, difference, lambda: [*[_mpf(v) for v in values], *p.args()], dps, False, f"A_{i}")
    return Membership(f"A_{i}", member, margin, is_exact, dps)


# --- symmetric equilibria along the ratio vector -------------------------------------------

_MEANING = {"S": "dV_{i}/dn_{i} = 0 (edge of S_{i})", "A": "V_{i} = V_{i}(0) (edge of A_{i})"}


def _describe(name: str) -> str:
    if name == "s>0":
        return "s > 0"
    kind, i = name.split("_")
    return f"{name}: " + _MEANING[kind].format(i=i)


@dataclass
class ScaleInterval:
    """Scales s of symmetric Nash equilibria n = s (N_1..N_I) (J = 1/s clusters).

    `s_hi` None means unbounded; `lo_binding`/`hi_binding` name the conditions that hold with
    equality at each end ("S_i": dV_i/dn_i = 0, excluded; "A_i": V_i = V_i(0), included;
    "s>0")."""

    s_lo: mpmath.mpf
    s_hi: mpmath.mpf | None
    lo_closed: bool
    hi_closed: bool
    lo_binding: tuple
    hi_binding: tuple

    def to_dict(self, totals, dps: int) -> dict:
        with mpmath.workdps(dps):
            return self._to_dict(totals, dps)

    def _to_dict(self, totals, dps: int) -> dict:
        def n_at(s):
            return None if s is None else fmts([s * _mpf(N) for N in totals], dps)
        return {"s_lo": fmt(self.s_lo, dps), "s_hi": fmt(self.s_hi, dps),
                "lo_closed": self.lo_closed, "hi_closed": self.hi_closed,
                "lo_binding": [_describe(b) for b in self.lo_binding],
                "hi_binding": [_describe(b) for b in self.hi_binding],
                "n_lo": n_at(self.s_lo), "n_hi": n_at(self.s_hi),
                "clusters_lo": fmt(None if self.s_hi is None else 1 / self.s_hi, dps),
                "clusters_hi": fmt(None if self.s_lo == 0 else 1 / self.s_lo, dps)}


@dataclass
class SymmetricEquilibria:
    """The set {s > 0 : s (N_1..N_I) in every S_i and every A_i} (Section V.B), as intervals."""

    totals: tuple
    intervals: tuple
    method: str
    residual: mpmath.mpf           # max |binding function| at the finite end points
    agreed_digits: int
    dps: int
    relative_residual: mpmath.mpf | None = None  # max |f(s)| / |f'(s) s| (numeric.acceptance)

    @property
    def empty(self) -> bool:
        return not self.intervals

    def to_dict(self) -> dict:
        d = self.dps
        return {"totals": [decimal_string(x) for x in self.totals], "empty": self.empty,
                "intervals": [iv.to_dict(self.totals, d) for iv in self.intervals], "method": self.method,
                "residual": fmt(self.residual, 5), "agreed_digits": self.agreed_digits, "dps": d}


def _ray_conditions(p, N):
    """[(name, exact expression in s or None, f(s), df(s))] for every S_i and A_i."""
    funcs = C.ray_functions(p.spec)
    values = {**p.exact_map(), **dict(zip(hs.N_total(p.I), N))}
    out = []
    for entry in funcs:
        for name, (expr, f, df) in entry.items():
            out.append((name, _substituted(expr, values), f, df))
    return out


def _equilibrium_intervals(p, N, conditions, exact_path: bool):
    """The intervals at the current precision; returns (intervals, breakpoints)."""
    args = p.args()
    Nm = [_mpf(x) for x in N]

    def value(f, s):
        return f(s, *Nm, *args)

    found: list[tuple[mpmath.mpf, str]] = []
    for name, expr, f, df in conditions:
        roots = polynomial_roots(expr, C.S) if exact_path else None
        if roots is None:
            lo = mpmath.mpf(10) ** -8 / max(Nm)
            hi = mpmath.mpf(10) ** 8 / min(Nm)
            roots = scanned_roots(lambda s: value(f, s), lambda s: value(df, s), lo, hi, points=641)
        found += [(r.value, name) for r in roots]
    found.sort(key=lambda x: x[0])
    tol = mpmath.mpf(10) ** (-(mpmath.mp.dps - GUARD) // 2)
    points: list[tuple[mpmath.mpf, set]] = []
    for r, name in found:
        if points and abs(r - points[-1][0]) <= tol * max(1, abs(r)):
            points[-1][1].add(name)
        else:
            points.append((r, {name}))

    def member_at(s, on: set) -> bool:
        for name, _expr, f, _df in conditions:
            if name in on:
                if name.startswith("S"):
                    return False
                continue
            v = value(f, s)
            if name.startswith("S") and not v < 0:
                return False
            if name.startswith("A") and not v >= 0:
                return False
        return True

    rs = [r for r, _ in points]
    if rs:
        probes = [rs[0] / 2, *[(a + b) / 2 for a, b in zip(rs, rs[1:])], rs[-1] * 2]
    else:
        probes = [mpmath.mpf(1)]
    # the sequence piece_0, point_1, piece_1, ..., point_m, piece_m
    seq = []
    for k, probe in enumerate(probes):
        seq.append(("piece", k, member_at(probe, set())))
        if k < len(points):
            seq.append(("point", k, member_at(points[k][0], points[k][1])))
    intervals = []
    k = 0
    while k < len(seq):
        if not seq[k][2]:
            k += 1
            continue
        start = k
        while k + 1 < len(seq) and seq[k + 1][2]:
            k += 1
        end = k
        kind, idx, _ = seq[start]
        if kind == "piece" and idx == 0:
            s_lo, lo_closed, lo_bind = mpmath.mpf(0), False, ("s>0",)
        elif kind == "piece":
            s_lo, lo_closed, lo_bind = points[idx - 1][0], False, tuple(sorted(points[idx - 1][1]))
        else:
            s_lo, lo_closed, lo_bind = points[idx][0], True, tuple(sorted(points[idx][1]))
        kind, idx, _ = seq[end]
        if kind == "piece" and idx == len(points):
            s_hi, hi_closed, hi_bind = None, False, ()
        elif kind == "piece":
            s_hi, hi_closed, hi_bind = points[idx][0], False, tuple(sorted(points[idx][1]))
        else:
            s_hi, hi_closed, hi_bind = points[idx][0], True, tuple(sorted(points[idx][1]))
        intervals.append(ScaleInterval(s_lo, s_hi, lo_closed, hi_closed, lo_bind, hi_bind))
        k += 1
    return intervals


def symmetric_equilibria(params, totals, dps: int = 50) -> SymmetricEquilibria:
    """The symmetric Nash equilibria on the ratio vector (V.1): all s > 0 such that
    n = s (N_1..N_I) lies in every S_i (dV_i/dn_i < 0) and every A_i (V_i >= V_i(0)).

    Usually one interval (s_lo, s_hi] (stability binds below, autarky above); returned as a
    tuple of intervals (empty when there is no equilibrium), each end point with the
    conditions that bind there. J = 1/s is the number of clusters (not rounded).
    """
    p = as_cluster_params(params)
    check_dps(dps)
    N = exact_vector(totals, p.I, "totals")
    with budget("symmetric equilibria"):
        return _symmetric_equilibria(p, N, dps)


def _symmetric_equilibria(p, N, dps) -> SymmetricEquilibria:
    conditions = _ray_conditions(p, N)
    exact_path = _all_polynomial(conditions)
    method = ("exact: rational polynomials in s, real roots isolated by SymPy and refined"
              if exact_path else "sign scan on a geometric grid (model not polynomial in s; not rigorous)")

    def once(digits):
        with mpmath.workdps(digits + GUARD):
            return _equilibrium_intervals(p, N, conditions, exact_path)

    low = once(dps)
    high = once(2 * dps)
    with mpmath.workdps(dps):
        intervals = []
        for iv in low:
            lo, hi = rounded([iv.s_lo], dps)[0], (None if iv.s_hi is None else rounded([iv.s_hi], dps)[0])
            intervals.append(ScaleInterval(lo, hi, iv.lo_closed, iv.hi_closed, iv.lo_binding, iv.hi_binding))
        residual = mpmath.mpf(0)
        args = p.args()
        Nm = [_mpf(x) for x in N]
        fns = {name: (f, df) for name, _e, f, df in conditions}
        pairs = []
        for iv in intervals:
            for s, names in ((iv.s_lo, iv.lo_binding), (iv.s_hi, iv.hi_binding)):
                for name in names:
                    if name in fns and s is not None:
                        f, df = fns[name]
                        r = f(s, *Nm, *args)
                        residual = max(residual, abs(r))
                        pairs.append((r, df(s, *Nm, *args) * s))
    if [(a.lo_binding, a.hi_binding) for a in low] != [(b.lo_binding, b.hi_binding) for b in high]:
        digits = 0
    else:
        lo_vals = [v for iv in intervals for v in (iv.s_lo, iv.s_hi)]
        hi_vals = [v for iv in high for v in (iv.s_lo, iv.s_hi)]
        digits = agreement(lo_vals, hi_vals, dps)
    with mpmath.workdps(dps):
        relative = _relative(pairs)
    return SymmetricEquilibria(N, tuple(intervals), method, residual, digits, dps, relative)


def _all_polynomial(conditions) -> bool:
    """Every boundary function is a polynomial in s with rational coefficients."""
    for _name, expr, _f, _df in conditions:
        if not expr.is_polynomial(C.S):
            return False
        if not sp.Poly(expr, C.S).domain.is_QQ and not sp.Poly(expr, C.S).domain.is_ZZ:
            return False
    return True


# --- specialized cities (Section VI) -------------------------------------------------------

@dataclass
class SpecializedCities:
    """Section VI for types i and k: V_i^k(n) is type-i utility in a city of n type-k workers.

    n_S = n_i^S = argmax V_i^i; n_A = n_i^A > n_i^S with V_i^i(n_i^A) = V_i^i(0); n_S_other =
    n_k^S; n_C = n_i^C > n_i^S with V_i^i(n_i^C) = V_i^k(n_k^S) (None if V_i^k(n_k^S) exceeds
    V_i^i(n_i^S)); assumption3_margin = V_i^i(n_i^A) - V_i^k(n_k^S) (Assumption 3, (VI.2),
    holds for this pair when >= 0)."""

    i: int
    k: int
    n_S: mpmath.mpf
    n_A: mpmath.mpf | None
    n_S_other: mpmath.mpf
    n_C: mpmath.mpf | None
    utility_at_n_S: mpmath.mpf       # V_i^i(n_i^S)
    autarky_utility: mpmath.mpf      # V_i^i(0) = V_i(0)
    utility_at_n_C: mpmath.mpf | None  # V_i^i(n_i^C) = V_i^k(n_k^S)
    other_city_utility: mpmath.mpf   # V_i^k(n_k^S)
    assumption3_margin: mpmath.mpf | None
    exact: dict                      # the quantities known exactly (rationals), by field name
    residual: mpmath.mpf
    agreed_digits: int
    dps: int
    relative_residual: mpmath.mpf | None = None  # max |f(x)| / |f'(x) x| (numeric.acceptance)

    def to_dict(self) -> dict:
        d = self.dps
        return {"i": self.i, "k": self.k, "n_S": fmt(self.n_S, d), "n_A": fmt(self.n_A, d),
                "n_S_other": fmt(self.n_S_other, d), "n_C": fmt(self.n_C, d),
                "utility_at_n_S": fmt(self.utility_at_n_S, d), "autarky_utility": fmt(self.autarky_utility, d),
                "utility_at_n_C": fmt(self.utility_at_n_C, d),
                "other_city_utility": fmt(self.other_city_utility, d),
                "assumption3_margin": fmt(self.assumption3_margin, d),
                "exact": {k: decimal_string(v) for k, v in self.exact.items()},
                "residual": fmt(self.residual, 5), "agreed_digits": self.agreed_digits, "dps": d}


def _specialized_max(p, j: int) -> Root:
    """n_j^S = argmax_{n > 0} V_j^j(n)."""
    expr, f, df, d2f = C.specialized_functions(p.spec, j, j)
    args = p.args()
    e = _substituted(expr, p.exact_map())
    de = sp.diff(e, C.S)
    roots = polynomial_roots(de, C.S) if de.is_polynomial(C.S) else None
    if roots is not None:
        if sp.Poly(e, C.S).LC() > 0:
            raise NoInteriorOptimum("n^S", f"n_{j}^S: V_{j}^{j}(n) is unbounded above as n grows; "
                                           "no optimal specialized city")
    else:
        roots = scanned_roots(lambda s: df(s, *args), lambda s: d2f(s, *args),
                              mpmath.mpf(10) ** -8, mpmath.mpf(10) ** 8, points=641)
    maxima = [r for r in roots if d2f(r.value, *args) < 0]
    if not maxima:
        if de.is_polynomial(C.S):
            raise NoInteriorOptimum("n^S", f"n_{j}^S: V_{j}^{j}(n) has no interior maximum for n > 0")
        raise NoInteriorOptimum("n^S", f"n_{j}^S: no interior maximum of V_{j}^{j}(n) found for n in [1e-8, 1e8] "
                                       "(sign scan of dV/dn on a geometric grid; not rigorous outside it)")
    return max(maxima, key=lambda r: f(r.value, *args))


def _first_root_above(expr_exact: sp.Expr | None, f, df, start: Root):
    """The smallest root > start of a function: exact isolation when `expr_exact` is a rational
    polynomial, else the first sign change by doubling (f(start) > 0)."""
    if expr_exact is not None and expr_exact.is_polynomial(C.S):
        roots = polynomial_roots(expr_exact, C.S)
        if roots is not None:
            above = [r for r in roots if (r.exact is not None and start.exact is not None and r.exact > start.exact)
                     or (not (r.exact is not None and start.exact is not None) and r.value > start.value)]
            return above[0] if above else None
    value = first_crossing_above(f, df, start.value)
    return None if value is None else Root(value)


def _specialized_once(p, i: int, k: int):
    args = p.args()
    exact_map = p.exact_map()
    e_ii, f_ii, df_ii, _ = C.specialized_functions(p.spec, i, i)
    e_ik, f_ik, _, _ = C.specialized_functions(p.spec, i, k)
    nS = _specialized_max(p, i)
    nS_k = _specialized_max(p, k)
    ii = _substituted(e_ii, exact_map)
    ik = _substituted(e_ik, exact_map)
    aut_exact = ii.subs(C.S, 0)
    autarky = f_ii(mpmath.mpf(0), *args)
    nA = _first_root_above(sp.expand(ii - aut_exact), lambda s: f_ii(s, *args) - autarky,
                           lambda s: df_ii(s, *args), nS)
    target = f_ik(nS_k.value, *args)
    target_exact = None
    if nS_k.exact is not None:
        candidate = ik.subs(C.S, nS_k.exact)
        if candidate.is_Rational:
            target_exact = candidate
    top = f_ii(nS.value, *args)
    if target < top:
        nC = _first_root_above(None if target_exact is None else sp.expand(ii - target_exact),
                               lambda s: f_ii(s, *args) - target, lambda s: df_ii(s, *args), nS)
    else:
        nC = None
    exact_values = {}
    for name, root in (("n_S", nS), ("n_A", nA), ("n_S_other", nS_k), ("n_C", nC)):
        if root is not None and root.exact is not None:
            exact_values[name] = root.exact
    if target_exact is not None:
        exact_values["other_city_utility"] = target_exact
    if aut_exact.is_Rational:
        exact_values["autarky_utility"] = aut_exact
    return nS, nA, nS_k, nC, exact_values


def specialized(params, i: int, k: int, dps: int = 50) -> SpecializedCities:
    """The specialized-city quantities of Section VI for type i and another type k."""
    p = as_cluster_params(params)
    check_type(i, p.I)
    check_type(k, p.I, "k")
    if i == k:
        raise InvalidParameter("k", k, f"must differ from i = {i}")
    check_dps(dps)
    what = f"specialized cities for types {i} and {k}"
    _autarky_finite(p, i, what)
    with budget(what):
        return _specialized(p, i, k, dps)


def _specialized(p, i: int, k: int, dps: int) -> SpecializedCities:
    def once(digits):
        with mpmath.workdps(digits + GUARD):
            return _specialized_once(p, i, k)

    nS, nA, nS_k, nC, exact_values = once(dps)
    high = once(2 * dps)
    with mpmath.workdps(dps):
        args = p.args()
        _, f_ii, df_ii, _ = C.specialized_functions(p.spec, i, i)
        _, f_kk, df_kk, _ = C.specialized_functions(p.spec, k, k)
        _, f_ik, _, _ = C.specialized_functions(p.spec, i, k)
        vals = rounded([r.value if r is not None else mpmath.mpf(0) for r in (nS, nA, nS_k, nC)], dps)
        n_S, n_A, n_S_k, n_C = [v if r is not None else None for v, r in zip(vals, (nS, nA, nS_k, nC))]
        autarky = f_ii(mpmath.mpf(0), *args)
        target = f_ik(n_S_k, *args)
        top = f_ii(n_S, *args)
        d2f_ii = C.specialized_functions(p.spec, i, i)[3]
        d2f_kk = C.specialized_functions(p.spec, k, k)[3]
        pairs = [(df_ii(n_S, *args), d2f_ii(n_S, *args) * n_S), (df_kk(n_S_k, *args), d2f_kk(n_S_k, *args) * n_S_k)]
        if n_A is not None:
            pairs.append((f_ii(n_A, *args) - autarky, df_ii(n_A, *args) * n_A))
        at_C = None
        if n_C is not None:
            at_C = f_ii(n_C, *args)
            pairs.append((at_C - target, df_ii(n_C, *args) * n_C))
        residuals = [abs(r) for r, _ in pairs]
        relative = _relative(pairs)
        margin = None if n_A is None else f_ii(n_A, *args) - target
        if margin is not None and "n_A" in exact_values and "other_city_utility" in exact_values:
            exact_values["assumption3_margin"] = (
                _substituted(C.specialized_functions(p.spec, i, i)[0], p.exact_map()).subs(C.S, exact_values["n_A"])
                - exact_values["other_city_utility"])
            margin = _mpf(exact_values["assumption3_margin"])
    digits = agreement([n_S, n_A, n_S_k, n_C], [r.value if r is not None else None for r in high[:4]], dps)
    return SpecializedCities(i, k, n_S, n_A, n_S_k, n_C, top, autarky, at_C, target, margin, exact_values,
                             max(residuals), digits, dps, relative)


# --- partitions (Section VII) --------------------------------------------------------------

@dataclass
class PartitionType:
    """One type in a symmetric partition: its city (group), V_i there and at autarky, the
    margin of (VII.1)-(VII.2), dV_i/dn_i there (S_i: < 0), and the best utility in a city of
    another group (which holds no type-i workers: the deviation of Proposition 4's proof)."""

    type: int
    group: tuple
    utility: mpmath.mpf
    autarky_utility: mpmath.mpf
    margin: mpmath.mpf               # V_i(own city) - V_i(0)
    stability_margin: mpmath.mpf     # dV_i/dn_i in the own city
    best_deviation: mpmath.mpf | None  # max V_i over the other groups' cities (None if K = 1)

    @property
    def no_profitable_move(self) -> bool:
        """In S_i, at least autarky, and no better city of another group."""
        return (self.stability_margin < 0 and self.margin >= 0
                and (self.best_deviation is None or self.utility >= self.best_deviation))

    def to_dict(self, dps: int) -> dict:
        return {"type": self.type, "group": list(self.group), "utility": fmt(self.utility, dps),
                "autarky_utility": fmt(self.autarky_utility, dps), "margin": fmt(self.margin, dps),
                "stability_margin": fmt(self.stability_margin, dps),
                "best_deviation": fmt(self.best_deviation, dps),
                "no_profitable_move": self.no_profitable_move}


@dataclass
class PartitionAllocation:
    """Each group's city holds all N_k of its members and none of the others (Section VII.A)."""

    partition: tuple
    totals: tuple
    cities: tuple                    # the composition (n_1..n_I) of each group's city
    types: tuple                     # PartitionType for i = 1..I
    residual: mpmath.mpf             # 0: evaluations only, nothing is solved
    agreed_digits: int
    dps: int

    def to_dict(self) -> dict:
        d = self.dps
        return {"partition": [list(g) for g in self.partition],
                "totals": [decimal_string(x) for x in self.totals],
                "cities": [[decimal_string(x) for x in c] for c in self.cities],
                "types": [t.to_dict(d) for t in self.types], "residual": fmt(self.residual, 5),
                "agreed_digits": self.agreed_digits, "dps": d}


def _partition_once(p, groups, N):
    args = p.args()
    Nm = [_mpf(x) for x in N]
    I = p.I
    zeros = [mpmath.mpf(0)] * I
    utilities = C.utilities(p.spec)
    stability = C.stability_functions(p.spec)
    out = []
    for i in range(1, I + 1):
        own = next(g for g in groups if i in g)
        V = C.partition_functions(p.spec, i, tuple(sorted(own)))(*Nm, *args)
        aut = utilities[i - 1](*zeros, *args)
        city = [Nm[k] if (k + 1) in own else mpmath.mpf(0) for k in range(I)]
        stab = stability[i - 1](*city, *args)
        others = [C.partition_functions(p.spec, i, tuple(sorted(g)))(*Nm, *args) for g in groups if g is not own]
        out.append(PartitionType(i, own, V, aut, V - aut, stab, max(others) if others else None))
    return out


def partition_utilities(params, partition, totals, dps: int = 50) -> PartitionAllocation:
    """Utilities of the symmetric partition allocation (Section VII.A): for each group P of the
    partition (types counted from 1, e.g. [[1, 2], [3, 4]]), a city holding all N_k workers
    of each k in P; for each type i, V_i in its city minus V_i(0), as in (VII.1)-(VII.2)."""
    p = as_cluster_params(params)
    check_dps(dps)
    groups = check_partition(partition, p.I)
    N = exact_vector(totals, p.I, "totals")
    for i in range(1, p.I + 1):
        _autarky_finite(p, i, "partition allocation")

    def once(digits):
        with mpmath.workdps(digits + GUARD):
            return _partition_once(p, groups, N)

    low = once(dps)
    high = once(2 * dps)

    def flat(types):
        return [v for t in types for v in (t.utility, t.autarky_utility, t.stability_margin, t.best_deviation)]
    with mpmath.workdps(dps):
        types = []
        for t in low:
            u, a, s, b = rounded([t.utility, t.autarky_utility, t.stability_margin,
                                  t.best_deviation if t.best_deviation is not None else mpmath.mpf(0)], dps)
            types.append(PartitionType(t.type, t.group, u, a, u - a, s, b if t.best_deviation is not None else None))
    cities = tuple(tuple(N[k] if (k + 1) in g else sp.Integer(0) for k in range(p.I)) for g in groups)
    return PartitionAllocation(groups, N, cities, tuple(types), mpmath.mpf(0),
                               agreement(flat(types), flat(high), dps), dps)
