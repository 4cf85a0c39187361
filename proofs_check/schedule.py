"""Which claims run together, and in which order: the measured cost table and the plan (issue 13).

Two things decide the plan of a run over several worker processes:

- Shared process caches. The abrs2017 city-system claims share one pool of draws and its solved
  allocations per process (`proofs_check.cities.allocations_numeric`: `_POOL`, `_ALLOC`, `_FLOAT`;
  `propositions_numeric._FULL`; the `_RURAL` caches of `structure_numeric` and `table1_numeric`),
  and a claim's check may depend on what that cache already holds (which screened draws it
  confirms at high precision prefers the draws another claim has solved). Those claims form one
  group, run in paper order in one process from empty caches (`reset_shared_caches`), so that
  each sees the cache state it sees in a `--jobs 1` run in a fresh process, and none of the
  pool's allocations is solved twice.
- Cost. The other claims run in units of one family of check modules each (`FAMILIES`: modules
  whose claims share derivations or solved tables, which each process computes once; any other
  module is a family of its own), longest unit first, each to the next free worker. Costs are
  the seconds measured by `benchmarks/bench_costs.py` at the default settings and stored in
  `proofs_check/costs.json`; a claim missing from the table costs DEFAULT_SECONDS. Families
  change the cost of a run, never its results.

A claim missing from the table is put in the shared group if it is an abrs2017 claim (the
conservative choice: the group's order is the paper's, so its results cannot change), alone
otherwise. The runner warns when a claim outside the group turns out to use the group's caches
(the table is then out of date).
"""
from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .claims import Claim

__all__ = ["COSTS_FILE", "DEFAULT_SECONDS", "SHARED_CACHES", "POOL_GROUP", "FAMILIES", "Unit", "cost_table", "group_of",
           "contexts", "plan", "reset_shared_caches", "shared_cache_sizes"]

COSTS_FILE = Path(__file__).with_name("costs.json")
#: the cost of a claim the table does not list (about the median claim)
DEFAULT_SECONDS = 0.1
POOL_GROUP = "abrs2017-city-pool"
#: group name -> the process caches (module, attribute) its claims share
SHARED_CACHES: dict[str, tuple[tuple[str, str], ...]] = {
    POOL_GROUP: (("proofs_check.cities.allocations_numeric", "_POOL"),
                 ("proofs_check.cities.allocations_numeric", "_ALLOC"),
                 ("proofs_check.cities.allocations_numeric", "_FLOAT"),
                 ("proofs_check.cities.propositions_numeric", "_FULL"),
                 ("proofs_check.cities.structure_numeric", "_RURAL"),
                 ("proofs_check.cities.table1_numeric", "_RURAL")),
}


#: check module -> family. Measured (benchmarks/bench_costs.py, each module alone in a fresh
#: process against its share of a --jobs 1 run): hs2012's symbolic and numeric claims share the
#: (A.1) model's derivations (about 6 s); abrs2017's derivation modules share the model's
#: scales and bundles (about 6 s); Section 5's parameters, calibration and simulation share the
#: calibrated tables (about 10 s).
FAMILIES = {
    "proofs_check.clusters": "hs2012",
    "proofs_check.clusters_numeric.registered": "hs2012",
    "proofs_check.cities.allocations": "abrs2017-derivations",
    "proofs_check.cities.appendix": "abrs2017-derivations",
    "proofs_check.cities.benefits": "abrs2017-derivations",
    "proofs_check.cities.policy": "abrs2017-derivations",
    "proofs_check.cities.parameters": "abrs2017-section5",
    "proofs_check.cities.calibration": "abrs2017-section5",
    "proofs_check.cities.simulation": "abrs2017-section5",
}


@dataclass(frozen=True)
class Unit:
    """Claims run one after another in one process: indices into the run's claim list, in paper order."""

    claims: tuple[int, ...]
    seconds: float
    group: str | None = None


@lru_cache(maxsize=None)
def cost_table() -> dict[str, dict]:
    """{claim id: {"seconds": s, "group": name or None}} from costs.json; {} when it is missing or unreadable."""
    try:
        data = json.loads(COSTS_FILE.read_text(encoding="utf-8"))
        claims = data["claims"]
        return {cid: {"seconds": float(v["seconds"]), "group": v.get("group")} for cid, v in claims.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def group_of(claim: Claim, table: dict | None = None) -> str | None:
    """The shared-cache group of `claim` (None: it shares no process cache that can change a result)."""
    table = cost_table() if table is None else table
    if claim.id in table:
        return table[claim.id]["group"]
    return POOL_GROUP if claim.paper == "abrs2017" else None


def seconds_of(claim: Claim, table: dict | None = None) -> float:
    table = cost_table() if table is None else table
    return table[claim.id]["seconds"] if claim.id in table else DEFAULT_SECONDS


def contexts(claims: list[Claim], table: dict | None = None) -> list[tuple[str, ...]]:
    """For each claim, the ids of the claims before it in `claims` that share its group: the
    history its result may depend on (part of its cache key)."""
    seen: dict[str, list[str]] = {}
    out = []
    for c in claims:
        g = group_of(c, table)
        if g is None:
            out.append(())
        else:
            out.append(tuple(seen.setdefault(g, [])))
            seen[g].append(c.id)
    return out


def plan(claims: list[Claim], table: dict | None = None) -> list[Unit]:
    """The units of a run, longest first: one per shared-cache group, one per family of check
    modules for the rest (FAMILIES)."""
    table = cost_table() if table is None else table
    members: dict[tuple, list[int]] = {}
    for k, c in enumerate(claims):
        g = group_of(c, table)
        module = c.check.__module__
        members.setdefault(("group", g) if g is not None else ("family", FAMILIES.get(module, module)), []).append(k)
    units = [Unit(tuple(ks), sum(seconds_of(claims[k], table) for k in ks), key[1] if key[0] == "group" else None)
             for key, ks in members.items()]
    return sorted(units, key=lambda u: (-u.seconds, u.claims[0]))


def reset_shared_caches(group: str) -> None:
    """Empty the group's caches in this process, so that a run's group starts from the state a
    fresh process has (an earlier run in this process, or the parent a worker was forked from,
    leaves solved allocations behind, and the group's results may depend on them)."""
    for module, name in SHARED_CACHES[group]:
        getattr(importlib.import_module(module), name).clear()


def shared_cache_sizes(group: str) -> tuple[int, ...]:
    """The sizes of the group's caches in this process (a claim outside the group that grows them
    shows that the cost table is out of date)."""
    sizes = []
    for module, name in SHARED_CACHES[group]:
        try:
            sizes.append(len(getattr(importlib.import_module(module), name)))
        except (ImportError, AttributeError, TypeError):
            sizes.append(-1)
    return tuple(sizes)
