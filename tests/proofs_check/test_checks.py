"""The decision primitives: identities, signs and printed numbers, on cases worked by hand."""
import sympy as sp

from proofs_check.checks import family, identity, number, sign
from proofs_check.claims import Settings
from proofs_check.draws import decimal_between

S = Settings(draws=10, dps=50, seed=0, claim_id="test")
x, y = sp.symbols("x y", positive=True)


def positive_domain(rng, symbols):
    return {s: decimal_between(rng, "0.1", "5") for s in symbols}


def test_identity_verified_when_the_difference_simplifies_to_zero():
    out = identity((x + y) ** 2, x**2 + 2 * x * y + y**2, settings=S)
    assert out.status == "verified"


def test_identity_discrepancy_carries_an_exact_witness():
    out = identity(x * (y - 1), x * (1 - y), settings=S, domain=positive_domain)
    assert out.status == "discrepancy"
    p = {k: sp.Rational(v) for k, v in out.counterexample["parameters"].items()}
    assert sp.Rational(out.counterexample["printed"]) == p["x"] * (p["y"] - 1)
    assert sp.Rational(out.counterexample["derived"]) == p["x"] * (1 - p["y"])


def test_identity_without_domain_or_witness_is_unverified():
    u, w = sp.symbols("u w", real=True)          # no domain stated, none declared
    assert identity(u, w, settings=S).status == "unverified"


def test_identity_over_positive_symbols_or_general_functions_finds_its_own_witness():
    # Symbols declared positive state their domain; an identity over general functions must hold for
    # each, so a polynomial instance is a witness. Hand: x != y at x = y + anything; d/dx f = 2 d/dx f fails for f' != 0.
    out = identity(x, y, settings=S)
    p = {k: sp.Rational(v) for k, v in out.counterexample["parameters"].items()}
    assert out.status == "discrepancy" and p["x"] != p["y"]
    f = sp.Function("f")
    out = identity(2 * sp.Derivative(f(x), x), sp.diff(f(x), x), settings=S)
    assert out.status == "discrepancy" and "f" in out.counterexample["functions"]
    instance = sp.sympify(out.counterexample["functions"]["f"].split("=")[1])
    at = {sp.Symbol("x_1"): sp.Rational(out.counterexample["parameters"]["x"])}
    slope = sp.diff(instance, sp.Symbol("x_1")).subs(at)
    assert sp.Rational(out.counterexample["printed"]) == 2 * slope and sp.Rational(out.counterexample["derived"]) == slope


def test_family_reports_the_failing_instance():
    out = family([("case 1", x, x), ("case 2", x, 2 * x)], settings=S, domain=positive_domain)
    assert out.status == "discrepancy" and out.detail.startswith("For case 2:")


def test_sign_proved_from_substitutions_and_refuted_by_a_point():
    d = sp.Symbol("d", positive=True)
    assert sign(x - y, "positive", settings=S, substitutions={x: y + d}).status == "verified"
    out = sign(x - y, "positive", settings=S, domain=positive_domain)
    assert out.status == "discrepancy" and sp.Rational(out.counterexample["value"]) <= 0


def test_number_rounds_at_the_printed_digits():
    # Phi_* = 1.03/1.25 = 0.824 exactly; Gamma = (0.25/0.03)(0.824) = 6.8666...
    assert number("0.82", sp.Rational("1.03") / sp.Rational("1.25"), settings=S).status == "verified"
    assert number("6.87", sp.Rational(25, 3) * sp.Rational("0.824"), settings=S).status == "verified"
    out = number("6.86", sp.Rational(25, 3) * sp.Rational("0.824"), settings=S)
    assert out.status == "discrepancy" and "6.87" in out.detail
    assert number("87", sp.Rational("0.872"), settings=S, scale=100).status == "verified"


def test_number_half_way_is_accepted():
    assert number("0.13", sp.Rational("0.125"), settings=S).status == "verified"


def test_round_figures_read_trailing_zeros_as_not_significant():
    # "30 million" for 30.525 million and "20 million more" for 19.39 million are round figures;
    # "31" would not be.
    assert number("30", sp.Rational("30.525"), settings=S).status == "verified"
    assert number("20", sp.Rational("19.39"), settings=S).status == "verified"
    out = number("31", sp.Rational("30.4"), settings=S)
    assert out.status == "discrepancy" and "rounds to 30" in out.detail
    assert number("100", sp.Rational("149"), settings=S).status == "verified"
    assert number("100", sp.Rational("151"), settings=S).status == "discrepancy"
