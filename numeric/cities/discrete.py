"""Allocations over a finite list of sites (one city per site): the extensive margin is an
integer number K of cities on the K best sites.

For K given, the optimum and free migration equalise the benefit (smb, resp. pab) at a level mu
across the K cities on its decreasing branch, and mu solves the adding-up constraint (7) (fixed
N) or mu = b(Nbar - N_K(mu)) (rural sector). K is chosen by each allocation's rule:

- optimum: the K maximising total welfare (urban output net of urban costs, plus rural output
  with a rural sector). The search starts at the discrete analogue of (11)/(13), the largest K
  whose margin city is at or above its efficient scale n_i (found by bisection in K: the test
  "city K at v0 holds at most N" needs one evaluation of N_K at a known mu), raised to the
  fewest cities that can hold N with mu >= 0, then climbs in K while welfare rises, so the
  reported K beats both neighbours at the working precision.
- free migration: the largest K whose margin city is at or above k_m n_p (21) (the most
  cities, hence the smallest stable ones: the constrained-efficient equilibrium of Section
  3.3); no such K (N below k_m n_p(a_1)) means no allocation.
- local politics: cities at n_p(a) filled best first (Proposition 2). With a fixed N the last
  (margin) city holds the remainder, at most n_p; with a rural sector a city forms on the next
  site while its pab_p is at least the rural benefit u^R - T at the resulting rural population.

The K search runs in floats (mpmath.fp) and is confirmed at the working precision with the same
code (`Rule` is written over an arithmetic context). Floats only screen: a float K is a starting
point that the working-precision search re-checks, and existence or non-existence (the capacity
test, the margin tests behind the reported K) is decided at the working precision. When the
float path overflows, underflows to zero, or meets NaN or inf (sites like 1e90, a tiny cost
scale or epsilon), it is skipped and everything runs at the working precision.
"""
from __future__ import annotations

import math

import mpmath
import sympy as sp

from numeric.distributions import DiscreteSites
from ._kernel import Rule, rtsafe
from .continuous import _Closure, _pmb, margin_conditions
from .params import AllocationDoesNotExist, CityParams, NoConvergence
from .results import Aggregates, fmt

__all__ = ["DiscreteSolver"]


# What a float screen may raise: none of it decides anything (CitySolveError is a ValueError).
_FLOAT_FAILURES = (ArithmeticError, ValueError)


def _finite_positive(x) -> bool:
    return isinstance(x, float) and math.isfinite(x) and x > 0


class _Sites:
    """a_r, s(a_r), s(a_r)^gamma for one rule, best site first, at one context's precision."""

    def __init__(self, rule: Rule, values):
        self.rule = rule
        self.a = [rule.num(q) for q in values]
        self.s = [rule.scale(a) for a in self.a]
        self.sg = [rule.scale_power(a) for a in self.a]

    def floats_usable(self) -> bool:
        """Every float constant and site quantity finite and positive (no overflow/underflow)."""
        r = self.rule
        consts = [r.eps, r.gam, r.c, r.C, r.B, r.e1, r.q, r.coef, r.hv0, r.hvb, r.v0]
        values = consts + self.a + self.s + self.sg
        # the largest city at zero benefit must stay finite too
        values.append(r.ctx.power(r.C, r.e1) * self.s[0] * len(self.s))
        return all(_finite_positive(x) for x in values) and r.q < 1e300


class DiscreteSolver(_Closure):
    """One allocation over `DiscreteSites`, at the current mpmath precision."""

    def __init__(self, p: CityParams, sites: DiscreteSites, name: str, dps: int):
        self.p, self.sites, self.name, self.dps = p, sites, name, dps
        self.R = len(sites)
        self.rule = Rule(p, name)
        self.mp_sites = _Sites(self.rule, sites.values)
        self._fp = None
        self._warm = {}

    def fp_sites(self) -> _Sites | None:
        """The sites in floats for the screening search, or None when floats over- or
        underflow for these parameters (then every step runs at the working precision)."""
        if self._fp is None:
            try:
                fp = _Sites(Rule(self.p, self.name, mpmath.fp), self.sites.values)
                self._fp = fp if fp.floats_usable() else False
            except _FLOAT_FAILURES:
                self._fp = False
        return self._fp or None

    def _screen(self, search, *args):
        """A float screening result (a hint), or None when the float path fails."""
        F = self.fp_sites()
        if F is None:
            return None
        try:
            out = search(F, *args)
        except _FLOAT_FAILURES:
            return None
        return out

    # --- N_K(mu) -------------------------------------------------------------------------------
    def sizes(self, S: _Sites, K: int, mu, last_v=None):
        """(v_r, n_r, dn_r/dmu) for the K best sites at the benefit level mu (city K may be
        pinned at `last_v`, used for the margin tests). Branch roots start from the last call's."""
        r = S.rule
        warm = self._warm.get(id(S), [])
        vs, ns, ds = [], [], []
        for i in range(K):
            if last_v is not None and i == K - 1:
                v = last_v
            else:
                v = r.solve_v(mu / (r.B * S.sg[i]), warm[i] if i < len(warm) else None)
            n = r.ctx.power(v, r.e1) * S.s[i]
            vs.append(v)
            ns.append(n)
            ds.append(-r.ctx.inf if v <= r.vb else r.dn_dmu(n, v, S.sg[i]))
        if len(vs) >= len(warm):
            self._warm[id(S)] = vs
        return vs, ns, ds

    def total(self, S, K, mu, last_v=None):
        vs, ns, ds = self.sizes(S, K, mu, last_v)
        return r_sum(S.rule, ns), r_sum(S.rule, ds)

    def margin_test(self, S: _Sites, K: int) -> bool:
        """Whether K cities put the margin city K at or above ratio v0 (n_i, resp. k_m n_p)."""
        r = S.rule
        mK = r.B * S.sg[K - 1] * r.hv0
        NK, _ = self.total(S, K, mK, last_v=r.v0)
        if self.p.rural is None:
            return self._N(r) >= NK
        Nbar = r.num(self.p.rural.total_population)
        if NK > Nbar:
            return False
        return mK >= self._level(r, Nbar - NK)

    def _N(self, r):
        return r.num(self.p.urban_population)

    def _level(self, r, NR):
        """The rural benefit level in r's context."""
        if r.ctx is mpmath.fp:
            with mpmath.workdps(20):
                return float(self.rural_level(mpmath.mpf(NR))[0])
        return self.rural_level(NR)[0]

    def capacity_K(self, S: _Sites) -> int:
        """The fewest cities holding N with mu >= 0 (every city at most its zero-benefit size)."""
        r = S.rule
        cap, N, CE = 0 * S.s[0], self._N(r), r.ctx.power(r.C, r.e1)
        for i, s in enumerate(S.s):
            cap += CE * s
            if cap >= N:
                return i + 1
        raise AllocationDoesNotExist(
            f"urban_population={mpmath.nstr(self._N(self.rule), 12)}: exceeds what the {self.R} sites can host, "
            f"{mpmath.nstr(cap, 12)} (every city at the size where its "
            f"{'smb' if self.name == 'optimum' else 'pab'} is zero)")

    def largest_passing(self, S: _Sites, lo: int = 1) -> int:
        """The largest K >= lo passing the margin test (0 if none), by bisection (the test is
        monotone: more cities raise mu and the next site is worse)."""
        if not self.margin_test(S, lo):
            return lo - 1
        hi = self.R
        if self.margin_test(S, hi):
            return hi
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.margin_test(S, mid):
                lo = mid
            else:
                hi = mid
        return lo

    # --- solve at fixed K -----------------------------------------------------------------------
    def solve_K(self, S: _Sites, K: int, guess=None):
        """(mu, v list, n list, N^R or None) for K cities, or None if K is infeasible."""
        r = S.rule
        if guess is None and r.ctx is not mpmath.fp:  # a float solve first, then polish
            rough = self._screen(self.solve_K, K)
            if rough is not None and isinstance(rough[0], float) and math.isfinite(rough[0]):
                guess = mpmath.mpf(rough[0])
        if self.p.rural is None:
            N = self._N(r)
            if K == 1:
                n = N
                if n > r.ctx.power(r.C, r.e1) * S.s[0]:
                    return None
                v = r.ctx.power(n / S.s[0], r.gam - r.eps)
                return r.benefit(n, S.a[0]), [v], [n], None
            mu = self._solve_mu_fixed(S, K, N, guess)
            if mu is None:
                return None
            vs, ns, _ = self.sizes(S, K, mu)
            return mu, vs, ns, None
        Nbar = r.num(self.p.rural.total_population)
        out = self._solve_mu_rural(S, K, Nbar, guess)
        if out is None:
            return None
        mu, _ = out
        vs, ns, _ = self.sizes(S, K, mu)
        return mu, vs, ns, Nbar - r_sum(r, ns)

    def _branch(self, S, K):
        r = S.rule
        return r.B * S.sg[K - 1] * r.hvb

    # mu is solved in w = sqrt(top - mu), top the benefit at which city K reaches its branch
    # point: N_K behaves like sqrt(top - mu) there, but smoothly in w.
    def _in_w(self, S, K, top, fn):
        """fn(mu) -> (value, d/dmu) as a function of w, mu = top - w^2."""
        def g(w):
            val, d = fn(top - w * w)
            return val, -2 * w * d
        return g

    def _solve_mu_fixed(self, S, K, N, guess=None):
        r = S.rule
        top = self._branch(S, K)
        N_top, _ = self.total(S, K, top)
        if N < N_top:
            return None
        N0 = r.ctx.power(r.C, r.e1) * r_sum(r, S.s[:K])
        if N > N0:
            return None
        def excess(m):
            n, dn = self.total(S, K, m)
            return n - N, dn
        psi = self._in_w(S, K, top, excess)
        w0 = r.ctx.sqrt(top - guess) if guess is not None and 0 < guess < top else None
        w_hi = r.ctx.sqrt(top)
        w = rtsafe(psi, 0 * top, w_hi, x0=w0, rtol=self._rtol(r), ctx=r.ctx, flo=N_top - N, fhi=N0 - N,
                   atol=self._rtol(r) * w_hi)
        return top - w * w

    def _solve_mu_rural(self, S, K, Nbar, guess=None):
        r = S.rule
        top = self._branch(S, K)

        def psi(m):
            n, dn = self.total(S, K, m)
            NR = max(Nbar - n, 0 * n)
            if r.ctx is mpmath.fp:
                with mpmath.workdps(20):
                    b, db = (float(x) for x in self.rural_level(mpmath.mpf(NR)))
            else:
                b, db = self.rural_level(NR)
            return m - b, 1 + db * dn
        ftop = psi(top)[0]
        if ftop < 0:
            return None
        N0 = r.ctx.power(r.C, r.e1) * r_sum(r, S.s[:K])
        if N0 <= Nbar:
            lo = 0 * top
        else:
            lo = self._solve_mu_fixed(S, K, Nbar)
            if lo is None:
                return None
            if psi(lo)[0] >= 0:
                return lo, True
        flo = psi(lo)[0]
        if flo > 0:
            raise AllocationDoesNotExist("the rural benefit is negative with every site at capacity (mu < 0)")
        w0 = r.ctx.sqrt(top - guess) if guess is not None and lo < guess < top else None
        w_hi = r.ctx.sqrt(top - lo)
        w = rtsafe(self._in_w(S, K, top, psi), 0 * top, w_hi, x0=w0, rtol=self._rtol(r), ctx=r.ctx,
                   flo=ftop, fhi=flo, atol=self._rtol(r) * w_hi)
        return top - w * w, False

    @staticmethod
    def _rtol(r):
        return 1e-13 if r.ctx is mpmath.fp else mpmath.mpf(10) ** (-(mpmath.mp.dps - 4))

    def welfare(self, S, sol):
        """Total welfare: urban output net of urban costs (+ rural output)."""
        r = S.rule
        mu, vs, ns, NR = sol
        W = r_sum(r, [n * r.sab(n, a) for n, a in zip(ns, S.a)])
        if NR is not None:
            W += self.p.rural.output(NR) if NR > 0 else self.p.rural._output_at_zero()
        return W

    # --- the allocation rules ------------------------------------------------------------------
    def solve(self, hint=None):
        """(K, solution, conditions extra) at the working precision. `hint` is a K from a solve at
        another precision (it is re-checked here)."""
        if self.name == "local-politics":
            return self._local_politics()
        S = self.mp_sites
        if hint is None:
            K0 = self._screen(self.largest_passing)  # a float screen: only where to start
            if K0 is None:
                K0 = self.largest_passing(S)
        else:
            K0 = hint
        if self.name == "free-migration":
            return self._free_migration(S, K0)
        return self._optimum(S, K0)

    def _free_migration(self, S, K):
        if self.p.rural is None:
            self.capacity_K(S)  # raises when every site together is too small (decided in mp)
        K = min(max(K, 0), self.R)
        if K == 0 or not self.margin_test(S, max(K, 1)):
            K = self.largest_passing(S, 1)
        while K < self.R and self.margin_test(S, K + 1):
            K += 1
        if K == 0:
            raise AllocationDoesNotExist(
                "no free-migration equilibrium: even one city on the best site falls below k_m n_p(a_1) "
                f"= {mpmath.nstr(self.rule.ctx.power(self.rule.v0, self.rule.e1) * S.s[0], 12)}, the smallest "
                "stable city of (21)")
        sol = self.solve_K(S, K)
        if sol is None:
            raise AllocationDoesNotExist(
                f"no free-migration equilibrium: {K} cities with the margin city at or above k_m n_p cannot hold "
                "the population with a non-negative private benefit")
        nxt = mpmath.mpf(0) if K == self.R or not self.margin_test(S, K + 1) else mpmath.mpf(1)
        return K, sol, {"one more city would fall below k_m n_p (21)": nxt}

    def _optimum(self, S, K0):
        lowest = 1 if self.p.rural is not None else self.capacity_K(S)  # decided in mp
        K = min(max(K0, lowest, 1), self.R)
        if self.p.rural is None:
            while K <= self.R and self.solve_K(S, K) is None:
                K += 1  # the float capacity test can be off by one city at a near tie
        cache = {}

        def W(k):
            if k < 1 or k > self.R:
                return None
            if k not in cache:
                sol = self.solve_K(S, k)
                cache[k] = (self.welfare(S, sol), sol) if sol is not None else None
            return cache[k][0] if cache[k] is not None else None
        if W(K) is None:
            raise AllocationDoesNotExist(f"no optimum with the population on {K} cities (branch or capacity)")
        for step in (1, -1):
            while W(K + step) is not None and W(K + step) > W(K):
                K += step
        best = W(K)
        others = [w for w in (W(K - 1), W(K + 1)) if w is not None]
        gain = max((w - best for w in others), default=mpmath.mpf(0))
        cond = {"integer margin: welfare(K) >= welfare(K +- 1)": max(mpmath.mpf(0), gain) / abs(best)}
        extra = {"welfare_over_neighbours": [best - w for w in others]}
        return K, cache[K][1], cond, extra

    def _local_politics(self):
        S, r = self.mp_sites, self.rule
        if self.p.rural is None:
            N = self._N(r)
            cum, K = mpmath.mpf(0), 0
            for i, s in enumerate(S.s):
                if cum + s >= N:
                    K = i + 1
                    break
                cum += s
            if K == 0:
                raise AllocationDoesNotExist(
                    f"urban_population={fmt(N, 12)}: exceeds what the {self.R} sites can host at their "
                    f"private efficient scales, {mpmath.nstr(cum, 12)} (local politics)")
            ns = list(S.s[:K - 1]) + [N - cum]
            mu = r.pab(ns[-1], S.a[K - 1])
            return K, (mu, None, ns, None), {}
        Nbar = r.num(self.p.rural.total_population)
        cum, K = mpmath.mpf(0), 0
        lo, hi = 0, self.R  # the test "city k forms" is monotone in k
        cums = []
        for s in S.s:
            cum += s
            cums.append(cum)

        def forms(k):
            return cums[k - 1] <= Nbar and r.margin_benefit(S.a[k - 1]) >= self.rural_level(Nbar - cums[k - 1])[0]
        if not forms(1):
            raise AllocationDoesNotExist(
                "no site worth developing: a city at n_p on the best site offers less than the rural benefit")
        lo = 1
        if forms(self.R):
            lo = self.R
        else:
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if forms(mid):
                    lo = mid
                else:
                    hi = mid
        K = lo
        ns = list(S.s[:K])
        mu = r.margin_benefit(S.a[K - 1])
        nxt = mpmath.mpf(0) if K == self.R or not forms(K + 1) else mpmath.mpf(1)
        return K, (mu, None, ns, Nbar - cums[K - 1]), {"the next city would offer less than u^R - T": nxt}

    # --- results ------------------------------------------------------------------------------------
    def aggregates_at(self, hint=None) -> tuple[Aggregates, object, object, int]:
        out = self.solve(hint)
        extra = {}
        if len(out) == 4:
            K, sol, cond, extra = out
        else:
            K, sol, cond = out
        r, S = self.rule, self.mp_sites
        mu, vs, ns, NR = sol
        a = S.a[:K]
        wages = [x * mpmath.power(n, r.eps) for x, n in zip(a, ns)]
        out_Y = mpmath.fsum(w * n for w, n in zip(wages, ns))
        costs = r.c * mpmath.fsum(mpmath.power(n, 1 + r.gam) for n in ns)
        agg = Aggregates(population=mpmath.fsum(ns), output=out_Y, costs=costs, margin_site=a[-1],
                         margin_ratio=ns[-1] / S.s[K - 1], corner=K == self.R, smallest=min(ns), largest=max(ns),
                         min_wage=min(wages), grid=None, size_of=None, measure=None, count=K, sizes=list(ns),
                         site_values=list(a), extra=extra)
        unit = lambda n: r.c * mpmath.power(n, r.gam)
        if r.fixed:
            conds = {"each city at n_p (Lemma 1: pmb = pab)": max(
                (abs(_pmb(r, n, x) - r.pab(n, x)) / unit(n) for n, x in zip(ns[:-1], a[:-1])), default=mpmath.mpf(0))}
            if self.p.rural is None:
                conds["margin city at or below n_p"] = max(mpmath.mpf(0), ns[-1] - S.s[K - 1]) / S.s[K - 1]
            else:
                conds["margin city's pab_p >= u^R - T"] = max(mpmath.mpf(0), self.rural_level(NR)[0] - mu) / unit(ns[-1])
                conds["each city at n_p (Lemma 1: pmb = pab)"] = max(
                    abs(_pmb(r, n, x) - r.pab(n, x)) / unit(n) for n, x in zip(ns, a))
        else:
            label = "equal smb = mu (10)" if self.name == "optimum" else "equal pab = mu_m (18)"
            conds = {label: max(abs(r.benefit(n, x) - mu) / unit(n) for n, x in zip(ns, a))}
            if self.name == "free-migration":
                km = r.num(self.p.k_m)
                conds["margin city at or above k_m n_p (21)"] = max(mpmath.mpf(0), km - agg.margin_ratio) / km
        conds.update(cond)
        agg.conditions = conds
        return agg, mu, NR, K


def r_sum(r: Rule, xs):
    """A sum in the rule's context (exactly rounded fsum for mp)."""
    if r.ctx is mpmath.fp:
        return sum(xs, 0.0)
    return mpmath.fsum(xs)
