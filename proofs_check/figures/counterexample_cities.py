"""Counterexample figures for abrs2017's `error` findings whose evidence is a curve: each is drawn
from `symbolic.cities` expressions at the exact parameters of the finding's counterexample, with
the counterexample's own point marked.

- Proposition 2 (iii) and 3 (ii): the size ratio that the proposition signs (n_p/n_* under local
  politics; the bound Phi^(1/(gamma-eps)) y >= n_m/n_* under free migration), across sites, from
  the implicit solutions (15) and (23), with the finite site range of the counterexample shaded.
- Section 3.2's threshold k_*^(1/(gamma-eps)): the printed threshold against the derived one
  (the Phi at which n_p(a_*) = n_*(a_*)) over k_* >= 1 (13).
- Section 3.3's rho threshold: Phi(rho) of (3) at tau = delta = 0 against Phi_*, with the
  printed and the derived thresholds on rho.
"""
from __future__ import annotations

import mpmath
import sympy as sp

from numeric.precision import decimal_string, exact, to_mpf
from symbolic import cities as sc
from symbolic.lambdas import numeric_lambda

from ._backend import pyplot
from .counterexample import counterexample_drawer
from .registry import Drawn

__all__: list[str] = []

E, G = sc.epsilon, sc.gamma


def _n(x, digits: int = 8) -> str:
    return mpmath.nstr(x, digits)


def _eg(cx: dict) -> tuple[sp.Rational, sp.Rational]:
    p = cx["parameters"]
    return exact(p["epsilon"], "epsilon"), exact(p["gamma"], "gamma")


def _mp(q) -> mpmath.mpf:
    return to_mpf(sp.Rational(q))


def _ratio_curve(rhs: sp.Expr, var: sp.Symbol, k: sp.Symbol, e, g, lo, hi, points: int, dps: int):
    """(site ratio a/a_margin, var) along var in (lo, hi], spaced geometrically: the implicit
    solution rhs(var) at k = 1 is (a/a_margin)^(gamma/(gamma-eps)), explicit in var, so the curve
    needs no root."""
    f = numeric_lambda(rhs.subs(k, 1).subs({E: e, G: g}), [var], "mpmath", "implicit solution at k = 1")
    out = []
    with mpmath.workdps(dps):
        power = (_mp(g) - _mp(e)) / _mp(g)
        for j in range(1, points + 1):
            v = lo * (hi / lo) ** (mpmath.mpf(j) / points)
            out.append((f(v) ** power, v))
    return out


def _var_at(rhs, var, k, e, g, site_ratio, lo, hi, dps: int) -> mpmath.mpf:
    """var at a given site ratio: the root of rhs(var) = site_ratio^(gamma/(gamma-eps)) in (lo, hi)."""
    f = numeric_lambda(rhs.subs(k, 1).subs({E: e, G: g}), [var], "mpmath", "implicit solution at k = 1")
    with mpmath.workdps(dps):
        target = site_ratio ** (_mp(g) / (_mp(g) - _mp(e)))
        return mpmath.findroot(lambda v: f(v) - target, (lo + (hi - lo) / 10 ** 12, hi - (hi - lo) / 10 ** 12),
                               solver="anderson")


def _size_ratio_figure(cx, dps, *, claim, rhs, var, k, lo, hi, ratio_of, site_key, label, tex_label, margin_name,
                       tex_margin, wrong_side: str, sentence: str) -> Drawn:
    plt = pyplot()
    e, g = _eg(cx)
    phi = exact(cx["parameters"]["Phi"], "Phi")
    with mpmath.workdps(dps):
        top = _mp(exact(cx["parameters"][site_key], site_key))
        lo_, hi_ = mpmath.mpf(lo(e, g)), mpmath.mpf(hi(e, g))
        v_cross = _var_at_value(ratio_of, phi, e, g, lo_, hi_, dps)   # where the ratio is 1
        cross = _site_of(rhs, var, k, e, g, v_cross, dps)
        at_top = ratio_of(_var_at(rhs, var, k, e, g, top, lo_, hi_, dps), phi, e, g)
        right = 1 + (max(cross, top) - 1) * mpmath.mpf("1.6")      # the window: both marks and beyond
        v_right = _var_at(rhs, var, k, e, g, right, lo_, hi_, dps)
        curve = [(s, ratio_of(v, phi, e, g)) for s, v in _ratio_curve(rhs, var, k, e, g, lo_, v_right, 300, dps)]
    shown = [(float(s), float(r)) for s, r in curve]
    fig, ax = plt.subplots(figsize=(5.0, 3.2))
    ax.plot([s for s, _ in shown], [r for _, r in shown], "k-", label=tex_label)
    ax.axhline(1, color="0.5", lw=0.7, ls="--")
    ax.axvspan(1, float(top), color="C3", alpha=0.12, label=f"sites of the counterexample: $a/{tex_margin}$ in [1, {_n(top, 8)}]")
    ax.axvline(float(cross), color="C0", lw=0.8, ls=":", label=f"ratio = 1 at $a/{tex_margin}$ = {_n(cross, 8)}")
    ax.plot(float(top), float(at_top), "o", color="C3", ms=4)
    ax.annotate(f"{_n(at_top, 6)} at abar", (float(top), float(at_top)), textcoords="offset points", xytext=(4, 4), fontsize=7)
    ax.set_xlim(1, float(right))
    ax.set_xlabel(f"site productivity relative to the margin, $a/{tex_margin}$")
    ax.set_ylabel(tex_label)
    ax.set_title(f"{claim}: {wrong_side}", fontsize=8)
    ax.legend(loc="best", fontsize=6)
    caption = (f"{claim} at eps = {decimal_string(e)}, gamma = {decimal_string(g)}, Phi = {decimal_string(phi)}: {sentence} "
               f"The curve is {label} from the implicit solution at k = 1, explicit in the size ratio; it crosses 1 at "
               f"a/{margin_name} = {_n(cross, 10)}, beyond the counterexample's finite abar = {_n(top, 12)} {margin_name}, "
               f"where it is {_n(at_top, 10)}. Evaluated at {dps} digits.")
    numbers = {"ratio_at_abar": _n(at_top, 20), "crossing_site_ratio": _n(cross, 20)}
    return Drawn(fig, caption, {"epsilon": decimal_string(e), "gamma": decimal_string(g), "Phi": decimal_string(phi),
                                site_key: cx["parameters"][site_key]}, numbers)


def _var_at_value(ratio_of, phi, e, g, lo, hi, dps):
    """The size ratio (x or y) in (lo, hi) at which the plotted ratio is 1."""
    with mpmath.workdps(dps):
        return mpmath.findroot(lambda v: ratio_of(v, phi, e, g) - 1, (lo + (hi - lo) / 10 ** 9, hi - (hi - lo) / 10 ** 9),
                               solver="anderson")


def _site_of(rhs, var, k, e, g, v, dps):
    """a/a_margin at the size ratio v: the implicit solution at k = 1, explicit in v."""
    f = numeric_lambda(rhs.subs(k, 1).subs({E: e, G: g}), [var], "mpmath", "implicit solution at k = 1")
    with mpmath.workdps(dps):
        return f(v) ** ((_mp(g) - _mp(e)) / _mp(g))


def _gap(e, g):
    """gamma - eps as an mpf."""
    return _mp(g) - _mp(e)


@counterexample_drawer("abrs2017:Prop2(iii)")
def prop2_iii(cx: dict, dps: int) -> Drawn:
    gamma_cap = lambda e, g: _mp(sc.max_land_agglomeration_ratio().subs({E: e, G: g})) ** (1 / _gap(e, g))  # noqa: E731
    return _size_ratio_figure(
        cx, dps, claim="abrs2017:Prop2(iii)", rhs=sc.optimal_size_implicit_solution(), var=sc.x, k=sc.k_star,
        lo=lambda e, g: 1, hi=gamma_cap,
        ratio_of=lambda x, phi, e, g: _mp(phi) ** (1 / _gap(e, g)) / x,       # n_p/n_i = Phi^(1/(gamma-eps)), (3)
        site_key="abar/a_*", label="n_p(a)/n_*(a) (local politics over the optimum)",
        tex_label=r"$n_p(a)/n_*(a)$ (local politics over the optimum)", margin_name="a_*", tex_margin="a_*",
        wrong_side="all cities oversized",
        sentence="'large cities are undersized if abar < oo' needs n_p/n_* < 1 at abar, but on every site up to this "
                 "finite abar the local-politics city is larger than the optimal one (ratio above 1).")


@counterexample_drawer("abrs2017:Prop3(ii)")
def prop3_ii(cx: dict, dps: int) -> Drawn:
    y_cap = lambda e, g: (_mp(g) / _mp(e)) ** (1 / _gap(e, g))           # noqa: E731  (23) holds for y below it
    return _size_ratio_figure(
        cx, dps, claim="abrs2017:Prop3(ii)", rhs=sc.free_migration_implicit_solution(), var=sc.y, k=sc.k_m,
        lo=lambda e, g: 1, hi=y_cap,
        ratio_of=lambda y, phi, e, g: _mp(phi) ** (1 / _gap(e, g)) * y,       # n_m/n_i = Phi^(1/(gamma-eps)) n_m/n_p
        site_key="abar/a_lower", label="n_m(a)/n_i(a) >= n_m(a)/n_*(a) (free migration)",
        tex_label=r"$n_m(a)/n_i(a) \geq n_m(a)/n_*(a)$ (free migration)", margin_name="a_m", tex_margin="a_m",
        wrong_side="the best city undersized",
        sentence="'large cities are over-sized if abar < oo' needs n_m > n_* at abar; n_m/n_i bounds n_m/n_* from above "
                 "(n_* >= n_i, Lemma 2) and stays below 1 on every site up to this finite abar (a_m >= a_lower), so "
                 "the best city is undersized.")


@counterexample_drawer("abrs2017:S3.2:all-occupied-k-star")
def all_occupied_k_star(cx: dict, dps: int) -> Drawn:
    plt = pyplot()
    e, g = _eg(cx)
    k0 = exact(cx["parameters"]["k_*"], "k_*")
    printed = sc.k_star ** (1 / (G - E))                       # the text's k_*^(1/(gamma-eps)), as printed
    derived = sc.local_politics_threshold()                    # the Phi at which n_p(a_*) = n_*(a_*)
    fp = numeric_lambda(printed.subs({E: e, G: g}), [sc.k_star], "mpmath", "printed threshold")
    fd = numeric_lambda(derived.subs({E: e, G: g}), [sc.k_star], "mpmath", "derived threshold")
    with mpmath.workdps(dps):
        K = _mp(k0)
        ks = [1 + (2 * K - 1) * mpmath.mpf(j) / 200 for j in range(201)]
        at = (fp(K), fd(K))
    fig, ax = plt.subplots(figsize=(5.0, 3.2))
    ax.plot([float(x) for x in ks], [float(fp(x)) for x in ks], "C3--", label=r"printed: $k_*^{1/(\gamma-\epsilon)}$")
    ax.plot([float(x) for x in ks], [float(fd(x)) for x in ks], "k-",
            label=r"derived: $k_*^{\gamma-\epsilon}$ (where $n_p(a_*) = n_*(a_*)$)")
    ax.axhline(1, color="0.5", lw=0.7, ls=":", label="1 (the text: the threshold is < 1)")
    for v, col in zip(at, ("C3", "k")):
        ax.plot(float(K), float(v), "o", color=col, ms=4)
        ax.annotate(_n(v, 6), (float(K), float(v)), textcoords="offset points", xytext=(4, 3), fontsize=7)
    ax.set_yscale("log")
    # mathtext before matplotlib 3.8 has no \underline: the lowest site is named in words
    ax.set_xlabel(r"$k_* = n_*/n_i \geq 1$ at the lowest site (13)")
    ax.set_ylabel(r"threshold on $\Phi$ (log scale)")
    ax.set_title("abrs2017:S3.2:all-occupied-k-star: the threshold replacing 1", fontsize=8)
    ax.legend(loc="upper left", fontsize=6)
    caption = (f"Section 3.2's threshold when all sites are occupied, at eps = {decimal_string(e)}, gamma = "
               f"{decimal_string(g)}: the printed k_*^(1/(gamma-eps)) and the derived threshold, the Phi at which "
               f"n_p(a_*) = Phi^(1/(gamma-eps)) n_i(a_*) equals n_*(a_*) = k_* n_i(a_*), for k_* from 1 (13) to "
               f"{_n(2 * K, 6)}. At the counterexample's k_* = {decimal_string(k0)} they are {_n(at[0], 10)} and "
               f"{_n(at[1], 10)}; neither is below 1, as the text has it. Evaluated at {dps} digits.")
    return Drawn(fig, caption, {"epsilon": decimal_string(e), "gamma": decimal_string(g), "k_*": decimal_string(k0)},
                 {"printed_at_k": _n(at[0], 20), "derived_at_k": _n(at[1], 20)})


@counterexample_drawer("abrs2017:S3.3:rho-threshold")
def rho_threshold(cx: dict, dps: int) -> Drawn:
    plt = pyplot()
    e, g = _eg(cx)
    printed = (1 - e / g) / (1 + g)                            # the text's (1 - eps/gamma)/(1 + gamma), as printed
    phi_rho = sc.fiscal_bundle().subs({sc.tau: 0, sc.delta: 0, G: g})      # Phi(rho) at tau = delta = 0, (3)
    phi_star = sc.marginal_average_bundle().subs({E: e, G: g})
    (derived,) = [r for r in sp.solve(sp.Eq(phi_rho, phi_star), sc.rho)]  # Phi(rho) = Phi_*: the threshold
    f = numeric_lambda(phi_rho, [sc.rho], "mpmath", "Phi (3) at tau = delta = 0")
    with mpmath.workdps(dps):
        rs = [mpmath.mpf(j) / 200 for j in range(201)]
        star = _mp(phi_star)
    fig, ax = plt.subplots(figsize=(5.0, 3.2))
    ax.plot([float(r) for r in rs], [float(f(r)) for r in rs], "k-", label=r"$\Phi(\rho) = 1/(1+\rho\gamma)$ (3)")
    ax.axhline(float(star), color="C0", lw=0.8, ls="--", label=rf"$\Phi_* = (1+\epsilon)/(1+\gamma)$ = {_n(star, 6)}")
    ax.axvline(float(printed), color="C3", lw=0.8, ls=":", label=f"printed threshold {_n(_mp(printed), 6)}")
    ax.axvline(float(derived), color="k", lw=0.8, ls=":", label=f"derived threshold {_n(_mp(derived), 6)}")
    lo, hi = sorted((float(printed), float(derived)))
    ax.axvspan(lo, hi, color="C3", alpha=0.12, label=r"printed condition holds, yet $\Phi > \Phi_*$")
    ax.set_xlim(0, 1)
    ax.set_xlabel(r"land purchase share $\rho$ ($\tau = \delta = 0$)")
    ax.set_ylabel(r"$\Phi$")
    ax.set_title("abrs2017:S3.3:rho-threshold", fontsize=8)
    ax.legend(loc="upper right", fontsize=6)
    caption = (f"Section 3.3's condition on rho at eps = {decimal_string(e)}, gamma = {decimal_string(g)}, tau = delta = 0: "
               f"Phi(rho) = 1/(1 + rho gamma) (3) falls to Phi_* = {decimal_string(phi_star)} at rho = "
               f"{decimal_string(derived)} = {_n(_mp(derived), 10)} (derived), while the printed threshold (1 - eps/gamma)/"
               f"(1 + gamma) is {decimal_string(printed)} = {_n(_mp(printed), 10)}. For rho in between (shaded) the printed "
               "condition holds but Phi > Phi_*, where large cities need not be underpopulated. Exact rationals; curve at "
               f"{dps} digits.")
    return Drawn(fig, caption, {"epsilon": decimal_string(e), "gamma": decimal_string(g)},
                 {"printed": decimal_string(printed), "derived": decimal_string(derived)})
