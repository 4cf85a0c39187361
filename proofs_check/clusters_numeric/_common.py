"""Helpers shared by the hs2012 numeric checks: exact evaluation, the float64 optima cache,
the (A.1) parameter map and shrinking."""
from __future__ import annotations

import mpmath
import numpy as np
import sympy as sp

from numeric.clusters.batch import compiled, maximise_float, polish
from symbolic import clusters as hs
from ..families import box_side, common, rows

__all__ = ["R", "E", "_exact_fn", "_mpf", "_key", "_start", "_FLOAT", "_float_optima", "_float_optimum",
           "_groups", "_optimum", "_box", "_params", "_shrink_a1"]

R = sp.Rational
E = hs.example_model


def _exact_fn(expr: sp.Expr, args):
    """expr as a function of `args` evaluated in exact rational arithmetic (by substitution:
    the code printers turn a Rational 1/2 into a float division)."""
    expr = sp.sympify(expr)

    def f(*values):
        return expr.xreplace(dict(zip(args, values)))
    return f


def _mpf(q) -> mpmath.mpf:
    return mpmath.mpf(q.p) / q.q


def _key(p: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, (list, tuple)) else v) for k, v in p.items()))


def _start(p: dict, rows_used, weights) -> np.ndarray:
    """A start for the ascent: the gamma = 0 (no cross term) optimum where it is explicit."""
    I, f = p["I"], p["family"]
    t = float(p["t"])  # a start only: the polish at dps takes the exact parameters
    if f == "A.1":
        lin = [sum(float(w) * float(r[k]) for w, r in zip(weights, rows_used)) * float(p["alpha"]) - t
               for k in range(I)]
        x = [max(v / float(p["beta"]), 1e-3) for v in lin]
    elif f == "quadratic":
        lin = [sum(float(w) * float(r[k]) for w, r in zip(weights, rows_used)) - t for k in range(I)]
        x = [max(v / float(p[f"b_{k + 1}"]), 1e-3) for k, v in enumerate(lin)]
    else:
        x = [1.0] * I
    return np.array(x, dtype=float).reshape(I, 1)


_FLOAT: dict = {}  # (point key, weights, rows) -> float64 maximiser or None, per process


def _float_optima(points: list, weights_of, which: tuple) -> None:
    """Float64 maximisers of sum_w weights[w] g(n; row_{which[w]}) - tN for many draws of one
    family and I at once (the screen), into the cache `_FLOAT`."""
    todo = [p for p in points if (_key(p), tuple(weights_of(p)), which) not in _FLOAT]
    if not todo:
        return
    p0 = todo[0]
    C = compiled(p0["family"], p0["I"])
    # the float64 screen's own copies of the exact parameters
    col = lambda values: np.array([float(v) for v in values])  # noqa: E731
    R_len = len(rows(p0, 1))
    rows_used = [tuple(col([rows(p, i)[r] for p in todo]) for r in range(R_len)) for i in which]
    wts = [col([weights_of(p)[w] for p in todo]) for w in range(len(which))]
    cm = tuple(col([common(p)[c] for p in todo]) for c in range(len(common(p0))))
    x0 = np.hstack([_start(p, [rows(p, i) for i in which], weights_of(p)) for p in todo])
    x, ok = maximise_float(C, rows_used, wts, cm, col([p["t"] for p in todo]), x0)
    for d, p in enumerate(todo):
        _FLOAT[(_key(p), tuple(weights_of(p)), which)] = tuple(x[:, d]) if ok[d] else None


def _float_optimum(key: tuple, weights: tuple, which: tuple) -> tuple | None:
    """The float64 maximiser for one draw (from the cache, else solved alone)."""
    if (key, weights, which) not in _FLOAT:
        _float_optima([dict(key)], lambda p: weights, which)
    return _FLOAT[(key, weights, which)]


def _groups(points: list) -> dict:
    out: dict = {}
    for k, p in enumerate(points):
        out.setdefault((p["family"], p["I"]), []).append(k)
    return out


def _optimum(p: dict, weights: tuple, which: tuple, dps: int, reading: str):
    """The maximiser at dps digits, or (None, why) when there is no interior maximum in the
    reading's region (the conclusion's object does not exist)."""
    x = _float_optimum(_key(p), tuple(weights), tuple(which))
    if x is None:
        return None, "the float64 ascent found no interior strict local maximum"
    C = compiled(p["family"], p["I"])
    pol = polish(C, [rows(p, i) for i in which], weights, common(p), p["t"], x, dps,
                 all_rows=[rows(p, i) for i in range(1, p["I"] + 1)])
    if not pol.strict_local_maximum:
        return None, "the stationary point is not an interior strict local maximum"
    return pol, ""


_box = box_side



def _params(p: dict) -> dict:
    return {k: v for k, v in p.items() if k in ("alpha", "beta", "gamma", "t") or k.startswith("theta^")}



def _fewer_types(p: dict) -> dict | None:
    """The (A.1) point with type I dropped (its theta row and column, its entry of every per-type
    vector), or None at I = 2 or without an `I`."""
    I = p.get("I")
    if not isinstance(I, int) or I <= 2:
        return None
    out = {"I": I - 1}
    for key, value in p.items():
        if key == "I":
            continue
        if key.startswith("theta^") and str(I) in key[len("theta^"):].split("_"):
            continue
        out[key] = tuple(value[:-1]) if isinstance(value, tuple) and len(value) == I else value
    return out


def _rounded(value, places: int):
    if isinstance(value, tuple):
        return tuple(_rounded(v, places) for v in value)
    if isinstance(value, sp.Rational) and not isinstance(value, sp.Integer):
        return R(int(sp.floor(value * 10 ** places + R(1, 2))), 10 ** places)
    return value


def _shrink_a1(p: dict):
    """Simpler (A.1) points: one type fewer (smaller I), then every number with fewer decimals
    (0, 1, 2 places; inside per-type vectors too)."""
    smaller = _fewer_types(p)
    if smaller is not None:
        yield smaller
    for places in (0, 1, 2):
        q = {k: _rounded(v, places) for k, v in p.items()}
        if q != p:
            yield q


