"""Parameter spaces (proofs_check.draws): exact points, conditioned samplers that meet their
conditions (written out by hand here) and reach the boundaries, and the Hypothesis strategies."""
import random

import sympy as sp
from hypothesis import given

from proofs_check import draws
from proofs_check.draws import (edge_decimal, hs2012_sample, population_totals, simplex_weights)

R = sp.Rational


def _pairs(I):
    return [(i, k) for i in range(1, I + 1) for k in range(1, I + 1) if i != k]


def test_conditioned_samplers_meet_their_conditions_exactly():
    rng = random.Random(0)
    for _ in range(300):
        p = hs2012_sample(rng, 2, ("printed", "A2", "concavity", "interiority"))
        assert all(isinstance(v, sp.Rational) for v in p.values())
        assert p["beta"] > p["gamma"] > 0 and p["alpha"] > p["t"] > 0
        for i, k in _pairs(2):
            assert p[f"theta^{i}_{i}"] > p[f"theta^{i}_{k}"] > 1 and p[f"theta^{i}_{i}"] > p[f"theta^{k}_{i}"]
    for I in (2, 3, 4, 5):
        for _ in range(60):
            p = hs2012_sample(rng, I, ("printed", "A3", "interiority"))
            # Assumption 3 for (A.1): alpha (2 theta^i_k - theta^k_k) <= t wherever n_k^S > 0
            for i, k in _pairs(I):
                if p[f"theta^{k}_{k}"] * p["alpha"] > p["t"]:
                    assert p["alpha"] * (2 * p[f"theta^{i}_{k}"] - p[f"theta^{k}_{k}"]) <= p["t"]
            q = hs2012_sample(rng, I, ("printed", "A4"))
            assert all(q[f"theta^{i}_{k}"] * q["alpha"] <= q["t"] for i, k in _pairs(I))


def test_samplers_reach_the_boundaries():
    rng = random.Random(1)
    points = [hs2012_sample(rng, 2, ("printed", "A2", "concavity", "interiority")) for _ in range(400)]
    assert min(p["beta"] - p["gamma"] for p in points) <= R(1, 1000)        # concavity's edge
    assert min(p["alpha"] - p["t"] for p in points) <= R(1, 1000)           # interiority's edge
    assert min(p["theta^1_2"] for p in points) <= 1 + R(1, 1000)            # theta > 1 from above
    a4 = [hs2012_sample(rng, 3, ("printed", "A4")) for _ in range(200)]
    # Assumption 4 (a weak inequality) is met with equality on some draws
    assert any(max(p[f"theta^{i}_{k}"] for i, k in _pairs(3)) * p["alpha"] == p["t"] for p in a4)
    values = [edge_decimal(rng, "0", "1") for _ in range(500)]
    assert R(0) in values and R(1) in values
    opened = [edge_decimal(rng, "0", "1", open_low=True, open_high=True) for _ in range(500)]
    assert all(0 < v < 1 for v in opened) and min(opened) <= R(1, 1000)


def test_incompatible_requirements_are_refused():
    import pytest
    with pytest.raises(ValueError, match="exclude each other"):
        hs2012_sample(random.Random(0), 2, ("A4", "interiority"))
    with pytest.raises(ValueError, match="unknown"):
        hs2012_sample(random.Random(0), 2, ("A9",))


def test_simplex_weights_are_exact_and_reach_corners_and_edges():
    rng = random.Random(2)
    for I in (2, 3, 4):
        ws = [simplex_weights(rng, I) for _ in range(300)]
        assert all(sum(w) == 1 and min(w) > 0 for w in ws)
        assert max(max(w) for w in ws) >= 1 - R(I, 10 ** 4)   # a corner
        assert min(min(w) for w in ws) <= R(1, 10 ** 4)       # an edge
    totals = [population_totals(rng, 3) for _ in range(200)]
    assert all(t[0] == 1 and min(t) > 0 for t in totals)
    ratios = [t[1] for t in totals]
    assert min(ratios) <= R(2, 100) + R(1, 1000) and max(ratios) >= 40


@given(draws.hs2012_sample_strategy(3, ("printed", "A2", "interiority")))
def test_strategy_points_are_valid(p):
    assert p["alpha"] > p["t"] > 0
    for i, k in _pairs(3):
        assert p[f"theta^{i}_{i}"] > max(p[f"theta^{i}_{k}"], p[f"theta^{k}_{i}"]) and p[f"theta^{i}_{k}"] > 1


@given(draws.simplex_weights_strategy(4))
def test_weight_strategy_is_on_the_open_simplex(w):
    assert sum(w) == 1 and min(w) > 0


@given(draws.family_strategy("power-cross", 3, ("A1", "A2")))
def test_family_strategy_orders_the_own_weights(p):
    for i, k in _pairs(3):
        assert p[f"w^{i}_{i}"] > p[f"w^{i}_{k}"] and p[f"w^{i}_{i}"] > p[f"w^{k}_{i}"]
