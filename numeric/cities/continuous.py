"""Allocations over a continuum of sites (Pareto, truncated Pareto, log-normal, uniform) and over
a homogeneous site measure.

Given the common benefit level mu, the margin a_m and the margin ratio v_m follow in closed form
(an interior margin: mu = B s(a_m)^gamma h(v0); a corner at the lowest site: v_m from
B s(a_lo)^gamma h(v_m) = mu), and every aggregate is an integral over the occupied sites. For the
optimum and free migration the integration variable is v = (n/s(a))^(gamma-eps) itself, on
[v_m, v(a_hi)], with a(v) explicit from (15)/(23) and the Jacobian da/dv, so no root-finding
happens inside the quadrature. Local politics (v = 1) integrates over a directly. mu then
solves the adding-up constraint (7) (fixed N) or mu = b(Nbar - N(mu)) (rural sector), first at
low precision with a safeguarded Newton, then by Newton steps at the working precision.
"""
from __future__ import annotations

import mpmath
import sympy as sp

from numeric.distributions import ContinuousSites, Homogeneous, LogNormal, Pareto
from numeric.precision import InvalidParameter, decimal_string, to_mpf
from ._kernel import Rule, gauss_legendre, rtsafe, tanh_sinh
from .params import AllocationDoesNotExist, CityParams, NoConvergence
from .results import Aggregates, fmt, implicit_solution_residual

__all__ = ["ContinuousSolver", "HomogeneousSolver"]

LOW_DPS = 24


class _Closure:
    """Shared closure logic: fixed N or the rural sector, over a callable N(mu)."""

    def rural_level(self, NR):
        """(b, db/dN^R) the margin benefit is held to, with the N^R -> 0 limits."""
        rural = self.p.rural
        if NR <= 0:
            return self._rural_at_zero(), mpmath.mpf(0)
        return rural.benefit(NR, self.name)

    def _rural_at_zero(self):
        rural = self.p.rural
        if rural.sigma >= 1:
            return mpmath.inf
        r = 1 - 1 / to_mpf(rural.sigma)
        dF0 = to_mpf(rural.scale) * (1 - to_mpf(rural.alpha)) ** (1 / r)
        if self.name == "optimum":
            return dF0
        return (1 - to_mpf(rural.tau_R)) * dF0 + to_mpf(rural.T_R) - to_mpf(rural.T)


class ContinuousSolver(_Closure):
    """One allocation over a continuous site distribution, at the current mpmath precision."""

    def __init__(self, p: CityParams, dist: ContinuousSites, name: str, dps: int):
        self.p, self.dist, self.name, self.dps = p, dist, name, dps
        self.rule = Rule(p, name)
        self.rtol = mpmath.mpf(10) ** (-(mpmath.mp.dps - 3))
        self.hint = 4
        r = self.rule
        self.power = (1 + r.gam) * r.e1  # the largest power of a in the integrands
        lo, hi = dist.support()
        if isinstance(dist, Pareto) and to_mpf(dist.shape) <= self.power:
            raise InvalidParameter("sites.pareto.shape", decimal_string(dist.shape),
                                   f"must exceed (1+gamma)/(gamma-eps) = {mpmath.nstr(self.power, 8)} "
                                   "for urban output and costs to be finite")
        self.lo, self.hi = lo, hi
        self.unbounded = hi == mpmath.inf and not isinstance(dist, LogNormal)
        if isinstance(dist, LogNormal):
            self.lo, _ = dist.effective_support(mpmath.mp.dps + 5, self.power)

    # --- margin -----------------------------------------------------------------------------
    def upper(self, a_m):
        """The upper end of integration (a log-normal is cut where its tail stops mattering)."""
        if isinstance(self.dist, LogNormal):
            m, s = to_mpf(self.dist.log_mean), to_mpf(self.dist.log_sd)
            z = self.dist._width(mpmath.mp.dps + 5, self.power)
            return mpmath.exp(max(m, mpmath.ln(a_m)) + z * s)
        return self.hi

    def margin(self, mu):
        """(a_m, v_m, corner), or None when no site is worth a city at this mu."""
        r = self.rule
        if mu <= 0:
            return self.lo, (r.C if not r.fixed else r.v0), True
        a_m = r.margin_site(mu)
        if a_m >= self.hi:
            return None
        if a_m <= self.lo:
            if r.fixed:
                return self.lo, r.v0, True
            t = mu / (r.B * r.scale_power(self.lo))
            return self.lo, r.solve_v(t), True
        return a_m, r.v0, False

    # --- integrands ---------------------------------------------------------------------------
    def _at(self, a, n, s_gamma, v, dens, jac=None):
        """[n, w n, c n^(1+gamma), dn/dmu] times g (and the Jacobian da/dv in v-coordinates).

        da/dv = -(a/gamma)(eps C - gamma v)/(v (C - v)) from (15)/(23); its product with
        dn/dmu = n/(B s^gamma v^q (eps C - gamma v)) is taken in cancelled form, finite at the
        free-migration margin v = 1 where both factors are 0 and infinite."""
        r = self.rule
        vq = mpmath.power(v, r.q)
        w = r.wage_coef * s_gamma * vq
        cost = r.c * s_gamma * vq * v  # c n^gamma
        if jac is None:
            dn = dens * r.dn_dmu(n, v, s_gamma) if not r.fixed else mpmath.mpf(0)
            wt = dens
        else:
            common = dens * a / (r.gam * v * (r.C - v))
            wt = -common * (r.eps * r.C - r.gam * v)
            dn = -common * n / (r.B * s_gamma * vq)
        return [n * wt, w * n * wt, cost * n * wt, dn]

    def _v_integrand(self, a_m, ls_m, lh_m):
        r, dens, la_m = self.rule, self.dist.density, mpmath.ln(a_m)

        def f(v):
            if v >= r.C:
                return [mpmath.mpf(0)] * 4
            lv, lcv = mpmath.ln(v), mpmath.ln(r.C - v)
            la = la_m + r.pe * (lh_m - (r.q * lv + lcv))
            a = mpmath.exp(la)
            ls = ls_m + r.e1 * (la - la_m)
            s, s_gamma = mpmath.exp(ls), mpmath.exp(r.gam * ls)
            n = mpmath.exp(r.e1 * lv) * s
            return self._at(a, n, s_gamma, v, dens(a), jac=True)
        return f

    def _a_integrand(self, v):
        """Sites at a constant ratio v (local politics v = 1; mu = 0: v = C)."""
        r, dens = self.rule, self.dist.density
        kappa = mpmath.power(v, r.e1)

        def f(a):
            s_gamma = r.scale_power(a)
            n = kappa * r.scale(a)
            return self._at(a, n, s_gamma, v, dens(a))
        return f

    def _integrate_a(self, v, a0, a1):
        f = self._a_integrand(v)
        if a1 == mpmath.inf:
            def g(u):
                if u <= 0:
                    return [mpmath.mpf(0)] * 4
                return [x * a0 / u ** 2 for x in f(a0 / u)]
            return tanh_sinh(g, mpmath.mpf(0), mpmath.mpf(1), 4, self.rtol)
        pts = [a0] + self.dist.breaks(a0, a1) + [a1]
        out, self.hint = gauss_legendre(f, pts, 4, self.rtol, self.hint)
        return out

    def _integrate_v(self, a_m, v_m):
        r = self.rule
        ls_m = r.e1 * mpmath.ln(r.coef * a_m)
        lh_m = mpmath.ln(r.h(v_m))
        f = self._v_integrand(a_m, ls_m, lh_m)
        a_hi = self.upper(a_m)
        if a_hi == mpmath.inf:
            return tanh_sinh(f, v_m, r.C, 4, self.rtol)
        ratio = r.gam * r.e1

        def v_of(a):
            return r.solve_v(r.h(v_m) * mpmath.power(a_m / a, ratio))
        pts = [v_m] + [v_of(b) for b in self.dist.breaks(a_m, a_hi)] + [v_of(a_hi)]
        out, self.hint = gauss_legendre(f, pts, 4, self.rtol, self.hint)
        return out

    # --- aggregates ----------------------------------------------------------------------------
    def aggregates(self, mu) -> tuple[list, tuple | None]:
        """([N, Y, urban costs, dN/dmu], margin) at the benefit level mu."""
        r = self.rule
        mg = self.margin(mu)
        if mg is None:
            return [mpmath.mpf(0)] * 4, None
        a_m, v_m, corner = mg
        if r.fixed or mu <= 0:
            out = self._integrate_a(v_m, a_m, self.upper(a_m))
        else:
            out = self._integrate_v(a_m, v_m)
        if not corner and mu > 0:  # the moving margin: - n(a_m) g(a_m) da_m/dmu
            n_m = mpmath.power(v_m, r.e1) * r.scale(a_m)
            out[3] -= n_m * self.dist.density(a_m) * a_m * r.pe / mu
        return out, mg

    def population(self, mu):
        out, _ = self.aggregates(mu)
        return out[0], out[3]

    def capacity(self):
        """N(mu = 0): every site at its zero-benefit size (local politics: at n_p)."""
        return self.population(mpmath.mpf(0))[0]

    # --- mu --------------------------------------------------------------------------------------
    def bracket_top(self, target_below):
        """A mu with N(mu) <= target_below (N = 0 above the best site, when bounded)."""
        r = self.rule
        if self.hi != mpmath.inf:
            return r.margin_benefit(self.hi) * (1 + mpmath.mpf(10) ** (-mpmath.mp.dps // 2))
        mu = r.margin_benefit(max(self.lo, mpmath.mpf(1) if self.lo == 0 else self.lo))
        for _ in range(400):
            if self.population(mu)[0] <= target_below:
                return mu
            mu *= 4
        raise NoConvergence("could not bracket mu from above")

    def solve_fixed(self, N, guess=None):
        """mu with N(mu) = N."""
        if guess is not None:
            return self._polish(lambda m: self._fixed_psi(m, N), guess)
        cap = self.capacity()
        if N >= cap:
            raise AllocationDoesNotExist(
                f"urban_population={fmt(N, 12)}: "
                f"exceeds what the sites can host, {mpmath.nstr(cap, 12)} ({self._capacity_rule()})")
        r = self.rule
        top, ftop = self.bracket_top(N), None
        lo, flo = mpmath.mpf(0), cap - N
        if self.lo > 0:
            mu_c = r.margin_benefit(self.lo)  # the lowest site is the margin with ratio v0
            if mu_c < top:
                n_c = self.population(mu_c)[0]
                if n_c >= N:
                    lo, flo = mu_c, n_c - N    # an interior margin
                else:
                    top, ftop = mu_c, n_c - N  # every site occupied, the lowest with k >= v0^(1/(g-e))
        psi = lambda m: self._fixed_psi(m, N)
        return rtsafe(psi, lo, top, rtol=mpmath.mpf(10) ** (-(mpmath.mp.dps - 4)), flo=flo, fhi=ftop)

    def _fixed_psi(self, mu, N):
        n, dn = self.population(mu)
        return n - N, dn

    def _capacity_rule(self):
        if self.rule.fixed:
            return "every site at its private efficient scale n_p(a)"
        return ("every site at its zero-marginal-product size n_0(a), where mu_* = 0" if self.name == "optimum"
                else "every site at the size where pab = 0, mu_m = 0")

    def solve_rural(self, guess=None):
        """mu with mu = b(Nbar - N(mu)); returns (mu, corner_all_urban)."""
        Nbar = to_mpf(self.p.rural.total_population)
        psi = lambda m: self._rural_psi(m, Nbar)
        if guess is not None:
            mu, full = guess
            if full:
                return self.solve_fixed(Nbar, guess=mu), True
            return self._polish(psi, mu), False
        cap = self.capacity()
        top = self.bracket_top(mpmath.mpf(0)) if self.hi != mpmath.inf else None
        if top is None:
            top = self.rule.margin_benefit(self.lo if self.lo > 0 else mpmath.mpf(1))
            for _ in range(400):
                if psi(top)[0] > 0:
                    break
                top *= 4
        ftop = psi(top)[0]
        if ftop <= 0:
            raise AllocationDoesNotExist(
                "no site worth developing: the rural benefit with everyone rural, "
                f"{mpmath.nstr(self.rural_level(Nbar)[0], 12)}, is at least the best site's margin benefit "
                f"{mpmath.nstr(self.rule.margin_benefit(self.hi) if self.hi != mpmath.inf else top, 12)}")
        if cap <= Nbar:
            lo = mpmath.mpf(0)
        else:
            lo = self.solve_fixed(Nbar)
            if psi(lo)[0] >= 0:
                return lo, True          # everyone urban: mu >= b(0), (9)/(19) with N^R = 0
        flo = psi(lo)[0]
        if flo > 0:
            raise AllocationDoesNotExist("the rural benefit is negative with every site at capacity (mu < 0)")
        return rtsafe(psi, lo, top, rtol=mpmath.mpf(10) ** (-(mpmath.mp.dps - 4)), flo=flo, fhi=ftop), False

    def _rural_psi(self, mu, Nbar):
        n, dn = self.population(mu)
        b, db = self.rural_level(max(Nbar - n, mpmath.mpf(0)))
        return mu - b, 1 + db * dn

    def _polish(self, psi, mu):
        """Newton steps at the working precision from a lower-precision root."""
        tol = mpmath.mpf(10) ** (-(mpmath.mp.dps - 2))
        for _ in range(30):
            f, df = psi(mu)
            if not (mpmath.isfinite(f) and mpmath.isfinite(df)) or df == 0:
                # e.g. a tiny cost scale: the occupied sites are a sliver next to the best one,
                # narrower than the precision the low-precision root was found at
                raise NoConvergence(
                    f"Newton polishing of mu: dN/dmu is {mpmath.nstr(df, 5)} at mu = {mpmath.nstr(mu, 10)} "
                    "(the occupied sites are not resolved at this precision; check cost_scale and the sites' scale)")
            step = f / df
            mu_new = mu - step
            if mu_new <= 0:
                mu_new = mu / 2
            # quadratic convergence: after a step below tol^(1/2) the error is ~ step^2 <= tol (a
            # re-solve from a root at half the digits takes one step; the adding-up residual
            # and numeric.acceptance check the result)
            if abs(mu_new - mu) <= tol ** mpmath.mpf(0.5) * abs(mu):
                return mu_new
            mu = mu_new
        raise NoConvergence("Newton polishing of mu did not converge")

    # --- results ------------------------------------------------------------------------------------
    def size_of(self, a_m, v_m):
        """n(a): zero off the occupied sites. Sites within 10^-dps (relative) of the margin or of
        the top are taken as those end points, so the reported (rounded) margin_site works."""
        r, slack = self.rule, mpmath.mpf(10) ** (-self.dps)

        def n_of(a):
            a = mpmath.mpf(a)
            if a < a_m:
                if a < a_m * (1 - slack):
                    return mpmath.mpf(0)
                a = a_m
            if a > self.hi:
                if a > self.hi * (1 + slack):
                    return mpmath.mpf(0)
                a = self.hi
            if r.fixed:
                return r.scale(a)
            t = r.h(v_m) * mpmath.power(a_m / a, r.gam * r.e1)
            return mpmath.power(r.solve_v(t), r.e1) * r.scale(a)
        return n_of

    def display_top(self, a_m):
        if self.hi != mpmath.inf:
            return self.hi
        target = self.dist.survival(a_m) / 1000
        lo, hi = a_m, a_m * 2
        while self.dist.survival(hi) > target:
            hi *= 2
        with mpmath.workdps(20):
            for _ in range(60):
                mid = (lo + hi) / 2
                if self.dist.survival(mid) > target:
                    lo = mid
                else:
                    hi = mid
        return hi

    def aggregates_at(self, mu) -> Aggregates:
        """Everything a result needs at the solved mu."""
        r = self.rule
        out, mg = self.aggregates(mu)
        if mg is None:
            raise AllocationDoesNotExist("no site is developed at the solved benefit level")
        a_m, v_m, corner = mg
        n_of = self.size_of(a_m, v_m)
        top = self.display_top(a_m)
        grid = [a_m * mpmath.power(top / a_m, mpmath.mpf(j) / 8) for j in range(9)] if top > a_m else [a_m]
        sizes = [n_of(a) for a in grid]
        n_m = mpmath.power(v_m, r.e1) * r.scale(a_m)
        largest = n_of(self.hi) if self.hi != mpmath.inf else mpmath.inf
        measure = self.dist.survival(a_m)
        agg = Aggregates(population=out[0], output=out[1], costs=out[2], margin_site=a_m,
                         margin_ratio=mpmath.power(v_m, r.e1), corner=corner, smallest=n_m, largest=largest,
                         min_wage=a_m * mpmath.power(n_m, r.eps), grid=list(zip(grid, sizes)), size_of=n_of,
                         measure=measure, count=None, sizes=None, site_values=None)
        agg.conditions = self.conditions(mu, agg)
        return agg

    def conditions(self, mu, agg) -> dict:
        """Residuals of the allocation's defining conditions on the display grid."""
        r, out = self.rule, {}
        scale = lambda n: r.c * mpmath.power(n, r.gam)  # urban cost per head: the unit of benefits
        pts = [(a, n) for a, n in agg.grid if n > 0]
        if r.fixed:
            out["each city at n_p (Lemma 1: pmb = pab)"] = max(
                abs(_pmb(r, n, a) - r.pab(n, a)) / scale(n) for a, n in pts)
            out["margin city's pab equals mu"] = abs(r.pab(agg.smallest, agg.margin_site) - mu) / scale(agg.smallest) \
                if not agg.corner else mpmath.mpf(0)
        else:
            label = "equal smb = mu (10)" if self.name == "optimum" else "equal pab = mu_m (18)"
            out[label] = max(abs(r.benefit(n, a) - mu) / scale(n) for a, n in pts)
            eq = "(15)" if self.name == "optimum" else "(23)"
            out[f"implicit solution {eq}"] = max(
                implicit_solution_residual(self.p, self.name, a, n, agg.margin_site, agg.margin_ratio) for a, n in pts)
            out.update(margin_conditions(self.p, r, mu, agg))
        return out


def _pmb(r: Rule, n, a):
    """pmb = d(n pab)/dn, Lemma 1."""
    p = r.p
    D = r.num((1 - p.delta) * (1 + p.rho * p.gamma))
    return ((1 - r.num(p.tau)) * (1 + r.eps) * a * mpmath.power(n, r.eps)
            - r.c * D * (1 + r.gam) * mpmath.power(n, r.gam))


def margin_conditions(p: CityParams, r: Rule, mu, agg) -> dict:
    """(11)/(A-3) and (13) for the optimum, (21) for free migration, as residuals."""
    n, a, k = agg.smallest, agg.margin_site, agg.margin_ratio
    unit = r.c * mpmath.power(n, r.gam)
    if r.name == "optimum":
        if agg.corner:
            return {"margin: sab >= mu_* at the lowest site (A-3)": max(mpmath.mpf(0), mu - r.sab(n, a)) / unit,
                    "margin: k_* >= 1 (13)": max(mpmath.mpf(0), 1 - k)}
        return {"margin: sab = mu_* (11)": abs(r.sab(n, a) - mu) / unit,
                "margin: k_* = 1 (13)": abs(k - 1)}
    km = to_mpf(p.k_m)
    if agg.corner:
        return {"margin: k >= k_m at the lowest site (21)": max(mpmath.mpf(0), km - k) / km}
    return {"margin: n_m(a_m) = k_m n_p(a_m) (21)": abs(k - km) / km}


class HomogeneousSolver(_Closure):
    """One allocation on a measure M of identical sites (A a singleton)."""

    def __init__(self, p: CityParams, dist: Homogeneous, name: str, dps: int):
        self.p, self.dist, self.name, self.dps = p, dist, name, dps
        self.rule = Rule(p, name)
        self.a, self.M = to_mpf(dist.value), to_mpf(dist.measure)

    def solve(self):
        """(measure of cities, v, corner, mu, N^R or None)."""
        r, a, M = self.rule, self.a, self.M
        s = r.scale(a)
        n0 = mpmath.power(r.v0, r.e1) * s
        mu0 = r.margin_benefit(a)
        if self.p.rural is None:
            N = to_mpf(self.p.urban_population)
            if N <= M * n0:
                return N / n0, r.v0, False, mu0, None
            if r.fixed:
                raise AllocationDoesNotExist(f"urban_population={fmt(N, 12)}: exceeds what the sites can host, "
                                             f"{mpmath.nstr(M * s, 12)} (every site at n_p)")
            v = mpmath.power(N / (M * s), r.gam - r.eps)
            if v >= r.C:
                raise AllocationDoesNotExist(f"urban_population={fmt(N, 12)}: exceeds what the sites can host, "
                                             f"{mpmath.nstr(M * mpmath.power(r.C, r.e1) * s, 12)} (mu = 0)")
            return M, v, True, r.B * r.scale_power(a) * r.h(v), None
        Nbar = to_mpf(self.p.rural.total_population)
        if self.rural_level(Nbar)[0] >= mu0:
            raise AllocationDoesNotExist(f"no site worth developing: the rural benefit with everyone rural is at "
                                         f"least the margin benefit {mpmath.nstr(mu0, 12)}")
        # interior: the rural sector absorbs everyone the cities at v0 do not
        if self.rural_level(mpmath.mpf(0))[0] <= mu0:
            NR = mpmath.mpf(0)
        else:
            NR = rtsafe(lambda x: (self.rural_level(x)[0] - mu0, self.rural_level(x)[1]), mpmath.mpf(0), Nbar,
                        flo=mpmath.mpf(1))
        if Nbar - NR <= M * n0:
            return (Nbar - NR) / n0, r.v0, False, mu0, NR
        if r.fixed:
            return M, r.v0, True, mu0, Nbar - M * s
        # corner: every site, mu(v) = b(Nbar - M n(v))
        def psi(v):
            n = mpmath.power(v, r.e1) * s
            NRv = Nbar - M * n
            b, db = self.rural_level(NRv) if NRv > 0 else (self._rural_at_zero(), mpmath.mpf(0))
            mu = r.B * r.scale_power(a) * r.h(v)
            dmu = mu * r.dlog_h(v)
            dn = n * r.e1 / v
            return mu - b, dmu + db * M * dn
        v_top = min(r.C, mpmath.power(Nbar / (M * s), r.gam - r.eps))
        if psi(v_top)[0] >= 0:
            v = v_top
        else:
            v = rtsafe(psi, r.v0, v_top)
        n = mpmath.power(v, r.e1) * s
        return M, v, True, r.B * r.scale_power(a) * r.h(v), Nbar - M * n

    def aggregates_at(self) -> tuple[Aggregates, mpmath.mpf, object]:
        r, a = self.rule, self.a
        measure, v, corner, mu, NR = self.solve()
        n = mpmath.power(v, r.e1) * r.scale(a)
        N = measure * n
        w = a * mpmath.power(n, r.eps)
        value = self.a

        def n_of(x):
            return n if mpmath.mpf(x) == value else mpmath.mpf(0)
        agg = Aggregates(population=N, output=N * w, costs=N * r.c * mpmath.power(n, r.gam), margin_site=a,
                         margin_ratio=mpmath.power(v, r.e1), corner=corner, smallest=n, largest=n, min_wage=w,
                         grid=[(a, n)], size_of=n_of, measure=measure, count=None, sizes=None, site_values=None)
        unit = r.c * mpmath.power(n, r.gam)
        if r.fixed:
            agg.conditions = {"each city at n_p (Lemma 1: pmb = pab)": abs(_pmb(r, n, a) - r.pab(n, a)) / unit}
        else:
            label = "equal smb = mu (10)" if self.name == "optimum" else "equal pab = mu_m (18)"
            agg.conditions = {label: abs(r.benefit(n, a) - mu) / unit}
            agg.conditions.update(margin_conditions(self.p, r, mu, agg))
        return agg, mu, NR
