"""Command-line argument types and the PARAMS.json reader shared by the `cityproofs` sub-commands."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

__all__ = ["count", "read_json_object"]


def count(name: str, low: int):
    """An argparse type: an integer >= low, with a one-line message naming --name otherwise."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"--{name}={text!r}: must be an integer >= {low}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"--{name}={value}: must be an integer >= {low}")
        return value
    return parse


def _reject_numbers(value, where: str, path: str) -> None:
    if isinstance(value, bool) or isinstance(value, (int, float)):
        raise ValueError(f"{path}: {where} is the JSON number {json.dumps(value)}; write it as a string "
                         f"such as \"{value}\" (JSON numbers are floats, not exact)")
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

    JSON numbers are refused because the JSON reader turns them into floats; an unreadable file,
    invalid JSON or a non-object raises a one-line ValueError naming the file.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ValueError(f"{path}: cannot read the parameter file ({error.strerror})") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not a UTF-8 text file") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not valid JSON ({error.msg} at line {error.lineno} column {error.colno})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object of parameters, got {type(data).__name__}")
    for key, value in data.items():
        _reject_numbers(value, json.dumps(key), path)
    return data
