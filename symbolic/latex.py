"""LaTeX for formulas and for the text around them.

Formulas come from SymPy's printer; tuples and lists become parenthesised lists. Text (the
papers' quotes, details) is escaped so that anything the PDF extraction produced compiles.
"""
from __future__ import annotations

import unicodedata

import sympy as sp
from sympy.printing.latex import LatexPrinter

from ._exprs import as_expr

__all__ = ["latex_of", "display", "escape_text", "unicode_declarations"]


def latex_of(obj) -> str:
    """LaTeX of a SymPy object, or of a tuple/list of them."""
    if isinstance(obj, tuple):
        return r"\left(" + ", ".join(latex_of(o) for o in obj) + r"\right)"
    if isinstance(obj, list):
        return ", \\quad ".join(latex_of(o) for o in obj)
    return _Printer().doprint(as_expr(obj, "latex_of"))


class _Printer(LatexPrinter):
    """SymPy's LaTeX printer with the bound variables of a Subs printed as xi_1, xi_2, ...:
    SymPy treats Subs(f(N), N, e) and Subs(f(xi), xi, e) as equal, so its cache may hand back
    either, and the LaTeX would otherwise depend on what the process computed before."""

    def _print_Subs(self, subs):
        expr, old, new = subs.args
        names = [sp.Symbol(f"xi_{k}") for k in range(1, len(old) + 1)]
        body = self._print(expr.xreplace(dict(zip(old, names))))
        pairs = r"\\ ".join(f"{self._print(v)}={self._print(e)}" for v, e in zip(names, new))
        return r"\left. %s \right|_{\substack{ %s }}" % (body, pairs)


def display(body: str, tag: str | None = None) -> str:
    """A displayed formula, shrunk to the line width when too wide, tagged with `tag`."""
    tag_part = f"\\tag{{{escape_text(tag)}}}" if tag else ""
    return f"\\begin{{equation*}}\\fitmath{{{body}}}{tag_part}\\end{{equation*}}"


_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
            "#": r"\#", "%": r"\%", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
            "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}"}


def escape_text(text: str) -> str:
    """`text` with LaTeX's special characters escaped (non-ASCII is left to
    `unicode_declarations`)."""
    return "".join(_SPECIAL.get(ch, ch) for ch in text)


_GREEK_CAPITALS = {"Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi",
                   "Psi", "Omega"}
_GREEK_SYMBOLS = {"LUNATE EPSILON SYMBOL": "epsilon", "THETA SYMBOL": "vartheta",
                  "PHI SYMBOL": "phi", "PI SYMBOL": "varpi", "RHO SYMBOL": "varrho",
                  "KAPPA SYMBOL": "varkappa", "FINAL SIGMA": "varsigma"}


def _greek(name: str) -> str | None:
    """LaTeX for a Greek letter from its Unicode name, or None."""
    for key, command in _GREEK_SYMBOLS.items():
        if name.endswith(key):
            return f"\\ensuremath{{\\{command}}}"
    if "LETTER" not in name:
        return None
    word = name.split("LETTER ", 1)[1].split()[0].lower().replace("lamda", "lambda")
    if "CAPITAL" in name:
        word = word.capitalize()
        if word not in _GREEK_CAPITALS:
            return {"Alpha": "A", "Beta": "B", "Epsilon": "E", "Zeta": "Z", "Eta": "H", "Iota": "I",
                    "Kappa": "K", "Mu": "M", "Nu": "N", "Omicron": "O", "Rho": "P", "Tau": "T",
                    "Chi": "X"}.get(word)
        return f"\\ensuremath{{\\{word}}}"
    return "o" if word == "omicron" else f"\\ensuremath{{\\{word}}}"


def _replacement(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if "SUPERSCRIPT" in name and unicodedata.digit(ch, None) is not None:
        return f"\\textsuperscript{{{unicodedata.digit(ch)}}}"
    if "SUBSCRIPT" in name and unicodedata.digit(ch, None) is not None:
        return f"\\textsubscript{{{unicodedata.digit(ch)}}}"
    if "GREEK" in name:
        greek = _greek(name)
        if greek:
            return greek
    simple = {"≥": r"\ensuremath{\geq}", "≤": r"\ensuremath{\leq}", "≠": r"\ensuremath{\neq}",
              "∞": r"\ensuremath{\infty}", "–": "--", "—": "---", "“": "``", "”": "''",
              "’": "'", "‘": "`", "°": r"\ensuremath{^\circ}", "×": r"\ensuremath{\times}",
              "−": "-", "…": r"\ldots{}", "∈": r"\ensuremath{\in}", "→": r"\ensuremath{\to}",
              "∩": r"\ensuremath{\cap}", "∪": r"\ensuremath{\cup}", "∑": r"\ensuremath{\sum}",
              "√": r"\ensuremath{\surd}", "·": r"\ensuremath{\cdot}", "±": r"\ensuremath{\pm}"}
    if ch in simple:
        return simple[ch]
    decomposed = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
    return escape_text(decomposed) if decomposed else f"[U+{ord(ch):04X}]"


def unicode_declarations(text: str) -> str:
    r"""\DeclareUnicodeCharacter lines for every non-ASCII character in `text`."""
    chars = sorted({ch for ch in text if ord(ch) > 127})
    return "\n".join(f"\\DeclareUnicodeCharacter{{{ord(ch):04X}}}{{{_replacement(ch)}}}"
                     for ch in chars)
