"""The LaTeX write-up compiles with the real pdflatex (CI installs TeX Live)."""
import os
import shutil
import subprocess

import pytest

from proofs_check.cli import main

PDFLATEX = shutil.which("pdflatex")
needs_tex = pytest.mark.skipif(PDFLATEX is None and not os.environ.get("CI"),
                               reason="pdflatex is not installed (CI installs it and never skips)")


def _compile(tex, cwd):
    assert PDFLATEX, "pdflatex is required in CI"
    run = subprocess.run([PDFLATEX, "-halt-on-error", "-interaction=nonstopmode", tex.name],
                         cwd=cwd, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:]
    assert (cwd / tex.with_suffix(".pdf").name).stat().st_size > 10_000


@needs_tex
@pytest.mark.parametrize("paper", ["hs2012", "all"])
def test_latex_write_up_compiles(paper, tmp_path):
    tex = tmp_path / "x.tex"
    assert main(["latex", "--paper", paper, "--out", str(tex)]) == 0
    text = tex.read_text()
    assert r"\begin{document}" in text and r"\tag{A.18}" in text
    _compile(tex, tmp_path)
