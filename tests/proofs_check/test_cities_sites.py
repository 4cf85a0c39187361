"""Benefit levels and fiscal schedules on computed allocations (proofs_check.cities.sites_numeric),
held to closed forms derived by hand below."""
import dataclasses
import json
from types import SimpleNamespace

import mpmath
import pytest
import sympy as sp

from numeric.cities import solve_allocation
from proofs_check.cities import sites_numeric as sn

R = sp.Rational

# Homogeneous sites a = 12 (measure 2), eps = 1/10, gamma = 3/10, no wedges (Phi = 1), N = 5:
# n_i = (eps a/gamma)^(1/(gamma-eps)) = 4^5 = 1024, the margin is interior (a measure 5/1024 < 2 of
# cities), every city at n_i = n_p, and mu_* = mu_m = u_i = pab_p = (gamma/eps - 1) 1024^(3/10) = 2 * 1024^(3/10).
POINT = {"epsilon": R(1, 10), "gamma": R(3, 10), "tau": R(0), "rho": R(0), "delta": R(0), "N": R(5),
         "sites": json.dumps({"homogeneous": {"value": "12", "measure": "2"}}, sort_keys=True), "occupancy": "interior"}
DPS = 40


def _solve(name, **point):
    p = dict(POINT, **point)
    params = {k: str(p[k]) for k in ("epsilon", "gamma", "tau", "rho", "delta")}
    params["urban_population"] = str(p["N"])
    return p, solve_allocation(params, json.loads(p["sites"]), name, dps=DPS, confirm=False)


def _margin(conditions, p, alloc):
    with mpmath.workdps(DPS):
        m = sn._Margins(mpmath.mpf(10) ** -20)
        conditions(p, alloc, mpmath.mpf, m, "mpmath")
        return m.worst, m.where


def test_the_homogeneous_optimum_meets_proposition_1_i():
    p, a = _solve("optimum")
    with mpmath.workdps(DPS):
        assert abs(a.mu - 2 * mpmath.power(1024, mpmath.mpf(3) / 10)) < mpmath.mpf(10) ** -30
    margin, where = _margin(sn._optimum_levels, p, a)
    assert margin > 0, where
    with mpmath.workdps(DPS):
        off = dataclasses.replace(a, mu=a.mu * (1 + mpmath.mpf(10) ** -8))
    margin, where = _margin(sn._optimum_levels, p, off)
    assert margin < 0 and "mu_*" in where


def test_free_migration_level_is_pab_p_of_the_margin_site_and_needs_k_equal_1():
    p, a = _solve("free-migration")
    margin, where = _margin(sn._fm_level, p, a)
    assert margin > 0, where
    # N = 5000 > 2 * 1024 fills the measure 2 of sites: k_m > 1, outside Proposition 3's n_m(a_m) = n_p(a_m)
    spec = sn.site_claim("free-migration", sn._fm_level, hypotheses=lambda q: True, conclusion="", hypotheses_text="",
                         interior=True)
    full = dict(POINT, N=R(5000))
    ev = spec.evaluate(full, DPS)
    assert not ev.exists and "every site" in ev.why


def test_local_politics_pab_is_4_at_the_private_scale():
    # tau = 1/5, rho = delta = 0: Phi = 4/5, n_p = (4/5)^5 n_i = 1024 * 1024/3125 = 335.5443..., and (4)
    # gives pab_p = (gamma/eps - 1) n_p^gamma = 2 n_p^(3/10); at n_p, pab = (4/5) 12 n_p^(1/10) - n_p^(3/10).
    p, a = _solve("local-politics", tau=R(1, 5))
    with mpmath.workdps(DPS):
        n_p = mpmath.mpf(1024) ** 2 / 3125
        assert abs(a.largest_city - n_p) < mpmath.mpf(10) ** -25
        hand = mpmath.mpf(4) / 5 * 12 * n_p ** (mpmath.mpf(1) / 10) - n_p ** (mpmath.mpf(3) / 10)
        assert abs(hand - 2 * n_p ** (mpmath.mpf(3) / 10)) < mpmath.mpf(10) ** -30
    margin, where = _margin(sn._lp_benefits, p, a)
    assert margin > 0, where


def _two_cities(n1, n2, a1=12):
    """Two discrete sites whose cities n1 (at a1) and n2 share smb = mu: smb = (1+eps) a n^eps - (1+gamma) n^gamma
    (no wedges), so a2 = (mu + (13/10) n2^(3/10)) / ((11/10) n2^(1/10))."""
    e, g = mpmath.mpf(1) / 10, mpmath.mpf(3) / 10
    mu = (1 + e) * a1 * n1 ** e - (1 + g) * n1 ** g
    a2 = (mu + (1 + g) * n2 ** g) / ((1 + e) * n2 ** e)
    p = dict(POINT, rho=R(1, 2), sites=json.dumps({"discrete": [mpmath.nstr(a2, 30), "12"]}))
    alloc = SimpleNamespace(number_of_cities=2, site_values=[a2, mpmath.mpf(a1)], sizes=[n2, n1], mu=mu,
                            margin_site=mpmath.mpf(a1), margin_ratio=n1 / 1024, all_sites_occupied=False)
    return p, alloc


def test_the_schedules_make_two_cities_with_equal_smb_a_free_migration_equilibrium():
    with mpmath.workdps(DPS):
        p, alloc = _two_cities(mpmath.mpf(1536), mpmath.mpf(2048))
        assert alloc.site_values[0] > 12
    margin, where = _margin(sn._implements("tau27-first", "delta28-first"), p, alloc)
    assert margin > 0, where
    margin, where = _margin(sn._implements("tau27-second", "delta28-first"), p, alloc)
    assert margin > 0, where
    # the printed second form of (28) (a finding of abrs2017:28) breaks Phi = 1
    margin, where = _margin(sn._implements("tau27-first", "delta28-second"), p, alloc)
    assert margin < 0
    # sizes whose smb differ: the schedules cannot equalise pab
    with mpmath.workdps(DPS):
        off = SimpleNamespace(**dict(vars(alloc), sizes=[alloc.sizes[0] * (1 + mpmath.mpf(10) ** -6), alloc.sizes[1]]))
    margin, where = _margin(sn._implements("tau27-first", "delta28-first"), p, off)
    assert margin < 0 and "pab" in where


def test_the_tax_rate_is_the_hand_derived_wedge():
    # At n = x n_i(a): a n^eps = (gamma/eps) n^gamma x^-(gamma-eps), so (sab - smb)/sab = gamma (v - 1)/(gamma/eps - v),
    # v = x^(gamma-eps): tau_* = 0 at x = 1 and, at x = 3/2, v = (3/2)^(1/5).
    with mpmath.workdps(DPS):
        e, g = mpmath.mpf(1) / 10, mpmath.mpf(3) / 10
        for xv in (mpmath.mpf(1), mpmath.mpf(3) / 2):
            v = xv ** (g - e)
            n = xv * 1024
            got = sn._fn("tau27-first", "mpmath")(n, mpmath.mpf(12), e, g, 0, 0, 0)
            assert abs(got - g * (v - 1) / (g / e - v)) < mpmath.mpf(10) ** -30
    p, alloc = _two_cities(mpmath.mpf(1536), mpmath.mpf(2048))
    margin, where = _margin(sn._shape("tau"), p, alloc)
    assert margin > 0, where
    # a city below n_i (x < 1) has sab < smb: a negative tax, which Proposition 5 (i) excludes
    with mpmath.workdps(DPS):
        p, alloc = _two_cities(mpmath.mpf(900), mpmath.mpf(2048))
    margin, where = _margin(sn._shape("tau"), p, alloc)
    assert margin < 0 and ">= 0" in where


@pytest.mark.parametrize("cid", ["abrs2017:Prop1(i)", "abrs2017:Prop2(v)", "abrs2017:Prop3(v)", "abrs2017:27",
                                 "abrs2017:Prop5(i)", "abrs2017:Prop5(ii)", "abrs2017:Prop5(iii)"])
def test_the_claims_are_symbolic_and_numeric_and_agree(cid):
    from proofs_check import verify
    (c,) = verify(claim_ids=[cid], jobs=1).claims
    assert c.method == "symbolic+numeric"
    assert c.draws_meeting_hypotheses > 0
    assert c.status == "verified", c.detail[:400]
    assert "Numeric check" in c.detail or "holds on all" in c.detail
