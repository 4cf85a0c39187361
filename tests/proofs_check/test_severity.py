"""Severity of the discrepancies (issue 12, DESIGN.md section 2): every discrepancy classified by
the stated rule, hand-picked claims of each class, and the reports ranked by it."""
import json
import re

import pytest

from proofs_check.claims import registered
from proofs_check.report import Report
from proofs_check.severity import CLASSIFICATION, RANK, SEVERITIES, severity_of


@pytest.fixture(scope="module")
def report(hs2012_report, abrs2017_report):
    """Both papers' results (the shared session runs), as one report."""
    return Report(claims=hs2012_report.claims + abrs2017_report.claims,
                  settings={**abrs2017_report.settings, "paper": "all"})


@pytest.fixture(scope="module")
def by_id(report):
    return {c.id: c for c in report.claims}


def test_every_discrepancy_is_classified(report):
    missing = [c.id for c in report.claims if c.status == "discrepancy" and c.severity not in SEVERITIES]
    assert not missing, ("discrepancies without a severity; classify them in proofs_check/severity.py "
                         f"(CLASSIFICATION, with the reason from the paper): {missing}")


def test_only_discrepancies_carry_a_severity(report):
    for c in report.claims:
        d = c.to_dict()
        assert "severity" in d
        if c.status != "discrepancy":
            assert c.severity is None and d["severity"] is None, c.id
        else:
            assert d["severity"] == c.severity


def test_the_table_names_registered_claims_only():
    # a renamed claim would leave its classification behind and the new id unclassified
    ids = {c.id for c in registered()}
    assert not [k for k in CLASSIFICATION if k not in ids]


def test_a_severity_stated_in_a_detail_agrees_with_the_field(report):
    # details written before the field say "Severity: X." for the part of the claim they
    # describe; the field takes the most severe failing part, so it can only rank at or above it
    for c in report.claims:
        for stated in re.findall(r"Severity: (\w+)\.", c.detail):
            assert c.status == "discrepancy", c.id
            assert RANK[c.severity] <= RANK[stated], (c.id, c.severity, stated)


def test_severity_is_none_for_a_claim_that_is_not_a_discrepancy():
    claim_id = "abrs2017:S4.3:optimal-transfer"
    assert severity_of(claim_id, "discrepancy") == "error"
    assert severity_of(claim_id, "verified") is None and severity_of(claim_id, "unverified") is None


# --- one claim of each class, with the reason from the paper --------------------------------------

def test_error_the_optimal_transfer_of_section_4_3(by_id):
    # abrs2017 Section 4.3: "smb(n,a) - u[n(a_*),a_*] = Delta ... setting Delta = 0 ... the optimal
    # transfer is T_*(a) = smb(n,a) - pab[n(a_*),a_*]". With u(n,a) = pab(n,a) + T(a) equal at every
    # site, the two requirements give T_*(a) = smb(n,a) - pab(n,a); the printed one uses pab at the
    # marginal site, a constant, and the paper states no other transfer: the section's result is wrong.
    c = by_id["abrs2017:S4.3:optimal-transfer"]
    assert c.status == "discrepancy" and c.severity == "error"
    # not a rounding matter: printed and derived differ by a factor at the counterexample
    printed, derived = (float(c.counterexample[k]) for k in ("printed", "derived"))
    assert abs(printed / derived - 1) > 0.5


def test_error_proposition_2_iii_as_stated(by_id):
    # Proposition 2 (iii): "large cities are undersized if abar < oo"; Table 1's note says "if abar is
    # sufficiently large" and A.3's proof "If A is unbounded": the proposition's own statement is
    # false for a finite abar near a_*, and readers cite the statement.
    c = by_id["abrs2017:Prop2(iii)"]
    assert c.status == "discrepancy" and c.severity == "error"
    assert "sufficiently large" in CLASSIFICATION[c.id].reason


def test_reading_symmetric_existence_in_the_example(by_id):
    # hs2012 Section V: "Existence cannot be guaranteed in the general case, but it can be established
    # in particular cases, including the example presented in the Appendix." Read universally (every
    # point of the example's region) it fails; read existentially it holds. The class needs the
    # other reading to hold, and its own claim checks it.
    c = by_id["hs2012:S5:symmetric-existence-example:whole-region"]
    assert c.status == "discrepancy" and c.severity == "reading"
    assert by_id["hs2012:S5:symmetric-existence-example"].status == "verified"


def test_technicality_proposition_3_at_its_end_point(by_id):
    # hs2012 Proposition 3 prints the closed range [n_i^S, n_i^A]; its proof says "Suppose that the
    # allocation involved cities with populations n_i^0 in (n_i^S, n_i^A]", open at n_i^S, where
    # dV_i^i/dn_i = 0 and strict stability fails: a boundary the text does not mean.
    c = by_id["hs2012:Prop3"]
    assert c.status == "discrepancy" and c.severity == "technicality"
    assert c.counterexample["dV_1^1/dn_1 at n_1^S"] == "0"  # it fails exactly at the end point
    assert by_id["hs2012:Prop3:weak-stability"].status == "verified"  # the range holds with it weakly stable


def test_typo_the_pigouvian_subsidy_sign(by_id):
    # abrs2017 Section 4.2: "(26) tau^* = -eps < 0 ... Setting tau = eps provides a Pigouvian subsidy":
    # the sign slip is corrected by (26) two lines above and by the word "subsidy"; Table 3's
    # last row uses tau = -0.03.
    c = by_id["abrs2017:S4.2:pigouvian-tau-eps"]
    assert c.status == "discrepancy" and c.severity == "typo"
    assert by_id["abrs2017:Table3:land-reform-agg-subsidy:3"].status == "verified"


def test_typo_a_rounding_nit(by_id):
    # abrs2017 fn25: "gamma (gamma - eps)^(-1) = 1.13": 0.25/0.22 = 1.136..., printed truncated.
    c = by_id["abrs2017:fn25"]
    assert c.status == "discrepancy" and c.severity == "typo"
    assert c.printed_latex == "1.13" and round(0.25 / 0.22, 2) == 1.14


# --- the reports rank the findings ----------------------------------------------------------------

def _ranks_ok(ids, by_id, order):
    keys = [(RANK[by_id[i].severity], order[i]) for i in ids]
    return keys == sorted(keys)


def test_findings_are_ranked_and_claims_stay_in_paper_order(report, by_id):
    order = {c.id: k for k, c in enumerate(report.claims)}
    discrepancies = [c.id for c in report.findings() if c.status == "discrepancy"]
    assert _ranks_ok(discrepancies, by_id, order)
    assert by_id[discrepancies[0]].severity == "error" and by_id[discrepancies[-1]].severity == "typo"
    # unverified claims come after every discrepancy
    kinds = [c.status for c in report.findings()]
    assert kinds == sorted(kinds, key=lambda s: s != "discrepancy")
    # JSON keeps the paper order (a contract): registration order
    assert [c["id"] for c in json.loads(report.to_json())["claims"]] == [c.id for c in report.claims]


def test_text_and_markdown_list_findings_by_severity(report, by_id):
    order = {c.id: k for k, c in enumerate(report.claims)}
    text = report.to_text()
    findings = text[text.index("Findings ("):]
    shown = re.findall(r"^(\S+)  \[discrepancy, (\w+)\]$", findings, re.M)
    assert len(shown) == report.summary()["discrepancy"]
    assert all(by_id[i].severity == s for i, s in shown)
    assert _ranks_ok([i for i, _ in shown], by_id, order)
    counts = report.severity_summary()
    assert f"severity of the discrepancies: {counts['error']} error, {counts['reading']} reading" in text
    assert text.rstrip().splitlines()[-1].startswith("summary: ")
    md = report.to_markdown()
    md_shown = re.findall(r"^## `([^`]+)`: discrepancy, (\w+)$", md, re.M)
    assert [i for i, _ in md_shown] == [i for i, _ in shown]
