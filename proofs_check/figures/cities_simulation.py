"""abrs2017 Figures 8 and 9: the Section 5 city-system simulation (Table 4), from
`numeric.cities.table4` with the inputs that `proofs_check.cities.reproduction` calibrates from the
printed cells (cost scale c, urban population N, 20,000 sites; sites a_r = 19,550 r^-0.0333).

Every allocation is solved at `dps` digits and re-solved at twice that from the first solve (the
solver's confirmation path); the index records the digits on which the plotted cells agree.
"""
from __future__ import annotations

import mpmath
import sympy as sp

from numeric.cities import table4 as t4
from numeric.precision import agreed_digits, decimal_string, to_mpf
from symbolic import cities as sc
from symbolic.lambdas import numeric_lambda

from ._backend import pyplot
from .registry import Drawn, figure

__all__ = ["HETEROGENEITY", "POPULATIONS", "CAP"]

#: Figure 9(a): site exponents b of a_r = A r^-b (Table 4: 0.016 low, 0.0333 baseline).
HETEROGENEITY = ("0.01", "0.016", "0.025", "0.0333", "0.045", "0.06")
#: Figure 9(b): urban populations, and the cap on the number of cities (the text's 100).
POPULATIONS = ("100000000", "200000000", "300000000", "400000000", "500000000", "600000000")
CAP = 100


def _n(x, digits: int = 8) -> str:
    return mpmath.nstr(x, digits)


def _inputs():
    from proofs_check.cities.reproduction import reproduction
    rep = reproduction()
    return rep.inputs


def _inputs_strings(inp: t4.SystemInputs) -> dict:
    return {"epsilon": decimal_string(inp.epsilon), "gamma": decimal_string(inp.gamma), "tau": decimal_string(inp.tau),
            "rho": decimal_string(inp.rho), "delta": decimal_string(inp.delta), "A": decimal_string(inp.scale),
            "b": decimal_string(inp.exponent), "cost_scale": decimal_string(inp.cost_scale),
            "urban_population": decimal_string(inp.population), "sites": str(inp.sites)}


def _confirmed(inp: t4.SystemInputs, allocation: str, dps: int):
    """(cells at dps, digits agreed with the re-solve at 2 dps)."""
    with mpmath.workdps(dps):
        low = t4.allocation_cells(inp, allocation)
    with mpmath.workdps(2 * dps):
        high = t4.allocation_cells(inp, allocation, hint=low)
        digits = min(agreed_digits(low.value(k), high.value(k)) for k in ("largest", "smallest", "welfare"))
    return low, (0 if low.count != high.count else min(digits, dps))


def _lp_sizes(inp: t4.SystemInputs, cells, dps: int) -> list[float]:
    """Local politics: every city at n_p(a_r), (3) with the cost scale c (a -> a/c)."""
    fn = numeric_lambda(sc.private_efficient_scale(), [sc.a, sc.epsilon, sc.gamma, sc.tau, sc.rho, sc.delta],
                        "mpmath", "(3)")
    with mpmath.workdps(dps):
        vals = [to_mpf(x) for x in (inp.epsilon, inp.gamma, inp.tau, inp.rho, inp.delta)]
        c = to_mpf(inp.cost_scale)
        sites = t4.site_productivities(inp, cells.count)
        return [float(fn(a / c, *vals)) for a in sites]


def _rank_plot(ax, sizes, style, label):
    import math
    xs = [math.log(n) for n in sizes]
    ys = [math.log(r) for r in range(1, len(sizes) + 1)]
    ax.plot(xs, ys, style, lw=1.0, label=label)


@figure("abrs2017", "8", "Distribution of city sizes and comparative statics.")
def fig8(dps: int) -> Drawn:
    plt = pyplot()
    inputs = _inputs()
    d = min(dps, 20)
    base = {a: _confirmed(inputs[1], a, d) for a in t4.ALLOCATIONS}
    dev = _confirmed(inputs[2], "free-migration", d)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8.0, 3.6), sharey=True)
    styles = {"optimum": "k--", "free-migration": "k-", "local-politics": "k:"}
    for a, (cells, _) in base.items():
        sizes = cells.sizes if a != "local-politics" else _lp_sizes(inputs[1], cells, d)
        _rank_plot(ax1, sorted(sizes, reverse=True), styles[a], f"{a} ({cells.count:,} cities)")
    _rank_plot(ax2, sorted(base["free-migration"][0].sizes, reverse=True), "k-",
               f"U.S. fiscal parameters ({base['free-migration'][0].count} cities)")
    _rank_plot(ax2, sorted(dev[0].sizes, reverse=True), "C3--", f"developing country ({dev[0].count} cities)")
    for ax, title in ((ax1, "(a) three allocations, baseline"), (ax2, "(b) free migration: U.S. vs developing")):
        ax.set_xlabel("log population")
        ax.set_title(title)
        ax.legend(loc="lower left", fontsize=6)
    ax1.set_ylabel("log rank")
    inp = inputs[1]
    caption = (f"Rank-size plots (log rank against log population) of the simulated city systems of Table 4 "
               f"(Section 5.3): (a) column 1 (baseline: eps 0.03, gamma 0.25, tau 0.34, rho 1, delta 0.17), optimum "
               f"(dashed, {base['optimum'][0].count} cities), free migration (solid, "
               f"{base['free-migration'][0].count}) and local politics (dotted, {base['local-politics'][0].count:,}); "
               f"(b) free migration with U.S. fiscal parameters against column 2's developing country "
               f"(tau = rho = delta = 0, {dev[0].count} cities). Sites a_r = 19,550 r^-0.0333 on {inp.sites:,} sites, "
               f"cost scale c = {_n(to_mpf(inp.cost_scale), 10)} and N = {int(inp.population):,} as calibrated from "
               f"the printed local-politics cells (the paper's N is 280 million; proofs_check.cities.reproduction "
               f"explains the fit). Solved at {d} digits, confirmed at {2 * d}: agreed digits "
               f"{min(x for _, x in [*base.values(), dev])}.")
    params = {"column_1": _inputs_strings(inputs[1]), "column_2": _inputs_strings(inputs[2])}
    numbers = {f"{a}_count": str(c.count) for a, (c, _) in base.items()}
    numbers.update({f"{a}_largest": _n(c.largest, 15) for a, (c, _) in base.items()})
    numbers["developing_free_migration_count"] = str(dev[0].count)
    return Drawn(fig, caption, params, numbers)


@figure("abrs2017", "9", "Welfare in the federal optimum and with free migration.")
def fig9(dps: int) -> Drawn:
    plt = pyplot()
    inputs = _inputs()
    d = min(dps, 20)
    base = inputs[1]
    het = {a: [] for a in ("optimum", "free-migration")}
    for b in HETEROGENEITY:
        inp = base.with_(exponent=sp.Rational(b))
        for a in het:
            het[a].append(_confirmed(inp, a, d))
    pop = {(a, cap): [] for a in ("optimum", "free-migration") for cap in (base.sites, CAP)}
    for N in POPULATIONS:
        for (a, cap) in pop:
            pop[(a, cap)].append(_confirmed(base.with_(population=sp.Rational(N), sites=cap), a, d))
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8.0, 3.6))
    bx = [float(sp.Rational(b)) for b in HETEROGENEITY]
    ax1.plot(bx, [float(c.welfare) for c, _ in het["optimum"]], "k--o", ms=3, label="optimum")
    ax1.plot(bx, [float(c.welfare) for c, _ in het["free-migration"]], "k-s", ms=3, label="free migration")
    ax1.set_xlabel(r"site heterogeneity $b$ in $a_r = A\,r^{-b}$")
    ax1.set_ylabel("welfare per capita (urban output net of urban costs)")
    ax1.set_title("(a) heterogeneity")
    Nx = [float(sp.Rational(N)) / 1e6 for N in POPULATIONS]
    styles = {("optimum", base.sites): "k--o", ("optimum", CAP): "k:o", ("free-migration", base.sites): "C3--s",
              ("free-migration", CAP): "C3:s"}
    for (a, cap), runs in pop.items():
        lab = f"{a}, " + ("new cities allowed" if cap == base.sites else f"at most {CAP} cities")
        ax2.plot(Nx, [float(c.welfare) for c, _ in runs], styles[(a, cap)], ms=3, label=lab)
    ax2.set_xlabel("urban population (millions)")
    ax2.set_title("(b) population, with and without new cities")
    for ax in (ax1, ax2):
        ax.legend(loc="lower left", fontsize=6)
    digits = min(x for runs in [*het.values(), *pop.values()] for _, x in runs)
    caption = (f"Welfare per capita in the simulated city system of Table 4 (baseline inputs: eps 0.03, gamma 0.25, tau "
               f"0.34, rho 1, delta 0.17, A = 19,550, c and N as calibrated by proofs_check.cities.reproduction): (a) "
               f"against the site exponent b = {', '.join(HETEROGENEITY)} (Table 4 uses 0.016 for low and 0.0333 for "
               f"baseline heterogeneity); (b) against the urban population N = {', '.join(f'{x:g}' for x in Nx)} "
               f"million with {base.sites:,} sites (new cities allowed) or at most {CAP} cities, for the optimum and "
               f"free migration. Solved at {d} digits, confirmed at {2 * d} (agreed digits {digits}). The paper gives "
               "neither grid: both are chosen; the cap of 100 cities is the text's.")
    params = {"baseline": _inputs_strings(base), "b": list(HETEROGENEITY), "urban_population": list(POPULATIONS),
              "cap": str(CAP)}
    numbers = {f"welfare_{a}_by_b": [_n(c.welfare, 12) for c, _ in runs] for a, runs in het.items()}
    numbers.update({f"welfare_{a}_sites_{cap}_by_N": [_n(c.welfare, 12) for c, _ in runs] for (a, cap), runs in pop.items()})
    return Drawn(fig, caption, params, numbers)
