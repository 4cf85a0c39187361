"""abrs2017 statements on benefit levels and fiscal schedules, held site by site to computed allocations.

Proposition 1 (i) with (16), Proposition 2 (v), Proposition 3 (v), the schedules (27)-(28) that
"implement the efficient allocation" (Section 4.3) and Proposition 5 speak of benefits at an
allocation's city sizes. Here the sizes come from the solvers of `numeric.cities` (the shared
pool of `allocations_numeric`, fixed N); the benefits smb (1), sab and pab (2) are evaluated from
the primitives w = a n^eps, urban costs n^(1+gamma) and the wedges tau, rho, delta; the printed
side -- u_i of (11), pab_p of (4), the printed forms of (27)-(28) -- from its transcription.

The occupied sites are every city of a discrete list, the one city size of homogeneous sites, and
for a continuous distribution the test sites of `structure_numeric._test_sites` from the margin
up to the best site. Every condition is relative (to the benefit level) and read as x >= -tol with
tol = 10^-(dps/2), so an equality met to the working precision has a margin near 1 and a violation
a large negative one; `run_on_pool` confirms every verdict at 2 dps, and screens continuous draws
in float64 with the same code (tol 1e-8).
"""
from __future__ import annotations

import math
from functools import lru_cache

import mpmath
import sympy as sp

from symbolic import cities as sc
from symbolic.lambdas import numeric_lambda
from ..claims import Outcome, Settings
from ..draws_cities import in_domain, phi_bundles, phi_region, point_sites, site_kind
from ..numeric_check import Evaluation, NumericClaim
from .allocations_numeric import CONTINUOUS, allocation, float_alloc, fm_exists, lp_exists, run_on_pool
from .benefits import n_i_printed, phi_printed

__all__ = ["site_claim", "optimum_levels", "optimum_sab", "local_politics_benefits", "free_migration_level",
           "phi_star_equalises_smb", "schedules_implement", "schedule_shape", "equilibria_at_k_m"]

eps, gam, tau, rho, delta, a, n, x = sc.epsilon, sc.gamma, sc.tau, sc.rho, sc.delta, sc.a, sc.n, sc.x
GE = gam - eps
_ARGS = [n, a, eps, gam, tau, rho, delta]
FLOAT_TOL = 1e-8


def _in_n(expr):
    """A printed expression in x = n_*(a)/n_i(a) (or n and a) at n: x = n/n_i(a) with the printed (3)."""
    return sp.sympify(expr).subs(x, n / n_i_printed())


def _printed_u_i():
    """u_i(a) = (gamma/eps - 1) n_i(a)^gamma as printed in (11)."""
    return (gam / eps - 1) * n_i_printed() ** gam


def _printed_pab_p():
    """pab_p(a) = (1 - delta)(1 + rho gamma)(gamma/eps - 1) n_p(a)^gamma with n_p = n_i Phi^(1/(gamma-eps)), (3)-(4)."""
    return (1 - delta) * (1 + rho * gam) * (gam / eps - 1) * (n_i_printed() * phi_printed() ** (1 / GE)) ** gam


def _tau_forms():
    """The two printed forms of tau_*(a), (27)."""
    from .policy import _schedule_first_form
    return (_schedule_first_form("tau"), gam * (x ** GE - 1) / (gam / eps - x ** GE))


def _delta_forms():
    """The two printed forms of delta_*(a), (28)."""
    from .policy import _schedule_first_form
    n_star = x * n_i_printed()
    second = gam * (gam / eps - 1 + (1 - rho) * (a * n_star ** eps - n_star ** gam)) / ((1 + gam) * (gam / eps - x ** GE))
    return (_schedule_first_form("delta"), second)


_EXPRS = {
    "smb": sc.social_marginal_benefit, "sab": sc.social_average_benefit, "pab": sc.private_average_benefit,
    "Phi": sc.fiscal_bundle, "u_i": _printed_u_i, "pab_p": _printed_pab_p,
    "dpab/dn": lambda: sp.diff(sc.private_average_benefit(), n),
    "tau27-first": lambda: _in_n(_tau_forms()[0]), "tau27-second": lambda: _in_n(_tau_forms()[1]),
    "delta28-first": lambda: _in_n(_delta_forms()[0]), "delta28-second": lambda: _in_n(_delta_forms()[1]),
}


@lru_cache(maxsize=None)
def _fn(key: str, backend: str):
    """The expression `key` of _EXPRS as a function of (n, a, eps, gamma, tau, rho, delta)."""
    return numeric_lambda(_EXPRS[key](), _ARGS, backend, key)


def _num(value, lib):
    r = sp.Rational(value)
    return lib(r.p) / lib(r.q)


def _wedges(p: dict, lib) -> tuple:
    return tuple(_num(p[k], lib) for k in ("epsilon", "gamma", "tau", "rho", "delta"))


def occupied(p: dict, alloc, lib) -> list:
    """(a, n(a)) on the allocation's occupied sites, worst site first: every city of a discrete
    list, the one city of homogeneous sites, the test sites from the margin up for a continuous G."""
    kind = site_kind(p)
    if kind == "discrete":
        K = alloc.number_of_cities
        return list(zip(alloc.site_values[:K], alloc.sizes[:K]))[::-1]
    if kind == "homogeneous":
        return [(_num(point_sites(p)["homogeneous"]["value"], lib), alloc.largest_city)]
    from .structure_numeric import _test_sites
    return [(s, lib(alloc.size_of(s))) for s in _test_sites(p, alloc.margin_site, lib) if s >= alloc.margin_site]


class _Margins:
    """The smallest margin (x / level + tol) / tol over the conditions `need`ed, with its label."""

    def __init__(self, tol):
        self.tol, self.worst, self.where = tol, None, ""

    def need(self, x, level, what):
        m = (x / abs(level) + self.tol) / self.tol
        if self.worst is None or m < self.worst:
            self.worst, self.where = m, what

    def equal(self, value, target, what, scale=None):
        """|value - target| within tol times `scale` (default |target|; a ratio or rate that may
        be 0 passes its own O(1) scale)."""
        scale = abs(target) if scale is None else scale
        self.need(self.tol * scale - abs(value - target), scale, what)


class _FloatView:
    def __init__(self, f):
        self.mu, self.margin_site, self.margin_ratio = f.mu, f.margin_site, f.margin_ratio
        self.all_sites_occupied = f.all_occupied
        self.size_of = lambda s: float(f.size(s))


def site_claim(name: str, conditions, *, hypotheses, conclusion: str, hypotheses_text: str,
               absent: str = "the allocation was not found at this N", interior: bool = False,
               k_m=None) -> NumericClaim:
    """A numeric claim over the pool: `conditions(p, alloc, lib, margins, backend)` adds each
    condition to `margins` (a _Margins) for the `name` allocation of draw p. `interior`: the
    statement presumes the allocation's margin city at its (private) efficient scale, k = 1, so an
    allocation that occupies every site (k > 1) does not meet its hypotheses. `k_m(p)`: the margin
    city's ratio n_m(a_m)/n_p(a_m) to impose on free migration (an exact rational), else 1."""
    def evaluate(p, dps):
        alloc = allocation(p, name, dps, k_m=k_m(p) if k_m else None)
        if alloc is None:
            return Evaluation(None, exists=False, why=f"no {name} allocation at this N")
        if interior and alloc.all_sites_occupied:
            return Evaluation(None, exists=False, why=f"the {name} allocation occupies every site (k > 1)")
        with mpmath.workdps(dps):
            margins = _Margins(mpmath.mpf(10) ** (-(dps // 2)))
            conditions(p, alloc, mpmath.mpf, margins, "mpmath")
            values = {"tightest condition": margins.where, "margin site": alloc.margin_site,
                      "margin ratio k": alloc.margin_ratio, "mu": alloc.mu, "N": p["N"], "Phi region": phi_region(p),
                      "inside the economically meaningful domain": "yes" if in_domain(p) else "no"}
            return Evaluation(margins.worst, alloc.residual, values)

    def screen(points):
        out = []
        for p in points:
            f = float_alloc(p, name, float(k_m(p)) if k_m else 1.0) if site_kind(p) in CONTINUOUS else None
            if f is None or (interior and f.all_occupied):
                out.append(float("nan"))
                continue
            margins = _Margins(FLOAT_TOL)
            try:
                with _quiet():
                    conditions(p, _FloatView(f), float, margins, "numpy")
                m = float(margins.worst)
            except (ArithmeticError, ValueError, FloatingPointError, TypeError):
                m = float("nan")
            out.append(m if math.isfinite(m) else float("nan"))
        return out

    return NumericClaim(space=None, hypotheses=hypotheses, evaluate=evaluate, screen=screen, conclusion=conclusion,
                        hypotheses_text=hypotheses_text, case=lambda p: phi_region(p), sample_size=1,
                        absent=absent + (f", or it occupies every site (k > 1)" if interior else ""))


def _quiet():
    import numpy as np
    return np.errstate(all="ignore")


def _continuous_margin(p: dict, lib) -> bool:
    return site_kind(p) not in ("discrete",) and p["occupancy"] == "interior"


# --- Proposition 1 (i), (16): smb[n_*(a), a] = mu_* = u_i(a_*) ------------------------------------

def _levels(benefit: str, printed: str, equalised: str, at_margin: str):
    """The conditions 'the benefit `benefit` equals mu on every occupied site' ('`equalised` at a = ...')
    and 'the printed level `printed` of the margin site equals mu' (`at_margin`)."""
    def conditions(p, alloc, lib, m, backend):
        e, g, t, r, d = _wedges(p, lib)
        b = _fn(benefit, backend)
        for s, size in occupied(p, alloc, lib):
            m.equal(b(size, s, e, g, t, r, d), alloc.mu, f"{equalised} at a = {_show(s)}")
        m.equal(_fn(printed, backend)(1, alloc.margin_site, e, g, t, r, d), alloc.mu, at_margin)
    return conditions


_optimum_levels = _levels("smb", "u_i", "smb[n_*(a), a] = mu_*", "mu_* = u_i(a_*) as printed in (11)")


def optimum_levels(s: Settings) -> Outcome:
    """Proposition 1 (i): the optimum's smb at every occupied site, and u_i(a_*) (11), equal mu_*."""
    spec = site_claim(
        "optimum", _optimum_levels, hypotheses=lambda p: _continuous_margin(p, None), interior=True,
        conclusion="Proposition 1 (i): at the computed optimum, smb[n_*(a), a] = mu_* on every occupied test site and "
                   "mu_* = u_i(a_*) = (gamma/eps - 1) n_i(a_*)^gamma as printed",
        hypotheses_text="a_* > a_lower (the optimum leaves sites empty), continuous or homogeneous sites (Lemma 2's G; a "
                        "discrete list's margin city is not at n_i), any Phi region (the optimum does not depend on it), "
                        "the same N")
    return run_on_pool(spec, s)


# --- Proposition 2 (v): benefits a constant multiple of costs; pab_p(a) of (4) ------------------

def _lp_benefits(p, alloc, lib, m, backend):
    e, g, t, r, d = _wedges(p, lib)
    sites = occupied(p, alloc, lib)
    pab, sab, smb = _fn("pab", backend), _fn("sab", backend), _fn("smb", backend)
    first = None
    for s, size in sites:
        m.equal(pab(size, s, e, g, t, r, d), _fn("pab_p", backend)(1, s, e, g, t, r, d),
                f"pab[n_p(a), a] = pab_p(a) of (4) at a = {_show(s)}")
        ratios = tuple(f(size, s, e, g, t, r, d) / size ** g for f in (sab, smb, pab))
        if first is None:
            first = (s, size, ratios)
            continue
        for word, here, there in zip(("sab", "smb", "pab"), ratios, first[2]):
            m.equal(here, there, f"{word}/n^gamma at a = {_show(s)} equal to its value at the margin",
                    scale=1 + abs(there))
        m.need(size ** g - first[1] ** g, first[1] ** g, f"urban costs n^gamma rise with a at a = {_show(s)}")


def local_politics_benefits(s: Settings) -> Outcome:
    """Proposition 2 (v) at the computed local-politics allocation."""
    spec = site_claim(
        "local-politics", _lp_benefits,
        hypotheses=lambda p: site_kind(p) != "discrete" and lp_exists(p),
        conclusion="Proposition 2 (v): at the computed local-politics allocation, sab, smb and pab per unit of urban "
                   "cost n^gamma are the same on every occupied test site, n^gamma rises with a, and pab equals "
                   "pab_p(a) as printed in (4)",
        hypotheses_text="continuous or homogeneous sites (every city at n_p(a); a discrete list at a fixed N leaves a "
                        "partial last city), any Phi region, the same N, within what local politics can hold")
    return run_on_pool(spec, s)


# --- Proposition 3 (v): mu_m = pab_m(a) = pab_p(a_m) -----------------------------------------------

_fm_level = _levels("pab", "pab_p", "pab[n_m(a), a] = mu_m", "mu_m = pab_p(a_m) as printed in (4)")


def free_migration_level(s: Settings) -> Outcome:
    """Proposition 3 (v) at the computed free-migration allocation (k_m = 1, the proposition's n_m(a_m) = n_p(a_m))."""
    spec = site_claim(
        "free-migration", _fm_level, hypotheses=lambda p: site_kind(p) != "discrete" and fm_exists(p), interior=True,
        conclusion="Proposition 3 (v): at the computed free-migration allocation (n_m(a_m) = n_p(a_m)), pab[n_m(a), a] "
                   "= mu_m on every occupied test site and mu_m = pab_p(a_m) as printed in (4)",
        hypotheses_text="continuous or homogeneous sites with n_m(a_m) = n_p(a_m) (a discrete list's margin city is not "
                        "at n_p; nor is the margin city of an allocation that occupies every site), any Phi region, the same "
                        "N, within what free migration can hold")
    return run_on_pool(spec, s)


# --- Section 4.3: the schedules (27)-(28) implement the optimum --------------------------------------

def _implements(tau_key: str, delta_key: str):
    def conditions(p, alloc, lib, m, backend):
        e, g, t, r, d = _wedges(p, lib)
        pab, bundle = _fn("pab", backend), _fn("Phi", backend)
        level = None
        for s, size in occupied(p, alloc, lib):
            t_a = _fn(tau_key, backend)(size, s, e, g, t, r, d)
            d_a = _fn(delta_key, backend)(size, s, e, g, t, r, d)
            here = pab(size, s, e, g, t_a, r, d_a)
            m.equal(bundle(size, s, e, g, t_a, r, d_a), lib(1), f"Phi(a) = 1 under the schedules at a = {_show(s)}")
            if level is None:
                level = here
            else:
                m.equal(here, level, f"pab under the schedules at a = {_show(s)} equal to the margin city's")
    return conditions


_FORM = {"tau27-first": "the first form of (27)", "tau27-second": "the second form of (27)",
         "delta28-first": "the first form of (28)", "delta28-second": "the second form of (28)"}


def schedules_implement(s: Settings, pairs) -> Outcome:
    """Whether tau(a), delta(a) from the printed schedules make the computed optimum a free-migration
    equilibrium: with every city at n_*(a) and the draw's rho, pab under the site's schedule is the same
    on every occupied site (free mobility, (18)) and Phi(a) = 1, so the private efficient scale of the
    margin site is n_i(a_*) and the extensive margin is the optimum's (k_m = k_*; text after (27)).
    `pairs`: (tau form, delta form) keys. The entry condition below the margin is outside the text:
    the schedules are defined on the optimum's cities only."""
    from .propositions_numeric import combined
    outs = []
    for tau_key, delta_key in pairs:
        spec = site_claim(
            "optimum", _implements(tau_key, delta_key), hypotheses=lambda p: True,
            conclusion=f"Section 4.3: tau_*(a) by {_FORM[tau_key]} and delta_*(a) by {_FORM[delta_key]}, evaluated at the "
                       "computed optimum's sizes, give every occupied city the same pab and Phi(a) = 1 (the optimum "
                       "is a free-migration equilibrium under them)",
            hypotheses_text="any sites, any Phi region of the draw's own wedges (replaced by the schedules; rho kept, "
                            "'fixed by local decree'), the same N")
        outs.append(run_on_pool(spec, s))
    return combined(outs)


# --- Proposition 5: the schedules' shape at the computed optimum -------------------------------------

def _shape(which: str, rho_zero: bool = False):
    def conditions(p, alloc, lib, m, backend):
        e, g, t, r, d = _wedges(p, lib)
        if rho_zero:
            r = lib(0)
        sab, smb = _fn("sab", backend), _fn("smb", backend)
        previous = None
        for s, size in occupied(p, alloc, lib):
            w_sab, w_smb = sab(size, s, e, g, t, r, d), smb(size, s, e, g, t, r, d)
            tau_a = (w_sab - w_smb) / w_sab                      # "proportional to the wedge", (27)
            delta_a = 1 - w_smb / ((1 + r * g) * w_sab)          # Phi = 1 with tau_*(a), (28)
            if which == "equal":
                m.equal(delta_a, tau_a, f"delta_*(a) = tau_*(a) at rho = 0, a = {_show(s)}", scale=lib(1))
                continue
            value = tau_a if which == "tau" else delta_a
            word = "tau_*" if which == "tau" else "delta_*"
            # zero only at a city at its efficient scale (v = 1; for delta_* also rho = 0): positive above
            # the smallest city follows from the rise with size
            m.need(value, lib(1), f"{word}(a) >= 0 at a = {_show(s)}")
            if previous is not None and size > previous[0] * (1 + m.tol):
                m.need(value - previous[1] - m.tol * abs(previous[1]), lib(1),
                       f"{word} increasing in city size at a = {_show(s)}")
            previous = (size, value)
    return conditions


def schedule_shape(s: Settings, which: str) -> Outcome:
    """Proposition 5 (i) (which 'tau'), (ii) ('delta'), (iii) ('equal', rho = 0) at the computed optimum."""
    text = {"tau": "Proposition 5 (i): tau_*(a) = (sab - smb)/sab at the computed optimum is non-negative on every "
                   "occupied site and rises with city size",
            "delta": "Proposition 5 (ii): delta_*(a) = 1 - smb/((1 + rho gamma) sab) at the computed optimum is positive "
                     "on every occupied site and rises with city size",
            "equal": "Proposition 5 (iii): with rho = 0, delta_*(a) = tau_*(a) at every occupied site of the computed "
                     "optimum"}[which]
    sites = ("any sites" if which == "equal" else
             "continuous or homogeneous sites (Lemma 2's G: with a discrete list the margin city can sit below n_i, "
             "k_* < 1, where the wedge sab - smb changes sign)")
    spec = site_claim("optimum", _shape(which, rho_zero=which == "equal"), conclusion=text,
                      hypotheses=(lambda p: True) if which == "equal" else (lambda p: site_kind(p) != "discrete"),
                      hypotheses_text=f"{sites}, any Phi region (the schedules replace the draw's tau and delta), the "
                                      "draw's rho" + (" set to 0" if which == "equal" else "") + ", the same N")
    return run_on_pool(spec, s)


def _show(value) -> str:
    return mpmath.nstr(value, 8) if isinstance(value, mpmath.mpf) else f"{value:.8g}"


# --- Proposition 1 (i), second display: sab_*(a) >= mu_*, rising, and its printed ratio --------------

def _printed_sab_ratio():
    """sab_*/mu_* as printed: (1/(1+eps)) (Gamma - Phi_* v)/(Gamma - v), v = (n_*/n_i)^(gamma-eps), at n."""
    from .benefits import star
    v = (n / n_i_printed()) ** GE
    return star(1 / (1 + eps) * (sc.Gamma - sc.Phi_star * v) / (sc.Gamma - v))


_EXPRS["sab*/mu*"] = _printed_sab_ratio


def _optimum_sab(p, alloc, lib, m, backend):
    e, g, t, r, d = _wedges(p, lib)
    sab, printed = _fn("sab", backend), _fn("sab*/mu*", backend)
    previous = None
    for s, size in occupied(p, alloc, lib):
        here = sab(size, s, e, g, t, r, d)
        m.equal(here, alloc.mu * printed(size, s, e, g, t, r, d), f"sab_*(a) = mu_* times the printed ratio at a = {_show(s)}")
        m.need(here - alloc.mu, alloc.mu, f"sab_*(a) >= mu_* at a = {_show(s)}")
        if previous is not None and s > previous[0]:
            m.need(here - previous[1], alloc.mu, f"sab_*(a) non-decreasing in a at a = {_show(s)}")
        previous = (s, here)


def optimum_sab(s: Settings) -> Outcome:
    """Proposition 1 (i)'s sab_*(a) display at the computed optimum."""
    spec = site_claim(
        "optimum", _optimum_sab, hypotheses=lambda p: _continuous_margin(p, None), interior=True,
        conclusion="Proposition 1 (i): at the computed optimum, sab[n_*(a), a] equals mu_* (1/(1+eps)) (Gamma - Phi_* "
                   "v)/(Gamma - v) as printed, is at least mu_* and does not fall with a, on every occupied test site",
        hypotheses_text="a_* > a_lower, continuous or homogeneous sites (Lemma 2's G), any Phi region, the same N")
    return run_on_pool(spec, s)


# --- Proposition 4 (i): Phi = Phi_* equalises smb under free migration ---------------------------------

def _fm_smb_equal(p, alloc, lib, m, backend):
    e, g, t, r, d = _wedges(p, lib)
    smb = _fn("smb", backend)
    level = None
    for s, size in occupied(p, alloc, lib):
        here = smb(size, s, e, g, t, r, d)
        if level is None:
            level = here
        else:
            m.equal(here, level, f"smb[n_m(a), a] at a = {_show(s)} equal to the margin city's")


def phi_star_equalises_smb(s: Settings) -> Outcome:
    """Proposition 4 (i) at the computed free-migration allocation with Phi = Phi_*."""
    spec = site_claim(
        "free-migration", _fm_smb_equal,
        hypotheses=lambda p: phi_region(p) == "phi-eq-phistar" and site_kind(p) != "homogeneous" and fm_exists(p),
        conclusion="Proposition 4 (i): with Phi = Phi_*, the computed free-migration allocation has the same smb on "
                   "every occupied site",
        hypotheses_text="Phi = Phi_* exactly, heterogeneous sites (discrete or continuous; one homogeneous site value "
                        "has one smb trivially), the same N, within what free migration can hold")
    return run_on_pool(spec, s)


# --- Section 3.3: multiple equilibria indexed by k_m > 1 ----------------------------------------------

def k_m_inside(p: dict) -> sp.Rational:
    """A margin ratio a third of the way into (1, (gamma/eps)^(1/(gamma-eps))): stable, with pab > 0."""
    e, g = sp.Rational(p["epsilon"]), sp.Rational(p["gamma"])
    with mpmath.workdps(30):
        top = mpmath.power(mpmath.mpf(g.p * e.q) / (g.q * e.p), 1 / (mpmath.mpf(g.p) / g.q - mpmath.mpf(e.p) / e.q))
        return sp.Rational(mpmath.nstr(1 + (top - 1) / 3, 10))


def _equilibrium_at_k(p, alloc, lib, m, backend):
    e, g, t, r, d = _wedges(p, lib)
    pab, slope = _fn("pab", backend), _fn("dpab/dn", backend)
    sites = occupied(p, alloc, lib)
    for s, size in sites:
        m.equal(pab(size, s, e, g, t, r, d), alloc.mu, f"pab[n_m(a), a] = mu_m at a = {_show(s)}")
    a_m, n_m = sites[0]
    k = _num(k_m_inside(p), lib)
    scale = (_num(phi_bundles(p)[0], lib) * e * a_m / g) ** (1 / (g - e))
    m.equal(n_m, k * scale, "the margin city at k_m n_p(a_m)")
    m.need(-slope(n_m, a_m, e, g, t, r, d) * n_m, alloc.mu, "the margin city stable: d pab/dn < 0 at n_m(a_m)")
    m.need(alloc.mu, alloc.mu, "mu_m = pab > 0")


def equilibria_at_k_m(s: Settings) -> Outcome:
    """Section 3.3: free migration re-solved with k_m > 1 (a third of the way to its upper end) is an equilibrium."""
    spec = site_claim(
        "free-migration", _equilibrium_at_k, k_m=k_m_inside, interior=True,
        hypotheses=lambda p: site_kind(p) in CONTINUOUS + ("homogeneous",) and fm_exists(p),
        conclusion="Section 3.3: re-solved with k_m a third of the way into (1, (gamma/eps)^(1/(gamma-eps))), free "
                   "migration has a stable margin city at k_m n_p(a_m) > n_p(a_m), pab > 0, and the same pab on every "
                   "occupied test site: another equilibrium at the same N",
        hypotheses_text="continuous or homogeneous sites with a_m > a_lower (a discrete margin city cannot be placed "
                        "at k_m n_p(a_m) at a fixed N), any Phi region, the same N, within int n_0 dG")
    return run_on_pool(spec, s)
