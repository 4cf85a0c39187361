"""The LaTeX write-up of a verification run (`cityproofs latex`): a document a referee can send.

Order (issue 12): a summary; the findings ranked by severity (error, reading, technicality,
typo; then paper order), each with its quote typeset as the paper's text, the printed and the
derived form side by side, its counterexample as a small table and the reason for its
severity; the papers' Tables 1, 3 and 4 printed beside recomputed; the figures, where a
figures directory is given; then every claim in compact form (one line for a verified claim,
the evidence for the rest). A closing note states the length in pages and the pages that hold
the findings (compile twice for the page numbers, as for any LaTeX cross-reference).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from symbolic.latex import display, unicode_declarations
from .claims import ClaimResult
from .severity import CLASSIFICATION, RANK, RULES, SEVERITIES, UNCLASSIFIED
from .texmath import breakable, detail_tex, quote_tex, safe_math, text_tex

if TYPE_CHECKING:
    from .report import Report

__all__ = ["document", "ranked_findings", "figure_stem", "FIGURE_SUFFIXES"]

FIGURE_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg")
_SAFE_PATH = re.compile(r"^[A-Za-z0-9/._+-]+$")  # a path \includegraphics takes as it is

_PAPER_TITLES = {
    "hs2012": "Helsley and Strange (2012), Coagglomeration and the Scale and Composition of Clusters",
    "abrs2017": "Albouy, Behrens, Robert-Nicoud and Seegert (2017), The optimal distribution of "
                "population across cities",
}
_SEVERITY_COLOUR = {"error": "red!75!black", "reading": "orange!85!black", "technicality": "blue!60!black",
                    "typo": "black!55", UNCLASSIFIED: "magenta!80!black"}
_STATUS_COLOUR = {"verified": "green!50!black", "discrepancy": "red!70!black", "unverified": "orange!80!black"}
_HEADINGS = {"error": "Errors", "reading": "Readings", "technicality": "Technicalities", "typo": "Typos",
             UNCLASSIFIED: "Not yet classified"}


def ranked_findings(claims: list[ClaimResult]) -> list[ClaimResult]:
    """The discrepancies ranked by severity (unclassified first, then error, reading,
    technicality, typo), in paper order within a class."""
    findings = [c for c in claims if c.status == "discrepancy"]
    order = {c.id: k for k, c in enumerate(claims)}
    return sorted(findings, key=lambda c: (RANK[c.severity or UNCLASSIFIED], order[c.id]))


def figure_stem(claim_id: str) -> str:
    """The file name (without suffix) under which a finding's own figure is looked for in the
    figures directory: `abrs2017:Prop2(iii)` -> `abrs2017_Prop2_iii`."""
    return re.sub(r"[^A-Za-z0-9.-]+", "_", claim_id).strip("_")


def _figure_file(directory: Path | None, stem: str) -> Path | None:
    if directory is None:
        return None
    for suffix in FIGURE_SUFFIXES:
        f = directory / (stem + suffix)
        if f.is_file() and _SAFE_PATH.match(f.resolve().as_posix()):
            return f
    return None


def _graphic(f: Path, width: str) -> str:
    base = f.with_suffix("").resolve().as_posix()
    return (f"\\includegraphics[width={width},height=0.4\\textheight,keepaspectratio]"
            f"{{{{{base}}}{f.suffix.lower()}}}")


def _severity_tex(severity: str | None) -> str:
    s = severity or UNCLASSIFIED
    return f"\\textcolor{{{_SEVERITY_COLOUR[s]}}}{{\\textbf{{{s}}}}}"


def _status_tex(status: str) -> str:
    return f"\\textcolor{{{_STATUS_COLOUR[status]}}}{{{status}}}"


def _id_tex(claim_id: str) -> str:
    return r"\texttt{" + r":\allowbreak{}".join(text_tex(p) for p in claim_id.split(":")) + "}"


def _label(claim_id: str) -> str:
    return "cp:" + re.sub(r"[^A-Za-z0-9.:-]", "-", claim_id)


def _formula(body: str | None, inline: bool = False) -> str:
    """A printed or derived form, displayed (or, `inline`, fitted to its column). These come
    from SymPy's printer or from the claims' own transcriptions, which the write-up has always
    typeset; one holding a character that would end math mode, a group or a table cell is
    shown as source."""
    if not body:
        return ""
    if safe_math(body) or not any(ch in body for ch in "$%#\n") and "&" not in body.replace(r"\&", ""):
        return f"\\fitmath{{{body}}}" if inline else display(body)
    return r"{\ttfamily\small " + breakable(body) + "}"


def _side_by_side(printed: str | None, derived: str | None) -> str:
    if printed and derived and max(len(printed), len(derived)) <= 300:  # wider ones are stacked
        cell = (r"\begin{{minipage}}[t]{{0.485\linewidth}}\textit{{{}}}\par\smallskip{{\centering {}\par}}"
                r"\end{{minipage}}")
        return (cell.format("Printed", _formula(printed, inline=True)) + r"\hfill"
                + cell.format("Derived / corrected", _formula(derived, inline=True)) + r"\par\smallskip")
    out = []
    if printed:
        out.append(r"\textit{Printed:}" + _formula(printed))
    if derived:
        out.append(r"\textit{Derived / corrected:}" + _formula(derived))
    return "\n".join(out)


def _flatten(d: dict, prefix: str = ""):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from _flatten(v, f"{prefix}{k}.")
        elif isinstance(v, (list, tuple)):
            yield f"{prefix}{k}", ", ".join(str(x) for x in v)
        else:
            yield f"{prefix}{k}", str(v)


def _counterexample_table(ce: dict) -> str:
    rows = []
    for key, value in ce.items():
        if isinstance(value, dict):  # a group, such as the point's parameters
            rows.append(f"\\multicolumn{{2}}{{@{{}}l}}{{\\textit{{{text_tex(key)}:}}}}\\\\")
            rows += [f"\\quad {detail_tex(k)} & {breakable(v, 16)}\\\\" for k, v in _flatten(value)]
        else:
            rows += [f"{detail_tex(k)} & {breakable(v, 16)}\\\\" for k, v in _flatten({key: value})]
    # a short table is kept on one page; a long one may break across pages
    env = "tabular" if len(rows) <= 30 else "longtable"
    return "\n".join([r"\par\smallskip{\small\textit{Counterexample} (exact decimal strings):}\par",
                      r"{\small\noindent\begin{" + env + r"}{@{}>{\raggedright}p{0.34\linewidth}"
                      r">{\raggedright\arraybackslash}p{0.6\linewidth}@{}}", r"\toprule quantity & value\\ \midrule",
                      *rows, r"\bottomrule\end{" + env + "}}\\par"])


def _finding(c: ClaimResult, number: int, figures: Path | None = None) -> str:
    klass = CLASSIFICATION.get(c.id)
    lines = [f"\\subsubsection*{{F{number}. {_id_tex(c.id)}\\quad{{\\small {_severity_tex(c.severity)}, "
             f"{text_tex(c.kind)}, {text_tex(c.method)}}}}}",
             f"\\label{{{_label(c.id)}}}",
             r"\begin{quote}\small " + quote_tex(c.quote) + r"\end{quote}"]
    sides = _side_by_side(c.printed_latex, c.derived_latex)
    if sides:
        lines.append(r"\noindent " + sides + r"\par")
    lines.append(r"\noindent\textit{Finding:} " + detail_tex(c.detail))
    if c.draws is not None:
        lines.append(r"\par\noindent{\small\textit{Draws:} " + text_tex(
            f"{c.draws} drawn, {c.draws_meeting_hypotheses} met the hypotheses, {c.failures} failed "
            f"(dps {c.dps}, seed {c.seed}).") + "}")
    if c.counterexample:
        lines.append(_counterexample_table(c.counterexample))
    picture = _figure_file(figures, figure_stem(c.id))  # the figures command's counterexample figure
    if picture is not None:
        lines.append(r"\begin{center}" + _graphic(picture, r"0.6\linewidth") + r"\end{center}")
        caption = picture.with_suffix(".txt")
        if caption.is_file():  # its caption names the parameters it is drawn at
            lines.append(r"{\footnotesize\noindent\textit{Figure:} "
                         + detail_tex(" ".join(caption.read_text(encoding="utf-8").split())) + r"\par}")
    if klass:
        lines.append(r"\par\noindent\textit{Why " + text_tex(klass.severity) + ":} " + detail_tex(klass.reason))
    else:
        lines.append(r"\par\noindent\textit{Severity:} not yet classified (proofs\_check/severity.py).")
    if c.note:
        lines.append(r"\par\noindent{\small\textit{Note:} " + detail_tex(c.note) + "}")
    return "\n".join(lines)


def _summary(report: "Report", findings: list[ClaimResult], numbers: dict[str, int]) -> list[str]:
    s = report.settings
    out = [r"\section{Summary}",
           text_tex(f"cityproofs {report.version()}; paper={s.get('paper')} draws={s.get('draws')} "
                    f"dps={s.get('dps')} seed={s.get('seed')}. Every claim quotes the paper verbatim; the printed "
                    "form is transcribed as printed and the derived form comes from the model's primitives. A "
                    "numeric verdict is confirmed at a higher precision before it is reported."),
           r"\begin{center}\begin{tabular}{lrrr|rrrr}\toprule",
           r"paper & verified & discrepancy & unverified & error & reading & technicality & typo\\ \midrule"]
    for paper in report.papers():
        st = report.summary(paper)
        sev = report.severity_summary(paper)
        out.append(f"{text_tex(paper)} & {st['verified']} & {st['discrepancy']} & {st['unverified']} & "
                   + " & ".join(str(sev[k]) for k in SEVERITIES) + r"\\")
    out += [r"\bottomrule\end{tabular}\end{center}"]
    unclassified = report.severity_summary()[UNCLASSIFIED]
    if unclassified:
        out.append(_severity_tex(None) + text_tex(f": {unclassified} discrepancies have no severity yet "
                                                   "(proofs_check/severity.py); they are listed first."))
    out += [
            r"\noindent Severity classes, in the order the findings are ranked:",
            r"\begin{description}\itemsep0pt"]
    out += [f"\\item[{_severity_tex(k)}] {text_tex(RULES[k])}." for k in SEVERITIES]
    out.append(r"\end{description}")
    if findings:
        out += [r"\noindent Findings at a glance:", r"{\small\begin{longtable}{@{}r>{\raggedright}p{0.52\linewidth}"
                r"l r@{}}\toprule & claim & severity & page\\ \midrule\endhead"]
        out += [f"F{numbers[c.id]} & {_id_tex(c.id)} & {_severity_tex(c.severity)} & "
                f"\\pageref{{{_label(c.id)}}}\\\\" for c in findings]
        out.append(r"\bottomrule\end{longtable}}")
    return out


def _findings(findings: list[ClaimResult], numbers: dict[str, int], figures: Path | None) -> list[str]:
    out = [r"\section{Findings, by severity}", r"\label{cp-findings-start}"]
    if not findings:
        return out + ["No discrepancies.", r"\label{cp-findings-end}"]
    groups: dict[str, list[ClaimResult]] = {}
    for c in findings:
        groups.setdefault(c.severity or UNCLASSIFIED, []).append(c)
    for severity, members in groups.items():
        rule = RULES.get(severity, "the classification table has no entry for these discrepancies")
        out += [f"\\subsection{{{_HEADINGS[severity]} ({len(members)})}}", r"\noindent\textit{" + text_tex(rule)
                + ".}"]
        out += [_finding(c, numbers[c.id], figures) for c in members]
    out.append(r"\label{cp-findings-end}")
    return out


# --- the papers' tables ------------------------------------------------------------------------

_MARK_TEX = {"verified": r"\textcolor{green!50!black}{\checkmark}", "unverified": r"\textcolor{orange!80!black}{?}",
             "discrepancy": r"\textcolor{red!75!black}{\textbf{!}}"}
_T1_COLUMNS = {"rho-eq-1": r"$\rho_R = 1$", "rho-lt-1": r"$\rho_R < 1$", "phi-lt-1": r"$\Phi < 1$",
               "phi-eq-1": r"$\Phi = 1$", "phi-in-1-Gamma": r"$\Phi \in (1, \Gamma)$",
               "phi-ge-Gamma": r"$\Phi \ge \Gamma$", "phi-lt-phistar": r"$\Phi < \Phi_*$",
               "phi-in-phistar-1": r"$\Phi \in [\Phi_*, 1)$"}
_T1_PANELS = {"urbanization": "Urbanization", "local-politics": "Local politics", "free-migration": "Free migration"}
_T1_ROWS = {"uR-lt-mu": r"$u_R(N^R) < \mu_*$", "uR-ge-mu": r"$u_R(N^R) \ge \mu_*$", "large-cities": "Large cities",
            "small-cities": "Small cities", "number-of-cities": "Number of cities"}


def _table1(claims: list[ClaimResult], numbers: dict[str, int]) -> list[str]:
    prefix = "abrs2017:Table1:"
    cells = [c for c in claims if c.id.startswith(prefix)]
    if not cells:
        return []
    layout: dict[str, dict[str, dict[str, ClaimResult]]] = {}
    for c in cells:
        _, _, panel, row, column = c.id.split(":")
        layout.setdefault(panel, {}).setdefault(row, {})[column] = c
    out = [r"\subsection{abrs2017 Table 1: comparisons of allocations with the centralized optimum}",
           r"\noindent Each cell: the paper's word, then the check's mark: " + _MARK_TEX["verified"] + " verified, "
           + _MARK_TEX["discrepancy"] + " discrepancy, " + _MARK_TEX["unverified"] + r" unverified (the claim "
           r"\texttt{abrs2017:Table1:\textless panel\textgreater:\textless row\textgreater:\textless "
           r"column\textgreater}). Notes: \S{} optimal if homogeneous; \dag{} by virtue of existing; \ddag{} if "
           r"$\overline{a}$ is sufficiently large.", r"\begin{center}\small"]
    for panel, rows in layout.items():
        columns = list(dict.fromkeys(col for r in rows.values() for col in r))
        out += [r"\begin{tabular}{l" + "c" * len(columns) + r"}\toprule",
                f"\\textbf{{{text_tex(_T1_PANELS.get(panel, panel))}}} & "
                + " & ".join(_T1_COLUMNS.get(col, text_tex(col)) for col in columns) + r"\\ \midrule"]
        for row, by_col in rows.items():
            entries = []
            for col in columns:
                c = by_col.get(col)
                if c is None:
                    entries.append("")
                    continue
                m = re.search(r"This cell: '([^']*)'", c.note)
                word = m.group(1) if m else "?"
                entries.append(f"{text_tex(word)}\\,{_MARK_TEX[c.status]}")
            out.append(f"{_T1_ROWS.get(row, text_tex(row))} & " + " & ".join(entries) + r"\\")
        out += [r"\bottomrule\end{tabular}\par\medskip"]
    out.append(r"\end{center}")
    bad = [c for c in cells if c.status == "discrepancy"]
    if bad:
        out.append(r"\noindent Marked cells: " + "; ".join(
            f"{_id_tex(c.id)} (Finding F{numbers[c.id]}, p.~\\pageref{{{_label(c.id)}}})" for c in bad) + ".")
    return out


def _number_tex(text: str | None) -> str:
    return breakable(text or "", 14) if text else "--"


def _pairs_table(view: dict) -> list[str]:
    """A printed/recomputed table: each row of the paper's table as two lines."""
    cols = view["columns"]
    spec = "@{}l" + "r" * len(cols) + "@{}"
    out = [r"{\footnotesize\setlength{\tabcolsep}{3.5pt}\begin{longtable}{" + spec + r"}\toprule",
           " & " + " & ".join(f"({c['column']})" for c in cols) + r"\\ \midrule\endhead"]
    for r in view["rows"]:
        name = r["row"]
        printed = [_number_tex(c["printed"]) if c else "" for c in r["cells"]]
        recomputed = []
        for c in r["cells"]:
            if c is None:
                recomputed.append("")
            elif c["status"] == "verified":
                recomputed.append(_number_tex(c["recomputed"]))
            else:
                colour = "red!75!black" if c["status"] == "discrepancy" else "orange!80!black"
                mark = "!" if c["status"] == "discrepancy" else "?"
                recomputed.append(f"\\textcolor{{{colour}}}{{\\textbf{{{_number_tex(c['recomputed'])}}}\\,{mark}}}")
        out.append(f"{text_tex(name)} & " + " & ".join(printed) + r"\\*")
        out.append(r"\quad\textit{recomputed} & " + " & ".join(recomputed) + r"\\[2pt]")
    out.append(r"\bottomrule\end{longtable}}")
    out.append(r"{\footnotesize\noindent Columns: " + "; ".join(
        f"({c['column']}) {detail_tex(str(c['name']))}" for c in cols) + ".}")
    return out


def _table34(claims: list[ClaimResult]) -> list[str]:
    from .tables import TABLES, view_from_results
    out = []
    for table_id in ("abrs2017:Table3", "abrs2017:Table4"):
        if not any(c.id.startswith(table_id + ":") for c in claims):
            continue
        view = view_from_results(table_id, claims)
        s = view["summary"]
        out += [f"\\subsection{{{text_tex('abrs2017 ' + TABLES[table_id][0])}}}",
                r"\noindent Each row as printed, and beneath it as recomputed; a recomputed cell that differs is "
                r"in red with !, an undecided one in orange with ?. "
                + text_tex(f"{s['verified']} cells verified, {s['discrepancy']} discrepancies, "
                           f"{s['unverified']} unverified.")]
        out += _pairs_table(view)
        if view.get("calibration"):
            out += [r"\par\smallskip{\footnotesize\noindent\textit{Inputs inferred from the printed cells:}",
                    r"\begin{itemize}\itemsep0pt"] + [r"\item " + detail_tex(f["text"]) for f in view["calibration"]]
            out += [r"\end{itemize}}"]
    return out


def _tables(claims: list[ClaimResult], numbers: dict[str, int]) -> list[str]:
    body = _table1(claims, numbers) + _table34(claims)
    return [r"\section{The papers' tables, printed beside recomputed}"] + body if body else []


# --- figures -------------------------------------------------------------------------------------


def _natural(name: str) -> list:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def _figures(directory: Path | None, shown: set[str]) -> list[str]:
    """Every figure in `directory` (from `cityproofs figures --out DIR`: <stem>.pdf/.png with the
    caption in <stem>.txt), one file per stem (PDF preferred), in natural name order; stems named
    for a finding (`figure_stem`, in `shown`) are drawn with the finding instead. Paths LaTeX
    cannot take verbatim are listed, not included."""
    if directory is None:
        return []
    stems = sorted({p.stem for p in directory.iterdir() if p.is_file() and p.suffix.lower() in FIGURE_SUFFIXES}
                   - shown, key=_natural)
    out = [r"\section{Figures}"]
    if not stems:
        return out + [text_tex(f"No figure files ({', '.join(FIGURE_SUFFIXES)}) in {directory}.")]
    skipped = []
    for stem in stems:
        f = _figure_file(directory, stem)
        if f is None:
            skipped.append(stem)
            continue
        caption_file = directory / f"{stem}.txt"
        caption = caption_file.read_text(encoding="utf-8").strip() if caption_file.is_file() else stem
        caption = " ".join(caption.split())  # a caption is one paragraph
        out += [r"\begin{figure}[htbp]\centering", _graphic(f, r"0.85\linewidth"),
                f"\\caption{{{detail_tex(caption)}}}", r"\end{figure}"]
    if skipped:
        out.append(text_tex("Not included (a path LaTeX cannot take as it is): " + ", ".join(skipped) + "."))
    out.append(r"\clearpage")
    return out


# --- all claims ---------------------------------------------------------------------------------

def _compact(report: "Report", numbers: dict[str, int]) -> list[str]:
    out = [r"\section{Every claim, in compact form}",
           r"\noindent One line for a verified claim; the evidence for the rest (for a discrepancy, its finding)."]
    for paper in report.papers():
        out += [f"\\subsection{{{text_tex(_PAPER_TITLES.get(paper, paper))}}}", r"\begin{multicols}{2}\small",
                r"\setlength{\parskip}{1pt}\raggedright"]
        for c in (c for c in report.claims if c.paper == paper):
            head = (f"\\noindent{_id_tex(c.id)} \\hfill {{\\footnotesize {text_tex(c.kind)}, "
                    f"{text_tex(c.method)}}} {_status_tex(c.status)}")
            if c.status == "verified":
                out.append(head + r"\par")
            elif c.status == "discrepancy":
                out.append(head + f"\\par{{\\footnotesize\\quad {_severity_tex(c.severity)}: Finding "
                                  f"F{numbers[c.id]}, p.~\\pageref{{{_label(c.id)}}}}}\\par")
            else:
                note = (r"\par\quad\textit{Note:} " + detail_tex(c.note)) if c.note else ""
                out.append(head + r"\par{\footnotesize\quad " + detail_tex(c.detail) + note + r"}\par")
        out.append(r"\end{multicols}")
    return out


# --- the document ---------------------------------------------------------------------------------

_PREAMBLE = r"""\documentclass[10pt]{article}
\usepackage[utf8]{inputenc}
\usepackage{amsmath,amssymb,graphicx,longtable,booktabs,array,multicol,xcolor}
\usepackage[margin=2.2cm]{geometry}
%(unicode)s
\newsavebox{\fitbox}
\newcommand{\fitmath}[1]{\savebox{\fitbox}{$\displaystyle #1$}%%
  \ifdim\wd\fitbox>0.92\linewidth\resizebox{0.92\linewidth}{!}{\usebox{\fitbox}}%%
  \else\usebox{\fitbox}\fi}
\setlength{\parindent}{0pt}\setlength{\parskip}{4pt}
\setcounter{secnumdepth}{2}
\title{cityproofs verification report%(title)s}
\author{cityproofs %(version)s}
\date{}
\begin{document}
\maketitle
"""


def document(report: "Report", findings_only: bool = False, figures: Path | None = None) -> str:
    """The write-up as a standalone LaTeX document (pdflatex, twice for page references)."""
    findings = ranked_findings(report.claims)
    numbers = {c.id: k for k, c in enumerate(findings, 1)}
    body = _summary(report, findings, numbers) + [r"\clearpage"] + _findings(findings, numbers, figures)
    if not findings_only:
        shown = {figure_stem(c.id) for c in findings}
        body += [r"\clearpage"] + _tables(report.claims, numbers) + _figures(figures, shown)
        body += [r"\clearpage"] + _compact(report, numbers)
    body += [r"\section*{Closing note}",
             r"This write-up runs to \pageref{cp-last} pages; the findings take pages \pageref{cp-findings-start}"
             r"--\pageref{cp-findings-end}. " + text_tex(
                 f"{len(findings)} findings of {len(report.claims)} claims."), r"\label{cp-last}"]
    text = "\n".join(body)
    papers = report.papers()
    title = ": " + ", ".join(papers) if papers else ""
    return (_PREAMBLE % {"unicode": unicode_declarations(text), "title": text_tex(title),
                         "version": text_tex(report.version())}
            + text + "\n\\end{document}\n")
