"""How a Report and a single ClaimResult render in Jupyter (`_repr_html_`, `_repr_latex_`).

Pure functions of the results: nothing is solved or re-checked here.

- HTML: a table (claim, status, severity, method, detail) with the quote, every string escaped
  with `html.escape`; the quote's own `$...$` math is left for the notebook's MathJax to render.
- LaTeX: one math-mode string, `$\\displaystyle\\begin{array}{l} ... \\end{array}$`, valid for
  MathJax and for LaTeX with amsmath (what nbconvert gives the text/latex output). The text and
  math come from `proofs_check.texmath`, as in the write-up, and are then rewritten for math
  mode: prose goes into `\\text{...}` arguments that hold no command at all (MathJax shows a
  command inside `\\text` as its source), LaTeX's text escapes become their math-mode forms,
  and long prose is broken into rows, since a formula does not wrap.
"""
from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from .severity import CLASSIFICATION, SEVERITIES, UNCLASSIFIED
from .texmath import detail_tex, quote_tex, safe_math

if TYPE_CHECKING:
    from .claims import ClaimResult
    from .report import Report

__all__ = ["claim_html", "report_html", "claim_latex", "report_latex", "math_mode"]

ROW = 96   # characters of prose per row of the LaTeX form

_STATUS_COLOUR = {"verified": "#1a7f37", "discrepancy": "#b42318", "unverified": "#b54708"}


# --- HTML ------------------------------------------------------------------------------------------

def _e(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


# plain text that the notebook's MathJax must leave alone (a stray $ in a detail is not math)
_NO_MATH = ' class="tex2jax_ignore mathjax_ignore"'


def _status_html(status: str) -> str:
    return f'<span style="color:{_STATUS_COLOUR.get(status, "inherit")};font-weight:bold">{_e(status)}</span>'


def _severity_of(c: "ClaimResult") -> str:
    if c.status != "discrepancy":
        return ""
    return c.severity or UNCLASSIFIED


def _counterexample_html(ce: dict) -> str:
    rows = []
    for key, value in ce.items():
        if isinstance(value, dict):
            rows.append(f'<tr><td colspan="2"><i>{_e(key)}</i></td></tr>')
            rows += [f"<tr><td>&nbsp;&nbsp;{_e(k)}</td><td><code>{_e(v)}</code></td></tr>" for k, v in value.items()]
        else:
            rows.append(f"<tr><td>{_e(key)}</td><td><code>{_e(value)}</code></td></tr>")
    return "<table>" + "".join(rows) + "</table>"


def _formula_html(body: str | None) -> str:
    if not body:
        return ""
    if safe_math(body):
        return f"${_e(body)}$"  # typeset by the notebook's MathJax
    return f"<code>{_e(body)}</code>"


def claim_html(c: "ClaimResult") -> str:
    """One claim result as an HTML table: claim, status, severity, method, detail, then the
    quote, the printed and derived forms, the counterexample and the note where present."""
    rows = [("claim", f"<code>{_e(c.id)}</code> <small>({_e(c.kind)})</small>"),
            ("status", _status_html(c.status))]
    if c.status == "discrepancy":
        klass = CLASSIFICATION.get(c.id)
        why = f" &mdash; {_e(klass.reason)}" if klass else " (not yet classified in proofs_check/severity.py)"
        rows.append(("severity", f"<b>{_e(_severity_of(c))}</b>{why}"))
    rows += [("method", _e(c.method)), ("detail", f"<span{_NO_MATH}>{_e(c.detail)}</span>"),
             ("quote", f"<blockquote style='margin:0'>{_e(c.quote)}</blockquote>")]
    if c.printed_latex:
        rows.append(("printed", _formula_html(c.printed_latex)))
    if c.derived_latex:
        rows.append(("derived", _formula_html(c.derived_latex)))
    if c.draws is not None:
        rows.append(("draws", _e(f"{c.draws} drawn, {c.draws_meeting_hypotheses} met the hypotheses, {c.failures} "
                                 f"failed (dps {c.dps}, seed {c.seed})")))
    if c.counterexample:
        rows.append(("counterexample", f"<div{_NO_MATH}>{_counterexample_html(c.counterexample)}</div>"))
    if c.note:
        rows.append(("note", f"<span{_NO_MATH}>{_e(c.note)}</span>"))
    body = "".join(f'<tr><th style="text-align:left;vertical-align:top">{k}</th>'
                   f'<td style="text-align:left">{v}</td></tr>' for k, v in rows)
    return f'<table class="cityproofs-claim">{body}</table>'


def _claims_table(claims: list, with_detail: bool) -> str:
    """Rows of claim, status, severity, method and (`with_detail`) the detail with the quote."""
    head = ("<tr><th>claim</th><th>status</th><th>severity</th><th>method</th>"
            + ("<th>detail</th>" if with_detail else "") + "</tr>")
    rows = []
    for c in claims:
        detail = ""
        if with_detail:
            detail = (f'<td style="text-align:left"><span{_NO_MATH}>{_e(c.detail)}</span>'
                      f"<br><small><i>Quote:</i> {_e(c.quote)}</small></td>")
        rows.append(f"<tr><td><code>{_e(c.id)}</code></td><td>{_status_html(c.status)}</td>"
                    f"<td>{_e(_severity_of(c))}</td><td>{_e(c.method)}</td>{detail}</tr>")
    return "<table>" + head + "".join(rows) + "</table>"


def _settings_text(r: "Report") -> str:
    s = r.settings
    return f"paper={s.get('paper')} draws={s.get('draws')} dps={s.get('dps')} seed={s.get('seed')}"


def report_html(r: "Report") -> str:
    """The report: counts by paper and severity, the findings ranked by severity (with their
    details and quotes), and every claim in paper order, one row each, behind a <details>
    element."""
    counts = ["<tr><th>paper</th><th>verified</th><th>discrepancy</th><th>unverified</th>"
              + "".join(f"<th>{k}</th>" for k in SEVERITIES) + "</tr>"]
    for paper in r.papers():
        st, sev = r.summary(paper), r.severity_summary(paper)
        counts.append(f"<tr><td>{_e(paper)}</td>" + "".join(f"<td>{st[k]}</td>" for k in st)
                      + "".join(f"<td>{sev[k]}</td>" for k in SEVERITIES) + "</tr>")
    out = [f"<div class='cityproofs-report'><p><b>cityproofs {_e(r.version())}</b> "
           f"<small>({_e(_settings_text(r))})</small></p>", "<table>" + "".join(counts) + "</table>"]
    findings = r.findings()
    if findings:
        out += [f"<p><b>Findings</b> ({len(findings)}): discrepancies by severity "
                f"({', '.join(SEVERITIES)}), then the undecided claims</p>", _claims_table(findings, True)]
    out += [f"<details><summary>All {len(r.claims)} claims, in paper order (the findings' details are "
            "above)</summary>",
            _claims_table(r.claims, False), "</details></div>"]
    return "".join(out)


# --- LaTeX (math mode, for MathJax) -------------------------------------------------------------------

# what the write-up's text escapes (symbolic.latex.escape_text, texmath.text_tex) become in math mode
_MATH_OF_TEXT = {r"\textbackslash{}": r"\backslash ", r"\textasciicircum{}": r"\hat{\ }",
                 r"\textasciitilde{}": r"\sim ", r"\textless{}": "<", r"\textgreater{}": ">", r"\textbar{}": "|",
                 r"\S{}": r"\S ", r"\dag{}": r"\dagger ", r"\ddag{}": r"\ddagger ", "~": r"\ ",
                 r"\allowbreak{}": "", r"\{": r"\{", r"\}": r"\}", r"\$": r"\$", r"\&": r"\&", r"\#": r"\#",
                 r"\%": r"\%", r"\_": r"\_"}
_TEXT_TOKEN = re.compile(r"\\texttt\{|\{\\ttfamily(?:\\small)? ?|" + "|".join(
    re.escape(k) for k in sorted(_MATH_OF_TEXT, key=len, reverse=True)) + r"|\{|\}|\\[A-Za-z]+|[^\\{}$~]+")
_CHARS = {"\\": r"\backslash ", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#", "%": r"\%",
          "_": r"\_", "^": r"\hat{\ }", "~": r"\sim ", "<": "<", ">": ">", "|": "|"}


class _Unreadable(ValueError):
    """LaTeX outside the write-up's own vocabulary: the caller shows the plain text instead."""


def _atoms_of_plain(text: str, font: str = "text") -> list[tuple[str, str]]:
    """Plain text as atoms (kind, content): kind "text"/"tt" for characters a `\\text` argument
    can hold, "math" for the rest (in their math-mode form)."""
    atoms = []
    for piece in re.findall(r"[\\{}$&#%_^~<>|]|[^\\{}$&#%_^~<>|]+", re.sub(r"\s+", " ", text)):
        atoms.append(("math", _CHARS[piece]) if piece in _CHARS else (font, piece))
    return atoms


def _atoms_of_tex(tex: str) -> list[tuple[str, str]]:
    """The write-up's text-mode LaTeX (texmath: escaped prose, $...$ math, \\texttt{...}) as
    atoms; raises _Unreadable on anything else."""
    atoms: list[tuple[str, str]] = []
    fonts: list[str | None] = []     # the font of each open group: "tt", or None for a plain group
    pos = 0
    while pos < len(tex):
        if tex[pos] == "$":          # texmath's inline math, accepted by safe_math
            end = tex.find("$", pos + 1)
            if end < 0 or "tt" in fonts or not safe_math(tex[pos + 1:end]):
                raise _Unreadable(tex[pos:])
            atoms.append(("math", "{" + tex[pos + 1:end] + "}"))
            pos = end + 1
            continue
        m = _TEXT_TOKEN.match(tex, pos)
        if m is None:
            raise _Unreadable(tex[pos:])
        pos, t = m.end(), m.group(0)
        if t.startswith((r"\texttt{", r"{\ttfamily")):
            fonts.append("tt")
        elif t == "{":
            fonts.append(None)
        elif t == "}":
            if not fonts:
                raise _Unreadable(tex)
            fonts.pop()
        elif t in _MATH_OF_TEXT:
            if _MATH_OF_TEXT[t]:
                atoms.append(("math", _MATH_OF_TEXT[t]))
        elif t.startswith("\\"):
            raise _Unreadable(t)
        else:
            atoms += _atoms_of_plain(t, "tt" if "tt" in fonts else "text")
    if fonts:
        raise _Unreadable(tex)
    return atoms


def _atoms(tex: str, plain: str) -> list[tuple[str, str]]:
    try:
        return _atoms_of_tex(tex)
    except _Unreadable:
        return _atoms_of_plain(plain)


def _width(kind: str, content: str) -> int:
    return len(content) if kind != "math" else max(1, len(re.sub(r"\\[A-Za-z]+|[{}^_ ]", "x", content)) // 2)


def _rows(atoms: list[tuple[str, str]], width: int = ROW) -> list[str]:
    """Atoms broken into rows of about `width` characters (at spaces of the prose), each row
    rendered in math mode."""
    words: list[list[tuple[str, str]]] = [[]]
    for kind, content in atoms:
        if kind == "math":
            words[-1].append((kind, content))
            continue
        parts = content.split(" ")
        for k, part in enumerate(parts):
            if k:
                words.append([])
            if part:
                words[-1].append((kind, part))
    rows, line, used = [], [], 0
    for word in (w for w in words if w):
        size = sum(_width(k, c) for k, c in word)
        if line and used + 1 + size > width:
            rows.append(line)
            line, used = [], 0
        if line:
            line.append((line[-1][0] if line[-1][0] != "math" else "text", " "))
            used += 1
        line += word
        used += size
    if line:
        rows.append(line)
    return [_render(r) for r in rows]


def _render(atoms: list[tuple[str, str]]) -> str:
    out, kind, buf = [], None, ""
    for k, c in atoms + [("end", "")]:
        if k == kind and k != "math":
            buf += c
            continue
        if kind in ("text", "tt") and buf:
            out.append((r"\text{" if kind == "text" else r"\texttt{") + buf + "}")
        elif kind == "math":
            out.append(buf)
        kind, buf = k, c
    return "".join(out)


def math_mode(tex: str, plain: str | None = None, width: int = ROW) -> list[str]:
    """Rows of math-mode LaTeX for the write-up's text-mode LaTeX `tex` (made by texmath from
    `plain`; when it holds anything else, `plain` itself is shown)."""
    return _rows(_atoms(tex, plain if plain is not None else tex), width)


_TAG = re.compile(r"\\tag\{([^{}]*)\}")


def _quote_rows(quote: str) -> list[str]:
    """The quote as rows: its prose and inline math as the write-up typesets them, and each
    displayed formula on a row of its own (as source in typewriter type when it would not
    typeset)."""
    rows = []
    parts = re.split(r"\$\$(.+?)\$\$", quote, flags=re.S)
    for k, part in enumerate(parts):
        if k % 2 == 0:
            if part.strip():
                rows += math_mode(quote_tex(part), part)
            continue
        tags = _TAG.findall(part)
        bare = _TAG.sub("", part).strip()
        if len(tags) <= 1 and safe_math(bare):
            tag = (r"\qquad\text{(" + "".join(c for c in tags[0] if c.isalnum() or c in ".-") + ")}") if tags else ""
            rows.append(r"\displaystyle " + bare + tag)
        else:
            rows += _rows(_atoms_of_plain("$$" + part + "$$", "tt"))
    return rows


def _formula_rows(label: str, body: str | None) -> list[str]:
    if not body:
        return []
    if safe_math(body):
        return [r"\text{" + label + r": }\ \displaystyle " + body]
    return _rows([("text", label + ": ")] + _atoms_of_plain(body, "tt"))


def _array(rows: list[str]) -> str:
    return r"$\displaystyle\begin{array}{l}" + r"\\ ".join(rows) + r"\end{array}$"


def _verdict_row(c: "ClaimResult") -> str:
    severity = f" ({c.severity or UNCLASSIFIED})" if c.status == "discrepancy" else ""
    return (_render(_atoms_of_plain(c.id, "tt")) + r"\quad\textbf{" + c.status + "}"
            + _render(_atoms_of_plain(f"{severity}, {c.kind}, {c.method}")))


def claim_latex(c: "ClaimResult") -> str:
    """One claim result in math mode: the verdict, the quote, the printed and derived forms,
    the detail, and the reason for its severity."""
    rows = [_verdict_row(c)]
    rows += [r"\textit{Quote:}"] + _quote_rows(c.quote)
    rows += _formula_rows("Printed", c.printed_latex) + _formula_rows("Derived", c.derived_latex)
    rows += [r"\textit{Finding:}" if c.status == "discrepancy" else r"\textit{Detail:}"]
    rows += math_mode(detail_tex(c.detail), c.detail)
    klass = CLASSIFICATION.get(c.id) if c.status == "discrepancy" else None
    if klass:
        rows += math_mode(detail_tex(f"Why {klass.severity}: {klass.reason}"), f"Why {klass.severity}: {klass.reason}")
    return _array(rows)


def report_latex(r: "Report") -> str:
    """The report in math mode: counts by paper and severity, then one row per finding, ranked
    by severity."""
    rows = [r"\textbf{cityproofs " + re.sub(r"[^0-9A-Za-z.+-]", "", r.version()) + "}"
            + _render(_atoms_of_plain(f" ({_settings_text(r)})"))]
    for paper in r.papers():
        st, sev = r.summary(paper), r.severity_summary(paper)
        rows.append(_render(_atoms_of_plain(
            f"{paper}: {st['verified']} verified, {st['discrepancy']} discrepancy, {st['unverified']} unverified; "
            + ", ".join(f"{sev[k]} {k}" for k in SEVERITIES))))
    for k, c in enumerate(r.findings(), 1):
        label = (c.severity or UNCLASSIFIED) if c.status == "discrepancy" else c.status
        rows.append(_render([("text", f"F{k}. ")] + _atoms_of_plain(c.id, "tt") + [("text", f": {label}")]))
    return _array(rows)

