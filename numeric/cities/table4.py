"""The city-system simulation of abrs2017 Sections 5.3-5.4 (Table 4): rank-size sites, integer
numbers of cities, the three allocations, and the closed forms that calibrate its open inputs.

Model (Section 2, with the cost scale c of footnote 10): a city of n people on a site of
productivity a produces a n^(1+eps) (wage w = a n^eps) and bears urban costs c n^(1+gamma).
Sites are a_r = A r^(-b), r = 1..R (the notes of Table 4: "a = 19,550 x rank^-0.0333"), one city
per site. The urban population N is fixed (Section 5.3).

Allocations (integer K, the K best sites):

- optimum: equal smb (1) = mu_* across the K cities on the decreasing branch (10), sum n = N;
  K is the largest number whose margin city K stands at or above its efficient scale n_i(a_K)
  (the integer form of (11)/(13), k_* >= 1);
- free migration: equal pab (2) = mu_m, sum n = N; K the largest number whose margin city stands
  at or above k_m n_p(a_K) (21) with k_m = 1 (the stable, constrained-efficient equilibrium);
- local politics: every city at n_p(a) (3), best sites first (Proposition 2), K the fewest
  cities holding N ("all at n_p": the smallest K with sum_{r<=K} n_p(a_r) >= N, so the margin
  city is at n_p and the urban population exceeds N by less than one city); when the R sites
  at n_p hold less than N every site is developed and the cities hold sum_r n_p(a_r) < N.

Cells: the largest and smallest city, K, welfare per capita (urban output net of urban costs,
per urban resident) and output per capita (urban output per urban resident).

Computation: K is searched in floats (numpy, vectorised bisection on the branch of each site),
then the K-city system (n_1..n_K, mu) is solved by Newton at the working precision from the
float start, and the margin tests at K and K + 1 are confirmed at the working precision; the
caller re-solves at a higher precision to confirm (`simulate`). Local politics is closed form.

Scaling (used for the calibration's error propagation): with every reference scale multiplied
by lambda (a change of A/c), the allocation of N equals lambda times that of N/lambda, and
welfare and output per capita scale by lambda^eps.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import mpmath
import numpy as np
import sympy as sp

from numeric.precision import InvalidParameter, decimal_string, exact, to_mpf
from .params import AllocationDoesNotExist, NoConvergence

__all__ = [
    "SystemInputs", "Cells", "site_productivities", "local_politics_cells", "interior_cells",
    "allocation_cells", "cost_scale_for_top", "lp_population_bounds", "exponent_from_lp_extremes",
    "lp_top_for_count", "lp_count", "power_sum", "ALLOCATIONS", "interior_cells_float",
]

ALLOCATIONS = ("optimum", "free-migration", "local-politics")


@dataclass(frozen=True)
class SystemInputs:
    """Exact inputs of one simulated city system (see the module docstring).

    epsilon, gamma, tau, rho, delta: the urban and fiscal parameters; scale A and exponent b of
    the sites a_r = A r^(-b); sites R (the number of sites, a cap on the extensive margin);
    cost_scale c; population N.
    """

    epsilon: sp.Rational
    gamma: sp.Rational
    tau: sp.Rational
    rho: sp.Rational
    delta: sp.Rational
    scale: sp.Rational
    exponent: sp.Rational
    cost_scale: sp.Rational
    population: sp.Rational
    sites: int

    @classmethod
    def create(cls, epsilon, gamma, tau, rho, delta, scale, exponent, cost_scale, population, sites):
        e, g = exact(epsilon, "epsilon"), exact(gamma, "gamma")
        if not 0 < e < g:
            raise InvalidParameter("epsilon", decimal_string(e), f"0 < epsilon < gamma={decimal_string(g)} is required")
        t, r, d = exact(tau, "tau"), exact(rho, "rho"), exact(delta, "delta")
        if d >= 1 or 1 + r * g <= 0 or t >= 1:
            raise InvalidParameter("tau", decimal_string(t), "tau < 1, delta < 1 and 1 + rho gamma > 0 are required")
        vals = {}
        for name, v in (("scale", scale), ("cost_scale", cost_scale), ("population", population)):
            q = exact(v, name)
            if q <= 0:
                raise InvalidParameter(name, decimal_string(q), "must be > 0")
            vals[name] = q
        b = exact(exponent, "exponent")
        if b < 0:
            raise InvalidParameter("exponent", decimal_string(b), "must be >= 0 (sites ranked best first)")
        if isinstance(sites, bool) or not isinstance(sites, int) or not 1 <= sites <= 10 ** 6:
            raise InvalidParameter("sites", sites, "must be an integer in [1, 1000000]")
        return cls(e, g, t, r, d, vals["scale"], b, vals["cost_scale"], vals["population"], sites)

    def Phi(self) -> sp.Rational:
        """Phi = (1-tau)/((1-delta)(1+rho gamma)), eq. (3)."""
        return (1 - self.tau) / ((1 - self.delta) * (1 + self.rho * self.gamma))

    def with_(self, **changes) -> "SystemInputs":
        return replace(self, **{k: (v if k == "sites" else sp.Rational(v)) for k, v in changes.items()})

    def key(self) -> tuple:
        return tuple(str(getattr(self, f)) for f in ("epsilon", "gamma", "tau", "rho", "delta", "scale", "exponent",
                                                     "cost_scale", "population", "sites"))


@dataclass
class Cells:
    """One allocation's Table 4 cells at the working precision, with what backs them."""

    allocation: str
    largest: mpmath.mpf
    smallest: mpmath.mpf
    count: int
    welfare: mpmath.mpf
    output: mpmath.mpf
    population: mpmath.mpf
    sizes: list
    margin_ratio: mpmath.mpf          # n_K / reference scale of site K
    capped: bool = False               # every site developed (local politics)
    extra: dict = field(default_factory=dict)

    def value(self, row: str):
        return {"largest": self.largest, "smallest": self.smallest, "count": mpmath.mpf(self.count),
                "welfare": self.welfare, "output": self.output}[row]


# --- sites --------------------------------------------------------------------------------------

_SITES: dict = {}


def site_productivities(inp: SystemInputs, count: int | None = None) -> list:
    """a_r = A r^(-b), r = 1..count (default R), at the working precision (cached, and extended
    only as far as a caller needs: the optimum and free migration use the first K + 1 sites)."""
    R = inp.sites if count is None else min(count, inp.sites)
    key = (str(inp.scale), str(inp.exponent), mpmath.mp.prec)
    have = _SITES.setdefault(key, [])
    if len(have) < R:
        A_, b_ = to_mpf(inp.scale), to_mpf(inp.exponent)
        have.extend(A_ * mpmath.power(r, -b_) for r in range(len(have) + 1, R + 1))
    return have[:R]


def _constants(inp: SystemInputs, allocation: str):
    """(P, Q, Psi): benefit = P a n^eps - Q n^gamma, and the reference-scale factor Psi (3)."""
    e, g, c = inp.epsilon, inp.gamma, inp.cost_scale
    if allocation == "optimum":
        return 1 + e, c * (1 + g), sp.Integer(1)                     # smb (1); n_i
    if allocation in ("free-migration", "local-politics"):
        return 1 - inp.tau, c * (1 - inp.delta) * (1 + inp.rho * g), inp.Phi()  # pab (2); n_p
    raise InvalidParameter("allocation", allocation, f"must be one of {', '.join(ALLOCATIONS)}")


def _scale(inp: SystemInputs, Psi, a):
    """n_i(a) (Psi = 1) or n_p(a) (Psi = Phi): (eps Psi a/(gamma c))^(1/(gamma-eps)), eq. (3)."""
    e, g = to_mpf(inp.epsilon), to_mpf(inp.gamma)
    k = to_mpf(inp.epsilon * Psi / (inp.gamma * inp.cost_scale))
    return mpmath.power(k * a, 1 / (g - e))


def _totals(inp: SystemInputs, sizes, sites):
    e, g, c = to_mpf(inp.epsilon), to_mpf(inp.gamma), to_mpf(inp.cost_scale)
    Y = mpmath.fsum(a * mpmath.power(n, 1 + e) for a, n in zip(sites, sizes))
    costs = c * mpmath.fsum(mpmath.power(n, 1 + g) for n in sizes)
    return Y, costs


# --- local politics (closed form) ---------------------------------------------------------------

def power_sum(s, K: int) -> mpmath.mpf:
    """H(s, K) = sum_{r=1}^K r^(-s) = zeta(s) - zeta(s, K + 1) (Hurwitz zeta; s != 1)."""
    s = mpmath.mpf(s)
    return mpmath.zeta(s) - mpmath.zeta(s, K + 1)


def _lp_parts(inp: SystemInputs):
    """(n_p(a_1), beta): n_p(a_r) = n_p(a_1) r^(-beta), beta = b/(gamma - eps)."""
    e, g = to_mpf(inp.epsilon), to_mpf(inp.gamma)
    top = _scale(inp, inp.Phi(), to_mpf(inp.scale))
    return top, to_mpf(inp.exponent) / (g - e)


def lp_count(inp: SystemInputs) -> int:
    """The fewest sites whose cities at n_p hold N (R if even all R sites hold less)."""
    top, beta = _lp_parts(inp)
    target = to_mpf(inp.population) / top
    if power_sum(beta, inp.sites) < target:
        return inp.sites
    lo, hi = 0, inp.sites            # H(beta, lo) < target <= H(beta, hi)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if power_sum(beta, mid) >= target:
            hi = mid
        else:
            lo = mid
    return hi


def local_politics_cells(inp: SystemInputs) -> Cells:
    """Every city at n_p(a) (Lemma 1), best sites first; K the fewest cities holding N (capped at
    R sites). Sums over the K cities in closed form: with n_r = n_p(a_1) r^(-beta),
    population n_p(a_1) H(beta, K), output A n_p(a_1)^(1+eps) H(b + beta (1+eps), K), costs
    c n_p(a_1)^(1+gamma) H(beta (1+gamma), K). `extra["remainder_smallest"]` is the margin city
    under the other reading (the last city holds only the remainder N - sum_{r<K} n_p)."""
    e, g, c, b = (to_mpf(x) for x in (inp.epsilon, inp.gamma, inp.cost_scale, inp.exponent))
    top, beta = _lp_parts(inp)
    K = lp_count(inp)
    pop = top * power_sum(beta, K)
    Y = to_mpf(inp.scale) * mpmath.power(top, 1 + e) * power_sum(b + beta * (1 + e), K)
    costs = c * mpmath.power(top, 1 + g) * power_sum(beta * (1 + g), K)
    smallest = top * mpmath.power(K, -beta)
    N = to_mpf(inp.population)
    capped = pop < N
    extra = {"remainder_smallest": smallest if capped else N - (pop - smallest)}
    return Cells("local-politics", top, smallest, K, (Y - costs) / pop, Y / pop, pop, [], mpmath.mpf(1), capped,
                 extra)


def lp_population_bounds(inp: SystemInputs, count: int) -> tuple:
    """(sum_{r<count} n_p(a_r), sum_{r<=count} n_p(a_r)): the N for which local politics develops
    exactly `count` sites (all at n_p, the fewest holding N)."""
    if not 1 <= count <= inp.sites:
        raise InvalidParameter("count", count, f"must lie in [1, {inp.sites}]")
    top, beta = _lp_parts(inp)
    return top * power_sum(beta, count - 1), top * power_sum(beta, count)


def lp_top_for_count(inp: SystemInputs, count: int) -> tuple:
    """The interval of n_p(a_1) for which local politics develops exactly `count` sites given N:
    N / H(beta, count) <= n_p(a_1) < N / H(beta, count - 1)."""
    _, beta = _lp_parts(inp)
    N = to_mpf(inp.population)
    return N / power_sum(beta, count), N / power_sum(beta, count - 1)


def cost_scale_for_top(epsilon, gamma, Phi, A, top) -> mpmath.mpf:
    """c with n_p(a_1) = top, from (3): c = eps Phi A / (gamma top^(gamma-eps))."""
    e, g = to_mpf(epsilon), to_mpf(gamma)
    return e * to_mpf(Phi) * to_mpf(A) / (g * mpmath.power(to_mpf(top), g - e))


def exponent_from_lp_extremes(epsilon, gamma, top, smallest, count) -> mpmath.mpf:
    """b with n_p(a_count)/n_p(a_1) = smallest/top: n_p ~ a^(1/(gamma-eps)) and a_r ~ r^(-b), so
    b = (gamma - eps) ln(top/smallest) / ln(count)."""
    e, g = to_mpf(epsilon), to_mpf(gamma)
    return (g - e) * mpmath.log(to_mpf(top) / to_mpf(smallest)) / mpmath.log(count)


# --- optimum and free migration -------------------------------------------------------------------

class _Interior:
    """The optimum or free migration over the sites (module docstring)."""

    def __init__(self, inp: SystemInputs, allocation: str):
        self.inp, self.name = inp, allocation
        P, Q, Psi = _constants(inp, allocation)
        self.P, self.Q, self.Psi = P, Q, Psi
        e, g = float(inp.epsilon), float(inp.gamma)
        self.fe, self.fg = e, g
        r = np.arange(1, inp.sites + 1, dtype=float)
        self.fa = float(inp.scale) * r ** (-float(inp.exponent))
        self.fs = (float(inp.epsilon * Psi / (inp.gamma * inp.cost_scale)) * self.fa) ** (1 / (g - e))
        self.fP, self.fQ = float(P), float(Q)
        self.fN = float(inp.population)

    # float: n on the decreasing branch with benefit(n, a_r) = mu, vectorised over r < K
    def _f_sizes(self, K, mu, slopes: bool = False):
        """Newton in x = ln n from the zero-benefit size (P a/Q)^(1/(gamma-eps)): the benefit is
        concave and decreasing in x on the branch, so the iterates fall monotonically onto the
        root from the right. With `slopes`, also dn/dmu = 1/(d benefit/dn)."""
        e, g, P, Q = self.fe, self.fg, self.fP, self.fQ
        a = self.fa[:K]
        x = np.log(P * a / Q) / (g - e)
        Pa = P * a
        for _ in range(100):
            ue, ug = np.exp(e * x), np.exp(g * x)
            f = Pa * ue - Q * ug - mu
            df = e * Pa * ue - g * Q * ug            # d benefit / dx
            step = f / df
            x = x - step
            if not np.any(np.abs(step) > 1e-12):  # x = ln n ~ 10-20: near double rounding below that
                break
        n = np.exp(x)
        if slopes:
            ue, ug = np.exp(e * x), np.exp(g * x)
            return n, n / (e * Pa * ue - g * Q * ug)
        return n

    def _f_mu(self, K) -> float:
        """Float mu at which K cities hold N (safeguarded Newton on N_K(mu) = N)."""
        nb = (self.fe * self.fP * self.fa[K - 1] / (self.fg * self.fQ)) ** (1 / (self.fg - self.fe))
        lo, hi = 0.0, self._f_benefit(nb, K - 1)
        mu = hi / 2
        for _ in range(200):
            n, dn = self._f_sizes(K, mu, slopes=True)
            excess = n.sum() - self.fN
            if excess > 0:
                lo = mu
            else:
                hi = mu
            new = mu - excess / dn.sum()
            if not lo < new < hi:
                new = (lo + hi) / 2
            if abs(new - mu) <= 1e-13 * abs(mu) or hi - lo <= 1e-13 * hi:
                return new
            mu = new
        return mu

    def _f_benefit(self, n, r):
        return self.fP * self.fa[r] * n ** self.fe - self.fQ * n ** self.fg

    def _f_fits(self, K) -> bool:
        """Float: K cities with the margin city at its reference scale hold at most N."""
        mu = self._f_benefit(self.fs[K - 1], K - 1)
        return self._f_sizes(K - 1, mu).sum() + self.fs[K - 1] <= self.fN

    def float_count(self) -> int:
        R = self.inp.sites
        if not self._f_fits(1):
            raise AllocationDoesNotExist(f"{self.name}: one city at its reference scale on the best site holds more "
                                         "than N")
        if self._f_fits(R):
            return R
        lo, hi = 1, R
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self._f_fits(mid):
                lo = mid
            else:
                hi = mid
        return lo

    # working precision
    def _mp(self):
        sites = site_productivities(self.inp, self.K + 1)
        P, Q = to_mpf(self.P), to_mpf(self.Q)
        e, g = to_mpf(self.inp.epsilon), to_mpf(self.inp.gamma)
        scales = [_scale(self.inp, self.Psi, a) for a in sites]
        return sites, scales, P, Q, e, g

    def _newton_sizes(self, sites, mu, starts, P, Q, e, g):
        """n_r on the decreasing branch with P a n^e - Q n^g = mu, Newton from float starts."""
        tol = mpmath.mpf(10) ** (-(mpmath.mp.dps - 3))
        out = []
        for a, n in zip(sites, starts):
            n = mpmath.mpf(n)
            for _ in range(100):
                L = mpmath.log(n)
                ne, ng = mpmath.exp(e * L), mpmath.exp(g * L)
                f = P * a * ne - Q * ng - mu
                df = (P * e * a * ne - Q * g * ng) / n
                step = f / df
                n -= step
                if abs(step) <= tol * n:
                    break
            else:
                raise NoConvergence("a city size did not converge")
            out.append(n)
        return out

    def mp_fits(self, K, sites, scales, P, Q, e, g) -> mpmath.mpf:
        """N minus the population of K cities with the margin city at its reference scale (>= 0:
        K fits), at the working precision."""
        sK = scales[K - 1]
        mu = P * sites[K - 1] * mpmath.power(sK, e) - Q * mpmath.power(sK, g)
        starts = self._f_sizes(K - 1, float(mu)) if K > 1 else []
        others = self._newton_sizes(sites[:K - 1], mu, starts, P, Q, e, g)
        return to_mpf(self.inp.population) - (mpmath.fsum(others) + sK)

    def solve_K(self, K, sites, P, Q, e, g):
        """(mu, sizes) of K cities with equal benefit and sum N: Newton on (n_1..n_K, mu) from a
        float start (bisection on mu below the branch maximum of city K)."""
        mu = mpmath.mpf(self._f_mu(K))
        ns = [mpmath.mpf(x) for x in self._f_sizes(K, float(mu))]
        return self._newton_system(K, sites, P, Q, e, g, mu, ns)

    def _newton_system(self, K, sites, P, Q, e, g, mu, ns):
        """Newton on benefit(n_r) = mu (r <= K), sum n_r = N: the Jacobian is an arrow matrix, so
        each step is dmu = (N - sum n + sum f_r/f'_r) / sum 1/f'_r, dn_r = (dmu - f_r)/f'_r."""
        N = to_mpf(self.inp.population)
        mu, ns = mpmath.mpf(mu), [mpmath.mpf(n) for n in ns]
        tol = mpmath.mpf(10) ** (-(mpmath.mp.dps - 3))
        a = sites[:K]
        for _ in range(60):
            fs, dfs = [], []
            for ar, n in zip(a, ns):
                L = mpmath.log(n)
                ne, ng = mpmath.exp(e * L), mpmath.exp(g * L)
                fs.append(P * ar * ne - Q * ng - mu)
                dfs.append((P * e * ar * ne - Q * g * ng) / n)
            inv = mpmath.fsum(1 / d for d in dfs)
            dmu = (N - mpmath.fsum(ns) + mpmath.fsum(f / d for f, d in zip(fs, dfs))) / inv
            steps = [(dmu - f) / d for f, d in zip(fs, dfs)]
            ns = [n + s for n, s in zip(ns, steps)]
            mu += dmu
            if max(abs(s) / n for s, n in zip(steps, ns)) <= tol:
                break
        else:
            raise NoConvergence(f"{self.name}: the {K}-city system did not converge")
        # every city on the decreasing branch: d benefit/dn < 0
        for ar, n in zip(a, ns):
            if P * e * ar * mpmath.power(n, e) - Q * g * mpmath.power(n, g) >= 0:
                raise AllocationDoesNotExist(f"{self.name}: a city off the decreasing branch with {K} cities")
        return mu, ns

    def cells(self, hint: "Cells | None" = None) -> Cells:
        """The cells at the working precision. With `hint` (the same allocation solved at a lower
        precision) K is taken from it unless a margin test is a near tie at that precision, and
        Newton starts from its sizes."""
        if hint is not None and all(abs(hint.extra[k]) > to_mpf(self.inp.population) * mpmath.mpf(10) ** (-hint.extra["dps"] // 2)
                                    for k in ("margin_slack", "next_slack")):
            self.K = K = hint.count
            sites, scales, P, Q, e, g = self._mp()
            slack_K, slack_next = hint.extra["margin_slack"], hint.extra["next_slack"]
            mu, ns = self._newton_system(K, sites, P, Q, e, g, hint.extra["mu"], hint.sizes)
        else:
            self.K = K = hint.count if hint is not None else self.float_count()
            sites, scales, P, Q, e, g = self._mp()
            # confirm the integer margin at the working precision (the float search only screens)
            slack_K = self.mp_fits(K, sites, scales, P, Q, e, g)
            while slack_K < 0 and K > 1:
                K -= 1
                slack_K = self.mp_fits(K, sites, scales, P, Q, e, g)
            slack_next = self.mp_fits(K + 1, sites, scales, P, Q, e, g) if K < self.inp.sites else mpmath.mpf(-1)
            while slack_next >= 0 and K + 1 < self.inp.sites:
                K += 1
                self.K = K
                sites, scales, P, Q, e, g = self._mp()
                slack_K, slack_next = slack_next, self.mp_fits(K + 1, sites, scales, P, Q, e, g)
            self.K = K
            mu, ns = self.solve_K(K, sites, P, Q, e, g)
        Y, costs = _totals(self.inp, ns, sites[:K])
        N = mpmath.fsum(ns)
        extra = {"mu": mu, "margin_slack": slack_K, "next_slack": slack_next, "dps": mpmath.mp.dps,
                 "margin_reference_scale": scales[K - 1],
                 "next_reference_scale": scales[K] if K < len(scales) else None}
        return Cells(self.name, max(ns), min(ns), K, (Y - costs) / N, Y / N, N, ns, ns[-1] / scales[K - 1],
                     False, extra)


def interior_cells(inp: SystemInputs, allocation: str, hint: Cells | None = None) -> Cells:
    """The optimum or free-migration cells at the working precision (module docstring); `hint`
    is the same allocation at a lower precision (see `_Interior.cells`)."""
    if allocation not in ("optimum", "free-migration"):
        raise InvalidParameter("allocation", allocation, "must be optimum or free-migration")
    return _Interior(inp, allocation).cells(hint)


def allocation_cells(inp: SystemInputs, allocation: str, hint: Cells | None = None) -> Cells:
    """One allocation's cells at the working precision."""
    if allocation == "local-politics":
        return local_politics_cells(inp)
    return interior_cells(inp, allocation, hint)


def interior_cells_float(inp: SystemInputs, allocation: str) -> dict:
    """The optimum or free-migration cells in double precision (for error propagation only: the
    widths of tolerances, never a verdict): largest, smallest, count, welfare, output."""
    sim = _Interior(inp, allocation)
    K = sim.float_count()
    n = sim._f_sizes(K, sim._f_mu(K))
    a = sim.fa[:K]
    Y = float((a * n ** (1 + sim.fe)).sum())
    C = float(inp.cost_scale) * float((n ** (1 + sim.fg)).sum())
    P = float(n.sum())
    return {"largest": float(n.max()), "smallest": float(n.min()), "count": K, "welfare": (Y - C) / P,
            "output": Y / P}
