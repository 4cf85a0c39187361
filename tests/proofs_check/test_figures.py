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
# whose captions describe a model object that cityproofs draws (1, 2, 5, 10, 13).
EXPECTED = [("hs2012", n) for n in ("1", "2", "3", "4", "5")] + \
           [("abrs2017", n) for n in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "13")]
# The error findings whose counterexample is drawn (a curve helps), under the write-up's names
COUNTEREXAMPLES = {"abrs2017:Prop2(iii)": "abrs2017_Prop2_iii", "abrs2017:Prop3(ii)": "abrs2017_Prop3_ii",
                   "abrs2017:S3.2:all-occupied-k-star": "abrs2017_S3.2_all-occupied-k-star",
                   "abrs2017:S3.3:rho-threshold": "abrs2017_S3.3_rho-threshold"}
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
    sizes = out["numbers"]["sizes"]
    assert [len(sizes[k]) for k in ("optimum", "free-migration", "local-politics")] == [3, 2, 4]
    assert sum(float(x) for x in sizes["optimum"]) == pytest.approx(17, rel=1e-15)
    assert imread(tmp_path / "cx.png")[..., :3].std() > 0.05
    assert counterexample_figure({"id": "x", "counterexample": None}, tmp_path / "none") is None


# --- abrs2017 Figures 2 and 5 (the bucket diagrams) ---------------------------------------------------

def _smb(n, a, eps=0.2, gam=0.5):
    """smb(n, a) = (1 + eps) a n^eps - (1 + gamma) n^gamma, (1) with no wedges, by hand."""
    return (1 + eps) * a * n ** eps - (1 + gam) * n ** gam


def test_abrs2017_fig2_optimum_equalises_smb_and_splits_beyond_the_peaks(index):
    nums = _entry(index, "abrs2017", "2")["numbers"]
    n1, n2 = (float(x) for x in nums["optimum_sizes"])
    N = float(nums["N"])
    # n_i(a) = (eps a/gamma)^(1/(gamma-eps)) (3): (0.4 a)^(10/3)
    ni1, ni2 = (0.4 * 4) ** (10 / 3), (0.4 * 3.9) ** (10 / 3)
    assert N == pytest.approx(ni1 + ni2, rel=1e-15)
    assert n1 + n2 == pytest.approx(N, rel=1e-15)
    assert _smb(n1, 4) == pytest.approx(_smb(n2, 3.9), rel=1e-13) == pytest.approx(float(nums["mu_star"]), rel=1e-13)
    assert n1 > ni1 and n2 < ni2                                      # O_1 beyond I_1, O_2 short of I_2
    assert [float(x) for x in nums["local_politics_sizes"]] == pytest.approx([ni1, ni2], rel=1e-14)
    (m,) = nums["free_migration_sizes"]                               # M_1: everyone in city 1
    assert float(m) == pytest.approx(N, rel=1e-15) and 4 * N ** 0.2 - N ** 0.5 > 0


def test_abrs2017_fig5_points_lie_on_the_rural_curves_in_the_texts_order(index):
    e = _entry(index, "abrs2017", "5")
    nums, rural = e["numbers"], e["parameters"]["rural"]
    alpha, aR, L, Nbar = (float(rural[k]) for k in ("alpha", "scale", "land", "total_population"))
    assert rural["sigma"] == "1" and rural["rho_R"] == "0"           # Cobb-Douglas; rural rents to rural workers
    avg = lambda NR: aR * (L / NR) ** alpha                           # noqa: E731  F/N^R for F = aR NR^(1-alpha) L^alpha
    N_O, N_M, N_P = (float(nums[k]) for k in ("N_O", "N_M", "N_P"))
    assert (1 - alpha) * avg(Nbar - N_O) == pytest.approx(float(nums["mu_star"]), rel=1e-13)  # O: mu_* = F'(N^R)
    assert avg(Nbar - N_M) == pytest.approx(float(nums["benefit_M"]), rel=1e-13)              # M: on F/N^R
    assert avg(Nbar - N_P) == pytest.approx(float(nums["benefit_P"]), rel=1e-13)              # P: on F/N^R
    assert N_P < N_M < N_O                     # under-urbanisation at M, 'even lower, at point P' (Section 3.4)
    # O by two routes: the rural closure of the optimum, and mu_*(N) = F'(Nbar - N) over fixed-N solves
    assert float(nums["N_O_fixed_route"]) == pytest.approx(N_O, rel=1e-9)


# --- counterexample figures for the error findings ------------------------------------------------------

def test_error_findings_get_counterexample_figures_under_the_write_ups_names(index, figures_dir):
    from proofs_check.writeup import figure_stem
    drawn = {e["claim"]: e for e in index["counterexamples"]}
    assert set(drawn) == set(COUNTEREXAMPLES)
    for claim, stem in COUNTEREXAMPLES.items():
        assert figure_stem(claim) == stem and drawn[claim]["pdf"] == f"{stem}.pdf"
        assert (figures_dir / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
        assert (figures_dir / f"{stem}.txt").read_text().startswith(f"Counterexample to {claim}")
    skipped = {e["claim"]: e["reason"] for e in index["counterexamples_not_drawn"]}
    assert skipped["abrs2017:S4.3:optimal-transfer"].startswith("no picture helps")   # a formula slip
    assert skipped["abrs2017:Table4:welfare-optimal:6"] == "no counterexample"
    assert not set(skipped) & set(drawn)


def _x_on_15(site_ratio, eps, gam):
    """n_*/n_i at a/a_* from (15) as printed with k_* = 1: (a/a_*)^(gamma/(gamma-eps)) =
    (Gamma - 1)/(Gamma x^eps - x^gamma), Gamma = gamma (1+eps)/(eps (1+gamma)); by bisection."""
    import mpmath
    G = gam * (1 + eps) / (eps * (1 + gam))
    target = site_ratio ** (gam / (gam - eps))
    f = lambda x: (G - 1) / (G * x ** eps - x ** gam) - target        # noqa: E731
    return mpmath.findroot(f, (mpmath.mpf(1) + mpmath.mpf(10) ** -12, G ** (1 / (gam - eps)) * (1 - mpmath.mpf(10) ** -9)),
                           solver="bisect")


def _y_on_23(site_ratio, eps, gam):
    """n_m/n_p at a/a_m from (23) as printed with k_m = 1: (gamma/eps - 1)/((gamma/eps) y^eps - y^gamma)."""
    import mpmath
    c = gam / eps
    target = site_ratio ** (gam / (gam - eps))
    f = lambda y: (c - 1) / (c * y ** eps - y ** gam) - target        # noqa: E731
    return mpmath.findroot(f, (mpmath.mpf(1) + mpmath.mpf(10) ** -12, c ** (1 / (gam - eps)) * (1 - mpmath.mpf(10) ** -9)),
                           solver="bisect")


def test_counterexample_figures_plot_the_papers_printed_solutions(index):
    import mpmath
    drawn = {e["claim"]: e for e in index["counterexamples"]}
    with mpmath.workdps(40):
        e, g = mpmath.mpf("0.03"), mpmath.mpf("0.25")
        p2 = drawn["abrs2017:Prop2(iii)"]
        x = _x_on_15(mpmath.mpf(p2["parameters"]["abar/a_*"]), e, g)
        assert float(p2["numbers"]["ratio_at_abar"]) == pytest.approx(float(2 ** (1 / (g - e)) / x), rel=1e-12)
        assert float(p2["numbers"]["ratio_at_abar"]) > 1                 # oversized: the proposition fails
        p3 = drawn["abrs2017:Prop3(ii)"]
        y = _y_on_23(mpmath.mpf(p3["parameters"]["abar/a_lower"]), e, g)
        assert float(p3["numbers"]["ratio_at_abar"]) == pytest.approx(float(mpmath.mpf("0.9") ** (1 / (g - e)) * y),
                                                                      rel=1e-12)
        assert float(p3["numbers"]["ratio_at_abar"]) < 1                 # undersized: the proposition fails
        k = drawn["abrs2017:S3.2:all-occupied-k-star"]
        kk, ge = mpmath.mpf("1.651"), mpmath.mpf("0.325") - mpmath.mpf("0.058")
        assert float(k["numbers"]["printed_at_k"]) == pytest.approx(float(kk ** (1 / ge)), rel=1e-14)
        assert float(k["numbers"]["derived_at_k"]) == pytest.approx(float(kk ** ge), rel=1e-14)
    from fractions import Fraction
    r = drawn["abrs2017:S3.3:rho-threshold"]["numbers"]
    eps, gam = Fraction("0.014"), Fraction("0.436")
    # 1/(1 + rho gamma) = (1 + eps)/(1 + gamma) at rho = (gamma - eps)/(gamma (1 + eps))
    assert Fraction(r["derived"]) == (gam - eps) / (gam * (1 + eps))
    assert Fraction(r["printed"]) == (1 - eps / gam) / (1 + gam)


def test_the_write_up_shows_each_counterexample_figure_with_its_finding(figures_dir, tmp_path):
    from proofs_check import verify
    from proofs_check.writeup import figure_stem
    report = verify(claim_ids=list(COUNTEREXAMPLES), jobs=1)
    tex = report.to_latex(findings_only=True, figures=figures_dir)
    for claim, stem in COUNTEREXAMPLES.items():
        assert figure_stem(claim) == stem
        assert f"{{{(figures_dir / stem).resolve().as_posix()}}}.pdf}}" in tex, claim   # \includegraphics{{...}.pdf}
    assert tex.count(r"\textit{Figure:} Counterexample to") == len(COUNTEREXAMPLES)
    import shutil
    if shutil.which("pdflatex"):
        (tmp_path / "f.tex").write_text(tex, encoding="utf-8")
        for _ in range(2):
            run = subprocess.run(["pdflatex", "-halt-on-error", "-interaction=nonstopmode", "f.tex"], cwd=tmp_path,
                                 capture_output=True, text=True, timeout=300)
            assert run.returncode == 0, run.stdout[-3000:]


def test_counterexamples_from_a_report_file(tmp_path):
    from proofs_check import verify
    from proofs_check.figures import error_findings, write_counterexamples
    path = tmp_path / "report.json"
    path.write_text(verify(claim_ids=["abrs2017:S3.3:rho-threshold", "hs2012:III.7"], jobs=1).to_json())
    results = error_findings("all", str(path))
    assert [c["id"] for c in results] == ["abrs2017:S3.3:rho-threshold", "hs2012:III.7"]
    assert error_findings("hs2012", str(path)) == [results[1]]
    drawn, skipped = write_counterexamples(tmp_path / "out", results, dpi=DPI)
    assert [d["claim"] for d in drawn] == ["abrs2017:S3.3:rho-threshold"] and skipped == []   # III.7 is verified
    assert (tmp_path / "out" / "abrs2017_S3.3_rho-threshold.png").stat().st_size > 2000


@pytest.mark.parametrize("content,message", [("{not json", "not JSON"), ('{"tool": "other"}', "not a cityproofs report"),
                                             ('{"tool": "cityproofs", "claims": [1]}', "claim objects")])
def test_bad_report_file_one_line_exit_2(tmp_path, content, message):
    f = tmp_path / "r.json"
    f.write_text(content)
    r = _run_cli(["figures", "--out", str(tmp_path / "o"), "--report", str(f)])
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "--report" in lines[0] and message in lines[0]
    assert not (tmp_path / "o" / "figures.json").exists()
