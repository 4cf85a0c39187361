"""Counterexample figures for `error` findings: the allocation that breaks a claim, drawn from a
re-solve of its exact parameters.

`allocation_comparison` solves the abrs2017 allocations at a city-system point (exact strings:
epsilon, gamma, tau, rho, delta, N and the JSON site specification, the layout of
`proofs_check.draws_cities` points) and draws city sizes by site, the optimum against the others.
`counterexample_figure` picks that picture for a claim result whose counterexample holds such a
point, and otherwise draws the evidence itself: the failing margin at each precision, with the
parameters in the caption. It returns None when the result has no counterexample.
"""
from __future__ import annotations

import json
from pathlib import Path

import mpmath

from numeric import cities as nc

from ._backend import pyplot, save
from .registry import DEFAULT_DPI, DEFAULT_DPS, output_dir

__all__ = ["allocation_comparison", "counterexample_figure", "city_point"]

_CITY_KEYS = ("epsilon", "gamma", "tau", "rho", "delta")


def city_point(counterexample) -> dict | None:
    """The first city-system point (a dict with the wedges, N and sites) inside a counterexample."""
    if isinstance(counterexample, dict):
        if all(k in counterexample for k in (*_CITY_KEYS, "sites")) and ("N" in counterexample
                                                                        or "urban_population" in counterexample):
            return counterexample
        for v in counterexample.values():
            found = city_point(v)
            if found is not None:
                return found
    return None


def _city_inputs(point: dict):
    params = {k: str(point[k]) for k in _CITY_KEYS}
    params["urban_population"] = str(point.get("urban_population", point.get("N")))
    params["cost_scale"] = str(point.get("cost_scale", "1"))
    sites = point["sites"]
    return params, json.loads(sites) if isinstance(sites, str) else sites


def allocation_comparison(point: dict, path, allocations=("optimum", "free-migration", "local-politics"),
                          title: str = "", dps: int = DEFAULT_DPS, dpi: int = DEFAULT_DPI) -> dict:
    """Draw city sizes by site for each allocation at `point` into path.pdf / path.png; returns
    {"pdf", "png", "caption", "sizes"} (sizes as decimal strings, best site first)."""
    plt = pyplot()
    params, sites = _city_inputs(point)
    fig, ax = plt.subplots()
    styles = {"optimum": ("k", "o", "--"), "free-migration": ("C3", "s", "-"), "local-politics": ("C0", "^", ":")}
    sizes, notes = {}, []
    for name in allocations:
        try:
            r = nc.solve_allocation(params, sites, name, dps)
        except ValueError as error:          # the allocation does not exist at this point: say so
            notes.append(f"{name}: {str(error).splitlines()[0]}")
            continue
        col, mk, ls = styles.get(name, ("0.3", "x", "-"))
        if r.sizes is not None:
            xs = [float(a) for a in r.site_values[:len(r.sizes)]]
            ys = [float(n) for n in r.sizes]
            ax.plot(xs, ys, color=col, marker=mk, ls=ls, ms=4, label=f"{name} ({len(ys)} cities)")
            sizes[name] = [mpmath.nstr(n, 20) for n in r.sizes]
        else:
            with mpmath.workdps(dps + 15):
                lo, hi = r.margin_site, r.grid[-1][0]
                grid = [lo * mpmath.power(hi / lo, mpmath.mpf(j) / 60) for j in range(61)]
                pts = [(a, r.size_of(a)) for a in grid]
            ax.plot([float(a) for a, _ in pts], [float(n) for _, n in pts], color=col, ls=ls,
                    label=f"{name} (margin a = {mpmath.nstr(r.margin_site, 6)})")
            sizes[name] = [{"a": mpmath.nstr(a, 20), "n": mpmath.nstr(n, 20)} for a, n in r.grid]
    ax.set_xlabel("site productivity a")
    ax.set_ylabel("city population")
    ax.set_title(title or "allocations at the counterexample", fontsize=8)
    ax.legend(loc="upper left", fontsize=6)
    stem = Path(path)
    output_dir(stem.parent)
    pdf, png = save(fig, stem, dpi)
    shown = ", ".join(f"{k} = {v}" for k, v in {**params, "sites": json.dumps(sites)}.items())
    caption = (f"City sizes by site at the counterexample ({shown}), solved at {dps} digits and confirmed at "
               f"{2 * dps}." + (" Not drawn: " + "; ".join(notes) + "." if notes else ""))
    return {"pdf": pdf.name, "png": png.name, "caption": caption, "sizes": sizes}


def counterexample_figure(result, path, dps: int = DEFAULT_DPS, dpi: int = DEFAULT_DPI) -> dict | None:
    """A figure for a claim result's counterexample (a ClaimResult or its to_dict()); None when
    it has none. City-system points get `allocation_comparison`; anything else gets its failing
    margin drawn at each precision reported."""
    data = result.to_dict() if hasattr(result, "to_dict") else dict(result)
    cx = data.get("counterexample")
    if not cx:
        return None
    title = f"{data.get('id', 'claim')}: {data.get('status', '')}"
    point = city_point(cx)
    if point is not None:
        return allocation_comparison(point, path, title=title, dps=dps, dpi=dpi)
    plt = pyplot()
    margins = {k: v for k, v in cx.items() if k.startswith("margin") and isinstance(v, str)}
    fig, ax = plt.subplots(figsize=(5.0, 2.2))
    labels, values = [], []
    for k, v in margins.items():
        try:
            values.append(float(mpmath.mpf(v)))
            labels.append(k)
        except (ValueError, TypeError):
            continue
    if values:
        ax.barh(range(len(values)), values, color=["C3" if x < 0 else "C2" for x in values])
        ax.set_yticks(range(len(values)), labels)
        ax.axvline(0, color="k", lw=0.8)
        ax.set_xlabel("margin of the claim's conclusion (negative: it fails)")
    else:
        ax.axis("off")
        ax.text(0.0, 0.5, "no numeric margin recorded; the parameters are in the caption", fontsize=8)
    ax.set_title(title, fontsize=8)
    stem = Path(path)
    output_dir(stem.parent)
    pdf, png = save(fig, stem, dpi)
    caption = f"Counterexample to {data.get('id', 'the claim')}: " + json.dumps(cx, sort_keys=True)
    return {"pdf": pdf.name, "png": png.name, "caption": caption, "sizes": None}
