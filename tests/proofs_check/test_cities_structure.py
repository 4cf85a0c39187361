"""Lemmas 2-3, Section 3.1's Figure 4 sentence and Section 3.4's point M on computed allocations
(proofs_check.cities.structure_numeric), held to closed forms derived by hand below."""
import dataclasses
import json

import mpmath
import pytest
import sympy as sp

from numeric.cities import solve_allocation
from proofs_check.cities import structure_numeric as st
from proofs_check.claims import Settings

R = sp.Rational

# Homogeneous sites a = 12 (measure 2), eps = 1/10, gamma = 3/10, no wedges, N = 5:
# n_i = (eps a/gamma)^(1/(gamma-eps)) = 4^5 = 1024 per city, so N = 5 needs a measure 5/1024 < 2 of
# cities: the margin is interior, every city at n_i (k_* = 1) and mu_* = sab(n_i) = n_i^gamma (gamma/eps - 1)
# = 2 * 1024^(3/10) (smb = sab at n_i).
POINT = {"epsilon": R(1, 10), "gamma": R(3, 10), "tau": R(0), "rho": R(0), "delta": R(0), "N": R(5),
         "sites": json.dumps({"homogeneous": {"value": "12", "measure": "2"}}, sort_keys=True), "occupancy": "interior"}


def _alloc(name="optimum", **point):
    p = dict(POINT, **point)
    params = {k: str(p[k]) for k in ("epsilon", "gamma", "tau", "rho", "delta")}
    params["urban_population"] = str(p["N"])
    return p, solve_allocation(params, json.loads(p["sites"]), name, dps=40, confirm=False)


def test_the_homogeneous_optimum_meets_the_closed_form_and_lemma_2():
    p, a = _alloc()
    with mpmath.workdps(40):
        assert abs(a.largest_city - 1024) < mpmath.mpf(10) ** -30
        assert abs(a.mu - 2 * mpmath.power(1024, mpmath.mpf(3) / 10)) < mpmath.mpf(10) ** -30
        assert abs(a.measure_of_cities - mpmath.mpf(5) / 1024) < mpmath.mpf(10) ** -30
        margin, where = st._conditions(p, "optimum", a, mpmath.mpf, mpmath.mpf(10) ** -20)
    assert margin > 0, where


def test_a_broken_allocation_fails_lemma_2s_conditions():
    # The same allocation with the margin city at 1.01 n_i (k = 1.01 at an interior margin) and
    # with a common level 1e-6 off: each must fail, and say which condition.
    p, a = _alloc()
    with mpmath.workdps(40):
        tol = mpmath.mpf(10) ** -20
        wide = dataclasses.replace(a, margin_ratio=mpmath.mpf("1.01"))
        margin, where = st._conditions(p, "optimum", wide, mpmath.mpf, tol)
        assert margin < 0 and "k = 1" in where
        off = dataclasses.replace(a, mu=a.mu * (1 + mpmath.mpf(10) ** -6))
        margin, where = st._conditions(p, "optimum", off, mpmath.mpf, tol)
        assert margin < 0 and "mu" in where


def test_free_migration_at_phi_one_meets_lemma_3_on_homogeneous_sites():
    # Phi = 1 (no wedges): n_p = n_i, so free migration puts every city at 1024 with pab = sab = mu_m.
    p, a = _alloc("free-migration")
    with mpmath.workdps(40):
        assert abs(a.largest_city - 1024) < mpmath.mpf(10) ** -30
        margin, where = st._conditions(p, "free-migration", a, mpmath.mpf, mpmath.mpf(10) ** -20)
    assert margin > 0, where


RURAL = {"scale": "2", "land": "10", "alpha": "1/2", "sigma": "1", "total_population": "400"}


def test_the_rural_split_meets_its_closed_form():
    # Cobb-Douglas F = a^R (N^R)^(1/2) L^(1/2): F' = (a^R/2) (L/N^R)^(1/2) = mu_* gives
    # N^R = L (a^R/(2 mu_*))^2 with mu_* = 2 * 1024^(3/10) (homogeneous sites, interior): about 0.0155.
    p = dict(POINT, rural=json.dumps(RURAL))
    ev = st.rural_split(p, "optimum", 40)
    with mpmath.workdps(40):
        mu = 2 * mpmath.power(1024, mpmath.mpf(3) / 10)
        NR = 10 * (2 / (2 * mu)) ** 2
        assert abs(ev.values["N^R"] - NR) < mpmath.mpf(10) ** -25
        assert abs(ev.values["N"] - (400 - NR)) < mpmath.mpf(10) ** -25
    assert ev.margin > 0


def test_point_m_is_below_point_o_with_homogeneous_sites():
    # With rho^R = 0 the rural migrant gets F/N^R = a^R (L/N^R)^(1/2) = mu: N^R_M = L (a^R/mu)^2, four
    # times the optimum's L (a^R/(2 mu))^2: free migration under-urbanizes although every city is at n_i.
    rural = dict(RURAL, rho_R="0")
    params = {k: str(POINT[k]) for k in ("epsilon", "gamma", "tau", "rho", "delta")}
    params["rural"] = rural
    sites = json.loads(POINT["sites"])
    o = solve_allocation(params, sites, "optimum", dps=40, confirm=False)
    m = solve_allocation(params, sites, "free-migration", dps=40, confirm=False)
    with mpmath.workdps(40):
        mu = 2 * mpmath.power(1024, mpmath.mpf(3) / 10)
        assert abs(m.rural_population - 10 * (2 / mu) ** 2) < mpmath.mpf(10) ** -25
        assert abs(m.rural_population - 4 * o.rural_population) < mpmath.mpf(10) ** -25
    out = st.under_urbanization(Settings(draws=20, dps=30, seed=0, claim_id="abrs2017:S3.4:under-urbanization-M"))
    assert out.status == "verified" and out.draws_meeting_hypotheses > 0


@pytest.mark.parametrize("cid", ["abrs2017:Lemma2(ii)", "abrs2017:Lemma3(i)", "abrs2017:S3.1:fig4-N2-gt-N1"])
def test_the_lemma_claims_are_numeric_with_draws(cid):
    from proofs_check.runner import verify
    (c,) = verify(claim_ids=cid, draws=30, jobs=1).claims
    assert c.method == "numeric" and c.draws >= 5
    assert c.draws_meeting_hypotheses > 0 and c.status != "discrepancy"
    assert "still to come" not in c.detail


@pytest.mark.parametrize("cid", ["abrs2017:Prop2(i)", "abrs2017:Prop2(iv)", "abrs2017:S3.3:phi-ge-Gamma-below-np"])
def test_proof_and_draws_agree(cid):
    # Each claim has a closed-form proof (sizes on every site) and comparisons over draws; both halves must
    # reach the same verdict, and the combined claim says so.
    from proofs_check.runner import verify
    (c,) = verify(claim_ids=cid, jobs=1).claims
    assert c.method == "symbolic+numeric" and c.draws_meeting_hypotheses > 0
    assert c.status == "verified" and "proved" in c.detail and "Numeric check:" in c.detail
