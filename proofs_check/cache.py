"""The verdict cache: a claim's result, stored under a key of everything that can change it (issue 13).

A repeat run of unchanged claims reads their results instead of running their checks. The key
of an entry is a SHA-256 of

- the code: every file of the packages `symbolic`, `numeric` and `proofs_check` (path and bytes;
  the papers' quotes are in that code), and the file of the check itself when it lies outside
  them (a claim registered by a user's script or a test);
- the versions of Python, SymPy, mpmath (and its integer backend, gmpy2 or Python's), python-flint
  and numpy;
- the claim id and the run's settings (draws, dps, seed);
- the claim's run context: the claims that ran before it in the same process and share its
  process caches (`proofs_check.runner` runs those together, in paper order).

A change anywhere in the code a claim can reach therefore misses the cache; no finer key is
attempted. An entry is a JSON file, written to a temporary file and moved into place with
os.replace, so a reader sees a whole entry or none. A missing, truncated or corrupt entry, or
one whose key or fields do not match, is a miss, never an error; a cache directory that cannot
be written is not used. Deleting the directory is always safe.

Where: $CITYPROOFS_CACHE, else $XDG_CACHE_HOME/cityproofs, else ~/.cache/cityproofs.
$CITYPROOFS_NO_CACHE (any value but "" or "0") turns the cache off, like `verify --no-cache`.
"""
from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from .claims import Claim, ClaimResult, Settings

__all__ = ["cache_dir", "cache_enabled", "code_fingerprint", "entry_key", "load", "store", "FORMAT"]

#: Bumped when the layout of an entry changes: older entries then miss.
FORMAT = 1
_PACKAGES = ("symbolic", "numeric", "proofs_check")
_FIELDS = tuple(f.name for f in dataclasses.fields(ClaimResult))


def cache_enabled() -> bool:
    """False when $CITYPROOFS_NO_CACHE is set (to anything but "" or "0")."""
    return os.environ.get("CITYPROOFS_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    """$CITYPROOFS_CACHE, else $XDG_CACHE_HOME/cityproofs, else ~/.cache/cityproofs."""
    if os.environ.get("CITYPROOFS_CACHE"):
        return Path(os.environ["CITYPROOFS_CACHE"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "cityproofs"
    return Path.home() / ".cache" / "cityproofs"


def _package_roots() -> list[Path]:
    import importlib
    return [Path(importlib.import_module(name).__file__).resolve().parent for name in _PACKAGES]


def _tree_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo"))


def _versions() -> dict[str, str]:
    import flint
    import mpmath
    import numpy
    import sympy
    try:
        import gmpy2
        gmpy = gmpy2.version()
    except ImportError:
        gmpy = None
    return {"python": sys.version, "sympy": sympy.__version__, "mpmath": mpmath.__version__,
            "mpmath-backend": mpmath.libmp.BACKEND, "gmpy2": gmpy,
            "python-flint": flint.__version__, "numpy": numpy.__version__}


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """SHA-256 of every file of the three packages (relative path and bytes) and the library versions.

    Computed once per process: the code a run imports does not change under it."""
    digest = hashlib.sha256()
    for root in _package_roots():
        for path in _tree_files(root):
            digest.update(f"{root.name}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(json.dumps(_versions(), sort_keys=True).encode())
    return digest.hexdigest()


@lru_cache(maxsize=None)
def _file_digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _check_file_digest(claim: Claim) -> str | None:
    """"" when the claim's check lives in the hashed packages; the digest of its own file
    otherwise; None when that file cannot be found (such a claim is never cached)."""
    try:
        source = inspect.getsourcefile(inspect.unwrap(claim.check))
    except TypeError:
        return None
    if source is None:
        return None
    path = Path(source).resolve()
    if any(root in path.parents for root in _package_roots()):
        return ""
    try:
        return _file_digest(str(path))
    except OSError:
        return None


def entry_key(claim: Claim, settings: Settings, context: tuple[str, ...] = ()) -> str | None:
    """The key of `claim`'s result under `settings`, after the claims `context` in its process;
    None when the claim cannot be keyed safely (its check's source is unknown)."""
    own = _check_file_digest(claim)
    if own is None:
        return None
    spec = {"format": FORMAT, "code": code_fingerprint(), "check_file": own, "claim": claim.id,
            "draws": settings.draws, "dps": settings.dps, "seed": settings.seed, "context": list(context)}
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()


def _path(key: str, root: Path | None = None) -> Path:
    return (root or cache_dir()) / f"v{FORMAT}" / key[:2] / f"{key}.json"


def load(key: str | None, claim_id: str) -> ClaimResult | None:
    """The stored result under `key`, or None for a miss (absent, unreadable, corrupt, mismatched)."""
    if key is None:
        return None
    try:
        with open(_path(key), "rb") as handle:
            entry = json.loads(handle.read().decode("utf-8"))
        fields = entry["result"]
        if entry.get("format") != FORMAT or entry.get("key") != key or not isinstance(fields, dict) \
                or set(fields) != set(_FIELDS) or fields["id"] != claim_id:
            return None
        result = ClaimResult(**fields)
        if not isinstance(result.status, str) or not isinstance(result.seconds, (int, float)):
            return None
        return result
    except Exception:  # noqa: BLE001 - any unreadable entry is a miss, never an error
        return None


def store(key: str | None, result: ClaimResult) -> bool:
    """Write `result` under `key` atomically; False (and nothing written) when the result would
    not read back equal (a value JSON does not keep) or the directory cannot be written."""
    if key is None:
        return False
    fields = dataclasses.asdict(result)
    try:
        text = json.dumps({"format": FORMAT, "key": key, "result": fields}, allow_nan=False)
        if json.loads(text)["result"] != fields:
            return False  # a tuple or a non-string key would come back different
    except (ValueError, TypeError):  # NaN, or a value JSON cannot hold
        return False
    target = _path(key)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, prefix=".tmp-",
                                         suffix=".json", delete=False) as handle:
            tmp = handle.name
            handle.write(text)
        os.replace(tmp, target)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False
