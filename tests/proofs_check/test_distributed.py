"""Verification past one machine (proofs_check.distributed, issue 13 goal 5) and the chunked sweeps
it relies on (proofs_check.numeric_check.chunked).

A sweep split into chunks must decide exactly as the local run: a synthetic claim whose counts are
derived by hand from its random stream, then registered claims, each with and without chunks. The
Dask tests run a local cluster on loopback and compare its JSON report with the local one byte
for byte (apart from settings.timing). They skip when dask is not installed, except in CI (CI
set), where they fail: the test extra installs it."""
import json
import os
import random
import socket
import subprocess
import sys
import threading

import mpmath
import pytest
import sympy as sp

from numeric.precision import InvalidParameter
from proofs_check import distributed, numeric_check
from proofs_check.claims import Settings
from proofs_check.cli import main
from proofs_check.numeric_check import CONFIRM_CAP, NEAR_TIE, SAMPLE, Evaluation, NumericClaim, chunked, run
from proofs_check.runner import verify

R = sp.Rational
CLAIM = "test:chunks"
# a worker's HTTP server moves to another port when 8787 is taken (another cluster on the machine)
pytestmark = pytest.mark.filterwarnings(r"ignore:Port \d+ is already in use:UserWarning")


# --- the address -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("tcp://127.0.0.1:8786", "tcp://127.0.0.1:8786"),
    ("127.0.0.1:8786", "tcp://127.0.0.1:8786"),
    (" tcp://scheduler.example.org:1 ", "tcp://scheduler.example.org:1"),
    ("tcp://[::1]:65535", "tcp://[::1]:65535"),
    ("tcp://localhost:08786", "tcp://localhost:8786"),
])
def test_scheduler_address_forms(text, expected):
    assert distributed.address(text) == expected


@pytest.mark.parametrize("text", ["", "foo", "tcp://host", "tcp://host:0", "tcp://host:65536", "tls://host:8786",
                                  "http://host:8786", "tcp://ho st:1", "tcp://-host:1", "tcp://host:1/x", 8786, None])
def test_scheduler_address_rejects(text):
    with pytest.raises(InvalidParameter, match=r"^scheduler=.*must be tcp://HOST:PORT"):
        distributed.address(text)


# --- chunked sweeps: a claim whose outcome is derived by hand --------------------------------

def _x(rng: random.Random) -> sp.Rational:
    return R(rng.randint(1, 40), 20)  # x in (0, 2], in steps of 1/20


def _spec(*, screen: bool, threshold=R(1), planted=lambda x: False) -> NumericClaim:
    """Conclusion x > threshold on draws x != 1/2 (the hypotheses); at x = 3/4 the object the
    conclusion speaks of is absent; where `planted(x)` the evaluation raises; the float screen has
    no value at x = 2 and x = 3/4."""

    def evaluate(p, dps):
        x = p["x"]
        if planted(x):
            raise ZeroDivisionError("planted")
        if x == R(3, 4):
            return Evaluation(None, exists=False)
        with mpmath.workdps(dps):
            return Evaluation(mpmath.mpf(x.p) / x.q - mpmath.mpf(threshold.p) / threshold.q)

    def floats(points):
        return [None if p["x"] in (2, R(3, 4)) else float(p["x"]) - float(threshold) for p in points]

    return NumericClaim(space=lambda rng: {"x": _x(rng)}, hypotheses=lambda p: p["x"] != R(1, 2),
                        evaluate=evaluate, conclusion="x > threshold", hypotheses_text="x != 1/2",
                        screen=floats if screen else None,
                        case=lambda p: "high" if p["x"] >= 1 else "low")


def _stream(draws: int, seed: int, space=_x) -> list:
    rng = random.Random(f"{seed}:{CLAIM}")
    return [space(rng) for _ in range(draws)]


def _recording(chunks_seen: list):
    def mapper(spec, settings, chunks):
        chunks = list(chunks)  # an iterator, drawn as it goes
        chunks_seen.append([(start, count) for start, count, _ in chunks])
        return [numeric_check.sweep(spec, settings, *chunk) for chunk in chunks]
    return mapper


@pytest.mark.parametrize("screen", [True, False])
def test_chunks_decide_a_discrepancy_as_the_hand_count(screen):
    """x > 1 fails on every draw below 1: with a screen CONFIRM_CAP of them are confirmed and the
    rest counted as screened failures; without one, all are confirmed."""
    draws, seed = 60, 3
    s = Settings(draws=draws, dps=30, seed=seed, claim_id=CLAIM)
    xs = _stream(draws, seed)
    meeting = [x for x in xs if x != R(1, 2)]
    absent = sum(x == R(3, 4) for x in meeting)
    failing = [x for x in meeting if x < 1 and x != R(3, 4)]
    assert len(failing) > CONFIRM_CAP + 2 and absent >= 1  # the cap is reached; an absent draw is counted
    whole = run(_spec(screen=screen), s)
    assert whole.status == "discrepancy"
    assert whole.draws == draws and whole.draws_meeting_hypotheses == len(meeting) - absent
    confirmed = CONFIRM_CAP if screen else len(failing)
    assert whole.failures == confirmed
    if screen:  # every failure fails the screen by more than NEAR_TIE (x <= 0.95)
        assert f"A further {len(failing) - CONFIRM_CAP} draws failed the float64 screen" in whole.detail
    else:
        assert "failed the float64 screen" not in whole.detail
    assert sp.Rational(whole.counterexample["parameters"]["x"]) == failing[0]
    low = sum(1 for x in xs if x < 1), sum(1 for x in meeting if x < 1) - absent
    high = sum(1 for x in xs if x >= 1), sum(1 for x in meeting if x >= 1)
    assert f"By case (drawn/met/failed): high {high[0]}/{high[1]}/0; low {low[0]}/{low[1]}/{confirmed}." in whole.detail
    for size in (1, 2, SAMPLE, 7, 16, draws - 1, draws):
        seen: list = []
        with chunked(size, _recording(seen)):
            assert run(_spec(screen=screen), s) == whole, size
        assert seen == ([] if size >= draws else [[(a, min(size, draws - a)) for a in range(0, draws, size)]])


@pytest.mark.parametrize("screen", [True, False])
def test_chunks_decide_an_undecided_claim_as_the_hand_count(screen):
    """x > 0 holds on every draw, but the evaluation raises above 3/2: a judged draw there is
    undecided. With a screen only the draws it leaves open (x = 2, 3/4) and the fixed sample
    (the first SAMPLE draws that pass it) are judged; without one, every draw is."""
    draws, seed = 80, 11
    s = Settings(draws=draws, dps=30, seed=seed, claim_id=CLAIM)
    planted = lambda x: x > R(3, 2)  # noqa: E731
    meeting = [x for x in _stream(draws, seed) if x != R(1, 2)]
    open_ = [x for x in meeting if x in (2, R(3, 4))]
    judged = open_ + [x for x in meeting if x not in (2, R(3, 4))][:SAMPLE] if screen else meeting
    undecided = sum(1 for x in judged if planted(x))
    assert undecided >= 1
    whole = run(_spec(screen=screen, threshold=R(0), planted=planted), s)
    assert whole.status == "unverified" and whole.failures == 0
    meets = len(meeting) - sum(x == R(3, 4) for x in meeting)
    assert (f"{undecided} of the {meets} draws meeting the hypotheses could not be decided "
            "(ZeroDivisionError: planted)") in whole.detail
    for size in (1, 2, 5, 13, draws - 1):
        with chunked(size):
            assert run(_spec(screen=screen, threshold=R(0), planted=planted), s) == whole, size


def test_chunks_put_the_fixed_sample_past_the_first_chunk():
    """Most draws are x = 2, where the screen has no value: the fixed sample (the first SAMPLE
    draws that pass the screen, each confirmed at two precisions) lies past the first chunks, and
    the chunks' other candidates are left out, as the local run leaves them."""

    def space(rng):
        return {"x": R(2) if rng.random() < 0.8 else _x(rng)}
    draws = 40
    for seed in range(100):  # a stream whose first SAMPLE draws are all x = 2
        xs = [p["x"] for p in _stream(draws, seed, space)]
        passed = [k for k, x in enumerate(xs) if x not in (2, R(3, 4))]
        if passed[0] >= SAMPLE and len(passed) > 2 * SAMPLE:
            break
    s = Settings(draws=draws, dps=30, seed=seed, claim_id=CLAIM)
    spec = _spec(screen=True, threshold=R(0))
    spec.space, spec.hypotheses = space, (lambda p: True)
    whole = run(spec, s)
    assert whole.status == "verified"
    assert whole.draws_meeting_hypotheses == draws - sum(x == R(3, 4) for x in xs)
    assert f"{SAMPLE} confirmed at 30 and 60 digits (or exactly)" in whole.detail  # x = 2 is judged at 30 only
    for size in (1, 2, 3, 9):
        with chunked(size):
            assert run(spec, s) == whole, size


def test_a_chunk_caps_on_the_failures_the_run_surely_counts():
    """Chunk 1 opens with a draw the screen passes but that fails (a candidate for the sample, but
    chunk 0 already fills the sample), then CONFIRM_CAP + 1 failures the screen sees. The run never
    judges the first, so it confirms CONFIRM_CAP of the others; a chunk that counted the first
    would stop confirming one failure early."""
    draws, size = 30, 10

    def space(rng):
        return {"x": R(rng.randint(1, 10 ** 9), 10 ** 9)}
    xs = [p["x"] for p in _stream(draws, 0, space)]
    assert len(set(xs)) == draws
    role = {x: "holds" for x in xs}
    role[xs[size]] = "liar"  # passes the screen, fails
    for x in xs[size + 1:size + 2 + CONFIRM_CAP]:
        role[x] = "fails"
    spec = NumericClaim(space=space, hypotheses=lambda p: True, conclusion="the role holds", hypotheses_text="all",
                        evaluate=lambda p, dps: Evaluation(mpmath.mpf(1 if role[p["x"]] == "holds" else -1)),
                        screen=lambda points: [-1.0 if role[p["x"]] == "fails" else 1.0 for p in points])
    s = Settings(draws=draws, dps=30, seed=0, claim_id=CLAIM)
    whole = run(spec, s)
    assert whole.status == "discrepancy" and whole.failures == CONFIRM_CAP
    assert "A further 1 draws failed the float64 screen" in whole.detail
    with chunked(size):
        assert run(spec, s) == whole


def test_chunked_rejects_a_bad_size():
    with pytest.raises(ValueError, match="size=0"):
        with chunked(0):
            pass


# --- chunked sweeps: registered claims ----------------------------------------------------------

#: numeric_check.run claims: with a float screen and a discrepancy; without a screen; abrs2017's
NUMERIC = ["hs2012:SA:meets-section-III:region", "hs2012:Prop3:weak-stability", "abrs2017:Lemma2(i)"]


def _json(report) -> str:
    data = report.to_dict()
    data["settings"] = {k: v for k, v in data["settings"].items() if k != "timing"}
    return json.dumps(data, indent=2)


def test_registered_claims_decide_the_same_in_chunks():
    local = verify(claim_ids=NUMERIC, draws=24, jobs=1)
    assert {c.method for c in local.claims} == {"numeric"}
    with chunked(5):
        chunks = verify(claim_ids=NUMERIC, draws=24, jobs=1)
    assert _json(chunks) == _json(local)


# --- on a Dask cluster ----------------------------------------------------------------------------

def _dask():
    try:
        import distributed as dask_distributed
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("dask[distributed] is not installed; CI installs it with the test extra")
        pytest.skip("dask[distributed] is not installed (pip install '.[dask]')")
    return dask_distributed


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes of one thread each, on loopback."""
    dask_distributed = _dask()
    with dask_distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, protocol="tcp",
                                       host="127.0.0.1", dashboard_address=None) as c:
        yield c.scheduler_address


#: both papers, symbolic and numeric (symbolic claims printed without a Subs: SymPy's cache makes
#: the dummy variable of a printed Subs depend on what the process derived before)
CLAIMS = ["hs2012:A.7", *NUMERIC[:2], "abrs2017:A-12", NUMERIC[2]]


def test_cluster_report_is_byte_identical_to_the_local_one(cluster, monkeypatch):
    dask_distributed = _dask()
    monkeypatch.setattr(distributed, "MIN_CHUNK_DRAWS", 4)  # 24 draws in chunks of 4: six per sweep
    local = verify(claim_ids=CLAIMS, draws=24, jobs=1)
    remote = verify(claim_ids=CLAIMS, draws=24, jobs=1, scheduler=cluster)
    assert [c.id for c in remote.claims] == CLAIMS
    assert _json(remote) == _json(local)
    assert remote.to_json() != _json(remote)  # the timings were there, under settings.timing
    with dask_distributed.Client(cluster, set_as_default=False) as client:  # the chunks ran as tasks
        prefixes = client.run_on_scheduler(lambda dask_scheduler: sorted(dask_scheduler.task_prefixes))
    assert "chunk_task" in prefixes and "unit_task" in prefixes  # (Dask drops the leading underscore)


def test_cluster_with_other_code_is_refused(cluster, monkeypatch):
    other = {**distributed.environment(), "code": "0" * 16}
    monkeypatch.setattr(distributed, "environment", lambda: other)
    with pytest.raises(distributed.SchedulerError,
                       match=r"runs other code or libraries: code [0-9a-f]{16} \(here: 0{16}\) \(restart the workers"):
        verify(claim_ids=CLAIMS[:1], jobs=1, scheduler=cluster)


def test_scheduler_without_workers_is_refused(monkeypatch):
    dask_distributed = _dask()
    monkeypatch.setattr(distributed, "WORKER_TIMEOUT", 1)
    with dask_distributed.LocalCluster(n_workers=0, processes=False, protocol="tcp", host="127.0.0.1",
                                       dashboard_address=None) as empty:
        with pytest.raises(distributed.SchedulerError, match=r"': the scheduler has no workers \(waited 1 s\)$"):
            verify(claim_ids=CLAIMS[:1], jobs=1, scheduler=empty.scheduler_address)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cli_unreachable_scheduler_is_one_line_and_exit_2():
    _dask()
    port = _closed_port()
    out = subprocess.run([sys.executable, "-m", "proofs_check", "verify", "--paper", "hs2012",
                          "--scheduler", f"tcp://127.0.0.1:{port}", "--format", "json"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == (f"cityproofs: error: scheduler='tcp://127.0.0.1:{port}': nothing listens there "
                          "(connection refused)\n")


def test_cli_bad_address_is_one_line_and_exit_2(capsys):
    assert main(["verify", "--scheduler", "tcp://127.0.0.1", "--paper", "hs2012"]) == 2
    err = capsys.readouterr().err
    assert err == ("cityproofs: error: --scheduler='tcp://127.0.0.1': must be tcp://HOST:PORT, the address of a "
                   "Dask scheduler\n")


def test_cli_something_else_listening_is_not_a_scheduler(capsys):
    _dask()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]

    def answer():  # an HTTP server's reply, to every connection
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
    threading.Thread(target=answer, daemon=True).start()
    try:
        assert main(["verify", "--scheduler", f"127.0.0.1:{port}", "--paper", "hs2012", "--draws", "0"]) == 2
    finally:
        server.close()
    assert capsys.readouterr().err == (f"cityproofs: error: scheduler='tcp://127.0.0.1:{port}': what answers there is "
                                       "not a Dask scheduler\n")


def test_cli_without_dask_names_the_extra(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now fails
    assert main(["verify", "--scheduler", "tcp://127.0.0.1:8786", "--paper", "hs2012", "--draws", "0"]) == 2
    assert capsys.readouterr().err == ("cityproofs: error: scheduler='tcp://127.0.0.1:8786': needs the dask extra "
                                       "(pip install 'cityproofs[dask]')\n")
