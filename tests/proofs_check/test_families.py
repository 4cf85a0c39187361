"""The exact assumption predicates of proofs_check.families against SymPy's own derivatives of
each family's g_i at sampled points (the predicates are hand derivations; this holds them)."""
import random

import sympy as sp

from proofs_check.families import (FAMILIES, assumption1, assumption2, family_point, region_bound,
                                   section3)
from symbolic.cluster_families import family_model, row_template

R = sp.Rational


def _subs(p, model):
    names = {s.name: s for g in model.g for s in g.free_symbols}
    return {names[k]: v for k, v in p.items() if k in names}


def _grad_hess(p, n_point):
    m = family_model(p["family"], p["I"])
    subs = {**_subs(p, m), **dict(zip(m.n, n_point))}
    grads = [[sp.diff(g, v).xreplace(subs) for v in m.n] for g in m.g]
    hess = [sp.hessian(g, m.n).xreplace(subs) for g in m.g]
    return grads, hess


def test_templates_reproduce_every_family():
    for family in FAMILIES:
        for I in (2, 3, 4):
            T, m = row_template(family, I), family_model(family, I)
            for i in range(1, I + 1):
                assert sp.simplify(T.g.xreplace(dict(zip(T.row, T.rows(i)))) - m.g[i - 1]) == 0


def test_orthant_predicates_agree_with_derivatives_at_random_points():
    rng = random.Random(4)
    for family in ("cobb-douglas", "power-cross"):
        for I in (2, 3):
            for _ in range(6):
                p = family_point(rng, family, I, ("A1",))
                n = [R(rng.randint(1, 400), 100) for _ in range(I)]
                grads, hess = _grad_hess(p, n)
                if section3(p, "orthant"):
                    for j in range(I):
                        assert all(sp.N(v, 30) > 0 for v in grads[j])                    # dg/dn > 0
                        H = hess[j]
                        assert all(sp.N(H[k, l], 30) > 0 for k in range(I) for l in range(I) if k != l)
                        assert all(sp.N((-1) ** k * H[:k, :k].det(), 30) > 0 for k in range(1, I + 1))
                # Assumption 1 at equal employment m
                m = R(rng.randint(1, 400), 100)
                g_eq, _ = _grad_hess(p, [m] * I)
                holds = all(sp.N(g_eq[i][i] - g_eq[i][k], 30) > 0 for i in range(I) for k in range(I) if k != i)
                assert holds == assumption1(p, "orthant")


def test_a1_and_quadratic_fail_the_orthant_reading_at_an_exact_point():
    rng = random.Random(5)
    for family in ("A.1", "quadratic"):
        p = family_point(rng, family, 3, ("A1",))
        assert not section3(p, "orthant")
        U = region_bound(p)
        # dg_1/dn_k < 0 at n = 3 U e_k for the k attaining U (the others at 0)
        for k in range(3):
            grads, _ = _grad_hess(p, [3 * U if s == k else R(0) for s in range(3)])
            if any(v < 0 for row in grads for v in row):
                break
        else:
            raise AssertionError("no negative marginal product found")


def test_assumption2_matches_the_derivative_difference():
    rng = random.Random(6)
    for family in ("A.1", "quadratic", "power-cross"):
        for _ in range(5):
            p = family_point(rng, family, 3, ("A2",))
            n = [R(rng.randint(1, 300), 100) for _ in range(3)]
            grads, _ = _grad_hess(p, n)
            holds = all(sp.N(grads[i][i] - grads[k][i], 30) > 0 for i in range(3) for k in range(3) if k != i)
            assert holds == assumption2(p, "orthant")
    p = family_point(rng, "cobb-douglas", 2, ("A1",))
    assert not assumption2(p, "orthant")  # g_i/g_k unbounded on n > 0 (see the predicate's proof)
