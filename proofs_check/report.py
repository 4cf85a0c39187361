"""The Report of a verification run, in text, JSON, Markdown and LaTeX."""
from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass

from symbolic.latex import display, escape_text, unicode_declarations
from .claims import STATUSES, ClaimResult

__all__ = ["Report", "FORMATS"]

FORMATS = ("text", "json", "md", "tex")

_PAPER_TITLES = {
    "hs2012": "Helsley and Strange (2012), Coagglomeration and the Scale and Composition of Clusters",
    "abrs2017": "Albouy, Behrens, Robert-Nicoud and Seegert (2017), The optimal distribution of "
                "population across cities",
}


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

    def papers(self) -> list[str]:
        return list(dict.fromkeys(c.paper for c in self.claims))

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
        findings = [c for c in self.claims if c.status != "verified"]
        if findings:
            lines += ["", "Findings (discrepancies and undecided claims):"]
            for c in findings:
                lines.append("")
                lines.append(f"{c.id}  [{c.status}]")
                lines += textwrap.wrap(c.detail, 96, initial_indent="  ", subsequent_indent="  ")
                if c.counterexample:
                    lines.append("  counterexample: " + json.dumps(c.counterexample, sort_keys=False))
                if c.note:
                    lines += textwrap.wrap("note: " + c.note, 96, initial_indent="  ", subsequent_indent="  ")
        lines.append("")
        for paper in self.papers():
            s = self.summary(paper)
            n = sum(s.values())
            lines.append(f"{paper}: {n} claims: {s['verified']} verified, {s['discrepancy']} discrepancy, "
                         f"{s['unverified']} unverified")
        s = self.summary()
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
        out += ["| claim | status | method | detail |", "|---|---|---|---|"]
        for c in self.claims:
            out.append(f"| `{c.id}` | {c.status} | {c.method} | {cell(c.detail)} |")
        for c in self.claims:
            if c.status == "verified":
                continue
            out += ["", f"## `{c.id}`: {c.status}", "", f"> {cell(c.quote)}", "", c.detail]
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

    def to_latex(self) -> str:
        """A standalone document: title, settings, summary table, then every claim."""
        body = [r"\maketitle", r"\section*{Settings}",
                escape_text(f"cityproofs {_version()}; {self._settings_line()}. Every claim quotes the "
                            "paper verbatim; the printed form is transcribed as printed and the derived "
                            "form comes from the model's primitives."),
                r"\section*{Summary}", r"\begin{longtable}{lrrr}",
                r"paper & verified & discrepancy & unverified\\ \hline"]
        for paper in self.papers():
            s = self.summary(paper)
            body.append(f"{escape_text(paper)} & {s['verified']} & {s['discrepancy']} & {s['unverified']}\\\\")
        body.append(r"\end{longtable}")
        findings = [c for c in self.claims if c.status == "discrepancy"]
        if findings:
            body += [r"\section*{Findings}",
                     escape_text("Claims where the printed formula or number differs from the derivation, "
                                 "or where a point meeting the hypotheses breaks the conclusion; the "
                                 "evidence is under each claim below."),
                     r"\begin{itemize}"]
            body += [f"\\item \\textbf{{{escape_text(c.id)}}}: {escape_text(c.detail)}" for c in findings]
            body.append(r"\end{itemize}")
        body += [r"\section*{All claims}",
                 r"\begin{longtable}{p{0.36\linewidth}p{0.16\linewidth}p{0.18\linewidth}}",
                 r"claim & status & method\\ \hline \endhead"]
        for c in self.claims:
            body.append(f"{escape_text(c.id)} & {_status_tex(c.status)} & {escape_text(c.method)}\\\\")
        body.append(r"\end{longtable}")
        for paper in self.papers():
            body.append(f"\\section{{{escape_text(_PAPER_TITLES.get(paper, paper))}}}")
            for c in (c for c in self.claims if c.paper == paper):
                body.append("\n\n".join(_claim_tex(c)))
        text = "\n".join(body)
        preamble = [
            r"\documentclass[10pt]{article}",
            r"\usepackage[utf8]{inputenc}",
            r"\usepackage{amsmath,amssymb,graphicx,longtable,xcolor}",
            r"\usepackage[margin=2.2cm]{geometry}",
            unicode_declarations(text),
            r"\newsavebox{\fitbox}",
            r"\newcommand{\fitmath}[1]{\savebox{\fitbox}{$\displaystyle #1$}%",
            r"  \ifdim\wd\fitbox>0.92\linewidth\resizebox{0.92\linewidth}{!}{\usebox{\fitbox}}%",
            r"  \else\usebox{\fitbox}\fi}",
            r"\setlength{\parindent}{0pt}\setlength{\parskip}{4pt}",
            r"\title{cityproofs verification report}",
            f"\\author{{cityproofs {escape_text(_version())}}}",
            r"\date{}",
            r"\begin{document}",
        ]
        return "\n".join(preamble) + "\n" + text + "\n\\end{document}\n"


def _status_tex(status: str) -> str:
    colour = {"verified": "green!50!black", "discrepancy": "red!70!black", "unverified": "orange!80!black"}
    return f"\\textcolor{{{colour[status]}}}{{{status}}}"


def _claim_tex(c: ClaimResult) -> list[str]:
    tag = c.label if c.kind in ("equation", "definition", "assumption") and "(" not in c.label else None
    lines = [f"\\subsection*{{{escape_text(c.id)} \\quad {_status_tex(c.status)}}}",
             f"\\textit{{Quote ({escape_text(c.kind)}):}} {{\\small {escape_text(c.quote)}}}"]
    if c.printed_latex:
        lines += [r"\textit{Printed:}", display(c.printed_latex, tag)]
    if c.derived_latex:
        lines += [r"\textit{Derived:}", display(c.derived_latex, tag)]
    lines.append(f"\\textit{{Verdict ({escape_text(c.method)}):}} {escape_text(c.detail)}")
    if c.counterexample:
        items = "; ".join(f"{k} = {v}" for k, v in _flatten(c.counterexample))
        lines.append(f"\\textit{{Counterexample:}} {{\\small {escape_text(items)}}}")
    if c.note:
        lines.append(f"\\textit{{Note:}} {escape_text(c.note)}")
    return lines


def _flatten(d: dict, prefix: str = ""):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from _flatten(v, f"{prefix}{k}.")
        else:
            yield f"{prefix}{k}", v
