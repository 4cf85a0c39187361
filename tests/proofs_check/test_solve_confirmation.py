"""`cityproofs solve`: no number without confirmation, and the solver samples of issue 8 end
either solved and confirmed (exit 0) or with one line naming what failed (exit 2)."""
import json

import pytest

from proofs_check.cli import main

CITY = {"epsilon": "0.03", "gamma": "0.25", "tau": "0.34", "rho": "1", "delta": "0.17",
        "cost_scale": "1", "urban_population": "280000000"}
THREE = {"discrete": ["19550", "18000", "17000"]}
A1 = {"alpha": "3", "beta": "1", "gamma": "1/2", "t": "1", "theta": [["4", "3/2"], ["2", "5"]]}
LOGSQRT = ["log(1+n_1) + sqrt(1+n_2)"] * 2


def cli(tmp_path, capsys, model, data, *options):
    path = tmp_path / "params.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code = main(["solve", model, str(path), *options])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_failure(code, out, err, *words):
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("cityproofs: error: ") and "Traceback" not in err
    for w in words:
        assert w in err, (w, err)


@pytest.mark.parametrize("change, sites", [
    ({}, {"discrete": ["1e90"]}),
    ({"cost_scale": "1e-90"}, THREE),
    ({"epsilon": "1e-90"}, THREE),
    ({"rho": "0.999"}, THREE),
])
def test_city_inputs_that_overflowed_floats_are_solved_and_confirmed(tmp_path, capsys, change, sites):
    code, out, err = cli(tmp_path, capsys, "cities", {**CITY, **change, "sites": sites},
                         "--allocation", "optimum", "--dps", "15", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert "nan" not in out and doc["agreed_digits"] >= 13 and float(doc["residual"]) <= 1e-13


def test_unresolvable_city_solve_is_one_line(tmp_path, capsys):
    sites = {"truncated_pareto": {"shape": "30", "log_min": "4.95", "log_max": "5.20", "measure": "1000"}}
    one_line_failure(*cli(tmp_path, capsys, "cities", {**CITY, "cost_scale": "1e-90", "sites": sites},
                          "--dps", "15"), "dN/dmu")


def test_specialized_with_huge_beta_is_confirmed_at_dps_15(tmp_path, capsys):
    # printed residual 0.0038 and "0 digits agree" before: now solved (see tests/numeric)
    code, out, err = cli(tmp_path, capsys, "clusters", {**A1, "beta": "1e90"}, "--what", "specialized",
                         "--dps", "15", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["agreed_digits"] >= 13 and float(doc["relative_residual"]) <= 1e-13


def test_an_unconfirmed_result_is_not_printed(tmp_path, capsys, monkeypatch):
    # break the re-solve: a result whose two precisions disagree must not be printed
    from numeric.clusters import equilibria
    real = equilibria.agreement
    monkeypatch.setattr(equilibria, "agreement", lambda low, high, dps: 0)
    one_line_failure(*cli(tmp_path, capsys, "clusters", A1, "--what", "specialized"),
                     "not confirmed", "only 0 of 50 digits agree")
    monkeypatch.setattr(equilibria, "agreement", real)


@pytest.mark.parametrize("t, outcome", [("1/4", "solved"), ("1", "n_2 = -0.75")])
def test_log_sqrt_user_model(tmp_path, capsys, t, outcome):
    code, out, err = cli(tmp_path, capsys, "clusters", {"g": LOGSQRT, "t": t}, "--what", "type-optimal",
                         "--format", "json")
    if outcome == "solved":
        assert code == 0, err
        doc = json.loads(out)
        assert [x["n"] for x in doc["type_optimal"]] == [["3", "3"], ["3", "3"]]
    else:
        one_line_failure(code, out, err, "no interior optimum", outcome)


@pytest.mark.parametrize("data, what, words", [
    ({**A1, "cost": "N**-1"}, "symmetric-equilibria", ["not finite", "N = 0"]),
    ({**A1, "cost": "N**-1"}, "specialized", ["autarky utility, is not finite"]),
    ({"g": ["0", "0"], "t": "1"}, "type-optimal", ["no stationary point", "dV_1/dn_1 = -1"]),
    ({"g": ["-n_1", "-n_1"], "t": "1"}, "pareto", ["no stationary point", "dW/dn_1 = -2"]),
    ({"g": ["0", "0"], "t": "1"}, "cpe", ["no stationary point"]),
    ({"g": ["(n_1+n_2)**20", "(n_1+n_2)**20"], "t": "1"}, "type-optimal", ["type-1 optimal cluster"]),
])
def test_user_models_end_in_one_line(tmp_path, capsys, data, what, words):
    one_line_failure(*cli(tmp_path, capsys, "clusters", data, "--what", what, "--totals", "100,100",
                          "--weights", "1/2,1/2"), *words)
