"""abrs2017 city-system numeric checks (issue 10): draws, the float64 screen, hand-derived cases."""
from __future__ import annotations

import json
import random

import mpmath
import pytest
import sympy as sp

from numeric.cities.float_screen import float_allocation, float_sites
from proofs_check.claims import Settings
from proofs_check.draws_cities import PHI_REGIONS, city_point, in_domain, phi_bundles, phi_region, wedges_in
from proofs_check.cities import allocations_numeric as an

R = sp.Rational


@pytest.mark.parametrize("region", PHI_REGIONS)
def test_wedges_land_in_their_region_and_on_boundaries_exactly(region):
    rng = random.Random(region)
    for _ in range(20):
        p = wedges_in(rng, region)
        phi, ps, G = phi_bundles(p)
        assert 0 <= p["tau"] < 1 and 0 <= p["delta"] < 1 and 0 <= p["rho"] <= 1 and p["epsilon"] < p["gamma"]
        # the boundaries are exact identities of rationals, computed here from (3) by hand
        by_hand = (1 - p["tau"]) / ((1 - p["delta"]) * (1 + p["rho"] * p["gamma"]))
        assert by_hand == phi
        if region == "phi-eq-phistar":
            assert by_hand == (1 + p["epsilon"]) / (1 + p["gamma"])
        elif region == "phi-eq-1":
            assert by_hand == 1
        elif region == "phi-eq-Gamma":
            assert by_hand == p["gamma"] / p["epsilon"] * (1 + p["epsilon"]) / (1 + p["gamma"])
        assert phi_region(p) == region


def test_domain_label_follows_the_efficient_scale_of_the_lowest_site():
    p = {"epsilon": R(1, 20), "gamma": R(1, 5), "tau": R(0), "rho": R(0), "delta": R(0), "N": R(10)}
    # n_i(a) >= 1 iff eps a/gamma >= 1, i.e. a >= 4 (Phi = 1 here)
    p["sites"] = json.dumps({"uniform": {"minimum": "4", "maximum": "6"}})
    assert in_domain(p)
    p["sites"] = json.dumps({"uniform": {"minimum": "3.9", "maximum": "6"}})
    assert not in_domain(p)


def _mp(q):
    q = R(q)
    return mpmath.mpf(q.p) / q.q


def test_homogeneous_sites_hold_the_three_allocations_to_their_closed_forms():
    # Hand derivation, a single productivity a on a site measure M, interior margin (N < M n):
    # optimum: every city at n_i(a) = (eps a/gamma)^(1/(gamma-eps)), measure N/n_i (k_* = 1);
    # local politics: every city at n_p(a) = Phi^(1/(gamma-eps)) n_i(a), measure N/n_p;
    # free migration (k_m = 1): every city at n_p(a) as well (the margin city is every city).
    eps, gam, tau, rho, delta = R(1, 20), R(1, 5), R(1, 10), R(1, 2), R(1, 20)
    a, M, N = R(6), R(5), R(20)
    p = {"epsilon": eps, "gamma": gam, "tau": tau, "rho": rho, "delta": delta, "N": N, "occupancy": "interior",
         "sites": json.dumps({"homogeneous": {"value": "6", "measure": "5"}})}
    with mpmath.workdps(50):
        n_i = mpmath.power(_mp(eps) * _mp(a) / _mp(gam), 1 / (_mp(gam) - _mp(eps)))
        phi = (1 - _mp(tau)) / ((1 - _mp(delta)) * (1 + _mp(rho) * _mp(gam)))
        n_p = mpmath.power(phi, 1 / (_mp(gam) - _mp(eps))) * n_i
        assert _mp(N) < _mp(M) * n_p  # interior for every allocation
        for name, size in (("optimum", n_i), ("local-politics", n_p), ("free-migration", n_p)):
            alloc = an.allocation(p, name, 50)
            assert abs(alloc.smallest_city / size - 1) < mpmath.mpf(10) ** -40
            assert abs(alloc.measure_of_cities / (_mp(N) / size) - 1) < mpmath.mpf(10) ** -40
            assert not alloc.all_sites_occupied


def test_two_sites_hold_the_allocations_to_their_defining_conditions():
    # Two sites a1 > a2 with both occupied. Hand conditions: the optimum equalises
    # smb = (1+eps) a n^eps - (1+gamma) n^gamma across the two cities and they hold N; local
    # politics puts the best city at n_p(a1) and the remainder on a2; free migration
    # equalises pab = (1-tau) a n^eps - (1-delta)(1+rho gamma) n^gamma with the margin city
    # at least n_p(a2).
    eps, gam, tau, rho, delta = R(1, 20), R(1, 5), R(0), R(0), R(0)
    a1, a2 = R(7), R(68, 10)
    with mpmath.workdps(50):
        e, g = _mp(eps), _mp(gam)
        n_i = lambda a: mpmath.power(e * _mp(a) / g, 1 / (g - e))  # noqa: E731
        N = R(str(mpmath.nstr(200 * (n_i(a1) + n_i(a2)), 6)))  # between n_i and n_0 = (a Phi_*)^(1/(gamma-eps))
    p = {"epsilon": eps, "gamma": gam, "tau": tau, "rho": rho, "delta": delta, "N": N, "occupancy": "interior",
         "sites": json.dumps({"discrete": ["7", "6.8"]})}
    with mpmath.workdps(50):
        smb = lambda n, a: (1 + e) * _mp(a) * n ** e - (1 + g) * n ** g  # noqa: E731
        o = an.allocation(p, "optimum", 50)
        assert o.number_of_cities == 2
        n1, n2 = o.sizes
        assert abs((n1 + n2) / _mp(N) - 1) < mpmath.mpf(10) ** -40
        assert abs(smb(n1, a1) - smb(n2, a2)) / abs(smb(n1, a1)) < mpmath.mpf(10) ** -35
        # local politics holds at most n_p(a1) + n_p(a2): a smaller N, between n_p(a1) and that
        N_lp = R(str(mpmath.nstr(n_i(a1) + n_i(a2) / 2, 8)))
        lp = an.allocation(dict(p, N=N_lp), "local-politics", 50)
        assert lp.number_of_cities == 2
        assert abs(lp.sizes[0] / n_i(a1) - 1) < mpmath.mpf(10) ** -40  # Phi = 1: n_p = n_i
        assert abs((lp.sizes[0] + lp.sizes[1]) / _mp(N_lp) - 1) < mpmath.mpf(10) ** -40
        fm = an.allocation(p, "free-migration", 50)
        pab = lambda n, a: _mp(a) * n ** e - n ** g  # noqa: E731  (tau = rho = delta = 0)
        m1, m2 = fm.sizes
        assert abs(pab(m1, a1) - pab(m2, a2)) / abs(pab(m1, a1)) < mpmath.mpf(10) ** -35
        assert m2 >= n_i(a2) * (1 - mpmath.mpf(10) ** -40)


@pytest.mark.parametrize("spec", [
    {"uniform": {"minimum": "5", "maximum": "8", "measure": "5"}},
    {"truncated_pareto": {"shape": "3", "minimum": "5", "maximum": "9"}},
    {"lognormal": {"log_mean": "1.7", "log_sd": "0.2"}},
])
def test_float_screen_agrees_with_the_high_precision_solver(spec):
    """Two independent routes to the same allocation: the float64 screen and numeric.cities."""
    prim = {"epsilon": R(1, 20), "gamma": R(1, 5), "tau": R(1, 10), "rho": R(1, 2), "delta": R(1, 20)}
    p = dict(prim, N=R(30), sites=json.dumps(spec), occupancy="interior")
    for name in ("optimum", "free-migration"):
        f = float_allocation(prim, float_sites(spec, 1 / 0.15), 30.0, name)
        m = an.allocation(p, name, 30)
        assert f.margin_site == pytest.approx(float(m.margin_site), rel=1e-6)
        a = float(m.margin_site) * 1.01
        assert float(f.size(a)) == pytest.approx(float(m.size_of(a)), rel=1e-5)


def _small_pool_settings(draws=30):
    return Settings(draws=draws, dps=20, seed=3, claim_id="test")


def _fm_phi_one_pool(n=6):
    """Free-migration, Phi = 1, heterogeneous uniform sites, interior optimum margin."""
    rng = random.Random("fm-phi-1")
    out = []
    while len(out) < n:
        p = city_point(rng, region="phi-eq-1", kind="uniform")
        if p["occupancy"] == "interior" and in_domain(p):
            out.append(p)
    return out


def test_a_true_table1_cell_is_verified_and_its_planted_reversal_is_found():
    # Table 1, free migration, Phi = 1, large cities 'oversized' (Proposition 3 (iii), proved in
    # A.5: n_m(a) > n_*(a) for the best sites when Phi = 1 with heterogeneous sites).
    s = _small_pool_settings(6)
    an._POOL[(s.seed, s.draws)] = _fm_phi_one_pool(6)
    try:
        true = an.run_on_pool(an.cell_claim(("phi-eq-1",), "free-migration", "oversized"), s)
        assert true.status == "verified" and true.draws_meeting_hypotheses > 0
        planted = an.run_on_pool(an.cell_claim(("phi-eq-1",), "free-migration", "oversized", reverse=True), s)
        assert planted.status == "discrepancy"
        ce = planted.counterexample
        assert ce is not None and "sites" in ce["parameters"] and "N" in ce["parameters"]
        # the counterexample really breaks the reversed cell: the free-migration top city is larger
        top_fm = ce["free-migration city at the top site"]
        top_opt = ce["optimum city at the top site"]
        assert mpmath.mpf(top_fm) > mpmath.mpf(top_opt)
        assert "Draws per Phi region of Table 1" in planted.detail
    finally:
        an._POOL.pop((s.seed, s.draws), None)


def test_a_planted_reversed_table1_cell_is_a_discrepancy_that_really_breaks_it():
    # Local politics, Phi < 1, large cities 'undersized' (Proposition 2 (i)); planted: 'oversized'.
    # Independent re-check of the counterexample by hand: with Phi < 1 local politics puts every
    # city at n_p(a) = (eps Phi a/gamma)^(1/(gamma-eps)) (Lemma 1), computed here from the
    # counterexample's own parameters, and the optimum's city at the same top site must be larger.
    from proofs_check.cities.table1_numeric import table1_numeric
    s = Settings(draws=42, dps=20, seed=0, claim_id="test")
    planted = table1_numeric(s, "local-politics", "large-cities", "phi-lt-1", "undersized", reverse=True)
    assert planted.status == "discrepancy" and planted.counterexample is not None
    ce = planted.counterexample
    par = ce["parameters"]
    assert "sites" in par and "N" in par
    e, g, t, r, d = (R(par[k]) for k in ("epsilon", "gamma", "tau", "rho", "delta"))
    phi = (1 - t) / ((1 - d) * (1 + r * g))
    assert phi < 1
    top_site = mpmath.mpf(ce["top site compared"])
    with mpmath.workdps(30):
        n_p = mpmath.power(_mp(e) * _mp(phi) * top_site / _mp(g), 1 / (_mp(g) - _mp(e)))
        lp_top = mpmath.mpf(ce["local-politics city at the top site"])
        assert abs(lp_top / n_p - 1) < mpmath.mpf(10) ** -12
        assert mpmath.mpf(ce["optimum city at the top site"]) > n_p  # the planted 'oversized' is broken


def test_an_ambiguous_cell_finds_both_signs():
    # Free migration, Phi in [Phi_*, 1): number of cities 'ambiguous' (Proposition 3 (ii):
    # "(generically) too many or too few cities"): a confirmed witness of each sign.
    from proofs_check.cities.table1_numeric import FM_COLUMNS, ambiguous
    s = Settings(draws=100, dps=20, seed=0, claim_id="test")
    out = ambiguous(s, "free-migration", FM_COLUMNS["phi-in-phistar-1"], "too-many", "test cell")
    assert out.status == "verified"
    assert "more/larger in free-migration" in out.detail and "fewer/smaller in free-migration" in out.detail


def test_far_site_limit_of_local_politics_matches_the_closed_form_limit():
    # Hand limit: as a -> oo, (15) gives v_* = (n_*/n_i)^(gamma-eps) -> Gamma, while local
    # politics keeps n_p/n_i = Phi^(1/(gamma-eps)); so ln(n_p/n_*) -> ln(Phi/Gamma)/(gamma-eps).
    # At the far site h(v_*) = h(1)/1e12, i.e. Gamma - v_* ~ (Gamma - 1) 1e-12 / Gamma^q: the
    # log ratio agrees with the limit to about 1e-11.
    e, g = R(1, 20), R(1, 5)
    p = {"epsilon": e, "gamma": g, "tau": R(0), "rho": R(0), "delta": R(0)}  # Phi = 1
    with mpmath.workdps(40):
        m = an.far_log_ratio(p, "local-politics", mpmath.mpf(10), mpmath.mpf(1), mpmath.mpf(11), mpmath.mpf(1))
        G = _mp(g / e * (1 + e) / (1 + g))
        assert abs(m - mpmath.log(1 / G) / (_mp(g) - _mp(e))) < mpmath.mpf(10) ** -10
        assert m < 0  # the best cities are undersized in the limit


def test_urbanization_cell_with_rural_wage_below_mu_star_is_too_little():
    # Table 1 top panel, u_R(N^R) < mu_*, rho^R = 1: u^R = F' (tau^R = T^R = 0), so
    # F'(N^R_z) < mu_* = F'(N^R_*) and F'' < 0 give N^R_z > N^R_*: too little urbanization.
    from proofs_check.cities.table1_numeric import urbanization
    s = Settings(draws=42, dps=20, seed=0, claim_id="test")
    out = urbanization(s, "uR-lt-mu", "rho-eq-1", "Too little")
    assert out.status == "verified" and out.draws_meeting_hypotheses > 0
    planted = urbanization(s, "uR-lt-mu", "rho-eq-1", "Too little", reverse=True)
    assert planted.status == "discrepancy"
    ce = planted.counterexample
    # re-checked from the counterexample's numbers: u^R below mu_* and N_z below N_*
    name = ce["allocation"]
    assert mpmath.mpf(ce[f"u^R(N^R) at {name}"]) < mpmath.mpf(ce["mu_*"])
    assert mpmath.mpf(ce[f"N at {name}"]) < mpmath.mpf(ce["N_*"])
