"""Parameter spaces of the models: seeded samplers of exact points, and Hypothesis strategies.

Every drawn number is an exact decimal (a SymPy Rational built from a decimal string), so a
point can be reported back as the strings it was built from and reproduced exactly.
"""
from __future__ import annotations

import random
import re
from typing import Iterable

import sympy as sp

__all__ = ["decimal_between", "hs2012_point", "hs2012_parameters", "abrs2017_parameters",
           "abrs2017_point", "point_strings"]

_PLACES = 3


def decimal_between(rng: random.Random, lo: str, hi: str, places: int = _PLACES) -> sp.Rational:
    """A decimal with `places` digits after the point, uniform on the grid inside (lo, hi)."""
    scale = 10 ** places
    a, b = sp.Rational(lo) * scale, sp.Rational(hi) * scale
    k = rng.randint(int(sp.floor(a)) + 1, int(sp.ceiling(b)) - 1)
    return sp.Rational(k, scale)


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

    __all__.append("hs2012_strategy")
except ImportError:  # pragma: no cover
    pass
