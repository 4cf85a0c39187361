"""Claims verified on a Dask cluster: `cityproofs verify --scheduler tcp://HOST:PORT` (issue 13, goal 5).

The claims are sent by id with the run's Settings, in the units of a local run over several jobs
(proofs_check.schedule: a check module's claims, or the claims sharing the city-system pool's
process caches, one task each, run in paper order as in a local worker process). The workers
import their own copy of the code, which must be this one: a digest of the sources of
`symbolic`, `numeric` and `proofs_check` and the versions of Python and of the libraries a
verdict depends on, checked before the run and again by every task. A claim decided by
`numeric_check.run` with more draws than a chunk splits its sweep into chunks of consecutive
draws, each a task of its own (`numeric_check.chunked`): a chunk starts from the random state at
which the local run reaches its first draw, so the draws are the local ones, and the chunks'
verdicts merge into the local run's. The results come back in paper order and `runner.verify`
builds the Report from them as it does locally, so the JSON report is byte-identical to a local
run's apart from `settings.timing`.

The sweeps of the city-system pool (`cities.allocations_numeric.run_on_pool`) and the existential
sweeps are not split: their budgets (the first CONTINUOUS_CONFIRM screened failures of the whole
pool, cheapest first) are decided over all draws at once, and the pool's allocations are solved
once per process for all its claims.

One computation per worker process at a time: mpmath's and python-flint's working precisions are
process-wide, so two claims in threads of one process would change each other's digits. A lock
serialises the tasks of a worker process (a worker with several threads only queues them), and a
claim waiting for its chunks releases it. Dask is the optional `dask` extra, imported here only
when a scheduler is used.
"""
from __future__ import annotations

import functools
import hashlib
import importlib
import marshal
import math
import re
import sys
import threading
import types
from pathlib import Path
from typing import Callable

from numeric.precision import InvalidParameter
from .claims import ClaimResult, Settings, get_claim

__all__ = ["address", "run_claims", "environment", "SchedulerError", "CONNECT_TIMEOUT", "WORKER_TIMEOUT",
           "MIN_CHUNK_DRAWS", "CHUNKS_PER_WORKER"]

#: Seconds to reach the scheduler, and then for it to have a worker.
CONNECT_TIMEOUT = 5
WORKER_TIMEOUT = 10
#: A sweep is split into about CHUNKS_PER_WORKER chunks per worker, of at least MIN_CHUNK_DRAWS
#: draws (below that a chunk's task costs more than its draws).
MIN_CHUNK_DRAWS = 500
CHUNKS_PER_WORKER = 4
#: Priority of a sweep's chunks over the claims still queued: a claim waiting for its chunks
#: finishes before another starts.
_CHUNK_PRIORITY = 10

_ADDRESS = re.compile(r"(?:tcp://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)"
                      r":(?P<port>[0-9]{1,5})", re.ASCII)
_RULE = "must be tcp://HOST:PORT, the address of a Dask scheduler"

_LOCK = threading.Lock()


class SchedulerError(InvalidParameter):
    """The scheduler cannot be used (unreachable, no workers, other code on the workers, dask not
    installed): bad input, reported in one line naming the address (exit status 2 at the CLI)."""


def address(text) -> str:
    """The scheduler address `text` as tcp://HOST:PORT (HOST:PORT is read as tcp); an
    InvalidParameter naming it otherwise."""
    m = _ADDRESS.fullmatch(text.strip()) if isinstance(text, str) else None
    if m is None or not 1 <= int(m.group("port")) <= 65535:
        raise InvalidParameter("scheduler", text, _RULE)
    return f"tcp://{m.group('host')}:{int(m.group('port'))}"


@functools.lru_cache(maxsize=None)
def environment() -> dict:
    """What a verdict depends on besides the settings: the digest of the three packages' sources
    and the versions of Python, SymPy, mpmath (and its backend), numpy and python-flint."""
    import flint
    import mpmath
    import numpy
    import sympy

    from . import __version__
    digest = hashlib.sha256()
    for package in ("symbolic", "numeric", "proofs_check"):
        root = Path(importlib.import_module(package).__file__).parent
        for path in sorted(root.rglob("*.py")):
            digest.update(path.relative_to(root.parent).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return {"cityproofs": __version__, "code": digest.hexdigest()[:16],
            "python": ".".join(map(str, sys.version_info[:2])), "sympy": sympy.__version__,
            "mpmath": f"{mpmath.__version__} ({mpmath.libmp.BACKEND})", "numpy": numpy.__version__,
            "python-flint": getattr(flint, "__version__", "?")}


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


def _worker_environment() -> dict:
    """`environment()` where this runs (sent to the workers by name, so it is theirs)."""
    return environment()


class _OtherCode(RuntimeError):
    """Raised by a task on a worker whose environment differs from the client's."""


def _checked(expected: dict) -> None:
    mine = environment()
    if mine != expected:
        diff = ", ".join(f"{k} {mine.get(k)} (here: {v})" for k, v in expected.items() if mine.get(k) != v)
        raise _OtherCode(f"a worker runs other code or libraries: {diff} (restart the workers after a change)")


def _unit_task(claim_ids: list[str], settings: Settings, expected: dict, chunk: int,
               group: str | None) -> list[ClaimResult]:
    """Claims run one after another on a worker (by id: the worker's own registry, checked to be the
    client's code). A shared-cache group (proofs_check.schedule) starts from empty caches, as in a
    fresh local process: a worker keeps its caches from one run to the next."""
    from .numeric_check import chunked
    from .runner import run_claim
    from .schedule import reset_shared_caches
    _checked(expected)
    with _LOCK, chunked(chunk, functools.partial(_chunks_on_cluster, expected=expected)):
        if group is not None:
            reset_shared_caches(group)
        return [run_claim(get_claim(cid), settings) for cid in claim_ids]


def _chunk_task(blob: bytes, settings: Settings, chunk: tuple, expected: dict):
    """One chunk of a sweep, on a worker (`numeric_check.sweep`). An exception of the check itself
    is returned, to be raised in the claim's task as the local run raises it."""
    import pickle

    from .numeric_check import sweep
    _checked(expected)
    with _LOCK:
        try:
            return sweep(pickle.loads(blob), settings, *chunk)
        except Exception as error:  # noqa: BLE001 - the check's own failure, for the claim's task
            return _Raised(error)


class _Raised:
    """A chunk's exception, carried back to the claim's task."""

    def __init__(self, error: Exception):
        self.error = error


class _ClusterFailure(BaseException):
    """The cluster failed a sweep's chunks (not the check): a BaseException, so that `run_claim`
    does not turn it into the claim's verdict; the run stops with a SchedulerError."""


def _chunks_on_cluster(spec, settings: Settings, chunks, expected: dict) -> list:
    """The mapper of `numeric_check.chunked` inside a claim's task: the chunks as tasks of their own.

    The claim's spec travels by value (`_dumps`: its functions are closures); one that cannot be
    pickled is swept here, chunk after chunk, with the same outcome. The claim's task leaves the
    worker's thread pool (worker_client) and sends each chunk as soon as the claim's random
    stream reaches it, so that the other workers sweep while it draws; it keeps the lock while it
    draws, and releases it while it waits, so that this worker's own chunks can run. (It takes
    the lock again only once back in the thread pool: a chunk holding the pool's last thread may
    be waiting for the lock.)"""
    from distributed import worker_client

    from .numeric_check import sweep
    try:
        blob = _dumps(spec)
    except Exception:  # noqa: BLE001 - any object that does not pickle: sweep it here instead
        return [sweep(spec, settings, *chunk) for chunk in chunks]
    chunks = iter(chunks)
    futures: list = []
    raised = None  # the claim's own draws failed: raised below, as the local run raises it
    released = False
    try:
        with worker_client() as client:
            try:
                while True:
                    try:
                        chunk = next(chunks)  # draws the claim's stream up to the chunk
                    except StopIteration:
                        break
                    except Exception as error:  # noqa: BLE001 - the check's own failure
                        raised = error
                        break
                    futures.append(client.submit(_chunk_task, blob, settings, chunk, expected, pure=False,
                                                 priority=_CHUNK_PRIORITY))
            finally:
                _LOCK.release()  # before leaving worker_client (see above)
                released = True
            if raised is not None:
                client.cancel(futures)
            else:
                parts = client.gather(futures)
    except _OtherCode:
        raise _ClusterFailure("a worker runs other code or libraries (restart the workers after a change)") from None
    except Exception as error:  # noqa: BLE001 - a lost worker, a cancelled chunk
        raise _ClusterFailure(f"a sweep's chunks failed ({type(error).__name__}: {_first_line(error)})") from None
    finally:
        if released:
            _LOCK.acquire()
    if raised is not None:
        raise raised
    for part in parts:
        if isinstance(part, _Raised):
            raise part.error
    return parts


# --- pickling a claim's spec ---------------------------------------------------------------------
# cloudpickle sends a function nested in a module's function by value, with a copy of the module
# globals it uses: a module's cache (a dict the function fills and reads) would then be a copy the
# module's own functions never see. `_dumps` rebuilds such a function on the worker over the
# module's own globals instead, and leaves everything else to cloudpickle.


class _EmptyCell:
    """Marks a closure cell without a value."""


def _nested_in_module(f) -> bool:
    module = sys.modules.get(getattr(f, "__module__", None) or "")
    return module is not None and f.__globals__ is vars(module) and "<locals>" in f.__qualname__


def _nested_function(module: str, code: bytes, cells: int, name: str, qualname: str):
    f = types.FunctionType(marshal.loads(code), vars(importlib.import_module(module)), name, None,
                           tuple(types.CellType() for _ in range(cells)))
    f.__qualname__ = qualname
    return f


def _fill_function(f, state) -> None:
    cells, defaults, kwdefaults, attributes = state
    for cell, value in zip(f.__closure__ or (), cells):
        if value is not _EmptyCell:
            cell.cell_contents = value
    f.__defaults__, f.__kwdefaults__ = defaults, kwdefaults
    f.__dict__.update(attributes)


def _cell_value(cell):
    try:
        return cell.cell_contents
    except ValueError:
        return _EmptyCell


def _dumps(obj) -> bytes:
    """`obj` pickled by cloudpickle, but with functions nested in a module's functions rebuilt over
    that module's globals (the code object by marshal: the workers run the same Python)."""
    import io
    import pickle

    import cloudpickle

    class _Pickler(cloudpickle.Pickler):
        def reducer_override(self, value):
            if isinstance(value, types.FunctionType) and _nested_in_module(value):
                cells = tuple(_cell_value(c) for c in value.__closure__ or ())
                return (_nested_function, (value.__module__, marshal.dumps(value.__code__), len(cells),
                                           value.__name__, value.__qualname__),
                        (cells, value.__defaults__, value.__kwdefaults__, dict(value.__dict__)), None, None,
                        _fill_function)
            return super().reducer_override(value)

    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return out.getvalue()


def _probe(where: str, timeout: float) -> None:
    """Check that a Dask scheduler answers at `where` before a Client is made: a refused or
    unresolvable address fails at once, and something that is not a scheduler fails cleanly
    (a Client that fails half-way prints a traceback when it is collected)."""
    import asyncio
    import concurrent.futures
    import socket

    host, port = where[len("tcp://"):].rsplit(":", 1)
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except socket.gaierror:
        raise SchedulerError("scheduler", where, f"cannot resolve the host {host}") from None
    except ConnectionRefusedError:
        raise SchedulerError("scheduler", where, "nothing listens there (connection refused)") from None
    except (TimeoutError, socket.timeout):
        raise SchedulerError("scheduler", where, f"no answer within {timeout:g} s") from None
    except OSError as error:
        raise SchedulerError("scheduler", where, f"cannot connect ({error.strerror or error})") from None

    async def identity():
        from distributed.comm import connect
        comm = await connect(where, timeout=timeout)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await asyncio.wait_for(comm.read(), timeout)
        finally:
            comm.abort()
    try:  # in a thread of its own: the caller may be inside an event loop (a notebook)
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            reply = pool.submit(asyncio.run, identity()).result()
    except Exception:  # noqa: BLE001 - whatever answered could not speak Dask's protocol
        reply = None
    if not isinstance(reply, dict) or reply.get("type") != "Scheduler":
        raise SchedulerError("scheduler", where, "what answers there is not a Dask scheduler")


def _client(where: str, timeout: float):
    """A connected dask.distributed Client with at least one worker running this code."""
    try:
        from distributed import Client
    except ImportError:
        raise SchedulerError("scheduler", where, "needs the dask extra (pip install 'cityproofs[dask]')") from None
    _probe(where, timeout)
    try:
        client = Client(where, timeout=timeout, set_as_default=False)
    except Exception as error:  # noqa: BLE001 - the scheduler went away, or refused the client
        raise SchedulerError("scheduler", where, f"cannot connect a client ({type(error).__name__}: "
                             f"{_first_line(error)})") from None
    try:
        try:
            client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        except (OSError, TimeoutError):
            raise SchedulerError("scheduler", where,
                                 f"the scheduler has no workers (waited {WORKER_TIMEOUT} s)") from None
        try:
            found = client.run(_worker_environment)
        except Exception as error:  # noqa: BLE001 - a worker without the project, or without its dependencies
            raise SchedulerError("scheduler", where, f"a worker cannot run cityproofs ({type(error).__name__}: "
                                 f"{_first_line(error)})") from None
        here = environment()
        for worker, theirs in sorted(found.items()):
            if theirs != here:
                diff = ", ".join(f"{k} {theirs.get(k)} (here: {v})" for k, v in here.items() if theirs.get(k) != v)
                raise SchedulerError("scheduler", where, f"worker {worker} runs other code or libraries: {diff} "
                                     "(restart the workers after a change)")
    except BaseException:
        client.close()
        raise
    return client


def _units(claim_ids: list[str]) -> list[tuple[list[str], str | None]]:
    """The tasks of a run: the units of a local run over several jobs (proofs_check.schedule.plan),
    costliest first, each run in paper order in one process. A claim's printed forms can depend
    on what its process derived before it (SymPy's cache): a check module's claims run together
    as they do locally, and the city-system group sees its shared caches as it does locally."""
    from .schedule import plan
    return [([claim_ids[k] for k in unit.claims], unit.group) for unit in plan([get_claim(c) for c in claim_ids])]


def run_claims(scheduler: str, claim_ids: list[str], settings: Settings, *,
               progress: Callable[[int, int, ClaimResult], None] | None = None,
               timeout: float = CONNECT_TIMEOUT) -> list[ClaimResult]:
    """The results of `claim_ids` (distinct ids) under `settings`, run on the Dask cluster at
    `scheduler`, in the order of `claim_ids`; `progress` is called as each one completes."""
    where = address(scheduler)
    client = _client(where, timeout)
    try:
        from distributed import as_completed
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        chunk = max(MIN_CHUNK_DRAWS, math.ceil(settings.draws / (CHUNKS_PER_WORKER * workers)))
        here = environment()
        futures = {client.submit(_unit_task, ids, settings, here, chunk, group, pure=False): ids
                   for ids, group in _units(list(claim_ids))}
        results: dict[str, ClaimResult] = {}
        done = 0
        try:
            for future in as_completed(futures, loop=client.loop):
                for result in future.result():
                    results[result.id] = result
                    done += 1
                    if progress:
                        progress(done, len(claim_ids), result)
        except (_OtherCode, _ClusterFailure) as error:
            raise SchedulerError("scheduler", where, str(error)) from None
        except Exception as error:  # noqa: BLE001 - a lost worker (KilledWorker) or scheduler, a cancelled task
            raise SchedulerError("scheduler", where, f"the cluster could not complete the run "
                                 f"({type(error).__name__}: {_first_line(error)})") from None
        return [results[cid] for cid in claim_ids]
    finally:
        client.close()
