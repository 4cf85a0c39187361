"""The restricted expression parser: what it builds, and what it refuses (never evaluating text)."""
import pytest
import sympy as sp

from numeric.expressions import allowed_names, parse_cost, parse_expression, parse_output
from symbolic.clusters import N, alpha, beta, gamma, n, t, theta

n1, n2, n3 = n(3)
R = sp.Rational


@pytest.mark.parametrize("text, expected", [
    ("alpha*theta_1_1*n_1 - beta/2*n_1**2 + gamma*n_1*n_2",
     alpha * theta(1, 1) * n1 - beta / 2 * n1 ** 2 + gamma * n1 * n2),
    ("0.1*n_1 + .5 + 3.", R(1, 10) * n1 + R(7, 2)),
    ("-2**2", -4),                       # unary minus binds looser than **, as in Python
    ("2**3**2", 512),                    # ** groups to the right
    ("2**-1", R(1, 2)),
    ("-(-n_1)**2", -n1 ** 2),
    ("n_1 - n_2 - n_3", n1 - n2 - n3),   # left-associative
    ("n_1/n_2/2", n1 / n2 / 2),
    ("exp(n_1) + log(1 + n_2) + sqrt(n_3)", sp.exp(n1) + sp.log(1 + n2) + sp.sqrt(n3)),
    ("  t * ( n_1 + n_2 )  ", t * (n1 + n2)),
    ("+n_1", n1),
])
def test_valid_text_builds_the_expected_expression(text, expected):
    assert sp.simplify(parse_output(text, 3) - expected) == 0


def test_decimals_are_exact_rationals_and_cost_uses_N():
    e = parse_cost("t*N + 0.01*N**2", 2)
    assert e == t * N + R(1, 100) * N ** 2
    assert all(isinstance(c, sp.Rational) for c in e.atoms(sp.Number))
    assert set(allowed_names(2, ("n",))) >= {"alpha", "beta", "gamma", "t", "n_1", "n_2", "theta_2_1"}


@pytest.mark.parametrize("text, token, position", [
    ("__import__('os')", "'__import__'", 0),
    ("().__class__", "')'", 1),
    ("n_1.real", "'.'", 3),
    ("exec", "'exec'", 0),
    ("lambda: 1", "'lambda'", 0),
    ("eval('1')", "'eval'", 0),
    ("n_1 + os.system", "'os'", 6),
    ("n_1[0]", "'['", 3),
    ("'n_1'", '"\'"', 0),
    ("n_1 n_2", "'n_2'", 4),
    ("n_1^2", "'^'", 3),
    ("log(n_1, 2)", "','", 7),
    ("sin(n_1)", "'sin'", 0),
    ("n_4", "'n_4'", 0),
    ("theta_1_4", "'theta_1_4'", 0),
    ("N", "'N'", 0),                     # N belongs to the cost function, not to g_i
    ("1e5", "'e5'", 1),
    ("exp", "end of text", 3),
    ("(n_1", "end of text", 4),
    ("1/0", "'/'", 1),
    ("n_1 # comment", "'#'", 4),
    ("\\x41", "'\\\\'", 0),
])
def test_hostile_or_malformed_text_is_refused_with_token_and_position(text, token, position):
    with pytest.raises(ValueError) as info:
        parse_output(text, 3, 1)
    message = str(info.value)
    assert message.startswith("g_1: ") and f"{token} at position {position}" in message
    assert "\n" not in message


def test_limits_against_huge_expressions():
    assert parse_output("(10**50)**50 * n_1", 2) == sp.Integer(10) ** 2500 * n(2)[0]  # 2,501 digits: fine
    with pytest.raises(ValueError, match="more than 10000 digits"):
        parse_output("((10**50)**50)**4 * n_1", 2)  # 4 x 2,501 digits
    with pytest.raises(ValueError, match="exceeds 50"):
        parse_output("n_1**51", 2)
    with pytest.raises(ValueError, match="degree 60"):
        parse_output("((n_1 + n_2)**20)**3", 2)  # SymPy folds the powers to (n_1 + n_2)**60
    with pytest.raises(ValueError, match="nesting deeper"):
        parse_output("(" * 40 + "1" + ")" * 40, 2)
    with pytest.raises(ValueError, match="at most 2000"):
        parse_output("1+" * 1200 + "1", 2)
    with pytest.raises(ValueError, match="operations"):
        parse_output("*".join(f"sqrt(n_1+{k})" for k in range(1, 121)), 2)  # about 360 operations
    with pytest.raises(ValueError, match="empty"):
        parse_output("   ", 2)
    with pytest.raises(ValueError, match="expected expression text"):
        parse_expression(3, allowed_names(2))


@pytest.mark.parametrize("text", ["sqrt(-1)*N", "log(-2) + N", "N*sqrt(-alpha)"])
def test_a_cost_with_an_imaginary_constant_is_refused(text):
    # alpha > 0 in the model, so sqrt(-alpha) is imaginary too; no solver may see such a cost.
    with pytest.raises(ValueError, match="not real"):
        parse_cost(text, 2)


def test_non_ascii_digits_are_not_numbers():
    # Python's int() reads Arabic-Indic digits; the parser reads ASCII only.
    with pytest.raises(ValueError, match="at position"):
        parse_output("n_1 * \u0663", 2)


@pytest.mark.parametrize("text", ["exp(exp(n_1))", "n_1**(n_2**n_1)", "exp(sqrt(exp(n_2)))"])
def test_an_exponential_inside_an_exponential_is_refused(text):
    # exp(exp(n_1)) at n_1 = 10^6 has a 434,294-digit exponent: one mpmath evaluation takes minutes.
    with pytest.raises(ValueError, match="exponential inside an exponential"):
        parse_output(text, 2)


def test_single_exponentials_and_symbolic_powers_are_admitted():
    assert parse_output("exp(n_1) * n_2**alpha", 2) == sp.exp(n(2)[0]) * n(2)[1] ** alpha


@pytest.mark.parametrize("text", ["n_1**exp(1000)", "n_1**exp(exp(1000))", "exp(231)*n_1", "n_1**exp(5)"])
def test_constants_beyond_the_input_bounds_are_refused(text):
    # exp(1000) ~ 2e434 as an exponent makes every evaluation of n_1**exp(1000) take minutes.
    with pytest.raises(ValueError, match=r"exceeds 50|outside \[-230, 230\]"):
        parse_output(text, 2)
