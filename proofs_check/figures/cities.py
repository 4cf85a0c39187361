"""abrs2017 figures drawn from `numeric.cities` (Section 3 allocations, continuous and discrete
sites) and `numeric.cities.table4` (the Section 5 simulation, inputs as calibrated by
`proofs_check.cities.reproduction`).

Benefit curves are `symbolic.cities` expressions (sab, smb (1), pab (2), f(v; C) of (A-1))
evaluated in mpmath from exact parameters; allocations, scales and margins come from the
solvers at `dps` digits, confirmed by them at twice that. Stylised figures whose captions give
no parameters use 0 < eps < gamma and the fiscal values the paper discusses; the caption says so.
"""
from __future__ import annotations


import mpmath
import sympy as sp

from numeric import cities as nc
from numeric.precision import decimal_string, to_mpf
from symbolic import cities as sc
from symbolic.lambdas import numeric_lambda

from ._backend import pyplot
from .registry import Drawn, figure

__all__ = ["STYLISED", "BENCHMARK_SITES", "BASELINE_FISCAL"]

#: Stylised elasticities for the curve diagrams (Figures 1-3, 6): 0 < eps < gamma, wide enough
#: for the curves to separate on a page.
STYLISED = {"epsilon": "0.2", "gamma": "0.5", "cost_scale": "1"}
NO_WEDGES = {"tau": "0", "rho": "0", "delta": "0"}           # Phi = 1
BASELINE_FISCAL = {"tau": "0.34", "rho": "1", "delta": "0.17"}  # Table 3 base row
BENCHMARK = {"epsilon": "0.03", "gamma": "0.25", "cost_scale": "1"}
#: Appendix C.3's benchmark sites (the project's examples/cities.json).
BENCHMARK_SITES = {"truncated_pareto": {"shape": "30", "log_min": "4.95", "log_max": "5.20", "measure": "1000"}}

_STYLISED_NOTE = ("The caption gives no parameters: eps = 0.2, gamma = 0.5 (inside 0 < eps < gamma, chosen so the "
                  "curves separate visibly) and unit cost scale")


def _n(x, digits: int = 8) -> str:
    return mpmath.nstr(x, digits)


def _benefit(which: str):
    args = [sc.n, sc.a, sc.epsilon, sc.gamma, sc.tau, sc.rho, sc.delta]
    return numeric_lambda(sc.benefit(which), args, "mpmath", {"sab": "sab (Section 2.3)", "smb": "(1)",
                                                             "pab": "(2)", "pmb": "pmb"}[which])


def _curve(which: str, params: dict, a, ns, dps: int) -> list[float]:
    fn = _benefit(which)
    with mpmath.workdps(dps):
        vals = [to_mpf(params[k]) for k in ("epsilon", "gamma", "tau", "rho", "delta")]
        c = to_mpf(params.get("cost_scale", "1"))
        # with a cost scale c every benefit is c times the c = 1 benefit at a/c (numeric.cities)
        return [float(c * fn(mpmath.mpf(n), to_mpf(a) / c, *vals)) for n in ns]


def _solve(alloc: str, params: dict, sites, dps: int, **kw):
    if alloc == "free-migration":
        return nc.free_migration(params, sites, dps=dps, **kw)
    return nc.solve_allocation(params, sites, alloc, dps)


def _scale(params: dict, a, private: bool = False, dps: int = 30) -> mpmath.mpf:
    """n_i(a) or n_p(a), Lemma 1 (3), from the solver (N does not enter the scales)."""
    full = {**_fill(params), "urban_population": params.get("urban_population", "1")}
    a = sp.Rational(repr(a)) if isinstance(a, float) else a
    fn = nc.private_efficient_scale if private else nc.efficient_scale
    return fn(full, a, dps)


def _plain_log_x(ax):
    """A narrow log axis: plain tick labels, no minor labels (they collide)."""
    from matplotlib.ticker import NullFormatter, ScalarFormatter
    ax.xaxis.set_major_formatter(ScalarFormatter())
    ax.xaxis.set_minor_formatter(NullFormatter())


def _fill(params: dict) -> dict:
    return {k: params[k] for k in ("epsilon", "gamma", "tau", "rho", "delta", "cost_scale") if k in params}


# --- Figure 1: homogeneous sites ---------------------------------------------------------------

@figure("abrs2017", "1", "Benefits curves and coordination problem with homogeneous sites.")
def fig1(dps: int) -> Drawn:
    plt = pyplot()
    params = {**STYLISED, "tau": "0.2", "rho": "0", "delta": "0"}
    a = "2.5"                                   # gamma/eps: n_i(a) = 1
    ni = _scale(params, a, dps=dps)
    npv = _scale(params, a, True, dps)
    top = 5.0
    ns = [top * k / 300 for k in range(1, 301)]
    sab = _curve("sab", params, a, ns, dps)
    smb = _curve("smb", params, a, ns, dps)
    pab = _curve("pab", params, a, ns, dps)
    sabf, pabf = _benefit("sab"), _benefit("pab")
    with mpmath.workdps(dps):
        vals = [to_mpf(params[k]) for k in ("epsilon", "gamma", "tau", "rho", "delta")]
        A = to_mpf(a)
        # the rebate T balances the budget when every city has the same size m: T = sab(m) - pab(m)
        T_i = sabf(ni, A, *vals) - pabf(ni, A, *vals)
        T_p = sabf(npv, A, *vals) - pabf(npv, A, *vals)
        level = sabf(ni, A, *vals) * mpmath.mpf("0.9")     # an outside option below sab_i
        f = lambda n: sabf(n, A, *vals) - level  # noqa: E731
        small = mpmath.findroot(f, (mpmath.mpf("1e-6"), ni), solver="anderson")
        large = mpmath.findroot(f, (ni, mpmath.mpf(top)), solver="anderson")
        sab_i = sabf(ni, A, *vals)
    fig, ax = plt.subplots()
    ax.plot(ns, sab, "k-", label="social average benefit sab")
    ax.plot(ns, smb, "k--", label="social marginal benefit smb (1)")
    ax.plot(ns, [v + float(T_i) for v in pab], "C0-.", label=r"net private average benefit, others at $n_i$")
    ax.plot(ns, [v + float(T_p) for v in pab], "C3-.", label=r"net private average benefit, others at $n_p$")
    ax.axhline(float(level), color="0.4", lw=0.8, ls=":", label="observed benefit (outside option)")
    ax.axhline(0, color="0.7", lw=0.5)
    for name, n, v in (("I/O", ni, sab_i), ("P", npv, sabf(npv, A, *vals)), (r"$n_m^{small}$", small, level),
                       (r"$n_m^{large}$", large, level)):
        ax.plot(float(n), float(v), "ko", ms=3)
        ax.annotate(name, (float(n), float(v)), textcoords="offset points", xytext=(3, 5), fontsize=8)
    ax.set_ylim(float(sab_i) * 0.5, float(sab_i) * 1.15)
    ax.set_xlim(0, top)
    ax.set_xlabel("city population n")
    ax.set_ylabel("benefit per resident")
    ax.legend(loc="lower left", fontsize=6)
    phi = sp.Rational(sp.nsimplify(sc.fiscal_bundle().subs({sc.tau: sp.Rational("0.2"), sc.rho: 0, sc.delta: 0,
                                                            sc.gamma: sp.Rational("0.5")})))
    caption = (f"One site type a = {a} (a = gamma/eps makes n_i = 1): sab, smb (1) and the net private average "
               f"benefit pab (2) + T, T balancing the budget when all cities have the size of the others (at n_i = "
               f"{_n(ni)} and at n_p = {_n(npv)}, Lemma 1 (3)); Phi = {decimal_string(phi)} < 1 with tau = 0.2 (rho = "
               f"delta = 0). An outside option at 0.9 sab_i meets sab at n_m^small = {_n(small)} (unstable) and "
               f"n_m^large = {_n(large)}. {_STYLISED_NOTE}; tau = 0.2 and the outside option are chosen too.")
    return Drawn(fig, caption, {**params, "a": a, "outside_option": "0.9 sab_i"},
                 {"n_i": _n(ni, 20), "n_p": _n(npv, 20), "n_m_small": _n(small, 20), "n_m_large": _n(large, 20)})


# --- Figures 3 and 6: a few discrete sites ----------------------------------------------------------

def _site_curves(ax, params, sites, top, dps, which=("smb", "sab"), styles=("--", "-")):
    ns = [top * k / 300 for k in range(1, 301)]
    for j, a in enumerate(sites):
        for w, ls in zip(which, styles):
            ax.plot(ns, _curve(w, params, a, ns, dps), color=f"C{j}", ls=ls, lw=0.9,
                    label=f"{w}$^{j + 1}$ (a = {a})")


FIG3_SITES = ["4", "3.9", "3.8"]
FIG3_N = "19"


@figure("abrs2017", "3", "Centralized optimum city sizes and socially efficient scales.")
def fig3(dps: int) -> Drawn:
    plt = pyplot()
    params = {**STYLISED, **NO_WEDGES, "urban_population": FIG3_N}
    sites = {"discrete": FIG3_SITES}
    opt = nc.optimum(params, sites, dps=dps)
    sabf = _benefit("sab")
    top = 12.0
    fig, ax = plt.subplots()
    _site_curves(ax, params, FIG3_SITES, top, dps)
    ax.axhline(float(opt.mu), color="0.3", lw=0.7, ls=":", label=r"$\mu_*$ (common smb, (10))")
    pts_i, pts_o = [], []
    with mpmath.workdps(dps):
        vals = [to_mpf(params[k]) for k in ("epsilon", "gamma", "tau", "rho", "delta")]
        for j, a in enumerate(opt.site_values):
            ni = _scale(params, FIG3_SITES[j], dps=dps)
            pts_i.append((float(ni), float(sabf(ni, a, *vals))))
            if j < len(opt.sizes):
                n = opt.sizes[j]
                pts_o.append((float(n), float(sabf(n, a, *vals)), float(opt.mu)))
    for j, (x, y) in enumerate(pts_i):
        ax.plot(x, y, "o", color=f"C{j}", ms=4)
        ax.annotate(f"$I_{j + 1}$", (x, y), textcoords="offset points", xytext=(2, 4), fontsize=8)
    for j, (x, y, m) in enumerate(pts_o):
        ax.plot(x, m, "s", color=f"C{j}", ms=4)
        ax.annotate(f"$O_{j + 1}$", (x, m), textcoords="offset points", xytext=(2, -10), fontsize=8)
        ax.plot([x, x], [m, y], color=f"C{j}", lw=0.5, ls=":")
    ax.plot([x for x, _ in pts_i], [y for _, y in pts_i], "k-", lw=0.6, label=r"$sab_p(a) = pab_p(a)$ (peaks)")
    ax.plot([x for x, _, _ in pts_o], [y for _, y, _ in pts_o], "k:", lw=0.8, label=r"$sab_*(a)$ at the optimum")
    ax.set_xlim(0, top)
    ax.set_ylim(-0.5, max(y for _, y in pts_i) * 1.5)
    ax.set_xlabel("city population n")
    ax.set_ylabel("benefit per resident")
    ax.legend(loc="lower left", fontsize=6, ncol=2)
    caption = (f"Three sites a = {', '.join(FIG3_SITES)} and N = {FIG3_N}, no fiscal wedges (Phi = 1): smb^j (dashed) "
               f"and sab^j (solid); the efficient scales n_i^j at the peaks (I_j) and the optimum n_*^j = "
               f"{', '.join(_n(n) for n in opt.sizes)} with equal smb mu_* = {_n(opt.mu)} (O_j), solved at {dps} "
               f"digits ({opt.number_of_cities} cities, agreed digits {opt.agreed_digits}). The gap n_* - n_i grows "
               f"with a. {_STYLISED_NOTE}; the sites and N are chosen so that all three sites are occupied and the margin city is at or above n_i (with a few "
               "discrete sites the integer margin can leave it below, e.g. at N = 18; the paper's differentiable G rules "
               "that out).")
    return Drawn(fig, caption, {**_fill(params), "urban_population": FIG3_N, "sites": FIG3_SITES},
                 {"optimum_sizes": [_n(n, 20) for n in opt.sizes], "mu_star": _n(opt.mu, 20)})


FIG6_SITES = ["4", "3.95", "3.9", "3.85"]
FIG6_N = "17"


@figure("abrs2017", "6", "Centralized optimum, local politics, and free migration city sizes with $\\Phi = 1$.")
def fig6(dps: int) -> Drawn:
    plt = pyplot()
    params = {**STYLISED, **NO_WEDGES, "urban_population": FIG6_N}
    sites = {"discrete": FIG6_SITES}
    res = {k: _solve(k, params, sites, dps) for k in ("optimum", "free-migration", "local-politics")}
    sabf = _benefit("sab")
    top = 12.0
    fig, ax = plt.subplots()
    _site_curves(ax, params, FIG6_SITES, top, dps, which=("sab",), styles=("-",))
    marks = {"optimum": ("s", "O"), "free-migration": ("^", "M"), "local-politics": ("o", "I")}
    with mpmath.workdps(dps):
        vals = [to_mpf(params[k]) for k in ("epsilon", "gamma", "tau", "rho", "delta")]
        for name, r in res.items():
            m, letter = marks[name]
            for j, n in enumerate(r.sizes):
                y = float(sabf(n, r.site_values[j], *vals))
                ax.plot(float(n), y, m, color=f"C{j}", ms=5, mfc="none" if name != "local-politics" else f"C{j}")
                ax.annotate(f"${letter}_{j + 1}$", (float(n), y), textcoords="offset points", xytext=(3, 3), fontsize=7)
    for name, (m, letter) in marks.items():
        ax.plot([], [], m, color="k", mfc="none" if name != "local-politics" else "k",
                label=f"{letter}: {name} ({res[name].number_of_cities} cities)")
    ax.set_xlim(0, top)
    ys = [float(sabf(n, r.site_values[j], *vals)) for r in res.values() for j, n in enumerate(r.sizes)]
    ax.set_ylim(min(ys) - 0.25, max(ys) + 0.12)
    ax.set_xlabel("city population n")
    ax.set_ylabel("social average benefit sab (= pab with Phi = 1)")
    ax.legend(loc="lower left", fontsize=6)
    sizes = "; ".join(f"{k}: {', '.join(_n(n, 6) for n in r.sizes)}" for k, r in res.items())
    caption = (f"Four sites a = {', '.join(FIG6_SITES)}, N = {FIG6_N}, Phi = 1 (tau = rho = delta = 0): sab^j curves and "
               f"the three allocations solved at {dps} digits (sizes best site first) - {sizes}. The optimum "
               "occupies three sites, free migration two (its margin city at n_p = n_i), local politics all four "
               f"(every city at n_p, the last holding the remainder). {_STYLISED_NOTE}; the sites and N are chosen "
               "to give the caption's pattern of 3, 2 and 4 occupied sites (fixed N, no rural sector).")
    return Drawn(fig, caption, {**_fill(params), "urban_population": FIG6_N, "sites": FIG6_SITES},
                 {k: [_n(n, 20) for n in r.sizes] for k, r in res.items()})


# --- Figures 4 and 7: continuous sites -------------------------------------------------------------

def _profile(r, dps, points: int = 60):
    """(a, n(a)) over the occupied sites of a continuous allocation, at dps digits."""
    with mpmath.workdps(dps + 15):
        lo = r.margin_site
        hi = r.grid[-1][0]
        out = []
        for j in range(points + 1):
            a = lo * mpmath.power(hi / lo, mpmath.mpf(j) / points)
            out.append((float(a), float(r.size_of(a))))
    return out


FIG4_N = ("50000000", "10000000000")


@figure("abrs2017", "4", "Optimal populations, $n_*(a)$, and productivity, a, with and without an extensive margin.")
def fig4(dps: int) -> Drawn:
    plt = pyplot()
    base = {**BENCHMARK, **BASELINE_FISCAL}
    runs = [nc.optimum({**base, "urban_population": N}, BENCHMARK_SITES, dps=dps) for N in FIG4_N]
    lo, hi = mpmath.exp(mpmath.mpf("4.95")), mpmath.exp(mpmath.mpf("5.20"))
    fig, ax = plt.subplots()
    for r, N, ls in zip(runs, FIG4_N, ("-", "--")):
        prof = _profile(r, dps)
        occ = "all sites occupied" if r.all_sites_occupied else f"a_* = {_n(r.margin_site, 6)}"
        ax.plot([a for a, _ in prof], [n for _, n in prof], "k" + ls, label=f"$n_*(a)$, N = {int(N):,} ({occ})")
    ai = [float(lo * mpmath.power(hi / lo, mpmath.mpf(j) / 60)) for j in range(61)]
    nis = [float(_scale(base, a, dps=dps)) for a in ai]
    ax.plot(ai, nis, "C0:", label=r"$n_i(a)$ (3)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    _plain_log_x(ax)
    ax.set_xlabel("productivity of site, a (log scale)")
    ax.set_ylabel("city population (log scale)")
    ax.legend(loc="upper left", fontsize=6)
    caption = (f"Optimal city sizes n_*(a) on the benchmark truncated Pareto sites (shape 30, ln a in [4.95, 5.20], "
               f"measure 1000; Appendix C.3) with eps = 0.03, gamma = 0.25, for N_1 = {int(FIG4_N[0]):,} (margin "
               f"a_* = {_n(runs[0].margin_site)}, k_* = {_n(runs[0].margin_ratio, 6)}) and N_2 = {int(FIG4_N[1]):,} "
               f"(all sites occupied: {runs[1].all_sites_occupied}, k_* = {_n(runs[1].margin_ratio, 6)} at the "
               f"lowest site), against the efficient scale n_i(a). Solved at {dps} digits. The caption gives no N; "
               "N_1 and N_2 are chosen to leave some sites empty and to fill them all.")
    return Drawn(fig, caption, {**BENCHMARK, "sites": BENCHMARK_SITES, "urban_population": list(FIG4_N)},
                 {"a_star": [_n(r.margin_site, 20) for r in runs], "k_star": [_n(r.margin_ratio, 20) for r in runs]})


FIG7_N = "40000000"
FIG7_KM = "1.5"


@figure("abrs2017", "7", "Optimal, free-migration, and local politics city sizes.")
def fig7(dps: int) -> Drawn:
    plt = pyplot()
    params = {**BENCHMARK, **BASELINE_FISCAL, "urban_population": FIG7_N}
    runs = [("optimum", nc.optimum(params, BENCHMARK_SITES, dps=dps), "k--"),
            ("free migration, k_m = 1", nc.free_migration(params, BENCHMARK_SITES, dps=dps), "k-"),
            (f"free migration, k_m = {FIG7_KM}", nc.free_migration(params, BENCHMARK_SITES, k_m=FIG7_KM, dps=dps), "C3-"),
            ("local politics", nc.local_politics(params, BENCHMARK_SITES, dps=dps), "k:")]
    fig, ax = plt.subplots()
    a_lo = min(float(r.margin_site) for _, r, _ in runs)
    for name, r, st in runs:
        prof = _profile(r, dps)
        ax.plot([x for x, _ in prof], [n for _, n in prof], st, label=f"{name} (margin a = {_n(r.margin_site, 6)})")
    hi = mpmath.exp(mpmath.mpf("5.20"))
    ai = [a_lo * float(hi / a_lo) ** (j / 60) for j in range(61)]
    ax.plot(ai, [float(_scale(params, a, dps=dps)) for a in ai], "C0:", lw=0.8,
            label=r"$n_i(a)$")
    ax.set_xscale("log")
    ax.set_yscale("log")
    _plain_log_x(ax)
    ax.set_xlabel("productivity of site, a (log scale)")
    ax.set_ylabel("city population (log scale)")
    ax.legend(loc="upper left", fontsize=6)
    phi = (1 - sp.Rational("0.34")) / ((1 - sp.Rational("0.17")) * (1 + sp.Rational("0.25")))
    phis = (1 + sp.Rational("0.03")) / (1 + sp.Rational("0.25"))
    caption = (f"City sizes on the benchmark truncated Pareto sites (Appendix C.3) with the base calibration (eps 0.03, "
               f"gamma 0.25, tau 0.34, rho 1, delta 0.17: Phi = {_n(to_mpf(phi), 6)} < Phi_* = {_n(to_mpf(phis), 6)}, "
               f"case (i) of Proposition 3) and N = {int(FIG7_N):,}: the optimum, the constrained-efficient free "
               f"migration (k_m = 1), a coordination-failure equilibrium with k_m = {FIG7_KM} (footnote 16's range), "
               f"local politics, and n_i(a). Solved at {dps} digits. The caption gives no N or k_m; both are chosen "
               "(N below the 58 million the sites hold at n_p).")
    return Drawn(fig, caption, {**_fill(params), "urban_population": FIG7_N, "k_m": FIG7_KM, "sites": BENCHMARK_SITES},
                 {name: _n(r.margin_site, 20) for name, r, _ in runs})
