"""The LaTeX write-up (issue 12): it compiles with the real pdflatex (CI installs TeX Live), its
first pages render to non-blank images (pdftoppm), and it is laid out as the issue asks.

One write-up of both papers is built per test session (the shared verification runs, a small
figures directory, pdflatex twice for the page references) and every test reads it.
"""
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from proofs_check.cli import main
from proofs_check.claims import ClaimResult
from proofs_check.report import Report
from proofs_check.severity import RANK
from proofs_check.writeup import figure_stem

PDFLATEX = shutil.which("pdflatex")
PDFTOPPM = shutil.which("pdftoppm")
PDFTOTEXT = shutil.which("pdftotext")
IN_CI = bool(os.environ.get("CI"))
needs_tex = pytest.mark.skipif(PDFLATEX is None and not IN_CI,
                               reason="pdflatex is not installed (CI installs it and never skips)")
needs_poppler = pytest.mark.skipif(PDFTOPPM is None and not IN_CI,
                                   reason="pdftoppm is not installed (Debian: poppler-utils; CI installs it)")


def _compile(tex: Path, runs: int = 2) -> subprocess.CompletedProcess:
    assert PDFLATEX, "pdflatex is required in CI"
    for _ in range(runs):  # the second run resolves \pageref
        run = subprocess.run([PDFLATEX, "-halt-on-error", "-interaction=nonstopmode", tex.name],
                             cwd=tex.parent, capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stdout[-3000:]
    return run


def _png(path: Path, rgb=(200, 30, 30), size=24) -> None:
    """A small solid PNG, written without any imaging library."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture(scope="session")
def both(hs2012_report, abrs2017_report):
    return Report(claims=hs2012_report.claims + abrs2017_report.claims,
                  settings={**abrs2017_report.settings, "paper": "all"})


@pytest.fixture(scope="session")
def figures_dir(tmp_path_factory):
    """What `cityproofs figures` leaves: <stem>.png with its caption in <stem>.txt, and a finding's
    counterexample figure under the finding's stem."""
    d = tmp_path_factory.mktemp("figures")
    _png(d / "abrs2017-fig3.png")
    (d / "abrs2017-fig3.txt").write_text("abrs2017 Figure 3: a test figure\n\nParameters (exact): eps = 0.03; "
                                         "gamma = 1/4, 50% & #1.\n")
    _png(d / f"{figure_stem('abrs2017:Prop2(iii)')}.png", rgb=(30, 30, 200))
    return d


@pytest.fixture(scope="session")
def writeup(both, figures_dir, tmp_path_factory):
    """The write-up of both papers: (tex text, pdf path, pdflatex log)."""
    d = tmp_path_factory.mktemp("writeup")
    tex = d / "writeup.tex"
    tex.write_text(both.to_latex(figures=figures_dir), encoding="utf-8")
    if PDFLATEX is None:
        return tex.read_text(), None, ""
    _compile(tex)
    return tex.read_text(), d / "writeup.pdf", (d / "writeup.log").read_text(errors="replace")


def _pages(log: str) -> int:
    return int(re.search(r"Output written on \S+ \((\d+) pages?", log).group(1))


@needs_tex
def test_the_write_up_compiles_and_states_its_length(writeup, capsys):
    text, pdf, log = writeup
    assert pdf.stat().st_size > 10_000
    pages = _pages(log)
    assert "undefined references" not in log and "Reference `" not in log
    if PDFTOTEXT:
        words = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True).stdout
        m = re.search(r"runs to (\d+) pages; the findings take pages (\d+)\D+(\d+)\.", words)
        assert m and int(m.group(1)) == pages
        first, last = int(m.group(2)), int(m.group(3))
        assert 1 < first <= last < pages
        assert "$$" not in words  # the quotes' math is typeset, not shown as source
        with capsys.disabled():
            print(f"\n[write-up: {pages} pages; findings on pages {first}-{last} ({last - first + 1} pages)]")


@needs_tex
@needs_poppler
def test_the_first_pages_render_and_are_not_blank(writeup, tmp_path):
    _, pdf, _ = writeup
    assert PDFTOPPM, "pdftoppm is required in CI (poppler-utils)"
    subprocess.run([PDFTOPPM, "-gray", "-r", "40", "-f", "1", "-l", "3", str(pdf), str(tmp_path / "p")],
                   check=True, timeout=120)
    images = sorted(tmp_path.glob("p-*.pgm"))
    assert len(images) == 3
    for image in images:
        data = image.read_bytes()
        magic, width, height, maxval, pixels = re.match(rb"(P5)\s+(\d+)\s+(\d+)\s+(\d+)\s(.*)", data, re.S).groups()
        pixels = pixels[:int(width) * int(height)]
        ink = sum(1 for p in pixels if p < 128) / len(pixels)
        assert 0.003 < ink < 0.5, (image.name, ink)  # text on the page, and not a black page


def test_the_order_is_summary_findings_tables_figures_claims(writeup):
    text = writeup[0]
    marks = [r"\section{Summary}", r"\section{Findings, by severity}", r"\section{The papers' tables",
             r"\section{Figures}", r"\section{Every claim, in compact form}", r"\section*{Closing note}"]
    at = [text.index(m) for m in marks]
    assert at == sorted(at)


def test_findings_are_ranked_by_severity(writeup, both):
    text = writeup[0]
    findings = text[text.index(r"\section{Findings"):text.index(r"\label{cp-findings-end}")]
    shown = re.findall(r"\\subsubsection\*\{F(\d+)\. \\texttt\{((?:[^{}]|\{\})*)\}", findings)
    ids = [re.sub(r":\\allowbreak\{\}", ":", i).replace(r"\_", "_") for _, i in shown]
    assert [int(n) for n, _ in shown] == list(range(1, len(shown) + 1))
    by_id = {c.id: c for c in both.claims}
    assert sorted(ids) == sorted(c.id for c in both.claims if c.status == "discrepancy")
    order = {c.id: k for k, c in enumerate(both.claims)}
    keys = [(RANK[by_id[i].severity], order[i]) for i in ids]
    assert keys == sorted(keys)


def _finding_block(text: str, claim_id: str) -> str:
    """The LaTeX of one finding, from its heading to the next one."""
    heading = re.search(r"\\subsubsection\*\{F\d+\. \\texttt\{" + re.escape(r":\allowbreak{}".join(claim_id.split(":")))
                        + r"\}", text)
    return text[heading.start():text.index(r"\subsubsection*", heading.end())]


def test_a_finding_shows_printed_and_derived_side_by_side_and_its_counterexample_table(writeup):
    block = _finding_block(writeup[0], "abrs2017:S4.3:optimal-transfer")
    assert block.count(r"\begin{minipage}") == 2 and "Derived / corrected" in block
    assert r"\begin{tabular}" in block and r"\toprule quantity & value" in block and "parameters" in block
    assert r"\textit{Why error:}" in block


def test_quotes_are_typeset_as_the_papers_text(writeup):
    text = writeup[0]
    # hs2012 Section III's land rent: "... can be written $r(x) = -t(x_b - x)$, where x_b is ..."
    assert "can be written $r(x) = -t(x_b - x)$, where $x_{b}$ is the boundary" in text
    # a displayed equation of a quote, with its tag: abrs2017 (6)
    assert r"\tag{6}" in text
    assert r"\$\$" not in text  # no quote fell back to showing its source


def test_a_verified_claim_takes_one_line(writeup):
    text = writeup[0]
    compact = text[text.index(r"\section{Every claim"):]
    line = next(l for l in compact.splitlines() if r"\texttt{hs2012:\allowbreak{}III.1}" in l)
    assert line.endswith(r"\par") and "verified" in line and "quad" not in line


def test_the_tables_are_reproduced_side_by_side(writeup):
    text = writeup[0]
    tables = text[text.index(r"\section{The papers' tables"):text.index(r"\section{Figures}")]
    assert "Table 1: comparisons of allocations" in tables and "Table 3:" in tables and "Table 4:" in tables
    # Table 4, column (6): the optimal row copied from column (1), recomputed cell marked
    assert re.search(r"largest-city-optimal & 30,525,000 & .*\\\\\*", tables)
    assert re.search(r"\\textcolor\{red!75!black\}\{\\textbf\{73,0\d\d,\d{3}\}\\,!\}", tables)
    # Table 1's qualitative cells carry their marks: the discrepant [Phi_*, 1) cell
    assert r"oversized\ddag{}\,\textcolor{red!75!black}{\textbf{!}}" in tables


def test_the_figures_hook(writeup, figures_dir):
    text = writeup[0]
    figs = text[text.index(r"\section{Figures}"):text.index(r"\section{Every claim")]
    assert figs.count(r"\includegraphics") == 1 and "abrs2017-fig3" in figs
    assert r"50\% \& \#1" in figs  # the caption file, escaped, one paragraph
    # the finding's own counterexample figure is drawn with the finding, not among the figures
    block = _finding_block(text, "abrs2017:Prop2(iii)")
    assert figure_stem("abrs2017:Prop2(iii)") in block and r"\includegraphics" in block


def test_findings_only_and_paper_options(tmp_path):
    # no draws, so the numeric claims are undecided and the run is quick; the options are the point
    out = tmp_path / "f.tex"
    assert main(["latex", "--paper", "hs2012", "--findings-only", "--draws", "0", "--jobs", "1",
                 "--out", str(out)]) == 0
    text = out.read_text()
    assert r"\section{Findings, by severity}" in text and r"\section{Every claim" not in text
    assert "abrs2017" not in text
    assert "hs2012" in text and r"\section{The papers' tables" not in text


def test_bad_figures_directory_is_a_usage_error(tmp_path, capsys):
    assert main(["latex", "--figures", str(tmp_path / "none"), "--out", str(tmp_path / "x.tex")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--figures" in err and "not a directory" in err


# --- never LaTeX that fails to compile -------------------------------------------------------------

_HOSTILE = [
    "50% of $x & y # z ~ ^ _ { } \\ \\\\ $$ $", "n_i^S_j^k and x^^2 and a__b", r"$\frac{a}$ and $\left( x$",
    r"$$\begin{array}{c} x \end{array}$$", r"$\undefinedmacro{x}$", "§ † ‡ ≥ ≤ ϵ γ ⁹ ₂ — “quoted” …",
    r"$x^{\text{a_b}}$ and $\text{\foo}$", "theta^i_i > theta^s_i, Phi^(1/(gamma-eps)), sum_{r<3} n_r^(1+gamma)",
    "`code_with_under_scores` and type_optimal_cluster and a_{i}^{j}^{k}", "%\n\n% #1 \\end{document}",
    r"$\tag{1}$ and $$x \tag{2} \tag{3}$$ and $$\sqrt[3{x}$$", "x_ y^ ^z _w oo -> <= >= !=",
    "(" * 40 + "a_b" + ")" * 40, "1" * 300,
]


@needs_tex
def test_hostile_text_still_compiles(tmp_path):
    claims = []
    for k, s in enumerate(_HOSTILE):
        claims.append(ClaimResult(id=f"abrs2017:S9:hostile-{k}", kind="text", quote=s, status="discrepancy",
                                  method="symbolic", printed_latex=None, derived_latex=None, detail=s, note=s,
                                  counterexample={"parameters": {s[:20]: s}, s[:10]: s}))
        claims.append(ClaimResult(id=f"hs2012:S9:hostile-{k}", kind="text", quote=s, status="unverified",
                                  method="numeric", printed_latex=None, derived_latex=None, detail=s, note=s))
    long = {f"x_{k}": "9" * 60 for k in range(40)}  # a counterexample long enough to break across pages
    claims.append(ClaimResult(id="abrs2017:S9:hostile-long", kind="text", quote="q", status="discrepancy",
                              method="numeric", printed_latex=r"\frac{a}{b}", derived_latex="x", detail="d", note="",
                              counterexample={"parameters": long, "margin": "-1"}, draws=10,
                              draws_meeting_hypotheses=5, failures=1, dps=50, seed=0))
    tex = tmp_path / "hostile.tex"
    tex.write_text(Report(claims=claims, settings={"paper": "all", "draws": 0, "dps": 50, "seed": 0}).to_latex(),
                   encoding="utf-8")
    _compile(tex)
