"""The Report of a verification run, in text, JSON, Markdown and LaTeX."""
from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass

from pathlib import Path

from .certify import summary_line
from .claims import STATUSES, ClaimResult
from .severity import CLASSIFICATION, SEVERITIES, UNCLASSIFIED

__all__ = ["Report", "FORMATS"]

FORMATS = ("text", "json", "md", "tex")

def _version() -> str:
    from . import __version__
    return __version__


@dataclass
class Report:
    """Verdicts of one run: `claims` in paper order, and the `settings` that produced them."""

    claims: list[ClaimResult]
    settings: dict

    def summary(self, paper: str | None = None) -> dict[str, int]:
        """Counts of each status (for one paper, or all)."""
        chosen = [c for c in self.claims if paper in (None, c.paper)]
        return {status: sum(c.status == status for c in chosen) for status in STATUSES}

    def severity_summary(self, paper: str | None = None) -> dict[str, int]:
        """Counts of each severity among the discrepancies (for one paper, or all); an
        unclassified discrepancy is counted under "unclassified"."""
        chosen = [c for c in self.claims if paper in (None, c.paper) and c.status == "discrepancy"]
        out = {s: sum(c.severity == s for c in chosen) for s in SEVERITIES}
        out[UNCLASSIFIED] = sum(c.severity is None for c in chosen)
        return out

    def findings(self) -> list[ClaimResult]:
        """The claims that are not verified, as the reports list them: discrepancies ranked by
        severity (error, reading, technicality, typo; unclassified ones first), then the
        unverified claims; paper order within each. `claims` itself stays in paper order."""
        from .writeup import ranked_findings
        return ranked_findings(self.claims) + [c for c in self.claims if c.status == "unverified"]

    def papers(self) -> list[str]:
        return list(dict.fromkeys(c.paper for c in self.claims))

    @staticmethod
    def version() -> str:
        return _version()

    def _repr_html_(self) -> str:
        """Jupyter: counts, the findings by severity and every claim, as HTML tables
        (proofs_check.notebook)."""
        from .notebook import report_html
        return report_html(self)

    def _repr_latex_(self) -> str:
        """Jupyter: counts and the findings by severity as one MathJax formula (proofs_check.notebook)."""
        from .notebook import report_latex
        return report_latex(self)

    def render(self, fmt: str) -> str:
        return {"text": self.to_text, "json": self.to_json, "md": self.to_markdown,
                "tex": self.to_latex}[fmt]()

    # --- JSON ----------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {"tool": "cityproofs", "version": _version(), "settings": self.settings,
                "claims": [c.to_dict() for c in self.claims], "summary": self.summary()}

    def to_json(self) -> str:
        """One JSON object (DESIGN.md section 3); timings only under settings.timing."""
        return json.dumps(self.to_dict(), indent=2) + "\n"

    # --- text ----------------------------------------------------------------------------

    def _settings_line(self) -> str:
        s = self.settings
        return f"paper={s['paper']} draws={s['draws']} dps={s['dps']} seed={s['seed']}"

    def to_text(self) -> str:
        """A table of every claim, the findings spelled out beneath, and a summary line."""
        width = max([len(c.id) for c in self.claims] + [5])
        lines = [f"cityproofs {_version()}  ({self._settings_line()})", ""]
        lines.append(f"{'claim'.ljust(width)}  {'status':<12}  {'method':<16}  kind")
        lines.append(f"{'-' * width}  {'-' * 12}  {'-' * 16}  {'-' * 11}")
        for c in self.claims:
            lines.append(f"{c.id.ljust(width)}  {c.status:<12}  {c.method:<16}  {c.kind}")
        findings = self.findings()
        if findings:
            lines += ["", "Findings (discrepancies by severity: error, reading, technicality, typo; then undecided "
                          "claims):"]
            for c in findings:
                lines.append("")
                lines.append(f"{c.id}  [{_verdict(c)}]")
                lines += textwrap.wrap(c.detail, 96, initial_indent="  ", subsequent_indent="  ")
                if c.status == "discrepancy" and c.id in CLASSIFICATION:
                    lines += textwrap.wrap(f"why {c.severity}: {CLASSIFICATION[c.id].reason}", 96,
                                           initial_indent="  ", subsequent_indent="  ")
                if c.counterexample:
                    lines.append("  counterexample: " + json.dumps(c.counterexample, sort_keys=False))
                if c.note:
                    lines += textwrap.wrap("note: " + c.note, 96, initial_indent="  ", subsequent_indent="  ")
        lines.append("")
        certified = summary_line(self.claims)  # issue 13: shares and boxes per claim are in the JSON
        if certified:
            lines.append(certified)
        for paper in self.papers():
            s = self.summary(paper)
            n = sum(s.values())
            lines.append(f"{paper}: {n} claims: {s['verified']} verified, {s['discrepancy']} discrepancy, "
                         f"{s['unverified']} unverified")
        s = self.summary()
        if s["discrepancy"]:  # the summary line stays the last line
            lines.append("severity of the discrepancies: " + _severity_line(self.severity_summary()))
        lines.append(f"summary: {s['verified']} verified, {s['discrepancy']} discrepancy, "
                     f"{s['unverified']} unverified")
        return "\n".join(lines) + "\n"

    # --- Markdown ------------------------------------------------------------------------

    def to_markdown(self) -> str:
        """A Markdown table, then each finding with its evidence."""
        def cell(text: str) -> str:
            return text.replace("|", "\\|").replace("\n", " ")

        out = [f"# cityproofs {_version()} report", "", f"Settings: `{self._settings_line()}`", ""]
        s = self.summary()
        out += [f"**{s['verified']} verified, {s['discrepancy']} discrepancy, {s['unverified']} unverified**", ""]
        if s["discrepancy"]:
            out += [f"Severity of the discrepancies: {_severity_line(self.severity_summary())}.", ""]
        certified = summary_line(self.claims)
        if certified:
            out += [f"{certified[0].upper()}{certified[1:]}.", ""]
        out += ["| claim | status | severity | method | detail |", "|---|---|---|---|---|"]
        for c in self.claims:
            out.append(f"| `{c.id}` | {c.status} | {_severity_cell(c)} | {c.method} | {cell(c.detail)} |")
        if self.findings():
            out += ["", "# Findings", "", "Discrepancies ranked by severity (error, reading, technicality, typo), "
                    "then paper order; the undecided claims after them."]
        for c in self.findings():
            out += ["", f"## `{c.id}`: {_verdict(c)}", "", f"> {cell(c.quote)}", "", c.detail]
            if c.status == "discrepancy" and c.id in CLASSIFICATION:
                out += ["", f"Why {c.severity}: {CLASSIFICATION[c.id].reason}"]
            if c.printed_latex:
                out += ["", f"Printed: ${c.printed_latex}$"]
            if c.derived_latex:
                out += ["", f"Derived: ${c.derived_latex}$"]
            if c.counterexample:
                out += ["", "Counterexample:", "", "```json", json.dumps(c.counterexample, indent=2), "```"]
            if c.note:
                out += ["", f"Note: {c.note}"]
        return "\n".join(out) + "\n"

    # --- LaTeX ---------------------------------------------------------------------------

    def to_latex(self, findings_only: bool = False, figures: str | Path | None = None) -> str:
        """A standalone document (proofs_check.writeup): summary, findings by severity, the
        papers' tables, figures from `figures` (a directory, if given), every claim in compact
        form. `findings_only` keeps the summary and the findings."""
        from .writeup import document
        return document(self, findings_only=findings_only, figures=Path(figures) if figures else None)


def _verdict(c: ClaimResult) -> str:
    if c.status != "discrepancy":
        return c.status
    return f"discrepancy, {c.severity or UNCLASSIFIED}"


def _severity_cell(c: ClaimResult) -> str:
    if c.status != "discrepancy":
        return ""
    return c.severity or UNCLASSIFIED


def _severity_line(counts: dict[str, int]) -> str:
    shown = [*SEVERITIES] + ([UNCLASSIFIED] if counts.get(UNCLASSIFIED) else [])
    return ", ".join(f"{counts[k]} {k}" for k in shown)
