"""Derive each expression once per process: `derived`, a memo for the derivation functions (issue 13).

A derivation is a pure function of its arguments (SymPy objects, ints, strings), and SymPy
objects are immutable, so a result can be handed out again. Arguments are keyed by value and
type (`typed=True`: 2 and 2.0 are different keys, as are equal objects of different classes);
SymPy compares expressions structurally, symbols with their assumptions. A call with an
unhashable argument is computed every time; containers in a result (dict, list, mutable
matrices) are copied on the way out, so a caller that changes one cannot change the memo.
An exception is not remembered: the next call computes (and raises) again.
"""
from __future__ import annotations

from functools import lru_cache, wraps

import sympy as sp

__all__ = ["derived"]


def _fresh(obj):
    if isinstance(obj, dict):
        return {k: _fresh(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_fresh(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(_fresh(v) for v in obj) if any(isinstance(v, (dict, list, tuple, sp.MatrixBase)) for v in obj) \
            else obj
    if isinstance(obj, sp.MatrixBase) and not isinstance(obj, sp.ImmutableMatrix):
        return obj.copy()
    return obj


def derived(fn):
    """Memoise the derivation `fn` for the life of the process (see the module docstring)."""
    memo = lru_cache(maxsize=None, typed=True)(fn)

    @wraps(fn)
    def once(*args, **kwargs):
        try:
            hash((args, tuple(kwargs.items())))
        except TypeError:  # an unhashable argument (a list, a mutable matrix): computed every time
            return fn(*args, **kwargs)
        return _fresh(memo(*args, **kwargs))

    once.cache_clear = memo.cache_clear
    once.cache_info = memo.cache_info
    return once
