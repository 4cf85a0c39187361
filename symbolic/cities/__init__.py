"""Albouy, Behrens, Robert-Nicoud & Seegert (2017), "The optimal distribution of population
across cities" (paper key `abrs2017`): the SymPy derivation layer.

Every function derives a quantity of the paper from the model's primitives - the wage
w(n, a) = a n^eps, total urban costs n^(1+gamma), the fiscal wedges (tau, rho, delta), the rebate
T, and the rural CES technology (6) - by differentiation, solving and targeted simplification.
Nothing is typed in from the paper's printed closed forms; `proofs_check.cities` holds those
and compares. Where the paper derives a result twice (the main text and the f(v; C) change of
variables of Appendix A), both routes exist: `name()` (direct) and `name_via_f()` (Appendix A).

Results are returned in the primitives (epsilon, gamma, tau, rho, delta) and the coordinate
symbols below, never in the bundle symbols Phi, Phi_*, Gamma; `expand_bundles` turns a printed
formula written with the bundle symbols into primitives for comparison.

Symbols (paper -> Python):

=========================  =====================================================================
epsilon, gamma             agglomeration and congestion elasticities (positive; gamma > eps)
tau, rho, delta, T         wage tax, share of land value a migrant pays, cost discount, rebate
a, n                       site productivity and city size (positive)
a_star, a_m, a_bar         a_* (optimal margin), a_m (free-migration margin), upper bound abar
k_star, k_m                n_*(a_*)/n_i(a_*) (13) and n_m(a_m)/n_p(a_m) (21)
mu, mu_m                   Lagrange multiplier mu_* of (8), common pab mu_m of (18)
x, y                       ratio coordinates x = n/n_i(a), y = n/n_p(a)
v, C                       v = (n/n_i)^(gamma-eps) and the bundle C of f(v; C) (Appendix A)
n_i, n_p                   n_i(a), n_p(a) as coordinates (in f and in ratio forms)
Phi, Phi_star, Gamma       bundle symbols (printed forms only): Phi (3), Phi_* and Gamma (14)
w, w_bar, w_min, c_min     site wage, population-weighted mean urban wage, lowest urban wage,
                           n(a_margin)^gamma (A-9)-(A-10), (17), (25)
N_R, N_bar, N              rural, total and urban population (7)-(8)
n_hat, a_hat, v_hat,       hat (log-differential) of n, a, v, n_i (A-2)
n_i_hat
L_R, a_R, alpha, sigma     rural land, scale, distribution and substitution parameters (6)
rho_R, tau_R, T_R          rural land-trust share, rural wage tax, rural transfer (2.6)
z, d, Theta, t             distance, density, arc and unit commuting cost (footnote 10)
u_d, s, E_elast            developers' utility level, subsidy, elasticity script-E (B-1)
F, g, n_of                 F(N^R), the density g(a) of G, and n(a) as functions in (8)
=========================  =====================================================================
"""
from __future__ import annotations

from . import appendix, equilibria, model, optimum, policy
from ._core import (
    C, E_elast, F, Gamma, L_R, N, N_R, N_bar, Phi, Phi_star, T, T_R, Theta, a, a_R, a_bar,
    a_hat, a_m, a_star, alpha, d, delta, epsilon, g, gamma, k_m, k_star, mu, mu_m, n, n_hat,
    n_i, n_i_hat, n_of, n_p, rho, rho_R, s, sigma, t, tau, tau_R, u_d, v, v_hat, w_bar, w_min,
    x, y, z,
)
from .appendix import *  # noqa: F401,F403
from .equilibria import *  # noqa: F401,F403
from .model import *  # noqa: F401,F403
from .optimum import *  # noqa: F401,F403
from .policy import *  # noqa: F401,F403

_SYMBOLS = [
    "epsilon", "gamma", "tau", "rho", "delta", "T", "a", "n", "a_star", "a_m", "a_bar",
    "k_star", "k_m", "mu", "mu_m", "x", "y", "v", "C", "n_i", "n_p", "Phi", "Phi_star", "Gamma",
    "w_bar", "w_min", "N_R", "N_bar", "N", "n_hat", "a_hat", "v_hat", "n_i_hat", "L_R", "a_R",
    "alpha", "sigma", "rho_R", "tau_R", "T_R", "z", "d", "Theta", "t", "u_d", "s", "E_elast",
    "F", "g", "n_of",
]

__all__ = (
    _SYMBOLS
    + ["model", "optimum", "equilibria", "policy", "appendix"]
    + model.__all__ + optimum.__all__ + equilibria.__all__ + policy.__all__ + appendix.__all__
)
