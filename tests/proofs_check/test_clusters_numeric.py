"""hs2012's numeric verdicts (issue 9): each expected verdict is argued from the model by hand,
and every counterexample is recomputed here from its exact parameters with formulas written
out in the test."""
import sympy as sp

R = sp.Rational


def by_id(report):
    return {c.id: c for c in report.claims}


def test_propositions_hold_on_draws_meeting_their_hypotheses(hs2012_report):
    claims = by_id(hs2012_report)
    for cid, method in (("hs2012:Prop1", "numeric"), ("hs2012:Prop1:region", "numeric"),
                        ("hs2012:Prop2", "symbolic+numeric"), ("hs2012:Prop2:all-unstable", "numeric"),
                        ("hs2012:Prop2:step-own-implies-others", "numeric"),
                        ("hs2012:Prop2:step-weighted-sum", "numeric"), ("hs2012:Prop3:weak-stability", "numeric"),
                        ("hs2012:S5:cpe-not-equilibrium", "numeric"), ("hs2012:S5:excessive-scale", "numeric"),
                        ("hs2012:fn14", "symbolic+numeric")):
        c = claims[cid]
        assert c.method == method, cid
        assert c.status == "verified" and c.draws == 100 and c.draws_meeting_hypotheses > 0, (cid, c.detail)
        assert c.failures == 0 and c.dps == 50 and c.seed == 0
        d = c.to_dict()
        assert d["share_meeting_hypotheses"] == round(c.draws_meeting_hypotheses / 100, 6)


def test_no_type_optimum_exists_for_a1_beyond_two_industries(hs2012_report):
    c = by_id(hs2012_report)["hs2012:SA:type-optimum-exists"]
    assert c.status == "discrepancy"
    p = {k: R(v) for k, v in c.counterexample["parameters"].items()}
    I = int(p["I"])
    assert I >= 3 and p["gamma"] > 0
    # Hand: on the diagonal n = s(1, .., 1), V_1 = s (alpha sum_k theta^1_k - I t) - I beta s^2/2 + gamma s^I,
    # which grows without bound for I >= 3: no maximiser of V_1 over n >= 0 exists.
    lin = p["alpha"] * sum(p[f"theta^1_{k}"] for k in range(1, I + 1)) - I * p["t"]
    V = lambda s: lin * s - I * p["beta"] * s**2 / 2 + p["gamma"] * s**I  # noqa: E731
    values = [V(R(10) ** k) for k in range(2, 12)]
    assert values[-1] > 10**20 and all(b > a for a, b in zip(values[4:], values[5:]))


def test_a1_marginal_products_turn_negative_on_the_orthant(hs2012_report):
    c = by_id(hs2012_report)["hs2012:SA:meets-section-III"]
    assert c.status == "discrepancy"
    p = {k: R(v) if not isinstance(v, list) else v for k, v in c.counterexample["parameters"].items()}
    n1 = R(c.counterexample["n"][0])
    # dg_1/dn_1 = theta^1_1 alpha - beta n_1 + gamma prod_{s != 1} n_s, the others at 0
    assert p["theta^1_1"] * p["alpha"] - p["beta"] * n1 < 0


def test_symmetric_equilibria_exist_on_part_of_the_example_only(hs2012_report):
    claims = by_id(hs2012_report)
    some = claims["hs2012:S5:symmetric-existence-example"]
    assert some.status == "verified" and some.failures == 0   # existential: a share, not failures
    found = int(some.detail.split("exists for ")[1].split(" of ")[0])
    assert 0 < found < some.draws
    everywhere = claims["hs2012:S5:symmetric-existence-example:whole-region"]
    assert everywhere.status == "discrepancy"
    p = {k: v for k, v in everywhere.counterexample["parameters"].items()}
    N1, N2 = (R(v) for v in p.pop("N"))
    p = {k: R(v) for k, v in p.items()}
    th = lambda i, k: p[f"theta^{i}_{k}"]  # noqa: E731
    # Hand: on the ray n = s (N_1, N_2), S_i: theta^i_i alpha - beta n_i + gamma n_other - t < 0 and
    # A_i: V_i = sum_k (theta^i_k alpha - t) n_k - beta (n_1^2 + n_2^2)/2 + gamma n_1 n_2 >= 0.
    # S_i is linear in s, A_i a quadratic with V_i(0) = 0: collect the exact bounds on s.
    lo, hi = R(0), None
    for i, (ni, no) in ((1, (N1, N2)), (2, (N2, N1))):
        slope = -p["beta"] * ni + p["gamma"] * no          # S_i: theta alpha - t + s slope < 0
        const = th(i, i) * p["alpha"] - p["t"]
        if slope >= 0:
            lo = None  # S_i never holds on the ray
            break
        lo = max(lo, const / -slope)
        a = sum((th(i, k) * p["alpha"] - p["t"]) * Nk for k, Nk in ((1, N1), (2, N2)))
        b = -p["beta"] * (N1**2 + N2**2) / 2 + p["gamma"] * N1 * N2   # V_i = a s + b s^2 >= 0
        if b < 0:   # V_i >= 0 on (0, -a/b] (empty when a <= 0)
            hi = -a / b if hi is None else min(hi, -a / b)
        elif b > 0:  # V_i >= 0 for s >= -a/b
            lo = max(lo, -a / b)
        elif a < 0:  # V_i = a s < 0 for every s > 0
            lo = None
            break
    # no s > 0 meets all four (S_i strict: s > lo; A_i weak: s <= hi)
    assert lo is None or (hi is not None and (hi <= lo or hi <= 0))


def test_partition_claims_carry_the_a1_impossibility(hs2012_report):
    c = by_id(hs2012_report)["hs2012:Prop4"]
    assert c.method == "numeric" and "both cannot be >= 0" in c.detail
    assert c.status in ("verified", "unverified") and c.failures == 0


def test_an_a1_counterexample_shrinks_to_fewer_types_first():
    # Shrinking proposes the point with type I dropped (its theta row and column and its entry of
    # every per-type vector) before rounding digits: smaller I is the first simplification.
    from proofs_check.clusters_numeric._common import _shrink_a1
    p = {"I": 3, "alpha": R(2763, 1000), "t": R(1), "u": (R(1, 3), R(1, 7), R(2, 9)),
         "theta^1_1": R(3), "theta^1_3": R(2), "theta^3_1": R(2), "theta^3_3": R(3), "theta^2_2": R(5, 2)}
    first = next(iter(_shrink_a1(p)))
    assert first == {"I": 2, "alpha": R(2763, 1000), "t": R(1), "u": (R(1, 3), R(1, 7)),
                     "theta^1_1": R(3), "theta^2_2": R(5, 2)}
    two = dict(first)
    assert all(q["I"] == 2 for q in _shrink_a1(two))  # I = 2 is the smallest the example takes
    assert R(2763, 1000) not in [q["alpha"] for q in list(_shrink_a1(two))]  # then digits: 3, 2.8, 2.76
