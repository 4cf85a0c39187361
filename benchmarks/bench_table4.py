"""Benchmark: abrs2017 Table 4 recomputed whole (proofs_check.cities.reproduction), against the general
discrete-site solver on one of its 18 allocations, in the same run.

`reproduction()` does everything the 90 cell claims use: the calibration fits, the 18 allocations
(six columns x optimum / free migration / local politics) at 20 digits confirmed at 40, the tolerance
widths (each fitted input at its interval's ends), the fold-B cross-checks and the other readings.
The baseline is `numeric.cities.solve_allocation` (rank-size `DiscreteSites`, welfare-maximising K,
re-solve at twice the precision) on column (1)'s free migration alone, at the same inputs and 20
digits. The acceptance of issue 11: the whole table in under a minute on 2 cores.

    python benchmarks/bench_table4.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mpmath  # noqa: E402

from _timing import timed  # noqa: E402


def main() -> None:
    from proofs_check.cities.reproduction import reproduction
    start = time.perf_counter()
    rep = reproduction()
    table = time.perf_counter() - start

    from numeric.cities import solve_allocation
    from numeric.distributions import rank_size
    inp = rep.inputs[1]
    params = {"epsilon": str(inp.epsilon), "gamma": str(inp.gamma), "tau": str(inp.tau), "rho": str(inp.rho),
              "delta": str(inp.delta), "cost_scale": str(inp.cost_scale), "urban_population": str(inp.population)}

    def baseline():
        return solve_allocation(params, rank_size(str(inp.scale), str(inp.exponent), 500), "free-migration", dps=20)
    base, result = timed(baseline, 1)
    ours = rep.allocations[(1, "free-migration")]
    gap = abs(result.welfare_per_capita - ours.welfare) / ours.welfare
    print("abrs2017 Table 4 (90 cells, 18 allocations, 20 digits confirmed at 40):")
    print(f"  reproduction(), the whole table:       {table:8.2f} s  (must be < 60 s)")
    print(f"  baseline, solve_allocation on col. (1) free migration only: {base:8.2f} s")
    print(f"  ratio baseline (1 of 18) / whole table: {base / table:8.2f}")
    print(f"  same allocation: {result.number_of_cities} vs {ours.count} cities, welfare relative difference "
          f"{mpmath.nstr(gap, 3)}")


if __name__ == "__main__":
    main()
