"""Benchmark: draws per second of the numeric check's two tiers, per family of g_i, at 50 digits.

For each family of `symbolic.cluster_families` (I = 3) and the same exact draws, in one run:

- closed form (the margins of Proposition 2's proof step, dV_k/dn_i at a drawn n):
  the float64 screen (numpy lambdas of `numeric.clusters.batch`, all draws at once), the
  confirmation (mpmath lambdas at 50 and again at 100 digits, per draw), and a naive baseline
  (SymPy `subs` of the exact draw into the gradient, then `evalf(50)`);
- an optimum (Proposition 1's type-1 optimal cluster): the float64 batch ascent, the polish at
  50 and 100 digits from it, and a naive baseline (`sympy.nsolve` on the gradient with the draw
  substituted, at 50 digits, from the same float64 start).

    python benchmarks/bench_numeric.py [--draws D]

Prints draws/s for every tier and the ratios to the naive baseline.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mpmath  # noqa: E402
import numpy as np  # noqa: E402
import sympy as sp  # noqa: E402

from _timing import timed  # noqa: E402
from numeric.clusters.batch import compiled, polish  # noqa: E402
from proofs_check.clusters_numeric import _FLOAT, _float_optima, _key  # noqa: E402
from proofs_check.families import FAMILIES, common, family_point, rows  # noqa: E402
from symbolic import clusters as hs  # noqa: E402
from symbolic.cluster_families import family_model  # noqa: E402

I, DPS = 3, 50
R = sp.Rational


def _draws(family: str, count: int) -> list:
    rng = random.Random(11)
    out = []
    for _ in range(count):
        p = family_point(rng, family, I, ("A1", "A2"))
        p["n"] = tuple(R(rng.randint(10, 300), 100) for _ in range(I))
        out.append(p)
    return out


def _closed_form(family: str, points: list) -> dict:
    C = compiled(family, I)
    f = lambda v: np.array([float(x) for x in v])  # noqa: E731  (the screen's float copies)

    def screen():
        n = [f([p["n"][k] for p in points]) for k in range(I)]
        cm = [f([common(p)[c] for p in points]) for c in range(len(common(points[0])))]
        out = []
        for i in range(1, I + 1):
            row = [f([rows(p, i)[r] for p in points]) for r in range(len(rows(points[0], i)))]
            out.append(np.asarray(C.numpy(*n, *row, *cm)[1][0]) - f([p["t"] for p in points]))
        return out

    def confirm():
        for p in points:
            for dps in (DPS, 2 * DPS):
                with mpmath.workdps(dps):
                    n = [mpmath.mpf(v.p) / v.q for v in p["n"]]
                    cm = [mpmath.mpf(v.p) / v.q for v in common(p)]
                    for i in range(1, I + 1):
                        C.mpmath(*n, *[mpmath.mpf(v.p) / v.q for v in rows(p, i)], *cm)

    model = family_model(family, I)
    names = {s.name: s for g in model.g for s in g.free_symbols}
    grads = [[sp.diff(g, v) for v in model.n] for g in model.g]

    def naive():
        for p in points:
            subs = {names[k]: v for k, v in p.items() if k in names}
            subs.update(dict(zip(model.n, p["n"])))
            for row in grads:
                row[0].subs(subs).evalf(DPS)

    D = len(points)
    return {"screen": D / timed(screen, 3)[0], "confirm": D / timed(confirm, 1)[0],
            "naive": D / timed(naive, 1)[0]}


def _optimum(family: str, points: list) -> dict:
    C = compiled(family, I)
    one = (R(1),)

    def screen():
        for p in points:
            _FLOAT.pop((_key(p), one, (1,)), None)
        _float_optima(points, lambda p: one, (1,))

    screen()
    starts = {id(p): _FLOAT[(_key(p), one, (1,))] for p in points}
    ok = [p for p in points if starts[id(p)] is not None]

    def confirm():
        for p in ok:
            for dps in (DPS, 2 * DPS):
                polish(C, [rows(p, 1)], one, common(p), p["t"], starts[id(p)], dps)

    model = family_model(family, I)
    names = {s.name: s for g in model.g for s in g.free_symbols}
    V = model.g[0] - hs.t * sp.Add(*model.n)

    def naive():
        for p in ok:
            subs = {names[k]: v for k, v in p.items() if k in names}
            subs[hs.t] = p["t"]
            grad = [sp.diff(V, v).subs(subs) for v in model.n]
            sp.nsolve(grad, list(model.n), list(starts[id(p)]), prec=DPS)

    D = len(points)
    return {"screen": D / timed(screen, 3)[0], "confirm": len(ok) / timed(confirm, 1)[0],
            "naive": len(ok) / timed(naive, 1)[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=40)
    D = ap.parse_args().draws
    print(f"I = {I}, {DPS} digits (confirmation also at {2 * DPS}), {D} draws per family; draws/s")
    print(f"{'family':<14} {'quantity':<22} {'float64 screen':>15} {'confirm 50+100':>15} "
          f"{'naive sympy':>12} {'screen/naive':>13} {'confirm/naive':>14}")
    for family in FAMILIES:
        points = _draws(family, D)
        compiled(family, I)  # compile once, outside the timings (a process does it once)
        for what, fn in (("closed form (step)", _closed_form), ("type optimum (Prop1)", _optimum)):
            start = time.perf_counter()
            r = fn(family, points)
            print(f"{family:<14} {what:<22} {r['screen']:>15.0f} {r['confirm']:>15.1f} {r['naive']:>12.1f} "
                  f"{r['screen'] / r['naive']:>12.0f}x {r['confirm'] / r['naive']:>13.1f}x"
                  f"   ({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
