# %% [markdown]
# # A referee's walk through one paper with cityproofs
#
# Check a few claims of Helsley and Strange (2012), look at one finding closely, and keep it as
# HTML and LaTeX for a report. Run it as a script,
#
#     python examples/referee_walkthrough.py [OUT_DIR]
#
# or open `referee_walkthrough.ipynb` beside it (the same cells), where a `Report` and a
# `ClaimResult` render as tables and formulas (`_repr_html_`, `_repr_latex_`).

# %%
import sys
from pathlib import Path

from proofs_check import get_claim, verify

# A verified identity, a sign slip (a typo), an extraction garbled by swapped indices (a
# reading), and a numeric claim that fails only where no cluster of the paper lies (a
# technicality, with its counterexample).
CLAIMS = ["hs2012:III.7", "hs2012:S3:land-rent", "hs2012:A.8", "hs2012:SA:meets-section-III"]
# An output directory may be given on the command line; in a notebook, argv holds the kernel's
# own options (-f ...), so the default is used there.
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else Path("walkthrough")

for claim_id in CLAIMS:
    print(f"{claim_id}: {get_claim(claim_id).quote[:90]}...")

# %% [markdown]
# Run the checks. Every claim quotes the paper; the printed side is transcribed as printed and the
# derived side comes from the model's primitives. `jobs=1` keeps a small run in this process.

# %%
report = verify(claim_ids=CLAIMS, jobs=1)
print(report.to_text())
report

# %% [markdown]
# The findings come ranked by severity (error, reading, technicality, typo). Look at the first.

# %%
finding = report.findings()[0]
print(f"{finding.id}: {finding.status}, severity {finding.severity}")
print(f"quote:   {finding.quote}")
print(f"printed: {finding.printed_latex}")
print(f"derived: {finding.derived_latex}")
print(f"detail:  {finding.detail}")
finding

# %% [markdown]
# Keep the finding as HTML and as LaTeX, and the whole run as a write-up that compiles with
# pdflatex (`cityproofs latex` writes the same document for a full run).

# %%
OUT.mkdir(parents=True, exist_ok=True)
stem = finding.id.replace(":", "_").replace(".", "-")
page = "<!DOCTYPE html>\n<meta charset='utf-8'>\n<title>{}</title>\n{}\n"
(OUT / f"{stem}.html").write_text(page.format(finding.id, finding._repr_html_()), encoding="utf-8")
(OUT / "report.html").write_text(page.format("cityproofs report", report._repr_html_()), encoding="utf-8")
(OUT / f"{stem}.tex").write_text(
    "\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amsmath,amssymb}\n\\begin{document}\n"
    + finding._repr_latex_() + "\n\\end{document}\n", encoding="utf-8")
(OUT / "writeup.tex").write_text(report.to_latex(), encoding="utf-8")
for path in sorted(OUT.iterdir()):
    print(f"wrote {path}")
