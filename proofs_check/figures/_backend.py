"""matplotlib, loaded on demand with the Agg backend, and deterministic file output.

matplotlib is the optional `figures` extra (`pip install "cityproofs[figures]"`); nothing else
in cityproofs imports it, so the core install never needs it.
"""
from __future__ import annotations

from pathlib import Path

__all__ = ["MissingExtra", "pyplot", "save"]

EXTRA = 'matplotlib is not installed: install the figures extra, pip install "cityproofs[figures]"'

# Files carry no timestamp and no version-dependent "Software" tag, so that the same inputs
# give byte-identical files (matplotlib documents None as "omit this key" for both backends).
PDF_METADATA = {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}
PNG_METADATA = {"Software": None}


class MissingExtra(RuntimeError):
    """matplotlib is missing: the CLI reports this in one line and exits 2."""


def pyplot():
    """matplotlib.pyplot on the Agg backend (no display needed), with fixed rc settings."""
    try:
        import matplotlib
    except ImportError:
        raise MissingExtra(EXTRA) from None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    matplotlib.rcParams.update({
        "font.size": 9, "axes.titlesize": 9, "axes.labelsize": 9, "legend.fontsize": 7,
        "xtick.labelsize": 8, "ytick.labelsize": 8, "figure.figsize": (5.0, 4.0),
        "savefig.bbox": "tight", "pdf.fonttype": 42, "svg.hashsalt": "cityproofs",
        "path.simplify": False,
    })
    return plt


def save(fig, stem: Path, dpi: int) -> tuple[Path, Path]:
    """Write stem.pdf and stem.png (deterministic metadata) and close the figure."""
    plt = pyplot()
    # appended, not with_suffix: a stem may hold a dot (abrs2017_S3.2_all-occupied-k-star)
    pdf, png = stem.parent / (stem.name + ".pdf"), stem.parent / (stem.name + ".png")
    fig.savefig(pdf, format="pdf", metadata=PDF_METADATA)
    fig.savefig(png, format="png", dpi=dpi, metadata=PNG_METADATA)
    plt.close(fig)
    return pdf, png
