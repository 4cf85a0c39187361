"""hs2012 Figures 1-5, drawn from the I = 2 example of the Appendix: g_i of (A.1), c(N) = tN (III.7).

The paper prints no parameters for its figures; the ones used here satisfy every restriction it
states: alpha, beta, gamma, t > 0, beta > gamma (strict concavity for I = 2, Appendix),
alpha > t (interior type optima, after (A.19)), theta^i_i > theta^i_s > 1 (Assumption 1) and
theta^i_i > theta^s_i (Assumption 2). Every plotted point comes from `numeric.clusters` (type
optima (IV.1), the contract curve (IV.6)-(IV.7), the CPE allocation, the symmetric equilibria,
the specialized-city sizes) at `dps` digits, each solve confirmed by the solver at twice that;
level sets, loci and region boundaries are the `symbolic.clusters` expressions evaluated in
mpmath at the same precision on a grid, and only then converted to floats for drawing.
"""
from __future__ import annotations

import mpmath
import numpy as np
import sympy as sp

from numeric import clusters as nc
from symbolic import clusters as hs
from symbolic.lambdas import numeric_lambda

from ._backend import pyplot
from .registry import Drawn, figure

__all__ = ["FIG1_4_PARAMS", "FIG5_PARAMS", "TOTALS"]

#: Figures 1-4 (the project's examples/clusters.json): theta[i-1][s-1] = theta^i_s.
FIG1_4_PARAMS = {"alpha": "3", "beta": "1", "gamma": "0.5", "t": "1", "theta": [["4", "1.5"], ["2", "5"]]}
#: Figure 5 needs strong complementarities (V_1^2(n_2^S) above autarky), so theta^1_2 = 3.
FIG5_PARAMS = {"alpha": "3", "beta": "1", "gamma": "0.5", "t": "1", "theta": [["4", "3"], ["2", "5"]]}
#: Aggregate populations (N_1, N_2) of the ratio line (V.2); the ratio lies between the type optima's.
TOTALS = ("1000", "1100")

_CHOSEN = ("The paper prints no parameters for this figure; they are chosen inside its restrictions "
           "(alpha > t, beta > gamma, theta^i_i > theta^i_s > 1, theta^i_i > theta^s_i)")


def _f(x) -> float:
    return float(x)


def _params(d):
    return nc.as_cluster_params(d)


def _param_strings(p, extra=None) -> dict:
    out = dict(p.to_dict())
    out["g_i"] = "(A.1)"
    out["c(N)"] = "t N (III.7)"
    if extra:
        out.update(extra)
    return out


def _compiled(p, exprs, equation: str):
    model = p.spec.model()
    return [numeric_lambda(e, [*model.n, *p.spec.parameters], "mpmath", equation) for e in exprs]


def _on_grid(p, fns, xs, ys, dps: int) -> list[np.ndarray]:
    """Each function at every (n_1, n_2) of the grid, in mpmath at dps digits, then as floats."""
    out = [np.empty((len(ys), len(xs))) for _ in fns]
    with mpmath.workdps(dps):
        args = p.args()
        mx = [mpmath.mpf(str(x)) for x in xs]
        my = [mpmath.mpf(str(y)) for y in ys]
        for r, y in enumerate(my):
            for c, x in enumerate(mx):
                for k, fn in enumerate(fns):
                    out[k][r, c] = float(fn(x, y, *args))
    return out


def _grid(top: int, m: int = 121):
    xs = [sp.Rational(top * k, m - 1) for k in range(m)]
    return xs, [float(x) for x in xs]


def _optima(p, dps):
    return [nc.type_optimal_cluster(p, i, dps) for i in (1, 2)]


def _curve(p, dps, points: int = 19):
    curve = nc.contract_curve(p, points, dps)
    # lambda = k/(points+1) is the weight on type 1: from the type-2 optimum (lambda -> 0) to type 1
    pts = [(_f(c.n[0]), _f(c.n[1])) for c in curve.points]
    return curve, pts


def _loci(p, dps, top):
    """The four loci n_k^{*i}(n_other) of (IV.1) (dV_i/dn_k = 0), as (i, k, xs, ys)."""
    model = p.spec.model()
    values = p.exact_map()
    out = []
    ts = [sp.Rational(top * j, 40) for j in range(41)]
    with mpmath.workdps(dps):
        for i in (1, 2):
            for k in (1, 2):
                other = model.n[2 - k]
                expr = hs.type_optimal_locus(model, i, k).xreplace(values)
                fn = numeric_lambda(expr, [other], "mpmath", "(IV.1) solved for n_k")
                vals = [float(fn(mpmath.mpf(t.p) / t.q)) for t in ts]
                free = [float(t) for t in ts]
                xs, ys = (vals, free) if k == 1 else (free, vals)
                out.append((i, k, xs, ys))
    return out


def _label_axes(ax, top):
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel(r"$n_{1j}$ (type-1 workers)")
    ax.set_ylabel(r"$n_{2j}$ (type-2 workers)")
    ax.set_aspect("equal")


def _levels(opt, spread=(6, 18, 36)):
    return sorted(_f(opt.utility) - s for s in spread)


@figure("hs2012", "1", "Type optimal clusters and their level sets")
def fig1(dps: int) -> Drawn:
    plt = pyplot()
    p = _params(FIG1_4_PARAMS)
    o1, o2 = _optima(p, dps)
    top = 40
    exact, xs = _grid(top)
    V1, V2 = _on_grid(p, _compiled(p, [hs.utility(p.spec.model(), i) for i in (1, 2)], "(III.6)"),
                      exact, exact, dps)
    fig, ax = plt.subplots()
    ax.contour(xs, xs, V1, levels=_levels(o1), colors="C0", linestyles="solid", linewidths=0.9)
    ax.contour(xs, xs, V2, levels=_levels(o2), colors="C3", linestyles="dashed", linewidths=0.9)
    ax.plot([0, top], [0, top], color="0.5", lw=0.6)
    for o, c, name in ((o1, "C0", "type-1 optimum"), (o2, "C3", "type-2 optimum")):
        ax.plot(_f(o.n[0]), _f(o.n[1]), "o", color=c, label=f"{name} ({_f(o.n[0]):.4g}, {_f(o.n[1]):.4g})")
    ax.plot([], [], color="C0", lw=0.9, label=r"level sets of $V_1$")
    ax.plot([], [], color="C3", lw=0.9, ls="--", label=r"level sets of $V_2$")
    ax.legend(loc="upper left")
    _label_axes(ax, top)
    caption = (f"Type-optimal clusters (IV.1) of the (A.1) example for I = 2, solved at {dps} digits: type 1 at "
               f"({_n(o1.n[0])}, {_n(o1.n[1])}), below the 45-degree line, and type 2 at ({_n(o2.n[0])}, "
               f"{_n(o2.n[1])}), above it (Proposition 1), with level sets of V_1 (solid) and V_2 (dashed) at "
               f"6, 18 and 36 below each optimum. {_CHOSEN}.")
    return Drawn(fig, caption, _param_strings(p), {"type_optimum_1": _ns(o1.n), "type_optimum_2": _ns(o2.n)})


def _n(x, digits: int = 10) -> str:
    return mpmath.nstr(x, digits)


def _ns(v) -> list:
    return [_n(x, 20) for x in v]


@figure("hs2012", "2", "The contract curve")
def fig2(dps: int) -> Drawn:
    plt = pyplot()
    p = _params(FIG1_4_PARAMS)
    o1, o2 = _optima(p, dps)
    curve, pts = _curve(p, dps)
    top = 40
    exact, xs = _grid(top)
    V1, V2 = _on_grid(p, _compiled(p, [hs.utility(p.spec.model(), i) for i in (1, 2)], "(III.6)"),
                      exact, exact, dps)
    fig, ax = plt.subplots()
    chain = [(_f(o2.n[0]), _f(o2.n[1])), *pts, (_f(o1.n[0]), _f(o1.n[1]))]
    ax.plot([x for x, _ in chain], [y for _, y in chain], "k-", lw=1.4, label="contract curve (IV.6)-(IV.7)")
    for k in (4, 9, 14):        # lambda = 1/4, 1/2, 3/4: both utilities' level sets through the point
        c = curve.points[k]
        ax.contour(xs, xs, V1, levels=[_f(c.utilities[0])], colors="C0", linewidths=0.8)
        ax.contour(xs, xs, V2, levels=[_f(c.utilities[1])], colors="C3", linewidths=0.8, linestyles="dashed")
        ax.plot(_f(c.n[0]), _f(c.n[1]), "ks", ms=3)
    for o, col, name in ((o1, "C0", "type-1 optimum"), (o2, "C3", "type-2 optimum")):
        ax.plot(_f(o.n[0]), _f(o.n[1]), "o", color=col, label=name)
    ax.plot([0, top], [0, top], color="0.5", lw=0.6)
    ax.plot([], [], color="C0", lw=0.8, label=r"$V_1$ through $\lambda$ = 1/4, 1/2, 3/4")
    ax.plot([], [], color="C3", lw=0.8, ls="--", label=r"$V_2$ through the same points")
    ax.legend(loc="upper left")
    _label_axes(ax, top)
    caption = (f"The contract curve: Pareto-efficient clusters (IV.4)-(IV.7) for lambda = k/20, k = 1..19, solved "
               f"at {dps} digits (largest residual {mpmath.nstr(curve.residual, 3)}), joining the type-2 optimum "
               f"(lambda -> 0) to the type-1 optimum (lambda -> 1); at lambda = 1/4, 1/2, 3/4 the level sets of V_1 "
               f"and V_2 through the point are tangent. {_CHOSEN}.")
    return Drawn(fig, caption, _param_strings(p, {"lambda": [f"{k}/20" for k in range(1, 20)]}),
                 {"contract_curve": [_ns(c.n) for c in curve.points]})


def _stable_mask(p, exact, dps):
    model = p.spec.model()
    S1, S2 = _on_grid(p, _compiled(p, [hs.stability_derivative(model, i) for i in (1, 2)], "dV_i/dn_i"),
                      exact, exact, dps)
    return np.where((S1 < 0) & (S2 < 0), 1.0, 0.0), S1, S2


def _ratio_line(ax, top, N, **kw):
    slope = float(sp.Rational(N[1]) / sp.Rational(N[0]))
    ax.plot([0, top / max(1, slope)], [0, top / max(1, slope) * slope], **kw)


@figure("hs2012", "3", "Efficient allocations are unstable")
def fig3(dps: int) -> Drawn:
    plt = pyplot()
    p = _params(FIG1_4_PARAMS)
    o1, o2 = _optima(p, dps)
    curve, pts = _curve(p, dps)
    cpe = nc.cpe_allocation(p, TOTALS, dps)
    top = 40
    exact, xs = _grid(top)
    mask, _, _ = _stable_mask(p, exact, dps)
    fig, ax = plt.subplots()
    ax.contourf(xs, xs, mask, levels=[0.5, 1.5], colors=["0.85"])
    styles = {(1, 1): ("C0", "-"), (1, 2): ("C0", ":"), (2, 1): ("C3", ":"), (2, 2): ("C3", "-")}
    for i, k, lx, ly in _loci(p, dps, top):
        col, ls = styles[(i, k)]
        other = 2 if k == 1 else 1
        ax.plot(lx, ly, color=col, ls=ls, lw=1.0, label=rf"$n_{{{k}}}^{{*{i}}}(n_{{{other}}})$: $\partial V_{i}/\partial n_{k} = 0$")
    chain = [(_f(o2.n[0]), _f(o2.n[1])), *pts, (_f(o1.n[0]), _f(o1.n[1]))]
    ax.plot([x for x, _ in chain], [y for _, y in chain], "k-", lw=1.4, label="contract curve")
    _ratio_line(ax, top, TOTALS, color="0.3", lw=0.8, ls="--", label=r"ratio line $n_2 = (N_2/N_1) n_1$ (V.2)")
    ax.plot(_f(cpe.n[0]), _f(cpe.n[1]), "k*", ms=8, label="constrained Pareto efficient")
    for o, col in ((o1, "C0"), (o2, "C3")):
        ax.plot(_f(o.n[0]), _f(o.n[1]), "o", color=col)
    ax.plot([], [], "s", color="0.85", label=r"stable region $S_1 \cap S_2$")
    ax.legend(loc="upper left", fontsize=6)
    _label_axes(ax, top)
    margins = ", ".join(mpmath.nstr(m, 6) for m in cpe.stability_margins)
    caption = (f"The four loci of (IV.1) (dV_i/dn_k = 0, from the derived conditions), the type optima, the "
               f"contract curve, and the stable region S_1 and S_2 (dV_1/dn_1 < 0 and dV_2/dn_2 < 0, shaded, on a "
               f"121 x 121 grid at {dps} digits). The ratio line for (N_1, N_2) = ({TOTALS[0]}, {TOTALS[1]}) meets "
               f"the contract curve at the constrained Pareto-efficient allocation ({_n(cpe.n[0])}, {_n(cpe.n[1])}) "
               f"(lambda_1 = {_n(cpe.weights[0], 8)}), where dV_1/dn_1, dV_2/dn_2 = {margins}: not both negative, so "
               f"outside the stable region (Proposition 2). {_CHOSEN}; the totals are chosen so that the ratio "
               "line crosses the contract curve between the type optima (footnote 14).")
    return Drawn(fig, caption, _param_strings(p, {"totals": list(TOTALS)}),
                 {"cpe": _ns(cpe.n), "cpe_stability_margins": _ns(cpe.stability_margins)})


@figure("hs2012", "4", "Symmetric Nash equilibria")
def fig4(dps: int) -> Drawn:
    plt = pyplot()
    p = _params(FIG1_4_PARAMS)
    o1, o2 = _optima(p, dps)
    curve, pts = _curve(p, dps)
    cpe = nc.cpe_allocation(p, TOTALS, dps)
    eq = nc.symmetric_equilibria(p, TOTALS, dps)
    top = 40
    exact, xs = _grid(top)
    mask, _, _ = _stable_mask(p, exact, dps)
    model = p.spec.model()
    zero = {nk: 0 for nk in model.n}
    aut = [hs.utility(model, i) - hs.utility(model, i).xreplace(zero) for i in (1, 2)]
    A1, A2 = _on_grid(p, _compiled(p, aut, "V_i - V_i(0)"), exact, exact, dps)
    fig, ax = plt.subplots()
    ax.contourf(xs, xs, mask, levels=[0.5, 1.5], colors=["0.88"])
    ax.contour(xs, xs, A1, levels=[0], colors="C0", linewidths=0.9)
    ax.contour(xs, xs, A2, levels=[0], colors="C3", linewidths=0.9, linestyles="dashed")
    chain = [(_f(o2.n[0]), _f(o2.n[1])), *pts, (_f(o1.n[0]), _f(o1.n[1]))]
    ax.plot([x for x, _ in chain], [y for _, y in chain], "k-", lw=1.0, label="contract curve")
    _ratio_line(ax, top, TOTALS, color="0.3", lw=0.7, ls="--", label="ratio line (V.2)")
    N = [float(sp.Rational(x)) for x in TOTALS]
    shown = []
    for iv in eq.intervals:
        lo = float(iv.s_lo)
        hi = float(iv.s_hi) if iv.s_hi is not None else top / max(N)
        ax.plot([lo * N[0], hi * N[0]], [lo * N[1], hi * N[1]], color="k", lw=4, solid_capstyle="butt")
        shown.append((iv, lo, hi))
    ax.plot([], [], color="k", lw=4, label="symmetric Nash equilibria")
    ax.plot(_f(cpe.n[0]), _f(cpe.n[1]), "k*", ms=8, label="constrained Pareto efficient")
    ax.plot([], [], color="C0", lw=0.9, label=r"$V_1 = V_1(0)$ (edge of $A_1$)")
    ax.plot([], [], color="C3", lw=0.9, ls="--", label=r"$V_2 = V_2(0)$ (edge of $A_2$)")
    ax.plot([], [], "s", color="0.88", label=r"stable region $S_1 \cap S_2$")
    ax.legend(loc="upper left", fontsize=6)
    _label_axes(ax, top)
    if shown:
        parts = []
        for iv, lo, hi in shown:
            ends = (f"s in ({_n(iv.s_lo)}, {_n(iv.s_hi) if iv.s_hi is not None else 'oo'}{']' if iv.hi_closed else ')'}"
                    f", i.e. n from ({_n(iv.s_lo * mpmath.mpf(N[0]))}, {_n(iv.s_lo * mpmath.mpf(N[1]))})"
                    + ("" if iv.s_hi is None else f" to ({_n(iv.s_hi * mpmath.mpf(N[0]))}, {_n(iv.s_hi * mpmath.mpf(N[1]))})"))
            parts.append(ends + f" (binding: {', '.join(iv.lo_binding)} below, {', '.join(iv.hi_binding) or 'none'} above)")
        where = "; ".join(parts)
    else:
        where = "empty"
    caption = (f"Symmetric Nash equilibria on the ratio line n = s (N_1, N_2), (N_1, N_2) = ({TOTALS[0]}, {TOTALS[1]}) "
               f"(bold): the part inside S_1 and S_2 (shaded) and A_1 and A_2 (inside both autarky curves), solved "
               f"at {dps} digits ({eq.method}): {where}. J = 1/s clusters. The constrained Pareto-efficient "
               f"allocation lies below the bold segment: equilibrium clusters are too large. {_CHOSEN}.")
    return Drawn(fig, caption, _param_strings(p, {"totals": list(TOTALS)}),
                 {"equilibria": [iv.to_dict(eq.totals, 20) for iv in eq.intervals]})


@figure("hs2012", "5", "Utility maximization with specialized cities")
def fig5(dps: int) -> Drawn:
    plt = pyplot()
    p = _params(FIG5_PARAMS)
    spec = nc.specialized(p, 1, 2, dps)
    model = p.spec.model()
    s = sp.Symbol("s", positive=True)
    fns = [numeric_lambda(hs.specialized_utility(model, 1, k, s), [s, *p.spec.parameters], "mpmath",
                          "V_i^k (Section VI.A)") for k in (1, 2)]
    top = float(spec.n_A) * 1.15
    with mpmath.workdps(dps):
        args = p.args()
        ns = [mpmath.mpf(top) * j / 200 for j in range(201)]
        V11 = [float(fns[0](n, *args)) for n in ns]
        V12 = [float(fns[1](n, *args)) for n in ns]
    x = [float(n) for n in ns]
    fig, ax = plt.subplots()
    ax.plot(x, V11, "C0-", label=r"$V_1^1(n_1)$: type 1 in a type-1 city")
    ax.plot(x, V12, "C3--", label=r"$V_1^2(n_2)$: type 1 joining a type-2 city")
    ax.axhline(float(spec.autarky_utility), color="0.5", lw=0.6)
    ax.axhline(float(spec.other_city_utility), color="C3", lw=0.6, ls=":")
    marks = [("n_1^S", spec.n_S, spec.utility_at_n_S), ("n_1^A", spec.n_A, spec.autarky_utility),
             ("n_2^S", spec.n_S_other, spec.other_city_utility)]
    if spec.n_C is not None:
        marks.append(("n_1^C", spec.n_C, spec.utility_at_n_C))
    for name, n, v in marks:
        ax.plot(float(n), float(v), "ko", ms=3)
        ax.annotate(f"${name}$", (float(n), float(v)), textcoords="offset points", xytext=(3, 4), fontsize=8)
    if spec.n_C is not None and spec.n_A is not None:
        ax.axvspan(float(spec.n_C), float(spec.n_A), color="0.9")
    ax.set_xlim(0, top)
    ax.set_xlabel("city population (one type)")
    ax.set_ylabel("utility of a type-1 worker")
    ax.legend(loc="lower left")
    caption = (f"Specialized cities (Section VI): V_1^1(n_1) and V_1^2(n_2) with n_1^S = {_n(spec.n_S)}, n_1^A = "
               f"{_n(spec.n_A)}, n_2^S = {_n(spec.n_S_other)} and V_1^2(n_2^S) = {_n(spec.other_city_utility)} > "
               f"V_1(0) = {_n(spec.autarky_utility)}, so n_1^C = {_n(spec.n_C) if spec.n_C is not None else 'none'}; "
               f"populations in (n_1^C, n_1^A] (shaded) cannot be specialized equilibria (VI.1). Solved at {dps} "
               f"digits. {_CHOSEN}; theta^1_2 = 3 (not the 1.5 of Figures 1-4) gives the strong complementarities the "
               "figure shows, so Assumption 3 fails here (margin "
               f"{_n(spec.assumption3_margin) if spec.assumption3_margin is not None else 'n/a'}).")
    return Drawn(fig, caption, _param_strings(p, {"i": "1", "k": "2"}),
                 {"n_S": _n(spec.n_S, 20), "n_A": _n(spec.n_A, 20), "n_S_other": _n(spec.n_S_other, 20),
                  "n_C": None if spec.n_C is None else _n(spec.n_C, 20)})
