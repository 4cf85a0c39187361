"""Command-line argument types and the PARAMS.json reader shared by the `cityproofs` sub-commands."""
from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

from numeric.precision import shorten, shown

__all__ = ["count", "scheduler_address", "read_json_object", "MAX_PARAMS_BYTES", "MAX_PARAMS_DEPTH", "MAX_DRAWS", "MAX_SEED",
           "MAX_JOBS", "MAX_POINTS"]

#: Upper bounds of the command-line counts (the lower bounds are in each option's help).
MAX_DRAWS = 10_000_000
MAX_SEED = 2 ** 63 - 1
MAX_JOBS = 64
MAX_POINTS = 200

#: A PARAMS.json file is at most this many bytes, nested at most this deep (lists in objects
#: in ...); a file of parameters is a few hundred bytes, and a rank-size or discrete site list
#: of 100,000 sites fits.
MAX_PARAMS_BYTES = 4 * 1024 * 1024
MAX_PARAMS_DEPTH = 8
_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def count(name: str, low: int, high: int | None = None):
    """An argparse type: an integer in [low, high], with a one-line message naming --name otherwise.

    Only ASCII digits are read (Python's int() would also take '1_000' and other scripts' digits).
    """
    rule = f"must be an integer >= {low}" if high is None else f"must be an integer from {low} to {high}"

    def parse(text: str) -> int:
        if not _INTEGER.fullmatch(text.strip()) or len(text.strip()) > 30:
            raise argparse.ArgumentTypeError(f"--{name}={shown(text)}: {rule}")
        value = int(text.strip())
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"--{name}={shown(text.strip())}: {rule}")
        return value
    return parse


def scheduler_address(text: str) -> str:
    """An argparse type: a Dask scheduler's address tcp://HOST:PORT (proofs_check.distributed.address),
    with a one-line message naming --scheduler otherwise. Only the form is checked here; whether a
    scheduler answers there is checked when the run starts."""
    from numeric.precision import InvalidParameter
    from .distributed import address
    try:
        return address(text)
    except InvalidParameter as error:
        raise argparse.ArgumentTypeError(f"--scheduler={shown(text)}: {error.constraint}") from None


def _reject_numbers(value, where: str, path: str) -> None:
    if isinstance(value, bool):
        raise ValueError(f"{path}: {where} is the JSON boolean {json.dumps(value)}; give a value as an exact string")
    if isinstance(value, (int, float)):
        text = shorten(json.dumps(value))
        raise ValueError(f"{path}: {where} is the JSON number {text}; write it as a string "
                         f"such as \"{text}\" (JSON numbers are floats, not exact)")
    if value is None:
        raise ValueError(f"{path}: {where} is null; give a value as an exact string")
    if isinstance(value, list):
        for k, v in enumerate(value):
            _reject_numbers(v, f"{where}[{k}]", path)
    if isinstance(value, dict):
        for k, v in value.items():
            _reject_numbers(v, f"{where}.{k}", path)


def read_json_object(path: str) -> dict:
    """The JSON object in the file at `path`, every value an exact string (or a list/object of them).

    JSON numbers are refused because the JSON reader turns them into floats; a file that is not
    a regular file (a device, a pipe), larger than MAX_PARAMS_BYTES, nested deeper than
    MAX_PARAMS_DEPTH, unreadable, not UTF-8, invalid JSON or not an object raises a one-line
    ValueError naming the file.
    """
    path = str(path)
    name = path if len(path) <= 80 and path.isprintable() else shown(path)
    try:
        info = os.stat(path)
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else "not a valid path"
        raise ValueError(f"{name}: cannot read the parameter file ({reason})") from None
    import stat
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"{name}: not a regular file; PARAMS.json must be a file of JSON parameters")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_PARAMS_BYTES + 1)
    except OSError as error:
        raise ValueError(f"{name}: cannot read the parameter file ({error.strerror})") from None
    if len(raw) > MAX_PARAMS_BYTES:
        raise ValueError(f"{name}: larger than {MAX_PARAMS_BYTES} bytes, the limit for a parameter file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{name}: not a UTF-8 text file") from None
    # json.loads recurses once per level of nesting: a file of deeply nested brackets would
    # exhaust the stack, so the depth is bounded before the parser sees it.
    if _bracket_depth(text) > MAX_PARAMS_DEPTH:
        raise ValueError(f"{name}: nested deeper than {MAX_PARAMS_DEPTH} levels, the limit for a parameter file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"{name}: not valid JSON ({error.msg} at line {error.lineno} column {error.colno})") from None
    except RecursionError:  # pragma: no cover - _bracket_depth bounds it first
        raise ValueError(f"{name}: nested too deeply") from None
    except ValueError:  # an integer literal longer than Python converts to int
        raise ValueError(f"{name}: holds a JSON number too long to read; write numbers as exact strings") from None
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a JSON object of parameters, got {_json_kind(data)}")
    for key, value in data.items():
        _reject_numbers(value, json.dumps(key), name)
    return data


def _json_kind(data) -> str:
    return {list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(type(data), "a number")


def _bracket_depth(text: str) -> int:
    """The deepest nesting of [ and { outside JSON strings."""
    depth = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub('""', text)):
        depth += 1 if m.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest
