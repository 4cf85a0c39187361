"""Benchmark: `cityproofs verify` on a Dask cluster against the same verify run locally (issue 13, goal 5).

All runs happen in one invocation, each a fresh `cityproofs verify --no-cache` process writing
its JSON report: the baseline is the local run at `--jobs 1`; beside it the local run at
`--jobs 2` and the same run on a LocalCluster of 2 worker processes (1 thread each) on
loopback, twice (first with cold workers, which import and derive everything, then warm). A
second figure is one long sweep of a `numeric_check.run` claim, which the cluster splits into
chunks (CHUNKS_PER_WORKER per worker). Every report is checked to be byte-identical to the
baseline's apart from settings.timing (and settings.jobs, which says how the run was asked to run).

    python benchmarks/bench_distributed.py [--paper hs2012|abrs2017|all] [--draws N]
                                           [--sweep CLAIM_ID] [--sweep-draws N]

Prints wall seconds per run and the ratios baseline/run (above 1: faster than the baseline).
On a shared 2-core machine the cluster's two workers compete with the client and with each
other for the same cores: the figure shows the overhead there; the gain needs more machines.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _verify(args: list[str], out: Path) -> tuple[float, str]:
    """(wall seconds, the JSON report without settings.timing) of one verify in a new process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "proofs_check", "verify", "--no-cache", "--format", "json",
                    "--out", str(out), *args], cwd=ROOT, check=True, capture_output=True, text=True,
                   env={**os.environ, "PYTHONHASHSEED": "0"})
    wall = time.perf_counter() - start
    data = json.loads(out.read_text())
    # settings.jobs says how the local run was asked to run; the rest must not depend on it
    data["settings"] = {k: v for k, v in data["settings"].items() if k not in ("timing", "jobs")}
    return wall, json.dumps(data, indent=2)


def _figure(name: str, runs: list[tuple[str, list[str], bool]], scheduler: str, tmp: Path) -> None:
    print(name)
    base_wall = None
    base_json = None
    for label, args, on_cluster in runs:
        wall, report = _verify([*args, "--scheduler", scheduler] if on_cluster else args, tmp / "report.json")
        if base_wall is None:
            base_wall, base_json = wall, report
            print(f"  {label:<34} {wall:8.1f} s wall  (baseline)")
            continue
        same = "identical" if report == base_json else f"DIFFERENT ({_differing(base_json, report)})"
        print(f"  {label:<34} {wall:8.1f} s wall  baseline/this {base_wall / wall:5.2f}  report {same}")


def _differing(a: str, b: str) -> str:
    """The first claims whose entries differ (a tree edited between the runs differs too)."""
    ours, theirs = json.loads(a)["claims"], json.loads(b)["claims"]
    ids = [x["id"] for x, y in zip(ours, theirs) if x != y]
    return ", ".join(ids[:3]) + (", ..." if len(ids) > 3 else "") if ids else "settings or order"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paper", default="hs2012", choices=("all", "hs2012", "abrs2017"))
    ap.add_argument("--draws", type=int, default=100)
    ap.add_argument("--sweep", default="hs2012:Prop3:weak-stability", help="a numeric_check.run claim")
    ap.add_argument("--sweep-draws", type=int, default=4000)
    args = ap.parse_args()
    try:
        from distributed import LocalCluster
    except ImportError:
        sys.exit("bench_distributed: needs the dask extra (pip install '.[dask]')")
    with tempfile.TemporaryDirectory() as tmp, \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, protocol="tcp", host="127.0.0.1",
                         dashboard_address=None) as cluster:
        where = cluster.scheduler_address
        run = ["--paper", args.paper, "--draws", str(args.draws)]
        _figure(f"verify --paper {args.paper} --draws {args.draws}", [
            ("local --jobs 1", [*run, "--jobs", "1"], False),
            ("local --jobs 2", [*run, "--jobs", "2"], False),
            ("2 Dask workers (cold)", [*run, "--jobs", "1"], True),
            ("2 Dask workers (warm)", [*run, "--jobs", "1"], True),
        ], where, Path(tmp))
        # one claim (the CLI verifies whole papers): through the Python API, in a new process
        print(f"one sweep: {args.sweep} at --draws {args.sweep_draws}")
        code = ("import sys, json, time; from proofs_check import verify; "
                "t = time.perf_counter(); r = verify(claim_ids=[sys.argv[1]], draws=int(sys.argv[2]), jobs=1, "
                "cache=False, scheduler=sys.argv[3] or None); d = r.to_dict(); "
                "d['settings'] = {k: v for k, v in d['settings'].items() if k != 'timing'}; "
                "print(json.dumps({'wall': time.perf_counter() - t, 'report': json.dumps(d, indent=2)}))")
        rows = []
        for label, scheduler in (("local", ""), ("2 Dask workers (chunks)", where)):
            start = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", code, args.sweep, str(args.sweep_draws), scheduler],
                                 cwd=ROOT, check=True, capture_output=True, text=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append((label, time.perf_counter() - start, result["wall"], result["report"]))
        base = rows[0]
        for label, wall, inside, report in rows:
            tail = ("(baseline)" if report is base[3] else
                    f"baseline/this {base[1] / wall:5.2f}  report {'identical' if report == base[3] else 'DIFFERENT'}")
            print(f"  {label:<34} {wall:8.1f} s wall ({inside:6.1f} s in verify)  {tail}")


if __name__ == "__main__":
    main()
