"""Notebook renderings (issue 12): `ClaimResult` and `Report` as HTML and as a MathJax formula.

Built on hand-made results, so nothing is solved: the escaping of hostile text, the status and
severity shown, the math typeset as math, and LaTeX that a real LaTeX (amsmath) compiles.
"""
import re
import shutil
import subprocess

import pytest

from proofs_check.claims import ClaimResult
from proofs_check.report import Report
from symbolic.latex import unicode_declarations

PDFLATEX = shutil.which("pdflatex")


def _result(id="hs2012:S9:example", status="verified", detail="A detail.", quote="A quote.", **kw) -> ClaimResult:
    fields = dict(kind="text", method="symbolic", printed_latex=None, derived_latex=None, note="")
    fields.update(kw)
    return ClaimResult(id=id, quote=quote, status=status, detail=detail, **fields)


HOSTILE = "<script>alert('x')</script> & 50% of $x & y # z ~ ^ _ { } \\ $$ a < b > c | d"


def _text_arguments(latex: str) -> list[str]:
    """The arguments of every \\text, \\texttt, \\textbf and \\textit in `latex` (no nesting)."""
    return re.findall(r"\\text(?:tt|bf|it)?\{([^{}]*)\}", latex)


def _braces_balanced(latex: str) -> bool:
    depth = 0
    for t in re.findall(r"\\.|[{}]", latex):
        depth += {"{": 1, "}": -1}.get(t, 0)
        if depth < 0:
            return False
    return depth == 0


def _valid_for_mathjax(latex: str) -> None:
    assert latex.startswith(r"$\displaystyle\begin{array}{l}") and latex.endswith(r"\end{array}$")
    body = latex[1:-1]
    assert "$" not in body.replace(r"\$", "")             # one formula, nothing left in text mode
    assert _braces_balanced(body)
    for arg in _text_arguments(body):                      # MathJax shows a command inside \text as source
        assert not re.search(r"[\\{}$_^&#%~]", arg), arg
    for command in (r"\textbackslash", r"\textless", r"\textgreater", r"\textasciitilde", r"\allowbreak",
                    r"\ttfamily", r"\par", r"\fitmath", r"\begin{equation", r"\textcolor"):
        assert command not in body, command


# --- HTML ------------------------------------------------------------------------------------------

def test_html_escapes_the_text_and_shows_the_fields():
    c = _result(status="unverified", detail=HOSTILE, quote="If $a < b$ & c, then " + HOSTILE, method="numeric",
                note="n < 1 & <b>", counterexample={"parameters": {"a<b": "1&2"}, "margin": "<-1>"})
    out = c._repr_html_()
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; 50% of" in out
    assert "a&lt;b" in out and "1&amp;2" in out and "&lt;-1&gt;" in out and "n &lt; 1 &amp; &lt;b&gt;" in out
    for shown in ("hs2012:S9:example", ">unverified<", ">numeric<", "If $a &lt; b$ &amp; c"):
        assert shown in out, shown
    # the detail is plain text: the notebook's MathJax is told to leave it alone; the quote's math is left in
    assert re.search(r'<span class="tex2jax_ignore mathjax_ignore">&lt;script', out)


def test_html_of_a_discrepancy_shows_its_severity_and_reason():
    # hs2012 Section III's land rent sign slip, classified as a typo in proofs_check.severity
    c = _result(id="hs2012:S3:land-rent", status="discrepancy", printed_latex=r"- t \left(- x + x_{b}\right)",
                derived_latex=r"- t x + t x_{b}")
    out = c._repr_html_()
    assert re.search(r"<th[^>]*>severity</th><td[^>]*><b>typo</b> &mdash; Sign slip", out)
    assert r"$- t \left(- x + x_{b}\right)$" in out and ">discrepancy<" in out
    unknown = _result(id="abrs2017:S9:not-classified", status="discrepancy")._repr_html_()
    assert "<b>unclassified</b>" in unknown and "not yet classified" in unknown
    assert "severity" not in _result()._repr_html_()          # a verified claim has none


def test_html_formula_that_would_not_typeset_is_shown_as_code():
    out = _result(printed_latex=r"\frac{a}{ & b")._repr_html_()
    assert r"<code>\frac{a}{ &amp; b</code>" in out


# --- LaTeX ---------------------------------------------------------------------------------------------

def test_latex_is_one_mathjax_formula_with_the_verdict():
    c = _result(id="hs2012:S3:land-rent", status="discrepancy", detail="The rent is r(x) = -t(x_b - x).",
                quote=r"the land rent function can be written $r(x) = -t(x_b - x)$, where x_b is the boundary")
    out = c._repr_latex_()
    _valid_for_mathjax(out)
    assert r"\texttt{hs2012:S3:land-rent}\quad\textbf{discrepancy}\text{ (typo), text, symbolic}" in out
    assert "Why typo: Sign slip" in out
    # the quote's math is math: its formula outside any \text, and the bare x_b of the prose as math
    assert "{r(x) = -t(x_b - x)}" in out and "{x_{b}}" in out


def test_latex_sets_the_details_ascii_math_as_math():
    out = _result(detail="Here n_i^S <= gamma and Phi^(1/(gamma-eps)) > 1 (a<b|c, 50% ~ 1).")._repr_latex_()
    _valid_for_mathjax(out)
    assert r"\textbf{verified}" in out
    assert "n_{i}^{S}" in out and r"\leq" in out and r"\gamma" in out and r"\Phi^{1/(\gamma -\epsilon )}" in out
    # the prose's LaTeX escapes, in their math-mode forms
    assert r"\text{ (a}<\text{b}|\text{c, 50}\%\text{ }\sim \text{ 1).}" in out
    for arg in _text_arguments(out):
        assert "gamma" not in arg and "n_i" not in arg


def test_latex_displays_a_quoted_equation_with_its_tag_on_its_own_row():
    out = _result(kind="equation", quote=r"$$n_i(a) = \left(\frac{\epsilon a}{\gamma}\right)^{1/(\gamma-\epsilon)} \tag{3}$$",
                  printed_latex=r"\frac{a}{b}", derived_latex=r"\frac{a}{b}")._repr_latex_()
    _valid_for_mathjax(out)
    assert (r"\\ \displaystyle n_i(a) = \left(\frac{\epsilon a}{\gamma}\right)^{1/(\gamma-\epsilon)}\qquad\text{(3)}\\ "
            in out)
    assert r"\text{Printed: }\ \displaystyle \frac{a}{b}" in out


def test_latex_of_hostile_text_stays_valid_and_long_prose_is_broken_into_rows():
    c = _result(status="discrepancy", detail=HOSTILE + " " + "word " * 120, quote=HOSTILE, note=HOSTILE,
                printed_latex=r"\undefined{x} & y", derived_latex="x_ y^")
    out = c._repr_latex_()
    _valid_for_mathjax(out)
    rows = out.split(r"\\ ")
    assert len(rows) > 8
    for row in rows:
        visible = "".join(_text_arguments(row))
        assert len(visible) <= 110, visible
    # the unreadable formulas are shown as their source, in typewriter type
    assert r"\texttt{undefined}" in out and r"\backslash" in out
    assert r"\text{Derived: }\texttt{x}\_\text{ }\texttt{y}\hat{\ }" in out


def test_latex_outside_the_write_ups_vocabulary_falls_back_to_the_plain_text():
    from proofs_check.notebook import math_mode
    assert math_mode(r"\unknown{x} $a_b$", "x_1 & 5%") == [r"\text{x}\_\text{1 }\&\text{ 5}\%"]
    assert math_mode(r"a \texttt{b\_c} $x^{2}$", "unused") == [r"\text{a }\texttt{b}\_\texttt{c }{x^{2}}"]


def test_report_renders_counts_and_findings_ranked_by_severity():
    claims = [_result(id="hs2012:S3:land-rent", status="discrepancy"),                     # a typo
              _result(id="hs2012:S9:fine"),
              _result(id="abrs2017:Prop2(iii)", status="discrepancy", detail="<broken> & wrong"),  # an error
              _result(id="abrs2017:S9:open", status="unverified")]
    report = Report(claims=claims, settings={"paper": "all", "draws": 3, "dps": 50, "seed": 0})
    html_out = report._repr_html_()
    assert "&lt;broken&gt; &amp; wrong" in html_out and "<broken>" not in html_out
    # error first, then the typo, then the undecided claim, in the findings table
    findings = html_out[html_out.index("Findings"):html_out.index("<details>")]
    at = [findings.index(f"<code>{i}</code>") for i in ("abrs2017:Prop2(iii)", "hs2012:S3:land-rent", "abrs2017:S9:open")]
    assert at == sorted(at)
    assert "<td>hs2012</td><td>1</td><td>1</td><td>0</td>" in html_out     # verified, discrepancy, unverified
    assert "All 4 claims" in html_out
    latex = report._repr_latex_()
    _valid_for_mathjax(latex)
    assert (r"\text{F1. }\texttt{abrs2017:Prop2(iii)}\text{: error}\\ \text{F2. }\texttt{hs2012:S3:land-rent}"
            r"\text{: typo}\\ \text{F3. }\texttt{abrs2017:S9:open}\text{: unverified}") in latex
    assert "hs2012: 1 verified, 1 discrepancy, 0 unverified; 0 error, 0 reading, 0 technicality, 1 typo" in latex


@pytest.mark.skipif(PDFLATEX is None, reason="pdflatex is not installed (CI installs it)")
def test_latex_forms_compile_with_amsmath(tmp_path):
    """What nbconvert does with a text/latex output: it goes into a LaTeX document as it is."""
    claims = [_result(status="discrepancy", detail=HOSTILE, quote=HOSTILE + r" and $$\frac{a}{ \tag{1}$$", note=HOSTILE,
                      printed_latex=r"\undefined{x} & y", derived_latex="x_ y^", counterexample={"a": HOSTILE}),
              _result(id="hs2012:S3:land-rent", status="discrepancy", quote=r"written $r(x) = -t(x_b - x)$, where x_b",
                      detail="n_i^S <= gamma, Phi^(1/(gamma-eps)), theta^i_i > theta^s_i, `code_x` ϵ γ § † ≥",
                      printed_latex=r"- t \left(- x + x_{b}\right)", derived_latex=r"- t x + t x_{b}"),
              _result(kind="equation", quote=r"$$X^{R} = a^{R} N^{R} \left[(1 - \alpha) \right]^{\sigma} \tag{6}$$")]
    report = Report(claims=claims, settings={"paper": "all", "draws": 0, "dps": 50, "seed": 0})
    parts = [c._repr_latex_() for c in claims] + [report._repr_latex_()]
    body = "\n\n".join(parts)
    tex = tmp_path / "repr.tex"
    tex.write_text("\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amsmath,amssymb}\n"
                   + unicode_declarations(body) + "\n\\begin{document}\n" + body + "\n\\end{document}\n", encoding="utf-8")
    run = subprocess.run([PDFLATEX, "-halt-on-error", "-interaction=nonstopmode", tex.name], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]
