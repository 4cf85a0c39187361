"""Families of output-per-worker functions g_i for hs2012's general propositions.

Proposition 1 and 2 are stated for any g_i meeting Section III's assumptions, so they are
tested on several families besides the Appendix's (A.1). Each family is a `ClusterModel`
(with c(N) = tN of (III.7)) whose g_i carry their own parameter symbols:

==================  =====================================================================
family              g_i(n_1..n_I)
==================  =====================================================================
``A.1``             sum_s [theta^i_s alpha n_s - (beta/2) n_s^2] + gamma prod_s n_s
``quadratic``       sum_s a^i_s n_s - (1/2) sum_s b_s n_s^2 + sum_{s<r} c_s_r n_s n_r
                    (a quadratic form with cross terms, common curvature)
``cobb-douglas``    A_i prod_s n_s^(e^i_s)
``power-cross``     sum_s w^i_s n_s^rho + gamma prod_s n_s^(sigma/I)
                    (CES-type own terms with a common Cobb-Douglas cross term)
==================  =====================================================================

No numbers: the samplers of `proofs_check.families` draw the parameters.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from . import clusters as hs

__all__ = ["FAMILIES", "family_model", "family_symbols", "row_template", "Template",
           "a", "b", "c", "e", "A", "w", "rho", "sigma"]

FAMILIES = ("A.1", "quadratic", "cobb-douglas", "power-cross")

rho, sigma = sp.symbols("rho sigma", positive=True)


def a(i: int, s: int) -> sp.Symbol:
    """a^i_s: the linear coefficient of n_s in the quadratic g_i."""
    return sp.Symbol(f"a^{i}_{s}", positive=True)


def b(s: int) -> sp.Symbol:
    """b_s: the own curvature of n_s in the quadratic family (common to every g_i)."""
    return sp.Symbol(f"b_{s}", positive=True)


def c(s: int, r: int) -> sp.Symbol:
    """c_s_r (s < r): the cross coefficient of n_s n_r in the quadratic family."""
    s, r = min(s, r), max(s, r)
    return sp.Symbol(f"c_{s}_{r}", positive=True)


def e(i: int, s: int) -> sp.Symbol:
    """e^i_s: the exponent of n_s in the Cobb-Douglas g_i."""
    return sp.Symbol(f"e^{i}_{s}", positive=True)


def A(i: int) -> sp.Symbol:
    """A_i: the scale of the Cobb-Douglas g_i."""
    return sp.Symbol(f"A_{i}", positive=True)


def w(i: int, s: int) -> sp.Symbol:
    """w^i_s: the weight of n_s^rho in the power-cross g_i."""
    return sp.Symbol(f"w^{i}_{s}", positive=True)


def _g(family: str, I: int, i: int, ns) -> sp.Expr:
    if family == "quadratic":
        return (sp.Add(*[a(i, s) * ns[s - 1] - b(s) / 2 * ns[s - 1] ** 2 for s in range(1, I + 1)])
                + sp.Add(*[c(s, r) * ns[s - 1] * ns[r - 1] for s in range(1, I + 1) for r in range(s + 1, I + 1)]))
    if family == "cobb-douglas":
        return A(i) * sp.Mul(*[ns[s - 1] ** e(i, s) for s in range(1, I + 1)])
    if family == "power-cross":
        return (sp.Add(*[w(i, s) * ns[s - 1] ** rho for s in range(1, I + 1)])
                + hs.gamma * sp.Mul(*[ns[s - 1] ** (sigma / I) for s in range(1, I + 1)]))
    raise ValueError(f"family={family!r}: must be one of {', '.join(FAMILIES)}")


@lru_cache(maxsize=None)
def family_model(family: str, I: int) -> hs.ClusterModel:
    """The cluster model of `family` with I industries and c(N) = tN (III.7)."""
    if family == "A.1":
        return hs.example_model(I)
    ns = hs.n(I)
    g = tuple(_g(family, I, i, ns) for i in range(1, I + 1))
    cost = hs.cost_of_living_from_rent()
    return hs.ClusterModel(I, ns, g, lambda pop: cost.subs(hs.N, pop), family)


@lru_cache(maxsize=None)
def family_symbols(family: str, I: int) -> tuple[sp.Symbol, ...]:
    """The parameter symbols of `family` (t included), sorted by name: the argument order of
    every compiled function of the family."""
    model = family_model(family, I)
    used = set()
    for i in range(1, I + 1):
        used |= hs.utility(model, i).free_symbols
    return tuple(sorted(used - set(model.n), key=lambda s: s.name))


@dataclass(frozen=True)
class Template:
    """g_i of a family written once for every i: g(n; r) with r the row of industry i.

    `g` is an expression in `n`, the row symbols `row` (r_1..r_R) and the `common`
    parameters; `rows(i)` gives the family's symbols that fill the row for industry i, so
    g.subs(zip(row, rows(i))) is g_i of `family_model`. Compiling g once serves every i and
    every Pareto weight (W = sum_i lambda_i g(n; rows(i)) - tN)."""

    family: str
    I: int
    n: tuple[sp.Symbol, ...]
    g: sp.Expr
    row: tuple[sp.Symbol, ...]
    common: tuple[sp.Symbol, ...]

    def rows(self, i: int) -> tuple[sp.Symbol, ...]:
        I = self.I
        if self.family == "A.1":
            return tuple(hs.theta(i, s) for s in range(1, I + 1))
        if self.family == "quadratic":
            return tuple(a(i, s) for s in range(1, I + 1))
        if self.family == "cobb-douglas":
            return (A(i), *[e(i, s) for s in range(1, I + 1)])
        return tuple(w(i, s) for s in range(1, I + 1))


@lru_cache(maxsize=None)
def row_template(family: str, I: int) -> Template:
    """The row template of `family` with I industries (see `Template`)."""
    ns = hs.n(I)
    r = sp.symbols(f"r_1:{I + 2}", positive=True)
    if family == "A.1":
        row = r[:I]
        g = (sp.Add(*[row[s] * hs.alpha * ns[s] - hs.beta / 2 * ns[s] ** 2 for s in range(I)])
             + hs.gamma * sp.Mul(*ns))
        common = (hs.alpha, hs.beta, hs.gamma)
    elif family == "quadratic":
        row = r[:I]
        common = (*[b(s) for s in range(1, I + 1)],
                  *[c(s, q) for s in range(1, I + 1) for q in range(s + 1, I + 1)])
        g = (sp.Add(*[row[s - 1] * ns[s - 1] - b(s) / 2 * ns[s - 1] ** 2 for s in range(1, I + 1)])
             + sp.Add(*[c(s, q) * ns[s - 1] * ns[q - 1] for s in range(1, I + 1) for q in range(s + 1, I + 1)]))
    elif family == "cobb-douglas":
        row = r[:I + 1]
        g = row[0] * sp.Mul(*[ns[s] ** row[s + 1] for s in range(I)])
        common = ()
    elif family == "power-cross":
        row = r[:I]
        g = (sp.Add(*[row[s] * ns[s] ** rho for s in range(I)])
             + hs.gamma * sp.Mul(*[ns[s] ** (sigma / I) for s in range(I)]))
        common = (rho, sigma, hs.gamma)
    else:
        raise ValueError(f"family={family!r}: must be one of {', '.join(FAMILIES)}")
    return Template(family, I, ns, g, tuple(row), tuple(common))
