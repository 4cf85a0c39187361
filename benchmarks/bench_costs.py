"""Measure the cost table proofs_check/costs.json: seconds and shared-cache group of every claim.

Runs every registered claim once, in paper order, in this (fresh) process at the default
settings, as `cityproofs verify --jobs 1 --no-cache` does, and records per claim its seconds and
whether it read or wrote one of the process caches of a group in `proofs_check.schedule.SHARED_CACHES`
(each cache is replaced, for this run only, by a dict that records access). The runner uses the
table to group those claims and to hand out the costliest units first (issue 13, goal 3).

    python benchmarks/bench_costs.py [--out proofs_check/costs.json] [--check]

--check compares the groups with the stored table instead of writing it (exit 1 when a claim
would change group). Seconds depend on the machine and its load; only their ratios matter.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from proofs_check.claims import Settings, registered  # noqa: E402
from proofs_check.runner import DEFAULT_DPS, DEFAULT_DRAWS, run_claim  # noqa: E402
from proofs_check.schedule import COSTS_FILE, SHARED_CACHES  # noqa: E402

_TOUCHED: set[str] = set()


class _Recording(dict):
    """A dict that notes, in _TOUCHED, that its group's cache was used (read, tested or written)."""

    def __init__(self, group: str, data: dict):
        super().__init__(data)
        self.group = group

    def __contains__(self, key):
        _TOUCHED.add(self.group)
        return super().__contains__(key)

    def __getitem__(self, key):
        _TOUCHED.add(self.group)
        return super().__getitem__(key)

    def __setitem__(self, key, value):
        _TOUCHED.add(self.group)
        super().__setitem__(key, value)

    def get(self, *args):
        _TOUCHED.add(self.group)
        return super().get(*args)

    def setdefault(self, *args):
        _TOUCHED.add(self.group)
        return super().setdefault(*args)


def _record_access() -> None:
    registered()  # import every claim module first
    for group, caches in SHARED_CACHES.items():
        for module, name in caches:
            mod = importlib.import_module(module)
            setattr(mod, name, _Recording(group, getattr(mod, name)))


def measure() -> dict:
    _record_access()
    settings = Settings(draws=DEFAULT_DRAWS, dps=DEFAULT_DPS, seed=0)
    claims = {}
    for claim in registered():
        _TOUCHED.clear()
        start = time.process_time()
        run_claim(claim, settings)
        seconds = time.process_time() - start
        if len(_TOUCHED) > 1:
            raise SystemExit(f"{claim.id} uses the caches of several groups ({sorted(_TOUCHED)}): merge them")
        claims[claim.id] = {"seconds": round(seconds, 3), "group": next(iter(_TOUCHED), None)}
    return claims


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(COSTS_FILE))
    ap.add_argument("--check", action="store_true", help="compare the groups with the stored table, write nothing")
    args = ap.parse_args()
    os.environ["CITYPROOFS_NO_CACHE"] = "1"
    start = time.perf_counter()
    claims = measure()
    total = sum(c["seconds"] for c in claims.values())
    grouped = {g: sum(c["seconds"] for c in claims.values() if c["group"] == g) for g in SHARED_CACHES}
    print(f"{len(claims)} claims, {total:.1f} s CPU in {time.perf_counter() - start:.1f} s wall; "
          + ", ".join(f"group {g}: {sum(c['group'] == g for c in claims.values())} claims, {s:.1f} s"
                      for g, s in grouped.items()))
    if args.check:
        stored = json.loads(Path(args.out).read_text(encoding="utf-8"))["claims"]
        moved = [cid for cid, c in claims.items() if cid not in stored or stored[cid].get("group") != c["group"]]
        print(f"{len(moved)} claims missing from the table or in another group: {', '.join(moved[:10])}")
        raise SystemExit(1 if moved else 0)
    table = {"about": "CPU seconds of each claim in a --jobs 1 run in paper order at the default settings, and "
                      "the shared-cache group it uses (proofs_check.schedule); written by benchmarks/bench_costs.py",
             "total_seconds": round(total, 1), "claims": claims}
    Path(args.out).write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
