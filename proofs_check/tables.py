"""`cityproofs table TABLE_ID`: a paper's table as printed beside its recomputation, cell by cell.

Each cell is a registered claim (`<TABLE_ID>:<row>:<column>`); the table runs those claims and
lays out, for every cell, the printed number, the recomputed one and a mark for its status:
nothing when verified, `?` when unverified, `!` for a discrepancy. Formats: text, json, md, tex.
"""
from __future__ import annotations

import json

from .claims import ClaimResult, registered

__all__ = ["TABLES", "table_view", "view_from_results", "render_table", "UnknownTable", "FORMATS"]

FORMATS = ("text", "json", "md", "tex")
MARKS = {"verified": "", "unverified": "?", "discrepancy": "!"}


class UnknownTable(ValueError):
    """A TABLE_ID with no registered cells."""


def _table3_layout():
    from .cities import calibration
    rows = list(calibration.ROWS)
    columns = {k: name for k, (name, _) in calibration.COLUMNS.items()}
    return rows, columns


def _table4_layout():
    from .cities import simulation
    return list(simulation.TABLE4), dict(simulation.COLUMNS)


TABLES = {
    "abrs2017:Table3": ("Table 3: parameter values, private-social wedges, size distortions, cost-benefit ratios",
                        _table3_layout),
    "abrs2017:Table4": ("Table 4: welfare calculations under the three solution concepts (recomputed by simulating "
                        "the city system)", _table4_layout),
}


def _resolve(table_id: str) -> str:
    if table_id in TABLES:
        return table_id
    matches = [t for t in TABLES if t.split(":", 1)[1].lower() == table_id.lower()]
    if len(matches) == 1:
        return matches[0]
    raise UnknownTable(f"TABLE_ID {table_id!r}: unknown table; known: {', '.join(TABLES)}")


def _recomputed_text(result: ClaimResult, table_id: str, row: str) -> str | None:
    text = result.derived_latex
    if text is None:
        return None
    if table_id != "abrs2017:Table4":
        return text
    try:
        value = float(text)
    except ValueError:
        return text
    if row.startswith(("welfare", "output")):
        return f"{value:,.1f}"
    return f"{round(value):,}"


def table_view(table_id: str, draws: int = 100, dps: int = 50, seed: int = 0) -> dict:
    """The table's cells, printed beside recomputed, as a JSON-ready dict."""
    from .runner import verify
    table_id = _resolve(table_id)
    prefix = table_id + ":"
    ids = [c.id for c in registered(table_id.split(":")[0]) if c.id.startswith(prefix)]
    report = verify(paper=table_id.split(":")[0], draws=draws, dps=dps, seed=seed, jobs=1, claim_ids=ids)
    return view_from_results(table_id, report.claims)


def view_from_results(table_id: str, results: list[ClaimResult]) -> dict:
    """The view of `table_view` from results already at hand (a verification run's claims):
    only the table's own cells are read, so a whole paper's results may be passed."""
    table_id = _resolve(table_id)
    title, layout = TABLES[table_id]
    rows, columns = layout()
    prefix = table_id + ":"
    own = [r for r in results if r.id.startswith(prefix)]  # this table's cells among `results`
    by_id = {r.id: r for r in own}
    out_rows = []
    for row in rows:
        cells = []
        for col in columns:
            r = by_id.get(f"{prefix}{row}:{col}")
            if r is None:
                cells.append(None)
                continue
            cells.append({"column": col, "claim": r.id, "printed": r.printed_latex,
                          "recomputed": _recomputed_text(r, table_id, row), "status": r.status, "detail": r.detail})
        out_rows.append({"row": row, "cells": cells})
    summary = {s: sum(1 for r in own if r.status == s) for s in MARKS}
    view = {"tool": "cityproofs", "table": table_id, "title": title,
            "columns": [{"column": k, "name": v} for k, v in columns.items()], "rows": out_rows, "summary": summary,
            "legend": {"?": "unverified", "!": "discrepancy", "": "verified"}}
    if table_id == "abrs2017:Table4":
        from .cities.reproduction import reproduction
        view["calibration"] = [{"input": f.name, "value": str(f.value), "low": str(f.low), "high": str(f.high),
                                "cells": f.cells, "how": f.how, "text": f.describe()}
                               for f in reproduction().fits.values()]
    return view


def _cell_text(cell, sep: str = " | ") -> str:
    if cell is None:
        return ""
    mark = MARKS[cell["status"]]
    return f"{cell['printed'] or ''}{sep}{cell['recomputed'] or '-'}{(' ' + mark) if mark else ''}"


def _text(view: dict) -> str:
    cols = view["columns"]
    header = ["row"] + [f"({c['column']})" for c in cols]
    body = [[r["row"]] + [_cell_text(c) for c in r["cells"]] for r in view["rows"]]
    widths = [max(len(line[k]) for line in [header] + body) for k in range(len(header))]
    fmt = lambda line: "  ".join(x.ljust(w) for x, w in zip(line, widths)).rstrip()  # noqa: E731
    lines = [view["title"], "each cell: printed | recomputed; ? unverified, ! discrepancy", "", fmt(header)]
    lines += [fmt(line) for line in body]
    lines += ["", "columns: " + "; ".join(f"({c['column']}) {c['name']}" for c in cols)]
    s = view["summary"]
    lines.append(f"{s['verified']} verified, {s['discrepancy']} discrepancy, {s['unverified']} unverified")
    if view.get("calibration"):
        lines += ["", "inferred inputs (fold A; each cell's detail: cityproofs show <cell id>):"]
        lines += [f"  {f['text']}" for f in view["calibration"]]
    return "\n".join(lines) + "\n"


def _md(view: dict) -> str:
    cols = view["columns"]
    lines = [f"**{view['title']}**", "", "Each cell: printed / recomputed; `?` unverified, `!` discrepancy.", "",
             "| row | " + " | ".join(f"({c['column']}) {c['name']}" for c in cols) + " |",
             "|---|" + "---|" * len(cols)]
    for r in view["rows"]:
        cells = [_cell_text(c, " / ").replace("|", "\\|") for c in r["cells"]]
        lines.append(f"| {r['row']} | " + " | ".join(cells) + " |")
    s = view["summary"]
    lines += ["", f"{s['verified']} verified, {s['discrepancy']} discrepancy, {s['unverified']} unverified"]
    if view.get("calibration"):
        lines += ["", "Inferred inputs (fold A):", ""] + [f"- {f['text']}" for f in view["calibration"]]
    return "\n".join(lines) + "\n"


def _tex_escape(text: str) -> str:
    for a, b in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("$", r"\$"), ("#", r"\#"), ("_", r"\_"),
                 ("{", r"\{"), ("}", r"\}"), ("~", r"\textasciitilde{}"), ("^", r"\textasciicircum{}")):
        text = text.replace(a, b)
    return text


def _tex(view: dict) -> str:
    cols = view["columns"]
    lines = [r"% " + _tex_escape(view["title"]), r"% each cell: printed / recomputed; ? unverified, ! discrepancy",
             r"\begin{tabular}{l" + "r" * len(cols) + "}", r"\hline",
             "row & " + " & ".join(f"({c['column']})" for c in cols) + r" \\", r"\hline"]
    for r in view["rows"]:
        cells = []
        for c in r["cells"]:
            if c is None:
                cells.append("")
                continue
            mark = MARKS[c["status"]]
            rec = _tex_escape(c["recomputed"] or "-")
            cells.append(f"{_tex_escape(c['printed'] or '')} / " + (rf"\textbf{{{rec}}}\,{mark}" if mark else rec))
        lines.append(_tex_escape(r["row"]) + " & " + " & ".join(cells) + r" \\")
    lines += [r"\hline", r"\end{tabular}"]
    return "\n".join(lines) + "\n"


def render_table(view: dict, fmt: str = "text") -> str:
    """The table in one of FORMATS."""
    if fmt == "json":
        return json.dumps(view, indent=2) + "\n"
    if fmt == "md":
        return _md(view)
    if fmt == "tex":
        return _tex(view)
    if fmt == "text":
        return _text(view)
    raise ValueError(f"format={fmt!r}: must be one of {', '.join(FORMATS)}")
