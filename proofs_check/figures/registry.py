"""The figure registry and the writer: each figure's files, caption and the figures.json index.

A figure is registered with the paper's own caption (`title`, verbatim from the paper's text)
and a draw function that computes its numbers with the project's solvers and returns the
matplotlib figure, the caption cityproofs writes beside it (naming every parameter) and the
parameters as exact decimal strings.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ._backend import pyplot, save

__all__ = ["Drawn", "FigureSpec", "FIGURES", "figure", "figures_for", "write_figures", "OutputDirError",
           "DEFAULT_DPI", "DEFAULT_DPS"]

DEFAULT_DPI = 150
DEFAULT_DPS = 30   # solver precision (the solvers confirm at twice this)
PAPERS = ("hs2012", "abrs2017")


class OutputDirError(ValueError):
    """--out is not a usable directory: one line, exit 2."""


@dataclass
class Drawn:
    """What a draw function returns."""

    fig: object
    caption: str                      # names every parameter; says which were chosen and why
    parameters: dict                  # name -> exact decimal string (or a list / dict of them)
    numbers: dict = field(default_factory=dict)   # key plotted values, as strings, for the index


@dataclass(frozen=True)
class FigureSpec:
    paper: str
    number: str
    title: str                        # the paper's caption, verbatim
    draw: Callable[[int], Drawn]      # draw(dps) -> Drawn

    @property
    def stem(self) -> str:
        return f"{self.paper}-fig{self.number}"


FIGURES: list[FigureSpec] = []


def figure(paper: str, number: str, title: str):
    """Register a draw function for one of a paper's figures."""
    def register(fn):
        FIGURES.append(FigureSpec(paper, number, title, fn))
        return fn
    return register


def figures_for(paper: str = "all") -> list[FigureSpec]:
    _load()
    if paper not in (*PAPERS, "all"):
        raise ValueError(f"paper={paper!r}: must be one of {', '.join(PAPERS)} or all")
    chosen = [f for f in FIGURES if paper in ("all", f.paper)]
    return sorted(chosen, key=lambda f: (PAPERS.index(f.paper), int(f.number)))


def _load() -> None:
    from . import cities, cities_appendix, cities_bucket, cities_simulation, clusters  # noqa: F401  (registers the figures)


def output_dir(path) -> Path:
    """The output directory, created if missing; a file, an unwritable place or a bad name is an
    `OutputDirError` naming it (checked before any figure is computed)."""
    text = str(path)
    if not text or "\0" in text:
        raise OutputDirError(f"--out {text!r}: not a valid directory name")
    target = Path(text)
    if target.exists() and not target.is_dir():
        raise OutputDirError(f"--out {text}: is a file, not a directory")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputDirError(f"--out {text}: cannot create the directory ({error.strerror or error})") from None
    probe = target / ".cityproofs-write-test"
    try:
        with open(probe, "w") as fh:
            fh.write("x")
        os.unlink(probe)
    except OSError as error:
        raise OutputDirError(f"--out {text}: cannot write there ({error.strerror or error})") from None
    return target


def caption_text(spec: FigureSpec, drawn: Drawn) -> str:
    params = "; ".join(f"{k} = {_show(v)}" for k, v in drawn.parameters.items())
    return (f"{spec.paper} Figure {spec.number}: {spec.title}\n\n{drawn.caption}\n\nParameters (exact): {params}.\n")


def _show(v) -> str:
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {_show(x)}" for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_show(x) for x in v) + "]"
    return str(v)


def write_figures(out, paper: str = "all", dpi: int = DEFAULT_DPI, dps: int = DEFAULT_DPS,
                  progress: Callable[[str], None] | None = None, findings: list | None = None) -> list[dict]:
    """Draw the papers' figures into `out`: <paper>-fig<N>.pdf, .png and .txt (the caption), and
    figures.json (the index). With `findings` (claim results or their JSON dicts), also a
    counterexample figure for each `error` discrepancy among them where a picture helps, under
    the name the write-up looks for (`counterexample.write_counterexamples`). Returns the index
    entries: the papers' figures, then the counterexample figures (whose entries carry "claim")."""
    from proofs_check import __version__
    pyplot()                                  # fail at once (MissingExtra) without matplotlib
    target = output_dir(out)
    entries = []
    for spec in figures_for(paper):
        if progress:
            progress(spec.stem)
        drawn = spec.draw(dps)
        pdf, png = save(drawn.fig, target / spec.stem, dpi)
        text = caption_text(spec, drawn)
        (target / f"{spec.stem}.txt").write_text(text, encoding="utf-8")
        entries.append({"paper": spec.paper, "figure": spec.number, "title": spec.title,
                        "pdf": pdf.name, "png": png.name, "caption_file": f"{spec.stem}.txt",
                        "caption": drawn.caption, "parameters": drawn.parameters, "numbers": drawn.numbers})
    index = {"tool": "cityproofs", "version": __version__, "dps": dps, "dpi": dpi, "figures": entries}
    drawn: list[dict] = []
    if findings is not None:
        from .counterexample import write_counterexamples
        drawn, skipped = write_counterexamples(target, findings, dps=dps, dpi=dpi, progress=progress)
        index.update(counterexamples=drawn, counterexamples_not_drawn=skipped)
    (target / "figures.json").write_text(json.dumps(index, indent=2) + "\n", encoding="utf-8")
    return entries + drawn
