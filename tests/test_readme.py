"""README's two fresh-machine commands exist, and CI runs the test command verbatim."""
from pathlib import Path

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
