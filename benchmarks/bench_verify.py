"""Benchmark: CPU seconds of the default `cityproofs verify`, this tree against a baseline commit.

Both runs happen in the same invocation, one after the other, each in a fresh Python process
(so each pays its own imports and derivations, as a user's cold run does), with `--jobs 1` so
that CPU seconds and wall seconds measure the same work. The baseline is a git revision of
this repository, unpacked with `git archive` into a temporary folder; the default is the last
commit before the numeric half of the checks (issue 9), whose verify the issue budgets at 1.5x.

    python benchmarks/bench_verify.py [--baseline REV] [--paper all|hs2012|abrs2017] [--repeat R]

Prints, per tree: CPU seconds (user + system of the child), wall seconds, and the summary; then
the ratio this/baseline of CPU seconds.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "1536253"  # main before this work on the numeric half landed


def _run(tree: Path, paper: str) -> tuple[float, float, dict]:
    """(CPU seconds, wall seconds, summary) of one default verify in `tree`, in a new process."""
    code = ("import sys, json; sys.path.insert(0, sys.argv[1]); from proofs_check import verify; "
            "r = verify(paper=sys.argv[2], jobs=1); print(json.dumps(r.summary()))")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, str(tree), paper], cwd=tree, check=True,
                         capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, json.loads(out.stdout.strip().splitlines()[-1])


def _unpack(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev], check=True,
                             capture_output=True).stdout
    tar_path = into / "baseline.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(into / "tree")
    return into / "tree"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", default=BASELINE, help=f"git revision to compare with (default {BASELINE})")
    ap.add_argument("--paper", default="all", choices=("all", "hs2012", "abrs2017"))
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base_tree = _unpack(args.baseline, Path(tmp))
        rows = {}
        for name, tree in (("baseline " + args.baseline, base_tree), ("this tree", ROOT)):
            runs = [_run(tree, args.paper) for _ in range(args.repeat)]
            cpu = min(r[0] for r in runs)
            wall = min(r[1] for r in runs)
            rows[name] = cpu
            print(f"{name:<20} verify --paper {args.paper} --jobs 1: {cpu:7.1f} s CPU, {wall:7.1f} s wall; "
                  f"{runs[-1][2]}")
        base, this = rows.values()
        print(f"ratio this/baseline (CPU): {this / base:.2f}  (issue 9's budget: at most 1.5)")


if __name__ == "__main__":
    main()
