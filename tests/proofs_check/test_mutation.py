"""Mutation test: a check that cannot fail is a defect.

For every claim whose check is `verified`, the printed side is perturbed - a sign, an exponent, a
coefficient, a digit of a printed number, or the stated direction of a sign - through the hook
`proofs_check.checks.MUTATE`, one primitive call (identity / sign / number) at a time, and the claim
must then report `discrepancy`. A claim that no mutation turns to `discrepancy` survives; survivors
must be fixed or listed in NOT_MUTABLE with the reason. The score (killed mutants / mutants, and the
surviving claims) is printed at the end of the run by tests/conftest.py.

Kinds of printed side: "identity" (a formula: sign, exponent, coefficient), "sign" (the stated
direction, also of a numeric claim's conclusion), "number" (the leading digit, a slipped extra digit,
the last digit), "word" (a
verbal quantity such as 'a third': another of its choices).

The default run takes a sample of the verified claims (SAMPLE_EVERY) and tries, per claim, the
mutations of each printed side in turn until one kills (at most MAX_CALLS_FAST sides); `-m slow` takes
every verified claim and runs every operator on every printed side (capped at MAX_CALLS_SLOW).
"""
from __future__ import annotations

import dataclasses
import re
from typing import Callable, Iterator

import pytest
import sympy as sp

from proofs_check import checks
from proofs_check.claims import Settings, get_claim
from proofs_check.runner import DEFAULT_DPS, DEFAULT_DRAWS

#: Claims that are verified without any printed formula or number reaching identity/sign/number,
#: each with the reason no mutation of a printed side can reach it.
NOT_MUTABLE: dict[str, str] = {
}

#: Verified claims that a mutation of their printed side turns to `unverified` rather than
#: `discrepancy`, by the rule of the check they go through, each with that rule. Printed in the score
#: as survivors; not allowed to hide anything else.
KNOWN_SURVIVORS: dict[str, str] = {
}


def _known(cid: str) -> bool:
    return cid in KNOWN_SURVIVORS


MAX_CALLS_FAST = 3   # printed sides tried per claim in the default run
MAX_CALLS_SLOW = 8   # printed sides per claim in the slow run (every operator on each)

#: The default run's sample: every SAMPLE_EVERY-th verified claim in paper order (about 60 s of CPU
#: for all ~380 verified claims would not fit the default run), plus the claims whose checks once
#: could not fail. The slow run takes every verified claim.
SAMPLE_EVERY = 4
ONCE_WEAK = ("hs2012:III.2", "hs2012:III.3", "hs2012:VI.1", "hs2012:VI.2", "hs2012:VII.2a", "hs2012:Assumption4",
             "abrs2017:27", "abrs2017:Prop5(i)", "abrs2017:SA.2:v-star-def", "abrs2017:SC.1:robustness-values",
             "abrs2017:SC.2:developing-zero", "abrs2017:S4.3:phi-kept-1")


# --- operators on a printed side --------------------------------------------------------------

def _replace_first(e: sp.Basic, wanted, change) -> tuple[sp.Basic, bool]:
    """e with only the first subexpression (in preorder) of type `wanted` changed - one occurrence,
    not every identical copy, so that a mutant is not an equivalent rewriting."""
    if isinstance(e, wanted):
        return change(e), True
    for k, arg in enumerate(e.args):
        new, done = _replace_first(arg, wanted, change)
        if done:
            args = list(e.args)
            args[k] = new
            return e.func(*args), True
    return e, False


def _negate_term(e: sp.Expr) -> sp.Expr:
    """Flip the sign of one term of the first sum, or of the whole expression."""
    out, done = _replace_first(e, sp.Add, lambda add: add - 2 * add.args[0])
    if done:
        return out
    return -e if e != 0 else sp.Integer(1)


def _bump_exponent(e: sp.Expr) -> sp.Expr:
    """Raise the first power's exponent by one (x**2 -> x**3, n**gamma -> n**(gamma + 1))."""
    out, done = _replace_first(e, sp.Pow, lambda p: sp.Pow(p.base, p.exp + 1))
    if done:
        return out
    first = _first_symbol(e)
    return e * first if first is not None else e


def _bump_coefficient(e: sp.Expr) -> sp.Expr:
    """Add one to the first number (2 -> 3, 1/2 -> 3/2), or double an expression without one."""
    out, done = _replace_first(e, sp.Number, lambda c: c + 1)
    return out if done else 2 * e


def _first_symbol(e: sp.Expr):
    symbols = sorted(e.free_symbols, key=str)
    return symbols[0] if symbols else None


FORMULA_OPERATORS: dict[str, Callable[[sp.Expr], sp.Expr]] = {
    "sign": _negate_term, "exponent": _bump_exponent, "coefficient": _bump_coefficient}


def _on_formula(value, operator: Callable[[sp.Expr], sp.Expr]):
    """Apply `operator` to the first component of a formula (tuple, list, Matrix) it changes."""
    if isinstance(value, (tuple, list)):
        for k, part in enumerate(value):
            changed = _on_formula(part, operator)
            if changed is not None:
                out = list(value)
                out[k] = changed
                return type(value)(out) if isinstance(value, tuple) else out
        return None
    if isinstance(value, sp.MatrixBase):
        entries = _on_formula(list(value), operator)
        return None if entries is None else sp.Matrix(value.rows, value.cols, entries)
    expr = sp.sympify(value)
    mutated = operator(expr)
    return None if mutated == expr else mutated


def _extra_digit(text: str) -> str | None:
    """A slipped extra digit: the integer part of a printed number ten times larger (25,000 ->
    250,000; 1.25 -> 10.25); None when the integer part is 0 (0.03)."""
    match = re.search(r"\d[\d,]*", text)
    if not match or int(match.group().replace(",", "")) == 0:
        return None
    plain = int(match.group().replace(",", ""))
    grown = f"{plain * 10:,}" if "," in match.group() else str(plain * 10)
    return text[:match.start()] + grown + text[match.end():]


def _change_digit(text: str, which: str = "last") -> str | None:
    """Change one digit of a printed number: the last (0.03 -> 0.04, 9 -> 0) or the leading
    significant one (30,525,000 -> 40,525,000; 0.03 -> 0.04). A number held to a tolerance wider
    than its last printed unit (a simulated table cell) is caught by the second, not the first."""
    digits = [m.start() for m in re.finditer(r"\d", text)]
    if which == "leading":
        digits = [k for k in digits if text[k] != "0"][:1]
    if not digits:
        return None
    k = digits[-1]
    return text[:k] + str((int(text[k]) + 1) % 10) + text[k + 1:]


def operators(kind: str) -> list[str]:
    """The perturbations tried on a printed side of this kind, in order."""
    return {"identity": list(FORMULA_OPERATORS), "sign": ["direction"],
            "number": ["leading-digit", "extra-digit", "last-digit"], "word": ["word"]}[kind]


def mutate(kind: str, value, operator: str):
    """The printed side `value` perturbed by `operator`; None when it leaves it unchanged."""
    if kind == "number":
        if operator == "extra-digit":
            return _extra_digit(value)
        return _change_digit(value, "leading" if operator == "leading-digit" else "last")
    if kind == "word":                        # (printed word, the choices it is read among)
        word, choices = value
        others = [c for c in choices if c != word]
        return (others[0], choices) if others else None
    if kind == "sign":
        expr = sp.sympify(value)
        return None if expr == 0 else -expr   # the claimed direction reversed
    return _on_formula(value, FORMULA_OPERATORS[operator])


# --- running a claim with one mutant --------------------------------------------------------------

@dataclasses.dataclass
class Mutant:
    claim_id: str
    call: int          # which primitive call of the check (0-based)
    kind: str = ""     # identity / sign / number, as seen at that call
    operator: str = ""
    status: str = ""   # the claim's status with the mutant

    @property
    def killed(self) -> bool:
        return self.status == "discrepancy"

    def describe(self) -> str:
        return f"{self.claim_id} [{self.kind} #{self.call}, {self.operator}] -> {self.status}"


class _Hook:
    """checks.MUTATE for one run: perturbs the `target`-th printed side only, and counts them."""

    def __init__(self, target: int | None = None, operator: Callable[[str], str] | None = None):
        self.target, self.choose, self.calls, self.kinds, self.applied = target, operator, 0, [], None

    def __call__(self, kind: str, value):
        index = self.calls
        self.calls += 1
        self.kinds.append(kind)
        if index != self.target:
            return value
        name = self.choose(kind)
        mutated = mutate(kind, value, name) if name else None
        if mutated is None:
            return value
        self.applied = (kind, name)
        return mutated


MUTANT_SECONDS = 30  # a mutant that takes longer (e.g. simplify stuck on a perturbed formula) survives


class _TimeUp(BaseException):
    """Raised by the alarm; a BaseException, so that run_claim's `except Exception` lets it through."""


def _run(claim_id: str, hook: _Hook) -> str:
    import signal
    from proofs_check.runner import run_claim
    settings = Settings(draws=DEFAULT_DRAWS, dps=DEFAULT_DPS, seed=0)

    def alarm(signum, frame):
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, MUTANT_SECONDS)
    checks.MUTATE = hook
    try:
        return run_claim(get_claim(claim_id), settings).status
    except _TimeUp:
        return f"timeout after {MUTANT_SECONDS} s"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        checks.MUTATE = None


def mutants_of(claim_id: str, *, max_calls: int, every_operator: bool) -> Iterator[Mutant]:
    """Run the claim once per mutant of its first `max_calls` printed sides.

    Fast mode (every_operator False): at each side its operators in turn, and stop at the first
    kill. Slow mode: every operator on every side."""
    for call in range(max_calls):
        for position in range(len(FORMULA_OPERATORS)):
            hook = _Hook(call, lambda kind, p=position: operators(kind)[p] if p < len(operators(kind)) else None)
            status = _run(claim_id, hook)
            if hook.calls <= call:           # the check has fewer printed sides than that
                return
            if hook.applied is None:         # this operator finds nothing to change at this side
                continue
            mutant = Mutant(claim_id, call, *hook.applied, status)
            yield mutant
            if not every_operator and mutant.killed:
                return


def score(claim_ids, *, max_calls: int, every_operator: bool) -> dict:
    """{killed, total, survivors (claim ids no mutant killed), unreached (no printed side), mutants}."""
    mutants, survivors, unreached = [], [], []
    for cid in claim_ids:
        found = list(mutants_of(cid, max_calls=max_calls, every_operator=every_operator))
        mutants += found
        if not found:
            unreached.append(cid)
        elif not any(m.killed for m in found):
            survivors.append(cid)
    return {"killed": sum(m.killed for m in mutants), "total": len(mutants), "survivors": survivors,
            "unreached": unreached, "mutants": mutants}


def _verified(*reports) -> list[str]:
    """Verified claims, whatever their method: a numeric conclusion's stated direction passes through
    checks.printed_side("sign", 1) in proofs_check/numeric_check.py (run and existential), so
    reversing it must turn the claim to discrepancy like any printed formula."""
    return [c.id for r in reports for c in r.claims if c.status == "verified"]


def _record(config, label: str, result: dict) -> None:
    reports = getattr(config, "_cityproofs_mutation", {})
    reports[label] = result
    config._cityproofs_mutation = reports


# --- the operators themselves ----------------------------------------------------------------------

def test_operators_change_what_they_say():
    x, y = sp.symbols("x y", positive=True)
    assert mutate("identity", x ** 2 - 3 * y, "exponent") in (x ** 3 - 3 * y, x ** 2 - 3 * y ** 2)
    assert mutate("identity", (sp.Integer(0), x), "coefficient") == (sp.Integer(1), x)
    assert sp.expand(mutate("identity", x - y, "sign") - (x - y)) != 0
    assert mutate("number", "0.03", "last-digit") == "0.04" and mutate("number", "1.12", "last-digit") == "1.13"
    assert mutate("number", "30,525,000", "leading-digit") == "40,525,000"
    assert mutate("number", "0.0333", "leading-digit") == "0.0433"
    assert mutate("number", "25,000", "extra-digit") == "250,000" and mutate("number", "1.25", "extra-digit") == "10.25"
    assert mutate("number", "0.03", "extra-digit") is None
    assert mutate("sign", x + 1, "direction") == -x - 1
    assert mutate("identity", sp.Integer(0), "sign") == 1


def test_a_planted_weak_check_survives_and_a_real_one_is_killed():
    # The guard itself must be able to fail: an identity decided without a domain or a derivation
    # (a printed side compared with itself) is caught as a survivor, a real one is killed.
    from proofs_check.claims import Outcome
    x = sp.Symbol("x", positive=True)
    settings = Settings(draws=0, dps=30, seed=0)

    def weak(_):
        return Outcome("verified", "decided by a literal")

    def real(_):
        return checks.identity(x ** 2, x * x, settings=settings, domain=lambda rng, s: {v: 3 for v in s})

    for check, expect in ((weak, 0), (real, 1)):
        hook = _Hook(0, lambda kind: operators(kind)[0])
        checks.MUTATE = hook
        try:
            status = check(settings).status
        finally:
            checks.MUTATE = None
        assert (status == "discrepancy") == bool(expect) and hook.calls == expect


# --- the claims ------------------------------------------------------------------------------------------

def test_sampled_verified_claims_fail_under_a_mutation(request, hs2012_report, abrs2017_report):
    verified = _verified(hs2012_report, abrs2017_report)
    sample = [cid for k, cid in enumerate(verified) if k % SAMPLE_EVERY == 0 or cid in ONCE_WEAK]
    result = score(sample, max_calls=MAX_CALLS_FAST, every_operator=False)
    _record(request.config, f"fast ({len(sample)} of {len(verified)} verified claims, each printed side until a mutant is killed)",
            result)
    defects = [cid for cid in result["survivors"] + result["unreached"]
               if cid not in NOT_MUTABLE and not _known(cid)]
    assert defects == [], f"checks that no mutation turns to discrepancy: {defects}"


@pytest.mark.slow
def test_every_mutation_of_every_verified_claim(request, hs2012_report, abrs2017_report):
    verified = _verified(hs2012_report, abrs2017_report)
    result = score(verified, max_calls=MAX_CALLS_SLOW, every_operator=True)
    _record(request.config, f"slow (all {len(verified)} verified claims, every operator)", result)
    defects = [cid for cid in result["survivors"] + result["unreached"]
               if cid not in NOT_MUTABLE and not _known(cid)]
    assert defects == [], f"checks that no mutation turns to discrepancy: {defects}"
