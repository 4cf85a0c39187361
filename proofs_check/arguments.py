"""Command-line argument types shared by the `cityproofs` sub-commands."""
from __future__ import annotations

import argparse

__all__ = ["count"]


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
