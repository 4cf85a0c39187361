"""Proposition 1 (ii)-(iii) by re-solving the optimum (proofs_check.cities.statics_numeric), held to
closed forms derived by hand below."""
import json

import mpmath
import sympy as sp

from numeric.cities import solve_allocation
from proofs_check.cities import statics_numeric as st

R = sp.Rational
BASE = {"epsilon": R(1, 10), "gamma": R(3, 10), "tau": R(0), "rho": R(0), "delta": R(0), "occupancy": "interior"}
RURAL = {"scale": "2", "land": "10", "alpha": "1/2", "sigma": "1", "total_population": "400"}


def test_decreasing_returns_match_the_hand_derived_rural_rent():
    # Homogeneous sites a = 12 (measure 2): every city at n_i = 1024 with sab = smb = mu_* = 2 * 1024^(3/10), so
    # urban surplus is N mu_*; Cobb-Douglas F = 2 (N^R)^(1/2) 10^(1/2) with F' = (10/N^R)^(1/2) = mu_*:
    # N^R = 10/mu_*^2, F = 20/mu_*, and L/Nbar - mu_* = (F - N^R F')/Nbar = (F/2)/400 = 1/(40 mu_*).
    p = dict(BASE, N=R(5), rural=json.dumps(RURAL),
             sites=json.dumps({"homogeneous": {"value": "12", "measure": "2"}}, sort_keys=True))
    ev = st._returns(p, 40)
    assert ev.margin > 0, ev.values
    with mpmath.workdps(40):
        mu = 2 * mpmath.power(1024, mpmath.mpf(3) / 10)
        assert abs(ev.values["mu_*"] - mu) < mpmath.mpf(10) ** -30
        assert abs(ev.values["L_*/Nbar"] - mu - 1 / (40 * mu)) < mpmath.mpf(10) ** -25
        assert abs(ev.values["dL_*/dNbar (central difference)"] - mu) < mpmath.mpf(10) ** -12


def test_the_margin_falls_with_n_at_the_hand_derived_pareto_rate():
    # Untruncated Pareto sites (shape k, minimum 1): n_*(a) = n_i(a) x(a/a_*) with x from (15), so N = int n_* dG
    # is proportional to a_*^(1/(gamma-eps) - k) and d ln a_*/d ln N = 1/(1/(gamma-eps) - k). eps = 1/10,
    # gamma = 6/10, k = 6: 1/(2 - 6) = -1/4.
    p = dict(BASE, gamma=R(6, 10), N=R(1, 100), sites=json.dumps({"pareto": {"shape": "6", "minimum": "1",
                                                                             "measure": "1"}}))
    params = {k: str(p[k]) for k in ("epsilon", "gamma", "tau", "rho", "delta")}
    h = R(1, 10 ** 8)
    sizes = []
    for N in (p["N"], p["N"] * (1 + h)):
        params["urban_population"] = str(N)
        sizes.append(solve_allocation(params, json.loads(p["sites"]), "optimum", dps=30, confirm=False))
    o0, o1 = sizes
    assert not o0.all_sites_occupied
    with mpmath.workdps(30):
        rate, where = st._statics(p, o0, o1, h, mpmath.mpf, mpmath.log)
        elasticity = (mpmath.log(o1.margin_site) - mpmath.log(o0.margin_site)) / (mpmath.mpf(h.p) / h.q)
        assert abs(elasticity + mpmath.mpf(1) / 4) < mpmath.mpf(10) ** -6
    assert rate > 0, where
    # the allocations swapped (N falling): the margin rises and every city shrinks
    with mpmath.workdps(30):
        rate, where = st._statics(p, o1, o0, h, mpmath.mpf, mpmath.log)
    assert rate < 0
