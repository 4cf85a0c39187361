"""README's two fresh-machine commands exist, CI runs the test command verbatim, and the tour's
`cityproofs solve` examples run."""
import json
import shlex
from pathlib import Path

import mpmath
import pytest

from proofs_check.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _commands():
    readme = (ROOT / "README.md").read_text()
    return [line.strip() for line in readme.splitlines() if line.startswith("python3 -m venv")]


def test_readme_has_the_install_and_run_and_the_test_commands():
    verify, tests = _commands()
    assert verify.endswith("cityproofs verify")
    assert "pip install \".[test]\"" in tests and "pytest" in tests


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert _commands()[1] in ci


def _solve_examples():
    readme = (ROOT / "README.md").read_text()
    lines = [line.split("#")[0].strip() for line in readme.splitlines() if line.startswith("cityproofs solve")]
    return [shlex.split(line)[1:] for line in lines]


def test_readme_lists_solve_examples_for_both_models():
    models = {argv[1] for argv in _solve_examples()}
    assert models == {"clusters", "cities"}


@pytest.mark.parametrize("argv", _solve_examples(), ids=lambda argv: " ".join(argv[1:4]))
def test_readme_solve_examples_run(argv, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main(argv) == 0
    out = capsys.readouterr().out
    if "json" in argv:
        doc = json.loads(out)
        assert doc["agreed_digits"] >= 40 and mpmath.mpf(doc["residual"]) < mpmath.mpf("1e-40")
    else:
        assert "digits agree at twice the precision" in out
