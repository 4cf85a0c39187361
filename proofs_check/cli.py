"""The `cityproofs` command line (DESIGN.md section 3)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from numeric.precision import InvalidParameter
from . import solve
from .arguments import count
from .claims import PAPERS, UnknownClaim, get_claim, registered
from .report import FORMATS
from .runner import DEFAULT_DPS, DEFAULT_DRAWS, verify

__all__ = ["main"]


class UsageError(Exception):
    """Bad usage or bad input: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse prints usage over several lines; we want one
        raise UsageError(message)


def _parser() -> _Parser:
    parser = _Parser(prog="cityproofs", description="Check the algebra and claims of urban economics papers.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    papers = [*PAPERS, "all"]

    def run_options(p, paper=True):
        if paper:
            p.add_argument("--paper", choices=papers, default="all")
        p.add_argument("--draws", type=count("draws", 0), default=DEFAULT_DRAWS,
                       help=f"random parameter draws per numeric claim (default {DEFAULT_DRAWS})")
        p.add_argument("--dps", type=count("dps", 15), default=DEFAULT_DPS,
                       help=f"working precision in significant digits (default {DEFAULT_DPS})")
        p.add_argument("--seed", type=count("seed", 0), default=0)
        p.add_argument("--jobs", type=count("jobs", 1), default=1, help="worker processes")

    v = sub.add_parser("verify", help="check every claim and report, claim by claim")
    run_options(v)
    v.add_argument("--format", choices=FORMATS, default="text")
    v.add_argument("--out", help="write the report to this file instead of stdout")
    v.add_argument("--strict", action="store_true", help="exit 1 if any claim is a discrepancy")

    s = sub.add_parser("show", help="one claim: quote, printed, derived, verdict, evidence")
    s.add_argument("claim_id", metavar="CLAIM_ID")
    run_options(s, paper=False)
    s.add_argument("--format", choices=("text", "json"), default="text")

    t = sub.add_parser("latex", help="a standalone LaTeX write-up that compiles with pdflatex")
    run_options(t)
    t.add_argument("--out", help="write to this file instead of stdout")

    ls = sub.add_parser("list", help="the registered claims, one line each")
    ls.add_argument("--paper", choices=papers, default="all")

    solve.register(sub)
    return parser


def _writable(path: str | None) -> Path | None:
    """Check the output path before the run, so a bad path fails fast."""
    if path is None:
        return None
    target = Path(path)
    try:
        with open(target, "a", encoding="utf-8"):
            pass
    except OSError as error:
        raise UsageError(f"--out {path}: cannot write there ({error.strerror})") from None
    return target


def _emit(text: str, target: Path | None) -> None:
    if target is None:
        sys.stdout.write(text)
    else:
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)


def _progress(k: int, total: int, result) -> None:
    if sys.stderr.isatty():
        print(f"\r[{k}/{total}] {result.id:<48} {result.status:<12}", end="" if k < total else "\n",
              file=sys.stderr, flush=True)


def _show(args) -> str:
    claim = get_claim(args.claim_id)
    report = verify(draws=args.draws, dps=args.dps, seed=args.seed, claim_ids=[claim.id])
    (c,) = report.claims
    if args.format == "json":
        return json.dumps(c.to_dict(), indent=2) + "\n"
    lines = [f"{c.id}  ({c.kind}, {c.method})", "", "quote:", f"  {c.quote}", ""]
    lines += ["printed:", f"  {c.printed_latex or '(not a formula)'}", ""]
    lines += ["derived:", f"  {c.derived_latex or '(not a formula)'}", ""]
    lines += [f"verdict: {c.status}", f"  {c.detail}"]
    if c.counterexample:
        lines += ["", "counterexample:", json.dumps(c.counterexample, indent=2)]
    if c.note:
        lines += ["", f"note: {c.note}"]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if args.version:
            from . import __version__
            print(f"cityproofs {__version__}")
            return 0
        if args.command is None:
            raise UsageError("a command is required: verify, show, latex, list or solve (see cityproofs --help)")
        if args.command == "list":
            for c in registered(args.paper):
                print(f"{c.id:<44} {c.kind:<12} {c.method}")
            return 0
        if args.command == "show":
            sys.stdout.write(_show(args))
            return 0
        if args.command == "solve":
            try:
                sys.stdout.write(solve.run(args))
            except ValueError as error:  # bad parameters, unreadable input, no interior optimum
                raise UsageError(str(error).splitlines()[0]) from None
            return 0
        target = _writable(args.out)
        report = verify(paper=args.paper, draws=args.draws, dps=args.dps, seed=args.seed,
                        jobs=args.jobs, progress=_progress)
        fmt = "tex" if args.command == "latex" else args.format
        _emit(report.render(fmt), target)
        if args.command == "verify" and args.strict and report.summary()["discrepancy"]:
            return 1
        return 0
    except (UsageError, InvalidParameter, UnknownClaim) as error:
        print(f"cityproofs: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cityproofs: interrupted", file=sys.stderr)
        return 130
