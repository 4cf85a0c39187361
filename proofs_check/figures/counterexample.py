"""Counterexample figures for `error` findings: the picture of the evidence that breaks a claim,
drawn at the exact parameters of its counterexample.

`counterexample_figure` draws a claim result (a ClaimResult or its to_dict()) with the drawer
registered for its claim (`counterexample_drawer`, abrs2017's in `counterexample_cities`); a
counterexample holding a city-system point (exact strings: epsilon, gamma, tau, rho, delta, N
and the JSON site specification, the layout of `proofs_check.draws_cities` points) gets
`allocation_comparison`, city sizes by site under each allocation, re-solved there. It returns
None when no picture helps (no counterexample, or evidence that is a formula or a number the
finding already prints). `write_counterexamples` draws every `error` finding of a set of results
under the file name the write-up looks for (`proofs_check.writeup.figure_stem`).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import mpmath

from numeric import cities as nc

from ._backend import pyplot, save
from .registry import DEFAULT_DPI, DEFAULT_DPS, Drawn, output_dir

__all__ = ["allocation_comparison", "counterexample_figure", "city_point", "counterexample_drawer", "DRAWERS",
           "write_counterexamples", "error_findings", "ReportFileError", "NO_PICTURE"]

#: claim id -> draw(counterexample, dps) -> Drawn, for evidence best shown as a curve
DRAWERS: dict[str, Callable[[dict, int], Drawn]] = {}

#: why an `error` finding gets no figure, when none of the above applies
NO_PICTURE = "no picture helps: its evidence is a formula or a number, printed with the finding"


def counterexample_drawer(claim_id: str):
    """Register the decorated function as the counterexample figure of `claim_id`."""
    def register(fn):
        DRAWERS[claim_id] = fn
        return fn
    return register


def _load() -> None:
    from . import counterexample_cities  # noqa: F401  (registers the abrs2017 drawers)


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
    """A figure for a claim result's counterexample (a ClaimResult or its to_dict()) at path.pdf /
    path.png: its claim's registered drawer, else the allocations at a city-system point; None
    when it has no counterexample or no picture helps. Returns {"pdf", "png", "caption",
    "parameters", "numbers"}."""
    _load()
    data = result.to_dict() if hasattr(result, "to_dict") else dict(result)
    cx = data.get("counterexample")
    if not cx or not isinstance(cx, dict):
        return None
    stem = Path(path)
    drawer = DRAWERS.get(data.get("id", ""))
    if drawer is not None:
        drawn = drawer(cx, dps)
        output_dir(stem.parent)
        pdf, png = save(drawn.fig, stem, dpi)
        return {"pdf": pdf.name, "png": png.name, "caption": drawn.caption, "parameters": drawn.parameters,
                "numbers": drawn.numbers}
    point = city_point(cx)
    if point is None:
        return None
    title = f"{data.get('id', 'claim')}: {data.get('status', '')}"
    out = allocation_comparison(point, path, title=title, dps=dps, dpi=dpi)
    return {"pdf": out["pdf"], "png": out["png"], "caption": out["caption"],
            "parameters": {k: str(v) for k, v in point.items()}, "numbers": {"sizes": out["sizes"]}}


def _severity(data: dict) -> str | None:
    if "severity" in data:                 # a report's JSON carries it
        return data["severity"]
    from proofs_check.severity import severity_of
    return severity_of(data.get("id", ""), data.get("status", ""))


def write_counterexamples(out, results, dps: int = DEFAULT_DPS, dpi: int = DEFAULT_DPI,
                          progress: Callable[[str], None] | None = None) -> tuple[list[dict], list[dict]]:
    """Draw a figure for every `error` discrepancy among `results` (ClaimResults or their JSON
    dicts) into `out`: <figure_stem>.pdf, .png and .txt (the caption), the names the write-up
    looks for. Returns (drawn entries, skipped entries with the reason)."""
    from proofs_check.writeup import figure_stem
    target = output_dir(out)
    drawn, skipped = [], []
    for result in results:
        data = result.to_dict() if hasattr(result, "to_dict") else dict(result)
        if data.get("status") != "discrepancy" or _severity(data) != "error":
            continue
        claim_id = data["id"]
        stem = figure_stem(claim_id)
        if progress and data.get("counterexample"):
            progress(stem)
        entry = counterexample_figure(data, target / stem, dps=dps, dpi=dpi)
        if entry is None:
            reason = "no counterexample" if not data.get("counterexample") else NO_PICTURE
            skipped.append({"claim": claim_id, "reason": reason})
            continue
        caption = f"Counterexample to {claim_id} (finding, severity error). {entry['caption']}"
        (target / f"{stem}.txt").write_text(caption + "\n", encoding="utf-8")
        drawn.append({"claim": claim_id, "pdf": entry["pdf"], "png": entry["png"], "caption_file": f"{stem}.txt",
                      "caption": caption, "parameters": entry["parameters"], "numbers": entry["numbers"]})
    return drawn, skipped


class ReportFileError(ValueError):
    """--report is not a readable cityproofs JSON report: one line, exit 2."""


def _report_claims(path) -> list[dict]:
    where = f"--report {path}"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ReportFileError(f"{where}: cannot read it ({error.strerror or error})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReportFileError(f"{where}: not JSON ({str(error).splitlines()[0]})") from None
    if not isinstance(data, dict) or data.get("tool") != "cityproofs":
        raise ReportFileError(f"{where}: not a cityproofs report (make one with cityproofs verify --format json)")
    claims = data.get("claims")
    if not isinstance(claims, list) or not all(isinstance(c, dict) and isinstance(c.get("id"), str)
                                               and "status" in c for c in claims):
        raise ReportFileError(f"{where}: its claims are not a list of claim objects with id and status")
    return claims


def error_findings(paper: str = "all", report=None) -> list:
    """The results the counterexample figures are drawn from: the claims of `report` (a
    `cityproofs verify --format json` file), or else every claim of `paper` that the severity
    table classes as an error, run now with the default settings (proofs_check.verify)."""
    from proofs_check import verify
    from proofs_check.claims import registered
    from proofs_check.severity import CLASSIFICATION
    if report is not None:
        return [c for c in _report_claims(report) if paper in ("all", c["id"].split(":", 1)[0])]
    known = {c.id for c in registered(paper)}
    ids = [cid for cid, k in CLASSIFICATION.items() if k.severity == "error" and cid in known]
    return verify(paper=paper, claim_ids=ids, jobs=1).claims if ids else []
