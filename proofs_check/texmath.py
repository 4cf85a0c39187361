"""Text with math, for the LaTeX write-up: quotes typeset as the paper's text, details with
their ASCII math (n_i^S, theta^i_k, Phi^(1/(gamma-eps))) as math.

Nothing here may produce LaTeX that fails to compile. Math copied from the papers' extraction
is typeset only when `safe_math` accepts it (balanced braces, known commands with their
arguments, no double scripts, nothing that ends a group or a table cell); otherwise it is
shown as escaped source. Math made from details is built from a whitelist of characters and
Greek names, and then checked by `safe_math` as well.
"""
from __future__ import annotations

import re
import unicodedata

from symbolic.latex import display, escape_text

__all__ = ["safe_math", "text_tex", "quote_tex", "detail_tex", "math_of_ascii", "breakable"]

_GREEK = ("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi "
          "rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma "
          "Upsilon Phi Psi Omega").split()

# commands taking arguments: how many mandatory ones
_ARGS = {"frac": 2, "dfrac": 2, "tfrac": 2, "binom": 2, "overset": 2, "underset": 2, "sqrt": 1, "text": 1,
         "textrm": 1, "textit": 1, "textbf": 1, "mathrm": 1, "mathbb": 1, "mathcal": 1, "mathbf": 1, "mathit": 1,
         "mathsf": 1, "mathtt": 1, "operatorname": 1, "overline": 1, "underline": 1, "bar": 1, "hat": 1,
         "widehat": 1, "tilde": 1, "widetilde": 1, "dot": 1, "ddot": 1, "vec": 1, "underbrace": 1,
         "overbrace": 1, "boldsymbol": 1, "tag": 1}
_PLAIN = set(_GREEK) | set(
    "partial nabla sum prod int lim max min sup inf arg log ln exp det dim cdot cdots ldots dots vdots ddots times "
    "div pm mp le ge leq geq leqslant geqslant neq ne approx sim simeq equiv propto in notin subset subseteq "
    "supset supseteq cup cap setminus emptyset varnothing infty to rightarrow leftarrow Rightarrow Leftarrow "
    "Leftrightarrow iff implies mapsto forall exists neg land lor wedge vee langle rangle lvert rvert lVert rVert "
    "mid quad qquad colon ell circ ast star bullet gtrless lessgtr ll gg prec succ perp parallel displaystyle "
    "textstyle scriptstyle limits nolimits not vert Vert lfloor rfloor lceil rceil prime big Big bigg Bigg bigl "
    "bigr Bigl Bigr left right".split())
_DELIMS = set("()[]|./") | {r"\{", r"\}", r"\langle", r"\rangle", r"\lvert", r"\rvert", r"\|", r"\vert",
                             r"\Vert", r"\lfloor", r"\rfloor", r"\lceil", r"\rceil"}
_SYMBOLS = {r"\{", r"\}", r"\,", r"\;", r"\!", r"\ ", r"\|", r"\:", r"\>"}

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\s+|.", re.DOTALL)


def _tokens(body: str) -> list[str]:
    return [t for t in _TOKEN.findall(body) if not t.isspace()]


def _group_end(toks: list[str], k: int) -> int:
    """Index past the argument starting at toks[k] (a {...} group or one token), or -1."""
    if k >= len(toks) or toks[k] in ("}", "^", "_", "&"):
        return -1
    if toks[k] != "{":
        return k + 1
    depth = 0
    for j in range(k, len(toks)):
        depth += {"{": 1, "}": -1}.get(toks[j], 0)
        if depth == 0:
            return j + 1
    return -1


def safe_math(body: str, *, display_math: bool = False) -> bool:
    """Whether `body`, typeset in math mode, compiles with the write-up's preamble.

    Conservative: a formula it refuses is shown as source, never typeset.
    """
    if not body.strip() or any(ch in body for ch in "$&%#\n") or "\\\\" in body:
        return False
    for ch in body:
        if ord(ch) > 127:
            name = unicodedata.name(ch, "")
            if "GREEK" not in name and ch not in "≥≤≠∞×·±−∈→":
                return False
    toks = _tokens(body)
    depth, lefts = 0, 0
    sup = sub = False  # a script already attached to the current base
    k = 0
    while k < len(toks):
        t = toks[k]
        if t == "{":
            depth += 1
        elif t == "}":
            depth -= 1
            if depth < 0:
                return False
        if t in ("^", "_", "'"):
            if t == "'":  # primes combine with each other and with a later ^, not after one
                if sup:
                    return False
                k += 1
                continue
            if (sup if t == "^" else sub):
                return False
            if _group_end(toks, k + 1) < 0:
                return False
            sup, sub = (True, sub) if t == "^" else (sup, True)
            end = _group_end(toks, k + 1)
            # the script's own contents are checked as a formula of their own
            inner = " ".join(toks[k + 2:end - 1]) if toks[k + 1] == "{" else toks[k + 1]
            if toks[k + 1] == "{" and inner and not safe_math(inner):
                return False
            if toks[k + 1] in _SYMBOLS or (toks[k + 1].startswith("\\") and toks[k + 1][1:] in _ARGS):
                return False
            k = end
            continue
        sup = sub = False
        if t.startswith("\\"):
            if t in _SYMBOLS:
                k += 1
                continue
            name = t[1:]
            if name in ("left", "right"):
                lefts += 1 if name == "left" else -1
                if lefts < 0 or k + 1 >= len(toks) or toks[k + 1] not in _DELIMS:
                    return False
                k += 2
                continue
            if name == "tag" and not display_math:
                return False
            if name in _ARGS:
                j = k + 1
                if name == "sqrt" and j < len(toks) and toks[j] == "[":
                    while j < len(toks) and toks[j] != "]":
                        j += 1
                    j += 1
                for _ in range(_ARGS[name]):
                    end = _group_end(toks, j)
                    if end < 0:
                        return False
                    if name in ("text", "textrm", "textit", "textbf", "operatorname", "mathrm", "mathbb",
                                "mathcal", "mathbf", "mathit", "mathsf", "mathtt", "tag"):
                        arg = toks[j + 1:end - 1] if toks[j] == "{" else toks[j:end]
                        if any(a in ("^", "_", "{", "}") or a.startswith("\\") for a in arg):
                            return False
                    j = end
                k += 1
                continue
            if name not in _PLAIN:
                return False
        k += 1
    return depth == 0 and lefts == 0


_EXTRA_TEXT = {"§": r"\S{}", "†": r"\dag{}", "‡": r"\ddag{}", "\u00a0": "~"}


def text_tex(text: str) -> str:
    """Plain text, escaped (the section marks of the papers' notes as LaTeX's own), on one
    paragraph: a line break becomes a space, so that text may stand in any macro argument."""
    text = re.sub(r"\s*\n\s*", " ", text)
    return "".join(_EXTRA_TEXT.get(ch) or escape_text(ch) for ch in text)


def breakable(text: str, every: int = 12) -> str:
    """Escaped text that may break inside long unspaced runs (exact decimals, claim ids)."""
    out = []
    for word in re.split(r"(\s+)", text):
        if len(word) <= every or word.isspace():
            out.append(text_tex(word))
            continue
        pieces = re.findall(rf"[^:,/]{{1,{every}}}[:,/]?|[:,/]", word)
        out.append(r"\allowbreak{}".join(text_tex(p) for p in pieces))
    return "".join(out)


# --- the papers' quotes -----------------------------------------------------------------------

_TAG = re.compile(r"\\tag\{([^{}]*)\}")


def _inline(body: str) -> str:
    if safe_math(body):
        return f"${body}$"
    return r"{\ttfamily " + text_tex(f"${body}$") + "}"


def _display(body: str) -> str:
    tags = _TAG.findall(body)
    bare = _TAG.sub("", body).strip()
    if len(tags) <= 1 and safe_math(bare):
        return display(bare, tags[0] if tags else None)
    return r"\par{\ttfamily\small " + breakable(f"$${body}$$") + r"}\par "


def quote_tex(quote: str) -> str:
    """The quote as the paper's text: its $...$ and $$...$$ math typeset (where `safe_math`
    accepts it), the rest escaped, with the extraction's bare sub- and superscripts
    (n^{ϵ}, x_b) set as math."""
    out, k = [], 0
    while k < len(quote):
        if quote.startswith("$$", k):
            end = quote.find("$$", k + 2)
            if end > k + 2:
                out.append(_display(quote[k + 2:end]))
                k = end + 2
                continue
        elif quote[k] == "$" and (k == 0 or quote[k - 1] != "\\"):
            end = quote.find("$", k + 1)
            if end > k + 1 and not quote.startswith("$$", end):
                out.append(_inline(quote[k + 1:end]))
                k = end + 1
                continue
        nxt = quote.find("$", k + 1)
        nxt = len(quote) if nxt < 0 else nxt
        out.append(_prose(quote[k:nxt], greek_words=False))
        k = nxt
    return "".join(out)


# --- ASCII math of details ---------------------------------------------------------------------

_GREEK_WORDS = {g: g for g in _GREEK if g not in ("varpi", "varrho", "varsigma", "vartheta", "varphi",
                                                   "varepsilon", "upsilon", "Upsilon", "iota")}
_GREEK_WORDS["eps"] = "epsilon"
_ACCENTED = {"abar": r"\bar{a}", "vbar": r"\bar{v}", "wbar": r"\bar{w}", "Nbar": r"\bar{N}", "ahat": r"\hat{a}",
             "vhat": r"\hat{v}", "nhat": r"\hat{n}"}
_LETTER = r"A-Za-z\u0370-\u03ff"
_PAREN = r"\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)"
_SCRIPT = rf"[_^](?:\{{[^{{}}$]*\}}|{_PAREN}|[A-Za-z0-9*\u0370-\u03ff]+)"
_WORD = re.compile(rf"(?<![{_LETTER}0-9_\\])([{_LETTER}]+)((?:{_SCRIPT})*)(?![{_LETTER}0-9_])")
_OPERATORS = {"<=": r"\leq", ">=": r"\geq", "!=": r"\neq", "->": r"\to"}
_ALLOWED = re.compile(rf"^[A-Za-z0-9*+\-/.,()=<>' {_LETTER[6:]}]*$")


def _base(name: str) -> str | None:
    if name in _ACCENTED:
        return _ACCENTED[name]
    if name in ("sum", "prod"):  # only ever reached with scripts: sum_j, prod_s
        return "\\" + name
    if name in _GREEK_WORDS:
        return "\\" + _GREEK_WORDS[name]
    if len(name) <= 4 or all(unicodedata.category(ch) == "Ll" and ord(ch) > 127 for ch in name):
        return name
    return None


def math_of_ascii(expr: str) -> str | None:
    """LaTeX (math mode) for an ASCII expression such as `k_*^(gamma-eps)` or `1/(gamma-eps)`,
    or None when it holds anything outside the whitelist."""
    if not _ALLOWED.match(expr):
        return None
    out, k = [], 0
    for m in re.finditer(rf"[{_LETTER}]+|<=|>=|!=|->|\boo\b", expr):
        out.append(expr[k:m.start()])
        word = m.group(0)
        if word == "oo":
            out.append(r"\infty ")
        elif word in _OPERATORS:
            out.append(_OPERATORS[word] + " ")
        elif word in _ACCENTED:
            out.append(_ACCENTED[word])
        elif word in _GREEK_WORDS:
            out.append("\\" + _GREEK_WORDS[word] + " ")
        else:
            out.append(word)
        k = m.end()
    out.append(expr[k:])
    return "".join(out)


def _scripts(scripts: str) -> str | None:
    """The scripts of a math word (`_i^S`, `^(1+gamma)`) as LaTeX, or None."""
    out, seen = [], set()
    for m in re.finditer(_SCRIPT, scripts):
        mark, arg = m.group(0)[0], m.group(0)[1:]
        if mark in seen:
            return None  # a double sub- or superscript is not math we can read
        seen.add(mark)
        if arg.startswith("{"):
            inner = arg[1:-1]
        elif arg.startswith("("):
            inner = arg[1:-1]
        else:
            if len(arg) > 3 and not arg.isdigit():
                return None  # `type_optimal`: a name, not a subscript
            inner = arg
        body = math_of_ascii(inner)
        if body is None:
            return None
        out.append(f"{mark}{{{body.strip()}}}")
    return "".join(out)


def _math_word(m: re.Match, greek_words: bool) -> str | None:
    name, scripts = m.group(1), m.group(2)
    if greek_words and scripts.startswith("_lower") and len(name) == 1:  # a_lower: the support's lower end
        rest = _scripts(scripts[len("_lower"):]) if scripts[len("_lower"):] else ""
        return None if rest is None else rf"\underline{{{name}}}" + rest
    if not scripts:
        if greek_words and (name in _GREEK_WORDS or name in _ACCENTED):
            return _base(name)
        return None
    base = _base(name) if greek_words or name not in _GREEK_WORDS else name
    if base is None:
        return None
    tail = _scripts(scripts)
    if tail is None:
        return None
    return base + tail


_SEPARATOR = re.compile(r"^[ =+\-*/()<>]*$")
_PROSE = re.compile(rf"`[^`]*`|{_WORD.pattern}|<=|>=|!=|->|(?<![A-Za-z])oo(?![A-Za-z])|(?<=\s)[<>](?=\s)"
                    r"|(?<![A-Za-z0-9_.])\d+(?:\.\d+)?(?![A-Za-z0-9_])")


def _pieces(text: str, greek_words: bool) -> list[tuple[str, str, str]]:
    """`text` cut into (kind, raw, body): kind "text", "code" (body: its LaTeX), "math" (body:
    math-mode LaTeX) or "number" (math only inside a formula)."""
    pieces, k = [], 0
    for m in _PROSE.finditer(text):
        token = m.group(0)
        if token.startswith("`"):
            piece = ("code", token, r"\texttt{" + breakable(token[1:-1]) + "}")
        elif token in _OPERATORS or token in ("oo", "<", ">"):
            if not greek_words and token not in "<>":
                continue
            piece = ("math", token, _OPERATORS.get(token, r"\infty" if token == "oo" else token))
        elif token[0].isdigit():
            piece = ("number", token, token)
        else:
            body = _math_word(m, greek_words)
            if body is None or not safe_math(body):
                continue
            piece = ("math", token, body)
        if m.start() > k:
            pieces.append(("text", text[k:m.start()], ""))
        pieces.append(piece)
        k = m.end()
    if k < len(text):
        pieces.append(("text", text[k:], ""))
    return pieces


def _prose(text: str, greek_words: bool = True) -> str:
    """Escaped text with its math words (n_i^S, gamma, abar) and operators (<=, ->, oo) as math.

    Math words joined only by spaces, operators, brackets and numbers form one formula
    (`dV_i/dn_i < 0` is one), so that a detail's formulas read as formulas.
    """
    pieces = _pieces(text, greek_words)
    mathy = lambda p: p[0] in ("math", "number")  # noqa: E731
    out, j = [], 0
    while j < len(pieces):
        kind, raw, body = pieces[j]
        if not mathy(pieces[j]):
            out.append(body if kind == "code" else text_tex(raw))
            j += 1
            continue
        last, end = j, j + 1  # the run: math pieces and the separators between them
        while end < len(pieces):
            if mathy(pieces[end]):
                last, end = end, end + 1
            elif (pieces[end][0] == "text" and _SEPARATOR.match(pieces[end][1]) and end + 1 < len(pieces)
                  and mathy(pieces[end + 1])):
                end += 1
            else:
                break
        run = pieces[j:last + 1]
        parts = ((p[2] if mathy(p) else (math_of_ascii(p[1]) or "")).strip() for p in run)
        formula = " ".join(part for part in parts if part)
        if any(p[0] == "math" for p in run) and safe_math(formula):
            out.append(f"${formula}$")
        else:  # numbers alone stay text; so does a run that would not typeset
            out.extend(f"${p[2]}$" if p[0] == "math" else text_tex(p[1]) for p in run)
        j = last + 1
    return "".join(out)


def detail_tex(text: str) -> str:
    """A detail (plain text with ASCII math) as LaTeX: escaped, its math words as math."""
    return _prose(text, greek_words=True)
