"""`cityproofs figures`: every listed figure is written, is not blank, is indexed with its caption
and exact parameters, plots the hand-derived numbers, and fails cleanly without matplotlib or
with a bad --out.

matplotlib is the optional `figures` extra: without it these tests skip (and say so), except in
CI (CI set), where they fail. All figures are generated once per session at a small dpi.
"""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

try:
    import matplotlib  # noqa: F401
    HAVE_MPL = True
except ImportError:
    HAVE_MPL = False

if not HAVE_MPL and not os.environ.get("CI"):
    pytest.skip('matplotlib is not installed (pip install "cityproofs[figures]"); the figure tests skip',
                allow_module_level=True)

import numpy as np  # noqa: E402

from numeric.precision import exact  # noqa: E402

# The figures issue 12 lists (hs2012 1-5; abrs2017 3, 4, 6-9) and the other abrs2017 figures
# whose captions describe a model object that cityproofs draws (1, 10, 13).
EXPECTED = [("hs2012", n) for n in ("1", "2", "3", "4", "5")] + \
           [("abrs2017", n) for n in ("1", "3", "4", "6", "7", "8", "9", "10", "13")]
DPI = 40
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def figures_dir(tmp_path_factory):
    from proofs_check.cli import main
    out = tmp_path_factory.mktemp("figures")
    assert main(["figures", "--out", str(out), "--dpi", str(DPI)]) == 0
    return out


@pytest.fixture(scope="session")
def index(figures_dir):
    return json.loads((figures_dir / "figures.json").read_text())


def _entry(index, paper, number):
    (e,) = [e for e in index["figures"] if e["paper"] == paper and e["figure"] == number]
    return e


@pytest.mark.parametrize("paper,number", EXPECTED)
def test_every_listed_figure_is_written_and_not_blank(figures_dir, paper, number):
    from matplotlib.image import imread
    stem = figures_dir / f"{paper}-fig{number}"
    pdf, png, txt = stem.with_suffix(".pdf"), stem.with_suffix(".png"), stem.with_suffix(".txt")
    assert pdf.stat().st_size > 3000 and pdf.read_bytes().startswith(b"%PDF")
    assert png.stat().st_size > 2000
    img = imread(png)
    h, w = img.shape[:2]
    assert 100 <= h <= 1000 and 100 <= w <= 1000          # a few inches at 40 dpi
    gray = img[..., :3].mean(axis=2)
    assert gray.std() > 0.05                                # not a flat image
    assert (gray < 0.9).mean() > 0.01                       # ink on at least 1% of the pixels
    assert "Parameters (exact):" in txt.read_text()


def test_index_lists_every_figure_with_caption_and_parameters(index):
    listed = {(e["paper"], e["figure"]) for e in index["figures"]}
    assert set(EXPECTED) <= listed
    for e in index["figures"]:
        assert e["pdf"] == f"{e['paper']}-fig{e['figure']}.pdf" and e["png"].endswith(".png")
        assert e["title"] and len(e["caption"]) > 80 and e["parameters"]


def _leaves(v):
    if isinstance(v, dict):
        for x in v.values():
            yield from _leaves(x)
    elif isinstance(v, (list, tuple)):
        for x in v:
            yield from _leaves(x)
    else:
        yield v


def test_numeric_parameters_are_exact_strings(index):
    """Every numeric parameter is a string that parses exactly (no float repr noise)."""
    count = 0
    for e in index["figures"]:
        for leaf in _leaves(e["parameters"]):
            assert isinstance(leaf, str), (e["figure"], leaf)
            try:
                q = exact(leaf)
            except ValueError:
                continue                      # a label such as "(A.1)" or "t N (III.7)"
            count += 1
            assert len(leaf) < 40, leaf       # 0.1 written as 0.1, not 0.1000000000000000055511
            assert exact(leaf) == q
    assert count > 50


def test_hs2012_figures_plot_the_hand_derived_optima(index):
    # (A.18)-(A.19) by hand: alpha 3, beta 1, gamma 1/2, t 1, theta^1 = (4, 3/2), theta^2 = (2, 5):
    # 1/(beta^2 - gamma^2) = 4/3; type 1: 4/3 (3 (4 + 3/4) - 3/2, 3 (2 + 3/2) - 3/2) = (17, 12);
    # type 2: 4/3 (3 (2 + 5/2) - 3/2, 3 (1 + 5) - 3/2) = (16, 22).
    nums = _entry(index, "hs2012", "1")["numbers"]
    assert [float(x) for x in nums["type_optimum_1"]] == pytest.approx([17, 12], abs=1e-15)
    assert [float(x) for x in nums["type_optimum_2"]] == pytest.approx([16, 22], abs=1e-15)
    # Figure 5 (theta^1_2 = 3): V_1^1(n) = 11 n - n^2/2, V_1^2(n) = 8 n - n^2/2, n_2^S = 14:
    # n_1^S = 11, n_1^A = 22, V_1^2(14) = 14, so n_1^C solves 11 n - n^2/2 = 14: 11 + sqrt(93).
    f5 = _entry(index, "hs2012", "5")["numbers"]
    assert float(f5["n_S"]) == 11 and float(f5["n_A"]) == 22 and float(f5["n_S_other"]) == 14
    assert float(f5["n_C"]) == pytest.approx(11 + math.sqrt(93), rel=1e-14)


def test_hs2012_cpe_lies_on_the_ratio_line_and_outside_the_stable_region(index):
    nums = _entry(index, "hs2012", "3")["numbers"]
    n1, n2 = (float(x) for x in nums["cpe"])
    assert n2 / n1 == pytest.approx(1100 / 1000, rel=1e-14)      # (V.2) with the chosen totals
    assert max(float(m) for m in nums["cpe_stability_margins"]) > 0  # Proposition 2


def test_abrs2017_f_maximum_at_eps_c_over_gamma(index):
    # f(v; C) = v^(eps/(gamma-eps)) (C - v): f' = 0 at v = eps C/gamma = 0.12 C (eps .03, gamma .25)
    marks = _entry(index, "abrs2017", "10")["numbers"]
    for C in ("1", "4.5", "8"):
        assert float(marks[C]["argmax"]) == pytest.approx(0.12 * float(C), rel=1e-15)
        v = 0.12 * float(C)
        assert float(marks[C]["max"]) == pytest.approx(v ** (0.03 / 0.22) * (float(C) - v), rel=1e-12)


def test_abrs2017_fig8_counts_match_table4_reproduction(index):
    nums = _entry(index, "abrs2017", "8")["numbers"]
    # Table 4 column 1 prints 99 optimal, 392 free-mobility and 17,539 local-politics cities
    assert (nums["optimum_count"], nums["free-migration_count"], nums["local-politics_count"]) == ("99", "392", "17539")


def _run_cli(args, env_patch: str = ""):
    code = (f"import sys\n{env_patch}\nfrom proofs_check.cli import main\nsys.exit(main({args!r}))")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=300)


def test_without_matplotlib_one_line_exit_2(tmp_path):
    r = _run_cli(["figures", "--out", str(tmp_path / "x")], "sys.modules['matplotlib'] = None")
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and 'cityproofs[figures]' in lines[0] and "Traceback" not in r.stderr
    assert not (tmp_path / "x" / "figures.json").exists()


def test_out_is_a_file_one_line_exit_2(tmp_path):
    f = tmp_path / "file.txt"
    f.write_text("x")
    r = _run_cli(["figures", "--out", str(f)])
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "is a file" in r.stderr


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_out_not_writable_one_line_exit_2(tmp_path):
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o500)
    try:
        r = _run_cli(["figures", "--out", str(d)])
    finally:
        d.chmod(0o700)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "cannot write" in r.stderr


def test_output_is_deterministic(tmp_path):
    from proofs_check.figures import figures_for
    from proofs_check.figures._backend import save
    (spec,) = [s for s in figures_for("hs2012") if s.number == "5"]
    files = []
    for k in (1, 2):
        pdf, png = save(spec.draw(20).fig, tmp_path / f"run{k}", DPI)
        files.append((pdf.read_bytes(), png.read_bytes()))
    assert files[0] == files[1]
    assert b"CreationDate" not in files[0][0]


def test_counterexample_figure_draws_the_allocations(tmp_path):
    from matplotlib.image import imread
    from proofs_check.figures import counterexample_figure
    point = {"epsilon": "0.2", "gamma": "0.5", "tau": "0", "rho": "0", "delta": "0", "N": "17",
             "sites": '{"discrete": ["4", "3.95", "3.9", "3.85"]}'}
    out = counterexample_figure({"id": "abrs2017:test", "status": "discrepancy", "counterexample": {"True": point}},
                                tmp_path / "cx", dps=20, dpi=DPI)
    # Figure 6's point: the optimum occupies 3 sites, free migration 2, local politics all 4
    assert [len(out["sizes"][k]) for k in ("optimum", "free-migration", "local-politics")] == [3, 2, 4]
    assert sum(float(x) for x in out["sizes"]["optimum"]) == pytest.approx(17, rel=1e-15)
    assert imread(tmp_path / "cx.png")[..., :3].std() > 0.05
    assert counterexample_figure({"id": "x", "counterexample": None}, tmp_path / "none") is None
