"""Exact conversion of inputs, precision contexts, and agreement between precisions."""
from fractions import Fraction

import mpmath
import pytest
import sympy as sp

from numeric.precision import (InexactInputWarning, InvalidParameter, agreed_digits, confirmed,
                               decimal_string, exact, working_precision)


def test_exact_inputs_are_converted_without_rounding():
    assert exact("0.1") == sp.Rational(1, 10)
    assert exact("3/2") == sp.Rational(3, 2)
    assert exact(Fraction(2, 7)) == sp.Rational(2, 7)
    assert exact(5) == 5
    assert exact(mpmath.mpf(0.5)) == sp.Rational(1, 2)


def test_a_float_warns_and_keeps_its_binary_value():
    with pytest.warns(InexactInputWarning, match="gamma=0.1"):
        value = exact(0.1, "gamma")
    assert value == sp.Rational(3602879701896397, 36028797018963968)


def test_bad_text_names_the_parameter_and_the_rule():
    with pytest.raises(InvalidParameter, match=r"^epsilon='abc': must be a decimal string"):
        exact("abc", "epsilon")


def test_decimal_strings_are_exact():
    assert decimal_string(sp.Rational(1612473559349544297, 142000000000000000)) == "1612473559349544297/142000000000000000"
    assert decimal_string(sp.Rational(-3, 8)) == "-0.375"
    assert decimal_string(sp.Integer(12)) == "12"
    assert decimal_string(sp.sqrt(2), 20) == "1.4142135623730950488"


def test_agreed_digits_and_confirmation():
    with working_precision(30):
        assert agreed_digits(mpmath.mpf("1.2345"), mpmath.mpf("1.2346")) == 4
    low, high, digits = confirmed(lambda: mpmath.sqrt(2), 50)
    assert digits >= 49


def test_working_precision_restores_and_validates():
    before = mpmath.mp.dps
    with working_precision(80):
        assert mpmath.mp.dps == 80
    assert mpmath.mp.dps == before
    with pytest.raises(InvalidParameter, match="dps=3"):
        with working_precision(3):
            pass


# --- the input boundary (issue: every bad input gets one clear line) --------------------------

@pytest.mark.parametrize("text, value", [
    ("1e-3", sp.Rational(1, 1000)), ("-2.5E+2", sp.Integer(-250)), (" 7 ", sp.Integer(7)),
    (".5", sp.Rational(1, 2)), ("5.", sp.Integer(5)), ("-3/4", sp.Rational(-3, 4)),
    ("1e100", sp.Integer(10) ** 100), ("1e-100", sp.Rational(1, 10 ** 100)), ("0e5", sp.Integer(0)),
])
def test_the_grammar_reads_decimals_exponents_and_fractions_exactly(text, value):
    assert exact(text, "x") == value


@pytest.mark.parametrize("text, rule", [
    ("1/0", "q != 0"),
    ("1 2", "decimal string"),          # not 12
    ("1_000", "decimal string"),        # Python's int() would read 1000
    ("\u0661\u0662", "decimal string"),  # Arabic-Indic digits, which int() reads as 12
    ("1/-2", "decimal string"),
    ("1.5/2", "decimal string"),
    ("nan", "decimal string"), ("inf", "decimal string"), ("0x10", "decimal string"),
    ("1e400", r"must lie in \[1e-100, 1e100\]"),
    ("-1e5000", r"must lie in \[1e-100, 1e100\]"),
    ("1e-5000", r"must lie in \[1e-100, 1e100\]"),
    ("1e10000000", "exponent is out of range"),
    ("9" * 5000, "has 5000 digits; at most 200"),
])
def test_bad_numbers_name_the_parameter_the_value_and_the_rule(text, rule):
    with pytest.raises(InvalidParameter, match=rule) as info:
        exact(text, "alpha")
    message = str(info.value)
    assert message.startswith("alpha") and "\n" not in message and len(message) < 200
    assert info.value.name == "alpha"


@pytest.mark.parametrize("value, rule", [
    (float("nan"), "finite"), (float("inf"), "finite"), (mpmath.mpf("nan"), "finite"),
    (mpmath.mpf("inf"), "finite"), (mpmath.mpf("-inf"), "finite"),
    pytest.param(10 ** 5000, "at most 200 digits", id="int-of-5001-digits"), (True, "not a boolean"), (None, "missing"),
    ([1], "not a list"), (mpmath.mpf("1e-200"), r"\[1e-100, 1e100\]"),
])
def test_non_finite_huge_and_foreign_values_are_refused(value, rule):
    with pytest.raises(InvalidParameter, match=rule):
        exact(value, "beta")


def test_errors_shorten_long_values():
    with pytest.raises(InvalidParameter) as info:
        exact("x" * 10_000, "t")
    assert "(10002 characters)" in str(info.value) and len(str(info.value)) < 200


def test_decimal_string_never_evaluates_text():
    # sympify would run this; decimal_string must refuse text outright.
    with pytest.raises(TypeError, match="text"):
        decimal_string("__import__('os').getpid()")


@pytest.mark.parametrize("dps", [14, 201, True, 15.0, "50"])
def test_dps_outside_its_documented_range_is_refused(dps):
    from numeric.precision import check_dps
    with pytest.raises(InvalidParameter, match="from 15 to 200"):
        check_dps(dps)
