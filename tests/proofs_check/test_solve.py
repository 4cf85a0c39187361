"""`cityproofs solve clusters`, through its own small argparse harness (register + run)."""
import argparse
import json

import pytest
import sympy as sp

from numeric.clusters import NoInteriorOptimum
from numeric.precision import InvalidParameter
from proofs_check import solve

EXAMPLE = {"alpha": "3", "beta": "1", "gamma": "1/2", "t": "1", "theta": [["4", "3/2"], ["2", "5"]]}


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise ValueError(message)


@pytest.fixture(scope="module")
def parser():
    p = _Parser(prog="cityproofs")
    solve.register(p.add_subparsers(dest="command", parser_class=_Parser))
    return p


def write(tmp_path, data, name="params.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def run(parser, path, *options, fmt="json"):
    args = parser.parse_args(["solve", "clusters", path, *options, "--format", fmt])
    text = solve.run(args)
    return json.loads(text) if fmt == "json" else text


def number(s):
    return sp.Rational(s)


def test_type_optimal_json_names_its_fields(parser, tmp_path):
    path = write(tmp_path, EXAMPLE)
    doc = run(parser, path, "--what", "type-optimal", "--type", "1")
    assert doc["tool"] == "cityproofs" and doc["parameters"]["theta"] == [["4", "1.5"], ["2", "5"]]
    opt = doc["type_optimal"]
    assert [number(x) for x in opt["n"]] == [17, 12]  # (A.18): (17, 12) for these parameters
    assert number(opt["utility"]) == sp.Rational(229, 2)
    assert opt["agreed_digits"] == 50 and doc["agreed_digits"] == 50 and number(doc["residual"]) == 0
    both = run(parser, path, "--what", "type-optimal", "--dps", "20")
    assert [o["type"] for o in both["type_optimal"]] == [1, 2] and both["settings"]["dps"] == 20


def test_every_kind_runs_and_reports_residual_and_digits(parser, tmp_path):
    path = write(tmp_path, EXAMPLE)
    cases = {
        "pareto": ["--weights", "1/2,1/2"],
        "contract-curve": ["--points", "3"],
        "cpe": ["--totals", "100,100"],
        "symmetric-equilibria": ["--totals", "100,100"],
        "specialized": ["--type", "2"],
        "partition": ["--partition", "1/2", "--totals", "10,20"],
    }
    keys = {"pareto": "pareto", "contract-curve": "contract_curve", "cpe": "cpe",
            "symmetric-equilibria": "symmetric_equilibria", "specialized": "specialized",
            "partition": "partition"}
    for what, options in cases.items():
        doc = run(parser, path, "--what", what, *options, "--dps", "30")
        assert keys[what] in doc and doc["agreed_digits"] >= 29, what
        assert float(doc["residual"]) < 1e-25, what
    eq = run(parser, path, "--what", "symmetric-equilibria", "--totals", "100,100")["symmetric_equilibria"]
    (iv,) = eq["intervals"]
    assert (number(iv["s_lo"]), number(iv["s_hi"])) == (sp.Rational(28, 100), sp.Rational(29, 100))
    assert iv["lo_binding"][0].startswith("S_2") and iv["hi_binding"][0].startswith("A_1")
    spec = run(parser, path, "--what", "specialized", "--type", "1")["specialized"]
    assert spec[0]["exact"]["n_S"] == "11" and spec[0]["exact"]["n_A"] == "22"  # (theta^1_1 alpha - t)/beta


def test_text_format_and_user_expressions(parser, tmp_path):
    g = [f"alpha*(theta_{i}_1*n_1 + theta_{i}_2*n_2) - beta/2*(n_1**2 + n_2**2) + gamma*n_1*n_2"
         for i in (1, 2)]
    path = write(tmp_path, {**EXAMPLE, "g": g, "cost": "t*N"})
    text = run(parser, path, "--what", "type-optimal", "--type", "2", fmt="text")
    assert "type-optimal cluster for type 2" in text and "n: [16, 22]" in text
    assert "user g_i" in text and "digits agree" in text


@pytest.mark.parametrize("data, message", [
    ({**EXAMPLE, "alpha": 3}, 'params.json: "alpha" is the JSON number 3; write it as a string'),
    ({**EXAMPLE, "theta": [[4, "3/2"], ["2", "5"]]}, '"theta"[0][0] is the JSON number 4'),
    ("{not json", "params.json: not valid JSON"),
    ("[1, 2]", "expected a JSON object"),
    ({**EXAMPLE, "delta": "1"}, "the key 'delta' is not a parameter"),
    ({**EXAMPLE, "g": ["__import__('os').system('true')", "n_2"]}, "names starting with '_' are not allowed"),
])
def test_bad_files_give_one_line_messages(parser, tmp_path, data, message):
    path = write(tmp_path, data)
    with pytest.raises(ValueError) as info:
        run(parser, path, "--what", "type-optimal")
    assert message in str(info.value) and "\n" not in str(info.value)


def test_missing_file_and_missing_options(parser, tmp_path):
    with pytest.raises(ValueError, match="cannot read the parameter file"):
        run(parser, str(tmp_path / "nope.json"), "--what", "type-optimal")
    path = write(tmp_path, EXAMPLE)
    with pytest.raises(ValueError, match="--weights is required for --what pareto"):
        run(parser, path, "--what", "pareto")
    with pytest.raises(ValueError, match="--totals is required"):
        run(parser, path, "--what", "cpe")
    with pytest.raises(ValueError, match="--partition '1,x/2'"):
        run(parser, path, "--what", "partition", "--totals", "1,1", "--partition", "1,x/2")
    with pytest.raises(ValueError, match="invalid choice"):
        run(parser, path, "--what", "everything")


@pytest.mark.parametrize("data, options, name, rule", [
    ({**EXAMPLE, "beta": "0"}, [], "beta", "must be > 0"),
    ({**EXAMPLE, "theta": [["2", "3"], ["2", "5"]]}, [], "theta^1_1", "Assumption 1"),
    (EXAMPLE, ["--type", "3"], "type", "from 1 to I = 2"),
    (EXAMPLE, ["--what", "pareto", "--weights", "1/2,1/4"], "weights", "must sum to 1"),
    (EXAMPLE, ["--what", "cpe", "--totals", "1,-1"], "totals[2]", "must be > 0"),
])
def test_bad_parameters_raise_invalid_parameter(parser, tmp_path, data, options, name, rule):
    path = write(tmp_path, data)
    what = [] if "--what" in options else ["--what", "type-optimal"]
    with pytest.raises(InvalidParameter, match=rule) as info:
        run(parser, path, *what, *options)
    assert info.value.name == name and "\n" not in str(info.value)


def test_no_interior_optimum_is_a_one_line_value_error(parser, tmp_path):
    path = write(tmp_path, {**EXAMPLE, "beta": "1/4"})
    with pytest.raises(NoInteriorOptimum, match="second-order conditions") as info:
        run(parser, path, "--what", "type-optimal", "--type", "1", "--dps", "20")
    assert isinstance(info.value, ValueError) and "\n" not in str(info.value)
