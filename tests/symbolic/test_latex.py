"""LaTeX rendering: formulas, escaping of extracted text, Unicode declarations."""
import sympy as sp

from symbolic.latex import display, escape_text, latex_of, unicode_declarations


def test_tuples_render_as_parenthesised_lists():
    a, b = sp.symbols("a b")
    assert latex_of((a, b / 2)) == r"\left(a, \frac{b}{2}\right)"


def test_special_characters_are_escaped():
    assert escape_text(r"$x_1 > 5\%$ & {y}") == r"\$x\_1 \textgreater{} 5\textbackslash{}\%\$ \& \{y\}"


def test_display_carries_the_tag():
    assert display("x = 1", "A.18").endswith(r"\tag{A.18}\end{equation*}")


def test_unicode_letters_get_declarations():
    lines = unicode_declarations("λ θ ϵ ¹ ≥ ☃").splitlines()
    assert r"\DeclareUnicodeCharacter{03BB}{\ensuremath{\lambda}}" in lines
    assert r"\DeclareUnicodeCharacter{03F5}{\ensuremath{\epsilon}}" in lines
    assert r"\DeclareUnicodeCharacter{00B9}{\textsuperscript{1}}" in lines
    assert r"\DeclareUnicodeCharacter{2603}{[U+2603]}" in lines
