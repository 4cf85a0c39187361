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
