"""Fuzzing the input boundary: `cityproofs solve` in-process, and the Python API.

Every generated input must end within CALL_SECONDS with either

- exit 0 and a confirmed result (its two-precision agreement meets the documented rule of
  numeric.acceptance) for parameters inside the model's domain, or
- exit 2 and exactly one line on stderr, `cityproofs: error: ...`, naming the parameter (or
  option, or file) that was bad,

and never a traceback or another exit code. The domain is re-stated here, independently of the
package's validation, so an out-of-domain parameter that the package accepts is counted.

The default run draws a fast subset (FAST inputs per family); `pytest -m slow` runs SLOW per
family, at least 10,000 inputs in all, and prints the counts at the end of the session.
"""
from __future__ import annotations

import contextlib
import io
import json
import re
import signal
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from proofs_check.cli import main

CALL_SECONDS = 20
FAST, SLOW = 12, 1700
FUZZ_COUNTS: Counter = Counter()

CLUSTERS = {"alpha": "3", "beta": "1", "gamma": "1/2", "t": "1", "theta": [["4", "3/2"], ["2", "5"]]}
CITIES = {"epsilon": "0.03", "gamma": "0.25", "tau": "0.34", "rho": "1", "delta": "0.17",
          "urban_population": "1000000", "sites": {"discrete": ["19550", "18000", "15000", "12000"]}}
WHAT = ("type-optimal", "pareto", "contract-curve", "cpe", "symmetric-equilibria", "specialized", "partition")


class CallTimeout(BaseException):
    """A call ran past CALL_SECONDS (a BaseException, so no `except Exception` swallows it)."""


def _alarm(signum, frame):
    raise CallTimeout()


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of `cityproofs argv` in this process, within CALL_SECONDS."""
    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, CALL_SECONDS)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(argv)
    except CallTimeout:
        FUZZ_COUNTS["calls past the time bound"] += 1
        pytest.fail(f"cityproofs {' '.join(argv)} ran past {CALL_SECONDS} s")
    except SystemExit as stop:  # argparse's --help exits
        status = stop.code
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return status, out.getvalue(), err.getvalue()


# --- the domain, restated independently of numeric/ ---------------------------------------------

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,6})?|[+-]?\d+/[1-9]\d*", re.ASCII)


def value_of(text) -> Fraction | None:
    """The exact value of a well-formed number string with moderate size, else None."""
    if not isinstance(text, str) or not _NUMBER.fullmatch(text.strip()) or len(text) > 60:
        return None
    v = Fraction(text.strip())
    return v if v == 0 or Fraction(1, 10 ** 100) <= abs(v) <= 10 ** 100 else None


def clusters_in_domain(p: dict) -> bool:
    """(A.1)'s stated domain: alpha, beta, gamma, t > 0; theta^i_s > 1, theta^i_i > theta^i_s
    and theta^i_i > theta^s_i (Assumptions 1 and 2)."""
    vals = {k: value_of(p.get(k)) for k in ("alpha", "beta", "gamma", "t")}
    if any(v is None or v <= 0 for v in vals.values()):
        return False
    theta = p.get("theta")
    if not isinstance(theta, list) or not 2 <= len(theta) <= 8:
        return False
    I = len(theta)
    th = [[value_of(x) for x in row] if isinstance(row, list) and len(row) == I else None for row in theta]
    if any(r is None or any(x is None or x <= 1 for x in r) for r in th):
        return False
    return all(th[i][i] > th[i][s] and th[i][i] > th[s][i] for i in range(I) for s in range(I) if s != i)


def cities_in_domain(p: dict) -> bool:
    """abrs2017's domain: 0 < eps < gamma; tau < 1, delta < 1 (Phi > 0); 0 <= rho <= 1;
    cost_scale > 0; N > 0; sites positive."""
    v = {k: value_of(p.get(k, "1")) for k in ("epsilon", "gamma", "tau", "rho", "delta", "cost_scale",
                                               "urban_population")}
    if any(x is None for x in v.values()):
        return False
    sites = p.get("sites", {}).get("discrete") if isinstance(p.get("sites"), dict) else None
    if not isinstance(sites, list) or not sites or any(value_of(a) is None or value_of(a) <= 0 for a in sites):
        return False
    return (0 < v["epsilon"] < v["gamma"] and v["tau"] < 1 and v["delta"] < 1 and 0 <= v["rho"] <= 1
            and v["cost_scale"] > 0 and v["urban_population"] > 0)


# --- what every outcome must look like ------------------------------------------------------------

def judge(argv: list[str], names: list[str], in_domain: bool | None) -> None:
    """Run and hold the outcome to the module's contract; `names` are the acceptable words an
    exit-2 message must contain (the parameter, option or file that was bad)."""
    status, out, err = run_cli(argv)
    FUZZ_COUNTS["inputs"] += 1
    if "Traceback" in err + out or "internal error" in err:
        FUZZ_COUNTS["tracebacks"] += 1
    assert "Traceback" not in err + out, err
    if status not in (0, 2):
        FUZZ_COUNTS["other exit codes"] += 1
    assert status in (0, 2), f"exit {status}: {err}"
    if status == 2:
        FUZZ_COUNTS["exit 2"] += 1
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("cityproofs: error: "), err
        named = any(n in lines[0] for n in names)
        if not named:
            FUZZ_COUNTS["exit-2 messages not naming their parameter"] += 1
        assert named, f"{lines[0]!r} names none of {names}"
        return
    FUZZ_COUNTS["exit 0"] += 1
    if in_domain is False:
        FUZZ_COUNTS["out-of-domain parameters accepted"] += 1
    assert in_domain is not False, f"accepted an out-of-domain input: {argv}"
    if "--format" in argv:
        doc = json.loads(out)
        dps = doc["settings"]["dps"]
        assert doc["agreed_digits"] >= dps - max(2, dps // 10), doc["agreed_digits"]


# --- strategies ------------------------------------------------------------------------------------

NASTY = ["1/0", "-3/0", "1 2", "1_000", "\u0661\u0662", "nan", "inf", "-inf", "1e400", "1e-400", "-1e5000",
         "1e10000000", "", " ", "0x1f", "1e", "e1", "--1", "1..2", "\u00bd", "3/2/1", "9" * 5000, "0", "-0",
         "1e-5000", "1e100", "1e-100", "+.5", "5.", "1/-2", "__import__('os').getpid()", "2**10", "1,5",
         "\x00", "\ufeff1", "\u2212" + "1"]


def decimals():
    """Well-formed decimal strings across many magnitudes, both signs, with exponents."""
    return st.builds(lambda sign, whole, frac, exp: f"{sign}{whole}{'.' + frac if frac else ''}{exp}",
                     st.sampled_from(["", "-", "+"]), st.integers(0, 10 ** 6).map(str),
                     st.text("0123456789", max_size=6),
                     st.one_of(st.just(""), st.integers(-120, 120).map(lambda e: f"e{e}")))


def numbers():
    """Anything a user could type into a number field, or a JSON value of the wrong type."""
    return st.one_of(decimals(), decimals(), st.sampled_from(NASTY), st.text(max_size=12),
                     st.integers(-10, 10).flatmap(lambda p: st.integers(-3, 9).map(lambda q: f"{p}/{q}")),
                     st.integers(-5, 5), st.floats(allow_nan=True, allow_infinity=True), st.none(), st.booleans(),
                     st.lists(st.just("1"), max_size=2), st.dictionaries(st.just("1"), st.just("2"), max_size=1))


def write(tmp_path_factory, data) -> str:
    path = tmp_path_factory.mktemp("fuzz") / "params.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


FUZZ = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                                   HealthCheck.filter_too_much, HealthCheck.data_too_large])


def families(n: int):
    """The fuzz families, each with `n` examples (FAST by default, SLOW under -m slow)."""

    @settings(max_examples=n, **FUZZ)
    @given(field=st.sampled_from(["alpha", "beta", "gamma", "t", "theta00", "theta01", "theta10"]),
           value=numbers(), what=st.sampled_from(WHAT[:3]))
    @example(field="alpha", value="1/0", what="type-optimal")
    @example(field="alpha", value="1e10000000", what="type-optimal")
    @example(field="alpha", value="1e5000", what="type-optimal")
    @example(field="alpha", value="-1e5000", what="type-optimal")
    @example(field="alpha", value="9" * 5000, what="type-optimal")
    @example(field="alpha", value="1 2", what="type-optimal")
    @example(field="alpha", value="1_000", what="type-optimal")
    @example(field="beta", value="1e400", what="type-optimal")
    def clusters_number(tmp_path_factory, field, value, what):
        p = json.loads(json.dumps(CLUSTERS))
        if field.startswith("theta"):
            i, s = int(field[5]), int(field[6])
            p["theta"][i][s] = value
            names = [f"theta^{i + 1}_{s + 1}", "theta"]
        else:
            p[field] = value
            names = [field]
        if value_of(value) is not None:  # a well-formed number: an ordering or existence may name another
            names += ["alpha", "beta", "gamma", "t", "theta", "optim", "interior", "cluster", "concav"]
        extra = {"pareto": ["--weights", "1/2,1/2"], "contract-curve": ["--points", "2"]}.get(what, [])
        judge(["solve", "clusters", write(tmp_path_factory, p), "--what", what, "--dps", "20",
               "--format", "json", *extra], names + ["params.json"], clusters_in_domain(p))

    @settings(max_examples=n, **FUZZ)
    @given(field=st.sampled_from(["epsilon", "gamma", "tau", "rho", "delta", "cost_scale", "urban_population",
                                  "site"]), value=numbers(), allocation=st.sampled_from(
        ["optimum", "local-politics", "free-migration", "all"]))
    @example(field="rho", value="1e400", allocation="all")
    @example(field="rho", value="2", allocation="all")
    @example(field="rho", value="-0.5", allocation="all")
    @example(field="epsilon", value="1e-5000", allocation="all")
    @example(field="site", value="1e-400", allocation="all")
    @example(field="site", value="1e400", allocation="all")
    def cities_number(tmp_path_factory, field, value, allocation):
        p = json.loads(json.dumps(CITIES))
        if field == "site":
            p["sites"]["discrete"][1] = value
            names = ["sites.discrete[1]"]
        else:
            p[field] = value
            names = [field, "Phi"]  # tau and delta reach Phi's bound before their own
        if value_of(value) is not None:  # a well-formed number: domain or existence may name another
            names += ["epsilon", "gamma", "Phi", "rho", "urban_population", "cost_scale", "sites", "k_m"]
        judge(["solve", "cities", write(tmp_path_factory, p), "--allocation", allocation, "--dps", "15",
               "--format", "json"], names + ["params.json", allocation, "allocation"], cities_in_domain(p))

    shapes = st.one_of(
        st.just({"12": "3"}), st.just({"1": "3"}), st.just([["4"]]), st.just([["4", "2"], ["2"]]), st.just([]),
        st.just("4"), st.lists(st.lists(st.sampled_from(["4", "2", "3/2", "5"]), min_size=1, max_size=4),
                               min_size=1, max_size=4),
        st.integers(2, 12).map(lambda I: [[str(I + 2) if i == s else "2" for s in range(I)] for i in range(I)]))

    @settings(max_examples=n, **FUZZ)
    @given(theta=shapes, key=st.one_of(st.none(), st.sampled_from(
        ["theta^-1_1", "theta^1_1x", "theta^\u0661_1", "theta^0_1", "theta^1_1", "zeta", "theta^12_1", "__class__"])))
    @example(theta={"12": "3"}, key=None)
    @example(theta={"1": "3"}, key=None)
    @example(theta=[["4", "3/2"], ["2", "5"]], key="theta^-1_1")
    def clusters_structure(tmp_path_factory, theta, key):
        p = {**CLUSTERS, "theta": theta}
        if key is not None:
            p[key] = "3"
        # A well-formed theta may still have no interior optimum: that message names the cluster.
        judge(["solve", "clusters", write(tmp_path_factory, p), "--what", "type-optimal", "--dps", "15",
               "--format", "json"], ["theta", "I", "the key", "params.json", "optimal cluster"],
              clusters_in_domain(p) if key is None else None)

    atoms = st.sampled_from(["n_1", "n_2", "N", "alpha", "beta", "gamma", "t", "theta_1_2", "2", "0", "1/2", "-1",
                             "0.5", "1000", "n_3", "x", "__import__", "sqrt(-1)", "log(0)", "exp(1000)"])
    expressions = st.recursive(atoms, lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "**"]), inner).map(lambda t: f"({t[0]}{t[1]}{t[2]})"),
        st.tuples(st.sampled_from(["log", "sqrt", "exp", "sin"]), inner).map(lambda t: f"{t[0]}({t[1]})")),
        max_leaves=8)

    @settings(max_examples=n, **FUZZ)
    @given(g1=expressions, g2=expressions, cost=st.one_of(st.none(), expressions),
           what=st.sampled_from(["type-optimal", "pareto", "symmetric-equilibria", "specialized"]))
    @example(g1="log(1+n_1) + sqrt(1+n_2)", g2="log(1+n_2) + sqrt(1+n_1)", cost=None, what="type-optimal")
    @example(g1="0", g2="n_2", cost=None, what="type-optimal")
    @example(g1="-n_1", g2="n_2", cost=None, what="type-optimal")
    @example(g1="n_1", g2="n_2", cost="sqrt(-1)*N", what="type-optimal")
    @example(g1="n_1", g2="n_2", cost="N**-1", what="symmetric-equilibria")
    @example(g1="(n_1+n_2)**1000", g2="n_2", cost=None, what="type-optimal")
    @example(g1="n_1", g2="exp(exp(n_1))", cost=None, what="symmetric-equilibria")  # once ran for minutes
    @example(g1="n_1", g2="(log(n_1)**n_1)", cost=None, what="symmetric-equilibria")  # complex: once a TypeError
    @example(g1="n_1", g2="(n_1**exp(1000))", cost=None, what="symmetric-equilibria")  # once ran past 20 s
    def user_models(tmp_path_factory, g1, g2, cost, what):
        p = {**CLUSTERS, "g": [g1, g2]}
        if cost is not None:
            p["cost"] = cost
        extra = {"pareto": ["--weights", "1/2,1/2"], "symmetric-equilibria": ["--totals", "100,100"]}.get(what, [])
        judge(["solve", "clusters", write(tmp_path_factory, p), "--what", what, "--dps", "15", *extra],
              ["g_1", "g_2", "g", "cost", "type", "cluster", "equilibri", "specialized", "Pareto", "optim",
               "params.json", "maximum", "n_1^S", "n_2^S"], None)

    options = st.one_of(st.sampled_from(["0", "-1", "15", "16", "200", "201", "99999999999999999999", "1e3", "",
                                         "1,1", "1/0,1", "1/2,1/2", "1,2/3", "1/2", "١", "3", "2", "abc"]),
                        st.text(max_size=8))

    @settings(max_examples=n, **FUZZ)
    @given(option=st.sampled_from(["--dps", "--points", "--type", "--weights", "--totals", "--partition"]),
           value=options, what=st.sampled_from(WHAT))
    @example(option="--dps", value="99999999999999999999", what="type-optimal")
    @example(option="--points", value="100000", what="contract-curve")
    @example(option="--weights", value="1/0,1", what="pareto")
    @example(option="--totals", value="1/0,1", what="cpe")
    def cli_options(tmp_path_factory, option, value, what):
        defaults = {"pareto": ["--weights", "1/2,1/2"], "cpe": ["--totals", "100,100"],
                    "symmetric-equilibria": ["--totals", "100,100"],
                    "partition": ["--partition", "1/2", "--totals", "100,100"],
                    "contract-curve": ["--points", "2"]}.get(what, [])
        argv = ["solve", "clusters", write(tmp_path_factory, CLUSTERS), "--what", what, *defaults, option, value]
        judge(argv, [option, option.lstrip("-"), "weights", "totals", "partition", "type", "points", "dps",
                     "argument"], True)

    @settings(max_examples=n, **FUZZ)
    @given(text=st.one_of(st.text(max_size=40), st.sampled_from(
        ["[" * 100_000, "{" * 50, '{"alpha": 3}', '{"alpha": null}', '{"alpha": true}', "[]", '"x"', "",
         '{"alpha": ' + "9" * 5000 + "}", "\x00", '{"sites": {"discrete": []}}', '{"a":' * 20 + "1" + "}" * 20])),
           model=st.sampled_from(["clusters", "cities"]))
    @example(text="[" * 100_000, model="clusters")
    def files(tmp_path_factory, text, model):
        path = write(tmp_path_factory, text)
        extra = ["--what", "type-optimal"] if model == "clusters" else []
        judge(["solve", model, path, *extra, "--dps", "15"], [path, "params.json", "required", "the key", "I",
                                                               "theta", "sites", "alpha"], None)

    return [clusters_number, cities_number, clusters_structure, user_models, cli_options, files]


FAMILIES = {f.__name__: f for f in families(FAST)}
SLOW_FAMILIES = {f.__name__: f for f in families(SLOW)}


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_fuzz_fast_subset(name, tmp_path_factory):
    FAMILIES[name](tmp_path_factory)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SLOW_FAMILIES))
def test_fuzz_full(name, tmp_path_factory):
    SLOW_FAMILIES[name](tmp_path_factory)


def test_dev_zero_and_unwritable_out_fail_at_once():
    status, _, err = run_cli(["solve", "clusters", "/dev/zero", "--what", "type-optimal"])
    assert status == 2 and "/dev/zero: not a regular file" in err
    status, _, err = run_cli(["verify", "--out", "/dev/full"])  # fails before any claim runs
    assert status == 2 and err.strip() == "cityproofs: error: --out '/dev/full': cannot write there (No space left on device)"


# --- the Python API -----------------------------------------------------------------------------

def _api_calls():
    import mpmath

    from numeric import cities as ncities, clusters as nc
    from numeric.precision import decimal_string, exact
    from proofs_check import verify
    from symbolic import latex_of, numeric_lambda
    from symbolic.cities import model
    evil = "__import__('os').getpid()"
    return [
        (lambda: decimal_string(evil), TypeError),
        (lambda: latex_of(evil), TypeError),
        (lambda: numeric_lambda(evil, []), TypeError),
        (lambda: model.phi_in(evil), TypeError),
        (lambda: model.phi_out(evil), TypeError),
        (lambda: model.footnote25_elasticities(evil, "1/4"), TypeError),
        (lambda: exact(mpmath.mpf("nan"), "alpha"), ValueError),
        (lambda: exact(mpmath.mpf("inf"), "alpha"), ValueError),
        (lambda: exact(float("nan"), "alpha"), ValueError),
        (lambda: nc.type_optimal_cluster({**CLUSTERS, "alpha": "1/0"}, 1), ValueError),
        (lambda: ncities.solve_allocation({k: v for k, v in CITIES.items() if k != "sites"},
                                          None, "optimum", 15), (ValueError, TypeError)),
        (lambda: verify(claim_ids="hs2012:nonexistent"), ValueError),
        (lambda: verify(dps=10 ** 20), ValueError),
    ]


@pytest.mark.parametrize("k", range(len(_api_calls())))
def test_the_python_api_refuses_text_and_non_finite_numbers_with_one_line(k):
    call, error = _api_calls()[k]
    with pytest.raises(error) as info:
        call()
    assert "\n" not in str(info.value) and len(str(info.value)) < 300


def test_verify_with_one_claim_id_as_a_string_runs_that_claim():
    from proofs_check import verify
    report = verify(claim_ids="hs2012:A.18", draws=0)
    assert [c.id for c in report.claims] == ["hs2012:A.18"]


@pytest.fixture(scope="module", autouse=True)
def _report_counts(request):
    yield
    if FUZZ_COUNTS:
        request.config.stash.setdefault(FUZZ_STASH, Counter()).update(FUZZ_COUNTS)


FUZZ_STASH = pytest.StashKey[Counter]()
