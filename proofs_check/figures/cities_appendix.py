"""abrs2017 Figures 10 and 13: f(v; C) of Appendix A (A-1), and the fiscal regions of Table 1
(Appendix C.4), from `symbolic.cities` expressions evaluated in mpmath at exact parameters."""
from __future__ import annotations

import mpmath
import numpy as np
import sympy as sp

from numeric.precision import decimal_string
from symbolic import cities as sc
from symbolic.lambdas import numeric_lambda

from ._backend import pyplot
from .registry import Drawn, figure

__all__ = ["FIG10", "FIG13"]

FIG10 = {"epsilon": "0.03", "gamma": "0.25", "n_i": "1", "C": ["1", "4.5", "8"]}
FIG13 = {"epsilon": "0.03", "gamma": "0.5", "rho_left": "1", "tau_right": "0.34"}


def _n(x, digits: int = 8) -> str:
    return mpmath.nstr(x, digits)


@figure("abrs2017", "10", "Properties of f(v; C) for $1 \\le C \\le \\frac{\\gamma}{\\epsilon}$.")
def fig10(dps: int) -> Drawn:
    plt = pyplot()
    e, g = sp.Rational(FIG10["epsilon"]), sp.Rational(FIG10["gamma"])
    values = {sc.epsilon: e, sc.gamma: g, sc.n_i: sp.Rational(FIG10["n_i"])}
    f = numeric_lambda(sc.f_benefit().xreplace(values), [sc.v, sc.C], "mpmath", "f(v; C) (A-1)")
    vmax = numeric_lambda(sc.f_argmax().xreplace(values), [sc.C], "mpmath", "argmax f")
    fmax = numeric_lambda(sc.f_max().xreplace(values), [sc.C], "mpmath", "max f")
    fig, ax = plt.subplots()
    marks = {}
    with mpmath.workdps(dps):
        for j, Cs in enumerate(FIG10["C"]):
            C = mpmath.mpf(sp.Rational(Cs).p) / sp.Rational(Cs).q
            vs = [C * k / 200 for k in range(0, 211)]
            ax.plot([float(v) for v in vs], [float(f(v, C)) for v in vs], color=f"C{j}", label=f"C = {Cs}")
            vm, fm = vmax(C), fmax(C)
            ax.plot(float(vm), float(fm), "o", color=f"C{j}", ms=4)
            marks[Cs] = {"argmax": _n(vm, 20), "max": _n(fm, 20), "max_at_argmax": _n(f(vm, C), 20)}
    ax.axhline(0, color="0.6", lw=0.6)
    ax.set_xlabel(r"$v = (n/n_i)^{\gamma-\epsilon}$")
    ax.set_ylabel(r"$f(v; C)$ (units of $n_i^\gamma$)")
    ax.legend(loc="upper right")
    ge = g / e
    caption = (f"f(v; C) = v^(eps/(gamma-eps)) n_i^gamma (C - v) of (A-1) for C = {', '.join(FIG10['C'])} (from 1 to "
               f"gamma/eps = {decimal_string(ge)}), eps = 0.03, gamma = 0.25, n_i = 1: quasi-concave, zero at v = 0 "
               f"and v = C, with its maximum (dots) at the derived argmax v = eps C/gamma and value "
               f"(eps C/gamma)^(gamma/(gamma-eps)) (gamma/eps - 1) n_i^gamma (the derived exponent; f evaluated at "
               f"the argmax agrees). eps and gamma are the benchmark values; the C values are chosen.")
    return Drawn(fig, caption, {k: v for k, v in FIG10.items()}, marks)


def _regions(phi, phis, Gam):
    """0: Phi < Phi_*, 1: Phi_* <= Phi < 1, 2: 1 <= Phi < Gamma, 3: Phi >= Gamma (Table 1's columns)."""
    if phi < phis:
        return 0
    if phi < 1:
        return 1
    if phi < Gam:
        return 2
    return 3


@figure("abrs2017", "13", "Fiscal policies and expected solutions.")
def fig13(dps: int) -> Drawn:
    plt = pyplot()
    from matplotlib.colors import ListedColormap
    e, g = sp.Rational(FIG13["epsilon"]), sp.Rational(FIG13["gamma"])
    Phi = numeric_lambda(sc.fiscal_bundle().xreplace({sc.gamma: g}), [sc.tau, sc.rho, sc.delta], "mpmath", "Phi (3)")
    phis_q = sc.marginal_average_bundle().xreplace({sc.epsilon: e, sc.gamma: g})
    Gam_q = sc.max_land_agglomeration_ratio().xreplace({sc.epsilon: e, sc.gamma: g})
    m = 161
    grid = [sp.Rational(k, m - 1) for k in range(m)]
    left, right = np.empty((m, m)), np.empty((m, m))
    with mpmath.workdps(dps):
        phis, Gam = mpmath.mpf(phis_q.p) / phis_q.q, mpmath.mpf(Gam_q.p) / Gam_q.q
        pts = [mpmath.mpf(q.p) / q.q for q in grid]
        rho_l = mpmath.mpf(1)
        tau_r = mpmath.mpf(34) / 100
        for r, d in enumerate(pts):
            for c, x in enumerate(pts):
                # delta = 1 makes Phi infinite (no urban costs borne): Phi >= Gamma there
                left[r, c] = 3 if d == 1 else _regions(Phi(x, rho_l, d), phis, Gam)
                right[r, c] = 3 if d == 1 else _regions(Phi(tau_r, x, d), phis, Gam)
    cmap = ListedColormap(["0.95", "0.8", "0.6", "0.35"])
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(8.0, 3.8))
    xs = [float(q) for q in grid]
    for ax, data in ((a1, left), (a2, right)):
        ax.pcolormesh(xs, xs, data, cmap=cmap, vmin=-0.5, vmax=3.5, shading="nearest")
        ax.set_aspect("equal")
        ax.set_ylabel(r"congestion rebate $\delta$")
    a1.plot(0.34, 0.17, "k*", ms=8)
    a1.annotate("U.S. (0.34, 0.17)", (0.34, 0.17), textcoords="offset points", xytext=(4, 4), fontsize=7)
    a1.set_xlabel(r"federal tax rate $\tau$ ($\rho = 1$)")
    a2.set_xlabel(r"land ownership $\rho$ ($\tau = 0.34$)")
    a1.set_title("(a) congestion rebate and federal tax rate")
    a2.set_title("(b) land-ownership and congestion rebate")
    names = [r"$\Phi < \Phi_*$", r"$\Phi_* \leq \Phi < 1$", r"$1 \leq \Phi < \Gamma$", r"$\Phi \geq \Gamma$"]
    for k, name in enumerate(names):
        a2.plot([], [], "s", color=cmap(k), label=name)
    a2.legend(loc="upper right", fontsize=6)
    caption = (f"Regions of Table 1's columns in the fiscal parameters, eps = 0.03 and gamma = 0.5 as Appendix C.4 "
               f"states (its benchmark elsewhere is gamma = 0.25): Phi_* = {decimal_string(phis_q)}, Gamma = "
               f"{_n(Gam, 10)}; Phi (3) evaluated at every point of a {m} x {m} grid at {dps} digits. (a) delta "
               f"against tau with rho = 1; (b) delta against rho with tau = 0.34 (the right panel's tau is not "
               f"stated; the U.S. value is chosen). Darker: Phi >= Phi_*, where free migration makes large cities "
               f"oversized (Table 1).")
    return Drawn(fig, caption, {**FIG13, "grid": f"{m} x {m}, step 1/{m - 1}"},
                 {"Phi_star": decimal_string(phis_q), "Gamma": _n(Gam, 20)})
