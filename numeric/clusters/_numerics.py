"""Numerical machinery of the cluster solvers: Newton with a homotopy fallback, definiteness,
real roots of univariate functions (exact isolation for rational polynomials, a sign scan
otherwise), two-precision agreement and decimal output. Model-free: it sees functions only.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import mpmath
import sympy as sp

from numeric.precision import fmt
from .params import NoConvergence

GUARD = 10  # extra digits carried inside every solve


def mat(values) -> list:
    """A vector as the compiled functions take it: a list of mpf."""
    return list(values)


def vec(x) -> list:
    return list(x)


def norm(x) -> mpmath.mpf:
    """The max norm of a vector (list or tuple of mpf)."""
    return max((abs(v) for v in x), default=mpmath.mpf(0))


def _axpy(a, x, y) -> list:
    return [a * xi + yi for xi, yi in zip(x, y)]


def linear_solve(A, b) -> list:
    """Solve A x = b (A a sequence of rows) by Gaussian elimination with partial pivoting.

    Plain lists of mpf: for the small systems here this is several times faster than
    mpmath.matrix. Raises ZeroDivisionError for a singular matrix."""
    n = len(b)
    M = [list(row) + [bi] for row, bi in zip(A, b)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(M[r][c]))
        if M[p][c] == 0:
            raise ZeroDivisionError("singular matrix")
        M[c], M[p] = M[p], M[c]
        pivot = M[c]
        for r in range(c + 1, n):
            f = M[r][c] / pivot[c]
            if f:
                row = M[r]
                for k in range(c, n + 1):
                    row[k] -= f * pivot[k]
    x = [mpmath.mpf(0)] * n
    for r in range(n - 1, -1, -1):
        x[r] = (M[r][n] - mpmath.fsum(M[r][k] * x[k] for k in range(r + 1, n))) / M[r][r]
    return x


def determinant(A) -> mpmath.mpf:
    """det A by Gaussian elimination with partial pivoting (A a sequence of rows)."""
    M = [list(row) for row in A]
    n, det = len(M), mpmath.mpf(1)
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(M[r][c]))
        if M[p][c] == 0:
            return mpmath.mpf(0)
        if p != c:
            M[c], M[p] = M[p], M[c]
            det = -det
        det *= M[c][c]
        for r in range(c + 1, n):
            f = M[r][c] / M[c][c]
            for k in range(c, n):
                M[r][k] -= f * M[c][k]
    return det


def fmts(xs, dps: int) -> list:
    return [fmt(x, dps) for x in xs]


def rounded(values, dps: int) -> list[mpmath.mpf]:
    with mpmath.workdps(dps):
        return [+v for v in values]


def agreement(low: Sequence, high: Sequence, dps: int) -> int:
    """The fewest significant digits on which corresponding entries agree (at most dps)."""
    from numeric.precision import agreed_digits
    digits = dps
    with mpmath.workdps(2 * dps + GUARD):
        for a, b in zip(low, high):
            if a is None or b is None:
                if (a is None) != (b is None):
                    return 0
                continue
            digits = min(digits, agreed_digits(a, b))
    return digits


# --- Newton ---------------------------------------------------------------------------------

def newton(F: Callable, J: Callable, x0: Sequence, maxiter: int = 100) -> tuple[list, int]:
    """Damped Newton on F(x) = 0 from x0 at the current precision; returns (x, iterations).

    F maps a list of mpf to a sequence, J to a sequence of rows. Full steps are taken once
    they are small (quadratic convergence); larger steps are halved until the residual does
    not grow. Stops after a full step below 10^(3-dps) relative to |x|.
    """
    x = list(x0)
    fx = F(x)
    nf = norm(fx)
    tol = mpmath.mpf(10) ** (3 - mpmath.mp.dps)
    small = mpmath.mpf(10) ** (-(mpmath.mp.dps // 4))
    for it in range(1, maxiter + 1):
        try:
            dx = linear_solve(J(x), [-v for v in fx])
        except ZeroDivisionError:
            raise NoConvergence(f"singular Jacobian at x = {mpmath.nstr(x, 8)}") from None
        scale = 1 + norm(x)
        size = norm(dx)
        step = mpmath.mpf(1)
        while True:
            xn = _axpy(step, dx, x)
            fn = F(xn)
            nn = norm(fn)
            if size * step <= small * scale or nn <= nf:
                break
            step /= 2
            if step < mpmath.mpf(2) ** -40:
                raise NoConvergence(f"line search failed at x = {mpmath.nstr(x, 8)}")
        x, fx, nf = xn, fn, nn
        if step == 1 and size <= tol * scale:
            return x, it
    raise NoConvergence(f"no convergence in {maxiter} Newton steps (last x = {mpmath.nstr(x, 8)})")


def homotopy(F: Callable, J: Callable, x0: Sequence, min_step_log2: int = -14) -> tuple[list, int]:
    """Newton homotopy H(x, tau) = F(x) - (1 - tau) F(x0), tau from 0 to 1 with adaptive steps."""
    x = list(x0)
    f0 = list(F(x))
    tau, step, total = mpmath.mpf(0), mpmath.mpf(1) / 4, 0
    while tau < 1:
        target = min(mpmath.mpf(1), tau + step)
        shift = [(1 - target) * v for v in f0]
        try:
            x_new, its = newton(lambda y: [a - b for a, b in zip(F(y), shift)], J, x, maxiter=30)
            total += its
        except NoConvergence:
            step /= 2
            if step < mpmath.mpf(2) ** min_step_log2:
                raise NoConvergence(f"homotopy continuation stops at tau = {mpmath.nstr(tau, 6)} "
                                    f"(x = {mpmath.nstr(x, 8)})") from None
            continue
        tau, x = target, x_new
        step = min(step * 2, mpmath.mpf(1) / 2)
    return x, total


def solve(F: Callable, J: Callable, x0: Sequence) -> tuple[list, str]:
    """Newton from x0; if it fails, the Newton homotopy from x0. Returns (x, method)."""
    try:
        x, its = newton(F, J, x0)
        return x, f"Newton ({its} steps)"
    except NoConvergence:
        x, its = homotopy(F, J, x0)
        return x, f"Newton homotopy ({its} steps)"


def leading_minors(H) -> list[mpmath.mpf]:
    """Leading principal minors D_1..D_I of a square matrix given as a sequence of rows."""
    rows = [list(r) for r in H]
    return [determinant([r[:k] for r in rows[:k]]) for k in range(1, len(rows) + 1)]


def first_definiteness_failure(minors: Sequence) -> int | None:
    """Negative definite iff (-1)^k D_k > 0 for all k; the first k that fails, or None."""
    for k, d in enumerate(minors, start=1):
        if not (-1) ** k * d > 0:
            return k
    return None


# --- univariate roots -----------------------------------------------------------------------

@dataclass(frozen=True)
class Root:
    """A real root: its value at the working precision and, when rational, its exact value."""

    value: mpmath.mpf
    exact: sp.Rational | None = None
    multiplicity: int = 1


def _bisect_newton(f: Callable, df: Callable | None, a, b, sign_a: int) -> mpmath.mpf:
    """The root of f in (a, b), f(a) having sign `sign_a` and f(b) the opposite (safeguarded
    Newton: a Newton step when it stays inside the bracket, else bisection)."""
    a, b = mpmath.mpf(a), mpmath.mpf(b)
    tol = mpmath.mpf(10) ** (-mpmath.mp.dps + 2)
    x = (a + b) / 2
    for _ in range(20 * mpmath.mp.dps):
        fx = f(x)
        if fx == 0:
            return x
        if (fx > 0) == (sign_a > 0):
            a = x
        else:
            b = x
        nxt = None
        if df is not None:
            d = df(x)
            if d != 0:
                cand = x - fx / d
                if a < cand < b:
                    nxt = cand
        if nxt is None:
            nxt = (a + b) / 2
        if abs(nxt - x) <= tol * (abs(x) + tol) or b - a <= tol * (abs(x) + tol):
            return nxt
        x = nxt
    return x


def polynomial_roots(expr: sp.Expr, s: sp.Symbol, positive: bool = True) -> list[Root] | None:
    """Real roots (s > 0 when `positive`) of `expr`, a polynomial in s with rational
    coefficients, sorted; None when it is not one. Rational roots are exact (linear factors);
    the others are isolated in rational intervals by SymPy and refined at the working
    precision, so no root is missed or counted twice."""
    try:
        P = sp.Poly(sp.expand(expr), s)
    except sp.PolynomialError:
        return None
    if not P.domain.is_QQ and not P.domain.is_ZZ:
        return None
    if P.is_zero:
        raise ValueError("the boundary function vanishes identically along the ray")
    roots: list[Root] = []
    _, factors = P.factor_list()
    for factor, mult in factors:
        if factor.degree() == 1:
            a, b = factor.all_coeffs()
            r = -sp.Rational(b) / sp.Rational(a)
            if not positive or r > 0:
                roots.append(Root(mpmath.mpf(r.p) / r.q, r, mult))
            continue
        coeffs = [sp.Rational(c) for c in factor.all_coeffs()]
        numeric = [mpmath.mpf(c.p) / c.q for c in coeffs]
        f = lambda x, c=numeric: mpmath.polyval(c, x)  # noqa: E731
        df = lambda x, c=numeric: mpmath.polyval(c, x, derivative=True)[1]  # noqa: E731
        for (a, b), _k in factor.intervals(inf=0 if positive else None):
            a, b = sp.Rational(a), sp.Rational(b)
            if a == b:  # cannot happen for an irreducible factor of degree > 1, kept for safety
                roots.append(Root(mpmath.mpf(a.p) / a.q, a, mult))
                continue
            sign_a = 1 if factor.eval(a) > 0 else -1
            value = _bisect_newton(f, df, mpmath.mpf(a.p) / a.q, mpmath.mpf(b.p) / b.q, sign_a)
            roots.append(Root(value, None, mult))
    return sorted(roots, key=lambda r: r.value)


def scanned_roots(f: Callable, df: Callable | None, lo, hi, points: int = 481) -> list[Root]:
    """Roots of f on [lo, hi] found by sign changes on a geometric grid, then refined.

    Not rigorous: two roots inside one grid cell (a factor (hi/lo)^(1/(points-1)) wide) cancel
    and are missed. Used only for models that are not rational polynomials in the variable."""
    lo, hi = mpmath.mpf(lo), mpmath.mpf(hi)
    ratio = (hi / lo) ** (mpmath.mpf(1) / (points - 1))
    grid = [lo * ratio ** k for k in range(points)]
    values = [f(x) for x in grid]
    roots = []
    for k in range(points - 1):
        a, b, fa, fb = grid[k], grid[k + 1], values[k], values[k + 1]
        if fa == 0:
            roots.append(Root(a))
        elif fa * fb < 0:
            roots.append(Root(_bisect_newton(f, df, a, b, 1 if fa > 0 else -1)))
    if values[-1] == 0:
        roots.append(Root(grid[-1]))
    return roots


def first_crossing_above(f: Callable, df: Callable | None, start, limit_doublings: int = 400):
    """The first root of f above `start` where f(start) > 0 changes sign, by doubling then
    bisection-Newton; None if f stays positive up to start * 2^limit_doublings."""
    lo = mpmath.mpf(start)
    step = max(lo, mpmath.mpf(10) ** -6)
    hi = lo + step
    for _ in range(limit_doublings):
        if f(hi) <= 0:
            if f(hi) == 0:
                return hi
            return _bisect_newton(f, df, lo, hi, 1)
        lo, step = hi, step * 2
        hi = lo + step
    return None
