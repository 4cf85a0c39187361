"""The three allocations of abrs2017 Section 3 as one rule in a ratio coordinate, and the
numerical machinery (branch root, safeguarded Newton, vector quadrature) the solvers share.

With cost scale c, every benefit is c times its c = 1 value at the site a/c (a n^eps - c n^gamma
= c [(a/c) n^eps - n^gamma]), so the paper's formulas hold with a replaced by a/c and benefits
multiplied by c. Write s(a) for the allocation's reference scale and v = (n/s(a))^(gamma-eps):

==============  =========  ===============  ==========  =========================  ============
allocation      s(a)       benefit          C           B (benefit = B s^g h(v))   margin v0
==============  =========  ===============  ==========  =========================  ============
optimum         n_i(a)     smb (1), (10)    Gamma       c (1+gamma)                1   (13)
free migration  n_p(a)     pab (2), (18)    gamma/eps   c (1-delta)(1+rho gamma)   k_m^(g-e) (21)
local politics  n_p(a)     pab (2)          gamma/eps   c (1-delta)(1+rho gamma)   1 (v = 1 everywhere)
==============  =========  ===============  ==========  =========================  ============

with h(v) = v^(eps/(gamma-eps)) (C - v), the f(v; C)/n_i^gamma of (A-1), and
s(a) = (eps Psi a / (gamma c))^(1/(gamma-eps)), Psi = 1 for n_i and Phi for n_p (3). A common
level mu of the benefit gives B s(a)^gamma h(v(a)) = mu at every occupied site, and since
s(a)^gamma scales as a^(gamma/(gamma-eps)), h(v(a)) = h(v_m) (a_m/a)^(gamma/(gamma-eps)): the
implicit solutions (15) and (23), explicit for a as a function of v. The margin site with ratio
v0 has mu = B s(a_m)^gamma h(v0) (interior margin), i.e. (11)/(A-3) and (20)-(21).

Everything here is written once over an arithmetic context (`mpmath.mp` or `mpmath.fp`), so the
discrete solvers search with floats and finish at the working precision with the same code.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

import mpmath
import sympy as sp
from mpmath.calculus.quadrature import TanhSinh

from .params import CityParams, NoConvergence

__all__ = ["Rule", "ALLOCATIONS", "rtsafe", "gauss_legendre", "tanh_sinh", "time_budget", "SECONDS_BUDGET",
           "BudgetExceeded"]

#: Wall-time budget of one `solve_allocation` (both precisions): a solve that has not finished
#: by then stops with BudgetExceeded instead of running on (the paper's cases take a few s).
SECONDS_BUDGET = 10.0


class BudgetExceeded(NoConvergence):
    """A city solve spent its time budget."""


_DEADLINE: list = []
_WORK: list = [0]


@contextmanager
def time_budget(what: str, seconds: float | None = None, work: int | None = None) -> Iterator[None]:
    """Run a solve under a wall-time budget and, optionally, a work budget: at most `work` units
    (one per integrand evaluation of a quadrature panel, one per root-finding step), which unlike wall time does not
    depend on the machine or its load, so a verdict that rests on it is reproducible. Nested calls
    keep the outer budget."""
    if _DEADLINE:
        yield
        return
    seconds = SECONDS_BUDGET if seconds is None else seconds  # read at call time (the tests raise it)
    _DEADLINE.append((time.monotonic() + seconds, what, seconds, work))
    _WORK[0] = 0
    try:
        yield
    finally:
        _DEADLINE.pop()


def _check_budget(weight: int = 1) -> None:
    """Charge `weight` units of work (the integrand evaluations about to be made, or 1 for a
    root-finding step) and stop when either budget is spent."""
    if not _DEADLINE:
        return
    deadline, what, seconds, work = _DEADLINE[0]
    _WORK[0] += weight
    if work is not None and _WORK[0] > work:
        raise BudgetExceeded(f"{what}: the work budget of {work} integrand evaluations and root-finding steps is "
                             "spent before the solve converged (parameters far from the paper's scale)")
    if time.monotonic() > deadline:
        raise BudgetExceeded(f"{what}: the time budget of {seconds:g} s is spent before the solve converged "
                             "(parameters far from the paper's scale make the quadrature expensive)")

ALLOCATIONS = ("optimum", "local-politics", "free-migration")


def _exact_constants(p: CityParams, name: str) -> dict:
    """Exact rationals C, B, Psi of the table above (and the bundles)."""
    e, g, c = p.epsilon, p.gamma, p.cost_scale
    D = (1 - p.delta) * (1 + p.rho * g)
    Phi = p.exact_Phi()
    Phi_star = (1 + e) / (1 + g)
    Gamma = g / e * Phi_star
    if name == "optimum":
        return {"C": Gamma, "B": c * (1 + g), "Psi": sp.Integer(1), "vb": Phi_star}
    if name in ("free-migration", "local-politics"):
        return {"C": g / e, "B": c * D, "Psi": Phi, "vb": sp.Integer(1)}
    raise ValueError(f"allocation={name!r}: must be one of {', '.join(ALLOCATIONS)}")


class Rule:
    """One allocation's rule at a context's precision (see the module docstring).

    `ctx` is mpmath.mp (the working precision) or mpmath.fp (floats).
    """

    def __init__(self, p: CityParams, name: str, ctx=mpmath.mp):
        self.p, self.name, self.ctx = p, name, ctx
        if ctx is mpmath.fp:
            num = float
        else:
            def num(q):
                q = sp.Rational(q)
                return ctx.mpf(q.p) / q.q
        self.num = num
        k = _exact_constants(p, name)
        self.eps, self.gam, self.c = num(p.epsilon), num(p.gamma), num(p.cost_scale)
        self.C, self.B, self.Psi, self.vb = num(k["C"]), num(k["B"]), num(k["Psi"]), num(k["vb"])
        self.e1 = 1 / (self.gam - self.eps)          # 1/(gamma - eps)
        self.q = self.eps * self.e1                  # eps/(gamma - eps)
        self.pe = (self.gam - self.eps) / self.gam   # (gamma - eps)/gamma
        self.coef = num(p.epsilon * k["Psi"] / (p.gamma * p.cost_scale))  # s(a) = (coef a)^e1
        self.fixed = name == "local-politics"
        if name == "free-migration":
            self.v0 = ctx.power(num(p.k_m), self.gam - self.eps)
        else:
            self.v0 = num(1)
        self.hv0 = self.h(self.v0)
        self.hvb = self.h(self.vb)
        self.wage_coef = self.c * self.gam / (self.eps * self.Psi)  # w = wage_coef s^g v^q

    # --- ratio-coordinate algebra ----------------------------------------------------------------
    def h(self, v):
        """h(v) = v^q (C - v), q = eps/(gamma-eps)."""
        return self.ctx.power(v, self.q) * (self.C - v)

    def dlog_h(self, v):
        """d ln h / dv = q/v - 1/(C - v)."""
        return self.q / v - 1 / (self.C - v)

    def scale(self, a):
        """s(a): n_i(a) (optimum) or n_p(a) (free migration, local politics), eq. (3)."""
        return self.ctx.power(self.coef * a, self.e1)

    def scale_power(self, a):
        """s(a)^gamma."""
        return self.ctx.power(self.coef * a, self.gam * self.e1)

    def margin_benefit(self, a):
        """mu at which the site a is the margin with ratio v0: B s(a)^gamma h(v0)."""
        return self.B * self.scale_power(a) * self.hv0

    def margin_site(self, mu):
        """The site whose margin benefit is mu (inverse of margin_benefit)."""
        return self.ctx.power(mu / (self.B * self.hv0), self.pe) / self.coef

    def benefit(self, n, a):
        """smb(n, a) (optimum) or pab(n, a) (otherwise), with the cost scale c."""
        ctx, p = self.ctx, self.p
        if self.name == "optimum":
            return (1 + self.eps) * a * ctx.power(n, self.eps) - self.c * (1 + self.gam) * ctx.power(n, self.gam)
        D = self.num((1 - p.delta) * (1 + p.rho * p.gamma))
        return (1 - self.num(p.tau)) * a * ctx.power(n, self.eps) - self.c * D * ctx.power(n, self.gam)

    def sab(self, n, a):
        """Social average benefit a n^eps - c n^gamma."""
        return a * self.ctx.power(n, self.eps) - self.c * self.ctx.power(n, self.gam)

    def pab(self, n, a):
        """Private average benefit (2) less T, with the cost scale c."""
        p = self.p
        D = self.num((1 - p.delta) * (1 + p.rho * p.gamma))
        return (1 - self.num(p.tau)) * a * self.ctx.power(n, self.eps) - self.c * D * self.ctx.power(n, self.gam)

    def dn_dmu(self, n, v, s_gamma):
        """dn/dmu at fixed a: 1/(d benefit/dn) = n / (B s^g v^q (eps C - gamma v))."""
        return n / (self.B * s_gamma * self.ctx.power(v, self.q) * (self.eps * self.C - self.gam * v))

    def solve_v(self, t, start=None):
        """The v on the decreasing branch (v > vb) with h(v) = t, for 0 <= t <= h(vb).

        Newton on q ln v + ln(C - v) = ln t (concave, decreasing in v on the branch), started at
        or right of the root, C - t/C^q, so the iterates fall monotonically onto it.
        """
        ctx, C, q, vb = self.ctx, self.C, self.q, self.vb
        if t <= 0:
            if t < 0:
                raise ValueError("negative benefit level")
            return C
        if t >= self.hvb:
            if t > self.hvb * (1 + 64 * ctx.eps):
                raise ValueError("benefit level above the branch maximum")
            return vb
        lt = ctx.ln(t)
        v = start if (start is not None and vb < start < C) else C - t / ctx.power(C, q)
        tol = 8 * ctx.eps
        last = None
        for _ in range(200):
            phi = q * ctx.ln(v) + ctx.ln(C - v) - lt
            step = phi / (q / v - 1 / (C - v))
            new = v - step
            if new >= C:
                new = (v + C) / 2
            elif new <= vb:
                new = (v + vb) / 2
            size = abs(new - v)
            v = new
            if size <= tol * v:
                return v
            if last is not None and size >= last and size < ctx.power(ctx.eps, 0.5) * v:
                return v  # stagnated at rounding level
            last = size
        raise NoConvergence("branch root of (15)/(23) did not converge")


# --- 1-D safeguarded Newton ----------------------------------------------------------------------

def rtsafe(fn: Callable, lo, hi, x0=None, rtol=None, ctx=mpmath.mp, maxiter: int = 600, flo=None, fhi=None,
           atol=None):
    """Root of a monotone fn on [lo, hi] (fn(x) -> (value, derivative)), Newton with bisection
    safeguard (Numerical Recipes' rtsafe). The signs at lo and hi must differ (or be zero).
    Converged when a step or the bracket is below rtol |x| + atol (atol: for roots near 0)."""
    if rtol is None:
        rtol = 16 * ctx.eps
    if atol is None:
        atol = 0 * rtol
    flo = fn(lo)[0] if flo is None else flo
    if flo == 0:
        return lo
    fhi = fn(hi)[0] if fhi is None else fhi
    if fhi == 0:
        return hi
    if (flo > 0) == (fhi > 0):
        raise NoConvergence("no sign change in the bracket")
    increasing = fhi > 0
    x = x0 if (x0 is not None and lo < x0 < hi) else (lo + hi) / 2
    dx_old = abs(hi - lo)
    f, df = fn(x)
    for _ in range(maxiter):
        _check_budget()
        if f == 0:
            return x
        if (f > 0) == increasing:
            hi = x
        else:
            lo = x
        newton_ok = df != 0 and df == df and abs(df) != ctx.inf
        if newton_ok:
            nx = x - f / df
            if abs(nx - x) <= rtol * abs(x) + atol and lo <= nx <= hi:
                return nx  # a Newton step below the tolerance (possibly below one ulp)
            newton_ok = lo < nx < hi and abs(2 * (x - nx)) <= dx_old + abs(x) * rtol
        if newton_ok:
            dx_old = abs(nx - x)
            x = nx
        else:
            dx_old = abs(hi - lo) / 2
            x = (lo + hi) / 2
        if dx_old <= rtol * abs(x) + atol or hi - lo <= rtol * abs(x) + atol:
            return x
        f, df = fn(x)
    raise NoConvergence("the benefit level mu did not converge")


# --- vector quadrature ---------------------------------------------------------------------------

_TS = TanhSinh(mpmath.mp)
_NODES: dict = {}


def gauss_legendre_nodes(degree: int, prec: int) -> list:
    """The (node, weight) pairs of mpmath's Gauss-Legendre rule of `degree` (3 * 2^(degree-1)
    nodes on [-1, 1]) at `prec` bits, cached.

    The nodes are Arb's (python-flint `arb.legendre_p_root`, with weights) rather than mpmath's
    own `GaussLegendre.calc_nodes`: the same rule, computed to prec + 32 bits with a rigorous error
    radius (checked below 2^-prec), some 30 times faster at 1,536 nodes and 400 bits, which is what
    the 100-digit confirmations of the city-system solvers spend most of their time on."""
    key = (degree, prec)
    if key not in _NODES:
        import flint
        n = 3 * 2 ** (degree - 1)
        old = flint.ctx.prec
        flint.ctx.prec = prec + 32
        try:
            pairs = [flint.arb.legendre_p_root(n, k, weight=True) for k in range(n)]
            bound = flint.arb(2) ** (-prec)
            if not all(x.rad() < bound and w.rad() < bound for x, w in pairs):
                raise NoConvergence(f"Gauss-Legendre nodes of degree {degree} not certified to {prec} bits")
            def exact(ball):  # the midpoint is a binary fraction: man * 2^exp, rounded to prec bits
                man, exp = ball.mid().man_exp()
                return mpmath.mpf((int(man), int(exp)))
            with mpmath.workprec(prec):
                _NODES[key] = [(+exact(x), +exact(w)) for x, w in pairs]
        finally:
            flint.ctx.prec = old
    return _NODES[key]


def _vadd(acc, w, vals):
    for i, v in enumerate(vals):
        acc[i] += w * v


def _gl_panel(f, lo, hi, degree, m):
    _check_budget(3 * 2 ** (degree - 1))
    nodes = gauss_legendre_nodes(degree, mpmath.mp.prec)
    half, mid = (hi - lo) / 2, (hi + lo) / 2
    acc = [mpmath.mpf(0)] * m
    for t, w in nodes:
        _vadd(acc, w, f(mid + half * t))
    return [half * x for x in acc]


def gauss_legendre(f: Callable, points: Sequence, m: int, rtol, degree_hint: int = 3, max_degree: int = 10
                   ) -> tuple[list, int]:
    """Integrals of the m components of f over [points[0], points[-1]], split at the points.

    Gauss-Legendre with 3*2^(d-1) nodes at degree d, raised per panel until two degrees agree
    to rtol relative to each component's total. Returns (integrals, highest degree used).
    """
    panels = [(lo, hi) for lo, hi in zip(points[:-1], points[1:]) if hi > lo]
    if not panels:
        return [mpmath.mpf(0)] * m, degree_hint
    deg = [max(3, degree_hint - 1)] * len(panels)
    prev = [_gl_panel(f, lo, hi, d, m) for (lo, hi), d in zip(panels, deg)]
    deg = [d + 1 for d in deg]
    cur = [_gl_panel(f, lo, hi, d, m) for (lo, hi), d in zip(panels, deg)]
    while True:
        total = [mpmath.fsum(c[i] for c in cur) for i in range(m)]
        scale = [abs(t) if t != 0 else max((abs(c[i]) for c in cur), default=mpmath.mpf(0)) for i, t in enumerate(total)]
        bad = [j for j in range(len(panels))
               if any(abs(cur[j][i] - prev[j][i]) > rtol * scale[i] for i in range(m))]
        if not bad:
            return total, max(deg)
        for j in bad:
            if deg[j] >= max_degree:
                raise NoConvergence("Gauss-Legendre quadrature did not converge")
            prev[j] = cur[j]
            deg[j] += 1
            cur[j] = _gl_panel(f, panels[j][0], panels[j][1], deg[j], m)


def tanh_sinh(f: Callable, lo, hi, m: int, rtol, max_degree: int = 12) -> list:
    """Integrals of the m components of f over [lo, hi] by tanh-sinh (robust to end-point
    singularities); levels are refined until two agree to rtol of each component."""
    half, mid = (hi - lo) / 2, (hi + lo) / 2
    raw = [mpmath.mpf(0)] * m
    prev = None
    for degree in range(1, max_degree + 1):
        _check_budget()
        nodes = _TS.get_nodes(-1, 1, degree, mpmath.mp.prec)
        _check_budget(len(nodes))
        for t, w in nodes:
            _vadd(raw, w, f(mid + half * t))
        h = mpmath.ldexp(1, -degree)
        cur = [half * h * x for x in raw]
        if prev is not None and degree >= 3 and all(abs(c - p_) <= rtol * abs(c) for c, p_ in zip(cur, prev)):
            return cur
        prev = cur
    raise NoConvergence("tanh-sinh quadrature did not converge")
