"""The claim registry: ids, fields, quotes taken verbatim, every display covered."""
import re

import pytest

from proofs_check.claims import KINDS, METHODS, STATUSES, Outcome, UnknownClaim, claim, get_claim, registered

ID = re.compile(r"^(hs2012|abrs2017):[A-Za-z0-9][A-Za-z0-9.\-():]*$")


def test_ids_are_unique_and_well_formed():
    ids = [c.id for c in registered("all")]
    assert len(ids) == len(set(ids))
    assert all(ID.match(i) for i in ids)


def test_every_claim_has_a_quote_kind_and_method():
    for c in registered("all"):
        assert c.quote.strip() and c.kind in KINDS and c.method in METHODS


@pytest.mark.parametrize("paper", ["hs2012", "abrs2017"])
def test_every_quote_occurs_in_the_paper(paper, paper_text):
    text = paper_text(paper)
    missing = [c.id for c in registered(paper) if " ".join(c.quote.split()) not in text]
    assert not missing, missing


def test_every_displayed_equation_of_hs2012_has_a_claim(paper_text):
    # Labels are read from the paper itself: "(\text{III.1})" or "(IV.4)" closing a display.
    raw = paper_text("hs2012", collapse=False)
    labels = set(re.findall(r"\((?:\\text\{)?((?:III|IV|V|VI|VII|A)\.\d+[a-d]?)\}?\)\$\$", raw))
    assert len(labels) == 51  # (III.1)-(VII.2d): 26 in the body, (A.1)-(A.25) in the appendix
    ids = {c.id for c in registered("hs2012")}
    assert sorted(f"hs2012:{label}" for label in labels if f"hs2012:{label}" not in ids) == []


def test_propositions_and_assumptions_are_registered():
    ids = {c.id for c in registered("hs2012")}
    for k in (1, 2, 3, 4):
        assert f"hs2012:Prop{k}" in ids and f"hs2012:Assumption{k}" in ids


def test_registry_rejects_bad_claims():
    with pytest.raises(ValueError, match="not of the form"):
        claim("hs2012", kind="text", quote="x")
    with pytest.raises(ValueError, match="kind='lemma2'"):
        claim("hs2012:X", kind="lemma2", quote="x")
    with pytest.raises(ValueError, match="needs a quote"):
        claim("hs2012:X", kind="text", quote="  ")
    with pytest.raises(ValueError, match="status='maybe'"):
        Outcome("maybe", "")
    assert STATUSES == ("verified", "discrepancy", "unverified")


def test_unknown_claim_and_paper():
    with pytest.raises(UnknownClaim, match="hs2012:Z.9"):
        get_claim("hs2012:Z.9")
    with pytest.raises(ValueError, match="paper='hs2013'"):
        registered("hs2013")
