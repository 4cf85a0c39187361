"""The abrs2017 city-system solvers (numeric.cities), held against formulas typed here by hand.

Expected values come from the paper's closed forms, written out below from the text: the
scales n_i and n_p of (3), the benefits (1), (2), (4), the generalized GHV ratios (17), its
general-k_* form at the end of Appendix A.2, (25), Proposition 2 (vi), and the textbook CES
wage. Nothing here takes an expected value from numeric.cities or symbolic.cities.
"""
import warnings

import mpmath
import pytest
import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st

from numeric.cities import (AllocationDoesNotExist, CityAllocation, city_parameters, efficient_scale,
                            free_migration, local_politics, optimum, private_efficient_scale, solve_allocation)
from numeric.precision import InexactInputWarning, InvalidParameter, agreed_digits
from proofs_check.draws import abrs2017_parameters

BASE = {"epsilon": "0.03", "gamma": "0.25", "tau": "0.34", "rho": "1", "delta": "0.17", "cost_scale": "1"}
N280 = {**BASE, "urban_population": "280000000"}
TP = {"truncated_pareto": {"shape": "30", "log_min": "4.95", "log_max": "5.20", "measure": "1000"}}
CONTINUOUS = {
    "truncated_pareto": TP,
    "uniform": {"uniform": {"minimum": "140", "maximum": "180", "measure": "1000"}},
    "pareto": {"pareto": {"shape": "30", "log_min": "4.95", "measure": "1000"}},
    "lognormal": {"lognormal": {"log_mean": "5.06", "log_sd": "0.04", "measure": "1000"}},
}


def mp(x) -> mpmath.mpf:
    q = sp.Rational(x)
    return mpmath.mpf(q.p) / q.q


def P(params=BASE, **kw):
    """The primitives as mpf at the current precision (eps, gamma, tau, rho, delta, c)."""
    d = {**params, **kw}
    return [mp(d[k]) for k in ("epsilon", "gamma", "tau", "rho", "delta", "cost_scale")]


# --- the paper's formulas, typed by hand --------------------------------------------------------

def n_i(a, e, g, c=1):
    """(3): n_i(a) = (eps a/gamma)^(1/(gamma-eps)), with a -> a/c for the cost scale."""
    return (e * a / (g * c)) ** (1 / (g - e))


def Phi(e, g, tau, rho, delta):
    """(3): Phi = (1-tau)/((1-delta)(1+rho gamma))."""
    return (1 - tau) / ((1 - delta) * (1 + rho * g))


def n_p(a, e, g, tau, rho, delta, c=1):
    """(3): n_p(a) = n_i(a) Phi^(1/(gamma-eps))."""
    return n_i(a, e, g, c) * Phi(e, g, tau, rho, delta) ** (1 / (g - e))


def Gamma(e, g):
    """(14): Gamma = (gamma/eps)(1+eps)/(1+gamma)."""
    return g / e * (1 + e) / (1 + g)


def smb(n, a, e, g, c=1):
    """(1) with urban costs c n^(1+gamma)."""
    return (1 + e) * a * n ** e - c * (1 + g) * n ** g


def sab(n, a, e, g, c=1):
    return a * n ** e - c * n ** g


def pab(n, a, e, g, tau, rho, delta, c=1):
    """(2) less T, with urban costs c n^(1+gamma)."""
    return (1 - tau) * a * n ** e - c * (1 - delta) * (1 + rho * g) * n ** g


def ghv_17(r: CityAllocation, e, g):
    """(17): 1 + (wbar - w_min)/wbar (Gamma - 1)."""
    wb, wm = r.mean_wage, r.min_wage
    return 1 + (wb - wm) / wb * (Gamma(e, g) - 1)


def ghv_general(r: CityAllocation, e, g):
    """End of Appendix A.2: k^(g-e) + (Gamma - k^(g-e)) (wbar - w_min)/wbar, any k_*."""
    K = r.margin_ratio ** (g - e)
    return K + (Gamma(e, g) - K) * (r.mean_wage - r.min_wage) / r.mean_wage


def ghv_25(r: CityAllocation, e, g, phi):
    """(25): Phi k^(g-e) + (wbar - w_min)/wbar Phi (gamma/eps - k^(g-e))."""
    K = r.margin_ratio ** (g - e)
    return phi * K + (r.mean_wage - r.min_wage) / r.mean_wage * phi * (g / e - K)


def ces_wage(NR, aR, L, alpha, sigma):
    """F'(N^R) of X = a^R N [(1-alpha) + alpha (L/N)^r]^(1/r), r = (sigma-1)/sigma (textbook)."""
    if sigma == 1:
        return aR * (1 - alpha) * (L / NR) ** alpha
    r = (sigma - 1) / sigma
    return aR * (1 - alpha) * ((1 - alpha) + alpha * (L / NR) ** r) ** ((1 - r) / r)


def ces_output(NR, aR, L, alpha, sigma):
    r = (sigma - 1) / sigma
    return aR * NR * ((1 - alpha) + alpha * (L / NR) ** r) ** (1 / r)


def digits(x, y) -> int:
    with mpmath.workdps(80):
        return agreed_digits(x, y)


# --- homogeneous sites: the efficient scales of Lemma 1 ------------------------------------------

def homogeneous(a="150", measure="1000"):
    return {"homogeneous": {"value": a, "measure": measure}}


def test_homogeneous_optimum_is_the_efficient_scale():
    r = optimum(N280, homogeneous(), dps=50)
    with mpmath.workdps(70):
        e, g, *_ = P()
        ni = n_i(mp(150), e, g)
        assert digits(r.smallest_city, ni) >= 48 and digits(r.largest_city, ni) >= 48
        assert digits(r.measure_of_cities, mp(280000000) / ni) >= 48
        assert digits(r.mu, (g / e - 1) * ni ** g) >= 48          # (4): sab_i = (gamma/eps - 1) n_i^gamma
        assert digits(r.land_value_ratio, 1) >= 48                 # GHV with homogeneous sites
        assert r.margin_ratio == 1 and not r.all_sites_occupied
    assert r.residual < mpmath.mpf(10) ** -48 and r.agreed_digits >= 48


def test_homogeneous_local_politics_is_the_private_scale():
    params = {**BASE, "urban_population": "20000000"}
    r = local_politics(params, homogeneous(), dps=50)
    with mpmath.workdps(70):
        e, g, tau, rho, delta, _ = P()
        np_ = n_p(mp(150), e, g, tau, rho, delta)
        assert digits(r.smallest_city, np_) >= 48
        assert digits(r.measure_of_cities, mp(20000000) / np_) >= 48
        assert digits(r.land_value_ratio, Phi(e, g, tau, rho, delta)) >= 48   # Proposition 2 (vi)
        assert digits(r.mu, pab(np_, mp(150), e, g, tau, rho, delta)) >= 48


@pytest.mark.parametrize("k_m", ["1", "1.3"])
def test_homogeneous_free_migration_at_k_m_n_p(k_m):
    r = free_migration({**BASE, "urban_population": "20000000", "k_m": k_m}, homogeneous(), dps=50)
    with mpmath.workdps(70):
        e, g, tau, rho, delta, _ = P()
        n = mp(k_m) * n_p(mp(150), e, g, tau, rho, delta)
        assert digits(r.smallest_city, n) >= 48
        assert digits(r.mu, pab(n, mp(150), e, g, tau, rho, delta)) >= 48
        phi = Phi(e, g, tau, rho, delta)
        assert digits(r.land_value_ratio, phi * mp(k_m) ** (g - e)) >= 48   # (25) with wbar = w_min


def test_homogeneous_with_every_site_needed_fills_them():
    r = optimum({**BASE, "urban_population": "900000000"}, homogeneous(measure="1000"), dps=40)
    with mpmath.workdps(60):
        e, g, *_ = P()
        n = mp(900000)
        assert r.all_sites_occupied and digits(r.smallest_city, n) >= 38
        assert digits(r.margin_ratio, n / n_i(mp(150), e, g)) >= 38
        assert digits(r.mu, smb(n, mp(150), e, g)) >= 38


def test_cost_scale_rescales_sites():
    """With c, the optimum on a site a is the c = 1 optimum on a/c (module docstring)."""
    r = optimum({**BASE, "urban_population": "20000000", "cost_scale": "3/2"}, homogeneous("150"), dps=40)
    with mpmath.workdps(60):
        e, g, *_ = P()
        assert digits(r.smallest_city, n_i(mp(150), e, g, mp("1.5"))) >= 38
        assert digits(efficient_scale({**N280, "cost_scale": "3/2"}, "150", 40), n_i(mp(100), e, g)) >= 38
        assert digits(private_efficient_scale(N280, "150", 40), n_p(mp(150), *P()[:5])) >= 38


# --- discrete lists of equal sites -----------------------------------------------------------------

def test_discrete_equal_sites():
    a, sites = mp(150), {"discrete": ["150"] * 6}
    with mpmath.workdps(90):
        e, g, tau, rho, delta, _ = P()
        ni, np_ = n_i(a, e, g), n_p(a, e, g, tau, rho, delta)
        N_opt, N_lp, N_fm = (mpmath.nstr(x, 85) for x in (3 * ni, mpmath.mpf("2.5") * np_, 4 * np_))
    r = optimum({**BASE, "urban_population": N_opt}, sites, dps=50)
    assert r.number_of_cities == 3
    with mpmath.workdps(70):
        assert all(digits(n, ni) >= 48 for n in r.sizes)
    r = local_politics({**BASE, "urban_population": N_lp}, sites, dps=50)
    assert r.number_of_cities == 3
    with mpmath.workdps(70):
        assert [digits(n, x) >= 48 for n, x in zip(r.sizes, (np_, np_, np_ / 2))] == [True] * 3
    r = free_migration({**BASE, "urban_population": N_fm}, sites, dps=50)
    assert r.number_of_cities == 4
    with mpmath.workdps(70):
        assert all(digits(n, np_) >= 48 for n in r.sizes)


# --- continuous sites: the generalized GHV theorem by quadrature -----------------------------------

@pytest.mark.parametrize("name", list(CONTINUOUS))
def test_land_value_ratio_optimum_is_17(name):
    r = optimum(N280, CONTINUOUS[name], dps=50, confirm=False)
    assert r.margin_ratio == 1 and not r.all_sites_occupied      # k_* = 1: some sites unused
    with mpmath.workdps(70):
        e, g, *_ = P()
        assert digits(r.land_value_ratio, ghv_17(r, e, g)) >= 40
        assert r.land_value_ratio > 1                               # Proposition 1 (iv): weakly above 1


@pytest.mark.parametrize("name, k_m", [(n, "1") for n in CONTINUOUS] + [("truncated_pareto", "1.3"),
                                                                        ("pareto", "1.25")])
def test_land_value_ratio_free_migration_is_25(name, k_m):
    r = free_migration({**N280, "k_m": k_m}, CONTINUOUS[name], dps=50, confirm=False)
    with mpmath.workdps(70):
        e, g, tau, rho, delta, _ = P()
        assert digits(r.margin_ratio, mp(k_m)) >= 48
        assert digits(r.land_value_ratio, ghv_25(r, e, g, Phi(e, g, tau, rho, delta))) >= 40


def test_land_value_ratio_local_politics_is_phi():
    sites = {"truncated_pareto": {"shape": "30", "log_min": "4.95", "log_max": "5.20", "measure": "10000"}}
    r = local_politics(N280, sites, dps=50, confirm=False)
    with mpmath.workdps(70):
        assert digits(r.land_value_ratio, Phi(*P()[:5])) >= 40     # Proposition 2 (vi)


def test_every_site_occupied_general_ghv_and_k_above_one():
    """Measure 1: the bottom site fills with k_* >= 1 (13); A.2's general-k_* ratio holds, and
    (25) with the actual k >= k_m."""
    sites = {"truncated_pareto": {"shape": "30", "log_min": "4.95", "log_max": "5.20", "measure": "1"}}
    r = optimum(N280, sites, dps=50, confirm=False)
    with mpmath.workdps(70):
        e, g, tau, rho, delta, _ = P()
        assert r.all_sites_occupied and r.margin_ratio > 1
        assert digits(r.measure_of_cities, 1) >= 48
        assert digits(r.land_value_ratio, ghv_general(r, e, g)) >= 40
        assert r.mu <= sab(r.smallest_city, r.margin_site, e, g)      # at the corner
    r = free_migration(N280, sites, dps=50, confirm=False)
    with mpmath.workdps(70):
        assert r.all_sites_occupied and r.margin_ratio > 1
        assert digits(r.land_value_ratio, ghv_25(r, e, g, Phi(e, g, tau, rho, delta))) >= 40


# --- defining conditions, checked independently ----------------------------------------------------

def _tp_density(a):
    lo, hi = mpmath.exp(mpmath.mpf("4.95")), mpmath.exp(mpmath.mpf("5.2"))
    return 1000 * 30 * a ** -31 / (lo ** -30 - hi ** -30)


@pytest.mark.parametrize("allocation", ["optimum", "free-migration"])
def test_continuous_allocation_satisfies_its_conditions(allocation):
    r = solve_allocation(N280, TP, allocation, dps=30)
    assert r.residual < mpmath.mpf(10) ** -30 and r.agreed_digits >= 28
    with mpmath.workdps(45):
        e, g, tau, rho, delta, _ = P()
        hi = mpmath.exp(mpmath.mpf("5.2"))
        for j in range(6):
            a = r.margin_site + (hi - r.margin_site) * j / 5
            n = r.size_of(a)
            value = smb(n, a, e, g) if allocation == "optimum" else pab(n, a, e, g, tau, rho, delta)
            assert abs(value - r.mu) <= mpmath.mpf(10) ** -30 * n ** g       # (10) / (18)
        assert r.size_of(r.margin_site * mpmath.mpf("0.999")) == 0
        N = mpmath.quad(lambda a: r.size_of(a) * _tp_density(a), [r.margin_site, hi])   # (7), by plain quadrature
        assert digits(N, 280000000) >= 28
        if allocation == "optimum":
            assert digits(sab(r.smallest_city, r.margin_site, e, g), r.mu) >= 28        # (11)
            assert digits(r.smallest_city, n_i(r.margin_site, e, g)) >= 28             # (13), k_* = 1
        else:
            assert digits(r.smallest_city, n_p(r.margin_site, e, g, tau, rho, delta)) >= 28   # (21), k_m = 1


def test_continuous_local_politics_every_city_at_n_p():
    sites = {"uniform": {"minimum": "140", "maximum": "180", "measure": "10000"}}
    r = local_politics(N280, sites, dps=30)
    with mpmath.workdps(45):
        e, g, tau, rho, delta, _ = P()
        for a, n in r.grid:
            assert digits(n, n_p(a, e, g, tau, rho, delta)) >= 28
        N = mpmath.quad(lambda a: n_p(a, e, g, tau, rho, delta) * 250, [r.margin_site, 180])
        assert digits(N, 280000000) >= 28
        assert digits(r.mu, pab(r.smallest_city, r.margin_site, e, g, tau, rho, delta)) >= 28


def _branch_size(mu, a, e, g, which, tau=None, rho=None, delta=None):
    """n on the decreasing branch of smb (or pab) with value mu, by bisection (test's own)."""
    if which == "optimum":
        f = lambda n: smb(n, a, e, g) - mu  # noqa: E731
        lo, hi = ((1 + e) / (1 + g)) ** (1 / (g - e)) * n_i(a, e, g), Gamma(e, g) ** (1 / (g - e)) * n_i(a, e, g)
    else:
        f = lambda n: pab(n, a, e, g, tau, rho, delta) - mu  # noqa: E731
        np_ = n_p(a, e, g, tau, rho, delta)
        lo, hi = np_, (g / e) ** (1 / (g - e)) * np_
    if f(lo) < 0:
        return None
    return mpmath.findroot(f, (lo, hi), solver="illinois", verify=False)


def _welfare_with(K, a_list, N, e, g):
    """Welfare of K cities on the best K sites with equal smb (the test's own nested bisection)."""
    a_list = a_list[:K]
    if K == 1:
        return N * sab(N, a_list[0], e, g)
    top = min(smb(((1 + e) / (1 + g)) ** (1 / (g - e)) * n_i(a, e, g), a, e, g) for a in a_list)
    lo, hi = mpmath.mpf(0), top
    for _ in range(90):
        mu = (lo + hi) / 2
        total = sum(_branch_size(mu, a, e, g, "optimum") for a in a_list)
        lo, hi = (mu, hi) if total > N else (lo, mu)
    ns = [_branch_size(lo, a, e, g, "optimum") for a in a_list]
    if abs(sum(ns) - N) > N * mpmath.mpf(10) ** -20:
        return None
    return sum(n * sab(n, a, e, g) for n, a in zip(ns, a_list))


def test_discrete_optimum_maximises_welfare_over_the_number_of_cities():
    """Close sites, so that the best number of cities changes with N (1, 2, 3 here); each K is
    solved by the test's own nested bisection, on decreasing smb branches (the second-order
    condition), K = 4 being infeasible for these N."""
    sites, chosen = ["200", "199.5", "199", "198.5"], set()
    for N in ("3000000", "5000000", "8000000"):
        r = optimum({**BASE, "urban_population": N}, {"discrete": sites}, dps=30)
        with mpmath.workdps(30):
            e, g, *_ = P()
            a = [mp(x) for x in sites]
            welfare = {K: _welfare_with(K, a, mp(N), e, g) for K in range(1, 5)}
            best = max((w, K) for K, w in welfare.items() if w is not None)[1]
            assert r.number_of_cities == best, (N, welfare)
            chosen.add(best)
            assert digits(r.welfare_per_capita * mp(N), welfare[best]) >= 18
            assert max(abs(smb(n, x, e, g) - r.mu) / n ** g for n, x in zip(r.sizes, a)) < mpmath.mpf(10) ** -27
            assert digits(mpmath.fsum(r.sizes), mp(N)) >= 29
    assert chosen == {1, 2, 3}


def test_discrete_free_migration_conditions():
    sites = {"rank_size": {"scale": "180", "exponent": "0.0333", "count": "400"}}
    r = free_migration(N280, sites, dps=30)
    K = r.number_of_cities
    with mpmath.workdps(45):
        e, g, tau, rho, delta, _ = P()
        a = [180 * mpmath.mpf(k) ** -mpmath.mpf("0.0333") for k in range(1, K + 2)]
        assert max(abs(pab(n, x, e, g, tau, rho, delta) - r.mu) / n ** g for n, x in zip(r.sizes, a)) < 1e-27
        assert digits(mpmath.fsum(r.sizes), 280000000) >= 29
        assert r.sizes[-1] >= n_p(a[K - 1], e, g, tau, rho, delta)          # (21) with k_m = 1
        # one more city: equal pab with K + 1 cities puts the newcomer below n_p (the test's own solve)
        lo, hi = mpmath.mpf(0), pab(n_p(a[K], e, g, tau, rho, delta), a[K], e, g, tau, rho, delta)
        total = sum(_branch_size(hi, x, e, g, "fm", tau, rho, delta) for x in a)
        assert total > 280000000    # even at the newcomer's n_p, K + 1 cities hold more than N
    assert r.residual < 1e-30 and r.agreed_digits >= 28


def test_discrete_local_politics_fills_best_first():
    sites = {"rank_size": {"scale": "180", "exponent": "0.0333", "count": "6000"}}
    r = local_politics(N280, sites, dps=30, confirm=False)
    K = r.number_of_cities
    with mpmath.workdps(45):
        e, g, tau, rho, delta, _ = P()
        a = [180 * mpmath.mpf(k) ** -mpmath.mpf("0.0333") for k in range(1, K + 1)]
        full = [n_p(x, e, g, tau, rho, delta) for x in a]
        assert all(digits(n, f) >= 28 for n, f in zip(r.sizes[:-1], full[:-1]))
        assert 0 < r.sizes[-1] <= full[-1]
        assert digits(mpmath.fsum(r.sizes), 280000000) >= 29
        assert digits(r.land_value_ratio * 1, r.land_value_ratio) >= 28


# --- the rural sector closes the model ----------------------------------------------------------------

RURAL = {"scale": "200", "land": "100000000", "alpha": "0.3", "sigma": "0.5", "total_population": "400000000"}


def test_rural_optimum_mu_is_the_rural_wage():
    sites = {"truncated_pareto": {"shape": "30", "log_min": "4.95", "log_max": "5.20", "measure": "5000"}}
    r = optimum({**BASE, "rural": RURAL}, sites, dps=40)
    with mpmath.workdps(60):
        e, g, *_ = P()
        NR = r.rural_population
        assert 0 < NR < 400000000
        assert digits(r.urban_population + NR, 400000000) >= 38
        assert digits(r.mu, ces_wage(NR, mp(200), mp(10 ** 8), mp("0.3"), mp("0.5"))) >= 38    # (9)
        assert digits(r.land_value_ratio, ghv_17(r, e, g)) >= 38
        W = r.urban_output - r.urban_costs + ces_output(NR, mp(200), mp(10 ** 8), mp("0.3"), mp("0.5"))
        assert digits(r.welfare_per_capita, W / 400000000) >= 38


def test_rural_cobb_douglas_homogeneous_closed_form():
    """sigma = 1: F' = a^R (1-alpha)(L/N^R)^alpha = sab_i(a), so N^R = L (a^R (1-alpha)/sab_i)^(1/alpha)."""
    rural = {**RURAL, "sigma": "1", "scale": "300"}
    r = optimum({**BASE, "rural": rural}, homogeneous(measure="5000"), dps=40)
    with mpmath.workdps(60):
        e, g, *_ = P()
        mu = (g / e - 1) * n_i(mp(150), e, g) ** g
        NR = mp(10 ** 8) * (300 * (1 - mp("0.3")) / mu) ** (1 / mp("0.3"))
        assert digits(r.rural_population, NR) >= 38 and digits(r.mu, mu) >= 38
        assert digits(r.smallest_city, n_i(mp(150), e, g)) >= 38


def test_rural_free_migration_u_m_is_the_rural_benefit():
    rural = {**RURAL, "rho_R": "0.5", "tau_R": "0.1", "T": "5", "T_R": "3"}
    sites = {"truncated_pareto": {"shape": "30", "log_min": "4.95", "log_max": "5.20", "measure": "5000"}}
    r = free_migration({**BASE, "rural": rural}, sites, dps=40)
    with mpmath.workdps(60):
        e, g, tau, rho, delta, _ = P()
        NR = r.rural_population
        args = (NR, mp(200), mp(10 ** 8), mp("0.3"), mp("0.5"))
        F, dF = ces_output(*args), ces_wage(*args)
        uR = (1 - mp("0.1")) * dF + (1 - mp("0.5")) * (F - NR * dF) / NR + 3     # Section 2.6
        assert digits(r.mu + 5, uR) >= 38                                           # (19): mu_m + T = u^R
        assert digits(r.land_value_ratio, ghv_25(r, e, g, Phi(e, g, tau, rho, delta))) >= 38


def test_rural_discrete_and_local_politics():
    sites = {"rank_size": {"scale": "180", "exponent": "0.0333", "count": "300"}}
    r = optimum({**BASE, "rural": RURAL}, sites, dps=30, confirm=False)
    with mpmath.workdps(45):
        assert digits(r.mu, ces_wage(r.rural_population, mp(200), mp(10 ** 8), mp("0.3"), mp("0.5"))) >= 28
        assert digits(mpmath.fsum(r.sizes) + r.rural_population, 400000000) >= 28
    r = local_politics({**BASE, "rural": RURAL}, homogeneous(measure="5000"), dps=30, confirm=False)
    with mpmath.workdps(45):
        e, g, tau, rho, delta, _ = P()
        np_ = n_p(mp(150), e, g, tau, rho, delta)
        assert digits(r.smallest_city, np_) >= 28
        assert digits(r.mu, ces_wage(r.rural_population, mp(200), mp(10 ** 8), mp("0.3"), mp("0.5"))) >= 28


# --- validation and allocations that do not exist -------------------------------------------------

@pytest.mark.parametrize("change, name", [
    ({"gamma": "0.03"}, "gamma"),
    ({"gamma": "0.02"}, "gamma"),
    ({"epsilon": "0"}, "epsilon"),
    ({"tau": "1"}, "Phi"),
    ({"tau": "1.2"}, "Phi"),
    ({"delta": "1"}, "delta"),
    ({"rho": "-5"}, "rho"),
    ({"cost_scale": "0"}, "cost_scale"),
    ({"urban_population": "-1"}, "urban_population"),
    ({"urban_population": "abc"}, "urban_population"),
    ({"k_m": "0.9"}, "k_m"),
    ({"k_m": "100000"}, "k_m"),
    ({"rural": RURAL}, "urban_population"),
    ({"lambda": "1"}, "lambda"),
])
def test_bad_parameters_name_the_parameter(change, name):
    with pytest.raises(InvalidParameter) as info:
        optimum({**N280, **change}, TP, dps=20)
    assert info.value.name == name
    assert "\n" not in str(info.value) and name in str(info.value)


@pytest.mark.parametrize("change, name", [
    ({"alpha": "1"}, "rural.alpha"), ({"sigma": "0"}, "rural.sigma"), ({"rho_R": "2"}, "rural.rho_R"),
    ({"tau_R": "1", "rho_R": "0.5"}, "rural.tau_R"), ({"land": "-1"}, "rural.land"), ({"wage": "1"}, "rural.wage"),
])
def test_bad_rural_parameters(change, name):
    with pytest.raises(InvalidParameter) as info:
        city_parameters(**BASE, rural={**RURAL, **change})
    assert info.value.name == name


def test_pareto_shape_must_give_finite_output():
    with pytest.raises(InvalidParameter) as info:
        optimum(N280, {"pareto": {"shape": "5", "log_min": "4.95", "measure": "1000"}}, dps=20)
    assert info.value.name == "sites.pareto.shape" and "(1+gamma)/(gamma-eps)" in str(info.value)


def test_dps_and_allocation_validated():
    with pytest.raises(InvalidParameter) as info:
        optimum(N280, TP, dps=10)
    assert info.value.name == "dps"
    with pytest.raises(InvalidParameter) as info:
        solve_allocation(N280, TP, "anarchy")
    assert info.value.name == "allocation"
    # rank-size sites with a non-integer exponent are known to 130 digits: no more than 100 asked of them
    with pytest.raises(InvalidParameter, match="computed to 130 digits") as info:
        optimum(N280, {"rank_size": {"scale": "150", "exponent": "0.0333", "count": "5"}}, dps=101)
    assert info.value.name == "dps"


@pytest.mark.parametrize("call, phrase", [
    (lambda: local_politics(N280, TP, dps=20), "exceeds what the sites can host"),
    (lambda: optimum({**BASE, "urban_population": "1e13"}, TP, dps=20), "exceeds what the sites can host"),
    (lambda: free_migration({**BASE, "urban_population": "1e12"}, {"discrete": ["150", "140"]}, dps=20),
     "exceeds what the 2 sites can host"),
    (lambda: free_migration({**BASE, "urban_population": "10"}, {"discrete": ["150"]}, dps=20), "k_m n_p"),
    (lambda: local_politics({**BASE, "urban_population": "1e9"}, {"discrete": ["150"] * 3}, dps=20), "exceeds"),
    (lambda: optimum({**BASE, "rural": {**RURAL, "scale": "100000"}}, TP, dps=20), "no site worth developing"),
    (lambda: optimum({**BASE, "rural": {**RURAL, "scale": "100000"}}, homogeneous(), dps=20), "no site worth"),
])
def test_allocations_that_do_not_exist(call, phrase):
    with pytest.raises(AllocationDoesNotExist) as info:
        call()
    assert isinstance(info.value, ValueError)
    assert phrase in str(info.value) and "\n" not in str(info.value)


def test_a_float_parameter_warns():
    with pytest.warns(InexactInputWarning):
        optimum({**N280, "epsilon": 0.03}, homogeneous(), dps=20)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        optimum({**N280, "epsilon": sp.Rational(3, 100), "gamma": mpmath.mpf("0.25")}, homogeneous(), dps=20)


def test_to_dict_gives_decimal_strings():
    d = optimum(N280, TP, dps=20).to_dict()
    for key in ("margin_site", "mu", "land_value_ratio", "welfare_per_capita", "output_per_capita", "mean_wage",
                "min_wage", "largest_city", "smallest_city", "measure_of_cities", "residual"):
        assert isinstance(d[key], str) and sp.Rational(d[key]) > 0
    assert d["agreed_digits"] == 20 and len(d["sizes"]) == 9 and set(d["sizes"][0]) == {"a", "n"}
    assert all(sp.Rational(v) < sp.Rational("1e-20") for v in d["conditions"].values())
    d = optimum(N280, {"discrete": ["180", "170", "160"] * 30}, dps=20).to_dict()
    assert d["number_of_cities"] == str(len(d["sizes"])) and len(d["site_productivities"]) == len(d["sizes"])


# --- hypothesis: random model parameters, closed forms and the GHV identities ------------------------

def draw_params(rng) -> dict:
    """abrs2017 primitives (proofs_check.draws), as exact decimal strings."""
    return {k: str(v) for k, v in abrs2017_parameters(rng).items()}


@settings(max_examples=20)
@given(st.randoms(use_true_random=False), st.integers(1, 99), st.integers(0, 80))
@example(__import__("random").Random(0), 50, 30)
def test_homogeneous_closed_forms_hypothesis(rng, u, extra):
    """For random primitives, homogeneous sites: optimum at n_i, local politics at n_p, free
    migration at k_m n_p (N below what the sites hold at those sizes)."""
    prim = draw_params(rng)
    k_m = str(1 + sp.Rational(extra, 100))
    with mpmath.workdps(60):
        e, g, tau, rho, delta, _ = P({**prim, "cost_scale": "1"})
        a = mp(150)
        scales = {"optimum": n_i(a, e, g), "local-politics": n_p(a, e, g, tau, rho, delta),
                  "free-migration": mp(k_m) * n_p(a, e, g, tau, rho, delta)}
    for name, n in scales.items():
        with mpmath.workdps(60):
            N = mpmath.nstr(n * 10 * mp(u) / 100, 55)
        r = solve_allocation({**prim, "urban_population": N, "k_m": k_m}, homogeneous(measure="10"), name,
                             dps=30, confirm=False)
        with mpmath.workdps(50):
            assert digits(r.smallest_city, n) >= 28, name


@st.composite
def tp_cases(draw):
    """Random primitives, a truncated Pareto and N inside what the sites hold (valid by
    construction: N = u M n_i(a_lo) for the optimum, u M n_p(a_lo) for free migration)."""
    prim = draw_params(draw(st.randoms(use_true_random=False)))
    shape = sp.Rational(draw(st.integers(5, 400)), 10)
    log_min = sp.Rational(draw(st.integers(300, 600)), 100)
    width = sp.Rational(draw(st.integers(5, 60)), 100)
    u = sp.Rational(draw(st.integers(1, 300)), 100)
    k_m = 1 + sp.Rational(draw(st.integers(0, 50)), 100)
    sites = {"truncated_pareto": {"shape": str(shape), "log_min": str(log_min), "log_max": str(log_min + width),
                                  "measure": "100"}}
    return prim, sites, u, str(k_m)


@settings(max_examples=8)
@given(tp_cases())
def test_ghv_identities_hypothesis(case):
    """(17)/A.2 and (25) hold by quadrature to 40 digits at dps 50 for random parameters."""
    prim, sites, u, k_m = case
    with mpmath.workdps(70):
        e, g, tau, rho, delta, _ = P({**prim, "cost_scale": "1"})
        a_lo = mpmath.exp(mp(sites["truncated_pareto"]["log_min"]))
        N_opt = mpmath.nstr(mp(u) * 100 * n_i(a_lo, e, g), 60)
        N_fm = mpmath.nstr(mp(u) * 100 * n_p(a_lo, e, g, tau, rho, delta), 60)
    r = optimum({**prim, "urban_population": N_opt}, sites, dps=50, confirm=False)
    with mpmath.workdps(70):
        assert digits(r.land_value_ratio, ghv_general(r, e, g)) >= 40
        assert r.margin_ratio >= 1
    r = free_migration({**prim, "urban_population": N_fm, "k_m": k_m}, sites, dps=50, confirm=False)
    with mpmath.workdps(70):
        assert digits(r.land_value_ratio, ghv_25(r, e, g, Phi(e, g, tau, rho, delta))) >= 40
        assert r.margin_ratio >= mp(k_m) * (1 - mpmath.mpf(10) ** -45)
