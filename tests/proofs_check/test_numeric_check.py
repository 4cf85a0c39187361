"""The numeric check (proofs_check.numeric_check) and its use by the runner.

Expected verdicts come from the claims' mathematics; a counterexample is re-verified here by an
independent route (SymPy's own derivatives and nsolve), not by the package's solvers."""
import json
import math

import mpmath
import pytest
import sympy as sp

from proofs_check import claims as registry
from proofs_check.claims import Settings, claim
from proofs_check.numeric_check import Evaluation, NumericClaim, run
from proofs_check.runner import verify
from symbolic.cluster_families import family_model

R = sp.Rational
PLANTED = "hs2012:Prop1:planted-reversed"


@pytest.fixture
def planted():
    """Proposition 1 with its inequality reversed, registered for this test only."""
    from proofs_check.clusters_numeric import prop1_claim

    @claim(PLANTED, kind="proposition", method="numeric", quote="(test) Proposition 1 reversed: n_k > n_i")
    def _(s: Settings):
        return run(prop1_claim("orthant", reverse=True), s)

    yield PLANTED
    del registry._REGISTRY[PLANTED]


def _optimum_by_sympy(family: str, I: int, params: dict, i: int, start) -> list:
    """The type-i optimum by SymPy alone: grad V_i = 0 by nsolve from the reported point."""
    m = family_model(family, I)
    subs = {s: R(params[s.name]) for s in sp.Add(*m.g).free_symbols if s.name in params}
    t = R(params["t"])
    V = m.g[i - 1].xreplace(subs) - t * sp.Add(*m.n)
    grad = [sp.diff(V, v) for v in m.n]
    sol = sp.nsolve(grad, list(m.n), [mpmath.mpf(x) for x in start], prec=40)
    H = sp.hessian(V, m.n).xreplace(dict(zip(m.n, sol)))
    assert all((-1) ** k * H[:k, :k].det() > 0 for k in range(1, I + 1))  # a strict local maximum
    return [sp.Float(v, 40) for v in sol]


def test_planted_reversed_proposition_is_a_discrepancy_with_a_real_counterexample(planted):
    (c,) = verify(claim_ids=planted, draws=30, jobs=1).claims
    assert c.status == "discrepancy" and c.failures >= 1 and c.draws_meeting_hypotheses >= c.failures
    ce = c.counterexample
    params = ce["parameters"]
    family, I = params["family"], int(params["I"])
    assert family in ("cobb-douglas", "power-cross")  # the only families meeting the orthant reading
    if family == "cobb-douglas":  # Section III on n > 0: positive exponents summing below 1
        for i in range(1, I + 1):
            e = [R(params[f"e^{i}_{s}"]) for s in range(1, I + 1)]
            assert all(v > 0 for v in e) and sum(e) < 1 and e[i - 1] == max(e)
    else:
        assert 0 < R(params["rho"]) < 1 and 0 < R(params["sigma"]) < 1
    # re-solve every type optimum independently: some type i is NOT in a minority, so the
    # reversed claim (n_k > n_i for all k != i) is broken
    broken = False
    for i in range(1, I + 1):
        n = _optimum_by_sympy(family, I, params, i, ce[f"n at the type-{i} optimum"])
        assert max(abs(a - sp.Float(b, 40)) for a, b in zip(n, ce[f"n at the type-{i} optimum"])) < 1e-30
        broken |= any(n[i - 1] >= n[k] for k in range(I) if k != i - 1)
    assert broken
    assert R(ce["margin"]) < 0


def test_vacuous_claim_is_unverified():
    spec = NumericClaim(space=lambda rng: {"x": R(rng.randint(1, 9))}, hypotheses=lambda p: p["x"] > 100,
                        evaluate=lambda p, dps: Evaluation(p["x"]), conclusion="x > 0", hypotheses_text="x > 100")
    out = run(spec, Settings(draws=25, dps=30, seed=0, claim_id="test:vacuous"))
    assert out.status == "unverified" and "vacuous on 25 draws" in out.detail
    assert out.draws == 25 and out.draws_meeting_hypotheses == 0


def _am_gm(screen=True):
    """(a + b)/2 - sqrt(ab) >= 0, zero exactly at a = b: a true claim with ties in its region."""
    def space(rng):
        a = R(rng.randint(1, 50), 10)
        return {"a": a, "b": a if rng.random() < 0.2 else R(rng.randint(1, 50), 10)}

    def evaluate(p, dps):
        with mpmath.workdps(dps):
            a, b = mpmath.mpf(p["a"].p) / p["a"].q, mpmath.mpf(p["b"].p) / p["b"].q
            return Evaluation((a + b) / 2 - mpmath.sqrt(a * b))

    return NumericClaim(space=space, hypotheses=lambda p: True, evaluate=evaluate, strict=False,
                        screen=(lambda ps: [(float(p["a"]) + float(p["b"])) / 2 - math.sqrt(float(p["a"] * p["b"]))
                                            for p in ps]) if screen else None,
                        conclusion="AM >= GM", hypotheses_text="a, b > 0")


def test_a_true_claim_is_verified_with_draws_meeting_its_hypotheses():
    for screen in (True, False):
        out = run(_am_gm(screen), Settings(draws=40, dps=30, seed=1, claim_id="test:amgm"))
        assert out.status == "verified" and out.draws_meeting_hypotheses == 40 and out.failures == 0


def test_the_float64_screen_never_decides_a_failure():
    # the screen claims every draw fails; the high-precision tier finds they hold
    spec = _am_gm()
    spec.screen = lambda ps: [-1.0] * len(ps)
    out = run(spec, Settings(draws=20, dps=30, seed=2, claim_id="test:lying-screen"))
    assert out.status == "verified"


def test_a_margin_that_flips_between_precisions_is_undecided():
    def evaluate(p, dps):  # fails at 30 digits, holds at 60: no verdict can stand
        return Evaluation(mpmath.mpf(-1) if dps < 60 else mpmath.mpf(1))
    spec = NumericClaim(space=lambda rng: {"x": R(1)}, hypotheses=lambda p: True, evaluate=evaluate,
                        conclusion="c", hypotheses_text="h")
    out = run(spec, Settings(draws=5, dps=30, seed=0, claim_id="test:flip"))
    assert out.status == "unverified" and out.failures == 0


def test_a_counterexample_is_shrunk_to_fewer_digits():
    def shrink(p):
        for places in (0, 1, 2):
            q = R(int(sp.floor(p["x"] * 10 ** places + R(1, 2))), 10 ** places)
            if q != p["x"]:
                yield {"x": q}
    spec = NumericClaim(space=lambda rng: {"x": R(rng.randint(20001, 90000), 10000)},
                        hypotheses=lambda p: p["x"] > 1, evaluate=lambda p, dps: Evaluation(2 - p["x"]),
                        shrink=shrink, conclusion="x < 2", hypotheses_text="x > 1")
    out = run(spec, Settings(draws=10, dps=30, seed=3, claim_id="test:shrink"))
    assert out.status == "discrepancy"
    x = R(out.counterexample["parameters"]["x"])
    assert x.q == 1 and x >= 2  # shrunk to an integer that still breaks x < 2


def test_changing_draws_changes_the_counts():
    small, large = (verify(claim_ids=["hs2012:Prop1", "hs2012:Prop2"], draws=n, jobs=1).claims for n in (20, 60))
    for a, b in zip(small, large):
        assert (a.draws, b.draws) == (20, 60)
        assert a.draws_meeting_hypotheses != b.draws_meeting_hypotheses
        assert a.to_dict()["share_meeting_hypotheses"] == round(a.draws_meeting_hypotheses / 20, 6)


def _without_timing(report) -> str:
    d = report.to_dict()
    d["settings"] = {k: v for k, v in d["settings"].items() if k not in ("timing", "jobs")}
    return json.dumps(d, sort_keys=True)


def test_same_seed_gives_identical_json_apart_from_timing():
    ids = ["hs2012:Prop1", "hs2012:Prop2:all-unstable", "hs2012:fn14", "hs2012:A.18", "hs2012:Prop3"]
    first = verify(claim_ids=ids, draws=15, jobs=1)
    again = verify(claim_ids=ids, draws=15, jobs=1)
    parallel = verify(claim_ids=ids, draws=15, jobs=2)
    assert _without_timing(first) == _without_timing(again) == _without_timing(parallel)
    other_seed = verify(claim_ids=ids, draws=15, seed=1, jobs=1)
    assert _without_timing(first) != _without_timing(other_seed)


def test_one_claim_id_as_a_string():
    report = verify(claim_ids="hs2012:A.18", jobs=1)
    assert [c.id for c in report.claims] == ["hs2012:A.18"]
    with pytest.raises(ValueError, match="claim_ids"):
        verify(claim_ids=[18], jobs=1)


def test_the_stated_direction_is_a_printed_side_the_mutation_test_can_reverse():
    # A numeric claim's printed side is the direction of its conclusion: reversed through the
    # mutation hook, a claim that holds on every draw (x > 0 for x in (1, 2)) must fail, and an
    # existential claim with a witness must be refuted as "it never holds".
    from proofs_check import checks
    from proofs_check.numeric_check import existential
    spec = NumericClaim(space=lambda rng: {"x": R(rng.randint(1001, 1999), 1000)}, hypotheses=lambda p: True,
                        evaluate=lambda p, dps: Evaluation(p["x"]), conclusion="x > 0", hypotheses_text="x in (1, 2)")
    settings = Settings(draws=8, dps=30, seed=0, claim_id="test:direction")
    assert run(spec, settings).status == "verified"
    assert existential(1, 8, {"x": R(3, 2)}, "x > 1 can hold", "none").status == "verified"
    checks.MUTATE = lambda kind, value: -value if kind == "sign" else value
    try:
        reversed_run = run(spec, settings)
        reversed_existence = existential(1, 8, {"x": R(3, 2)}, "x > 1 can hold", "none")
    finally:
        checks.MUTATE = None
    assert reversed_run.status == "discrepancy" and reversed_run.failures == 8
    assert reversed_existence.status == "discrepancy" and reversed_existence.counterexample == {"x": "1.5"}


def test_a_proof_decides_unless_a_draw_refutes_it():
    # combine: a discrepancy from either side is the verdict; otherwise the proof's status stands
    # (draws the solvers could not decide do not unprove a theorem, nor do draws prove an open one).
    from proofs_check.claims import Outcome
    from proofs_check.numeric_check import combine
    proved, open_ = Outcome("verified", "proved"), Outcome("unverified", "open")
    held, undecided = Outcome("verified", "held", draws=9), Outcome("unverified", "2 undecided", draws=9)
    refuted = Outcome("discrepancy", "fails", draws=9, counterexample={"x": "1"})
    assert combine(proved, held).status == "verified"
    assert combine(proved, undecided).status == "verified" and "2 undecided" in combine(proved, undecided).detail
    assert combine(open_, held).status == "unverified"
    assert combine(proved, refuted).status == "discrepancy" and combine(proved, refuted).counterexample == {"x": "1"}
    assert combine(Outcome("discrepancy", "printed differs"), held).status == "discrepancy"
