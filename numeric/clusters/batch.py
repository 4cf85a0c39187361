"""Many hs2012 optima at once: a float64 screen over parameter draws, polished at high precision.

For a family of g_i (`symbolic.cluster_families`) the row template g(n; r) is derived once
by SymPy with its gradient and Hessian in n and compiled once per process, into numpy and
mpmath functions (`symbolic.lambdas`). Every objective is assembled from it:

- the type-i objective V_i = g(n; row_i) - t N, (III.6), whose stationary points solve (IV.1);
- the Pareto objective W = sum_i lambda_i g(n; row_i) - t N, (IV.4), solving (IV.5);
- the stability margins dV_k/dn_k = dg(n; row_k)/dn_k - t of Section V.A.

`maximise_float` runs a damped Newton ascent on every draw at once in float64 (a screen);
`polish` takes one draw to `dps` digits by Newton from the float64 point and reports the
residual and the Hessian's leading minors, so a caller can confirm a strict local maximum at
high precision. Whether that maximum is global is the caller's certificate (concavity on
the region), not this module's.

Arguments: a draw is given by its rows (I rows of the template's row length) and its common
parameters and t; numpy functions take arrays over D draws, mpmath ones single mpf values.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

import mpmath
import numpy as np
import sympy as sp

from symbolic.cluster_families import row_template
from symbolic.lambdas import numeric_lambda

from ._numerics import first_definiteness_failure, leading_minors, linear_solve, norm

__all__ = ["Compiled", "compiled", "maximise_float", "polish", "Polished"]


@dataclass(frozen=True)
class Compiled:
    """g, grad g and the Hessian of g of one family and I, in numpy and mpmath.

    Each function takes (n_1..n_I, r_1..r_R, common...) and returns (g, grad, Hessian)."""

    family: str
    I: int
    R: int
    numpy: Callable
    mpmath: Callable


@lru_cache(maxsize=None)
def compiled(family: str, I: int) -> Compiled:
    """The compiled row template (cached per process: SymPy runs once per family and I)."""
    T = row_template(family, I)
    grad = [sp.diff(T.g, v) for v in T.n]
    hess = [[sp.diff(gk, v) for v in T.n] for gk in grad]
    expr = sp.Tuple(T.g, sp.Tuple(*grad), sp.Tuple(*[sp.Tuple(*row) for row in hess]))
    args = (*T.n, *T.row, *T.common)
    return Compiled(family, I, len(T.row),
                    numeric_lambda(expr, args, "numpy", f"g_i of the {family} family, its gradient and Hessian",
                                   cse=True),
                    numeric_lambda(expr, args, "mpmath", f"g_i of the {family} family, its gradient and Hessian",
                                   cse=True))


def _arrays(out, D: int):
    g, grad, hess = out
    bc = lambda v: np.broadcast_to(np.asarray(v, dtype=float), (D,))  # noqa: E731
    return bc(g), np.stack([bc(v) for v in grad]), np.stack([np.stack([bc(v) for v in row]) for row in hess])


def _combined_np(C: Compiled, x, rows, weights, common, t, D):
    """Objective, gradient (I, D) and Hessian (I, I, D) of sum_i weights[i] g(x; rows[i]) - t N."""
    value = np.zeros(D)
    grad = np.zeros((C.I, D))
    hess = np.zeros((C.I, C.I, D))
    for wgt, row in zip(weights, rows):
        g, gr, h = _arrays(C.numpy(*x, *row, *common), D)
        value = value + wgt * g
        grad = grad + wgt * gr
        hess = hess + wgt * h
    return value - t * x.sum(axis=0), grad - t, hess


def maximise_float(C: Compiled, rows, weights, common, t, x0: np.ndarray, iterations: int = 100
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Damped Newton ascent on sum_i weights[i] g(n; rows[i]) - t N over D draws in float64.

    rows: list of R-tuples of (D,) arrays (one per weighted row); weights: matching (D,)
    arrays; common: tuple of (D,) arrays; t: (D,) array; x0: (I, D) start with n > 0.
    Returns (x, ok): ok is False where the gradient did not vanish (relative 1e-9), the
    Hessian was not negative definite, or the iterate did not stay in n > 0."""
    I, D = x0.shape
    x = x0.astype(float).copy()
    with np.errstate(all="ignore"):
        value, grad, hess = _combined_np(C, x, rows, weights, common, t, D)
        for _ in range(iterations):
            Hd = np.moveaxis(hess, -1, 0)
            gd = np.moveaxis(grad, -1, 0)
            try:
                step = -np.linalg.solve(Hd, gd[..., None])[..., 0].T
            except np.linalg.LinAlgError:
                step = np.zeros_like(x)
            bad = ~np.all(np.isfinite(step), axis=0) | (np.einsum("id,id->d", step, grad) <= 0)
            step = np.where(bad, grad / (1 + np.abs(grad).max(axis=0)) * (1 + np.abs(x).max(axis=0)), step)
            scale = np.ones(D)
            accepted = np.zeros(D, bool)
            for _half in range(50):
                trial = x + scale * step
                inside = np.all(trial > 0, axis=0)
                tv = _combined_np(C, np.where(inside, trial, x), rows, weights, common, t, D)[0]
                better = inside & np.isfinite(tv) & (tv >= value - 1e-15 * np.abs(value))
                accepted |= better
                if accepted.all():
                    break
                scale = np.where(accepted, scale, scale / 2)
            x = np.where(accepted, x + scale * step, x)
            value, grad, hess = _combined_np(C, x, rows, weights, common, t, D)
            if np.all(np.abs(scale * step) <= 1e-14 * (1 + np.abs(x))):
                break
        small = np.all(np.abs(grad) <= 1e-9 * (1 + np.abs(x)) * (1 + np.abs(t)), axis=0)
        Hd = np.moveaxis(hess, -1, 0)
        finite = np.all(np.isfinite(Hd), axis=(1, 2))
        definite = np.zeros(D, bool)
        if finite.any():
            definite[finite] = np.all(np.linalg.eigvalsh(Hd[finite]) < 0, axis=-1)
    return x, small & definite & np.all(x > 0, axis=0) & np.all(np.isfinite(x), axis=0)


@dataclass
class Polished:
    """One maximiser at `dps` digits: n, the residual max |gradient|, the Hessian's leading
    minors (negative definite iff (-1)^k D_k > 0), the objective, and the stability margins
    dV_k/dn_k = dg(n; row_k)/dn_k - t (Section V.A) at n."""

    n: list
    residual: mpmath.mpf
    minors: list
    value: mpmath.mpf
    stability: list

    @property
    def strict_local_maximum(self) -> bool:
        return first_definiteness_failure(self.minors) is None and all(v > 0 for v in self.n)


def _mpf(q) -> mpmath.mpf:
    return mpmath.mpf(q.p) / q.q


def polish(C: Compiled, rows: Sequence[Sequence[sp.Rational]], weights: Sequence[sp.Rational],
           common: Sequence[sp.Rational], t: sp.Rational, x0: Sequence[float], dps: int,
           all_rows: Sequence[Sequence[sp.Rational]] | None = None, maxiter: int = 60) -> Polished:
    """Newton on the gradient of sum_i weights[i] g(n; rows[i]) - t N from x0 at `dps` (+10
    guard) digits. Parameters are exact rationals, so nothing enters through a float (x0, a
    start, is the only float). `all_rows` (default `rows`) gives the I rows for the stability
    margins dV_k/dn_k."""
    all_rows = rows if all_rows is None else all_rows
    with mpmath.workdps(dps + 10):
        R = [[_mpf(v) for v in row] for row in rows]
        Wt = [_mpf(v) for v in weights]
        Cm = [_mpf(v) for v in common]
        tm = _mpf(t)
        I = C.I

        def parts(x):
            value, grad, hess = mpmath.mpf(0), [mpmath.mpf(0)] * I, [[mpmath.mpf(0)] * I for _ in range(I)]
            for wgt, row in zip(Wt, R):
                g, gr, h = C.mpmath(*x, *row, *Cm)
                value += wgt * g
                grad = [a + wgt * b for a, b in zip(grad, gr)]
                hess = [[a + wgt * b for a, b in zip(ra, rb)] for ra, rb in zip(hess, h)]
            return value - tm * mpmath.fsum(x), [v - tm for v in grad], hess

        x = [mpmath.mpf(float(v)) for v in x0]
        tol = mpmath.mpf(10) ** (3 - mpmath.mp.dps)
        for _ in range(maxiter):
            _, grad, hess = parts(x)
            dx = linear_solve(hess, [-v for v in grad])
            step = mpmath.mpf(1)
            while not all(a + step * b > 0 for a, b in zip(x, dx)):  # stay in n > 0
                step /= 2
            x = [a + step * b for a, b in zip(x, dx)]
            if step == 1 and norm(dx) <= tol * (1 + norm(x)):
                break
        value, grad, hess = parts(x)
        stab = []
        for k, row in enumerate(all_rows):
            _, gr, _ = C.mpmath(*x, *[_mpf(v) for v in row], *Cm)
            stab.append(gr[k] - tm)
        out = Polished(x, norm(grad), leading_minors(hess), value, stab)
    with mpmath.workdps(dps):
        return Polished([+v for v in out.n], +out.residual, [+m for m in out.minors], +out.value,
                        [+s for s in out.stability])
