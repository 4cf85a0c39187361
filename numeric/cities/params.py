"""Parameters of the abrs2017 city system: exact values, validation, the bundles, the rural sector.

`CityParams` holds the urban primitives (epsilon, gamma, tau, rho, delta), the cost scale c, and
how the model is closed: a fixed urban population N, or a `RuralSector` (CES technology (6))
with a total population Nbar. Values are exact SymPy rationals; numeric views (`mp()`) are
evaluated at the caller's working precision. Validation happens at construction and raises
`numeric.precision.InvalidParameter` naming the parameter, its value and the constraint.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping

import mpmath
import sympy as sp

from numeric.precision import InvalidParameter, decimal_string, exact, shown, to_mpf
from symbolic import cities as sc
from symbolic.lambdas import numeric_lambda

__all__ = [
    "CitySolveError", "AllocationDoesNotExist", "NoConvergence",
    "CityParams", "RuralSector", "city_parameters", "as_city_params", "rural_sector",
    "PRIMITIVES",
]

PRIMITIVES = ("epsilon", "gamma", "tau", "rho", "delta")


class CitySolveError(ValueError):
    """A city-system allocation that could not be computed."""


class AllocationDoesNotExist(CitySolveError):
    """The allocation does not exist for these parameters (no site worth developing, a
    population the sites cannot host, no stable margin city, ...)."""


class NoConvergence(CitySolveError):
    """A root-finder or a quadrature did not reach the working precision."""


def _s(q) -> str:
    return decimal_string(q)


# --- lambdas from the symbolic layer (built once) -------------------------------------------------

@lru_cache(maxsize=None)
def _bundle_lambdas():
    args = [sc.epsilon, sc.gamma, sc.tau, sc.rho, sc.delta]
    return {
        "Phi": numeric_lambda(sc.fiscal_bundle(), args, "mpmath", "(3)"),
        "Phi_star": numeric_lambda(sc.marginal_average_bundle(), args[:2], "mpmath", "Lemma 2 (iv)"),
        "Gamma": numeric_lambda(sc.max_land_agglomeration_ratio(), args[:2], "mpmath", "(14)"),
    }


@lru_cache(maxsize=None)
def _rural_lambdas(cobb_douglas: bool):
    """F, F', F'' of the rural technology (6) with the textbook CES exponent (sigma-1)/sigma
    (symbolic.cities.model.rural_output(exponent="textbook")), or its sigma = 1 limit."""
    NR, aR, LR, al, sg = sc.N_R, sc.a_R, sc.L_R, sc.alpha, sc.sigma
    if cobb_douglas:
        F = aR * NR ** (1 - al) * LR ** al          # the sigma -> 1 limit of (6), textbook exponent
        args = [NR, aR, LR, al]
    else:
        F = sc.rural_output(exponent="textbook")
        args = [NR, aR, LR, al, sg]
    dF = sp.diff(F, NR)
    return tuple(numeric_lambda(e, args, "mpmath", "(6), textbook exponent") for e in (F, dF, sp.diff(dF, NR)))


# --- rural sector -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class RuralSector:
    """The rural sector of Section 2.6 closing the model, with total population Nbar.

    Technology (6) X^R = a^R N^R [(1-alpha) + alpha (L^R/N^R)^r]^(1/r) with the *textbook*
    exponent r = (sigma-1)/sigma, so that sigma is the elasticity of substitution. (6) prints
    r = (1-sigma)/sigma, whose elasticity is sigma/(2 sigma - 1) (see
    symbolic.cities.model.rural_elasticity_of_substitution): a misprint, corrected here.
    sigma = 1 is the Cobb-Douglas limit a^R (N^R)^(1-alpha) (L^R)^alpha.

    Rural private benefit (Section 2.6): u^R = (1-tau^R) F' + (1-rho^R)(F - N^R F')/N^R + T^R.
    T is the urban rebate of (2): a free migrant compares u = pab + T with u^R. Transfers are
    taken as given (budget balance is not imposed). Defaults rho^R = 1, tau^R = 0, T = T^R = 0
    make u^R - T = F'(N^R), the rural wage.
    """

    scale: sp.Rational
    land: sp.Rational
    alpha: sp.Rational
    sigma: sp.Rational
    total_population: sp.Rational
    rho_R: sp.Rational = sp.Integer(1)
    tau_R: sp.Rational = sp.Integer(0)
    T: sp.Rational = sp.Integer(0)
    T_R: sp.Rational = sp.Integer(0)

    def _args(self, NR):
        base = [NR, to_mpf(self.scale), to_mpf(self.land), to_mpf(self.alpha)]
        return base if self.sigma == 1 else base + [to_mpf(self.sigma)]

    def output(self, NR) -> mpmath.mpf:
        """F(N^R), eq. (6)."""
        return _rural_lambdas(self.sigma == 1)[0](*self._args(NR)) if NR > 0 else self._output_at_zero()

    def _output_at_zero(self) -> mpmath.mpf:
        r = 1 - 1 / to_mpf(self.sigma) if self.sigma != 1 else None
        if r is not None and r > 0:  # F(0) = a^R alpha^(1/r) L^R when r > 0, else 0
            return to_mpf(self.scale) * to_mpf(self.alpha) ** (1 / r) * to_mpf(self.land)
        return mpmath.mpf(0)

    def wage(self, NR) -> mpmath.mpf:
        """F'(N^R): the rural wage, and mu_* at an interior rural-urban split (9)."""
        return _rural_lambdas(self.sigma == 1)[1](*self._args(NR))

    def wage_slope(self, NR) -> mpmath.mpf:
        """F''(N^R) < 0."""
        return _rural_lambdas(self.sigma == 1)[2](*self._args(NR))

    def private_benefit(self, NR) -> mpmath.mpf:
        """u^R(N^R) of Section 2.6."""
        F, dF = self.output(NR), self.wage(NR)
        return (1 - to_mpf(self.tau_R)) * dF + (1 - to_mpf(self.rho_R)) * (F - NR * dF) / NR + to_mpf(self.T_R)

    def private_benefit_slope(self, NR) -> mpmath.mpf:
        """du^R/dN^R = (rho^R - tau^R) F'' + (1 - rho^R)(N^R F' - F)/N^R^2."""
        F, dF, d2F = self.output(NR), self.wage(NR), self.wage_slope(NR)
        return (to_mpf(self.rho_R) - to_mpf(self.tau_R)) * d2F + (1 - to_mpf(self.rho_R)) * (NR * dF - F) / NR ** 2

    def benefit(self, NR, allocation: str) -> tuple[mpmath.mpf, mpmath.mpf]:
        """(level, slope in N^R) of what the urban margin is held to: F'(N^R) for the optimum
        (9); u^R(N^R) - T for free migration (19) and for local politics."""
        if allocation == "optimum":
            return self.wage(NR), self.wage_slope(NR)
        return self.private_benefit(NR) - to_mpf(self.T), self.private_benefit_slope(NR)

    def to_dict(self) -> dict:
        return {"scale": _s(self.scale), "land": _s(self.land), "alpha": _s(self.alpha),
                "sigma": _s(self.sigma), "total_population": _s(self.total_population),
                "rho_R": _s(self.rho_R), "tau_R": _s(self.tau_R), "T": _s(self.T), "T_R": _s(self.T_R)}


RURAL_FIELDS = ("scale", "land", "alpha", "sigma", "total_population", "rho_R", "tau_R", "T", "T_R")


def rural_sector(scale, land, alpha, sigma, total_population, rho_R="1", tau_R="0", T="0", T_R="0"
                 ) -> RuralSector:
    """A validated `RuralSector`: a^R, L^R, sigma, Nbar > 0; 0 < alpha < 1; 0 <= rho^R <= 1 and
    tau^R <= rho^R (so that u^R falls with N^R: a unique, stable rural-urban split)."""
    w = "rural"
    vals = {}
    for name, v in (("scale", scale), ("land", land), ("sigma", sigma), ("total_population", total_population)):
        q = exact(v, f"{w}.{name}")
        if q <= 0:
            raise InvalidParameter(f"{w}.{name}", _s(q), "must be > 0")
        vals[name] = q
    al = exact(alpha, f"{w}.alpha")
    if not 0 < al < 1:
        raise InvalidParameter(f"{w}.alpha", _s(al), "must lie in (0, 1) (the land share parameter of (6))")
    rR, tR = exact(rho_R, f"{w}.rho_R"), exact(tau_R, f"{w}.tau_R")
    if not 0 <= rR <= 1:
        raise InvalidParameter(f"{w}.rho_R", _s(rR), "must lie in [0, 1] (a share of rural land rents)")
    if tR > rR:
        raise InvalidParameter(f"{w}.tau_R", _s(tR), f"must be <= rho_R={_s(rR)} so that u^R falls with N^R")
    return RuralSector(vals["scale"], vals["land"], al, vals["sigma"], vals["total_population"], rR, tR,
                       exact(T, f"{w}.T"), exact(T_R, f"{w}.T_R"))


# --- city parameters ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CityParams:
    """Validated parameters of the city system (see `city_parameters`)."""

    epsilon: sp.Rational
    gamma: sp.Rational
    tau: sp.Rational
    rho: sp.Rational
    delta: sp.Rational
    cost_scale: sp.Rational = sp.Integer(1)
    urban_population: sp.Rational | None = None
    rural: RuralSector | None = None
    k_m: sp.Rational = sp.Integer(1)

    @property
    def closure(self) -> str:
        return "rural-sector" if self.rural is not None else "urban-population"

    def primitives(self) -> list[mpmath.mpf]:
        return [to_mpf(getattr(self, k)) for k in PRIMITIVES]

    def Phi(self) -> mpmath.mpf:
        """Phi = (1-tau)/((1-delta)(1+rho gamma)), eq. (3)."""
        return _bundle_lambdas()["Phi"](*self.primitives())

    def Phi_star(self) -> mpmath.mpf:
        """Phi_* = (1+eps)/(1+gamma), Lemma 2 (iv)."""
        return _bundle_lambdas()["Phi_star"](*self.primitives()[:2])

    def Gamma(self) -> mpmath.mpf:
        """Gamma = (gamma/eps) Phi_*, eq. (14)."""
        return _bundle_lambdas()["Gamma"](*self.primitives()[:2])

    def exact_Phi(self) -> sp.Rational:
        return (1 - self.tau) / ((1 - self.delta) * (1 + self.rho * self.gamma))

    def to_dict(self) -> dict:
        out = {k: _s(getattr(self, k)) for k in PRIMITIVES}
        out["cost_scale"] = _s(self.cost_scale)
        if self.urban_population is not None:
            out["urban_population"] = _s(self.urban_population)
        if self.rural is not None:
            out["rural"] = self.rural.to_dict()
        out["k_m"] = _s(self.k_m)
        return out


def city_parameters(epsilon, gamma, tau, rho, delta, cost_scale="1", urban_population=None, rural=None,
                    k_m="1") -> CityParams:
    """Validated `CityParams` from exact values.

    Constraints: 0 < epsilon < gamma (Section 2.3); delta < 1 (Section 2.4's delta <= 1, strict
    so that the private cost weight (1-delta)(1+rho gamma) of (2) is positive); 0 <= rho <= 1
    (a share); Phi > 0 (eq. (3), i.e. tau < 1); cost_scale > 0; exactly one of urban_population (> 0) and rural (a RuralSector
    or a mapping of its fields); 1 <= k_m with k_m^(gamma-eps) < gamma/eps (the margin city of
    (21) is stable and has a positive private benefit).
    """
    e, g = exact(epsilon, "epsilon"), exact(gamma, "gamma")
    if e <= 0:
        raise InvalidParameter("epsilon", _s(e), "must be > 0 (0 < epsilon < gamma)")
    if g <= e:
        raise InvalidParameter("gamma", _s(g), f"must exceed epsilon={_s(e)} (0 < epsilon < gamma, Section 2.3)")
    t, r, d = exact(tau, "tau"), exact(rho, "rho"), exact(delta, "delta")
    if d >= 1:
        raise InvalidParameter("delta", _s(d), "must be < 1 (delta <= 1 in Section 2.4; at 1 Phi is undefined)")
    if not 0 <= r <= 1:
        raise InvalidParameter("rho", _s(r), "must lie in [0, 1] (the share of the land value a migrant pays, "
                               "Section 2.4)")
    phi = (1 - t) / ((1 - d) * (1 + r * g))
    if phi <= 0:
        raise InvalidParameter("Phi", decimal_string(phi, 20),
                               f"Phi = (1-tau)/((1-delta)(1+rho*gamma)) must be > 0 (eq. (3)); tau={_s(t)} must be < 1")
    c = exact(cost_scale, "cost_scale")
    if c <= 0:
        raise InvalidParameter("cost_scale", _s(c), "must be > 0 (urban costs c n^(1+gamma))")
    if (urban_population is None) == (rural is None):
        raise InvalidParameter("urban_population", urban_population,
                               "give exactly one of urban_population (a fixed N) and rural (the rural sector closes the model)")
    N = None
    if urban_population is not None:
        N = exact(urban_population, "urban_population")
        if N <= 0:
            raise InvalidParameter("urban_population", _s(N), "must be > 0")
    if rural is not None and not isinstance(rural, RuralSector):
        if not isinstance(rural, Mapping):
            raise InvalidParameter("rural", repr(rural)[:60], "must be an object of rural-sector parameters")
        unknown = sorted(set(rural) - set(RURAL_FIELDS))
        if unknown:
            raise InvalidParameter.unknown_key(f"rural.{unknown[0]}", f"rural takes {', '.join(RURAL_FIELDS)}")
        missing = [f for f in RURAL_FIELDS[:5] if f not in rural]
        if missing:
            raise InvalidParameter(f"rural.{missing[0]}", None, "is required")
        rural = rural_sector(**rural)
    k = exact(k_m, "k_m")
    if k < 1:
        raise InvalidParameter("k_m", _s(k), "must be >= 1 (n_m(a_m) >= n_p(a_m), eq. (21))")
    with mpmath.workdps(30):
        if to_mpf(k) ** (to_mpf(g) - to_mpf(e)) >= to_mpf(g) / to_mpf(e):
            raise InvalidParameter("k_m", _s(k), "k_m^(gamma-eps) must be < gamma/eps (a positive private benefit at the margin)")
    return CityParams(e, g, t, r, d, c, N, rural, k)


def as_city_params(params) -> CityParams:
    """`params` if already a CityParams, else `city_parameters(**params)` of a mapping."""
    if isinstance(params, CityParams):
        return params
    if not isinstance(params, Mapping):
        raise InvalidParameter("params", repr(params)[:60], "must be a CityParams or a mapping of parameters")
    allowed = set(PRIMITIVES) | {"cost_scale", "urban_population", "rural", "k_m"}
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise InvalidParameter.unknown_key(unknown[0], f"allowed: {', '.join(sorted(allowed))}")
    missing = [k for k in PRIMITIVES if k not in params]
    if missing:
        raise InvalidParameter(missing[0], None, "is required")
    return city_parameters(**params)
