"""`cityproofs solve clusters PARAMS.json --what KIND ...`: the numeric solvers from the shell.

    cityproofs solve clusters PARAMS.json --what type-optimal|pareto|contract-curve|cpe|
        symmetric-equilibria|specialized|partition [--type I] [--weights W1,...,WI]
        [--partition 1,2/3,4] [--totals N1,...,NI] [--points K] [--dps D] [--format text|json]

PARAMS.json holds exact strings (JSON numbers are floats, so they are refused):

    {"alpha": "3", "beta": "1", "gamma": "1/2", "t": "1", "theta": [["4", "3/2"], ["2", "5"]]}

with theta[i][s] = theta^i_s (row: industry affected; column: worker type), and optionally
"g": ["<g_1 in n_1..n_I>", ...] and "cost": "<c(N) in N>" (parsed by numeric.expressions).
Types count from 1. `run` returns the output text; bad parameters raise InvalidParameter and
other bad input (unreadable file, missing option, no interior optimum) a one-line ValueError.

`register(subparsers)` adds the `solve` command with its two models (`cities` comes from
proofs_check.solve_cities); `run(args)` executes either.
"""
from __future__ import annotations

import argparse
import json
import re

from numeric import clusters as nc
from numeric.acceptance import confirmed_or_raise, relative_residual, tolerance
from numeric.precision import InvalidParameter, shown
from . import solve_cities
from .arguments import MAX_POINTS, count, read_json_object
from numeric.precision import MAX_DPS, MIN_DPS

__all__ = ["register", "run", "read_params", "WHAT"]

_PARTITION = re.compile(r"[0-9]{1,2}(,[0-9]{1,2})*(/[0-9]{1,2}(,[0-9]{1,2})*)*", re.ASCII)

WHAT = ("type-optimal", "pareto", "contract-curve", "cpe", "symmetric-equilibria", "specialized", "partition")
DEFAULT_DPS = 50


def register(subparsers) -> argparse.ArgumentParser:
    """Add `solve` (with its `clusters` model) to the CLI's sub-command parsers."""
    solve = subparsers.add_parser("solve", help="solve a model at high precision from a PARAMS.json file")
    models = solve.add_subparsers(dest="model", parser_class=type(solve))
    c = models.add_parser("clusters", help="hs2012 clusters: optima, contract curve, equilibria, partitions")
    c.add_argument("params", metavar="PARAMS.json", help="parameters as exact strings")
    c.add_argument("--what", choices=WHAT, required=True, help="what to compute")
    c.add_argument("--type", type=count("type", 1, nc.params.MAX_INDUSTRIES), default=None,
                   help="industry/worker type i, counted from 1 (type-optimal, specialized; default: all)")
    c.add_argument("--weights", help="Pareto weights lambda_1,...,lambda_I summing to 1 (pareto)")
    c.add_argument("--partition", help="groups of types, e.g. 1,2/3,4 (partition)")
    c.add_argument("--totals", help="aggregate workers N_1,...,N_I (cpe, symmetric-equilibria, partition)")
    c.add_argument("--points", type=count("points", 1, MAX_POINTS), default=None,
                   help="contract-curve points for I = 2 (default 9); weight-grid divisions for I > 2 "
                        "(default I + 2)")
    c.add_argument("--dps", type=count("dps", MIN_DPS, MAX_DPS), default=DEFAULT_DPS,
                   help=f"working precision in significant digits (default {DEFAULT_DPS})")
    c.add_argument("--format", choices=("text", "json"), default="text")
    solve_cities.register(models)
    return solve


# --- input ---------------------------------------------------------------------------------

def read_params(path: str) -> nc.ClusterParams:
    """Read and validate a PARAMS.json file (see the module docstring)."""
    data = read_json_object(path)
    try:
        return nc.as_cluster_params(data)
    except InvalidParameter:
        raise
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None


def _list(text: str | None, option: str, what: str) -> list[str] | None:
    if text is None:
        return None
    items = [x.strip() for x in text.split(",")]
    if len(items) > nc.params.MAX_INDUSTRIES or not all(items):
        raise ValueError(f"--{option} {shown(text)}: expected {what} separated by commas, one for each of "
                         f"the I <= {nc.params.MAX_INDUSTRIES} types")
    return items


def _require(value, option: str, what: str, example: str):
    if value is None:
        raise ValueError(f"--{option} is required for --what {what} (e.g. --{option} {example})")
    return value


def _partition(text: str) -> list[list[int]]:
    if not _PARTITION.fullmatch(text.strip()):
        raise ValueError(f"--partition {shown(text)}: expected groups of type numbers like 1,2/3,4")
    return [[int(x) for x in part.split(",")] for part in text.strip().split("/")]


# --- computation ---------------------------------------------------------------------------

def _compute(p: nc.ClusterParams, args) -> tuple[str, str, object, list]:
    """(title, JSON key, JSON value, [results]) for the requested quantity."""
    I, dps, what = p.I, args.dps, args.what
    types = [args.type] if args.type is not None else list(range(1, I + 1))
    if args.type is not None:
        nc.params.check_type(args.type, I)
    equal = ",".join(["1/%d" % I] * I)
    if what == "type-optimal":
        results = [nc.type_optimal_cluster(p, i, dps) for i in types]
        value = results[0].to_dict() if args.type is not None else [r.to_dict() for r in results]
        title = "type-optimal cluster" + ("" if args.type is None else f" for type {args.type}") + " (IV.1)"
        return title, "type_optimal", value, results
    if what == "pareto":
        weights = _list(_require(args.weights, "weights", what, equal), "weights", "weights")
        r = nc.pareto_cluster(p, weights, dps)
        return "Pareto-efficient cluster (IV.4)-(IV.5)", "pareto", r.to_dict(), [r]
    if what == "contract-curve":
        if I == 2:
            r = nc.contract_curve(p, args.points or 9, dps)
            return "contract curve (IV.6)-(IV.7)", "contract_curve", r.to_dict(), [r]
        r = nc.contract_surface(p, args.points or I + 2, dps)
        return "contract surface (IV.5) on a weight grid", "contract_surface", r.to_dict(), [r]
    if what in ("cpe", "symmetric-equilibria", "partition"):
        totals = _list(_require(args.totals, "totals", what, ",".join(["100"] * I)), "totals", "totals")
        if what == "cpe":
            r = nc.cpe_allocation(p, totals, dps)
            return "constrained Pareto-efficient allocation (V.1), (IV.5)", "cpe", r.to_dict(), [r]
        if what == "symmetric-equilibria":
            r = nc.symmetric_equilibria(p, totals, dps)
            return "symmetric Nash equilibria on the ratio vector (V.1)", "symmetric_equilibria", r.to_dict(), [r]
        example = "/".join(",".join(str(k) for k in range(a, min(a + 2, I + 1))) for a in range(1, I + 1, 2))
        groups = _partition(_require(args.partition, "partition", what, example))
        r = nc.partition_utilities(p, groups, totals, dps)
        return "partition allocation (VII.1)-(VII.2)", "partition", r.to_dict(), [r]
    if what == "specialized":
        results = [nc.specialized(p, i, k, dps) for i in types for k in range(1, I + 1) if k != i]
        return "specialized cities (Section VI)", "specialized", [r.to_dict() for r in results], results
    raise ValueError(f"--what {what!r}: must be one of {', '.join(WHAT)}")


def _text(value, indent: int = 0) -> list[str]:
    pad = "  " * indent
    lines = []
    if isinstance(value, dict):
        for key, v in value.items():
            if isinstance(v, (dict, list)) and not _flat(v):
                lines.append(f"{pad}{key}:")
                lines += _text(v, indent + 1)
            else:
                lines.append(f"{pad}{key}: {_scalar(v)}")
    elif isinstance(value, list):
        for k, v in enumerate(value, start=1):
            lines.append(f"{pad}[{k}]")
            lines += _text(v, indent + 1)
    else:
        lines.append(f"{pad}{_scalar(value)}")
    return lines


def _flat(v) -> bool:
    """A list of scalars, or of lists of scalars: printed on one line."""
    return isinstance(v, list) and all(not isinstance(x, dict) and (not isinstance(x, list) or _flat(x))
                                       for x in v)


def _scalar(v) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(_scalar(x) for x in v) + "]"
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)


def run(args) -> str:
    """Execute `solve` for parsed `args`; returns the output text (text or one JSON object)."""
    model = getattr(args, "model", None)
    if model == "cities":
        return solve_cities.run(args)
    if model != "clusters":
        raise ValueError("solve: a model is required: clusters or cities (see cityproofs solve --help)")
    p = read_params(args.params)
    title, key, value, results = _compute(p, args)
    for r in results:  # no number without confirmation (numeric.acceptance)
        confirmed_or_raise(r, title)
    residual = max((r.residual for r in results), default=0)
    relative = max((relative_residual(r) for r in results), default=0)
    digits = min((r.agreed_digits for r in results), default=args.dps)
    from numeric.precision import fmt
    if args.format == "json":
        from . import __version__
        settings = {"what": args.what, "type": args.type, "weights": args.weights,
                    "partition": args.partition, "totals": args.totals, "points": args.points,
                    "dps": args.dps}
        doc = {"tool": "cityproofs", "version": __version__, "command": "solve clusters", "paper": "hs2012",
               "settings": settings, "model": p.spec.name, "parameters": p.to_dict(), key: value,
               "residual": fmt(residual, 5), "relative_residual": fmt(relative, 5),
               "tolerance": fmt(tolerance(args.dps), 3), "agreed_digits": digits}
        return json.dumps(doc, indent=2) + "\n"
    lines = [f"hs2012 {title}", f"model: {p.spec.name}; dps {args.dps}",
             "parameters: " + json.dumps(p.to_dict()), ""]
    lines += _text(value)
    lines += ["", f"largest residual {fmt(residual, 5)} (relative {fmt(relative, 5)}, tolerance "
                  f"{fmt(tolerance(args.dps), 3)}); {digits} digits agree at twice the precision"]
    return "\n".join(lines) + "\n"
