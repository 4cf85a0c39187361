"""Arb interval bisection of signs (proofs_check.certify): shares and boxes derived by hand."""
import json
from fractions import Fraction

import flint
import pytest
import sympy as sp

from proofs_check import certify as C
from proofs_check.certify import Side, applies, certify, sides_for
from proofs_check.claims import Settings
from proofs_check.checks import all_of, sign

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
t = sp.Symbol("t", positive=True)
u = sp.Symbol("u", positive=True)
UNIT = [Side.interval("x", 0, 1)]


def test_positive_expression_is_certified_on_all_of_a_stated_box():
    # x^2 - x y + y^2 >= 0 (it is ((x - y/2)^2 + 3y^2/4)), so f >= 1 on [0, 1]^2. The enclosure of
    # the whole box is [0, 3] (the dependency of -x y), but on boxes of width 1/4 the lower end
    # lo_x^2 + lo_y^2 + 1 - hi_x hi_y is positive, so every box certifies.
    f = x ** 2 - x * y + y ** 2 + 1
    cert = certify(f, "positive", sides=[Side.interval("x", 0, 1), Side.interval("y", 0, 1)])
    assert cert.share == 1 and cert.boxes_left == 0 and cert.refuted is None
    assert cert.share_string() == "1"
    assert 1 < cert.evaluations < C.BUDGET   # not certified by the first box: it did bisect


def test_x_minus_half_is_refuted_at_a_confirmed_point():
    # x - 1/2 > 0 fails on [0, 1/2]: the first enclosure [-1/2, 1/2] has its midpoint at 0, so the
    # box's midpoint x = 1/2 is evaluated, where f = 0 exactly: not positive. A counterexample.
    cert = certify(x - sp.Rational(1, 2), "positive", sides=UNIT)
    assert cert.refuted is not None
    at = Fraction(cert.refuted["parameters"]["x"])
    assert 0 < at < 1 and not at - Fraction(1, 2) > 0          # checked exactly, by hand
    assert cert.refuted["precision_bits"] >= C.CONFIRM_PREC
    weak = certify(x - sp.Rational(1, 2), "nonnegative", sides=UNIT)
    assert weak.refuted is not None and Fraction(weak.refuted["parameters"]["x"]) < Fraction(1, 2)


def test_x_minus_half_leaves_a_box_at_half_uncertified():
    # On [1/2, 1], x - 1/2 > 0 except at x = 1/2 itself (outside the open claim but inside the
    # closed box). A box [a, b] with a > 1/2 certifies; the box [1/2, 1/2 + w] has the enclosure
    # [0, w], never positive, and its midpoint is positive (no refutation). It is halved until its
    # width 2^-k drops below 2^-MAX_DEPTH of the side, (1/2) 2^-24, i.e. to 2^-26: the share is
    # 1 - 2^-26 / (1/2) = 1 - 2^-25.
    cert = certify(x - sp.Rational(1, 2), "positive", sides=[Side.interval("x", "0.5", "1")])
    assert cert.refuted is None
    assert cert.share == 1 - Fraction(1, 2 ** 25)
    assert cert.uncertified == (((Fraction(1, 2), Fraction(1, 2) + Fraction(1, 2 ** 26)),),)
    assert cert.to_dict()["uncertified"] == [{"x": ["0.5", "0.50000001490116119384765625"]}]   # 1/2 + 2^-26


def test_a_zero_expression_straddles_everywhere_and_is_not_certified():
    # x (1 - x) - x + x^2 is 0 identically (SymPy keeps it unexpanded). Its enclosure on any box of
    # width w > 0 straddles zero (the dependency problem), so no box certifies; at points it is
    # exactly 0, which is nonnegative, so nothing is refuted either: share 0, the budget spent.
    f = x * (1 - x) - x + x ** 2
    assert f != 0
    cert = certify(f, "nonnegative", sides=UNIT, budget=60)
    assert cert.share == 0 and cert.refuted is None
    assert cert.evaluations == 60 and cert.boxes_left > 0


def test_unbounded_parameter_leaves_only_the_box_at_infinity():
    # (1 + t)/(2 + t) > 0 for t > 0, and every finite box certifies (both factors are positive on
    # [0, T]); the box reaching t = inf (s = 1) has no finite enclosure. So exactly one box is left,
    # at s = 1, and the share is its complement.
    cert = certify((1 + t) / (2 + t), "positive")
    assert cert.sides == (Side("t", "positive", flint.fmpq(0), flint.fmpq(1)),)
    assert cert.boxes_left == 1
    (lo, hi), = cert.uncertified[0]
    assert hi == 1 and cert.share == lo and lo > Fraction(9999, 10000)
    assert cert.to_dict()["coordinates"] == {"t": "s = t/(1+t)"}


def test_deterministic():
    f = (t - u) ** 2 + t * u / (1 + t)
    one, two = certify(f, "positive"), certify(f, "positive")
    assert one == two
    assert json.dumps(one.to_dict()) == json.dumps(two.to_dict())


def test_precision_restored_and_bad_input_named():
    saved = flint.ctx.prec
    certify(x - sp.Rational(1, 2), "positive", sides=UNIT)
    certify(t + 1, "positive")
    assert flint.ctx.prec == saved
    with pytest.raises(ValueError, match="expected="):
        certify(t, "greater")
    with pytest.raises(ValueError, match="budget="):
        certify(t, "positive", budget=0)
    with pytest.raises(ValueError, match="no side for"):
        certify(t + u, "positive", sides=[Side.of("t", "positive")])
    with pytest.raises(TypeError, match="not a float"):
        Side.interval("x", 0.1, 1)


def test_where_it_applies():
    f, n = sp.Function("f"), sp.Symbol("n", integer=True, positive=True)
    assert applies(t + u) and applies(x ** 2 + sp.exp(t))
    assert not applies(sp.Integer(3))                       # a number: decided exactly by checks.sign
    assert not applies(f(t) + 1)                            # an undefined function
    assert not applies(n + t)                               # an integer: a box of reals is not its domain
    assert not applies(sp.Symbol("z") + 1)                  # no stated real domain
    assert not applies(sp.Integral(t * u, (u, 0, 1)))
    assert [(s.name, s.kind) for s in sides_for(t + x)] == [("t", "positive"), ("x", "real")]


def test_sign_attaches_its_certificate_and_keeps_its_verdict():
    s = Settings(draws=0, dps=30, seed=0, claim_id="test:certify")
    e = sp.Symbol("e_", positive=True)
    proved = sign(e / (1 + e) + t, "positive", settings=s, what="g")
    assert proved.status == "verified" and len(proved.certified) == 1
    cert = proved.certified[0]
    assert cert.what == "g" and [side.name for side in cert.sides] == ["e_", "t"]
    number = sign(sp.Integer(2), "positive", settings=s)
    assert number.status == "verified" and number.certified is None
    both = all_of([proved, sign(t + 2, "positive", settings=s, what="h")])
    assert [c.what for c in both.certified] == ["g", "h"]
    again = all_of([both, sign(t + 2, "positive", settings=s, what="h")])
    assert [c.what for c in again.certified] == ["g", "h"]          # merged once, not twice
    field = C.claim_certificate(both.certified)
    assert field["parts"] == 2 and field["share"] == min(c.share_string() for c in both.certified)
    assert C.evidence(both.certified).startswith("Arb interval bisection certifies each of the 2 signs")


def test_a_claim_reports_the_certificate_and_the_same_status_without_it(monkeypatch):
    from proofs_check.runner import run_claim
    from proofs_check.claims import get_claim
    settings = Settings(draws=20, dps=30, seed=0)
    claim = get_claim("abrs2017:fn13")
    first, second = run_claim(claim, settings), run_claim(claim, settings)
    assert first.certified and first.certified["refuted"] == 0
    assert json.dumps(first.to_dict()) == json.dumps(second.to_dict())   # byte-identical
    assert "Arb interval bisection certifies the sign" in first.detail
    monkeypatch.setattr(C, "_memo", lambda expr, expected: None)
    bare = run_claim(claim, settings)
    assert bare.certified is None and "certified" not in bare.to_dict()
    assert bare.status == first.status and first.detail.startswith(bare.detail)


def test_reports_name_the_certified_claims():
    from proofs_check.claims import get_claim
    from proofs_check.report import Report
    from proofs_check.runner import run_claim
    result = run_claim(get_claim("abrs2017:fn13"), Settings(draws=20, dps=30, seed=0))
    report = Report(claims=[result], settings={"paper": "abrs2017", "draws": 20, "dps": 30, "seed": 0})
    share = result.certified["share"]
    lines = report.to_text().rstrip().splitlines()
    assert lines[-1].startswith("summary: ")
    assert any(line.startswith("certified regions") and f"least share per claim {share}" in line for line in lines)
    assert "Certified regions" in report.to_markdown()
    assert json.loads(report.to_json())["claims"][0]["certified"]["share"] == share
