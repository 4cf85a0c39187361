"""Numerical machinery of the cluster solvers: Newton with a homotopy fallback, definiteness,
real roots of univariate functions (exact isolation for rational polynomials, a sign scan
otherwise), two-precision agreement and decimal output. Model-free: it sees functions only.

User models are evaluated defensively: a point where g_i or c(N) is not real and finite (a log
or a square root of a negative number, a division by zero) is outside the model's domain, so
Newton's line search shortens the step instead of failing, and a start point outside the domain
raises `ModelRequirementFailed`. Every solve runs under a `Budget` (Newton steps, function
evaluations and wall time per call of a public solver); when it is spent, `BudgetExceeded`
says so in one line.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

import mpmath
import sympy as sp

from numeric.precision import fmt
from .params import ClusterSolveError, NoConvergence

GUARD = 10  # extra digits carried inside every solve


class ModelRequirementFailed(ClusterSolveError):
    """A user model fails a requirement a solver relies on; `requirement` names it (real and
    finite values, a stationary point, diminishing marginal products, ...)."""

    def __init__(self, requirement: str, message: str):
        self.requirement = requirement
        super().__init__(message)


class BudgetExceeded(NoConvergence):
    """A solver spent its budget (Newton steps, evaluations or seconds) for one model."""


# --- budgets --------------------------------------------------------------------------------

#: Per call of a public solver (both precisions together): Newton steps, evaluations of a
#: compiled function by the scans and root refinements, and seconds of wall time.
STEP_BUDGET = 4000
EVALUATION_BUDGET = 200_000
SECONDS_BUDGET = 10.0


class Budget:
    """Counts the work of one solve; `spend` raises BudgetExceeded when a limit is passed."""

    def __init__(self, what: str, steps: int = STEP_BUDGET, evaluations: int = EVALUATION_BUDGET,
                 seconds: float = SECONDS_BUDGET):
        self.what, self.steps, self.evaluations, self.seconds = what, steps, evaluations, seconds
        self.used_steps = self.used_evaluations = 0
        self.start = time.monotonic()

    def spend(self, steps: int = 0, evaluations: int = 0) -> None:
        self.used_steps += steps
        self.used_evaluations += evaluations
        if self.used_steps > self.steps:
            raise BudgetExceeded(f"{self.what}: the budget of {self.steps} Newton steps for this model is "
                                 "spent without convergence")
        if self.used_evaluations > self.evaluations:
            raise BudgetExceeded(f"{self.what}: the budget of {self.evaluations} function evaluations for "
                                 "this model is spent")
        if time.monotonic() - self.start > self.seconds:
            raise BudgetExceeded(f"{self.what}: the time budget of {self.seconds:g} s for this model is "
                                 "spent (a smaller dps or a simpler model may finish)")


_BUDGET: list[Budget] = []


@contextmanager
def budget(what: str, **limits) -> Iterator[Budget]:
    """Run a public solver under a fresh Budget (nested calls share the outermost one)."""
    if _BUDGET:
        yield _BUDGET[-1]
        return
    b = Budget(what, **limits)
    _BUDGET.append(b)
    try:
        yield b
    finally:
        _BUDGET.pop()


def spend(steps: int = 0, evaluations: int = 0) -> None:
    """Charge the current budget (no-op outside a solver)."""
    if _BUDGET:
        _BUDGET[-1].spend(steps, evaluations)


# --- safe evaluation --------------------------------------------------------------------------

_EVAL_ERRORS = (ArithmeticError, ValueError, TypeError)


def real_value(v):
    """v as a finite real mpf, or None (complex with a nonzero imaginary part, inf, nan)."""
    if isinstance(v, mpmath.mpc):
        if v.imag != 0:
            return None
        v = v.real
    if isinstance(v, (int, float)):
        v = mpmath.mpf(v)
    if not isinstance(v, mpmath.mpf) or not mpmath.isfinite(v):
        return None
    return v


def real_vector(fn: Callable, x) -> list | None:
    """fn(x) as a list of finite real mpf, or None where fn is not real and finite at x."""
    try:
        values = fn(x)
    except _EVAL_ERRORS:
        return None
    out = []
    for v in values:
        r = real_value(v)
        if r is None:
            return None
        out.append(r)
    return out


def real_matrix(fn: Callable, x) -> list | None:
    """fn(x) (a sequence of rows) with finite real entries, or None."""
    try:
        rows = fn(x)
    except _EVAL_ERRORS:
        return None
    out = []
    for row in rows:
        vals = [real_value(v) for v in row]
        if any(v is None for v in vals):
            return None
        out.append(vals)
    return out


def real_scalar(fn: Callable, *args):
    """fn(*args) as a finite real mpf, or None."""
    try:
        return real_value(fn(*args))
    except _EVAL_ERRORS:
        return None


def term_scale(J_rows, x) -> mpmath.mpf:
    """The size of the terms of F at a root x: max_k sum_j |J_kj x_j| (the change of F under a
    relative change of x), the scale a residual |F(x)| is compared with (numeric.acceptance)."""
    best = mpmath.mpf(0)
    for row in J_rows:
        best = max(best, mpmath.fsum(abs(a * b) for a, b in zip(row, x)))
    return best


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
    fx = real_vector(F, x)
    if fx is None:
        raise ModelRequirementFailed(
            "real values", f"the model is not real and finite at the start point n = {mpmath.nstr(x, 8)} "
            "(check g_i and c(N) there: a log or root of a negative number, a division by zero)")
    nf = norm(fx)
    tol = mpmath.mpf(10) ** (3 - mpmath.mp.dps)
    small = mpmath.mpf(10) ** (-(mpmath.mp.dps // 4))
    for it in range(1, maxiter + 1):
        spend(steps=1)
        Jx = real_matrix(J, x)
        if Jx is None:
            raise NoConvergence(f"the Jacobian is not real and finite at x = {mpmath.nstr(x, 8)}")
        try:
            dx = linear_solve(Jx, [-v for v in fx])
        except ZeroDivisionError:
            raise NoConvergence(f"singular Jacobian at x = {mpmath.nstr(x, 8)}") from None
        scale = 1 + norm(x)
        size = norm(dx)
        step = mpmath.mpf(1)
        while True:
            xn = _axpy(step, dx, x)
            fn = real_vector(F, xn)  # None: outside the model's real domain, shorten the step
            nn = norm(fn) if fn is not None else None
            if fn is not None and (size * step <= small * scale or nn <= nf):
                break
            step /= 2
            spend(evaluations=1)
            if step < mpmath.mpf(2) ** -40:
                raise NoConvergence(f"line search failed at x = {mpmath.nstr(x, 8)}")
        x, fx, nf = xn, fn, nn
        if step == 1 and size <= tol * scale:
            return x, it
    raise NoConvergence(f"no convergence in {maxiter} Newton steps (last x = {mpmath.nstr(x, 8)})")


def homotopy(F: Callable, J: Callable, x0: Sequence, min_step_log2: int = -14) -> tuple[list, int]:
    """Newton homotopy H(x, tau) = F(x) - (1 - tau) F(x0), tau from 0 to 1 with adaptive steps."""
    x = list(x0)
    f0 = real_vector(F, x)
    if f0 is None:
        raise ModelRequirementFailed(
            "real values", f"the model is not real and finite at the start point n = {mpmath.nstr(x, 8)}")
    tau, step, total = mpmath.mpf(0), mpmath.mpf(1) / 4, 0
    while tau < 1:
        target = min(mpmath.mpf(1), tau + step)
        shift = [(1 - target) * v for v in f0]
        try:
            x_new, its = newton(lambda y: [a - b for a, b in zip(F(y), shift)], J, x, maxiter=30)
            total += its
        except BudgetExceeded:
            raise
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
    except BudgetExceeded:
        raise
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
    # relative to the root only (roots of a model with beta = 1e90 sit near 1e-90; an absolute
    # floor would stop there at the floor); a root at 0 ends at the iteration bound
    floor = 0
    x = (a + b) / 2
    for _ in range(20 * mpmath.mp.dps):
        spend(evaluations=1)
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
        if abs(nxt - x) <= tol * abs(x) + floor or b - a <= tol * abs(x) + floor:
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


def _scanned_value(f: Callable, x):
    """f(x) as a real mpf (real_value); a model that is not real and finite there is refused."""
    v = real_value(f(x))
    if v is None:
        raise ModelRequirementFailed("real values", f"the model's g or cost is not real and finite at "
                                     f"{mpmath.nstr(x, 8)} (a condition takes the value {mpmath.nstr(f(x), 8)})")
    return v


def scanned_roots(f: Callable, df: Callable | None, lo, hi, points: int = 481) -> list[Root]:
    """Roots of f on [lo, hi] found by sign changes on a geometric grid, then refined.

    Not rigorous: two roots inside one grid cell (a factor (hi/lo)^(1/(points-1)) wide) cancel
    and are missed. Used only for models that are not rational polynomials in the variable."""
    lo, hi = mpmath.mpf(lo), mpmath.mpf(hi)
    ratio = (hi / lo) ** (mpmath.mpf(1) / (points - 1))
    grid = [lo * ratio ** k for k in range(points)]
    spend(evaluations=points)
    values = [_scanned_value(f, x) for x in grid]
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
    step = lo if lo > 0 else mpmath.mpf(10) ** -6  # relative to the start: roots may be tiny
    hi = lo + step
    for _ in range(limit_doublings):
        spend(evaluations=1)
        if f(hi) <= 0:
            if f(hi) == 0:
                return hi
            return _bisect_newton(f, df, lo, hi, 1)
        lo, step = hi, step * 2
        hi = lo + step
    return None
