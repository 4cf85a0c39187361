"""hs2012's general-g_i parameter spaces: samplers and exact assumption predicates per family.

The families are those of `symbolic.cluster_families` ((A.1), a quadratic form with cross
terms, Cobb-Douglas, and CES-type power terms with a common Cobb-Douglas cross term), each
with c(N) = tN. A point is a dict: "family", "I", "t" and each parameter by its symbol's
name ("theta^1_2", "a^1_2", "b_1", "c_1_2", "A_1", "e^1_2", "w^1_2", "rho", "sigma",
"alpha", "beta", "gamma"), every value an exact decimal Rational.

Section III's assumptions on g_i (after (III.1)): dg_i/dn_k > 0, d2g_i/dn_k^2 < 0,
d2g_i/dn_k dn_k' > 0 and g_i strictly concave. The paper states them with no region, so two
readings are tested:

- "orthant": on all of n > 0, the words taken literally;
- "region": on the part of n >= 0 that the argument uses: the convex hull of the diagonal
  segment up to the optima's scale and the optima (see `region_ok`); Assumption 1 on that
  diagonal segment.

The predicates below decide each assumption exactly from the parameters (rational
arithmetic), by the hand derivations in their docstrings; tests/proofs_check/test_families.py
holds each against SymPy's derivatives at sampled points.
"""
from __future__ import annotations

import random
from typing import Iterator

import sympy as sp

from symbolic.cluster_families import FAMILIES, row_template
from .draws import edge_decimal

__all__ = ["FAMILIES", "READINGS", "family_point", "rows", "common", "section3", "assumption1",
           "assumption2", "region_bound", "region_ok", "concave_on_box", "box_side", "shrink_family_point",
           "global_certificate"]

READINGS = ("orthant", "region")
R = sp.Rational


def _idx(I: int):
    return range(1, I + 1)


# --- samplers ------------------------------------------------------------------------------

def _diagonal(rng, off: dict, I: int, require: tuple[str, ...], lo: str = "0", hi: str = "1.5") -> dict:
    """Own entries above the off-diagonal ones of their row (A1) and/or column (A2)."""
    out = {}
    for i in _idx(I):
        floor = []
        if "A1" in require:
            floor += [off[(i, s)] for s in _idx(I) if s != i]
        if "A2" in require:
            floor += [off[(s, i)] for s in _idx(I) if s != i]
        base = max(floor) if floor else min(off.values())
        out[i] = base + edge_decimal(rng, lo, hi, open_low=True)
    return out


def family_point(rng: random.Random, family: str, I: int, require: tuple[str, ...] = ("A1",)) -> dict:
    """A point of `family` with I industries; `require` ("A1", "A2") orders the own-industry
    coefficients so that Assumption 1 and/or 2 can hold (they are still checked exactly)."""
    p: dict = {"family": family, "I": I}
    if family == "A.1":
        alpha = edge_decimal(rng, "0.5", "4")
        p.update(alpha=alpha, t=edge_decimal(rng, "0.05", str(alpha), open_high=True),
                 beta=edge_decimal(rng, "0.2", "3"))
        off = {(i, s): edge_decimal(rng, "1", "3", open_low=True) for i in _idx(I) for s in _idx(I) if i != s}
        diag = _diagonal(rng, off, I, require)
        for (i, s), v in off.items():
            p[f"theta^{i}_{s}"] = v
        for i, v in diag.items():
            p[f"theta^{i}_{i}"] = v
        # gamma up to (a little beyond) the Gershgorin bound of the region reading
        U = region_bound(p)
        bound = p["beta"] / ((I - 1) * U ** (I - 2))
        p["gamma"] = max(R(1, 1000), _decimal(bound * edge_decimal(rng, "0", "1.2", open_low=True), 3))
    elif family == "quadratic":
        # curvatures spread around a common level: with very different b_s Assumption 1 fails
        # along the diagonal of any box holding the optima
        level = edge_decimal(rng, "0.5", "3")
        b = {s: level + edge_decimal(rng, "0", "0.5") for s in _idx(I)}
        cap = min(b.values()) / (I - 1)
        for s in _idx(I):
            p[f"b_{s}"] = b[s]
        for s in _idx(I):
            for q in range(s + 1, I + 1):
                p[f"c_{s}_{q}"] = cap * edge_decimal(rng, "0", "1.05", open_low=True)
        off = {(i, s): edge_decimal(rng, "1", "10") for i in _idx(I) for s in _idx(I) if i != s}
        diag = _diagonal(rng, off, I, require, "0", "6")
        for (i, s), v in off.items():
            p[f"a^{i}_{s}"] = v
        for i, v in diag.items():
            p[f"a^{i}_{i}"] = v
        p["t"] = edge_decimal(rng, "0.05", "1")
    elif family == "cobb-douglas":
        for i in _idx(I):
            total = edge_decimal(rng, "0.05", "0.9")  # sums near 1 put the optimum beyond 1e300
            raw = {s: edge_decimal(rng, "0", "1", open_low=True) for s in _idx(I)}
            if "A1" in require:  # the own exponent largest in its row
                raw[i] = max(raw.values()) + edge_decimal(rng, "0", "1", open_low=True)
            scale = total / sum(raw.values())
            for s in _idx(I):
                p[f"e^{i}_{s}"] = _decimal(raw[s] * scale, 4)
            p[f"A_{i}"] = edge_decimal(rng, "0.5", "5")
        p["t"] = edge_decimal(rng, "0.05", "2")
    elif family == "power-cross":
        # rho, sigma near 1 put the optimum beyond float64's range ((w rho / t)^(1/(1-rho)))
        p.update(rho=edge_decimal(rng, "0", "0.9", open_low=True),
                 sigma=edge_decimal(rng, "0", "0.9", open_low=True),
                 gamma=edge_decimal(rng, "0", "2", open_low=True))
        off = {(i, s): edge_decimal(rng, "0.1", "3") for i in _idx(I) for s in _idx(I) if i != s}
        diag = _diagonal(rng, off, I, require, "0", "2")
        for (i, s), v in off.items():
            p[f"w^{i}_{s}"] = v
        for i, v in diag.items():
            p[f"w^{i}_{i}"] = v
        p["t"] = edge_decimal(rng, "0.05", "2")
    else:
        raise ValueError(f"family={family!r}: must be one of {', '.join(FAMILIES)}")
    return p


def _decimal(q, places: int) -> sp.Rational:
    """q rounded half-up to `places` decimals, kept positive (a draw on the decimal grid)."""
    scale = 10 ** places
    k = int(sp.floor(sp.Rational(q) * scale + R(1, 2)))
    return R(max(k, 1), scale)


# --- the template's arguments --------------------------------------------------------------

def rows(p: dict, i: int) -> tuple[sp.Rational, ...]:
    """The row of industry i, in the order of `row_template(family, I).rows(i)`."""
    T = row_template(p["family"], p["I"])
    return tuple(p[s.name] for s in T.rows(i))


def common(p: dict) -> tuple[sp.Rational, ...]:
    T = row_template(p["family"], p["I"])
    return tuple(p[s.name] for s in T.common)


# --- the region and the assumptions --------------------------------------------------------

def region_bound(p: dict) -> sp.Rational | None:
    """U*, the side of the largest cube [0, U*)^I on which every dg_i/dn_k > 0 (region
    reading); None for families whose marginal products are positive on all of n > 0.

    (A.1): dg_i/dn_k = theta^i_k alpha - beta n_k + gamma prod_{s != k} n_s >= theta^i_k alpha
    - beta n_k, positive for n_k < theta^i_k alpha / beta, so U* = min theta^i_k alpha / beta
    (the bound is attained at n = U* e_k). Quadratic: dg_i/dn_k = a^i_k - b_k n_k + sum c n_s,
    likewise U* = min a^i_k / b_k."""
    I, f = p["I"], p["family"]
    if f == "A.1":
        return min(p[f"theta^{i}_{k}"] for i in _idx(I) for k in _idx(I)) * p["alpha"] / p["beta"]
    if f == "quadratic":
        return min(p[f"a^{i}_{k}"] / p[f"b_{k}"] for i in _idx(I) for k in _idx(I))
    return None


def _positive_definite(M: list[list[sp.Rational]]) -> bool:
    """Exact: every leading principal minor positive (Sylvester), by fraction elimination."""
    A = [row[:] for row in M]
    n = len(A)
    for c in range(n):
        if A[c][c] <= 0:
            return False
        for r in range(c + 1, n):
            f = A[r][c] / A[c][c]
            for k in range(c, n):
                A[r][k] -= f * A[c][k]
    return True


def section3(p: dict, reading: str) -> bool:
    """Section III's assumptions on g_i (positive marginal products, own concavity, positive
    cross-partials, strict concavity) on the reading's region, decided exactly.

    (A.1): on n > 0 dg_i/dn_k < 0 once n_k > (theta^i_k alpha + gamma prod)/beta along an
    axis, so the orthant reading fails; on the region the Hessian (diagonal -beta,
    off-diagonal gamma prod_{s != k, k'} n_s <= gamma U*^(I-2)) is negative definite by
    Gershgorin when beta > (I - 1) gamma U*^(I-2) (a sufficient test: a draw it cannot certify
    is counted as missing the hypotheses). Quadratic: likewise no orthant; the Hessian is
    -B, B = diag(b) - (c), negative definite iff B is positive definite (exact Sylvester).
    Cobb-Douglas: with e^i_s > 0 and sum_s e^i_s < 1 every assumption holds on n > 0 (the
    Hessian is negative definite exactly then). Power-cross: 0 < rho < 1, 0 < sigma < 1 and
    positive w, gamma make each own term strictly concave and the cross term concave and
    supermodular, on n > 0."""
    if reading not in READINGS:
        raise ValueError(f"reading={reading!r}: must be one of {', '.join(READINGS)}")
    I, f = p["I"], p["family"]
    if f == "A.1":
        if reading == "orthant":
            return False
        # I = 2: the Hessian is constant; I > 2: decided on the box by `region_ok`
        return I > 2 or bool(p["beta"] > p["gamma"])
    if f == "quadratic":
        if reading == "orthant":
            return False
        B = [[p[f"b_{s}"] if s == q else -p[f"c_{min(s, q)}_{max(s, q)}"] for q in _idx(I)] for s in _idx(I)]
        return _positive_definite(B)
    if f == "cobb-douglas":
        return all(bool(sum(p[f"e^{i}_{s}"] for s in _idx(I)) < 1) for i in _idx(I))
    return bool(0 < p["rho"] < 1) and bool(0 < p["sigma"] < 1)


def assumption1(p: dict, reading: str) -> bool:
    """Assumption 1 (III.2): dg_i/dn_i > dg_i/dn_k at equal employment n_s = m, every m > 0
    of the reading's region.

    (A.1): the difference is alpha (theta^i_i - theta^i_k) (A.7). Quadratic: (a^i_i - a^i_k)
    + m (s_i - s_k), s_k = -b_k + sum_{s != k} c_s_k, linear in m: positive on (0, U*) iff
    non-negative at both ends and not zero at both (orthant: at 0 and in slope). Cobb-Douglas:
    (e^i_i - e^i_k) g_i / m. Power-cross: (w^i_i - w^i_k) rho m^(rho-1), the symmetric cross
    term cancelling at equal employment."""
    I, f = p["I"], p["family"]
    pairs = [(i, k) for i in _idx(I) for k in _idx(I) if i != k]
    if f == "A.1":
        return all(p[f"theta^{i}_{i}"] > p[f"theta^{i}_{k}"] for i, k in pairs)
    if f == "cobb-douglas":
        return all(p[f"e^{i}_{i}"] > p[f"e^{i}_{k}"] for i, k in pairs)
    if f == "power-cross":
        return all(p[f"w^{i}_{i}"] > p[f"w^{i}_{k}"] for i, k in pairs)
    slope = {k: -p[f"b_{k}"] + sum(p[f"c_{min(s, k)}_{max(s, k)}"] for s in _idx(I) if s != k) for k in _idx(I)}
    U = region_bound(p)
    for i, k in pairs:
        d0 = p[f"a^{i}_{i}"] - p[f"a^{i}_{k}"]
        dk = slope[i] - slope[k]
        if reading == "orthant":
            if not (d0 >= 0 and dk >= 0 and (d0 > 0 or dk > 0)):
                return False
        elif not d0 >= 0:  # the end m = U of the box is checked by `region_ok`
            return False
    return True


def _rational(x) -> sp.Rational:
    """A float or mpf as the exact decimal of its 20 significant digits."""
    import mpmath
    return sp.Rational(mpmath.nstr(mpmath.mpf(x), 20, min_fixed=-mpmath.inf, max_fixed=mpmath.inf))


def _marginal(p: dict, j: int, k: int, n: list) -> sp.Expr:
    """dg_j/dn_k at the exact point n, for the polynomial families."""
    I = p["I"]
    if p["family"] == "A.1":
        rest = sp.Mul(*[n[s - 1] for s in _idx(I) if s != k])
        return p[f"theta^{j}_{k}"] * p["alpha"] - p["beta"] * n[k - 1] + p["gamma"] * rest
    return (p[f"a^{j}_{k}"] - p[f"b_{k}"] * n[k - 1]
            + sum(p[f"c_{min(s, k)}_{max(s, k)}"] * n[s - 1] for s in _idx(I) if s != k))


def concave_on_box(p: dict, U: sp.Rational) -> bool:
    """Every g_j strictly concave on [0, U]^I: (A.1) with I > 2 by Gershgorin, beta > (I - 1)
    gamma U^(I-2) (sufficient); the other families by `section3` (no dependence on the box)."""
    I = p["I"]
    return not (p["family"] == "A.1" and I > 2) or bool(p["beta"] > (I - 1) * p["gamma"] * U ** (I - 2))


def region_ok(p: dict, i: int, optimum) -> bool:
    """The region reading for type i, decided exactly: g_i meets Section III's assumptions
    and Assumption 1 on H_i, the convex hull of the diagonal segment [0, M](1, .., 1) and the
    type-i optimum n* (M = min_k n*_k rounded down to 3 decimals: the equal compositions below
    the optimum): the points that Proposition 1's argument travels, from a perfectly
    diversified composition to the optimum.

    Marginal products of g_i positive on H_i: for the quadratic family and (A.1) with I = 2
    they are linear in n, so positivity at the vertices of H_i (0, M(1..1), n* taken as the
    exact decimal of its 20 digits) is positivity on H_i; for (A.1) with I > 2 the product
    term is >= 0, so theta^i_k alpha - beta U > 0 suffices on the box [0, U]^I (U >= 1.01
    max_k n*_k), which holds H_i. Concavity on that box (`concave_on_box`). Assumption 1 for
    the quadratic family at every equal composition m (1, .., 1), 0 < m <= U, the whole
    diagonal of the box (m = 0 is checked by `assumption1`; the difference is linear in m, so
    the end m = U decides): the most the argument could ask of Assumption 1 below the
    optimum's scale. A draw the tests cannot certify is counted as missing the hypotheses,
    never passed. Cobb-Douglas and power-cross: nothing to add (they meet them on n > 0)."""
    I, f = p["I"], p["family"]
    if f not in ("A.1", "quadratic"):
        return True
    U = box_side([optimum])
    if not concave_on_box(p, U):
        return False
    if f == "A.1" and I > 2:
        return all(bool(p[f"theta^{i}_{k}"] * p["alpha"] - p["beta"] * U > 0) for k in _idx(I))
    import mpmath
    M = sp.Rational(int(mpmath.floor(min(mpmath.mpf(v) for v in optimum) * 1000)), 1000)
    vertices = [[sp.Integer(0)] * I, [M] * I, [_rational(v) for v in optimum]]
    if not all(bool(_marginal(p, i, k, v) > 0) for v in vertices for k in _idx(I)):
        return False
    if f == "A.1":
        return True
    slope = {k: -p[f"b_{k}"] + sum(p[f"c_{min(s, k)}_{max(s, k)}"] for s in _idx(I) if s != k) for k in _idx(I)}
    for k in _idx(I):
        if k != i:
            d0 = p[f"a^{i}_{i}"] - p[f"a^{i}_{k}"]
            dU = d0 + U * (slope[i] - slope[k])
            if not (dU >= 0 and (d0 > 0 or dU > 0)):
                return False
    return True


def box_side(points) -> sp.Rational:
    """A 3-decimal U >= 1.01 times every coordinate of the points (the slack covers a float64
    optimum's error in the screen)."""
    import mpmath
    top = max(max(mpmath.mpf(v) for v in n) for n in points)
    return sp.Rational(int(mpmath.floor(top * 1010)) + 1, 1000)


def assumption2(p: dict, reading: str) -> bool:
    """Assumption 2 (III.3): dg_i/dn_i > dg_k/dn_i at every n > 0 of the region, every k != i.

    (A.1): alpha (theta^i_i - theta^k_i) (A.8). Quadratic (common curvature): a^i_i - a^k_i.
    Power-cross: (w^i_i - w^k_i) rho n_i^(rho-1). Cobb-Douglas: never, for I >= 2: it needs
    e^i_i g_i(n) > e^k_i g_k(n) at every n > 0, and g_i/g_k = (A_i/A_k) prod_s n_s^(e^i_s -
    e^k_s) is unbounded above and below unless the exponent rows agree, when it asks A_i > A_k
    and A_k > A_i at once."""
    I, f = p["I"], p["family"]
    pairs = [(i, k) for i in _idx(I) for k in _idx(I) if i != k]
    if f == "A.1":
        return all(p[f"theta^{i}_{i}"] > p[f"theta^{k}_{i}"] for i, k in pairs)
    if f == "quadratic":
        return all(p[f"a^{i}_{i}"] > p[f"a^{k}_{i}"] for i, k in pairs)
    if f == "power-cross":
        return all(p[f"w^{i}_{i}"] > p[f"w^{k}_{i}"] for i, k in pairs)
    return False


def global_certificate(family: str, reading: str) -> str:
    """How a strict local maximum found by the solver is known to be the global one."""
    if family in ("A.1", "quadratic") and reading == "region":
        return ("V_i is strictly concave on the convex region (certified exactly per draw), so an interior "
                "critical point in it is the unique maximum over the region")
    return ("V_i is strictly concave on the open orthant and continuous on its closure, so an interior "
            "critical point is the unique global maximum over n >= 0")


# --- shrinking -----------------------------------------------------------------------------

def _drop_last(p: dict) -> dict | None:
    I = p["I"]
    if I <= 2:
        return None
    out = {"family": p["family"], "I": I - 1}
    for key, value in p.items():
        if key in ("family", "I"):
            continue
        digits = [int(d) for d in key.replace("^", "_").split("_")[1:] if d.isdigit()]
        if I in digits:
            continue
        out[key] = value
    return out


def shrink_family_point(p: dict) -> Iterator[dict]:
    """Simpler points: one fewer industry, then every parameter with fewer decimals."""
    smaller = _drop_last(p)
    if smaller is not None:
        yield smaller
    for places in (0, 1, 2):
        q = dict(p)
        changed = False
        for key, value in p.items():
            if isinstance(value, sp.Rational):
                r = _decimal(value, places)
                if r != value:
                    q[key], changed = r, True
        if changed:
            yield q
