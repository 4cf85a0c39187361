"""abrs2017 Section 5 and Table 3: expected numbers computed here by hand with mpmath.

The formulas are the model's, worked by hand: Phi = (1-tau)/((1-delta)(1+rho gamma)),
Phi_* = (1+eps)/(1+gamma), Gamma = (gamma/eps) Phi_*, n_p/n_i = Phi^(1/(gamma-eps)),
vbar_* = 1 + (Gamma - 1) 0.13 (17 with k_* = 1), vbar = 0.15 gamma/eps, and k_m from (25):
vbar = Phi K (1 - 0.13) + 0.13 Phi gamma/eps with K = k_m^(gamma-eps).
"""
import mpmath
import pytest

mpmath.mp.dps = 30
M = mpmath.mpf


def row(eps, gam, tau, rho, delta):
    eps, gam, tau, rho, delta = map(M, (eps, gam, tau, rho, delta))
    phi = (1 - tau) / ((1 - delta) * (1 + rho * gam))
    phi_star = (1 + eps) / (1 + gam)
    Gamma = gam / eps * phi_star
    vbar = M("0.15") * gam / eps
    K = (vbar / phi - M("0.13") * gam / eps) / (1 - M("0.13"))
    return {6: phi_star, 7: phi, 8: phi ** (1 / (gam - eps)), 9: Gamma,
            10: 1 + (Gamma - 1) * M("0.13"), 11: vbar, 12: K ** (1 / (gam - eps))}


@pytest.fixture(scope="module")
def claims(abrs2017_report):
    return {c.id: c for c in abrs2017_report.claims}


def test_base_row_matches_the_hand_computation(claims):
    values = row("0.03", "0.25", "0.34", "1", "0.17")
    assert mpmath.nstr(values[12], 4) == "1.062"
    for column in range(6, 13):
        assert claims[f"abrs2017:Table3:base:{column}"].status == "verified"


def test_high_agglomeration_optimal_land_ratio_is_misprinted(claims):
    value = row("0.06", "0.25", "0.34", "1", "0.17")[10]
    assert mpmath.nstr(value, 4) == "1.329"  # printed 1.20
    c = claims["abrs2017:Table3:high-agglomeration:10"]
    assert c.status == "discrepancy" and mpmath.nstr(M(c.derived_latex), 4) == "1.329"


def test_high_congestion_k_m_uses_the_rounded_phi(claims):
    exact = row("0.03", "0.5", "0.34", "1", "0.17")[12]
    eps, gam = M("0.03"), M("0.5")
    K = (M("2.5") / M("0.53") - M("0.13") * gam / eps) / M("0.87")
    rounded = K ** (1 / (gam - eps))
    assert mpmath.nstr(exact, 4) == "9.849" and mpmath.nstr(rounded, 4) == "9.858"  # printed 9.86
    c = claims["abrs2017:Table3:high-congestion:12"]
    assert c.status == "discrepancy" and mpmath.nstr(M(c.derived_latex), 4) == "9.849"


def test_parameter_columns_follow_the_row_descriptions(claims):
    for slug in ("base", "high-agglomeration", "high-congestion", "developing-country", "land-reform",
                 "land-reform-agg-subsidy"):
        for column in range(1, 6):
            assert claims[f"abrs2017:Table3:{slug}:{column}"].status == "verified", (slug, column)


def test_every_table3_cell_has_a_claim(claims):
    cells = [i for i in claims if i.startswith("abrs2017:Table3:")]
    assert len(cells) == 3 * 12 + 3 * 9  # rows 4-6 leave columns 10-12 empty


def test_misprinted_numbers_in_the_text(claims):
    assert claims["abrs2017:S5:smallest-city-0.14"].status == "discrepancy"  # "0.84 = Phi_*": 0.824
    fn25 = claims["abrs2017:fn25"]
    assert fn25.status == "discrepancy" and mpmath.nstr(M(fn25.derived_latex), 3) == "1.14"  # 0.25/0.22 = 1.136
    assert claims["abrs2017:S5:reduction-87-percent"].status == "verified"  # 1 - 0.128 = 0.872
