"""hs2012 for general g_i: Propositions 1 and 2, the steps of Proposition 2's proof and the loci's
intercepts, over the families of symbolic.cluster_families (issue 9)."""
from __future__ import annotations

import random
from functools import lru_cache

import mpmath
import sympy as sp

from numeric.clusters import pareto_cluster
from numeric.clusters.batch import compiled
from symbolic import clusters as hs
from ..claims import Outcome, Settings
from ..draws import HS2012_SIZES, edge_decimal, simplex_weights
from ..families import (FAMILIES, assumption1, assumption2, common, concave_on_box, family_point,
                        region_bound, region_ok, rows, section3, shrink_family_point)
from ..numeric_check import Evaluation, NumericClaim, run
from ._common import *  # noqa: F401,F403  (R, E, _mpf, _key, _FLOAT, ... see _common.__all__)


# --- Proposition 1 -------------------------------------------------------------------------

def _prop1_space(rng: random.Random) -> dict:
    family = rng.choice(FAMILIES)
    I = rng.choice(HS2012_SIZES)
    return family_point(rng, family, I, ("A1",))


def prop1_claim(reading: str, reverse: bool = False) -> NumericClaim:
    """Proposition 1 under `reading` ("orthant" or "region"): at every type-i optimum,
    n_i > n_k for all k != i. `reverse` plants the reversed inequality (for tests)."""
    sign = -1 if reverse else 1

    def evaluate(p: dict, dps: int) -> Evaluation:
        I = p["I"]
        worst, values, residual = None, {}, mpmath.mpf(0)
        for i in range(1, I + 1):
            pol, why = _optimum(p, (R(1),), (i,), dps, reading)
            if pol is None:
                return Evaluation(None, exists=False, why=f"type {i}: {why}")
            with mpmath.workdps(dps):
                scale = 1 + max(pol.n)
                gap = min((pol.n[i - 1] - pol.n[k - 1]) for k in range(1, I + 1) if k != i) / scale
            worst = sign * gap if worst is None else min(worst, sign * gap)
            values[f"n at the type-{i} optimum"] = list(pol.n)
            residual = max(residual, pol.residual)
        if reading == "region":
            for i, n in enumerate(values.values(), 1):
                if not region_ok(p, i, n):
                    return Evaluation(None, exists=False, why=f"type {i}: the assumptions are not certified "
                                      "on the region the argument travels")
        return Evaluation(worst, residual, values)

    def screen(points: list) -> list:
        out = [float("nan")] * len(points)
        for (_f, I), idx in _groups(points).items():
            group = [points[k] for k in idx]
            for i in range(1, I + 1):
                _float_optima(group, lambda p: (R(1),), (i,))
            for k, p in zip(idx, group):
                optima = [_FLOAT[(_key(p), (R(1),), (i,))] for i in range(1, I + 1)]
                if any(o is None for o in optima):
                    continue  # no float64 optimum: the high-precision tier decides
                if reading == "region" and not all(region_ok(p, i, o) for i, o in enumerate(optima, 1)):
                    continue
                out[k] = min(sign * min(o[i - 1] - o[j - 1] for j in range(1, I + 1) if j != i) / (1 + max(o))
                             for i, o in enumerate(optima, 1))
        return out

    relation = "n_k > n_i" if reverse else "n_i > n_k"
    return NumericClaim(
        space=_prop1_space, screen=screen,
        hypotheses=lambda p: section3(p, reading) and assumption1(p, reading),
        evaluate=evaluate, shrink=shrink_family_point,
        conclusion=f"Plurality ({relation} for all k != i at every type-i optimal cluster)",
        hypotheses_text=f"Section III's assumptions on the {reading} ({_READING_TEXT[reading]}) and Assumption 1, "
                        "families (A.1), quadratic, Cobb-Douglas, power-cross, I = 2..5",
        case=lambda p: f"{p['family']} I={p['I']}",
        absent=("no interior maximum of V_i was found, or the assumptions were not certified on the box "
                "holding the optima"))


_READING_TEXT = {"orthant": "all n > 0", "region": "the hull of the equal compositions below each optimum "
                                                   "and the optimum, where the argument travels"}

_PROP1_HOW = (" The type-i optimum is the global maximum: per draw, V_i is certified strictly concave on the "
              "reading's convex region by exact rational tests (Cobb-Douglas: exponents positive summing below "
              "1; power-cross: 0 < rho, sigma < 1; quadratic: B positive definite; (A.1): Gershgorin with "
              "beta > (I-1) gamma U*^(I-2)), the solver's point is an interior critical point (residual at "
              "dps digits, Hessian negative definite), and a strictly concave function's interior critical "
              "point is its unique maximiser over the region.")


def prop1(s: Settings, reading: str = "orthant") -> Outcome:
    out = run(prop1_claim(reading), s)
    out.detail += _PROP1_HOW
    return out


# --- Proposition 2 -------------------------------------------------------------------------

def _prop2_space(rng: random.Random) -> dict:
    family = rng.choice(FAMILIES)
    I = rng.choice((2, 3, 4))
    p = family_point(rng, family, I, ("A2",))
    p["lambda"] = simplex_weights(rng, I)
    return p


def prop2_claim(strong: bool) -> NumericClaim:
    """Proposition 2: at the Pareto-efficient cluster for weights lambda, not every type is
    stable (weak: max_i dV_i/dn_i >= 0), or every type is unstable (strong: min_i > 0)."""

    def evaluate(p: dict, dps: int) -> Evaluation:
        I = p["I"]
        pol, why = _optimum(p, tuple(p["lambda"]), tuple(range(1, I + 1)), dps, "region")
        if pol is None:
            return Evaluation(None, exists=False, why=why)
        if not concave_on_box(p, _box([pol.n])):
            return Evaluation(None, exists=False, why="concavity not certified on the box holding the cluster")
        if p["family"] == "A.1" and assumption1(p, "orthant"):
            # a second route: numeric.clusters.pareto_cluster (its parameters need both orderings)
            other = pareto_cluster(_params(p), tuple(p["lambda"]), dps)
            with mpmath.workdps(dps):
                if max(abs(a - b) for a, b in zip(other.n, pol.n)) > mpmath.mpf(10) ** (5 - dps) * (1 + max(pol.n)):
                    return Evaluation(None, why="pareto_cluster and the batch solver disagree")
        with mpmath.workdps(dps):
            margin = min(pol.stability) if strong else max(pol.stability)
        return Evaluation(margin, pol.residual, {"n at the Pareto cluster": list(pol.n),
                                                 "dV_i/dn_i (i = 1..I)": list(pol.stability)})

    def screen(points: list) -> list:
        out = [float("nan")] * len(points)
        for (fam, I), idx in _groups(points).items():
            group = [points[k] for k in idx]
            which = tuple(range(1, I + 1))
            _float_optima(group, lambda p: tuple(p["lambda"]), which)
            C = compiled(fam, I)
            for k, p in zip(idx, group):
                x = _FLOAT[(_key(p), tuple(p["lambda"]), which)]
                if x is None or not concave_on_box(p, _box([x])):
                    continue
                cm = [float(v) for v in common(p)]
                stab = [float(C.numpy(*x, *[float(v) for v in rows(p, j)], *cm)[1][j - 1]) - float(p["t"])
                        for j in which]
                scale = 1 + max(abs(v) for v in stab)
                out[k] = (min(stab) if strong else max(stab)) / scale
        return out

    what = ("every type unstable (dV_i/dn_i > 0 for all i)" if strong
            else "not a Nash equilibrium (dV_i/dn_i >= 0 for some i)")
    return NumericClaim(
        space=_prop2_space,
        hypotheses=lambda p: assumption2(p, "orthant") and section3(p, "region"),
        evaluate=evaluate, shrink=shrink_family_point, strict=strong, screen=screen,
        conclusion=f"The Pareto-efficient cluster is {what}",
        hypotheses_text="Assumption 2 at every n > 0, g_i strictly concave on the region, weights on the open "
                        "simplex, families (A.1), quadratic, Cobb-Douglas, power-cross, I = 2..4",
        case=lambda p: f"{p['family']} I={p['I']}",
        absent="W has no interior maximum in the region")


def prop2(s: Settings, strong: bool = False) -> Outcome:
    out = run(prop2_claim(strong), s)
    out.detail += (" Cobb-Douglas draws never meet Assumption 2 (g_i/g_k is unbounded on n > 0), so they are "
                   "counted and excluded.")
    return out


# --- Proof steps of Proposition 2 ----------------------------------------------------------

def _step_space(rng: random.Random) -> dict:
    family = rng.choice(FAMILIES)
    I = rng.choice((2, 3, 4))
    p = family_point(rng, family, I, ("A2",))
    U = region_bound(p) or R(10)
    p["n"] = tuple(U * edge_decimal(rng, "0", "1", open_low=True, open_high=True) for _ in range(I))
    p["lambda"] = simplex_weights(rng, I)
    p["i"] = rng.randint(1, I)
    return p


def _marginals(p: dict, dps: int):
    """dV_k/dn_s = dg(n; row_k)/dn_s - t at the draw's n, every k (rows) and s (columns)."""
    C = compiled(p["family"], p["I"])
    with mpmath.workdps(dps):
        n = [_mpf(v) for v in p["n"]]
        Cm = [_mpf(v) for v in common(p)]
        out = []
        for k in range(1, p["I"] + 1):
            _, grad, _ = C.mpmath(*n, *[_mpf(v) for v in rows(p, k)], *Cm)
            out.append([g - _mpf(p["t"]) for g in grad])
    return out


def _sign_confirmed(value_at) -> bool | None:
    """value < 0 decided at 60 and 120 digits; None if they disagree."""
    a, b = value_at(60), value_at(120)
    return (a < 0) if (a < 0) == (b < 0) else None


def step_claim(which: str) -> NumericClaim:
    """The two inequality steps of Proposition 2's proof, at random n of the region.

    "own": if dV_i/dn_i < 0 then dV_k/dn_i < 0 for every k != i (Assumption 2);
    "sum": if dV_i/dn_i < 0 for every i then sum_k lambda_k dV_k/dn_i < 0 for every i."""

    def hypotheses(p: dict) -> bool:
        if not (assumption2(p, "orthant") and section3(p, "region")):
            return False
        I, i = p["I"], p["i"]
        if which == "own":
            return bool(_sign_confirmed(lambda d: _marginals(p, d)[i - 1][i - 1]))
        return all(_sign_confirmed(lambda d, k=k: _marginals(p, d)[k][k]) for k in range(I))

    def evaluate(p: dict, dps: int) -> Evaluation:
        M = _marginals(p, dps)
        I, i = p["I"], p["i"]
        with mpmath.workdps(dps):
            if which == "own":
                margin = min(-M[k][i - 1] for k in range(I) if k != i - 1)
            else:
                lam = [_mpf(v) for v in p["lambda"]]
                margin = min(-mpmath.fsum(lam[k] * M[k][s] for k in range(I)) for s in range(I))
        return Evaluation(margin, 0, {"dV_k/dn_s (rows k, columns s)": [list(r) for r in M]})

    def screen(points):
        out = []
        for p in points:
            C = compiled(p["family"], p["I"])
            n = [float(v) for v in p["n"]]
            Cm = [float(v) for v in common(p)]
            M = [[float(g) - float(p["t"]) for g in C.numpy(*n, *[float(v) for v in rows(p, k)], *Cm)[1]]
                 for k in range(1, p["I"] + 1)]
            I, i = p["I"], p["i"]
            if which == "own":
                m = min(-M[k][i - 1] for k in range(I) if k != i - 1)
            else:
                m = min(-sum(float(p["lambda"][k]) * M[k][s] for k in range(I)) for s in range(I))
            out.append(m / (1 + max(abs(v) for r in M for v in r)))
        return out

    text = ("dV_k/dn_i < 0 for every k != i wherever dV_i/dn_i < 0" if which == "own"
            else "sum_k lambda_k dV_k/dn_i < 0 for every i wherever every dV_i/dn_i < 0")
    return NumericClaim(
        space=_step_space, hypotheses=hypotheses, evaluate=evaluate, screen=screen,
        conclusion=text.capitalize(),
        hypotheses_text="Assumption 2, concavity on the region, n drawn in the region, stability of the types "
                        "named (decided at 60 and 120 digits), families (A.1), quadratic, Cobb-Douglas, "
                        "power-cross, I = 2..4",
        case=lambda p: f"{p['family']} I={p['I']}")


# --- Section V.A: the loci's intercepts (Figure 3) ------------------------------------------

@lru_cache(maxsize=None)
def _axis_marginal(family: str, i: int, k: int):
    """dV_i/dn_k on the n_k axis (the other type at 0), I = 2, as (expr, compiled mpmath f(x,
    row_i, common, t)); SymPy sets the other coordinate to 0 before compiling."""
    from symbolic.cluster_families import row_template
    from symbolic.lambdas import numeric_lambda
    T = row_template(family, 2)
    x = sp.Symbol("x", positive=True)
    other = T.n[1] if k == 1 else T.n[0]
    expr = sp.diff(T.g, T.n[k - 1]).subs(other, 0).subs(T.n[k - 1], x) - hs.t
    return numeric_lambda(expr, [x, *T.row, *T.common, hs.t], "mpmath", "dV_i/dn_k on an axis (IV.1)")


def _intercept(p: dict, i: int, k: int, dps: int):
    """n_ik*(0): the root in n_k > 0 of dV_i/dn_k with the other type absent, 0 when dV_i/dn_k
    <= 0 on the whole axis (the locus meets the axis at the origin); None if not found."""
    from numeric.clusters._numerics import first_crossing_above
    f = _axis_marginal(p["family"], i, k)
    with mpmath.workdps(dps + 10):
        args = [_mpf(v) for v in (*rows(p, i), *common(p), p["t"])]
        g = lambda x: f(x, *args)  # noqa: E731
        start = mpmath.mpf(10) ** -12
        if not g(start) > 0:
            return mpmath.mpf(0)
        root = first_crossing_above(g, None, start)
    return root


def intercepts_claim() -> NumericClaim:
    """Section V.A: Assumptions 1 and 2 imply n_11*(0) > n_12*(0), n_11*(0) > n_21*(0),
    n_22*(0) > n_21*(0), n_22*(0) > n_12*(0), for general g_i (I = 2)."""

    def evaluate(p: dict, dps: int) -> Evaluation:
        icpt = {}
        for i in (1, 2):
            for k in (1, 2):
                v = _intercept(p, i, k, dps)
                if v is None:
                    return Evaluation(None, why=f"no root of dV_{i}/dn_{k} on the axis")
                icpt[(i, k)] = v
        with mpmath.workdps(dps):
            scale = 1 + max(icpt.values())
            margin = min(icpt[a] - icpt[b] for a, b in (((1, 1), (1, 2)), ((1, 1), (2, 1)),
                                                       ((2, 2), (2, 1)), ((2, 2), (1, 2)))) / scale
        return Evaluation(margin, 0, {f"n_{i}{k}*(0)": v for (i, k), v in icpt.items()})

    def space(rng):
        return family_point(rng, rng.choice(FAMILIES), 2, ("A1", "A2"))

    return NumericClaim(
        space=space, hypotheses=lambda p: assumption1(p, "orthant") and assumption2(p, "orthant")
        and section3(p, "region"), evaluate=evaluate, shrink=shrink_family_point,
        conclusion="The four intercept inequalities of the loci dV_i/dn_k = 0",
        hypotheses_text="Assumptions 1 and 2 on n > 0 and g_i strictly concave, families (A.1), quadratic, "
                        "Cobb-Douglas, power-cross, I = 2", case=lambda p: p["family"])


