"""The papers' figures redrawn from the solvers (`cityproofs figures --out DIR`), and
counterexample figures for findings. Needs the optional `figures` extra (matplotlib):
`pip install "cityproofs[figures]"`; without it every entry point raises `MissingExtra`.

    >>> from proofs_check.figures import write_figures
    >>> entries = write_figures("figures", paper="hs2012")    # PDF, PNG, caption, figures.json

Registered figures: hs2012 Figures 1-5; abrs2017 Figures 1, 3, 4, 6, 7, 8, 9, 10 and 13.
Not drawn: abrs2017 Figure 2 and 5 (not yet), 11 (no caption in the text), 12 (the empirical
city distribution, data the project does not hold).
"""
from ._backend import MissingExtra
from .counterexample import allocation_comparison, counterexample_figure
from .registry import DEFAULT_DPI, DEFAULT_DPS, OutputDirError, figures_for, write_figures

__all__ = ["write_figures", "figures_for", "counterexample_figure", "allocation_comparison",
           "MissingExtra", "OutputDirError", "DEFAULT_DPI", "DEFAULT_DPS"]
