"""examples/: the referee walkthrough runs as a script (a few hs2012 claims, one finding kept as
HTML and LaTeX), and its notebook holds the same cells (the notebook itself is not executed:
that would need jupyter in CI)."""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "examples" / "referee_walkthrough.py"
NOTEBOOK = SCRIPT.with_suffix(".ipynb")


@pytest.fixture(scope="module")
def walkthrough(tmp_path_factory):
    out = tmp_path_factory.mktemp("walkthrough")
    # the verdict cache off: the example runs its checks, as on a first run
    env = {**os.environ, "CITYPROOFS_NO_CACHE": "1"}
    run = subprocess.run([sys.executable, str(SCRIPT), str(out)], capture_output=True, text=True, cwd=ROOT,
                         env=env, timeout=300)
    return run, out


def test_the_script_runs_and_ranks_its_findings(walkthrough):
    run, _ = walkthrough
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    text = run.stdout
    # the four claims: (III.7) holds; the land rent's sign slip, (A.8)'s swapped indices and the
    # orthant reading of the Appendix's form are findings, ranked reading, technicality, typo
    assert "summary: 1 verified, 3 discrepancy, 0 unverified" in text
    at = [text.index(f"{claim}  [discrepancy, {severity}]") for claim, severity in
          (("hs2012:A.8", "reading"), ("hs2012:SA:meets-section-III", "technicality"), ("hs2012:S3:land-rent", "typo"))]
    assert at == sorted(at)
    assert "hs2012:A.8: discrepancy, severity reading" in text     # the finding looked at closely


def test_the_script_keeps_the_finding_as_html_and_latex(walkthrough):
    _, out = walkthrough
    written = sorted(p.name for p in out.iterdir() if p.suffix in (".html", ".tex"))  # pdflatex may add more
    assert written == ["hs2012_A-8.html", "hs2012_A-8.tex", "report.html", "writeup.tex"]
    page = (out / "hs2012_A-8.html").read_text()
    assert '<table class="cityproofs-claim">' in page and "<b>reading</b>" in page
    assert r"\partial g_i / \partial n_{ij}" in page                 # the quote, left for MathJax
    report = (out / "report.html").read_text()
    assert "hs2012:SA:meets-section-III" in report and "All 4 claims" in report
    tex = (out / "hs2012_A-8.tex").read_text()
    assert r"\begin{array}{l}\texttt{hs2012:A.8}\quad\textbf{discrepancy}\text{ (reading)" in tex
    assert (out / "writeup.tex").read_text().startswith(r"\documentclass")


@pytest.mark.skipif(shutil.which("pdflatex") is None and not os.environ.get("CI"),
                    reason="pdflatex is not installed (CI installs it)")
def test_the_kept_latex_compiles(walkthrough):
    _, out = walkthrough
    run = subprocess.run(["pdflatex", "-halt-on-error", "-interaction=nonstopmode", "hs2012_A-8.tex"], cwd=out,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]


def _script_cells(source: str) -> list[tuple[str, str]]:
    """(kind, text) of each `# %%` cell of the script (percent format)."""
    cells = []
    for block in re.split(r"^# %%", source, flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        lines = body.rstrip("\n").split("\n")
        if head.strip() == "[markdown]":
            cells.append(("markdown", "\n".join(l[2:] if l.startswith("# ") else l.lstrip("#") for l in lines)))
        else:
            cells.append(("code", "\n".join(lines).strip("\n")))
    return cells


def test_the_notebook_has_the_scripts_cells():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4 and nb["metadata"]["kernelspec"]["language"] == "python"
    cells = [(c["cell_type"], "".join(c["source"])) for c in nb["cells"]]
    assert cells == _script_cells(SCRIPT.read_text(encoding="utf-8"))
    assert all(c.get("outputs", []) == [] for c in nb["cells"])     # kept unexecuted
