"""The papers' figures redrawn from the solvers (`cityproofs figures --out DIR`), and
counterexample figures for findings. Needs the optional `figures` extra (matplotlib):
`pip install "cityproofs[figures]"`; without it every entry point raises `MissingExtra`.

    >>> from proofs_check.figures import write_figures
    >>> entries = write_figures("figures", paper="hs2012")    # PDF, PNG, caption, figures.json

Registered figures: hs2012 Figures 1-5; abrs2017 Figures 1-10 and 13. Not drawn: abrs2017
Figure 11 (no caption in the text) and 12 (the empirical city distribution, data the project
does not hold).

Counterexample figures: `write_figures(..., findings=error_findings())` also draws every
`error` finding's counterexample where a picture helps, as <figure_stem(claim id)>.pdf, the
file the write-up (`cityproofs latex --figures DIR`) shows with the finding.
"""
from ._backend import MissingExtra
from .counterexample import (ReportFileError, allocation_comparison, counterexample_figure, error_findings,
                             write_counterexamples)
from .registry import DEFAULT_DPI, DEFAULT_DPS, OutputDirError, figures_for, write_figures

__all__ = ["write_figures", "figures_for", "counterexample_figure", "allocation_comparison",
           "write_counterexamples", "error_findings", "MissingExtra", "OutputDirError", "ReportFileError",
           "DEFAULT_DPI", "DEFAULT_DPS"]
