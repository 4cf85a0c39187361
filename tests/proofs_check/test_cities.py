"""abrs2017 Sections 1-4, Appendices A-C and Table 4: verdicts the paper's own text lets us predict.

Expected values are worked out here by hand (exact fractions, or SymPy on our own symbols for the
algebra), never by calling the derivation layer: the checks under test must agree with them.
"""
import re
from fractions import Fraction

import pytest
import sympy as sp


F = Fraction


@pytest.fixture(scope="module")
def claims(abrs2017_report):
    return {c.id: c for c in abrs2017_report.claims}


def exact(text: str) -> Fraction:
    """A witness value as printed by the checks: an exact fraction or decimal string."""
    return F(text)


# --- displayed equations that must be verified ----------------------------------------------------

def test_efficient_scales_3_are_verified(claims):
    # Hand: smb - sab = eps a n^eps - gamma n^gamma = 0 gives n_i^(gamma-eps) = eps a/gamma, and
    # pmb - pab = 0 gives n_p^(gamma-eps) = Phi eps a/gamma: the printed (3).
    assert claims["abrs2017:3"].status == "verified"
    assert claims["abrs2017:Lemma1(i)"].status == "verified"
    assert claims["abrs2017:4"].status == "verified"


def test_optimal_size_elasticity_14_is_verified(claims):
    # Hand: smb(n, a) = (1+eps) a n^eps - (1+gamma) n^gamma = mu. Implicit differentiation:
    # d ln n/d ln a = -a smb_a/(n smb_n) = (1+eps) a n^eps / ((1+gamma) gamma n^gamma - (1+eps) eps a n^eps).
    # With a n^eps = (gamma/eps) n_i^(gamma-eps) n^eps and v = (n/n_i)^(gamma-eps) this is
    # Phi_*/(eps (v - Phi_*)), which equals the printed (1/gamma) Gamma/(v - Phi_*) since Gamma = (gamma/eps) Phi_*.
    e, g, v = sp.symbols("e g v", positive=True)
    phi_s = (1 + e) / (1 + g)
    hand = phi_s / (e * (v - phi_s))
    printed = (1 / g) * (g / e * phi_s) / (v - phi_s)
    assert sp.simplify(hand - printed) == 0
    assert claims["abrs2017:14"].status == "verified"


def test_ghv_ratio_17_is_verified_with_its_assumptions(claims):
    # Hand, k_* = 1: n^gamma = c_min + Phi_*(w - w_min), (A-10) c_min = (eps/gamma) w_min. Then
    # vbar = (gamma/eps)[Phi_* wbar + (eps/gamma - Phi_*) w_min]/wbar = Gamma - (Gamma - 1) w_min/wbar
    #      = 1 + (Gamma - 1)(wbar - w_min)/wbar.
    e, g, wmin, wbar = sp.symbols("e g w_min wbar", positive=True)
    Gamma = g / e * (1 + e) / (1 + g)
    phi_s = (1 + e) / (1 + g)
    hand = g / e * (phi_s * wbar + (e / g - phi_s) * wmin) / wbar
    assert sp.simplify(hand - (1 + (Gamma - 1) * (wbar - wmin) / wbar)) == 0
    assert claims["abrs2017:17"].status == "verified"
    assert claims["abrs2017:25"].status == "verified"


def test_two_routes_agree_where_the_paper_derives_twice(claims):
    for cid in ("abrs2017:15", "abrs2017:22", "abrs2017:23", "abrs2017:24", "abrs2017:27", "abrs2017:A-4",
                "abrs2017:SA.3:smb-p", "abrs2017:A-11"):
        assert claims[cid].status == "verified", cid


# --- findings ----------------------------------------------------------------------------------------

def test_land_purchase_threshold_is_misprinted(claims):
    # Hand: tau = delta = 0 gives Phi = 1/(1 + rho gamma) <= (1+eps)/(1+gamma) = Phi_*
    # iff rho >= (gamma - eps)/(gamma (1 + eps)) = (1 - eps/gamma)/(1 + eps); the paper prints 1 + gamma.
    c = claims["abrs2017:S3.3:rho-threshold"]
    assert c.status == "discrepancy"
    p = c.counterexample["parameters"]
    e, g = F(p["epsilon"]), F(p["gamma"])
    assert exact(c.counterexample["printed"]) == (1 - e / g) / (1 + g)
    assert exact(c.counterexample["derived"]) == (g - e) / (g * (1 + e))
    assert (g - e) / (g * (1 + e)) > (1 - e / g) / (1 + g)   # the printed threshold is too low


def test_A6_is_a_discrepancy(claims):
    # Hand: vhat = (gamma - eps) nhat - ahat with nhat/ahat = Phi_*/(eps (v - Phi_*)), so
    # vhat/ahat = (gamma - eps) Phi_*/(eps (v - Phi_*)) - 1; the printed form (reading gamma/2 as gamma/eps) is
    # (gamma/eps)(Gamma - v)/(gamma/eps - v).
    c = claims["abrs2017:A-6"]
    assert c.status == "discrepancy"
    p = c.counterexample["parameters"]
    e, g, v = F(p["epsilon"]), F(p["gamma"]), F(p["v"])
    phi_s = (1 + e) / (1 + g)
    Gamma = g / e * phi_s
    assert exact(c.counterexample["derived"]) == (g - e) * phi_s / (e * (v - phi_s)) - 1
    assert exact(c.counterexample["printed"]) == g / e * (Gamma - v) / (g / e - v)


def test_pigouvian_sign(claims):
    # Hand: with rho = 1, delta = 0, Phi = (1 - tau)/(1 + gamma) = (1 + eps)/(1 + gamma) gives tau = -eps.
    c = claims["abrs2017:S4.2:pigouvian-tau-eps"]
    assert c.status == "discrepancy"
    e = F(c.counterexample["parameters"]["epsilon"])
    assert exact(c.counterexample["printed"]) == e and exact(c.counterexample["derived"]) == -e
    assert claims["abrs2017:26"].status == "verified"


def test_printed_misprints_in_the_appendix(claims):
    for cid in ("abrs2017:SA:f-max", "abrs2017:SA.1:v-range", "abrs2017:A-8", "abrs2017:A-10", "abrs2017:A-12",
                "abrs2017:A-13", "abrs2017:SA.3:case-iv", "abrs2017:SA.5:case-ii-chain"):
        assert claims[cid].status == "discrepancy", cid
    # A-10's middle form carries an extra k_*^eps: entry 2, and only when k_* != 1.
    c = claims["abrs2017:A-10"]
    assert c.counterexample["entry"] == 2 and F(c.counterexample["parameters"]["k_*"]) != 1


def test_section_3_and_4_findings(claims):
    for cid in ("abrs2017:28", "abrs2017:S4.3:optimal-transfer", "abrs2017:S3.2:all-occupied-k-star",
                "abrs2017:Prop2(iii)", "abrs2017:Prop3(ii)", "abrs2017:S3.3:np-le-nm-lt-n0"):
        assert claims[cid].status == "discrepancy", cid
    # (28): the first form is right, the second is not. Hand, at the witness: n_i = (eps a/gamma)^(1/(gamma-eps)),
    # n_* = x n_i, V = x^(gamma-eps); delta_* = 1 - smb/((1 + rho gamma) sab) against the printed second form.
    import mpmath
    c = claims["abrs2017:28"]
    with mpmath.workdps(50):  # the witness is printed to more digits than the 1e-20 compared here
        p = {k: mpmath.mpf(v) for k, v in c.counterexample["parameters"].items()}
        e, g, r, a, x = p["epsilon"], p["gamma"], p["rho"], p["a"], p["x"]
        n_star = x * (e * a / g) ** (1 / (g - e))
        sab = a * n_star ** e - n_star ** g
        smb = (1 + e) * a * n_star ** e - (1 + g) * n_star ** g
        V = x ** (g - e)
        second = g * (g / e - 1 + (1 - r) * (a * n_star ** e - n_star ** g)) / ((1 + g) * (g / e - V))
        assert abs(mpmath.mpf(c.counterexample["derived"]) - (1 - smb / ((1 + r * g) * sab))) < mpmath.mpf(10) ** -20
        assert abs(mpmath.mpf(c.counterexample["printed"]) - second) < mpmath.mpf(10) ** -20


def test_prop2_iii_witness_by_hand(claims):
    # Hand: at eps = 0.03, gamma = 0.25, Phi = 2, n_* = n_p where (15) with k_* = 1 holds at v = Phi:
    # (a/a_*)^(gamma/(gamma-eps)) = (Gamma - 1)/(Gamma Phi^(eps/(gamma-eps)) - Phi^(gamma/(gamma-eps))).
    c = claims["abrs2017:Prop2(iii)"]
    e, g, phi = 0.03, 0.25, 2.0
    Gamma = g / e * (1 + e) / (1 + g)
    rhs = (Gamma - 1) / (Gamma * phi ** (e / (g - e)) - phi ** (g / (g - e)))
    threshold = rhs ** ((g - e) / g)
    assert abs(float(c.counterexample["threshold a/a_*"]) - threshold) < 1e-9
    assert float(c.counterexample["parameters"]["abar/a_*"]) < threshold
    assert float(c.counterexample["n_p(abar)/n_*(abar)"]) > 1


# --- arithmetic between printed numbers ------------------------------------------------------------

def test_welfare_arithmetic_of_5_4(claims):
    # Hand: (22,200 - 21,960) x 280 million = 67.2 billion; 240/22,200 = 1.08 percent.
    assert 240 * 280_000_000 == 67_200_000_000
    assert claims["abrs2017:S5.4:welfare-67-billion"].status == "verified"
    assert claims["abrs2017:S5.4:welfare-1pct"].status == "verified"
    # Hand: (22,200 - 18,148) x 280 million = 1.13456 trillion, printed 1.12; 4,052/22,200 = 18.25 percent.
    assert 4052 * 280_000_000 == 1_134_560_000_000
    c = claims["abrs2017:S5.4:welfare-1.12-trillion"]
    assert c.status == "discrepancy" and "1.13" in c.detail
    assert claims["abrs2017:S5.4:welfare-18pct"].status == "verified"


def test_counts_of_cities(claims):
    # Hand: 392/99 = 3.96: 'almost four times' (5.4) but not 'twice' (Sections 1 and 5).
    assert F(392, 99) < 4 and abs(F(392, 99) - 4) < abs(F(392, 99) - 2)
    assert claims["abrs2017:S5.4:four-times-cities"].status == "verified"
    for cid in ("abrs2017:S1:undersized-third", "abrs2017:S5:largest-undersized-third"):
        c = claims[cid]
        assert c.status == "discrepancy"
    # Hand: 1 - 14,790,000/30,525,000 = 0.5155, nearer one half than one third.
    assert abs(1 - F(14790, 30525) - F(1, 2)) < abs(1 - F(14790, 30525) - F(1, 3))


def test_developing_country_arithmetic(claims):
    # Hand: 49,915,000 - 30,525,000 = 19.39 million ('20 million'); - 14,790,000 = 35.125 ('35 million').
    assert claims["abrs2017:S5.4:developing-20-million-more"].status == "verified"
    assert claims["abrs2017:S5.4:developing-35-million-more"].status == "verified"
    assert claims["abrs2017:S5.4:developing-43-sites"].status == "verified"    # 43 < 99/2


# --- coverage and bookkeeping ----------------------------------------------------------------------

def test_every_numbered_display_has_a_claim(claims):
    labels = [str(k) for k in range(1, 29)] + [f"A-{k}" for k in range(1, 14)] + ["B-1", "B-2"]
    assert [lab for lab in labels if f"abrs2017:{lab}" not in claims] == []


def test_every_part_of_the_lemmas_and_propositions_has_a_claim(claims):
    parts = {"Lemma1": ["i", "ii", "iii"], "Lemma2": ["i", "ii", "iii", "iv", "v"],
             "Lemma3": ["i", "ii", "iii", "iv", "v"], "Prop1": ["i", "ii", "iii", "iv"],
             "Prop2": ["i", "ii", "iii", "iv", "v", "vi"], "Prop3": ["i", "ii", "iii", "iv", "v", "vi"],
             "Prop4": ["i", "ii"], "Prop5": ["i", "ii", "iii"]}
    missing = [f"{name}({p})" for name, ps in parts.items() for p in ps if f"abrs2017:{name}({p})" not in claims]
    assert missing == []


def test_claims_follow_the_papers_order(claims):
    ids = list(claims)
    seq = ["abrs2017:S1:undersized-third", "abrs2017:1", "abrs2017:3", "abrs2017:8", "abrs2017:17", "abrs2017:25",
           "abrs2017:Table1:urbanization:uR-lt-mu:rho-eq-1", "abrs2017:26", "abrs2017:28", "abrs2017:Table2:agglomeration:baseline",
           "abrs2017:Table3:base:1", "abrs2017:Table4:largest-city-optimal:1", "abrs2017:A-1", "abrs2017:A-13", "abrs2017:B-2"]
    positions = [ids.index(i) for i in seq]
    assert positions == sorted(positions)


def test_table4_cells_are_decided_by_the_simulation(claims):
    cells = [c for i, c in claims.items() if re.match(r"abrs2017:Table4:[a-z-]+:\d$", i)]
    assert len(cells) == 15 * 6
    assert all("recomputed" in c.detail.lower() or "fold B" in c.detail for c in cells)
    assert sum(c.status == "verified" for c in cells) >= 60   # details in tests/proofs_check/test_table4.py


def test_table1_cells(claims):
    cells = {i: c for i, c in claims.items() if i.startswith("abrs2017:Table1:")}
    assert len(cells) == 4 + 12 + 15
    # Closed-form cells: n_p = Phi^(1/(gamma-eps)) n_i against n_i <= n_* < Gamma^(1/(gamma-eps)) n_i.
    assert cells["abrs2017:Table1:local-politics:large-cities:phi-lt-1"].status == "verified"
    assert cells["abrs2017:Table1:local-politics:large-cities:phi-ge-Gamma"].status == "verified"
    # The column [Phi_*, 1) contradicts Proposition 3 (i) at Phi = Phi_*.
    assert cells["abrs2017:Table1:free-migration:large-cities:phi-in-phistar-1"].status == "discrepancy"


def test_statements_about_data_and_the_literature_stay_unverified(claims):
    # These sentences report data work or other papers' results; the model cannot decide them, so
    # calling them verified (or discrepant) would be a claim the suite cannot back.
    outside = ["abrs2017:S2.4:rho-roback", "abrs2017:fn11", "abrs2017:S5.1:reduce-third", "abrs2017:S5.1:top-150",
               "abrs2017:fn22", "abrs2017:SC.1:combes-4.1", "abrs2017:SC.2:user-cost-17-24",
               "abrs2017:SC.2:non-itemizers-8", "abrs2017:SC.2:renters-third-27", "abrs2017:fn27",
               # estimates from data and reports of the literature, once decided by literals
               "abrs2017:SC.1:commuting-9-6-15", "abrs2017:SC.1:eps-range", "abrs2017:SC.3:shrink-2-3",
               "abrs2017:SC.3:lognormal-5.06-0.04", "abrs2017:SC.3:pareto-10.7", "abrs2017:SC.3:pareto-32.2",
               "abrs2017:SC.3:pareto-30-truncated", "abrs2017:fig12:caption", "abrs2017:S5.1:wage-gap-0.13"]
    for cid in outside:
        assert claims[cid].status == "unverified" and "outside the model" in claims[cid].detail, cid
    assert [cid for cid in ("abrs2017:fn20", "abrs2017:fn23") if claims[cid].status != "unverified"] == []
