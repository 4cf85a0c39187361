"""Distributions G of site productivities a for the abrs2017 city system (Section 2.2, C.3).

`G(a)` is the *measure* of sites with productivity at most a, so G(upper end) is the total site
measure (the paper normalises it to one; any positive measure is allowed here). Parameters are
exact (decimal strings, "p/q", ints, Fractions, SymPy rationals or mpf; a Python float only with
a warning) and are validated on construction; a value outside its domain raises
`numeric.precision.InvalidParameter` naming it. Every numeric method evaluates at the caller's
mpmath working precision from the exact parameters, so re-running at a higher precision
re-evaluates everything (exp(4.95) included) at that precision.

Continuous (a density g = G'):

=================  ===========================================================  ==============
`Pareto`           G(a) = M [1 - (a_min/a)^shape] on [a_min, oo)                shape > 0
`TruncatedPareto`  G(a) = M (a_min^-shape - a^-shape)/(a_min^-shape - a_max^-shape)
                   on [a_min, a_max]; the paper's benchmark: shape 30,
                   ln a in [4.95, 5.20] (Appendix C.3)
`LogNormal`        ln a ~ Normal(log_mean, log_sd^2), times M                    log_sd > 0
`Uniform`          G(a) = M (a - lo)/(hi - lo) on [lo, hi]                       0 <= lo < hi
=================  ===========================================================  ==============

Bounds of the Pareto family are given either directly (`minimum`, `maximum`) or in logs
(`log_min`, `log_max`, as in the paper's "ln a in [4.95, 5.20]").

Atoms (one city per site):

- `DiscreteSites`: a finite list of site productivities, each a site of measure one (so the
  total measure is the number of sites). `rank_size(A, b, count)` builds a_r = A r^(-b), the
  form of Table 4's notes ("a = 19,550 x rank^-0.0333").
- `Homogeneous`: a single productivity carried by a site measure M (the paper's limiting
  homogeneous case, A a singleton): any measure of it up to M can be developed.

For quadrature, continuous distributions offer `density(a)` (an mpf function valid at any
precision, zero outside the support) and `quadrature_points()`: the support's end points with
interior break points where the density is strongly peaked (log-normal), so that
`mpmath.quad(d.density, d.quadrature_points())` gives the total measure. `effective_support`
cuts an unbounded log-normal tail where it no longer matters at a given precision.

`site_distribution({"truncated_pareto": {...}})` builds one from the JSON form of
`cityproofs solve cities`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import mpmath
import sympy as sp

from .precision import InvalidParameter, decimal_string, exact, to_mpf

__all__ = [
    "SiteDistribution", "ContinuousSites", "DiscreteSites", "Homogeneous", "Pareto",
    "TruncatedPareto", "LogNormal", "Uniform", "rank_size", "site_distribution", "KINDS",
]

KINDS = ("discrete", "rank_size", "homogeneous", "pareto", "truncated_pareto", "lognormal", "uniform")


def _positive(value, name: str) -> sp.Rational:
    q = exact(value, name)
    if q <= 0:
        raise InvalidParameter(name, decimal_string(q), "must be > 0")
    return q


def _bound(kwargs: dict, plain: str, log: str, where: str, required: bool = True):
    """(value, is_log) of a bound given either as `plain` or as `log` (exactly one)."""
    has_plain, has_log = kwargs.get(plain) is not None, kwargs.get(log) is not None
    if has_plain and has_log:
        raise InvalidParameter(f"{where}.{plain}", kwargs[plain], f"give either {plain} or {log}, not both")
    if has_log:
        return exact(kwargs[log], f"{where}.{log}"), True
    if has_plain:
        return exact(kwargs[plain], f"{where}.{plain}"), False
    if required:
        raise InvalidParameter(f"{where}.{plain}", None, f"is required (or give {log})")
    return None, False


class SiteDistribution:
    """Common interface: `measure` (exact), `support()`, `cdf(a)`, `survival(a)`, `to_dict()`."""

    def _cached(self, key, compute):
        """A constant evaluated once per working precision (mpmath.mp.prec)."""
        cache = self.__dict__.setdefault("_mp_cache", {})
        k = (key, mpmath.mp.prec)
        if k not in cache:
            cache[k] = compute()
        return cache[k]

    kind = "abstract"
    discrete = False
    point = False
    measure: sp.Rational

    def support(self) -> tuple[mpmath.mpf, mpmath.mpf]:
        raise NotImplementedError

    def cdf(self, a) -> mpmath.mpf:
        raise NotImplementedError

    def survival(self, a) -> mpmath.mpf:
        """Measure of sites with productivity above a: M - G(a)."""
        return to_mpf(self.measure) - self.cdf(a)

    def to_dict(self) -> dict:
        raise NotImplementedError


class ContinuousSites(SiteDistribution):
    """A distribution with a density: `density(a)`, `quadrature_points()`, `effective_support`."""

    bounded_above = True

    def density(self, a) -> mpmath.mpf:
        raise NotImplementedError

    def breaks(self, lo, hi) -> list:
        """Interior points of (lo, hi) at which quadrature should split (none by default)."""
        return []

    def quadrature_points(self) -> list:
        """[lo, (breaks,) hi] of the support (hi may be +inf), for `mpmath.quad`."""
        lo, hi = self.support()
        return [lo] + self.breaks(lo, hi) + [hi]

    def effective_support(self, digits: int, power=0) -> tuple[mpmath.mpf, mpmath.mpf]:
        """The support, cut where the mass-weighted a^power beyond the cut is below
        10^-digits of the whole (only a log-normal is cut; Pareto tails are kept unbounded)."""
        return self.support()


@dataclass(frozen=True, eq=False)
class Pareto(ContinuousSites):
    """G(a) = M [1 - (a_min/a)^shape] for a >= a_min."""

    shape: sp.Rational
    minimum: sp.Rational
    measure: sp.Rational = sp.Integer(1)
    log_bound: bool = False

    kind = "pareto"
    bounded_above = False

    @classmethod
    def create(cls, shape, minimum=None, log_min=None, measure="1") -> "Pareto":
        w = "sites.pareto"
        b, is_log = _bound({"minimum": minimum, "log_min": log_min}, "minimum", "log_min", w)
        if not is_log and b <= 0:
            raise InvalidParameter(f"{w}.minimum", decimal_string(b), "must be > 0")
        return cls(_positive(shape, f"{w}.shape"), b, _positive(measure, f"{w}.measure"), is_log)

    def a_min(self) -> mpmath.mpf:
        return self._cached("a_min", lambda: mpmath.exp(to_mpf(self.minimum)) if self.log_bound else to_mpf(self.minimum))

    def support(self):
        return self.a_min(), mpmath.inf

    def cdf(self, a):
        a, lo = mpmath.mpf(a), self.a_min()
        if a <= lo:
            return mpmath.mpf(0)
        return to_mpf(self.measure) * (1 - (lo / a) ** to_mpf(self.shape))

    def density(self, a):
        a, lo = mpmath.mpf(a), self.a_min()
        if a < lo:
            return mpmath.mpf(0)
        c, k1 = self._cached("density", lambda: (to_mpf(self.measure) * to_mpf(self.shape) * lo ** to_mpf(self.shape),
                                                 -to_mpf(self.shape) - 1))
        return c * a ** k1

    def to_dict(self):
        key = "log_min" if self.log_bound else "minimum"
        return {"pareto": {"shape": decimal_string(self.shape), key: decimal_string(self.minimum),
                           "measure": decimal_string(self.measure)}}


@dataclass(frozen=True, eq=False)
class TruncatedPareto(ContinuousSites):
    """Pareto of the given shape truncated to [a_min, a_max], total measure M (Appendix C.3)."""

    shape: sp.Rational
    minimum: sp.Rational
    maximum: sp.Rational
    measure: sp.Rational = sp.Integer(1)
    log_bound: bool = False

    kind = "truncated_pareto"

    @classmethod
    def create(cls, shape, minimum=None, maximum=None, log_min=None, log_max=None, measure="1"
               ) -> "TruncatedPareto":
        w = "sites.truncated_pareto"
        lo, lo_log = _bound({"minimum": minimum, "log_min": log_min}, "minimum", "log_min", w)
        hi, hi_log = _bound({"maximum": maximum, "log_max": log_max}, "maximum", "log_max", w)
        if lo_log != hi_log:
            raise InvalidParameter(f"{w}.log_max" if lo_log else f"{w}.maximum", decimal_string(hi),
                                   "give both bounds as logs (log_min, log_max) or both plain (minimum, maximum)")
        if not lo_log and lo <= 0:
            raise InvalidParameter(f"{w}.minimum", decimal_string(lo), "must be > 0")
        if hi <= lo:
            names = ("log_min", "log_max") if lo_log else ("minimum", "maximum")
            raise InvalidParameter(f"{w}.{names[1]}", decimal_string(hi),
                                   f"must exceed {names[0]}={decimal_string(lo)}")
        return cls(_positive(shape, f"{w}.shape"), lo, hi, _positive(measure, f"{w}.measure"), lo_log)

    def bounds(self):
        def compute():
            lo, hi = to_mpf(self.minimum), to_mpf(self.maximum)
            return (mpmath.exp(lo), mpmath.exp(hi)) if self.log_bound else (lo, hi)
        return self._cached("bounds", compute)

    def support(self):
        return self.bounds()

    def _norm(self):
        def compute():
            lo, hi = self.bounds()
            k = to_mpf(self.shape)
            return lo ** -k - hi ** -k
        return self._cached("norm", compute)

    def cdf(self, a):
        a = mpmath.mpf(a)
        lo, hi = self.bounds()
        if a <= lo:
            return mpmath.mpf(0)
        if a >= hi:
            return to_mpf(self.measure)
        k = to_mpf(self.shape)
        return to_mpf(self.measure) * (lo ** -k - a ** -k) / self._norm()

    def density(self, a):
        a = mpmath.mpf(a)
        lo, hi = self.bounds()
        if a < lo or a > hi:
            return mpmath.mpf(0)
        c, k1 = self._cached("density", lambda: (to_mpf(self.measure) * to_mpf(self.shape) / self._norm(),
                                                 -to_mpf(self.shape) - 1))
        return c * a ** k1

    def to_dict(self):
        keys = ("log_min", "log_max") if self.log_bound else ("minimum", "maximum")
        return {"truncated_pareto": {"shape": decimal_string(self.shape),
                                     keys[0]: decimal_string(self.minimum),
                                     keys[1]: decimal_string(self.maximum),
                                     "measure": decimal_string(self.measure)}}


@dataclass(frozen=True, eq=False)
class LogNormal(ContinuousSites):
    """ln a ~ Normal(log_mean, log_sd^2), total measure M (C.3: log-mean 5.06, s.d. 0.04)."""

    log_mean: sp.Rational
    log_sd: sp.Rational
    measure: sp.Rational = sp.Integer(1)

    kind = "lognormal"
    bounded_above = False

    @classmethod
    def create(cls, log_mean, log_sd, measure="1") -> "LogNormal":
        w = "sites.lognormal"
        return cls(exact(log_mean, f"{w}.log_mean"), _positive(log_sd, f"{w}.log_sd"),
                   _positive(measure, f"{w}.measure"))

    def support(self):
        return mpmath.mpf(0), mpmath.inf

    def _z(self, a):
        return (mpmath.log(a) - to_mpf(self.log_mean)) / to_mpf(self.log_sd)

    def cdf(self, a):
        a = mpmath.mpf(a)
        if a <= 0:
            return mpmath.mpf(0)
        return to_mpf(self.measure) * mpmath.ncdf(self._z(a))

    def survival(self, a):
        a = mpmath.mpf(a)
        if a <= 0:
            return to_mpf(self.measure)
        return to_mpf(self.measure) * mpmath.ncdf(-self._z(a))

    def density(self, a):
        a = mpmath.mpf(a)
        if a <= 0:
            return mpmath.mpf(0)
        s = to_mpf(self.log_sd)
        return to_mpf(self.measure) * mpmath.npdf(self._z(a)) / (s * a)

    def _width(self, digits: int, power) -> mpmath.mpf:
        """Standard deviations beyond which exp(power ln a) dG is below 10^-digits."""
        s = to_mpf(self.log_sd)
        return mpmath.sqrt(2 * digits * mpmath.log(10)) + 2 * abs(mpmath.mpf(power)) * s + 2

    def effective_support(self, digits: int, power=0):
        m, s, z = to_mpf(self.log_mean), to_mpf(self.log_sd), self._width(digits, power)
        return mpmath.exp(m - z * s), mpmath.exp(m + z * s)

    def breaks(self, lo, hi):
        """Every two standard deviations of ln a inside (lo, hi): the density is peaked."""
        m, s = to_mpf(self.log_mean), to_mpf(self.log_sd)
        out = []
        if hi == mpmath.inf:
            hi = mpmath.exp(m + 40 * s)
        if lo <= 0:
            lo = mpmath.exp(m - 40 * s)
        for j in range(-40, 41, 2):
            a = mpmath.exp(m + j * s)
            if lo < a < hi:
                out.append(a)
        return out

    def to_dict(self):
        return {"lognormal": {"log_mean": decimal_string(self.log_mean),
                              "log_sd": decimal_string(self.log_sd),
                              "measure": decimal_string(self.measure)}}


@dataclass(frozen=True, eq=False)
class Uniform(ContinuousSites):
    """G(a) = M (a - lo)/(hi - lo) on [lo, hi]."""

    minimum: sp.Rational
    maximum: sp.Rational
    measure: sp.Rational = sp.Integer(1)

    kind = "uniform"

    @classmethod
    def create(cls, minimum, maximum, measure="1") -> "Uniform":
        w = "sites.uniform"
        lo, hi = exact(minimum, f"{w}.minimum"), exact(maximum, f"{w}.maximum")
        if lo < 0:
            raise InvalidParameter(f"{w}.minimum", decimal_string(lo), "must be >= 0 (a in R_+)")
        if hi <= lo:
            raise InvalidParameter(f"{w}.maximum", decimal_string(hi), f"must exceed minimum={decimal_string(lo)}")
        return cls(lo, hi, _positive(measure, f"{w}.measure"))

    def support(self):
        return to_mpf(self.minimum), to_mpf(self.maximum)

    def cdf(self, a):
        a = mpmath.mpf(a)
        lo, hi = self.support()
        if a <= lo:
            return mpmath.mpf(0)
        if a >= hi:
            return to_mpf(self.measure)
        return to_mpf(self.measure) * (a - lo) / (hi - lo)

    def density(self, a):
        a = mpmath.mpf(a)
        lo, hi = self.support()
        if a < lo or a > hi:
            return mpmath.mpf(0)
        return to_mpf(self.measure) / (hi - lo)

    def to_dict(self):
        return {"uniform": {"minimum": decimal_string(self.minimum), "maximum": decimal_string(self.maximum),
                            "measure": decimal_string(self.measure)}}


@dataclass(frozen=True, eq=False)
class DiscreteSites(SiteDistribution):
    """A finite list of sites, one city at most per site; `values` sorted best first."""

    values: tuple
    generator: dict | None = None
    digits: int | None = None      # significant digits the values are known to (None: exact)

    kind = "discrete"
    discrete = True

    @classmethod
    def create(cls, values: Sequence, generator: dict | None = None, digits: int | None = None) -> "DiscreteSites":
        if isinstance(values, (str, bytes)) or not isinstance(values, Sequence) or len(values) == 0:
            raise InvalidParameter("sites.discrete", repr(values)[:60], "must be a non-empty list of site productivities")
        qs = []
        for r, v in enumerate(values):
            q = exact(v, f"sites.discrete[{r}]")
            if q <= 0:
                raise InvalidParameter(f"sites.discrete[{r}]", decimal_string(q), "must be > 0")
            qs.append(q)
        return cls(tuple(sorted(qs, reverse=True)), generator, digits)

    @property
    def measure(self) -> sp.Rational:
        return sp.Integer(len(self.values))

    def __len__(self):
        return len(self.values)

    def productivities(self) -> list[mpmath.mpf]:
        """The sites' a_r at the working precision, best first."""
        return [to_mpf(q) for q in self.values]

    def support(self):
        return to_mpf(self.values[-1]), to_mpf(self.values[0])

    def cdf(self, a):
        a = mpmath.mpf(a)
        return mpmath.mpf(sum(1 for q in self.values if to_mpf(q) <= a))

    def mass(self, a) -> mpmath.mpf:
        """Number of sites with productivity exactly a."""
        a = mpmath.mpf(a)
        return mpmath.mpf(sum(1 for q in self.values if to_mpf(q) == a))

    def to_dict(self):
        if self.generator is not None:
            return {"rank_size": dict(self.generator)}
        return {"discrete": [decimal_string(q) for q in self.values]}


RANK_SIZE_DIGITS = 130


def rank_size(scale, exponent, count) -> DiscreteSites:
    """Sites a_r = A r^(-b), r = 1..count (Table 4's notes: A = 19550, b = 0.0333 for the base).

    The a_r are exact where b is an integer; otherwise A r^(-b) is rounded to RANK_SIZE_DIGITS
    significant digits (a binary fraction), and the result records that (`digits`) so that the
    solvers refuse a precision the sites cannot support.
    """
    w = "sites.rank_size"
    A = _positive(scale, f"{w}.scale")
    b = exact(exponent, f"{w}.exponent")
    if b < 0:
        raise InvalidParameter(f"{w}.exponent", decimal_string(b), "must be >= 0 (sites ranked best first)")
    k = exact(count, f"{w}.count")
    if not k.is_Integer or k < 1 or k > 10 ** 6:
        raise InvalidParameter(f"{w}.count", decimal_string(k), "must be an integer in [1, 1000000]")
    values = []
    with mpmath.workdps(RANK_SIZE_DIGITS):
        A_, b_ = to_mpf(A), to_mpf(b)
        for r in range(1, int(k) + 1):
            if b.is_Integer:
                values.append(A / sp.Integer(r) ** int(b))
            else:
                man, exp = (A_ * mpmath.power(r, -b_)).man_exp
                values.append(sp.Rational(int(man)) * sp.Rational(2) ** int(exp))  # man: an mpz under gmpy2
    gen = {"scale": decimal_string(A), "exponent": decimal_string(b), "count": str(int(k))}
    return DiscreteSites.create(values, generator=gen, digits=None if b.is_Integer else RANK_SIZE_DIGITS)


@dataclass(frozen=True, eq=False)
class Homogeneous(SiteDistribution):
    """Every site has productivity `value`; `measure` of them (the paper's homogeneous limit)."""

    value: sp.Rational
    measure: sp.Rational = sp.Integer(1)

    kind = "homogeneous"
    point = True

    @classmethod
    def create(cls, value, measure="1") -> "Homogeneous":
        w = "sites.homogeneous"
        return cls(_positive(value, f"{w}.value"), _positive(measure, f"{w}.measure"))

    def support(self):
        return to_mpf(self.value), to_mpf(self.value)

    def cdf(self, a):
        return to_mpf(self.measure) if mpmath.mpf(a) >= to_mpf(self.value) else mpmath.mpf(0)

    def to_dict(self):
        return {"homogeneous": {"value": decimal_string(self.value), "measure": decimal_string(self.measure)}}


_BUILDERS = {
    "pareto": (Pareto.create, ("shape", "minimum", "log_min", "measure")),
    "truncated_pareto": (TruncatedPareto.create, ("shape", "minimum", "maximum", "log_min", "log_max", "measure")),
    "lognormal": (LogNormal.create, ("log_mean", "log_sd", "measure")),
    "uniform": (Uniform.create, ("minimum", "maximum", "measure")),
    "homogeneous": (Homogeneous.create, ("value", "measure")),
    "rank_size": (rank_size, ("scale", "exponent", "count")),
}


def site_distribution(spec) -> SiteDistribution:
    """A distribution from its JSON form: {"discrete": ["19550", ...]} or {"<kind>": {...}} with
    kind one of pareto, truncated_pareto, lognormal, uniform, homogeneous, rank_size.
    A `SiteDistribution` is returned unchanged."""
    if isinstance(spec, SiteDistribution):
        return spec
    if not isinstance(spec, Mapping) or len(spec) != 1:
        raise InvalidParameter("sites", repr(spec)[:80], f"must be an object with exactly one of {', '.join(KINDS)}")
    (kind, body), = spec.items()
    if kind == "discrete":
        return DiscreteSites.create(body)
    if kind not in _BUILDERS:
        raise InvalidParameter("sites", kind, f"unknown distribution; use one of {', '.join(KINDS)}")
    build, fields = _BUILDERS[kind]
    if not isinstance(body, Mapping):
        raise InvalidParameter(f"sites.{kind}", repr(body)[:60], "must be an object of parameters")
    unknown = sorted(set(body) - set(fields))
    if unknown:
        raise InvalidParameter(f"sites.{kind}.{unknown[0]}", body[unknown[0]],
                               f"unknown field; {kind} takes {', '.join(fields)}")
    try:
        return build(**body)
    except TypeError:
        missing = [f for f in fields if f not in body]
        raise InvalidParameter(f"sites.{kind}", "missing fields", f"{kind} needs {', '.join(missing)}") from None
