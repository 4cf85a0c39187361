"""hs2012's Appendix: whether (A.1) meets Section III's assumptions, whether a type-optimal cluster
exists, and where each assumption can hold (issue 9)."""
from __future__ import annotations

import random

import sympy as sp

from numeric.clusters import ClusterSolveError, type_optimal_cluster
from symbolic import clusters as hs
from ..claims import Outcome, Settings
from ..draws import HS2012_SIZES, a1_parameters, assumption2_a1, printed_restrictions
from ..families import concave_on_box, region_bound
from ..numeric_check import Evaluation, NumericClaim, existential
from ._common import *  # noqa: F401,F403  (R, E, _mpf, _key, _FLOAT, ... see _common.__all__)


# --- The Appendix: does (A.1) meet Section III, and does a type optimum exist? -------------

def _a1_any_space(rng: random.Random) -> dict:
    I = rng.choice(HS2012_SIZES)
    p = a1_parameters(rng, I, ("A1", "A2"))
    p["I"] = I
    return p


def meets_claim(reading: str) -> NumericClaim:
    """(A.1) satisfies Section III's assumptions under the reading, on the printed region."""

    def evaluate(p: dict, dps: int) -> Evaluation:
        I = p["I"]
        q = {**p, "family": "A.1"}
        if reading == "orthant":
            # dg_1/dn_1 at n = 2 U e_1, U = theta^1_1 alpha / beta: theta alpha - 2 theta alpha < 0
            n1 = 2 * p["theta^1_1"] * p["alpha"] / p["beta"]
            value = p["theta^1_1"] * p["alpha"] - p["beta"] * n1
            return Evaluation(value, 0, {"n": [n1] + [0] * (I - 1), "dg_1/dn_1 there": value})
        U = region_bound(q)
        if (I == 2 and p["beta"] > p["gamma"]) or (I > 2 and concave_on_box(q, U)):
            return Evaluation(R(1), 0, {"certificate": "beta > gamma" if I == 2 else
                                        "Gershgorin: beta > (I-1) gamma U*^(I-2)"})
        # a witness against concavity: the Hessian's leading minors at n = U*(1 - 1/1000) (1, .., 1)
        U = U * R(999, 1000)
        H = sp.hessian(E(I).g[0], E(I).n).xreplace({v: U for v in E(I).n}).xreplace(
            {sp.Symbol(k, positive=True): v for k, v in p.items() if isinstance(v, sp.Rational)})
        minors = [H[:k, :k].det() for k in range(1, I + 1)]
        failing = [k for k, d in enumerate(minors, 1) if not (-1) ** k * d > 0]
        if failing:
            return Evaluation(R(-1), 0, {"n (every entry)": U, "failing leading minor": failing[0],
                                         "its value": minors[failing[0] - 1]})
        return Evaluation(None, why="concavity on the region neither certified (Gershgorin) nor refuted at the corner")

    return NumericClaim(
        space=_a1_any_space,
        hypotheses=lambda p: printed_restrictions(p, p["I"]) and assumption2_a1(p, p["I"]),
        evaluate=evaluate, shrink=_shrink_a1,
        conclusion=(f"(A.1) meets Section III's assumptions on the {reading} "
                    + ("(all n > 0)" if reading == "orthant" else
                       "(the cube [0, U*)^I, U* = min theta^i_k alpha / beta, where every marginal product is "
                       "positive)")),
        hypotheses_text="the printed restrictions alpha, beta, gamma > 0, theta^i_i > theta^i_s > 1, with "
                        "theta^i_i > theta^s_i, I = 2..5",
        case=lambda p: f"I={p['I']}")


def optimum_exists_claim(global_max: bool) -> NumericClaim:
    """A type-1 optimal cluster of (A.1) exists: as the global maximum of V_1 over n >= 0
    (the definition in Section IV.A), or as an interior strict local maximum (the solver
    `type_optimal_cluster`, after a float64 screen by the batch ascent)."""

    def evaluate(p: dict, dps: int) -> Evaluation:
        I = p["I"]
        if global_max and I > 2:
            # V_1(s, .., s) = gamma s^I - (I beta / 2) s^2 + (alpha sum_k theta^1_k - I t) s: with
            # gamma > 0 and I >= 3 it is unbounded above, so no maximiser over n >= 0 exists.
            s = sp.Symbol("s", positive=True)
            V = sp.expand(hs.utility(E(I), 1).xreplace({v: s for v in E(I).n}).xreplace(
                {sp.Symbol(k, positive=True): v for k, v in p.items() if isinstance(v, sp.Rational)}))
            lead = sp.Poly(V, s).LC()
            return Evaluation(R(-1), 0, {"V_1 on the diagonal n = s(1..1)": str(V),
                                         "leading coefficient (gamma, degree I)": lead})
        try:
            opt = type_optimal_cluster(_params(p), 1, dps)
        except ClusterSolveError as error:
            return Evaluation(R(-1), 0, {"solver": str(error).splitlines()[0]})
        if global_max:  # I = 2, beta > gamma: a strictly concave quadratic, the maximum is global
            return Evaluation(R(1) if p["beta"] > p["gamma"] else R(-1), opt.residual, {"n": list(opt.n)})
        return Evaluation(min(opt.n), opt.residual, {"n": list(opt.n)})

    def screen(points: list) -> list:
        out = [float("nan")] * len(points)
        by_I: dict = {}
        for k, p in enumerate(points):
            by_I.setdefault(p["I"], []).append(k)
        for I, idx in by_I.items():
            group = [{**points[k], "family": "A.1"} for k in idx]
            _float_optima(group, lambda p: (R(1),), (1,))
            for k, q in zip(idx, group):
                x = _FLOAT[(_key(q), (R(1),), (1,))]
                out[k] = -1.0 if x is None else min(x) / (1 + max(x))
        return out

    return NumericClaim(
        space=_a1_any_space,
        hypotheses=lambda p: printed_restrictions(p, p["I"]) and assumption2_a1(p, p["I"]) and p["alpha"] > p["t"]
        and (p["I"] > 2 or p["beta"] > p["gamma"]),
        evaluate=evaluate, shrink=_shrink_a1, screen=None if global_max else screen,
        conclusion=("A type-1 optimal cluster exists as the global maximum of V_1 over n >= 0" if global_max
                    else "A type-1 optimal cluster exists as an interior strict local maximum of V_1"),
        hypotheses_text="the printed restrictions with theta^i_i > theta^s_i, alpha > t, beta > gamma for I = 2, "
                        "I = 2..5",
        case=lambda p: f"I={p['I']}")


# --- where each assumption can hold for (A.1), and on what share of the region ---------------

def _printed_space(rng: random.Random) -> dict:
    """The Appendix's printed region for (A.1): alpha, beta, gamma, t > 0 and theta^i_i >
    theta^i_s > 1 (row ordering only), I = 2..5."""
    I = rng.choice(HS2012_SIZES)
    p = a1_parameters(rng, I, ("A1",))
    p["I"] = I
    return p


def assumption_share(s: Settings, name: str, predicate, what: str) -> Outcome:
    """The share of the printed region where an assumption holds for (A.1), with and without
    the interiority condition alpha > t; verified ('can hold') when some draw meets it."""
    from ..numeric_check import point_strings
    rng = s.rng()
    points = [_printed_space(rng) for _ in range(s.draws)]
    holds = [bool(predicate(p, p["I"])) for p in points]
    inner = [h for p, h in zip(points, holds) if p["alpha"] > p["t"]]
    by_I = {}
    for p, h in zip(points, holds):
        a, b = by_I.get(p["I"], (0, 0))
        by_I[p["I"]] = (a + 1, b + h)
    cases = "; ".join(f"I={I} {b}/{a}" for I, (a, b) in sorted(by_I.items()))
    share = lambda part, whole: f"{100 * part / whole:.1f}%" if whole else "n/a"  # noqa: E731
    text = (f"{name} ({what}) holds for (A.1) on {sum(holds)} of {len(points)} draws "
            f"({share(sum(holds), len(points))}) of the printed region (alpha, beta, gamma, t > 0, theta^i_i > "
            f"theta^i_s > 1, I = 2..5; by I: {cases}), and on {sum(inner)} of the {len(inner)} draws with "
            f"alpha > t ({share(sum(inner), len(inner))}), decided exactly per draw. Shares are of the "
            "sampler's distribution (alpha in [0.2, 4], beta in [0.1, 3], gamma in (0, 3], t in [0.05, 4], "
            "theta^i_s in (1, 3], own effects up to 2 above their row), not a measure of the unbounded region.")
    # an existential claim ("can hold"): draws where the assumption fails are its share, not failures
    witness = next((p for p, h in zip(points, holds) if h), None)
    return existential(sum(holds), len(points), witness,
                       f"{text} It can hold, e.g. at {point_strings(witness)}." if witness else "",
                       f"{text} No draw met it; a finite sample refutes nothing.")


