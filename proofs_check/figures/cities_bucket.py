"""abrs2017 Figures 2 and 5, the two 'bucket' diagrams: a population split between two sites
(Section 2.1) and between the urban system and the countryside (Section 3.1, Proposition 1).

Figure 2's benefit curves are `symbolic.cities` expressions (sab, smb (1)) evaluated in mpmath;
its points are the discrete-site solvers' allocations. Figure 5's urban curves are the
solvers' optimum (urban welfare per head W_*(N)/N and mu_*, (10)) and local-politics margin
benefit at fixed urban populations N; its rural curves are the CES technology (6) of
`numeric.cities.RuralSector`. Its points come from the solvers' rural closure (O: mu_* = F'(N^R)
(9); P: the local-politics margin city's benefit = u^R) and, for M (the text's urban-rural
migration that equalises average benefits with an efficient urban system, which no solver
closure states), from a root of W_*(N)/N = F(N^R)/N^R over fixed-N optimum solves.
"""
from __future__ import annotations

import mpmath
import sympy as sp

from numeric import cities as nc
from numeric.precision import decimal_string, to_mpf

from ._backend import pyplot
from .cities import NO_WEDGES, STYLISED, _STYLISED_NOTE, _benefit, _fill, _n, _scale
from .registry import Drawn, figure

__all__ = ["FIG2_SITES", "FIG5_SITES", "FIG5_RURAL"]

FIG2_SITES = ("4", "3.9")


def _rounded_down(x, digits: int = 18) -> sp.Rational:
    """x cut (not rounded) to `digits` decimals, as an exact rational."""
    return sp.Rational(int(mpmath.floor(x * mpmath.mpf(10) ** digits)), 10 ** digits)


@figure("abrs2017", "2", "Population split between superior (1) and inferior (2) sites.")
def fig2(dps: int) -> Drawn:
    plt = pyplot()
    base = {**STYLISED, **NO_WEDGES}
    a1, a2 = FIG2_SITES
    with mpmath.workdps(dps + 10):
        ni = [_scale(base, a, dps=dps) for a in FIG2_SITES]
        N = _rounded_down(ni[0] + ni[1])     # local politics (n_p = n_i at Phi = 1) fills both peaks
    params = {**base, "urban_population": decimal_string(N)}
    sites = {"discrete": list(FIG2_SITES)}
    res = {k: nc.solve_allocation(params, sites, k, dps) for k in ("optimum", "local-politics", "free-migration")}
    opt, lp, fm = res["optimum"], res["local-politics"], res["free-migration"]
    if opt.number_of_cities != 2 or lp.number_of_cities != 2:
        raise ArithmeticError("Figure 2's sites no longer give two cities at the optimum and under local politics")
    sab, smb = _benefit("sab"), _benefit("smb")
    top = float(N)
    xs = [top * k / 400 for k in range(1, 400)]
    with mpmath.workdps(dps):
        vals = [to_mpf(params[k]) for k in ("epsilon", "gamma", "tau", "rho", "delta")]
        A1, A2, Nm = to_mpf(a1), to_mpf(a2), to_mpf(N)
        curve = {(w, j): [float(f(mpmath.mpf(x) if j == 1 else Nm - mpmath.mpf(x), A, *vals)) for x in xs]
                 for w, f in (("sab", sab), ("smb", smb)) for j, A in ((1, A1), (2, A2))}
        n1, n2 = opt.sizes
        mu = opt.mu
        points = {"I_1": (lp.sizes[0], sab(lp.sizes[0], A1, *vals)), "I_2": (Nm - lp.sizes[1], sab(lp.sizes[1], A2, *vals)),
                  "O_1": (n1, sab(n1, A1, *vals)), "O_2": (Nm - n2, sab(n2, A2, *vals))}
        if fm.number_of_cities == 1:      # the text's M_1 / M_2: city 1 takes everyone, site 2 is empty
            points["M_1"] = (fm.sizes[0], sab(fm.sizes[0], A1, *vals))
    fig, ax = plt.subplots(figsize=(5.6, 4.0))
    for j, col in ((1, "C0"), (2, "C3")):
        ax.plot(xs, curve[("sab", j)], color=col, ls="-", label=f"sab$^{j}$ (a = {FIG2_SITES[j - 1]})")
        ax.plot(xs, curve[("smb", j)], color=col, ls="--", label=f"smb$^{j}$ (1)")
    ax.axhline(float(mu), color="0.4", lw=0.6, ls=":", label=r"$\mu_*$: the smb curves cross")
    ax.axvline(float(n1), color="0.6", lw=0.5, ls=":")
    offsets = {"I_1": (3, 5), "I_2": (3, -11), "O_1": (4, 4), "O_2": (4, -11), "M_1": (-18, 5)}
    for name, (x, y) in points.items():
        ax.plot(float(x), float(y), "ko", ms=3)
        ax.annotate(f"${name}$", (float(x), float(y)), textcoords="offset points", xytext=offsets[name], fontsize=8)
    ax.set_xlim(0, top)
    ys = [float(y) for _, y in points.values()]
    bottom = min(ys) - 0.7
    ax.set_ylim(bottom, max(ys) + 0.4)
    if "M_1" in points:   # M_2, site 2 empty at sab^2(0) = 0, lies far below: marked on the bottom edge
        ax.plot(top, bottom, "kv", ms=5, clip_on=False)
        ax.annotate("$M_2$: site 2 empty, sab$^2$ = 0 (below)", (top, bottom), textcoords="offset points",
                    xytext=(-150, 6), fontsize=7)
    ax.set_xlabel(r"population of city 1 (from the left); city 2 holds the rest (from the right)")
    ax.set_ylabel("benefit per resident")
    ax.legend(loc="upper center", fontsize=6, ncol=3)
    fm_text = (f"free migration puts all N in city 1 (M_1, sab^1(N) = {_n(points['M_1'][1], 6)} >= 0) and leaves site "
               "2 empty (M_2)" if "M_1" in points else
               f"free migration: {', '.join(_n(n, 6) for n in fm.sizes)}")
    caption = (f"Two sites a_1 = {a1} > a_2 = {a2}, no fiscal wedges (Phi = 1) and N = n_i^1 + n_i^2 = {_n(Nm, 10)} (cut at "
               f"18 decimals): sab^j and smb^j (1) of city 1 from the left and of city 2 from the right. Local politics "
               f"(n_p = n_i at Phi = 1) puts each city at its peak, I_1 and I_2 (n_i^1 = {_n(ni[0], 6)}, n_i^2 = "
               f"{_n(ni[1], 6)}); the optimum, where the smb curves cross at mu_* = {_n(mu, 8)}, has n_*^1 = {_n(n1, 8)} > "
               f"n_i^1 and n_*^2 = {_n(n2, 8)} < n_i^2 (O_1, O_2); {fm_text}. Solved at {dps} digits, confirmed at "
               f"{2 * dps}. The text's example has the two peaks at one population (n_p^1 = n_i^1 = n_p^2 = n_i^2); "
               "with the model's forms (sites differ only in a) n_i rises with a (Lemma 1 (3)), so the peaks cannot "
               f"coincide and the split at I_1/I_2 is n_i^1 : n_i^2. {_STYLISED_NOTE}; the sites are chosen close "
               "enough for the optimum to keep both cities.")
    numbers = {"N": decimal_string(N), "n_i": [_n(x, 20) for x in ni], "optimum_sizes": [_n(x, 20) for x in opt.sizes],
               "mu_star": _n(mu, 20), "local_politics_sizes": [_n(x, 20) for x in lp.sizes],
               "free_migration_sizes": [_n(x, 20) for x in fm.sizes]}
    return Drawn(fig, caption, {**_fill(params), "urban_population": decimal_string(N), "sites": list(FIG2_SITES)},
                 numbers)


# --- Figure 5: the urban-rural split -----------------------------------------------------------------

FIG5_SITES = {"uniform": {"minimum": "2", "maximum": "4", "measure": "10"}}
#: Cobb-Douglas (sigma = 1) rural technology with rural land rents paid to rural workers (rho^R = 0),
#: so that a rural migrant earns the average product F/N^R: no fiscal externality in either sector.
FIG5_RURAL = {"scale": "2.73", "land": "30", "alpha": "0.15", "sigma": "1", "total_population": "30",
              "rho_R": "0", "tau_R": "0", "T": "0", "T_R": "0"}
FIG5_GRID = 16


def _urban(params: dict, N, allocation: str, dps: int, confirm: bool = True):
    """An allocation at urban population N (cut to 25 decimals). The curves and the root-finder's
    steps are drawn from solves at dps digits without the re-solve at 2 dps (display only); every
    point the caption names is confirmed."""
    return nc.solve_allocation({**params, "urban_population": decimal_string(_rounded_down(N, 25))}, FIG5_SITES,
                               allocation, dps, confirm=confirm)


def _root(f, lo, hi, dps: int):
    """A root of f in [lo, hi] (a sign change), to about dps/2 digits; f takes mpf values."""
    with mpmath.workdps(dps):
        x = mpmath.findroot(f, (mpmath.mpf(lo), mpmath.mpf(hi)), solver="anderson",
                            tol=mpmath.mpf(10) ** (-dps // 2), verify=False)
        if not lo <= x <= hi or abs(f(x)) > mpmath.mpf(10) ** (-dps // 3):
            raise ArithmeticError(f"no root of the Figure 5 condition in [{_n(lo)}, {_n(hi)}]")
        return x


@figure("abrs2017", "5", "Benefits of an optimal urban system, and the extent of urbanization.")
def fig5(dps: int) -> Drawn:
    plt = pyplot()
    d = min(dps, 20)
    urban = {**STYLISED, **NO_WEDGES}
    rural = nc.rural_sector(**FIG5_RURAL)
    with mpmath.workdps(d + 10):
        Nbar = to_mpf(rural.total_population)
        R_avg = lambda N: rural.output(Nbar - N) / (Nbar - N)      # noqa: E731  F(N^R)/N^R
        R_mb = lambda N: rural.wage(Nbar - N)                       # noqa: E731  F'(N^R)
        grid = [Nbar * (k + mpmath.mpf(1) / 2) / FIG5_GRID for k in range(FIG5_GRID)]
        opt = [(N, _urban(urban, N, "optimum", d, False)) for N in grid]
        lp = []
        for N in grid:
            try:
                lp.append((N, _urban(urban, N, "local-politics", d, False)))
            except nc.AllocationDoesNotExist:   # every site at n_p: local politics hosts no more
                break
        W = lambda N: _urban(urban, N, "optimum", d, False).welfare_per_capita - R_avg(N)  # noqa: E731
        bracket = [(a, b) for (a, ra), (b, rb) in zip(opt, opt[1:])
                   if (ra.welfare_per_capita - R_avg(a)) * (rb.welfare_per_capita - R_avg(b)) < 0]
        if len(bracket) != 1:
            raise ArithmeticError("Figure 5: the average benefits do not cross once on the grid")
        N_M = _root(W, *bracket[0], d)
        at_M = _urban(urban, N_M, "optimum", d)              # the point itself, confirmed at 2 d
        U_M = R_avg(N_M)
        if abs(at_M.welfare_per_capita - U_M) > mpmath.mpf(10) ** (-d // 3):
            raise ArithmeticError("Figure 5: M does not survive the confirmed solve")
        with_rural = {**urban, "rural": FIG5_RURAL}
        o = nc.optimum(with_rural, FIG5_SITES, dps=d)
        p = nc.local_politics(with_rural, FIG5_SITES, dps=d)
        N_O, N_P = o.urban_population, p.urban_population
        # the same O by the other route: mu_*(N) = F'(Nbar - N) on fixed-N solves
        cross = [(a, b) for (a, ra), (b, rb) in zip(opt, opt[1:])
                 if (ra.mu - R_mb(a)) * (rb.mu - R_mb(b)) < 0]
        N_O_fixed = (_root(lambda N: _urban(urban, N, "optimum", d, False).mu - R_mb(N), *cross[0], d)
                     if len(cross) == 1 else None)
        share = lambda N: float(N / Nbar)                           # noqa: E731
        rural_x = [Nbar * k / 200 for k in range(1, 200)]
        rural_avg = [float(R_avg(N)) for N in rural_x]
        rural_mb = [float(R_mb(N)) for N in rural_x]
    fig, ax = plt.subplots(figsize=(5.6, 4.0))
    ax.plot([share(N) for N, _ in opt], [float(r.welfare_per_capita) for _, r in opt], "k-",
            label=r"urban average benefit $W_*(N)/N$ (optimum)")
    ax.plot([share(N) for N, _ in opt], [float(r.mu) for _, r in opt], "k--", label=r"urban marginal benefit $\mu_*(N)$ (10)")
    ax.plot([share(N) for N, _ in lp], [float(r.mu) for _, r in lp], "C0:",
            label="local politics: benefit of the margin city")
    ax.plot([share(N) for N in rural_x], rural_avg, "C2-", label=r"rural average benefit $F(N^R)/N^R$ (6)")
    ax.plot([share(N) for N in rural_x], rural_mb, "C2--", label=r"rural marginal benefit $F'(N^R)$")
    marks = {"O": (N_O, o.mu), "M": (N_M, at_M.welfare_per_capita), "P": (N_P, p.mu)}
    for name, (N, v) in marks.items():
        ax.plot(share(N), float(v), "ko", ms=3)
        ax.annotate(f"${name}$", (share(N), float(v)), textcoords="offset points", xytext=(3, 5), fontsize=8)
    ys = [float(r.mu) for _, r in lp] + [float(r.welfare_per_capita) for _, r in opt]
    ax.set_ylim(min(ys) - 0.1, max(ys) + 0.25)
    ax.set_xlim(0, 1)
    ax.set_xlabel(r"share of population in the urban system, $N/\overline{N}$ (rural share from the right)")
    ax.set_ylabel("benefit per person")
    ax.legend(loc="lower left", fontsize=6)
    o_check = (f"; the fixed-N route (mu_*(N) = F'(Nbar - N)) gives N_* = {_n(N_O_fixed, 10)}" if N_O_fixed is not None
               else "")
    digits = min(r.agreed_digits for r in (at_M, o, p))
    caption = (f"The urban system of uniform sites a in [2, 4] (site measure 10) with no fiscal wedges (Phi = 1) and a "
               f"Cobb-Douglas rural sector (6) (sigma = 1, alpha = {FIG5_RURAL['alpha']}, a^R = {FIG5_RURAL['scale']}, "
               f"L^R = {FIG5_RURAL['land']}) whose land rents go to rural workers (rho^R = 0, so a rural migrant earns "
               f"F/N^R), Nbar = {FIG5_RURAL['total_population']}. Urban curves from optimum and local-politics solves at "
               f"{FIG5_GRID} urban populations N. O: the optimum's rural closure, mu_* = F'(N^R) (9), at N_*/Nbar = "
               f"{_n(N_O / Nbar, 6)} and mu_* = {_n(o.mu, 8)}{o_check}. M: urban-rural migration equalising average "
               f"benefits with the urban system organised optimally, W_*(N)/N = F(N^R)/N^R, at N/Nbar = "
               f"{_n(N_M / Nbar, 6)} (under-urbanised). P: local politics with the rural sector (a new city forms while "
               f"its benefit is at least u^R), at N/Nbar = {_n(N_P / Nbar, 6)}. Curves from solves at {d} digits; O, M "
               f"and P solved at {d} digits and confirmed at {2 * d} (agreed digits {digits}). The caption gives no "
               "parameters: the elasticities are those of Figures 1-3 (eps = 0.2, gamma = 0.5), and the sites and rural "
               "sector are chosen so that O, M and P lie apart in the interior.")
    numbers = {"N_O": _n(N_O, 20), "mu_star": _n(o.mu, 20),
               "N_O_fixed_route": None if N_O_fixed is None else _n(N_O_fixed, 20),
               "N_M": _n(N_M, 20), "benefit_M": _n(U_M, 20), "N_P": _n(N_P, 20), "benefit_P": _n(p.mu, 20),
               "rural_population_O": _n(o.rural_population, 20)}
    return Drawn(fig, caption, {**_fill(urban), "sites": FIG5_SITES, "rural": FIG5_RURAL}, numbers)
