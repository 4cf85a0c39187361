"""The verdict cache (proofs_check.cache) never changes a report: cold, warm and off give the same
JSON apart from settings.timing; a corrupt entry or a changed key input is a miss; the mutation
test neither reads nor writes it. And --jobs 2 gives the report of --jobs 1 (issue 13): the
claims that share the city-system pool run in one worker, in paper order, from empty caches."""
import json
import textwrap

import pytest

from proofs_check import cache, checks, verify
from proofs_check.claims import Claim, ClaimResult, Settings, get_claim
from proofs_check.cli import main

#: Both papers, symbolic and numeric, and abrs2017 claims on the shared city-system pool (two
#: Table 1 cells and Lemma 2 (ii)), at a small pool so that the run stays short.
CLAIMS = ["hs2012:A.18", "hs2012:Prop2:step-weighted-sum", "abrs2017:Lemma1(i)",
          "abrs2017:Table1:free-migration:large-cities:phi-lt-phistar", "abrs2017:Lemma2(ii)",
          "abrs2017:Table1:local-politics:small-cities:phi-lt-1", "abrs2017:Table3:base:7"]
SMALL = dict(draws=14, dps=20, seed=0)


def _json(report) -> dict:
    doc = json.loads(report.to_json())
    doc["settings"].pop("timing")
    return doc


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("CITYPROOFS_NO_CACHE", raising=False)
    monkeypatch.setenv("CITYPROOFS_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _entries(root) -> list:
    return sorted(p for p in root.rglob("*.json")) if root.exists() else []


@pytest.fixture(scope="module")
def uncached():
    """The small run with the cache off: the reference every cached run must reproduce."""
    return verify(claim_ids=CLAIMS, jobs=1, cache=False, **SMALL)


def test_cold_warm_and_off_give_the_same_report(cache_dir, uncached):
    cold = verify(claim_ids=CLAIMS, jobs=1, **SMALL)
    assert cold.settings["timing"]["cache"] == {"used": True, "hits": 0, "runs": len(CLAIMS)}
    assert len(_entries(cache_dir)) == len(CLAIMS)
    warm = verify(claim_ids=CLAIMS, jobs=1, **SMALL)
    assert warm.settings["timing"]["cache"] == {"used": True, "hits": len(CLAIMS), "runs": 0}
    assert _json(cold) == _json(warm) == _json(uncached)
    assert cold.to_text() == warm.to_text() == uncached.to_text()
    # a cached claim keeps the seconds it took when it ran
    assert warm.settings["timing"]["claims"] == cold.settings["timing"]["claims"]
    assert uncached.settings["timing"]["cache"]["used"] is False


def test_the_cli_no_cache_flag_reads_and_writes_nothing(cache_dir, tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main(["verify", "--paper", "hs2012", "--draws", "0", "--jobs", "1", "--no-cache", "--format", "json",
                 "--out", str(out)]) == 0
    assert _entries(cache_dir) == []
    assert json.loads(out.read_text())["settings"]["timing"]["cache"]["used"] is False


def test_a_corrupt_or_truncated_entry_is_a_miss(cache_dir, uncached):
    verify(claim_ids=CLAIMS, jobs=1, **SMALL)
    files = _entries(cache_dir)
    by_claim = {json.loads(p.read_text())["result"]["id"]: p for p in files}
    symbolic = by_claim["hs2012:A.18"]
    symbolic.write_bytes(symbolic.read_bytes()[: len(symbolic.read_bytes()) // 2])   # truncated
    by_claim["abrs2017:Table3:base:7"].write_bytes(b"\xff\xfe not json")               # garbage
    again = verify(claim_ids=CLAIMS, jobs=1, **SMALL)
    assert again.settings["timing"]["cache"]["runs"] == 2
    assert _json(again) == _json(uncached)
    # an entry that is valid JSON but stored under another key is a miss too
    entry = json.loads(by_claim["abrs2017:Lemma1(i)"].read_text())
    entry["key"] = "0" * 64
    by_claim["abrs2017:Lemma1(i)"].write_text(json.dumps(entry))
    assert verify(claim_ids=CLAIMS, jobs=1, **SMALL).settings["timing"]["cache"]["runs"] == 1


def test_a_missing_pool_entry_runs_the_whole_pool_group_again(cache_dir, uncached):
    # the city-system claims share a process cache, in paper order: one of them missing runs them all
    verify(claim_ids=CLAIMS, jobs=1, **SMALL)
    files = {json.loads(p.read_text())["result"]["id"]: p for p in _entries(cache_dir)}
    files["abrs2017:Lemma2(ii)"].unlink()
    again = verify(claim_ids=CLAIMS, jobs=1, **SMALL)
    assert again.settings["timing"]["cache"]["runs"] == 3
    assert _json(again) == _json(uncached)


def test_a_changed_setting_misses(cache_dir):
    verify(claim_ids=CLAIMS[:3], jobs=1, **SMALL)
    for changed in (dict(SMALL, seed=1), dict(SMALL, draws=15), dict(SMALL, dps=21)):
        assert verify(claim_ids=CLAIMS[:3], jobs=1, **changed).settings["timing"]["cache"]["hits"] == 0
    assert verify(claim_ids=CLAIMS[:3], jobs=1, **SMALL).settings["timing"]["cache"]["hits"] == 3


def test_a_pool_claim_run_alone_is_keyed_apart_from_one_after_others():
    # its result may depend on the pool allocations earlier claims solved in its process
    c = get_claim("abrs2017:Lemma2(ii)")
    s = Settings(**SMALL)
    alone = cache.entry_key(c, s, ())
    after = cache.entry_key(c, s, ("abrs2017:Table1:free-migration:large-cities:phi-lt-phistar",))
    assert alone != after and None not in (alone, after)


def test_the_mutation_test_neither_reads_nor_writes_the_cache(cache_dir):
    verify(claim_ids=CLAIMS[:1], jobs=1, **SMALL)
    stored = _entries(cache_dir)
    checks.MUTATE = lambda kind, value: value
    try:
        report = verify(claim_ids=CLAIMS[:2], jobs=1, **SMALL)
    finally:
        checks.MUTATE = None
    assert report.settings["timing"]["cache"] == {"used": False, "hits": 0, "runs": 2}
    assert _entries(cache_dir) == stored


def test_no_cache_env_turns_it_off(cache_dir, monkeypatch):
    monkeypatch.setenv("CITYPROOFS_NO_CACHE", "1")
    report = verify(claim_ids=CLAIMS[:1], jobs=1, **SMALL)
    assert report.settings["timing"]["cache"]["used"] is False and _entries(cache_dir) == []


def test_cache_dir_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("CITYPROOFS_CACHE", str(tmp_path / "a"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache.cache_dir() == tmp_path / "a"
    monkeypatch.delenv("CITYPROOFS_CACHE")
    assert cache.cache_dir() == tmp_path / "x" / "cityproofs"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "cityproofs"


def _result(**changes) -> ClaimResult:
    fields = dict(id="hs2012:A.18", kind="equation", quote="q", status="verified", method="numeric",
                  printed_latex="x", derived_latex="x", detail="d", note="", draws=3,
                  draws_meeting_hypotheses=2, failures=0, dps=20, seed=0,
                  counterexample={"alpha": "1.5", "margin": "-0.25"}, seconds=1.25)
    fields.update(changes)
    return ClaimResult(**fields)


def test_an_entry_reads_back_equal_or_is_not_written(cache_dir):
    key = "ab" + "0" * 62
    assert cache.store(key, _result()) and cache.load(key, "hs2012:A.18") == _result()
    assert cache.load(key, "hs2012:A.8") is None             # another claim's entry is a miss
    # a tuple would read back as a list, NaN not at all: neither is stored
    key2, key3 = "cd" + "0" * 62, "ef" + "0" * 62
    assert not cache.store(key2, _result(counterexample={"point": ("1", "2")}))
    assert not cache.store(key3, _result(seconds=float("nan")))
    assert cache.load(key2, "hs2012:A.18") is None and cache.load(key3, "hs2012:A.18") is None
    assert not list(cache_dir.rglob(".tmp-*"))                # no temporary file left behind


def test_an_unwritable_cache_dir_is_not_an_error(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.delenv("CITYPROOFS_NO_CACHE", raising=False)
    monkeypatch.setenv("CITYPROOFS_CACHE", str(blocker / "cache"))
    assert not cache.store("ab" + "0" * 62, _result())
    report = verify(claim_ids=CLAIMS[:1], jobs=1, **SMALL)
    assert report.claims[0].status == "verified"


def test_the_code_fingerprint_covers_every_file_of_the_packages(monkeypatch, tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "a.py").write_text("x = 1\n")
    (pkg / "sub" / "b.py").write_text("y = 2\n")

    def fingerprint() -> str:
        cache.code_fingerprint.cache_clear()
        return cache.code_fingerprint()

    monkeypatch.setattr(cache, "_package_roots", lambda: [pkg])
    try:
        first = fingerprint()
        (pkg / "sub" / "b.py").write_text("y = 3\n")          # an edit deep in the tree
        second = fingerprint()
        (pkg / "sub" / "c.py").write_text("")                 # a new file
        third = fingerprint()
        (pkg / "sub" / "c.py").rename(pkg / "sub" / "d.py")   # a renamed file
        fourth = fingerprint()
        assert len({first, second, third, fourth}) == 4
    finally:
        cache.code_fingerprint.cache_clear()


def test_a_check_outside_the_packages_is_keyed_by_its_own_file(tmp_path):
    source = tmp_path / "user_claims.py"
    body = textwrap.dedent('''
        from proofs_check.claims import Outcome
        def check(settings):
            return Outcome("verified", "{}")
    ''')
    keys = []
    for text in ("one", "two"):
        source.write_text(body.format(text))
        namespace = {}
        exec(compile(source.read_text(), str(source), "exec"), namespace)
        cache._file_digest.cache_clear()
        c = Claim(id="hs2012:S9:user", kind="text", quote="q", method="symbolic", check=namespace["check"])
        keys.append(cache.entry_key(c, Settings(**SMALL)))
    assert None not in keys and keys[0] != keys[1]
    # a check whose source cannot be found is never cached
    c = Claim(id="hs2012:S9:user", kind="text", quote="q", method="symbolic", check=eval("lambda s: None"))
    assert cache.entry_key(c, Settings(**SMALL)) is None


#: Prop. 2 (vi) after Prop. 2 (i) in one process differs from Prop. 2 (vi) alone (it confirms a
#: screened draw whose allocation (i) solved): run in separate workers, --jobs 2 would differ.
JOBS_CLAIMS = ["hs2012:A.18", "abrs2017:Lemma1(i)", "abrs2017:Prop2(i)", "abrs2017:Prop2(vi)", "abrs2017:Table3:base:7"]


def test_jobs_two_gives_the_report_of_jobs_one():
    one = _json(verify(claim_ids=JOBS_CLAIMS, jobs=1, cache=False, **SMALL))
    two = _json(verify(claim_ids=JOBS_CLAIMS, jobs=2, cache=False, **SMALL))
    one["settings"].pop("jobs")
    two["settings"].pop("jobs")
    assert one == two


def test_a_pool_claim_outside_its_group_is_flagged_and_not_cached(cache_dir, monkeypatch):
    # a cost table that misses a claim's use of the city-system pool (out of date) is caught
    from proofs_check import schedule
    table = dict(schedule.cost_table())
    table["abrs2017:Lemma2(ii)"] = {"seconds": 0.1, "group": None}
    monkeypatch.setattr(schedule, "cost_table", lambda: table)
    with pytest.warns(RuntimeWarning, match="costs.json is out of date"):
        report = verify(claim_ids=["abrs2017:Lemma2(ii)"], jobs=1, **dict(SMALL, draws=13))
    assert report.settings["timing"]["cache"]["runs"] == 1 and _entries(cache_dir) == []

