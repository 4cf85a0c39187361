"""abrs2017 Table 1 decided by computing the allocations (issue 10): every cell of its three
panels, city by city, over the shared pool of `allocations_numeric`.

Local politics and free migration (the middle and bottom panels): each cell is a comparison of
the allocation with the optimum at the same N on the draws whose Phi lies in the cell's column,
with heterogeneous sites and a_* > a_lower (the table's heading); the notes are read as:

- '§ optimal if homogeneous': on homogeneous draws of the column the allocation equals the
  optimum (sizes and measure within 10^-(dps/2)), checked beside the cell;
- '† by virtue of existing': reading A of "small cities" compares the smallest city with the
  optimum on the same site, zero where the optimum leaves it empty;
- '‡ if abar is sufficiently large': the limit reading, decisive: the two cities at a site far
  above the margin, (a_f/a_*)^(gamma/(gamma-eps)) = 1e12, on continuous sites (added with a
  vanishing mass where the top is bounded); the bounded reading at the top site as drawn
  (discrete sites) is reported as the range of what happens, not decisive;
- "small cities", two readings: (A) against the optimum on the same site (decisive: the
  paper's proofs A.3 and A.5 compare site by site), (B) against the smallest optimal city
  n_*(a_*), reported;
- "ambiguous": both signs occur, each with a witness confirmed at dps and 2 dps.

Urbanization (the top panel): the rural sector (6) closes the model (`RuralSector`, total
population Nbar); the row compares the rural private benefit u^R at the allocation's own rural
population N^R_z with the optimum's mu_* (= F'(N^R_*), (9)); the column is rho^R, the share of
rural land rents collected (Section 3.4's "rho_R < 1"), with tau^R = T^R = T = 0 (the premise
of Section 3.4's "the rural private average benefit is greater than the social marginal
benefit"); "too little" means N_z < N_*, "too much" N_z > N_*. Both the free-migration and
the local-politics urban systems are tested (the panel sits above both). Sites: the pool's
discrete and homogeneous draws (the rural closure is cheap there), with rural technologies drawn
per draw so that both rows occur.
"""
from __future__ import annotations

import json
import math
import random

import mpmath
import sympy as sp

from numeric.cities import AllocationDoesNotExist, city_parameters, rural_sector, solve_allocation
from ..claims import Outcome, Settings
from ..draws_cities import city_point, in_domain, phi_region, point_sites, site_kind
from ..numeric_check import NEAR_TIE, point_strings
from .allocations_numeric import (CONTINUOUS, CONTINUOUS_CONFIRM, COST, _counterexample, _judge, allocation, budgeted,
                                  cell_claim, lp_exists, pool, region_counts, run_on_pool)

__all__ = ["LP_COLUMNS", "FM_COLUMNS", "table1_numeric", "ambiguous", "urbanization"]

LP_COLUMNS = {"phi-lt-1": ("phi-lt-phistar", "phi-eq-phistar", "phi-in-phistar-1"), "phi-eq-1": ("phi-eq-1",),
              "phi-in-1-Gamma": ("phi-in-1-Gamma",), "phi-ge-Gamma": ("phi-eq-Gamma", "phi-gt-Gamma")}
FM_COLUMNS = {"phi-lt-phistar": ("phi-lt-phistar",), "phi-in-phistar-1": ("phi-eq-phistar", "phi-in-phistar-1"),
              "phi-eq-1": ("phi-eq-1",), "phi-in-1-Gamma": ("phi-in-1-Gamma",),
              "phi-ge-Gamma": ("phi-eq-Gamma", "phi-gt-Gamma")}
#: further discrete-site draws searched for the missing sign of an 'ambiguous' cell
WITNESS_DRAWS = 60
_OPPOSITE = {"undersized": "oversized", "oversized": "undersized", "too many": "too few", "too few": "too many"}


def _name(panel: str) -> str:
    return "local-politics" if panel == "local-politics" else "free-migration"


def _regions(panel: str, column: str) -> tuple:
    return (LP_COLUMNS if panel == "local-politics" else FM_COLUMNS)[column]


def _what(row: str, word: str) -> str:
    return {"large-cities": word, "small-cities": "small-" + word, "number-of-cities": word.replace(" ", "-")}[row]


def _short(o: Outcome) -> str:
    return o.detail.split(" By Phi region")[0].split(" Draws per Phi region")[0]


def _both(main: Outcome, extra: Outcome, label: str) -> Outcome:
    """main and a further check of the same cell: verified when both are, a discrepancy when
    either is; counts from the main check."""
    if extra.status == "discrepancy" and main.status != "discrepancy":
        status, ce, fails = "discrepancy", extra.counterexample, extra.failures
    elif main.status == "verified" and extra.status != "verified":
        status, ce, fails = "unverified", None, main.failures
    else:
        status, ce, fails = main.status, main.counterexample, main.failures
    return Outcome(status, f"{main.detail} {label}: {extra.status}: {_short(extra)}.", counterexample=ce,
                   draws=main.draws, draws_meeting_hypotheses=main.draws_meeting_hypotheses, failures=fails)


def table1_numeric(s: Settings, panel: str, row: str, column: str, cell: str, reverse: bool = False) -> Outcome:
    """The numeric check of one Table 1 cell of the local-politics or free-migration panel.
    `reverse` plants the opposite word (for tests)."""
    from ..checks import printed_side
    name, regions = _name(panel), _regions(panel, column)
    word = cell.rstrip("§†‡")
    notes = cell[len(word):]
    # the cell's word is its printed side (the mutation test replaces it by another of the row's words)
    choices = ("too many", "too few", "ambiguous") if row == "number-of-cities" else ("undersized", "oversized",
                                                                                        "ambiguous")
    word = printed_side("word", (word, choices))[0]
    if reverse and word in _OPPOSITE:
        word = _OPPOSITE[word]
    text = f"Table 1 ({panel}, {row}, {column}): '{word}{notes}'"
    if word == "ambiguous":
        what = "too-many" if row == "number-of-cities" else "small-oversized"
        out = ambiguous(s, name, regions, what, text)
        if row == "small-cities":
            b = ambiguous(s, name, regions, "small-oversized-B", text + " reading B")
            out.detail += f" Reading B (against the smallest optimal city n_*(a_*)): {b.status}: {b.detail}"
    elif row == "large-cities" and "‡" in notes:
        out = run_on_pool(cell_claim(regions, name, word + "-far", kinds=CONTINUOUS,
                                     text=text + " in the limit reading (the cities at the far site a_f)"), s)
        drawn = run_on_pool(cell_claim(regions, name, word, kinds=("discrete",),
                                       text=f"'{word}' at the top site as drawn"), s)
        out.detail += (" '‡ if abar is sufficiently large' is read as a limit: decided at the site a_f with "
                       "(a_f/a_*)^(gamma/(gamma-eps)) = 1e12, the sizes there from (15) and (23) with the solved "
                       "margins (bounded tops: a vanishing mass of sites added at a_f). With the top as drawn the "
                       "cell depends on abar (and on a_*, i.e. on N and G), which the paper leaves open; over the "
                       f"discrete-site draws (bounded tops, as drawn) it is {drawn.status}: {_short(drawn)}.")
    else:
        out = run_on_pool(cell_claim(regions, name, _what(row, word), text=text), s)
    if row == "small-cities" and word != "ambiguous":
        b = run_on_pool(cell_claim(regions, name, _what(row, word) + "-B", text=text + " in reading B"), s)
        out.detail += (" Reading B (against the smallest optimal city n_*(a_*), not the optimum on the same site): "
                       f"{b.status}: {_short(b)}."
                       + (" The paper means reading A: its proofs (A.3, A.5) compare sizes site by site, and '†' "
                          "('by virtue of existing') compares with the zero optimal size on the same site."
                          if b.status == "discrepancy" else ""))
    if "§" in notes:
        homog = run_on_pool(cell_claim(regions, name, "optimal", heterogeneous=False,
                                       text=f"'§ optimal if homogeneous' ({name} equals the optimum)"), s)
        out = _both(out, homog, "'§ optimal if homogeneous', on the homogeneous draws of the column")
    if "Draws per Phi region" not in out.detail:
        out.detail += " " + region_counts(s)
    return out


def ambiguous(s: Settings, name: str, regions, what: str, text: str) -> Outcome:
    """An 'ambiguous' cell: both signs occur. Verified when a draw of each sign is confirmed at
    dps and 2 dps; unverified when only one sign (or none) is found. Discrete and homogeneous
    draws are solved first; continuous ones only where a sign is still missing (the float64
    screen proposes, at most CONTINUOUS_CONFIRM per sign are confirmed)."""
    spec = cell_claim(regions, name, what, text=text)
    meeting = sorted((p for p in pool(s) if spec.hypotheses(p)), key=lambda p: COST[site_kind(p)])
    found: dict = {}
    ties = 0
    for p in meeting:
        if site_kind(p) in CONTINUOUS:
            continue
        v = _judge(spec, p, s.dps, confirm=True)
        ties += v.state == "tie"
        if v.state in ("holds", "fails"):
            found.setdefault(v.state == "holds", (p, v))
    cont = [p for p in meeting if site_kind(p) in CONTINUOUS]
    if len(found) < 2 and cont:
        screen = spec.screen(cont)
        for sign in (True, False):
            if sign in found:
                continue
            tries = 0
            for p, m in zip(cont, screen):
                if tries >= CONTINUOUS_CONFIRM:
                    break
                if not math.isfinite(m) or abs(m) <= NEAR_TIE or (m > 0) != sign:
                    continue
                tries += 1
                v = _judge(spec, p, s.dps, confirm=True)
                if v.state in ("holds", "fails"):
                    found.setdefault(v.state == "holds", (p, v))
                    if sign in found:
                        break
    extra = 0
    if len(found) < 2:  # a sign still missing: a further set of discrete-site draws in the column
        rng = random.Random(f"{s.seed}:abrs2017:witness:{name}:{what}:{','.join(regions)}")
        for i in range(WITNESS_DRAWS):
            p = city_point(rng, region=regions[i % len(regions)], kind="discrete", outside=False)
            if not spec.hypotheses(p):
                continue
            extra += 1
            v = _judge(spec, p, s.dps, confirm=True)
            ties += v.state == "tie"
            if v.state in ("holds", "fails"):
                found.setdefault(v.state == "holds", (p, v))
                if len(found) == 2:
                    break
    label = {True: f"more/larger in {name}", False: f"fewer/smaller in {name}"}
    witnesses = "; ".join(
        f"{label[k]} ({site_kind(p)} sites {p['sites']}, N = {p['N']}, Phi region {phi_region(p)}, "
        f"{'inside' if in_domain(p) else 'outside'} the domain, ln ratio {mpmath.nstr(v.low.margin, 8)} at {s.dps} "
        f"digits, confirmed at {2 * s.dps})" for k, (p, v) in sorted(found.items(), reverse=True)) or "none"
    status = "verified" if len(found) == 2 else "unverified"
    detail = (f"{text}, tested as 'both signs occur': {len(meeting)} of {len(pool(s))} pool draws met the cell's "
              f"hypotheses ({spec.hypotheses_text}); confirmed witnesses: {witnesses}."
              + (f" A further {extra} discrete-site draws in the column were searched for the missing sign."
                 if extra else "")
              + (f" {ties} discrete draws are exact ties." if ties else "")
              + ("" if status == "verified" else " Only one sign (or none) was confirmed: not decided."))
    return Outcome(status, detail, draws=len(pool(s)), draws_meeting_hypotheses=len(meeting), failures=0)


# --- the urbanization panel ----------------------------------------------------------------------

def _mp(q) -> mpmath.mpf:
    q = sp.Rational(q)
    return mpmath.mpf(q.p) / q.q


def _rural_variants(s: Settings) -> list[tuple[dict, str, object]]:
    """(pool draw, column, RuralSector) for the pool's discrete and homogeneous draws with an
    interior optimum: for each, a rural technology with rho^R = 1 and one with rho^R < 1
    (drawn), Nbar = N (1 + r), and a^R set so that the rural wage at N^R = Nbar - N is lambda
    times the lowest of the fixed-N urban levels (mu_*, mu_m, the local-politics margin's pab),
    lambda from 0.4 to 1.6: both rows of the panel occur."""
    out = []
    rng = random.Random(f"{s.seed}:abrs2017:rural-sector")
    for p in pool(s):
        if site_kind(p) in CONTINUOUS or p["occupancy"] != "interior":
            continue
        r = sp.Rational(str(round(rng.uniform(0.5, 3), 2)))
        lam = math.exp(rng.uniform(math.log(0.4), math.log(1.6)))
        alpha = sp.Rational(str(round(rng.uniform(0.2, 0.5), 2)))
        sigma = rng.choice((sp.Rational(1, 2), sp.Integer(1), sp.Integer(2)))
        rho_lt = sp.Rational(str(round(rng.uniform(0, 0.9), 2)))
        levels = []
        for name in ("optimum", "free-migration", "local-politics"):
            try:
                a = allocation(p, name, 30)
            except (ArithmeticError, ValueError):
                a = None
            if a is not None and a.mu > 0:
                levels.append(a.mu)
        if len(levels) < 3:
            continue
        Nbar = p["N"] * (1 + r)
        unit = rural_sector(1, 1, alpha, sigma, Nbar)
        with mpmath.workdps(30):
            scale = lam * min(levels) / unit.wage(_mp(p["N"] * r))
        aR = sp.Rational(mpmath.nstr(scale, 6))  # an input: six digits, exact from here on
        for column, rho_R in (("rho-eq-1", sp.Integer(1)), ("rho-lt-1", rho_lt)):
            out.append((p, column, rural_sector(aR, 1, alpha, sigma, Nbar, rho_R=rho_R)))
    return out


_RURAL: dict = {}


def _rural_solve(p: dict, R, name: str, dps: int):
    key = (tuple(sorted((k, str(v)) for k, v in p.items())), str(R), name, dps)
    if key not in _RURAL:
        prm = city_parameters(p["epsilon"], p["gamma"], p["tau"], p["rho"], p["delta"], rural=R)
        try:
            with budgeted(f"{name} (an urbanization draw)"):
                _RURAL[key] = solve_allocation(prm, point_sites(p), name, dps=dps, confirm=False)
        except AllocationDoesNotExist:
            _RURAL[key] = None
        except (ArithmeticError, ValueError) as error:
            _RURAL[key] = error
    return _RURAL[key]


def _urban_case(p, R, name, dps):
    """(row, ln N_z/N_*, values) at dps, or (None, why, None) when the hypotheses fail."""
    o, z = _rural_solve(p, R, "optimum", dps), _rural_solve(p, R, name, dps)
    if isinstance(o, Exception) or isinstance(z, Exception):
        return None, f"solver failure: {o if isinstance(o, Exception) else z}", None
    if o is None or z is None:
        return None, "absent", None
    if o.all_sites_occupied or not (o.rural_population > 0 and z.rural_population > 0):
        return None, "corner", None
    with mpmath.workdps(dps):
        uR = z.rural["private_benefit"]
        gap = (uR - o.mu) / abs(o.mu)
        m = mpmath.log(z.urban_population) - mpmath.log(o.urban_population)
        values = {"mu_*": o.mu, f"u^R(N^R) at {name}": uR, "N_*": o.urban_population, f"N at {name}": z.urban_population,
                  "N^R_*": o.rural_population, f"N^R at {name}": z.rural_population, "Nbar": R.total_population,
                  "rural a^R": R.scale, "alpha": R.alpha, "sigma": R.sigma, "rho^R": R.rho_R,
                  "optimum margin a_*": o.margin_site, f"{name} margin": z.margin_site}
    return gap, m, values


def urbanization(s: Settings, row: str, column: str, cell: str, reverse: bool = False) -> Outcome:
    """A cell of Table 1's urbanization panel (see the module docstring for the reading)."""
    from ..checks import printed_side
    cell = printed_side("word", (cell, ("Too little", "Too much", "Ambiguous")))[0]  # the printed side
    word = {"Too little": -1, "Too much": 1, "Ambiguous": 0}[cell]
    if reverse:
        word = -word
    want_low = row == "uR-lt-mu"
    dps = s.dps
    drawn = [v for v in _rural_variants(s) if v[1] == column]
    met, holds, fails, signs, undecided = 0, 0, [], {}, 0
    tiny = mpmath.mpf(10) ** (-(dps // 2))
    for name in ("free-migration", "local-politics"):
        for p, _, R in drawn:
            lo_gap, lo_m, values = _urban_case(p, R, name, dps)
            if lo_gap is None:
                continue
            hi_gap, hi_m, _ = _urban_case(p, R, name, 2 * dps)
            if hi_gap is None or abs(lo_gap) <= tiny or (lo_gap < 0) != (hi_gap < 0):
                continue  # u^R = mu_* to the working precision: neither row is decided
            if (lo_gap < 0) != want_low:
                continue
            met += 1
            if abs(lo_m) <= tiny or (lo_m > 0) != (hi_m > 0):
                undecided += 1
                continue
            signs.setdefault(lo_m > 0, (p, R, name, lo_m, hi_m, values))
            if word == 0:
                continue
            if (lo_m > 0) == (word > 0):
                holds += 1
            else:
                fails.append((p, R, name, lo_m, hi_m, values))
    reading = ("Read with rho^R the column's rho (Section 3.4's rho_R), tau^R = T^R = T = 0, N^R_z the allocation's "
               "own rural population, and 'too little/much' as N_z below/above N_*; free-migration and local-politics "
               "urban systems with the rural closure (6) on the pool's discrete and homogeneous draws (a_* > a_lower, "
               "interior rural splits)")
    common = dict(draws=2 * len(drawn), draws_meeting_hypotheses=met, failures=len(fails))
    where = f"{met} of {2 * len(drawn)} (draw, urban system) pairs met the row's condition"
    if word == 0:
        found = "; ".join(f"N_z {'above' if k else 'below'} N_* ({name}, {site_kind(p)} sites, N_z/N_* - 1 = "
                          f"{mpmath.nstr(mpmath.expm1(m), 6)} at {dps} digits, confirmed at {2 * dps})"
                          for k, (p, R, name, m, _, _) in sorted(signs.items(), reverse=True)) or "none"
        status = "verified" if len(signs) == 2 else "unverified"
        return Outcome(status, f"Table 1 (urbanization, {row}, {column}): 'Ambiguous', tested as 'both signs occur': "
                       f"{where}; confirmed witnesses: {found}. {reading}.", failures=0,
                       **{k: v for k, v in common.items() if k != "failures"})
    text = f"Table 1 (urbanization, {row}, {column}): '{'Too much' if word > 0 else 'Too little'}'"
    if fails:
        p, R, name, m, hm, values = fails[0]
        ce = {"parameters": point_strings(p, dps), "allocation": name,
              "rural sector": {k: str(v) for k, v in R.__dict__.items()},
              "margin ln(N_z/N_*)": mpmath.nstr(m, dps), f"margin_at_{2 * dps}_digits": mpmath.nstr(hm, 2 * dps)}
        ce.update({k: (mpmath.nstr(v, dps) if isinstance(v, mpmath.mpf) else str(v)) for k, v in values.items()})
        return Outcome("discrepancy", f"{text} fails on {len(fails)} of {met}: {where}. {reading}.",
                       counterexample=ce, **common)
    if holds == 0 or undecided:
        return Outcome("unverified", f"{text}: {holds} held, {undecided} undecided; {where}. {reading}.", **common)
    return Outcome("verified", f"{text} holds on all {met}: {where}, each solved at {dps} and {2 * dps} digits. "
                   f"{reading}.", **common)
