"""Parameter spaces of the models: seeded samplers of exact points, and Hypothesis strategies.

Every drawn number is an exact decimal (a SymPy Rational built from a decimal string), so a
point can be reported back as the strings it was built from and reproduced exactly.
"""
from __future__ import annotations

import random
import re
from typing import Iterable

import sympy as sp

__all__ = ["decimal_between", "edge_decimal", "hs2012_point", "hs2012_parameters", "abrs2017_parameters",
           "abrs2017_point", "point_strings",
           # hs2012 spaces, predicates and conditioned samplers (issue 9)
           "HS2012_SIZES", "HS2012_ASSUMPTIONS", "hs2012_theta", "hs2012_sample", "hs2012_holds",
           "simplex_weights", "population_totals", "a1_parameters", "a1_theta_matrix",
           "printed_restrictions", "assumption1_a1", "assumption2_a1", "concavity_i2", "interiority",
           "assumption3_a1", "assumption4_a1"]

_PLACES = 3
HS2012_SIZES = (2, 3, 4, 5)


def decimal_between(rng: random.Random, lo: str, hi: str, places: int = _PLACES) -> sp.Rational:
    """A decimal with `places` digits after the point, uniform on the grid inside (lo, hi)."""
    scale = 10 ** places
    a, b = sp.Rational(lo) * scale, sp.Rational(hi) * scale
    k = rng.randint(int(sp.floor(a)) + 1, int(sp.ceiling(b)) - 1)
    return sp.Rational(k, scale)


def edge_decimal(rng: random.Random, lo: str, hi: str, places: int = _PLACES, *, open_low: bool = False,
                 open_high: bool = False, edge: float = 0.2) -> sp.Rational:
    """A decimal in [lo, hi] that reaches the ends: with probability edge/2 each, the end itself
    (a closed end) or a point 10^-places or 10^-(places+3) inside it (an open end); otherwise
    uniform on the grid of `places` decimals strictly inside. Exact."""
    a, b = sp.Rational(lo), sp.Rational(hi)
    u = rng.random()
    if u < edge:
        low_end = u < edge / 2
        end, is_open, sign = (a, open_low, 1) if low_end else (b, open_high, -1)
        if not is_open and rng.random() < 0.5:
            return end
        step = sp.Rational(1, 10 ** rng.choice((places, places + 3)))
        value = end + sign * step
        if a < value < b:
            return value
    return decimal_between(rng, lo, hi, places)


def simplex_weights(rng: random.Random, I: int, places: int = 4) -> tuple[sp.Rational, ...]:
    """Pareto weights on the open simplex (lambda_i > 0, sum 1), exact decimals, reaching its
    corners (one weight near 1), its edges (one weight near 0) and its centre."""
    scale = 10 ** places
    u = rng.random()
    if u < 0.1:  # the centre
        base = [scale // I] * I
        base[-1] += scale - sum(base)
    elif u < 0.25:  # a corner: every other weight at the grid's smallest step
        big = rng.randrange(I)
        base = [1] * I
        base[big] = scale - (I - 1)
    elif u < 0.4:  # an edge: one weight at the smallest step, the others uniform
        small = rng.randrange(I)
        cuts = sorted(rng.sample(range(1, scale - 1), I - 2)) if I > 2 else []
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, scale - 1])]
        base = parts[:small] + [1] + parts[small:]
    else:  # uniform on the grid of the open simplex
        cuts = sorted(rng.sample(range(1, scale), I - 1))
        base = [b - a for a, b in zip([0, *cuts], [*cuts, scale])]
    if min(base) < 1 or sum(base) != scale:  # cannot happen; guards the exact sum
        raise AssertionError(f"simplex draw {base} is not on the open simplex")
    return tuple(sp.Rational(k, scale) for k in base)


def population_totals(rng: random.Random, I: int) -> tuple[sp.Rational, ...]:
    """Aggregate numbers N_1..N_I (exact, N_1 = 1 fixes the scale; only ratios matter for the
    ratio vector (V.1)), ratios from 1/50 to 50 with their extremes reached."""
    out = [sp.Integer(1)]
    for _ in range(1, I):
        if rng.random() < 0.5:
            out.append(edge_decimal(rng, "0.02", "1"))
        else:
            out.append(1 / edge_decimal(rng, "0.02", "1"))
    return tuple(out)


def _industries(symbols: Iterable[sp.Symbol]) -> int:
    I = 2
    for s in symbols:
        for number in re.findall(r"\d+", s.name):
            I = max(I, int(number))
    return I


def hs2012_parameters(rng: random.Random, I: int) -> dict[str, object]:
    """A draw of the (A.1) example's parameters inside the appendix's restrictions.

    alpha > t > 0 (interiority), beta > gamma > 0 (concavity for I = 2), and
    theta^i_i > theta^i_s > 1, theta^i_i > theta^s_i > 1 (Assumptions 1 and 2).
    """
    g = decimal_between(rng, "0.05", "1")
    a = decimal_between(rng, "1", "4")
    params: dict[str, object] = {
        "alpha": a,
        "t": decimal_between(rng, "0.1", str(a)),
        "gamma": g,
        "beta": g + decimal_between(rng, "0.1", "2"),
    }
    off = {(i, s): decimal_between(rng, "1", "3") for i in range(1, I + 1)
           for s in range(1, I + 1) if i != s}
    for i in range(1, I + 1):
        row = [off[(i, s)] for s in range(1, I + 1) if s != i]
        col = [off[(s, i)] for s in range(1, I + 1) if s != i]
        params[f"theta^{i}_{i}"] = max(row + col) + decimal_between(rng, "0", "2")
    params.update({f"theta^{i}_{s}": v for (i, s), v in off.items()})
    return params


def hs2012_point(rng: random.Random, symbols: Iterable[sp.Symbol]) -> dict[sp.Symbol, sp.Rational]:
    """Exact values for `symbols` inside the hs2012 example's parameter space.

    Parameters follow `hs2012_parameters`; employment n_k and totals N_k are positive;
    Pareto weights lambda_k are positive with sum below one (lambda_I = 1 - the rest);
    x lies inside (0, x_b).
    """
    symbols = sorted(set(symbols), key=lambda s: s.name)
    I = _industries(symbols)
    params = hs2012_parameters(rng, I)
    point: dict[sp.Symbol, sp.Rational] = {}
    for s in symbols:
        name = s.name
        if name in params:
            point[s] = params[name]
        elif name == "lambda":
            point[s] = decimal_between(rng, "0", "1")
        elif name.startswith("lambda_"):
            point[s] = decimal_between(rng, "0", str(sp.Rational(9, 10) / (I - 1)))
        elif name == "x_b":
            point[s] = decimal_between(rng, "1", "10")
        elif name == "J":
            point[s] = sp.Integer(rng.randint(1, 10))
        else:
            point[s] = decimal_between(rng, "0.1", "10")
    xs = [s for s in symbols if s.name == "x"]
    xb = [s for s in symbols if s.name == "x_b"]
    if xs and xb:
        point[xs[0]] = decimal_between(rng, "0", str(point[xb[0]]))
    return point


# --- hs2012: the (A.1) example's parameter space, its assumptions and conditioned samplers ---

def hs2012_theta(rng: random.Random, I: int, orderings: tuple[str, ...] = ("A1", "A2"),
                 floors: dict[int, sp.Rational] | None = None) -> dict[str, sp.Rational]:
    """theta^i_s: off-diagonal entries in (1, 3], own entries above their row ("A1":
    theta^i_i > theta^i_s) and/or column ("A2": theta^i_i > theta^s_i), and at least
    floors[i] when given. Off-diagonal entries reach 1 from above and the own entries reach
    their lower bound: the corners of the Appendix's region."""
    off = {(i, s): edge_decimal(rng, "1", "3", open_low=True) for i in range(1, I + 1)
           for s in range(1, I + 1) if i != s}
    out = {f"theta^{i}_{s}": v for (i, s), v in off.items()}
    for i in range(1, I + 1):
        strict = []
        if "A1" in orderings:
            strict += [off[(i, s)] for s in range(1, I + 1) if s != i]
        if "A2" in orderings:
            strict += [off[(s, i)] for s in range(1, I + 1) if s != i]
        low = max(strict) if strict else sp.Integer(1)
        weak = (floors or {}).get(i)
        gap = edge_decimal(rng, "0", "2", open_low=True)
        if weak is not None and weak > low:  # a weak bound may be met with equality
            out[f"theta^{i}_{i}"] = weak + (0 if rng.random() < 0.15 else gap)
        else:
            out[f"theta^{i}_{i}"] = low + gap
    return out


def a1_theta_matrix(p: dict, I: int) -> list[list[sp.Rational]]:
    return [[p[f"theta^{i}_{s}"] for s in range(1, I + 1)] for i in range(1, I + 1)]


def printed_restrictions(p: dict, I: int) -> bool:
    """The Appendix's printed restrictions on (A.1): alpha, beta, gamma > 0 and theta^i_i >
    theta^i_s > 1 for s != i (printed twice)."""
    positive = bool(p["alpha"] > 0 and p["beta"] > 0 and p["gamma"] > 0)
    return positive and all(bool(p[f"theta^{i}_{i}"] > p[f"theta^{i}_{s}"] > 1)
                            for i in range(1, I + 1) for s in range(1, I + 1) if s != i)


def assumption1_a1(p: dict, I: int) -> bool:
    """Assumption 1 for (A.1): alpha (theta^i_i - theta^i_k) > 0, (A.7)."""
    return all(p["alpha"] * (p[f"theta^{i}_{i}"] - p[f"theta^{i}_{k}"]) > 0
               for i in range(1, I + 1) for k in range(1, I + 1) if k != i)


def assumption2_a1(p: dict, I: int) -> bool:
    """Assumption 2 for (A.1): dg_i/dn_i - dg_k/dn_i = alpha (theta^i_i - theta^k_i) > 0."""
    return all(p["alpha"] * (p[f"theta^{i}_{i}"] - p[f"theta^{k}_{i}"]) > 0
               for i in range(1, I + 1) for k in range(1, I + 1) if k != i)


def concavity_i2(p: dict, I: int) -> bool:
    """Strict concavity of (A.1) for I = 2: beta > gamma (the Appendix; beta^2 - gamma^2 > 0
    with beta, gamma > 0). Not a global property for I > 2 (see families.section3)."""
    return I == 2 and bool(p["beta"] > p["gamma"])


def interiority(p: dict, I: int) -> bool:
    """The Appendix's sufficient condition for interior type optima: alpha > t."""
    return bool(p["alpha"] > p["t"])


def assumption3_a1(p: dict, I: int) -> bool:
    """Assumption 3 (VI.2) for (A.1), any I: with one type present the product term vanishes,
    V_i^k(s) = (theta^i_k alpha - t) s - beta s^2/2, n_k^S = (theta^k_k alpha - t)/beta,
    V_i^i(n_i^A) = V_i(0) = 0, so (VI.2) reads V_i^k(n_k^S) <= 0, i.e. (for n_k^S > 0)
    alpha (2 theta^i_k - theta^k_k) <= t for every i != k."""
    a, t = p["alpha"], p["t"]
    for i in range(1, I + 1):
        for k in range(1, I + 1):
            if k == i:
                continue
            nS = (p[f"theta^{k}_{k}"] * a - t) / p["beta"]
            if nS > 0 and not a * (2 * p[f"theta^{i}_{k}"] - p[f"theta^{k}_{k}"]) <= t:
                return False
    return True


def assumption4_a1(p: dict, I: int) -> bool:
    """Assumption 4 for (A.1): with n_i = 0 the product term vanishes and V_i = sum_{s != i}
    [(theta^i_s alpha - t) n_s - beta n_s^2/2], below V_i(0) = 0 at every n >= 0, n != 0,
    iff theta^i_s alpha <= t for every s != i (read for n != 0: at n = 0 the strict
    inequality cannot hold)."""
    return all(p[f"theta^{i}_{s}"] * p["alpha"] <= p["t"] for i in range(1, I + 1)
               for s in range(1, I + 1) if s != i)


HS2012_ASSUMPTIONS = {
    "printed": printed_restrictions, "A1": assumption1_a1, "A2": assumption2_a1,
    "concavity": concavity_i2, "interiority": interiority, "A3": assumption3_a1, "A4": assumption4_a1,
}


def hs2012_holds(p: dict, I: int, names: Iterable[str]) -> bool:
    """Every named assumption of HS2012_ASSUMPTIONS holds at the (A.1) point p."""
    return all(HS2012_ASSUMPTIONS[name](p, I) for name in names)


def a1_parameters(rng: random.Random, I: int, orderings: tuple[str, ...] = ("A1", "A2")) -> dict:
    """The (A.1) space of the Appendix: alpha, beta, gamma > 0, t > 0, theta^i_s > 1 with the
    `orderings`; nothing else imposed (beta may fall below gamma, t above alpha)."""
    p: dict = {"alpha": edge_decimal(rng, "0.2", "4"), "beta": edge_decimal(rng, "0.1", "3"),
               "gamma": edge_decimal(rng, "0", "3", open_low=True), "t": edge_decimal(rng, "0.05", "4")}
    p.update(hs2012_theta(rng, I, orderings))
    return p


def hs2012_sample(rng: random.Random, I: int, require: Iterable[str] = ("printed", "A2", "concavity",
                                                                         "interiority")) -> dict:
    """A conditioned sampler: an (A.1) point meeting every assumption named in `require` (keys
    of HS2012_ASSUMPTIONS), built to meet them (no rejection), reaching their boundaries
    (beta just above gamma, t just below alpha, theta^k_k on its Assumption 3 bound, t on
    the Assumption 4 bound). Raises ValueError for incompatible requirements (Assumption 4
    with interiority: theta > 1 makes theta alpha <= t < alpha impossible)."""
    require = set(require)
    unknown = require - set(HS2012_ASSUMPTIONS)
    if unknown:
        raise ValueError(f"require: unknown assumptions {sorted(unknown)} (known: {', '.join(HS2012_ASSUMPTIONS)})")
    if "A4" in require and "interiority" in require:
        raise ValueError("require: Assumption 4 (alpha theta^i_s <= t) and interiority (alpha > t) "
                         "exclude each other when theta^i_s > 1")
    if "concavity" in require and I != 2:
        raise ValueError("require: 'concavity' is the I = 2 condition beta > gamma; for I > 2 use "
                         "proofs_check.families.section3")
    orderings = tuple(o for o in ("A1", "A2") if o in require or (o == "A1" and "printed" in require))
    alpha = edge_decimal(rng, "0.2", "4")
    beta = edge_decimal(rng, "0.1", "3")
    gamma = (beta - edge_decimal(rng, "0", str(beta), open_low=True, open_high=True)
             if "concavity" in require else edge_decimal(rng, "0", "3", open_low=True))
    if "A4" in require:
        theta = hs2012_theta(rng, I, orderings)
        top = max(theta[f"theta^{i}_{s}"] for i in range(1, I + 1) for s in range(1, I + 1) if s != i)
        t = alpha * top * (1 + (0 if rng.random() < 0.2 else edge_decimal(rng, "0", "0.5", open_low=True)))
    else:
        t = (alpha - edge_decimal(rng, "0", str(alpha), open_low=True, open_high=True)
             if "interiority" in require else edge_decimal(rng, "0.05", "4"))
        floors = None
        if "A3" in require:
            # theta^k_k >= 2 theta^i_k - t/alpha: draw the off-diagonal entries first
            off = hs2012_theta(rng, I, ())
            floors = {k: max(2 * off[f"theta^{i}_{k}"] for i in range(1, I + 1) if i != k) - t / alpha
                      for k in range(1, I + 1)}
            theta = {**off, **_raise_own(off, I, orderings, floors, rng)}
        else:
            theta = hs2012_theta(rng, I, orderings)
    p = {"alpha": alpha, "beta": beta, "gamma": gamma, "t": t, **theta}
    if not hs2012_holds(p, I, require):  # the construction is exact; this guards it
        raise AssertionError(f"hs2012_sample built a point missing {sorted(require)}: {p}")
    return p


def _raise_own(theta: dict, I: int, orderings, floors, rng) -> dict:
    """Own entries meeting the orderings and the weak floors, given the off-diagonal ones."""
    out = {}
    for i in range(1, I + 1):
        strict = []
        if "A1" in orderings:
            strict += [theta[f"theta^{i}_{s}"] for s in range(1, I + 1) if s != i]
        if "A2" in orderings:
            strict += [theta[f"theta^{s}_{i}"] for s in range(1, I + 1) if s != i]
        low = max(strict) if strict else sp.Integer(1)
        weak = floors.get(i) if floors else None
        gap = edge_decimal(rng, "0", "2", open_low=True)
        if weak is not None and weak > low:
            out[f"theta^{i}_{i}"] = weak + (0 if rng.random() < 0.15 else gap)
        else:
            out[f"theta^{i}_{i}"] = low + gap
    return out


def abrs2017_parameters(rng: random.Random) -> dict[str, sp.Rational]:
    """A draw of abrs2017's primitives: 0 < epsilon < gamma, wedges with Phi > 0.

    epsilon in (0.01, 0.1), gamma - epsilon in (0.05, 0.6), tau in (-0.1, 0.6), rho in [0, 1],
    delta in (-0.1, 0.4): the ranges of Tables 2-3 and a little beyond.
    """
    eps = decimal_between(rng, "0.01", "0.1")
    return {"epsilon": eps, "gamma": eps + decimal_between(rng, "0.05", "0.6"),
            "tau": decimal_between(rng, "-0.1", "0.6"), "rho": decimal_between(rng, "-0.001", "1.001"),
            "delta": decimal_between(rng, "-0.1", "0.4")}


_ABRS_RANGES = {  # symbol name -> (low, high) for positive coordinates of the city model
    "a": ("0.5", "200"), "n": ("0.01", "50"), "v": ("0.05", "3"), "C": ("0.5", "20"),
    "x": ("0.2", "5"), "y": ("0.2", "5"), "u": ("0", "1"),
}


def abrs2017_point(rng: random.Random, symbols: Iterable[sp.Symbol]) -> dict[sp.Symbol, sp.Rational]:
    """Exact values for `symbols` inside abrs2017's parameter space.

    The primitives follow `abrs2017_parameters`; k_* and k_m are >= 1; the wage w_min lies
    below the mean w_bar; a_star, a_m, a_bar are ordered sites; other positive symbols draw
    from (0.1, 10). Names are matched on the Symbol's name, as printed by SymPy.
    """
    symbols = sorted(set(symbols), key=lambda s: s.name)
    params = abrs2017_parameters(rng)
    point: dict[sp.Symbol, sp.Rational] = {}
    for s in symbols:
        name = s.name
        if name in params:
            point[s] = params[name]
        elif name in ("k_*", "k_star", "k_m"):
            point[s] = 1 + decimal_between(rng, "0", "2")
        elif name in _ABRS_RANGES:
            point[s] = decimal_between(rng, *_ABRS_RANGES[name])
        elif name in ("wbar", "w_bar"):
            point[s] = decimal_between(rng, "50", "100")
        else:
            point[s] = decimal_between(rng, "0.1", "10")
    by_name = {s.name: s for s in symbols}
    if "w_min" in by_name:
        top = point.get(by_name.get("wbar") or by_name.get("w_bar"), sp.Integer(100))
        point[by_name["w_min"]] = decimal_between(rng, "1", str(top))
    return point


def point_strings(point: dict, dps: int = 50) -> dict[str, str]:
    """A point as {symbol name: exact decimal string}, in name order."""
    from numeric.precision import decimal_string
    return {str(k): decimal_string(v, dps) for k, v in sorted(point.items(), key=lambda kv: str(kv[0]))}


try:  # Hypothesis is a test-time dependency; the strategies exist only where it is installed.
    from hypothesis import strategies as st

    def hs2012_strategy(I: int = 2):
        """Hypothesis strategy for the (A.1) example's parameters, the space of
        `hs2012_parameters` (valid by construction, no filtering)."""
        return st.builds(hs2012_parameters, st.randoms(use_true_random=False), st.just(I))

    def hs2012_sample_strategy(I: int = 2, require=("printed", "A2", "concavity", "interiority")):
        """Hypothesis strategy for (A.1) points meeting `require` (the conditioned sampler
        `hs2012_sample`: valid by construction, no `assume`)."""
        return st.builds(hs2012_sample, st.randoms(use_true_random=False), st.just(I), st.just(tuple(require)))

    def simplex_weights_strategy(I: int = 2):
        """Hypothesis strategy for exact weights on the open simplex (`simplex_weights`)."""
        return st.builds(simplex_weights, st.randoms(use_true_random=False), st.just(I))

    def population_totals_strategy(I: int = 2):
        """Hypothesis strategy for totals N_1..N_I (`population_totals`)."""
        return st.builds(population_totals, st.randoms(use_true_random=False), st.just(I))

    def family_strategy(family: str, I: int = 2, require=("A1",)):
        """Hypothesis strategy for a general-g_i family's points (`families.family_point`)."""
        from .families import family_point
        return st.builds(family_point, st.randoms(use_true_random=False), st.just(family), st.just(I),
                         st.just(tuple(require)))

    __all__ += ["hs2012_strategy", "hs2012_sample_strategy", "simplex_weights_strategy",
                "population_totals_strategy", "family_strategy"]
except ImportError:  # pragma: no cover
    pass


# abrs2017's city-system spaces (issue 10) live in their own module; re-exported here.
from .draws_cities import (PHI_REGIONS, SITE_KINDS, city_point, in_domain, phi_bundles, phi_region,  # noqa: E402
                           site_spec, wedges_in)

__all__ += ["PHI_REGIONS", "SITE_KINDS", "city_point", "in_domain", "phi_bundles", "phi_region", "site_spec",
            "wedges_in"]
