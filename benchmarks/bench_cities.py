"""Benchmark: the abrs2017 optimum for the truncated-Pareto benchmark of Appendix C.3 at 50 digits.

Times `numeric.cities.optimum` (after a warm-up call that builds the lambdas and the quadrature
nodes) on the base parameters of Table 3 (eps 0.03, gamma 0.25, tau 0.34, rho 1, delta 0.17),
N = 280 million (Section 5.3), sites truncated Pareto with shape 30 and ln a in [4.95, 5.20]
(measure 1000, so that the margin is interior) against a plain baseline in the same run: n(a)
found by `mpmath.findroot` on smb(n, a) = mu at every node of `mpmath.quad` over a, and the
margin a_* by `mpmath.findroot` (secant) on the adding-up constraint (7), started from a
three-digit a_*; then output and urban costs by two more such quadratures. Our call includes
the re-solve at 100 digits that yields `agreed_digits`, the land-value ratio and the checks of
the defining conditions; the baseline does one solve only.

    python benchmarks/bench_cities.py [--repeat R] [--measure M]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mpmath  # noqa: E402

from _timing import timed  # noqa: E402

from numeric.cities import optimum  # noqa: E402

DPS = 50
PARAMS = {"epsilon": "0.03", "gamma": "0.25", "tau": "0.34", "rho": "1", "delta": "0.17",
          "cost_scale": "1", "urban_population": "280000000"}


def sites(measure: str) -> dict:
    return {"truncated_pareto": {"shape": "30", "log_min": "4.95", "log_max": "5.20", "measure": measure}}


def baseline(measure: str, a_start) -> tuple:
    """The plain way at DPS digits: root-find n(a) at each quadrature node, secant on a_*."""
    mp = mpmath.mp
    with mpmath.workdps(DPS + 10):
        e, g, N = mp.mpf("0.03"), mp.mpf("0.25"), mp.mpf(280000000)
        shape, M = mp.mpf(30), mp.mpf(measure)
        lo, hi = mp.exp(mp.mpf("4.95")), mp.exp(mp.mpf("5.20"))
        norm = lo ** -shape - hi ** -shape
        dens = lambda a: M * shape * a ** (-shape - 1) / norm  # noqa: E731
        smb = lambda n, a: (1 + e) * a * n ** e - (1 + g) * n ** g  # noqa: E731
        n_i = lambda a: (e * a / g) ** (1 / (g - e))  # noqa: E731
        Phi_star, Gamma = (1 + e) / (1 + g), g * (1 + e) / (e * (1 + g))

        def n_of(a, mu):  # the root of smb = mu on its decreasing branch
            ni = n_i(a)
            return mp.findroot(lambda n: smb(n, a) - mu, (Phi_star ** (1 / (g - e)) * ni, Gamma ** (1 / (g - e)) * ni),
                               solver="anderson")

        def mu_of(a_star):  # (11) with k_* = 1: mu = smb at n_i(a_*)
            return smb(n_i(a_star), a_star)

        def population(a_star):
            mu = mu_of(a_star)
            return mp.quad(lambda a: n_of(a, mu) * dens(a), [a_star, hi])

        a_star = mp.findroot(lambda x: population(x) - N, (a_start, a_start * (1 + mp.mpf("1e-3"))),
                             solver="secant", tol=mp.mpf(10) ** (-2 * DPS))
        mu = mu_of(a_star)
        Y = mp.quad(lambda a: a * n_of(a, mu) ** (1 + e) * dens(a), [a_star, hi])
        C = mp.quad(lambda a: n_of(a, mu) ** (1 + g) * dens(a), [a_star, hi])
        return a_star, g * C / (e * Y)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--measure", default="1000", help="total site measure (default 1000)")
    args = parser.parse_args()
    S = sites(args.measure)

    start = time.perf_counter()
    optimum(PARAMS, S, DPS)  # warm-up: lambdas, Gauss-Legendre nodes at both precisions
    first = time.perf_counter() - start
    ours, result = timed(lambda: optimum(PARAMS, S, DPS), args.repeat)
    once, _ = timed(lambda: optimum(PARAMS, S, DPS, confirm=False), args.repeat)

    a0 = mpmath.mpf(mpmath.nstr(result.margin_site, 3))
    base, (a_star, vbar) = timed(lambda: baseline(args.measure, a0), 1)

    with mpmath.workdps(DPS + 10):
        gap = abs(a_star - result.margin_site) / result.margin_site
        gap_v = abs(vbar - result.land_value_ratio) / result.land_value_ratio
    print(f"abrs2017 optimum, truncated Pareto (shape 30, ln a in [4.95, 5.20], measure {args.measure}), "
          f"N = 280e6, {DPS} digits; ours: median of {args.repeat} runs")
    print(f"  numeric.cities.optimum:              first call {first * 1e3:8.1f} ms, then {ours * 1e3:8.1f} ms "
          f"(incl. the {2 * DPS}-digit re-solve; agreed digits {result.agreed_digits}, "
          f"residual {mpmath.nstr(result.residual, 3)})")
    print(f"  numeric.cities.optimum, confirm=False:                        {once * 1e3:8.1f} ms")
    print(f"  baseline (findroot n(a) at each mpmath.quad node, secant a_*): {base * 1e3:8.1f} ms (one run)")
    print(f"  ratio baseline / ours:                {base / ours:8.1f}x  (confirm=False: {base / once:.1f}x)")
    print(f"  relative difference: a_* {mpmath.nstr(gap, 3)}, land-value ratio {mpmath.nstr(gap_v, 3)}")


if __name__ == "__main__":
    main()
