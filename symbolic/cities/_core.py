"""Symbols of abrs2017 and the private algebra helpers shared by the `cities` modules.

Nothing here states a result of the paper; the helpers only rearrange expressions (solve a
two-term power equation, move to ratio coordinates, tidy powers).
"""
from __future__ import annotations

import sympy as sp

from .._memo import derived

# --- symbols --------------------------------------------------------------------------------
epsilon, gamma = sp.symbols("epsilon gamma", positive=True)
tau, rho, delta = sp.symbols("tau rho delta", real=True)
a, n = sp.symbols("a n", positive=True)
a_star = sp.Symbol("a_*", positive=True)
a_m = sp.Symbol("a_m", positive=True)
a_bar = sp.Symbol("abar", positive=True)
k_star = sp.Symbol("k_*", positive=True)
k_m = sp.Symbol("k_m", positive=True)
mu = sp.Symbol("mu", real=True)
mu_m = sp.Symbol("mu_m", real=True)
T = sp.Symbol("T", real=True)
v, C = sp.symbols("v C", positive=True)
x, y = sp.symbols("x y", positive=True)
n_i, n_p = sp.symbols("n_i n_p", positive=True)
Phi = sp.Symbol("Phi", positive=True)
Phi_star = sp.Symbol("Phi_*", positive=True)
Gamma = sp.Symbol("Gamma", positive=True)
w_bar = sp.Symbol("wbar", positive=True)
w_min = sp.Symbol("w_min", positive=True)
N_R = sp.Symbol("N^R", positive=True)
N_bar = sp.Symbol("Nbar", positive=True)
N = sp.Symbol("N", positive=True)
n_hat, a_hat, v_hat, n_i_hat = sp.symbols("nhat ahat vhat nhat_i", real=True)
# rural sector (6)
L_R = sp.Symbol("L^R", positive=True)
a_R = sp.Symbol("a^R", positive=True)
alpha, sigma = sp.symbols("alpha sigma", positive=True)
rho_R, tau_R, T_R = sp.symbols("rho^R tau^R T^R", real=True)
# monocentric city (footnote 10)
z, d, Theta, t = sp.symbols("z d Theta t", positive=True)
# developers (Appendix B)
u_d, s = sp.symbols("u_d s", real=True)
E_elast = sp.Symbol(r"\mathcal{E}", real=True)

# functions of the Lagrangian (8)
F = sp.Function("F")
g = sp.Function("g")
n_of = sp.Function("n")

_GE = gamma - epsilon


# --- helpers --------------------------------------------------------------------------------

@derived
def denest(expr: sp.Expr) -> sp.Expr:
    """(b**p)**q -> b**(p*q) where b is known positive (p, q real under gamma > epsilon)."""
    return expr.replace(lambda e: e.is_Pow and e.base.is_Pow and e.base.base.is_positive,
                        lambda e: e.base.base ** (e.base.exp * e.exp))


@derived
def norm_exponents(expr: sp.Expr) -> sp.Expr:
    """Put every symbolic exponent over a common denominator (eps/(g-e) + 1 -> g/(g-e))."""
    return expr.replace(lambda e: e.is_Pow and e.exp.free_symbols,
                        lambda e: e.base ** sp.factor(sp.cancel(sp.together(e.exp))))


@derived
def tidy_powers(expr: sp.Expr) -> sp.Expr:
    """Expand products of powers and merge equal bases (positive symbols only)."""
    expr = denest(sp.expand_power_base(sp.expand(expr)))
    expr = norm_exponents(sp.powsimp(expr, combine="exp"))
    return sp.expand_power_base(expr)


@derived
def split_powers(expr: sp.Expr, base: sp.Symbol, ref: sp.Expr) -> sp.Expr:
    """Write base**p as base**ref * base**k wherever p - ref is an integer k.

    With base = v and ref = epsilon/(gamma - epsilon) this turns v**(gamma/(gamma-epsilon))
    into v**ref * v, so that `cancel` sees the common factor v**ref.
    """
    def is_target(e):
        if not (e.is_Pow and e.base == base):
            return False
        k = sp.cancel(e.exp - ref)
        return k.is_Integer and k != 0

    def rewrite(e):
        return base ** ref * base ** sp.cancel(e.exp - ref)

    return expr.replace(is_target, rewrite)


@derived
def power_root(expr: sp.Expr, var: sp.Symbol = n) -> sp.Expr:
    """Solve A var**epsilon + B var**gamma = 0 for var**(gamma - epsilon); returns -A/B.

    Every scale of the paper (n_i, n_p, n_0, ...) solves an equation of this two-term form,
    so its (gamma - epsilon)-th power is rational in the parameters.
    """
    expr = sp.expand(expr)
    parts = sp.collect(expr, [var ** epsilon, var ** gamma], evaluate=False)
    if set(parts) - {var ** epsilon, var ** gamma}:
        raise ArithmeticError(f"not of the form A*{var}**epsilon + B*{var}**gamma: {expr}")
    A = parts.get(var ** epsilon, sp.Integer(0))
    B = parts.get(var ** gamma, sp.Integer(0))
    return sp.factor(sp.cancel(-A / B))


@derived
def root_scale(power: sp.Expr) -> sp.Expr:
    """The scale var from its (gamma - epsilon)-th power."""
    return power ** (1 / _GE)


@derived
def site_from_scale(scale_power: sp.Expr, scale: sp.Symbol) -> sp.Expr:
    """Invert scale**(gamma - epsilon) = scale_power(a) for the site quality a."""
    (sol,) = sp.solve(sp.Eq(scale ** _GE, scale_power), a)
    return sol


@derived
def to_ratio(expr: sp.Expr, scale_power: sp.Expr, scale: sp.Symbol, ratio: sp.Symbol
             ) -> sp.Expr:
    """Rewrite expr(n, a) with n = ratio * scale and a from scale**(gamma-eps) = scale_power."""
    sub = {a: site_from_scale(scale_power, scale), n: ratio * scale}
    return tidy_powers(expr.subs(sub, simultaneous=True))


@derived
def per_scale(expr: sp.Expr, scale: sp.Symbol) -> sp.Expr:
    """expr / scale**gamma, which is free of the scale for every benefit of the model."""
    out = tidy_powers(expr / scale ** gamma)
    if out.has(scale):
        out = sp.powsimp(sp.together(out), combine="exp")
    if out.has(scale):
        out = sp.powsimp(sp.cancel(out), combine="exp")
    if out.has(scale):
        raise ArithmeticError(f"{expr} is not homogeneous of degree gamma in {scale}")
    return sp.expand(out) if not sp.denom(out).has(x, y, v) else out


@derived
def ratio_to_v(expr: sp.Expr, ratio: sp.Symbol) -> sp.Expr:
    """Substitute ratio = v**(1/(gamma-eps)) and cancel common powers of v."""
    e = tidy_powers(expr.subs(ratio, v ** (1 / _GE)))
    e = split_powers(e, v, epsilon / _GE)
    return sp.factor(sp.cancel(sp.together(e)))


@derived
def v_to_ratio(expr: sp.Expr, ratio: sp.Symbol) -> sp.Expr:
    """Substitute v = ratio**(gamma - epsilon)."""
    return tidy_powers(expr.subs(v, ratio ** _GE))


@derived
def log_elasticity(expr: sp.Expr, wrt: sp.Symbol) -> sp.Expr:
    """d ln expr / d ln wrt."""
    return sp.cancel(sp.together(wrt * sp.diff(expr, wrt) / expr))
