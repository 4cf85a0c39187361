"""The `cityproofs` command line (DESIGN.md section 3)."""
from __future__ import annotations

import argparse
import json
import os
import re
import stat
import sys
from pathlib import Path
from typing import Sequence

from numeric.precision import MAX_DPS, MIN_DPS, InvalidParameter, shown
from . import solve
from .arguments import MAX_DRAWS, MAX_JOBS, MAX_SEED, count, scheduler_address
from .claims import PAPERS, UnknownClaim, get_claim, registered
from .report import FORMATS
from .runner import DEFAULT_DPS, DEFAULT_DRAWS, default_jobs, verify

__all__ = ["main"]


class UsageError(Exception):
    """Bad usage or bad input: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse prints usage over several lines; we want one
        # "argument --dps: --dps='x': must be ..." names the option twice; keep the second.
        m = re.fullmatch(r"argument (--[\w-]+): (\1=.*)", message, re.DOTALL)
        raise UsageError(m.group(2) if m else message)


def _parser() -> _Parser:
    parser = _Parser(prog="cityproofs", description="Check the algebra and claims of urban economics papers.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    papers = [*PAPERS, "all"]

    def run_options(p, paper=True):
        if paper:
            p.add_argument("--paper", choices=papers, default="all")
        p.add_argument("--draws", type=count("draws", 0, MAX_DRAWS), default=DEFAULT_DRAWS,
                       help=f"random parameter draws per numeric claim (default {DEFAULT_DRAWS})")
        p.add_argument("--dps", type=count("dps", MIN_DPS, MAX_DPS), default=DEFAULT_DPS,
                       help=f"working precision in significant digits (default {DEFAULT_DPS})")
        p.add_argument("--seed", type=count("seed", 0, MAX_SEED), default=0)
        p.add_argument("--jobs", type=count("jobs", 1, MAX_JOBS), default=min(default_jobs(), MAX_JOBS),
                       help="worker processes (default: the machine's cores)")
        p.add_argument("--no-cache", dest="cache", action="store_false",
                       help="neither read nor write the verdict cache ($CITYPROOFS_CACHE, else "
                            "$XDG_CACHE_HOME/cityproofs or ~/.cache/cityproofs; safe to delete)")

    v = sub.add_parser("verify", help="check every claim and report, claim by claim")
    run_options(v)
    v.add_argument("--format", choices=FORMATS, default="text")
    v.add_argument("--out", help="write the report to this file instead of stdout")
    v.add_argument("--strict", action="store_true", help="exit 1 if any claim is a discrepancy")
    v.add_argument("--scheduler", metavar="ADDRESS", type=scheduler_address,
                   help="run the claims on the Dask cluster at tcp://HOST:PORT (the dask extra; the same report)")

    s = sub.add_parser("show", help="one claim: quote, printed, derived, verdict, evidence")
    s.add_argument("claim_id", metavar="CLAIM_ID")
    run_options(s, paper=False)
    s.add_argument("--format", choices=("text", "json"), default="text")

    t = sub.add_parser("latex", help="a standalone LaTeX write-up that compiles with pdflatex")
    run_options(t)
    t.add_argument("--out", help="write to this file instead of stdout")
    t.add_argument("--findings-only", action="store_true", help="only the summary and the findings, by severity")
    t.add_argument("--figures", metavar="DIR", help="include the figures in DIR (from `cityproofs figures --out DIR`)")

    ls = sub.add_parser("list", help="the registered claims, one line each")
    ls.add_argument("--paper", choices=papers, default="all")

    solve.register(sub)

    tb = sub.add_parser("table", help="a paper's table, printed beside recomputed (e.g. abrs2017:Table4)")
    tb.add_argument("table_id", metavar="TABLE_ID")
    tb.add_argument("--format", choices=("text", "json", "md", "tex"), default="text")

    fg = sub.add_parser("figures", help="the papers' figures redrawn from the solvers (needs the figures extra)")
    fg.add_argument("--paper", choices=papers, default="all")
    fg.add_argument("--out", required=True, help="directory for the PDF and PNG files, captions and figures.json")
    fg.add_argument("--dpi", type=count("dpi", 30, 600), default=150, help="PNG resolution (default 150)")
    fg.add_argument("--report", metavar="FILE", help="draw the error findings' counterexamples from this report "
                    "(cityproofs verify --format json) instead of running those claims")
    return parser


def _writable(path: str | None) -> Path | None:
    """Check the output path before the run, so that a bad path fails at once, not after it.

    The file must be creatable or appendable without changing an existing one, and writing
    must be possible: a device such as /dev/full takes a test byte, and a regular file's
    file system must have room.
    """
    if path is None:
        return None
    if not path or "\0" in path:
        raise UsageError(f"--out {shown(path)}: not a valid file name")
    target = Path(path)
    try:
        if target.is_dir():
            raise UsageError(f"--out {shown(path)}: is a directory; give a file name")
        existed = target.exists()
        # O_NONBLOCK: opening a pipe with no reader must fail at once, not hang.
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK, 0o666)
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISCHR(mode) and not os.isatty(fd):
                os.write(fd, b"\n")  # /dev/null takes it; /dev/full refuses it, as it would the report
            elif stat.S_ISREG(mode):
                room = os.fstatvfs(fd)
                if room.f_bavail * room.f_frsize < 1024 * 1024:
                    raise UsageError(f"--out {shown(path)}: no space left on its file system")
        finally:
            os.close(fd)
        if not existed and target.is_file() and target.stat().st_size == 0:
            target.unlink()  # leave no empty file behind if the run fails later
    except OSError as error:
        raise UsageError(f"--out {shown(path)}: cannot write there ({error.strerror or error})") from None
    return target


def _figures_dir(path: str | None) -> Path | None:
    """`latex --figures DIR`: an existing, readable directory (checked before the run)."""
    if path is None:
        return None
    target = Path(path)
    if not path or "\0" in path or not target.is_dir():
        raise UsageError(f"--figures {shown(path)}: not a directory (make one with cityproofs figures --out DIR)")
    try:
        next(iter(target.iterdir()), None)
    except OSError as error:
        raise UsageError(f"--figures {shown(path)}: cannot read it ({error.strerror or error})") from None
    return target


def _emit(text: str, target: Path | None) -> None:
    try:
        if target is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target}", file=sys.stderr)
    except OSError as error:
        where = "stdout" if target is None else f"--out {shown(str(target))}"
        raise UsageError(f"{where}: cannot write the report ({error.strerror or error})") from None


def _progress(k: int, total: int, result) -> None:
    if sys.stderr.isatty():
        print(f"\r[{k}/{total}] {result.id:<48} {result.status:<12}", end="" if k < total else "\n",
              file=sys.stderr, flush=True)


def _show(args) -> str:
    claim = get_claim(args.claim_id)
    report = verify(draws=args.draws, dps=args.dps, seed=args.seed, claim_ids=[claim.id], cache=args.cache)
    (c,) = report.claims
    if args.format == "json":
        return json.dumps(c.to_dict(), indent=2) + "\n"
    lines = [f"{c.id}  ({c.kind}, {c.method})", "", "quote:", f"  {c.quote}", ""]
    lines += ["printed:", f"  {c.printed_latex or '(not a formula)'}", ""]
    lines += ["derived:", f"  {c.derived_latex or '(not a formula)'}", ""]
    lines += [f"verdict: {c.status}", f"  {c.detail}"]
    if c.status == "discrepancy":
        from .severity import CLASSIFICATION
        why = CLASSIFICATION[c.id].reason if c.id in CLASSIFICATION else "not yet classified (proofs_check/severity.py)"
        lines += ["", f"severity: {c.severity or 'unclassified'}", f"  {why}"]
    if c.counterexample:
        lines += ["", "counterexample:", json.dumps(c.counterexample, indent=2)]
    if c.note:
        lines += ["", f"note: {c.note}"]
    return "\n".join(lines) + "\n"


def _figures(args) -> int:
    """`cityproofs figures`: matplotlib (the figures extra), --out and --report are checked before
    any work; the error findings (from --report, or run now) get their counterexample figures."""
    from .figures import MissingExtra, OutputDirError, ReportFileError, error_findings, write_figures
    from .figures._backend import pyplot
    from .figures.registry import output_dir

    def progress(stem: str) -> None:
        print(f"drawing {stem}", file=sys.stderr, flush=True)
    try:
        pyplot()
        output_dir(args.out)
        findings = error_findings(args.paper, args.report)
        entries = write_figures(args.out, paper=args.paper, dpi=args.dpi, progress=progress, findings=findings)
    except (MissingExtra, OutputDirError, ReportFileError) as error:
        raise UsageError(str(error)) from None
    drawn = sum("claim" in e for e in entries)
    print(f"wrote {len(entries) - drawn} figures, {drawn} counterexample figures and figures.json to {args.out}",
          file=sys.stderr)
    return 0


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
            raise UsageError("a command is required: verify, show, latex, list, solve, table or figures (see cityproofs --help)")
        if args.command == "list":
            for c in registered(args.paper):
                print(f"{c.id:<44} {c.kind:<12} {c.method}")
            return 0
        if args.command == "show":
            _emit(_show(args), None)
            return 0
        if args.command == "figures":
            return _figures(args)
        if args.command == "table":
            from .tables import UnknownTable, render_table, table_view
            try:
                view = table_view(args.table_id)
            except UnknownTable as error:
                raise UsageError(str(error)) from None
            _emit(render_table(view, args.format), None)
            return 0
        if args.command == "solve":
            try:
                text = solve.run(args)
            except ValueError as error:  # bad parameters, unreadable input, no interior optimum
                raise UsageError(str(error).splitlines()[0] if str(error) else type(error).__name__) from None
            _emit(text, None)
            return 0
        target = _writable(args.out)
        figures = _figures_dir(args.figures) if args.command == "latex" else None
        report = verify(paper=args.paper, draws=args.draws, dps=args.dps, seed=args.seed,
                        jobs=args.jobs, progress=_progress, scheduler=getattr(args, "scheduler", None),
                        cache=args.cache)
        if args.command == "latex":
            _emit(report.to_latex(findings_only=args.findings_only, figures=figures), target)
        else:
            _emit(report.render(args.format), target)
        if args.command == "verify" and args.strict and report.summary()["discrepancy"]:
            return 1
        return 0
    except (UsageError, InvalidParameter, UnknownClaim) as error:
        print(f"cityproofs: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cityproofs: interrupted", file=sys.stderr)
        return 130
    except (RecursionError, MemoryError) as error:
        print(f"cityproofs: error: the input is too large to process ({type(error).__name__})", file=sys.stderr)
        return 2
    except Exception as error:  # a defect, not bad input: one line, and the traceback on request
        if os.environ.get("CITYPROOFS_DEBUG"):
            raise
        print(f"cityproofs: internal error: {type(error).__name__}: {shown(str(error))} (please report it; "
              "CITYPROOFS_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 1
