"""Benchmark: the I = 4 type-optimal cluster of hs2012 at 50 digits.

Times `numeric.clusters.type_optimal_cluster` (after a warm-up call that compiles and caches the
model's lambdas) against a plain `sympy.nsolve` baseline on the same first-order conditions
(IV.1), with the parameters substituted exactly, at the same precision and from the same
start (the gamma = 0 optimum). Our call includes the re-solve at 100 digits that yields
`agreed_digits`, and the second-order and interiority checks; nsolve does one solve only.

    python benchmarks/bench_clusters.py [--repeat R]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mpmath  # noqa: E402

from _timing import timed  # noqa: E402
import sympy as sp  # noqa: E402

from numeric.clusters import type_optimal_cluster  # noqa: E402
from proofs_check.draws import hs2012_parameters  # noqa: E402
from symbolic import clusters as hs  # noqa: E402

I, TYPE, DPS = 4, 1, 50


def parameters() -> dict:
    """A fixed (A.1) point for I = 4 with an interior type-1 optimum (gamma small vs beta)."""
    P = hs2012_parameters(random.Random(7), I)
    n0 = max((P[f"theta^{i}_{k}"] * P["alpha"] - P["t"]) / P["beta"]
             for i in range(1, I + 1) for k in range(1, I + 1))
    P["gamma"] = P["beta"] / n0 ** (I - 2) / 40
    return P


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    P = parameters()

    start = time.perf_counter()
    type_optimal_cluster(P, TYPE, DPS)  # warm-up: derives and compiles (IV.1) once
    first = time.perf_counter() - start
    ours, result = timed(lambda: type_optimal_cluster(P, TYPE, DPS), repeat)

    model = hs.example_model(I)
    values = {sp.Symbol(k, positive=True) if k.startswith("theta") else getattr(hs, k): v
              for k, v in P.items()}
    focs = [sp.expand(c.xreplace(values)) for c in hs.type_optimal_conditions(model, TYPE)]
    x0 = [(P[f"theta^{TYPE}_{k}"] * P["alpha"] - P["t"]) / P["beta"] for k in range(1, I + 1)]
    x0 = [sp.Float(v, DPS) for v in x0]
    nsolve = lambda: sp.nsolve(focs, list(model.n), x0, prec=DPS)  # noqa: E731
    nsolve()  # warm-up
    base, reference = timed(nsolve, max(3, repeat // 4))

    with mpmath.workdps(DPS + 10):
        gap = max(abs(mpmath.mpf(str(reference[k])) - result.n[k]) for k in range(I))
    print(f"I = {I}, type {TYPE}, {DPS} digits, median of {repeat} runs")
    print(f"  numeric.clusters.type_optimal_cluster: first call {first * 1e3:8.1f} ms, "
          f"then {ours * 1e3:8.2f} ms (incl. the {2 * DPS}-digit re-solve; agreed digits "
          f"{result.agreed_digits}, residual {mpmath.nstr(result.residual, 3)}, {result.method})")
    print(f"  sympy.nsolve on the same (IV.1):        {base * 1e3:8.2f} ms")
    print(f"  ratio nsolve / ours:                    {base / ours:8.1f}x")
    print(f"  max |difference| of the solutions:      {mpmath.nstr(gap, 3)}")


if __name__ == "__main__":
    main()
