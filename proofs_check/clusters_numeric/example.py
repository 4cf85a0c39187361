"""hs2012's Appendix example (A.1) in Sections V.B-VII: symmetric equilibria and the constrained
Pareto-efficient allocation, specialized cities (Proposition 3, Assumption 3), partitions
(Proposition 4, (VII.1)) (issue 9)."""
from __future__ import annotations

import random
from functools import lru_cache

import mpmath
import sympy as sp

from numeric.clusters import (ClusterSolveError, NoInteriorOptimum, cpe_allocation, partition_utilities,
                              specialized, symmetric_equilibria)
from symbolic import clusters as hs
from ..claims import Outcome, Settings
from ..draws import (assumption2_a1, assumption4_a1, edge_decimal, hs2012_sample, population_totals,
                     printed_restrictions)
from ..numeric_check import Evaluation, NumericClaim, existential, run
from ._common import *  # noqa: F401,F403  (R, E, _mpf, _key, _FLOAT, ... see _common.__all__)


# --- the (A.1) example: Section V.B --------------------------------------------------------

_REGION = ("printed", "A2", "concavity", "interiority")
_REGION_TEXT = ("the Appendix's region: alpha, beta, gamma > 0, theta^i_i > theta^i_s > 1 and theta^i_i > "
                "theta^s_i (the second printed restriction read as Assumption 2), beta > gamma (concavity, "
                "I = 2), alpha > t (interiority)")


def _a1_space(rng: random.Random) -> dict:
    """The example's region with totals: half the draws put N_2/N_1 between the type optima's
    ratios (fn. 14's band, its ends included), half anywhere from 1/50 to 50."""
    p = hs2012_sample(rng, 2, _REGION)
    if rng.random() < 0.5:
        args, (r1, r2) = _optimum_ratio_functions()
        vals = [p[str(a)] for a in args]
        lo, hi = r1(*vals), r2(*vals)
        if lo > 0 and hi > lo:
            p["N"] = (sp.Integer(1), lo + (hi - lo) * edge_decimal(rng, "0", "1"))
            return p
    p["N"] = population_totals(rng, 2)
    return p


@lru_cache(maxsize=None)
def _optimum_ratio_functions():
    """n_2/n_1 at the type-1 and type-2 optima of (A.1), I = 2, exact (SymPy's (A.18)-(A.19))."""
    m = E(2)
    args = [hs.alpha, hs.beta, hs.gamma, hs.t, *[hs.theta(i, k) for i in (1, 2) for k in (1, 2)]]
    out = []
    for i in (1, 2):
        n1, n2 = hs.type_optimal_cluster(m, i)
        out.append(_exact_fn(sp.cancel(n2 / n1), args))
    return args, out


def _fn14_condition(p: dict) -> bool:
    args, (r1, r2) = _optimum_ratio_functions()
    vals = [p[str(a)] for a in args]
    ratio = p["N"][1] / p["N"][0]
    return bool(r2(*vals) > ratio > r1(*vals))


def _sym_evaluate(p: dict, dps: int) -> Evaluation:
    eq = symmetric_equilibria(_params(p), p["N"], dps)
    if not eq.intervals:
        return Evaluation(mpmath.mpf(-1), eq.residual, {"symmetric equilibria": "none"})
    width = mpmath.fsum((iv.s_hi - iv.s_lo) if iv.s_hi is not None else 1 for iv in eq.intervals)
    return Evaluation(width, eq.residual, {"first interval (s_lo, s_hi)": [eq.intervals[0].s_lo,
                                                                           eq.intervals[0].s_hi or "inf"]})


def sym_existence_claim(fn14: bool = False) -> NumericClaim:
    """Existence of a symmetric equilibrium on the example's region; with `fn14`, only where
    footnote 14's condition holds (the ratio line meets the contract curve between the type
    optima, so the constrained Pareto-efficient allocation exists): a charitable universal
    reading that leaves out totals for which the section's comparison has no CPE allocation."""
    return NumericClaim(
        space=_a1_space, hypotheses=_fn14_condition if fn14 else (lambda p: True), evaluate=_sym_evaluate,
        shrink=_shrink_a1,
        conclusion="A symmetric Nash equilibrium (a scale s with s(N_1, N_2) in S_1, S_2, A_1, A_2) exists",
        hypotheses_text=_REGION_TEXT + ", totals N_2/N_1 from 1/50 to 50"
                        + (", and footnote 14's condition n_2^*2/n_1^*2 > N_2/N_1 > n_2^*1/n_1^*1" if fn14 else ""))


def sym_existence(s: Settings, everywhere: bool) -> Outcome:
    """Section V.B's existence sentence for the example: on part of the region (the share) or
    on all of it."""
    spec = sym_existence_claim(fn14=everywhere)
    if everywhere:
        # Universal over the region, restricted to totals inside footnote 14's band (where the
        # CPE allocation exists): the charitable form of the universal reading.
        out = run(spec, s)
        if out.status == "discrepancy":
            out.detail += (" This is the universal reading (existence at every point of the example's region that "
                           "meets footnote 14's condition); the text's 'in particular cases, including the example' "
                           "also reads existentially, which hs2012:S5:symmetric-existence-example verifies with the "
                           "share. Severity: reading.")
        return out
    # the existential reading: verified by any confirmed draw where an equilibrium exists
    rng = s.rng()
    points = [spec.space(rng) for _ in range(s.draws)]
    found, witness = 0, None
    for p in points:
        ev = _sym_evaluate(p, s.dps)
        if ev.margin is not None and ev.margin > 0:
            found += 1
            if witness is None:  # the witness is confirmed at twice the precision before it is shown
                high = _sym_evaluate(p, 2 * s.dps)
                witness = p if high.margin is not None and high.margin > 0 else None
    share = f"{100 * found / len(points):.1f}%" if points else "0%"
    from ..numeric_check import point_strings
    return existential(found if witness is not None else 0, len(points), witness,
                       f"A symmetric Nash equilibrium exists for {found} of {len(points)} draws ({share}) of "
                       f"{_REGION_TEXT}, so existence can be established for the example, on that share of its "
                       f"region; e.g. at {point_strings(witness)} (confirmed at {s.dps} and {2 * s.dps} digits)."
                       if witness is not None else "",
                       f"No draw of the example's region had a symmetric equilibrium confirmed at {s.dps} and "
                       f"{2 * s.dps} digits ({len(points)} draws); a finite sample refutes nothing.")


def cpe_claim(which: str) -> NumericClaim:
    """"cpe": the constrained Pareto-efficient allocation is not a Nash equilibrium (some
    dV_i/dn_i >= 0 there); "scale": every symmetric equilibrium has a larger scale s (more
    workers of both types) than the constrained Pareto-efficient allocation."""

    def evaluate(p: dict, dps: int) -> Evaluation:
        exact = _cpe_exact(p)
        if exact is None:
            return Evaluation(None, exists=False, why="the ratio line misses the contract curve")
        n, margins = exact
        try:  # the solver, where it converges, must agree with the exact route
            cpe = cpe_allocation(_params(p), p["N"], dps)
            with mpmath.workdps(dps):
                if max(abs(a - _mpf(b)) for a, b in zip(cpe.n, n)) > mpmath.mpf(10) ** (5 - dps) * (1 + _mpf(max(n))):
                    return Evaluation(None, why="cpe_allocation and the exact contract-curve route disagree")
            residual = cpe.residual
        except ClusterSolveError:  # no convergence near beta = gamma: the exact route stands alone
            residual = 0
        if which == "cpe":
            return Evaluation(max(margins), residual, {"n at the CPE allocation": list(n), "dV_i/dn_i": list(margins)})
        eq = symmetric_equilibria(_params(p), p["N"], dps)
        if not eq.intervals:
            return Evaluation(None, exists=False, why="no symmetric equilibrium")
        scale = n[0] / p["N"][0]
        with mpmath.workdps(dps):
            margin = (min(iv.s_lo for iv in eq.intervals) - _mpf(scale)) / _mpf(scale)
        return Evaluation(margin, max(residual, eq.residual),
                          {"CPE scale": scale, "smallest equilibrium scale": min(iv.s_lo for iv in eq.intervals)})

    if which == "cpe":
        return NumericClaim(space=_a1_space, hypotheses=_fn14_condition, evaluate=evaluate, strict=False,
                            shrink=_shrink_a1, conclusion="The constrained Pareto-efficient allocation is not a "
                            "Nash equilibrium (some dV_i/dn_i >= 0 there)",
                            hypotheses_text=_REGION_TEXT + ", N_2/N_1 between the type optima's ratios (fn. 14)",
                            absent="the constrained Pareto-efficient allocation was not found")
    return NumericClaim(space=_a1_space, hypotheses=_fn14_condition, evaluate=evaluate, shrink=_shrink_a1,
                        conclusion="Every symmetric Nash equilibrium is larger (scale s) than the constrained "
                        "Pareto-efficient allocation",
                        hypotheses_text=_REGION_TEXT + ", N_2/N_1 between the type optima's ratios (fn. 14)",
                        absent="no symmetric equilibrium exists for these totals")


@lru_cache(maxsize=None)
def _cpe_weight_function():
    """lambda* where the (A.1), I = 2 contract curve (A.20)-(A.21), as SymPy derives it, meets
    the ratio line n_2 = r n_1 (V.2): exact in the parameters and r; with n_1 there."""
    m = E(2)
    pe1, pe2 = hs.contract_curve(m)
    r = sp.Symbol("r", positive=True)
    (lam_star,) = sp.solve(sp.numer(sp.together(pe2 - r * pe1)), hs.lam)
    args = [r, hs.alpha, hs.beta, hs.gamma, hs.t, *[hs.theta(i, k) for i in (1, 2) for k in (1, 2)]]
    return args, _exact_fn(lam_star, args), _exact_fn(pe1, [hs.lam, *args[1:]])


def _cpe_exists_exact(p: dict) -> bool:
    """The CPE allocation exists (exact route): lambda* in (0, 1) with n_1 > 0 there."""
    args, lam_star, n1 = _cpe_weight_function()
    vals = [p[str(a)] for a in args[1:]]
    lam = lam_star(p["N"][1] / p["N"][0], *vals)
    return bool(0 < lam < 1) and bool(n1(lam, *vals) > 0)


@lru_cache(maxsize=None)
def _stability_functions_exact():
    m = E(2)
    args = [*m.n, hs.alpha, hs.beta, hs.gamma, hs.t, *[hs.theta(i, k) for i in (1, 2) for k in (1, 2)]]
    return args, [_exact_fn(hs.stability_derivative(m, i), args) for i in (1, 2)]


def _cpe_exact(p: dict):
    """The CPE allocation of (A.1), I = 2, exactly: n = the contract curve (A.20)-(A.21) at
    lambda*, and dV_i/dn_i there; None if lambda* is outside (0, 1) or n_1 <= 0."""
    args, lam_star, n1f = _cpe_weight_function()
    vals = [p[str(a)] for a in args[1:]]
    r = p["N"][1] / p["N"][0]
    lam = lam_star(r, *vals)
    if not (0 < lam < 1):
        return None
    n1 = n1f(lam, *vals)
    if not n1 > 0:
        return None
    n = (n1, r * n1)
    sargs, stab = _stability_functions_exact()
    return n, [f(*n, *vals) for f in stab]


def fn14_claim() -> NumericClaim:
    """Footnote 14 both ways: the CPE allocation exists iff N_2/N_1 lies strictly between the
    type optima's ratios (the solver's verdict against the printed condition)."""

    def evaluate(p: dict, dps: int) -> Evaluation:
        inside = _fn14_condition(p)
        try:
            cpe = cpe_allocation(_params(p), p["N"], dps)
            found, residual = True, cpe.residual
        except NoInteriorOptimum:  # the ratio vector misses the contract curve (weights outside (0, 1))
            found, residual = False, 0
        except ClusterSolveError:  # the solver did not converge (beta near gamma): the exact route decides
            found, residual = None, 0
        exact = _cpe_exists_exact(p)
        if found is not None and found != exact:
            return Evaluation(None, why="the CPE solver and the exact contract-curve route disagree")
        return Evaluation(R(1) if exact == inside else R(-1), residual,
                          {"condition of fn. 14": str(inside), "CPE allocation exists": str(exact),
                           "found by cpe_allocation": "did not converge" if found is None else str(found)})

    return NumericClaim(space=_a1_space, hypotheses=lambda p: True, evaluate=evaluate, shrink=_shrink_a1,
                        conclusion="The constrained Pareto-efficient allocation (cpe_allocation, and the exact "
                        "intersection of (A.20)-(A.21) with the ratio line) exists exactly when fn. 14's condition "
                        "holds", hypotheses_text=_REGION_TEXT)


# --- Section VI: specialized cities (Proposition 3, Assumption 3) ---------------------------

@lru_cache(maxsize=None)
def _specialized_exact(I: int, i: int, k: int):
    """V_i^k(s) and dV_i^k/ds for (A.1), exact rational functions (SymPy, Section VI.A)."""
    s = sp.Symbol("s", positive=True)
    V = hs.specialized_utility(E(I), i, k, s)
    args = [s, hs.alpha, hs.beta, hs.gamma, hs.t, *[hs.theta(a, b) for a in range(1, I + 1) for b in range(1, I + 1)]]
    return args, _exact_fn(V, args), _exact_fn(sp.diff(V, s), args)


def _prop3_space(rng: random.Random) -> dict:
    I = rng.choice((2, 3))
    p = hs2012_sample(rng, I, ("printed", "A2", "interiority", "A3"))
    p["I"] = I
    p["u"] = tuple(edge_decimal(rng, "0", "1") for _ in range(I))  # n_i^0 = n^S + u (n^A - n^S)
    return p


def _a3_solver(p: dict) -> bool:
    """Assumption 3 from the specialized-city solver's exact margins (VI.2)."""
    I = p["I"]
    return all(specialized(_params(p), i, k, 30).exact["assumption3_margin"] >= 0
               for i in range(1, I + 1) for k in range(1, I + 1) if k != i)


def _a3_holds(p: dict) -> bool:
    """Assumption 3 by the hand derivation of `draws.assumption3_a1` (exact; the solver's
    route is held against it in tests and in hs2012:Assumption3)."""
    from ..draws import assumption3_a1
    return assumption3_a1(p, p["I"])


_SOLVER_CHECKS = [0]


def _specialized_scales(p: dict, i: int):
    """n_i^S and n_i^A of (A.1) (V_i^i(s) = (theta^i_i alpha - t) s - beta s^2/2: n^S its
    maximiser, n^A = 2 n^S its positive root), held against the specialized-city solver's
    exact values on the first 20 calls of each process; (None, None) if they disagree."""
    nS = (p[f"theta^{i}_{i}"] * p["alpha"] - p["t"]) / p["beta"]
    if _SOLVER_CHECKS[0] < 20:
        _SOLVER_CHECKS[0] += 1
        solved = specialized(_params(p), i, 1 if i != 1 else 2, 30).exact
        if solved["n_S"] != nS or solved.get("n_A") != 2 * nS:
            return None, None
    return nS, 2 * nS


def prop3_claim(strict_stability: bool, stability: bool = True) -> NumericClaim:
    """Proposition 3: with Assumption 3, specialized cities of sizes n_i^0 in [n_i^S, n_i^A]
    form a Nash equilibrium: each type stable in its city (dV_i^i/dn < 0, or <= 0 in the weak
    reading), at least autarky, and no gain from joining another type's city. `stability`
    False leaves the stability condition out (the proof's no-deviation step alone)."""

    def evaluate(p: dict, dps: int) -> Evaluation:
        I = p["I"]
        sizes = {}
        for i in range(1, I + 1):
            nS, nA = _specialized_scales(p, i)
            if nS is None:
                return Evaluation(None, why=f"the specialized-city solver disagrees with n_{i}^S = "
                                  "(theta^i_i alpha - t)/beta, n^A = 2 n^S")
            sizes[i] = nS + p["u"][i - 1] * (nA - nS)
        margins, values = [], {"city sizes n_i^0": [sizes[i] for i in range(1, I + 1)]}
        holds = True
        for i in range(1, I + 1):
            args, V, dV = _specialized_exact(I, i, i)
            vals = [p[str(a)] for a in args[1:]]
            own, slope = V(sizes[i], *vals), dV(sizes[i], *vals)
            stab_ok = (slope < 0 if strict_stability else slope <= 0) if stability else True
            holds &= bool(stab_ok) and bool(own >= 0)
            margins += ([-slope] if stability else []) + [own]
            for k in range(1, I + 1):
                if k != i:
                    _, Vk, _ = _specialized_exact(I, i, k)
                    dev = own - Vk(sizes[k], *vals)
                    holds &= bool(dev >= 0)
                    margins.append(dev)
            values[f"dV_{i}^{i}/dn at n_{i}^0"] = slope
        # exact verdict: the strict stability part may fail at a zero margin (n_i^0 = n_i^S)
        return Evaluation(min(margins), 0, values, holds=holds)

    return NumericClaim(
        space=_prop3_space, hypotheses=_a3_holds, evaluate=evaluate, strict=False, shrink=_shrink_a1,
        conclusion=("Every specialized allocation with n_i^0 in [n_i^S, n_i^A] is a Nash equilibrium "
                    + ("(stability read strictly, dV_i^i/dn_i < 0 as S_i defines it)" if strict_stability
                       else "(stability read weakly, dV_i^i/dn_i <= 0)")),
        hypotheses_text="Assumption 3 (exact), the (A.1) example with "
                        "I = 2, 3, theta orderings, alpha > t; sizes at both ends of [n^S, n^A] with positive "
                        "probability")


def assumption3_share(s: Settings) -> Outcome:
    """Where Assumption 3 can hold for (A.1), and on what share of the Appendix's region."""
    rng = s.rng()
    found, total, witness, checked = 0, 0, None, 0
    for _ in range(s.draws):
        I = rng.choice((2, 3))
        p = hs2012_sample(rng, I, ("printed", "A2", "interiority"))
        p["I"] = I
        total += 1
        holds = _a3_holds(p)
        if checked < 10:  # the specialized-city solver's exact margins: a second route
            checked += 1
            if _a3_solver(p) != holds:
                from ..numeric_check import point_strings
                return Outcome("unverified", "The hand condition alpha (2 theta^i_k - theta^k_k) <= t and the "
                               f"specialized-city solver disagree at {point_strings(p)}.", draws=total,
                               draws_meeting_hypotheses=total, failures=0)
        if holds:
            found += 1
            witness = witness or p
    from ..numeric_check import point_strings
    share = f"{100 * found / total:.1f}%" if total else "0%"
    return existential(found, total, witness,
                       f"Assumption 3 can hold for (A.1): it held on {found} of {total} draws ({share}) of the "
                       "Appendix's region (theta orderings, alpha > t, I = 2, 3), decided exactly: for (A.1) it is "
                       "alpha (2 theta^i_k - theta^k_k) <= t for all i != k, agreeing with the specialized-city "
                       f"solver's exact margins on the first 10 draws. Example: {point_strings(witness)}."
                       if witness else "",
                       f"Assumption 3 held on none of {total} draws of the region; a finite sample refutes nothing.")


# --- Section VII: partitions (Proposition 4, (VII.1)) ---------------------------------------

def _partition(rng: random.Random, I: int) -> tuple:
    """A partition of 1..I into K < I non-empty groups (K >= 1)."""
    while True:
        labels = [rng.randrange(I - 1) for _ in range(I)]
        groups = [tuple(k + 1 for k in range(I) if labels[k] == g) for g in range(I - 1)]
        groups = tuple(g for g in groups if g)
        if len(groups) < I:
            return groups


@lru_cache(maxsize=None)
def own_essential_g(I: int) -> tuple:
    """A family where own-type workers are essential and other types help them (Section VII):
    g_i = n_i^(1/4) (theta^i_i alpha + gamma sum_{s != i} n_s). g_i = 0 wherever n_i = 0, so
    V_i = -tN < 0 = V_i(0) there: Assumption 4 holds for every parameter value. The exponent
    1/4 leaves room for mixed cities: stability and V_i >= 0 need n_s < (1/rho - 1) n_i = 3 n_i
    (with rho = 1/2 they would need n_s < n_i for every pair, impossible). With totals drawn
    as fourth powers of rationals every quantity stays rational."""
    n = hs.n(I)
    return tuple(n[i - 1] ** R(1, 4) * (hs.theta(i, i) * hs.alpha + hs.gamma * sp.Add(*[n[k - 1] for k in range(1, I + 1) if k != i]))
                 for i in range(1, I + 1))


def _assumption4(p: dict) -> bool:
    """Assumption 4 for the draw's family: (A.1) theta^i_s alpha <= t (draws.assumption4_a1);
    the own-essential family always (see `own_essential_g`)."""
    return True if p.get("family") == "own-essential" else assumption4_a1(p, p["I"])


def _solver_params(p: dict) -> dict:
    out = _params(p)
    if p.get("family") == "own-essential":
        out["g"] = list(own_essential_g(p["I"]))
    return out


def _prop4_space(rng: random.Random) -> dict:
    I = rng.choice((3, 4, 5))
    family = rng.choice(("A.1", "own-essential"))
    p = hs2012_sample(rng, I, ("printed", "A2", "A4") if family == "A.1" else ("printed", "A2"))
    p["I"], p["family"] = I, family
    p["partition"] = _partition(rng, I)
    if family == "own-essential":
        # alone, type i is stable and at least autarky iff N_i^(3/4) in (theta alpha/(4t), theta alpha/t]:
        # draw q = N_i^(1/4) on the decimal grid of that band (the band's ends, rounded, are only ranges)
        N = []
        for i in range(1, I + 1):
            top = mpmath.cbrt(_mpf(p[f"theta^{i}_{i}"] * p["alpha"] / p["t"]))
            lo, hi = mpmath.nstr(top / mpmath.cbrt(4), 8), mpmath.nstr(top, 8)
            N.append(edge_decimal(rng, lo, hi, places=4) ** 4)
        p["N"] = tuple(N)
        return p
    for i in range(1, I + 1):  # own effects strong enough to beat autarky alone (A4 binds only s != i)
        floor = p["t"] / p["alpha"]
        if p[f"theta^{i}_{i}"] <= floor:
            p[f"theta^{i}_{i}"] = floor + edge_decimal(rng, "0", "2", open_low=True)
    N = []
    for i in range(1, I + 1):
        # a lone type-i city is stable above (theta^i_i alpha - t)/beta and beats autarky
        # below twice that: draw between, reaching both ends
        room = (p[f"theta^{i}_{i}"] * p["alpha"] - p["t"]) / p["beta"]
        N.append(room * (1 + edge_decimal(rng, "0", "1")))
    p["N"] = tuple(N)
    return p


@lru_cache(maxsize=None)
def _partition_exact(family: str, I: int, i: int, members: tuple):
    """V_i in a city holding N_k of each member k, and dV_i/dn_i there, exact (SymPy)."""
    m = E(I)
    if family == "own-essential":
        m = hs.ClusterModel(I, m.n, own_essential_g(I), m.c, "own-essential")
    Ns = hs.N_total(I)
    at = {m.n[k - 1]: (Ns[k - 1] if k in members else 0) for k in range(1, I + 1)}
    V = hs.utility(m, i)
    args = [*Ns, hs.alpha, hs.beta, hs.gamma, hs.t, *[hs.theta(a, b) for a in range(1, I + 1) for b in range(1, I + 1)]]
    return args, _exact_fn(V.xreplace(at), args), _exact_fn(sp.diff(V, m.n[i - 1]).xreplace(at), args)


def _prop4_hypotheses(p: dict) -> bool:
    """Assumption 4, and the partition stable and at least autarky for every type (exact)."""
    I = p["I"]
    if not _assumption4(p):
        return False
    for group in p["partition"]:
        for i in group:
            args, V, dV = _partition_exact(p.get("family", "A.1"), I, i, tuple(group))
            vals = [*p["N"], *[p[str(a)] for a in args[I:]]]
            if not (V(*vals) >= 0 and dV(*vals) < 0):
                return False
    return True


_A1_PARTITIONS = (" For (A.1) no draw with a group of two or more types can meet the hypotheses: its product "
                  "term vanishes in any city lacking a type, so with Assumption 4 a second type s only lowers "
                  "V_i, and stability (N_k above (theta^k_k alpha - t)/beta) gives V_i < (beta/2)(r_i^2 - r_s^2) "
                  "and V_s < (beta/2)(r_s^2 - r_i^2), r_k = (theta^k_k alpha - t)/beta: both cannot be >= 0. The "
                  "own-essential family g_i = n_i^(1/4)(theta^i_i alpha + gamma sum_{s != i} n_s) carries mixed "
                  "cities.")


def prop4_claim(step: bool = False) -> NumericClaim:
    """Proposition 4 (step False): no type gains by moving to another group's city. The proof's
    step (True): that city gives less than autarky, by Assumption 4."""

    def evaluate(p: dict, dps: int) -> Evaluation:
        alloc = partition_utilities(_solver_params(p), [list(g) for g in p["partition"]], p["N"], dps)
        deviations = [t for t in alloc.types if t.best_deviation is not None]
        if not deviations:
            return Evaluation(None, exists=False, why="a single city: there is no other city to move to")
        with mpmath.workdps(dps):
            if step:
                margin = min(t.autarky_utility - t.best_deviation for t in deviations)
            else:
                margin = min(t.utility - t.best_deviation for t in deviations)
        return Evaluation(margin, getattr(alloc, "residual", 0),
                          {"V_i in own city": [t.utility for t in alloc.types],
                           "best V_i in another group's city": [t.best_deviation for t in deviations]})

    return NumericClaim(
        space=_prop4_space, hypotheses=_prop4_hypotheses, evaluate=evaluate, strict=step,
        conclusion=("A city of another group gives every type less than autarky" if step else
                    "The symmetric partition is a Nash equilibrium (no type gains by moving to another group's city)"),
        hypotheses_text="Assumption 4 (exact per family), the partition stable (dV_i/dn_i < 0) and at least "
                        "autarky for every type (exact), (A.1) and the own-essential family, I = 3, 4, 5, K < I "
                        "groups",
        case=lambda p: f"{p['family']} I={p['I']}", absent="the partition is a single city")


def prop4(s: Settings, step: bool = False) -> Outcome:
    out = run(prop4_claim(step), s)
    out.detail += _A1_PARTITIONS
    return out


def _vii1_space(rng: random.Random) -> dict:
    """I = 4, partition {1,2},{3,4}, with (VII.1a)-(VII.1d) holding exactly.

    (A.1): theta, beta, N_1, N_3 drawn; N_2/N_1 and N_4/N_3 from the equal-utility conditions
    (the differences of (VII.1a)-(VII.1b) and (VII.1c)-(VII.1d) are linear in N); alpha, t
    solving the two remaining equations, linear in them. Own-essential family: alpha, t,
    gamma and the totals (fourth powers) drawn, each own effect theta^i_i solving V_i = 0
    exactly, theta^i_i = (t (N_i + N_s) / N_i^(1/4) - gamma N_s) / alpha; off-diagonal theta
    from (1, min own) (they do not enter g there)."""
    family = rng.choice(("A.1", "own-essential"))
    if family == "own-essential":
        a, t, gamma = edge_decimal(rng, "0.2", "4"), edge_decimal(rng, "0.05", "4"), edge_decimal(rng, "0", "2", open_low=True)
        q = [edge_decimal(rng, "0.5", "2") for _ in range(4)]
        N = tuple(v ** 4 for v in q)
        p = {"alpha": a, "t": t, "gamma": gamma, "beta": edge_decimal(rng, "0.1", "3")}
        for i, s_ in ((1, 2), (2, 1), (3, 4), (4, 3)):
            p[f"theta^{i}_{i}"] = (t * (N[i - 1] + N[s_ - 1]) / q[i - 1] - gamma * N[s_ - 1]) / a
        low = min(p[f"theta^{i}_{i}"] for i in range(1, 5))
        for i in range(1, 5):
            for k in range(1, 5):
                if i != k:
                    p[f"theta^{i}_{k}"] = (1 + (low - 1) * edge_decimal(rng, "0", "1", open_low=True, open_high=True)
                                           if low > 1 else R(-1))
        p.update(I=4, family=family, partition=((1, 2), (3, 4)), N=N)
        return p
    th = hs2012_sample(rng, 4, ("printed", "A2"))
    p = {k: v for k, v in th.items() if k.startswith("theta^")}
    beta = edge_decimal(rng, "0.1", "3")
    N1, N3 = edge_decimal(rng, "0.05", "3"), edge_decimal(rng, "0.05", "3")
    T = lambda i, k: p[f"theta^{i}_{k}"]  # noqa: E731
    N2 = N1 * (T(1, 1) - T(2, 1)) / (T(2, 2) - T(1, 2))
    N4 = N3 * (T(3, 3) - T(4, 3)) / (T(4, 4) - T(3, 4))
    a, t = sp.symbols("a t")
    eqs = [a * (T(1, 1) * N1 + T(1, 2) * N2) - t * (N1 + N2) - beta * (N1**2 + N2**2) / 2,
           a * (T(3, 3) * N3 + T(3, 4) * N4) - t * (N3 + N4) - beta * (N3**2 + N4**2) / 2]
    sol = sp.solve(eqs, [a, t], dict=True)
    alpha, tt = (sol[0][a], sol[0][t]) if sol else (R(-1), R(-1))
    p.update(alpha=alpha, t=tt, beta=beta, gamma=edge_decimal(rng, "0", "1", open_low=True), I=4, family=family,
             partition=((1, 2), (3, 4)), N=(N1, N2, N3, N4))
    return p


def vii1_claim() -> NumericClaim:
    def hypotheses(p: dict) -> bool:
        if not (p["alpha"] > 0 and p["t"] > 0) or not printed_restrictions(p, 4) or not assumption2_a1(p, 4):
            return False
        return _prop4_hypotheses(p)

    spec = prop4_claim()
    return NumericClaim(space=_vii1_space, hypotheses=hypotheses, evaluate=spec.evaluate, strict=False,
                        conclusion="The (VII.1) allocation (partition {1,2},{3,4} at exactly autarky utility) "
                                   "is a Nash equilibrium",
                        hypotheses_text="(VII.1a)-(VII.1d) exactly (alpha, t solved from them), alpha, t > 0, "
                                        "Assumption 4 and stability (exact), (A.1) and the own-essential family, "
                                        "I = 4", case=lambda p: p["family"])


def vii1(s: Settings) -> Outcome:
    out = run(vii1_claim(), s)
    out.detail += _A1_PARTITIONS
    return out


