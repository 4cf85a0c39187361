"""`cityproofs solve cities`, through a small argparse harness (register + run).

Expected values are the paper's closed forms typed here ((3), (17), Proposition 2 (vi)), applied
to the numbers the command prints.
"""
import argparse
import json

import pytest
import sympy as sp

from numeric.cities import AllocationDoesNotExist
from numeric.precision import InvalidParameter
from proofs_check.solve_cities import read_params, register, run

BASE = {"epsilon": "0.03", "gamma": "0.25", "tau": "0.34", "rho": "1", "delta": "0.17", "cost_scale": "1",
        "urban_population": "280000000"}
TP = {"truncated_pareto": {"shape": "30", "log_min": "4.95", "log_max": "5.20", "measure": "1000"}}
R = sp.Rational


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise ValueError(message)


@pytest.fixture(scope="module")
def parser():
    p = _Parser(prog="cityproofs solve")
    sub = p.add_subparsers(parser_class=_Parser)
    register(sub)
    return p


def write(tmp_path, data, name="params.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def solve(parser, path, *options, fmt="json"):
    args = parser.parse_args(["cities", path, *options, "--format", fmt])
    text = run(args)
    return json.loads(text) if fmt == "json" else text


def close(a, b, digits):
    a, b = R(a), R(b)
    return abs(a - b) <= abs(b) * R(10) ** -digits


def test_register_adds_cities_with_defaults(parser):
    args = parser.parse_args(["cities", "p.json"])
    assert (args.model, args.allocation, args.dps, args.format) == ("cities", "all", 50, "text")
    with pytest.raises(ValueError):
        parser.parse_args(["cities", "p.json", "--allocation", "anarchy"])
    with pytest.raises(ValueError):
        parser.parse_args(["cities", "p.json", "--dps", "5"])


def test_json_optimum_truncated_pareto(parser, tmp_path):
    doc = solve(parser, write(tmp_path, {**BASE, "sites": TP}), "--allocation", "optimum", "--dps", "30")
    assert (doc["tool"], doc["command"], doc["paper"]) == ("cityproofs", "solve cities", "abrs2017")
    assert doc["settings"] == {"allocation": "optimum", "dps": 30}
    assert doc["parameters"]["epsilon"] == "0.03" and doc["sites"] == {"truncated_pareto": {
        "shape": "30", "log_min": "4.95", "log_max": "5.2", "measure": "1000"}}
    o = doc["optimum"]
    for key in ("margin_site", "mu", "land_value_ratio", "welfare_per_capita", "output_per_capita", "mean_wage",
                "min_wage", "largest_city", "smallest_city", "measure_of_cities", "residual"):
        assert isinstance(o[key], str)
    assert o["agreed_digits"] >= 28 and R(o["residual"]) < R("1e-30") and "local_politics" not in doc
    Gamma = R("0.25") * R("1.03") / (R("0.03") * R("1.25"))
    wbar, wmin = R(o["mean_wage"]), R(o["min_wage"])
    assert close(o["land_value_ratio"], 1 + (wbar - wmin) / wbar * (Gamma - 1), 27)    # (17)
    assert close(o["margin_ratio"], 1, 29) and o["all_sites_occupied"] is False
    assert len(o["sizes"]) == 9 and close(o["sizes"][0]["n"], o["smallest_city"], 29)
    assert close(doc["bundles"]["Phi"], R("0.66") / (R("0.83") * R("1.25")), 29)


def test_all_allocations_reports_the_one_that_does_not_exist(parser, tmp_path):
    doc = solve(parser, write(tmp_path, {**BASE, "sites": TP}), "--dps", "20")
    assert "error" in doc["local_politics"] and "exceeds what the sites can host" in doc["local_politics"]["error"]
    assert R(doc["optimum"]["mu"]) > R(doc["free_migration"]["mu"]) > 0
    text = solve(parser, write(tmp_path, {**BASE, "sites": TP}), "--dps", "20", fmt="text")
    assert "local-politics: does not exist" in text and "land_value_ratio" in text
    assert "defining conditions" in text and "digits agree at twice the precision" in text


def test_local_politics_land_value_ratio_is_phi(parser, tmp_path):
    sites = {"uniform": {"minimum": "140", "maximum": "180", "measure": "10000"}}
    doc = solve(parser, write(tmp_path, {**BASE, "sites": sites}), "--allocation", "local-politics", "--dps", "25")
    Phi = R("0.66") / (R("0.83") * R("1.25"))
    assert close(doc["local_politics"]["land_value_ratio"], Phi, 24)          # Proposition 2 (vi)


def test_discrete_sites_and_text(parser, tmp_path):
    data = {**BASE, "urban_population": "3000000", "sites": {"discrete": ["150"] * 12}}
    doc = solve(parser, write(tmp_path, data), "--allocation", "optimum", "--dps", "20")
    o = doc["optimum"]
    n_i = sp.N((R("0.03") * 150 / R("0.25")) ** (1 / R("0.22")), 30)          # (3)
    K = int(o["number_of_cities"])
    assert K in (int(3000000 / n_i), int(3000000 / n_i) + 1) and len(o["sizes"]) == K   # N/n_i cities, rounded
    assert all(close(n, R(3000000) / K, 19) for n in o["sizes"])
    text = solve(parser, write(tmp_path, data), "--dps", "20", fmt="text")
    assert "sizes (best site first)" in text and "discrete, 12 sites" in text


def test_rank_size_and_rural(parser, tmp_path):
    data = {k: v for k, v in BASE.items() if k != "urban_population"}
    data["rural"] = {"scale": "200", "land": "100000000", "alpha": "0.3", "sigma": "0.5",
                     "total_population": "400000000"}
    data["sites"] = {"rank_size": {"scale": "180", "exponent": "0.0333", "count": "300"}}
    doc = solve(parser, write(tmp_path, data), "--allocation", "optimum", "--dps", "20")
    o = doc["optimum"]
    assert o["closure"] == "rural-sector" and set(o["rural"]) >= {"output", "wage", "benefit_level"}
    assert close(R(o["urban_population"]) + R(o["rural_population"]), 400000000, 19)
    assert close(o["mu"], o["rural"]["wage"], 19)                                # (9)


# --- bad input --------------------------------------------------------------------------------

@pytest.mark.parametrize("data, phrase", [
    ({**BASE, "epsilon": 0.03, "sites": TP}, "JSON number"),
    ({**BASE, "sites": {"discrete": ["150", 140]}}, "JSON number"),
    ({**BASE, "sites": {"truncated_pareto": {**TP["truncated_pareto"], "shape": 30}}}, "JSON number"),
    ({**BASE, "sites": TP, "k_m": None}, "null"),
    ({**BASE}, "\"sites\" is required"),
    ({**{k: v for k, v in BASE.items() if k != "gamma"}, "sites": TP}, "\"gamma\" is required"),
    ({**BASE, "sites": TP, "beta": "1"}, "unknown field"),
    ("[1, 2]", "expected a JSON object"),
    ("{not json", "not valid JSON"),
])
def test_bad_files_are_one_line_value_errors(parser, tmp_path, data, phrase):
    with pytest.raises(ValueError) as info:
        solve(parser, write(tmp_path, data))
    assert phrase in str(info.value) and "\n" not in str(info.value)


def test_unreadable_file(parser, tmp_path):
    with pytest.raises(ValueError) as info:
        solve(parser, str(tmp_path / "missing.json"))
    assert "cannot read the parameter file" in str(info.value)


@pytest.mark.parametrize("change, name", [
    ({"gamma": "0.02"}, "gamma"), ({"tau": "1.5"}, "Phi"), ({"cost_scale": "-1"}, "cost_scale"),
    ({"sites": {"truncated_pareto": {**TP["truncated_pareto"], "log_max": "4"}}}, "sites.truncated_pareto.log_max"),
    ({"sites": {"pareto": {"shape": "-1", "log_min": "4.95"}}}, "sites.pareto.shape"),
    ({"sites": {"discrete": ["150", "0"]}}, "sites.discrete[1]"),
])
def test_bad_parameters_raise_invalid_parameter(parser, tmp_path, change, name):
    with pytest.raises(InvalidParameter) as info:
        solve(parser, write(tmp_path, {**BASE, "sites": TP, **change}))
    assert info.value.name == name and "\n" not in str(info.value)


def test_a_single_allocation_that_does_not_exist_is_an_error(parser, tmp_path):
    with pytest.raises(AllocationDoesNotExist) as info:
        solve(parser, write(tmp_path, {**BASE, "sites": TP}), "--allocation", "local-politics", "--dps", "20")
    assert isinstance(info.value, ValueError) and "exceeds what the sites can host" in str(info.value)


def test_read_params_returns_validated_objects(tmp_path):
    p, dist = read_params(write(tmp_path, {**BASE, "sites": TP, "k_m": "1.2"}))
    assert p.k_m == R(6, 5) and p.urban_population == 280000000 and dist.kind == "truncated_pareto"
