"""abrs2017 Table 4 reproduced by simulating the city system (Sections 5.3-5.4, Appendix C):
the calibration of its open inputs, the recomputed cells, and each cell's tolerance.

The computation is in `numeric.cities.table4`; this module decides which printed cells calibrate
which inputs, and holds the result (computed once per process, `reproduction()`).

Calibration procedure
---------------------
Stated inputs (the notes of Table 4, Appendix C): (eps, gamma, tau, rho, delta) per column (the
developing column's garbled vector read as Table 3's developing row, [0, 0, 0, 0.03, 0.25]);
sites a_r = A r^(-b) with A = 19,550 and b = 0.0333 as printed in columns 1-4 (the reading
b = 1/30 = 1/eta is reported too: it gives 98 optimal and 391 free-mobility cities in column 1
against the printed 99 and 392, which 0.0333 reproduces) and b = 0.016 as printed in column 5
(not 1/60). Open inputs, each inferred from printed
cells by a closed form of the local-politics allocation (every city at n_p(a_r) = n_p(a_1)
r^(-b/(gamma-eps)), eq. (3)), never from the cell it is checked on:

==========  =============================================  ===================================
input       fold A (used for every check)                  fold B (checks fold A's targets)
==========  =============================================  ===================================
c           n_p(a_1) = LP largest: col. 1 (eps .03,         col. 2 LP largest (Phi = 1, same c)
            gamma .25; shared by cols. 2, 5, 6), col. 4,    col. 4: from its LP count given N
            col. 3 (each its own (eps, gamma))
N           col. 1 LP count: N in (S_17538, S_17539]        col. 2 LP count
R (sites)   col. 6 LP count: every site developed (20,000)  none (the cap shows only there)
b (col. 6)  col. 6 LP smallest n_p(a_R)                     col. 6 LP welfare per capita
==========  =============================================  ===================================

Column 3 (eps = 0.06): the printed LP largest, smallest and count imply b = 0.0298 (closed
form), not the stated 1/30, as re-estimating a_j = w_j n_j^-eps with eps = 0.06 would: the paper
does not state these sites, so column 3 is recomputed under both readings and left unverified.

Tolerance of a cell: printed rounding + propagated inference + reading allowance.
- Rounding: half a unit of the last printed digit (LP sizes to 100, welfare and output to $1);
  the optimal and free-mobility sizes are all multiples of 5,000 (24 of 24), read as a grid of
  5,000 people: one grid step.
- Inference: the cell recomputed at each end of each fitted input's interval (the rounding of
  the cell that pins it; N's interval), deviations added; A's rounding (19,550 +- 5) enters
  welfare and output in proportion. These widths are computed in double precision for the
  optimum and free migration (they need two digits); every compared value is computed at
  `DPS` digits and confirmed at `CONFIRM_DPS`.
- Reading: one city on every count (the integer margin: the last city at or above its
  reference scale, or the first below it).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import mpmath
import sympy as sp

from numeric.cities import table4 as t4
from numeric.precision import agreed_digits, fmt

__all__ = ["reproduction", "Reproduction", "CellResult", "ROW_KEYS", "DPS", "CONFIRM_DPS", "printed_cell",
           "COLUMN_INPUTS"]

R = sp.Rational
DPS, CONFIRM_DPS = 20, 40
A_PRINTED = R(19550)
A_HALF_UNIT = R(5)
GRID = 5000
BASE = dict(epsilon=R(3, 100), gamma=R(1, 4), tau=R(34, 100), rho=R(1), delta=R(17, 100))
COLUMN_INPUTS = {  # column: (parameters of the notes, site exponent or None when fitted)
    1: (BASE, R(333, 10000)),
    2: ({**BASE, "tau": R(0), "rho": R(0), "delta": R(0)}, R(333, 10000)),
    3: ({**BASE, "epsilon": R(6, 100)}, R(333, 10000)),
    4: ({**BASE, "gamma": R(1, 2)}, R(333, 10000)),
    5: (BASE, R(16, 1000)),
    6: (BASE, None),
}
CHECKED_COLUMNS = (1, 2, 4, 5, 6)
ROW_KEYS = {  # Table 4 row slug -> (allocation, cell)
    f"{cell}-{alloc_slug}": (alloc, key)
    for cell, key in (("largest-city", "largest"), ("smallest-city", "smallest"), ("number-of-cities", "count"),
                      ("welfare", "welfare"), ("output", "output"))
    for alloc_slug, alloc in (("optimal", "optimum"), ("free-mobility", "free-migration"),
                              ("local-politics", "local-politics"))
}


def printed_cell(row: str, column: int) -> sp.Rational:
    from .simulation import TABLE4
    return R(TABLE4[row][column - 1].replace(",", ""))


def _half_unit(row: str, column: int) -> sp.Rational:
    alloc, key = ROW_KEYS[row]
    if key == "count":
        return R(0)
    if key in ("welfare", "output"):
        return R(1, 2)
    if alloc == "local-politics":
        return R(50)
    return R(GRID)


def _q(x, digits: int = 15) -> sp.Rational:
    """An mpf as an exact rational of `digits` significant digits (a fitted input)."""
    return R(mpmath.nstr(x, digits, min_fixed=-mpmath.inf, max_fixed=mpmath.inf))


@dataclass
class Fit:
    """One inferred input: its value, its interval, the cells that pin it, and how sharply."""

    name: str
    value: sp.Rational
    low: sp.Rational
    high: sp.Rational
    cells: list
    how: str

    def describe(self) -> str:
        rel = (self.high - self.low) / (2 * abs(self.value))
        show = lambda q: fmt(mpmath.mpf(q), 10)  # noqa: E731
        return (f"{self.name} = {show(self.value)} in [{show(self.low)}, {show(self.high)}] "
                f"(+-{mpmath.nstr(100 * mpmath.mpf(rel), 2)}%), from "
                f"{', '.join(self.cells)}: {self.how}")


@dataclass
class CellResult:
    row: str
    column: int
    printed: sp.Rational
    value: mpmath.mpf | None          # recomputed, at DPS digits (confirmed)
    digits: int                        # agreed digits between DPS and CONFIRM_DPS
    tolerance: mpmath.mpf | None
    parts: dict = field(default_factory=dict)   # rounding, inference, reading
    role: str = "check"                # check | target (fold A) | unchecked
    fold_b: mpmath.mpf | None = None   # a target's recomputation under fold B
    note: str = ""

    @property
    def relative(self):
        return None if self.value is None else (self.value - mpmath.mpf(self.printed)) / mpmath.mpf(self.printed)

    def within(self) -> bool | None:
        v = self.fold_b if self.role == "target" else self.value
        if v is None or self.tolerance is None:
            return None
        return abs(v - mpmath.mpf(self.printed)) <= self.tolerance


@dataclass
class Reproduction:
    fits: dict
    inputs: dict           # column -> SystemInputs (fold A)
    cells: dict            # (row, column) -> CellResult
    allocations: dict      # (column, allocation) -> Cells at DPS
    readings: dict         # extra readings' cells, keyed by name
    seconds: float = 0.0

    def cell(self, row: str, column: int) -> CellResult:
        return self.cells[(row, column)]

    def fit_summary(self) -> str:
        return " ".join(f.describe() + "." for f in self.fits.values())


def _inputs(column: int, c, N, b=None, sites=None, A=A_PRINTED) -> t4.SystemInputs:
    params, exponent = COLUMN_INPUTS[column]
    return t4.SystemInputs.create(params["epsilon"], params["gamma"], params["tau"], params["rho"], params["delta"],
                                  A, exponent if b is None else b, c, N, sites)


def _phi(params) -> sp.Rational:
    return (1 - params["tau"]) / ((1 - params["delta"]) * (1 + params["rho"] * params["gamma"]))


def _cost_fit(column: int, label: str, top_row="largest-city-local-politics") -> Fit:
    params, _ = COLUMN_INPUTS[column]
    top = printed_cell(top_row, column)
    half = _half_unit(top_row, column)
    f = lambda t: t4.cost_scale_for_top(params["epsilon"], params["gamma"], _phi(params), A_PRINTED, t)  # noqa: E731
    return Fit(label, _q(f(top)), _q(f(top + half)), _q(f(top - half)), [f"Table4:{top_row}:{column}"],
               "c = eps Phi A/(gamma n_p(a_1)^(gamma-eps)) (3), the printed n_p(a_1) +- half its last unit")


def _simulate(inp: t4.SystemInputs, allocation: str):
    with mpmath.workdps(DPS):
        low = t4.allocation_cells(inp, allocation)
    with mpmath.workdps(CONFIRM_DPS):
        high = t4.allocation_cells(inp, allocation, hint=low)
    with mpmath.workdps(CONFIRM_DPS):
        digits = min(agreed_digits(low.value(k), high.value(k)) for k in ("largest", "smallest", "welfare", "output"))
        if low.count != high.count:
            digits = 0
    return low, min(digits, DPS)


def _float_cells(inp: t4.SystemInputs, allocation: str) -> dict:
    if allocation == "local-politics":
        with mpmath.workdps(15):
            c = t4.local_politics_cells(inp)
            return {k: float(c.value(k)) for k in ("largest", "smallest", "count", "welfare", "output")}
    return t4.interior_cells_float(inp, allocation)


@lru_cache(maxsize=1)
def reproduction() -> Reproduction:
    """Table 4 recomputed (fold A), its fits, each cell's tolerance and fold-B cross-checks."""
    import time
    start = time.perf_counter()
    fits = {}
    with mpmath.workdps(30):
        fits["c_base"] = _cost_fit(1, "c (eps 0.03, gamma 0.25)")
        fits["c_cong"] = _cost_fit(4, "c (gamma 0.5)")
        fits["c_agg"] = _cost_fit(3, "c (eps 0.06)")
        sites = int(printed_cell("number-of-cities-local-politics", 6))
        K1 = int(printed_cell("number-of-cities-local-politics", 1))
        probe = _inputs(1, fits["c_base"].value, 1, sites=sites)
        lo, hi = t4.lp_population_bounds(probe, K1)
        fits["N"] = Fit("N", R(int(mpmath.nint((lo + hi) / 2))), R(int(mpmath.ceil(lo))), R(int(mpmath.floor(hi))),
                        [f"Table4:number-of-cities-local-politics:1"],
                        f"local politics develops exactly {K1} sites for sum_(r<{K1}) n_p(a_r) < N <= sum_(r<={K1}) n_p(a_r)")
        fits["R"] = Fit("R (sites)", R(sites), R(sites), R(sites), ["Table4:number-of-cities-local-politics:6"],
                        "the only column whose local politics develops every site (its sites at n_p hold less than N)")
        top6, small6 = printed_cell("largest-city-local-politics", 6), printed_cell("smallest-city-local-politics", 6)
        e, g = BASE["epsilon"], BASE["gamma"]
        b6 = [t4.exponent_from_lp_extremes(e, g, top6 + dt, small6 + ds, sites) for dt, ds in ((0, 0), (-50, 50), (50, -50))]
        fits["b6"] = Fit("b (col. 6)", _q(b6[0]), _q(b6[1]), _q(b6[2]), ["Table4:smallest-city-local-politics:6"],
                         f"b = (gamma-eps) ln(n_p(a_1)/n_p(a_R))/ln R with R = {sites} (the notes print 0.016, that of col. 5)")
    N = fits["N"].value
    inputs = {}
    for col in (1, 2, 4, 5, 6):
        c = fits["c_cong" if col == 4 else "c_base"].value
        inputs[col] = _inputs(col, c, N, b=fits["b6"].value if col == 6 else None, sites=sites)
    inputs[3] = _inputs(3, fits["c_agg"].value, N, sites=sites)
    allocations, digits = {}, {}
    for col in (1, 2, 3, 4, 5, 6):
        for alloc in t4.ALLOCATIONS:
            allocations[(col, alloc)], digits[(col, alloc)] = _simulate(inputs[col], alloc)
    readings = _readings(fits, inputs, N, sites)
    # propagated inference: each fitted input at its interval's ends
    spreads = {}
    for col in (1, 2, 3, 4, 5, 6):
        cfit = fits["c_cong" if col == 4 else "c_agg" if col == 3 else "c_base"]
        variants = [inputs[col].with_(cost_scale=cfit.low), inputs[col].with_(cost_scale=cfit.high),
                    inputs[col].with_(population=fits["N"].low), inputs[col].with_(population=fits["N"].high)]
        if col == 6:
            variants += [inputs[col].with_(exponent=fits["b6"].low), inputs[col].with_(exponent=fits["b6"].high)]
        for alloc in t4.ALLOCATIONS:
            central = _float_cells(inputs[col], alloc)
            dev = {k: 0.0 for k in central}
            for pair in zip(variants[::2], variants[1::2]):
                vals = [_float_cells(v, alloc) for v in pair]
                for k in central:
                    dev[k] += max(abs(v[k] - central[k]) for v in vals)
            spreads[(col, alloc)] = dev
    cells = {}
    for row, (alloc, key) in ROW_KEYS.items():
        for col in range(1, 7):
            cells[(row, col)] = _cell(row, col, alloc, key, allocations[(col, alloc)], digits[(col, alloc)],
                                      spreads[(col, alloc)], fits, inputs)
    rep = Reproduction(fits, inputs, cells, allocations, readings)
    rep.seconds = time.perf_counter() - start
    return rep


def _cell(row, col, alloc, key, cells, digits, spread, fits, inputs) -> CellResult:
    printed = printed_cell(row, col)
    value = cells.value(key)
    rounding = mpmath.mpf(_half_unit(row, col))
    inference = mpmath.mpf(spread[key])
    if key in ("welfare", "output"):
        inference += abs(value) * mpmath.mpf(A_HALF_UNIT) / mpmath.mpf(A_PRINTED)
    reading = mpmath.mpf(1) if key == "count" else mpmath.mpf(0)
    out = CellResult(row, col, printed, value, digits, rounding + inference + reading,
                     {"rounding": rounding, "inference": inference, "reading": reading})
    target = {("largest-city-local-politics", 1): "c_base", ("largest-city-local-politics", 4): "c_cong",
              ("largest-city-local-politics", 3): "c_agg", ("number-of-cities-local-politics", 1): "N",
              ("number-of-cities-local-politics", 6): "R", ("smallest-city-local-politics", 6): "b6"}.get((row, col))
    if target:
        out.role = "target"
        out.fold_b, out.note = _fold_b(row, col, fits, inputs)
        if out.fold_b is not None:   # confirmed at a higher precision, like every compared value
            high, _ = _fold_b(row, col, fits, inputs, CONFIRM_DPS)
            with mpmath.workdps(CONFIRM_DPS):
                out.digits = min(DPS, agreed_digits(out.fold_b, high))
    elif col == 3:
        out.role = "unchecked"
    return out


def _fold_b(row, col, fits, inputs, dps=DPS):
    """A fold-A target recomputed from other cells (fold B), with how; (None, reason) if none."""
    with mpmath.workdps(dps + 10):
        if (row, col) == ("largest-city-local-politics", 1):
            c2 = _cost_fit(2, "c from col. 2")
            inp = inputs[1].with_(cost_scale=c2.value)
            with mpmath.workdps(dps):
                v = t4.local_politics_cells(inp).largest
            return v, (f"fold B: c = {mpmath.nstr(mpmath.mpf(c2.value), 10)} from column (2)'s n_p(a_1) = 457,000 "
                       "(Phi = 1, the same c) gives column (1)'s n_p(a_1)")
        if (row, col) == ("number-of-cities-local-politics", 1):
            K2 = int(printed_cell("number-of-cities-local-politics", 2))
            lo, hi = t4.lp_population_bounds(inputs[2].with_(population=1), K2)
            N2 = R(int(mpmath.nint((lo + hi) / 2)))
            with mpmath.workdps(dps):
                v = mpmath.mpf(t4.local_politics_cells(inputs[1].with_(population=N2)).count)
            return v, (f"fold B: N = {N2} from column (2)'s local-politics count {K2} (N in "
                       f"({mpmath.nstr(lo, 10)}, {mpmath.nstr(hi, 10)}]) gives column (1)'s count")
        if (row, col) == ("largest-city-local-politics", 4):
            K4 = int(printed_cell("number-of-cities-local-politics", 4))
            lo, hi = t4.lp_top_for_count(inputs[4], K4)
            return (lo + hi) / 2, (f"fold B: column (4)'s count {K4} with N gives n_p(a_1) in "
                                   f"[{mpmath.nstr(lo, 8)}, {mpmath.nstr(hi, 8)})")
        if (row, col) == ("smallest-city-local-politics", 6):
            target = mpmath.mpf(printed_cell("welfare-local-politics", 6))

            def welfare(b):
                with mpmath.workdps(dps):
                    return t4.local_politics_cells(inputs[6].with_(exponent=_q(b))).welfare
            lo, hi = mpmath.mpf("0.05"), mpmath.mpf("0.08")   # welfare falls as heterogeneity rises
            if not welfare(lo) > target > welfare(hi):
                return None, "fold B: no b in [0.05, 0.08] gives column (6)'s local-politics welfare"
            for _ in range(40):
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if welfare(mid) > target else (lo, mid)
            b = (lo + hi) / 2
            with mpmath.workdps(dps):
                v = t4.local_politics_cells(inputs[6].with_(exponent=_q(b))).smallest
            return v, (f"fold B: b = {mpmath.nstr(b, 6)} from column (6)'s local-politics welfare 13,365 (every site "
                       "at n_p: welfare depends on b alone) gives n_p(a_R)")
    return None, "a calibration input with no other cell to pin it"


def _readings(fits, inputs, N, sites) -> dict:
    """Other readings the claims report: N = 280 million; b = 1/15 in col. 6 (Appendix C.3);
    column 3 with re-estimated sites (b from its LP extremes, A from its LP output)."""
    out = {}
    with mpmath.workdps(DPS):
        for alloc in t4.ALLOCATIONS:
            out[("N=280m", 1, alloc)] = t4.allocation_cells(inputs[1].with_(population=280_000_000), alloc)
        # b = 1/30 (1/eta) instead of the printed 0.0333, with N refitted on the same cell
        inp = inputs[1].with_(exponent=R(1, 30))
        lo, hi = t4.lp_population_bounds(inp, int(printed_cell("number-of-cities-local-politics", 1)))
        inp = inp.with_(population=R(int(mpmath.nint((lo + hi) / 2))))
        for alloc in t4.ALLOCATIONS:
            out[("b=1/30", 1, alloc)] = t4.allocation_cells(inp, alloc)
        for alloc in t4.ALLOCATIONS:
            out[("b=1/15", 6, alloc)] = t4.allocation_cells(inputs[6].with_(exponent=R(1, 15)), alloc)
        # column (2)'s free migration with one more city: the population raised until city K + 1 stands at n_p
        fm2 = t4.allocation_cells(inputs[2], "free-migration")
        more = inputs[2].with_(population=inputs[2].population + R(int(mpmath.ceil(-fm2.extra["next_slack"]))) + 1)
        out[("one-more-city", 2, "free-migration")] = t4.allocation_cells(more, "free-migration")
        p3, _ = COLUMN_INPUTS[3]
        b3 = t4.exponent_from_lp_extremes(p3["epsilon"], p3["gamma"], printed_cell("largest-city-local-politics", 3),
                                          printed_cell("smallest-city-local-politics", 3),
                                          int(printed_cell("number-of-cities-local-politics", 3)))
        inp3 = inputs[3].with_(exponent=_q(b3, 6))
        lp = t4.local_politics_cells(inp3)
        A3 = _q(mpmath.mpf(A_PRINTED) * mpmath.mpf(printed_cell("output-local-politics", 3)) / lp.output, 6)
        c3 = _q(mpmath.mpf(inputs[3].cost_scale) * mpmath.mpf(A3) / mpmath.mpf(A_PRINTED), 12)
        inp3 = inp3.with_(scale=A3, cost_scale=c3)
        out["col3-inputs"] = {"b": _q(b3, 6), "A": A3, "c": c3}
        for alloc in t4.ALLOCATIONS:
            out[("resited", 3, alloc)] = t4.allocation_cells(inp3, alloc)
    return out
