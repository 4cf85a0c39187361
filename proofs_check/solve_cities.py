"""`cityproofs solve cities PARAMS.json`: the abrs2017 city-system solvers from the shell.

    cityproofs solve cities PARAMS.json [--allocation optimum|local-politics|free-migration|all]
                                        [--dps D] [--format text|json]

PARAMS.json holds exact strings (JSON numbers are floats, so they are refused):

    {"epsilon": "0.03", "gamma": "0.25", "tau": "0.34", "rho": "1", "delta": "0.17",
     "cost_scale": "1", "urban_population": "280000000",
     "sites": {"truncated_pareto": {"shape": "30", "log_min": "4.95", "log_max": "5.20",
                                    "measure": "1000"}}}

- "sites": exactly one of {"discrete": ["19550", ...]}, {"rank_size": {"scale", "exponent",
  "count"}}, {"homogeneous": {"value", "measure"}}, {"pareto": {"shape", "minimum" | "log_min",
  "measure"}}, {"truncated_pareto": {"shape", "minimum"/"maximum" | "log_min"/"log_max",
  "measure"}}, {"lognormal": {"log_mean", "log_sd", "measure"}}, {"uniform": {"minimum",
  "maximum", "measure"}} (see numeric.distributions);
- "cost_scale" (default "1"), "k_m" (default "1", free migration's margin ratio (21));
- either "urban_population" (a fixed N) or "rural": {"scale", "land", "alpha", "sigma",
  "total_population", and optionally "rho_R", "tau_R", "T", "T_R"} (the CES sector (6) with
  the textbook exponent; see numeric.cities).

`run` returns the output text. Bad parameters raise InvalidParameter, other bad input (an
unreadable file, a JSON number, an allocation that does not exist) a one-line ValueError; the
CLI turns both into exit status 2. With --allocation all, an allocation that does not exist is
reported in its place ({"error": ...}) as long as another one exists.

`register(solve_subparsers)` adds the `cities` model to the `solve` command's sub-parsers.
"""
from __future__ import annotations

import argparse
import json

import mpmath

from numeric import cities as ncities
from numeric.acceptance import UnconfirmedResult, confirmed_or_raise
from numeric.precision import fmt
from numeric.distributions import site_distribution
from numeric.precision import InvalidParameter
from .arguments import count, read_json_object
from numeric.precision import MAX_DPS, MIN_DPS

__all__ = ["register", "run", "read_params", "ALLOCATIONS", "DEFAULT_DPS"]

ALLOCATIONS = ("optimum", "local-politics", "free-migration")
DEFAULT_DPS = 50
FIELDS = ("epsilon", "gamma", "tau", "rho", "delta", "cost_scale", "urban_population", "rural", "k_m", "sites")
TITLES = {"optimum": "centralized optimum: equal smb = mu_* (10), margin (11)/(13)",
          "local-politics": "local politics: every city at n_p(a) (Proposition 2)",
          "free-migration": "constrained-efficient free migration: equal pab = mu_m (18), margin (21)"}


def register(solve_subparsers) -> argparse.ArgumentParser:
    """Add `cities` to the `solve` command's sub-parsers (an argparse subparsers object)."""
    c = solve_subparsers.add_parser(
        "cities", help="abrs2017 city systems: optimum, local politics, free migration",
        description="Solve the allocations of abrs2017 Section 3 at high precision from a PARAMS.json file.")
    c.add_argument("params", metavar="PARAMS.json", help="parameters as exact strings")
    c.add_argument("--allocation", choices=ALLOCATIONS + ("all",), default="all",
                   help="which allocation (default: all three)")
    c.add_argument("--dps", type=count("dps", MIN_DPS, MAX_DPS), default=DEFAULT_DPS,
                   help=f"working precision in significant digits (default {DEFAULT_DPS})")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.set_defaults(model="cities")
    return c


# --- input ---------------------------------------------------------------------------------

def read_params(path: str):
    """Read and validate a PARAMS.json file: (CityParams, site distribution)."""
    data = read_json_object(path)
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise ValueError(f"{path}: unknown field {json.dumps(unknown[0])}; allowed: {', '.join(FIELDS)}")
    if "sites" not in data:
        raise ValueError(f"{path}: \"sites\" is required (e.g. {{\"discrete\": [\"19550\", \"18000\"]}})")
    for key in ncities.params.PRIMITIVES:
        if key not in data:
            raise ValueError(f"{path}: \"{key}\" is required")
    params = {k: v for k, v in data.items() if k != "sites"}
    p = ncities.as_city_params(params)
    dist = site_distribution(data["sites"])
    return p, dist


# --- output --------------------------------------------------------------------------------

def _bundles(p, dps: int) -> dict:
    with mpmath.workdps(dps + 5):
        return {"Phi": fmt(p.Phi(), dps), "Phi_star": fmt(p.Phi_star(), dps), "Gamma": fmt(p.Gamma(), dps)}


def _solve_all(p, dist, which, dps):
    """Each allocation, confirmed (numeric.acceptance) before it may be printed; with several,
    one that does not exist, was not solved or is not confirmed is reported in its place. All of
    them share one time budget (numeric.cities._kernel.SECONDS_BUDGET)."""
    from numeric.cities._kernel import time_budget
    results, errors = {}, {}
    with time_budget("solve cities"):
        for name in which:
            try:
                results[name] = confirmed_or_raise(ncities.solve_allocation(p, dist, name, dps), name)
            except InvalidParameter:
                raise
            except ValueError as error:
                if len(which) == 1:
                    raise
                if isinstance(error, UnconfirmedResult):
                    errors[name], errors[name, "kind"] = error.reason, "not confirmed"
                elif isinstance(error, ncities.NoConvergence):
                    errors[name], errors[name, "kind"] = str(error).splitlines()[0], "not solved"
                else:
                    errors[name] = str(error).splitlines()[0]
    if not results:
        first = which[0]
        if any((name, "kind") in errors for name in which):
            kind = errors.get((first, "kind"), "does not exist")
            raise ValueError(f"no allocation could be reported for these parameters ({first}: {kind}: {errors[first]})")
        raise ValueError(f"no allocation exists for these parameters ({first}: {errors[first]})")
    return results, errors


def _short(values: list, head: int = 5) -> str:
    if len(values) <= 2 * head:
        return ", ".join(values)
    return ", ".join(values[:head]) + f", ... ({len(values) - 2 * head} more) ..., " + ", ".join(values[-head:])


def _text_block(name: str, d: dict) -> list[str]:
    lines = [f"{name}: {TITLES[name]}"]
    skip = {"allocation", "sizes", "site_productivities", "conditions", "rural"}
    for key, value in d.items():
        if key in skip:
            continue
        lines.append(f"  {key}: {value}")
    if "site_productivities" in d:
        lines.append(f"  sizes (best site first): {_short(d['sizes'])}")
        lines.append(f"  site productivities: {_short(d['site_productivities'])}")
    else:
        lines.append("  sizes n(a) on a grid from the margin:")
        lines += [f"    a = {x['a']}: n = {x['n']}" for x in d["sizes"]]
    if "rural" in d:
        lines.append("  rural: " + ", ".join(f"{k} {v}" for k, v in d["rural"].items()))
    lines.append("  defining conditions (residuals):")
    lines += [f"    {k}: {v}" for k, v in d["conditions"].items()]
    return lines


def run(args) -> str:
    """Execute `solve cities` for parsed `args`; returns the output text (text or one JSON object)."""
    p, dist = read_params(args.params)
    which = ALLOCATIONS if args.allocation == "all" else (args.allocation,)
    results, errors = _solve_all(p, dist, which, args.dps)
    dicts = {name: r.to_dict() for name, r in results.items()}
    residual = max(r.residual for r in results.values())
    digits = min(r.agreed_digits for r in results.values())
    if args.format == "json":
        from . import __version__
        doc = {"tool": "cityproofs", "version": __version__, "command": "solve cities", "paper": "abrs2017",
               "settings": {"allocation": args.allocation, "dps": args.dps},
               "parameters": p.to_dict(), "sites": dist.to_dict(), "bundles": _bundles(p, args.dps)}
        for name in which:
            key = name.replace("-", "_")
            doc[key] = dicts[name] if name in dicts else {"error": errors[name]}
        doc["residual"] = fmt(residual, 5)
        doc["agreed_digits"] = digits
        return json.dumps(doc, indent=2) + "\n"
    b = _bundles(p, args.dps)
    lines = ["abrs2017 city system (Section 3)", f"dps {args.dps}; parameters: " + json.dumps(p.to_dict()),
             "sites: " + _site_line(dist),
             f"Phi = {b['Phi']}, Phi_* = {b['Phi_star']}, Gamma = {b['Gamma']}", ""]
    for name in which:
        if name in dicts:
            lines += _text_block(name, dicts[name])
        else:
            lines.append(f"{name}: {errors.get((name, 'kind'), 'does not exist')}: {errors[name]}")
        lines.append("")
    lines.append(f"largest residual {fmt(residual, 5)}; {digits} digits agree at twice the precision")
    return "\n".join(lines) + "\n"


def _site_line(dist) -> str:
    d = dist.to_dict()
    if "discrete" in d:
        return f"discrete, {len(d['discrete'])} sites: {_short(d['discrete'], 3)}"
    return json.dumps(d)
