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


def test_a_subs_prints_the_same_whatever_its_bound_variable():
    # SymPy holds Subs(f(N), N, e) == Subs(f(xi), xi, e) and its cache may return either object,
    # so the printed form must not depend on the bound variable's name
    import sympy as sp
    from symbolic.latex import latex_of
    N, n1, n2 = sp.symbols("N n_1 n_2", positive=True)
    c = sp.Function("c")
    by_subs = sp.Derivative(c(N), N).subs(N, n1 + n2)
    by_diff = sp.diff(c(n1 + n2), n1)
    assert latex_of(by_subs) == latex_of(by_diff)
    assert r"\xi_{1}=n_{1} + n_{2}" in latex_of(by_subs)
    assert latex_of(sp.sqrt(N) / (1 + N)) == sp.latex(sp.sqrt(N) / (1 + N))
