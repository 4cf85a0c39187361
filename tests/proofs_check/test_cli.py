"""The command line contract of DESIGN.md section 3, run as a user would."""
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from proofs_check.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def cli(*args, hashseed="0"):
    env = {**os.environ, "PYTHONHASHSEED": hashseed, "PYTHONPATH": ROOT}
    return subprocess.run([sys.executable, "-m", "proofs_check", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=600)


def _without_timing(doc):
    doc = json.loads(doc)
    doc["settings"].pop("timing")
    return doc


def test_verify_json_is_one_object_and_byte_identical_across_runs():
    with ThreadPoolExecutor(2) as pool:
        a, b = pool.map(lambda seed: cli("verify", "--paper", "hs2012", "--format", "json", hashseed=seed),
                        ["1", "2"])
    assert a.returncode == 0 and b.returncode == 0
    doc = json.loads(a.stdout)  # stdout holds exactly one JSON object
    assert list(doc) == ["tool", "version", "settings", "claims", "summary"]
    assert doc["tool"] == "cityproofs"
    assert set(doc["settings"]) >= {"paper", "draws", "dps", "seed", "timing"} and doc["settings"]["dps"] >= 50
    fields = {"id", "quote", "status", "method", "printed_latex", "derived_latex", "detail", "note", "counterexample"}
    assert all(fields <= set(c) for c in doc["claims"])
    assert doc["summary"] == {s: sum(c["status"] == s for c in doc["claims"])
                              for s in ("verified", "discrepancy", "unverified")}
    assert _without_timing(a.stdout) == _without_timing(b.stdout)
    # byte-identical apart from the timing block
    timing_free = [text[:text.index('"timing"')] + text[text.index('"claims": ['):] for text in (a.stdout, b.stdout)]
    assert timing_free[0] == timing_free[1]


@pytest.mark.parametrize("args, message", [
    (["verify", "--paper", "hs2013"], "argument --paper: invalid choice: 'hs2013'"),
    (["verify", "--draws", "-3"], "--draws='-3': must be an integer from 0 to 10000000"),
    (["verify", "--dps", "ten"], "--dps='ten': must be an integer from 15 to 200"),
    (["show", "hs2012:Z.9"], "unknown claim id 'hs2012:Z.9'"),
    (["verify", "--out", "/nonexistent-dir/x.json"], "--out '/nonexistent-dir/x.json': cannot write there"),
    ([], "a command is required"),
])
def test_bad_usage_is_one_line_and_exit_2(args, message, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_bad_usage_from_the_shell_has_no_traceback():
    run = cli("verify", "--draws", "-1")
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.strip() == "cityproofs: error: --draws='-1': must be an integer from 0 to 10000000"


@pytest.fixture
def cached_verify(monkeypatch, hs2012_report):
    """The CLI's formatting and exit codes, fed the session's hs2012 run instead of a new one."""
    import proofs_check.cli
    monkeypatch.setattr(proofs_check.cli, "verify", lambda **kwargs: hs2012_report)


def test_strict_exits_1_on_a_discrepancy(capsys, cached_verify):
    assert main(["verify", "--paper", "hs2012", "--strict", "--format", "md"]) == 1
    assert "discrepancy" in capsys.readouterr().out


def test_show_prints_quote_printed_derived_and_verdict(capsys):
    assert main(["show", "hs2012:A.18"]) == 0
    out = capsys.readouterr().out
    assert r"(\text{A.18})" in out  # the quote
    assert "printed:" in out and "derived:" in out and "verdict: verified" in out
    assert r"\theta^{1}_{1}" in out


def test_list_prints_one_line_per_claim(capsys):
    assert main(["list", "--paper", "hs2012"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("hs2012:III.1") and any(line.startswith("hs2012:A.25") for line in lines)


def test_text_report_has_a_table_and_a_summary_line(capsys, cached_verify):
    assert main(["verify", "--paper", "hs2012"]) == 0
    out = capsys.readouterr().out
    assert "hs2012:A.18" in out and "verified" in out
    assert out.rstrip().splitlines()[-1].startswith("summary: ")
