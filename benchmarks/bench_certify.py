"""Benchmark: the Arb interval bisection of proved signs (issue 13, goal 6) in a default verify.

One `verify(jobs=1)` of the chosen paper(s) runs in this process with the time spent inside
`proofs_check.certify.certify` measured and attributed to the claim that asked for it (an
expression bisected once is memoised, so a later claim that proves the same sign costs
nothing). Times are CPU seconds of this process (`time.process_time`; the run is in one
process), so other agents' load on the machine does not inflate them. The baseline is the same
run's verify CPU time less that certification time.

    python benchmarks/bench_certify.py [--paper all|hs2012|abrs2017] [--top N]

Prints, per claim with a certificate: parts, least share certified, evaluations, boxes left and
the certification CPU seconds; then the claims certified, the spread of their shares, the
total added seconds beside the verify's seconds without them, and the ratio.
"""
from __future__ import annotations

import argparse
import statistics
import time

from proofs_check import certify, runner


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paper", default="all", choices=("all", "hs2012", "abrs2017"))
    ap.add_argument("--top", type=int, default=0, help="print only the N claims with the most certification time")
    args = ap.parse_args()

    spent: dict[str, float] = {}
    current = {"id": ""}
    bisect, run_claim = certify.certify, runner.run_claim

    def timed_certify(*a, **k):
        start = time.process_time()
        try:
            return bisect(*a, **k)
        finally:
            spent[current["id"]] = spent.get(current["id"], 0.0) + time.process_time() - start

    def tracked_run_claim(claim, settings):
        current["id"] = claim.id
        return run_claim(claim, settings)

    certify.certify, runner.run_claim = timed_certify, tracked_run_claim
    try:
        start, wall = time.process_time(), time.perf_counter()
        report = runner.verify(paper=args.paper, jobs=1, cache=False)   # every check runs
        total, wall = time.process_time() - start, time.perf_counter() - wall
    finally:
        certify.certify, runner.run_claim = bisect, run_claim

    rows = [(c, c.certified) for c in report.claims if c.certified]
    if args.top:
        rows = sorted(rows, key=lambda r: -spent.get(r[0].id, 0.0))[:args.top]
    width = max([len(c.id) for c, _ in rows] + [5])
    print(f"{'claim'.ljust(width)}  parts  share   evaluations  boxes left  CPU s")
    for c, cert in rows:
        print(f"{c.id.ljust(width)}  {cert['parts']:>5}  {cert['share']:<6}  {cert['evaluations']:>11}  "
              f"{cert['boxes_left']:>10}  {spent.get(c.id, 0.0):7.3f}")
    certified = [c.certified for c in report.claims if c.certified]
    shares = [float(c["share"]) for c in certified]
    parts = [float(p["share"]) for c in certified for p in c["certificates"]]
    added = sum(spent.values())
    print()
    print(f"claims: {len(report.claims)}, with a certificate: {len(certified)} "
          f"({sum(c['parts'] for c in certified)} signs); refuted: {sum(c['refuted'] for c in certified)}")
    if shares:
        print(f"least share per claim: min {min(shares):.4f}, median {statistics.median(shares):.4f}, "
              f"mean {statistics.fmean(shares):.4f}; per sign: min {min(parts):.4f}, "
              f"median {statistics.median(parts):.4f}, mean {statistics.fmean(parts):.4f}")
    baseline = total - added
    print(f"CPU seconds: verify without certification (baseline, same run) {baseline:.2f}; certification "
          f"{added:.2f}; with it {total:.2f}; ratio {total / baseline:.3f} (wall {wall:.1f} s)")


if __name__ == "__main__":
    main()
