"""Text with math for the write-up: what `safe_math` lets through, and how quotes and details
are set. Expected forms are written by hand; whether they compile is test_latex's business."""
import pytest

from proofs_check.texmath import detail_tex, math_of_ascii, quote_tex, safe_math, text_tex


@pytest.mark.parametrize("body", [
    r"\frac{a}{b}", r"a_{i}^{j}", r"\text{ for } n_{ij}", r"\partial g_i / \partial n_{ij}", r"x^{\hat{a}}",
    r"\sqrt[3]{x}", r"\left( \frac{\epsilon}{\gamma} a \right)^{\frac{1}{\gamma - \epsilon}}", r"n_*^{1}",
    r"\mathbb{I}(l) = 1", r"\underbrace{\epsilon a}_{smb-sab}", r"\left\{ x \right.", "an^{ϵ}", "F''(N) \\leq 0",
    "x'^2",
])
def test_formulas_that_typeset(body):
    assert safe_math(body)


@pytest.mark.parametrize("body, why", [
    (r"x^a^b", "double superscript"), (r"x^a'", "prime after a superscript"), (r"x_a_b", "double subscript"), (r"\frac{a}", "missing argument"),
    (r"\left( x", "unmatched \\left"), (r"x \right)", "unmatched \\right"), (r"\foo{x}", "unknown command"),
    (r"{x", "unbalanced brace"), (r"x}", "unbalanced brace"), (r"x^", "script without argument"),
    (r"a & b", "alignment tab"), (r"a \\ b", "line break"), (r"50%", "comment"), (r"\text{a_b}", "script in text"),
    (r"\tag{1}", "tag outside a display"), (r"x^{\frac{a}}", "bad inside a script"), ("n⁹", "superscript digit"),
    (r"\begin{array}{c}x\end{array}", "environment"), ("", "empty"),
])
def test_formulas_refused(body, why):
    assert not safe_math(body), why


def test_a_tag_is_allowed_in_a_display_only():
    assert safe_math(r"x = 1 \tag{A.1}", display_math=True) and not safe_math(r"x = 1 \tag{A.1}")


def test_ascii_math_of_details():
    # written by hand from the details' conventions: _ and ^ scripts, (..) groups, Greek names
    assert detail_tex("n_i^S") == "$n_{i}^{S}$"
    assert detail_tex("theta^i_i > theta^s_i > 1") == r"$\theta^{i}_{i} > \theta^{s}_{i} > 1$"
    assert detail_tex("Phi^(1/(gamma-eps))") == r"$\Phi^{1/(\gamma -\epsilon )}$"
    assert detail_tex("abar < oo") == r"$\bar{a} < \infty$"
    assert detail_tex("dV_i/dn_i < 0 there") == "$dV_{i} / dn_{i} < 0$ there"
    assert detail_tex("sum_j n_j^(1+gamma)") == r"$\sum_{j} n_{j}^{1+\gamma}$"


def test_words_that_are_not_math_stay_text():
    assert detail_tex("what that share_meeting_hypotheses") == r"what that share\_meeting\_hypotheses"
    assert detail_tex("the solver `type_optimal_cluster`").startswith(r"the solver \texttt{type\_optimal")
    assert detail_tex("14 of the 100 draws") == "14 of the 100 draws"  # numbers alone are text
    assert detail_tex("a_{i}^{j}^{k}") == r"a\_\{i\}\textasciicircum{}\{j\}\textasciicircum{}\{k\}"


def test_special_characters_are_escaped():
    assert text_tex("50% & #1 $x$ § ‡") == r"50\% \& \#1 \$x\$ \S{} \ddag{}"
    assert text_tex("two\n\nparagraphs") == "two paragraphs"
    assert math_of_ascii("a & b") is None and math_of_ascii("1/(gamma-eps)") == r"1/(\gamma -\epsilon )"


def test_quote_math_is_typeset_and_bad_math_is_shown_as_source():
    assert quote_tex(r"written $r(x) = -t(x_b - x)$, where x_b is") == r"written $r(x) = -t(x_b - x)$, where $x_{b}$ is"
    shown = quote_tex(r"see $$X = \frac{a}{b}, \tag{6}$$ and")
    assert r"\begin{equation*}\fitmath{X = \frac{a}{b},}\tag{6}\end{equation*}" in shown
    assert quote_tex(r"bad $\frac{a}$ math") == r"bad {\ttfamily \$\textbackslash{}frac\{a\}\$} math"
    assert quote_tex("a lone $ sign") == r"a lone \$ sign"
