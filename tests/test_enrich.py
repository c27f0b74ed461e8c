"""`enrich` end to end against the fake E-utilities server, on a catalogue in a temporary folder.

Checked after every run: curated YAML is byte-identical, every cache file is complete JSON.
"""

from __future__ import annotations

import io
import itertools
import json
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from scripts.__main__ import main
from scripts.cli.enrich import Options, StudyIds, enrich_catalogue, study_identifiers
from scripts.pubmed.cache import DOI_LOOKUPS
from scripts.pubmed.client import EutilsClient
from tests.fake_eutils import FakeArticle, FakeEutils, VirtualTime, fake_articles

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
EMAIL = "maintainer@example.org"


@pytest.fixture
def server():
    with FakeEutils() as fake:
        yield fake


@pytest.fixture
def catalogue(tmp_path):
    (tmp_path / "studies").mkdir()
    return tmp_path


def write_study(catalogue: Path, record_id: str, pmid: str | None = None, doi: str | None = None):
    ids = {k: v for k, v in {"pmid": pmid, "doi": doi}.items() if v}
    lines = [f"id: {record_id}", "citation:", "  title: A study", "ids:"]
    lines += [f'  {key}: "{value}"' for key, value in ids.items()] or ["  url: https://x.org"]
    (catalogue / "studies" / f"{record_id}.yaml").write_text("\n".join(lines) + "\n")


def studies_snapshot(catalogue: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((catalogue / "studies").iterdir())}


def assert_cache_sound(catalogue: Path) -> dict[str, dict]:
    """Every file in the cache folder is a complete, valid entry; no temporary file is left."""
    entries = {}
    for path in (catalogue / "pubmed").iterdir() if (catalogue / "pubmed").exists() else []:
        assert path.suffix == ".json" and not path.name.startswith("."), path.name
        entry = json.loads(path.read_text(encoding="utf-8"))
        if path.name == DOI_LOOKUPS:
            continue
        assert entry["pmid"] == path.stem and entry["article"]["pmid"] == path.stem
        entries[path.stem] = entry
    return entries


class Run:
    """One enrich run with captured output, the client it used, and the curated files checked."""

    def __init__(
        self, catalogue, server, options=None, now=NOW, client=None, tty=False, offline=False
    ):
        self.client = client or fast_client(server)
        self.out, self.err = io.StringIO(), Tty() if tty else io.StringIO()
        make_client = no_client if offline else lambda: self.client
        before = studies_snapshot(catalogue)
        self.code = enrich_catalogue(
            catalogue, options or Options(), make_client, now=now, out=self.out, err=self.err
        )
        assert studies_snapshot(catalogue) == before, "enrich must never touch curated YAML"
        self.cache = assert_cache_sound(catalogue)

    @property
    def stdout(self) -> str:
        return self.out.getvalue()

    @property
    def stderr(self) -> str:
        return self.err.getvalue()


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def fast_client(server, vtime: VirtualTime | None = None, **options) -> EutilsClient:
    """Real HTTP to the fake server; waiting is virtual so tests never sleep."""
    vtime = vtime or VirtualTime()
    return EutilsClient(
        base_url=server.url, email=EMAIL, sleep=vtime.sleep, clock=vtime.clock, **options
    )


def no_client():
    raise AssertionError("no request expected, yet a client was asked for")


# --- batches, cache, second run ------------------------------------------------------------------


def test_450_pmids_take_three_post_requests_then_none(catalogue, server):
    server.articles.update(fake_articles(450))
    for pmid in server.articles:
        write_study(catalogue, f"study-{pmid}", pmid=pmid)
    first = Run(catalogue, server)
    assert first.code == 0, first.stderr
    assert len(server.requests) == math.ceil(450 / 200) == 3
    assert [r.method for r in server.requests] == ["POST", "POST", "GET"]  # POST above 50 ids
    assert [len(r.ids) for r in server.requests] == [200, 200, 50]
    assert set(first.cache) == set(server.articles)
    assert first.stdout.strip().endswith(
        "enrich: fetched 450, unchanged 0, missing 0, failed 0, dois-resolved 0 (0 already cached)"
    )
    server.requests.clear()
    second = Run(catalogue, server, offline=True)
    assert second.code == 0
    assert server.requests == []
    assert "fetched 0, unchanged 0, missing 0, failed 0, dois-resolved 0 (450 already cached)" in (
        second.stdout
    )


def test_offline_with_a_full_cache_asks_for_no_client(catalogue, server):
    server.articles.update(fake_articles(3))
    for pmid in server.articles:
        write_study(catalogue, f"s{pmid}", pmid=pmid)
    Run(catalogue, server)
    run = Run(catalogue, server, offline=True)
    assert run.code == 0 and "(3 already cached)" in run.stdout


def test_rate_limit_is_kept_across_a_whole_run(catalogue, server):
    server.articles.update(fake_articles(450))
    server.articles["40000001"] = FakeArticle("40000001", doi="10.5555/DOI-only")
    for pmid in list(server.articles)[:450]:
        write_study(catalogue, f"s{pmid}", pmid=pmid)
    write_study(catalogue, "doi-only", doi="10.5555/doi-only")
    server.fail_next("429", "500")
    vtime = VirtualTime()
    starts: list[float] = []
    session = requests.Session()
    session.request = _recording(session.request, starts, vtime)  # type: ignore[method-assign]
    run = Run(catalogue, server, client=fast_client(server, vtime, session=session))
    assert run.code == 0, run.stderr
    assert len(starts) == len(server.requests) == 1 + 3 + 2  # esearch, 3 efetch, 2 retries
    assert min(b - a for a, b in itertools.pairwise(starts)) >= 1 / 3 - 1e-9


def _recording(send, starts, vtime):
    def request(*args, **kwargs):
        starts.append(vtime.clock())
        return send(*args, **kwargs)

    return request


def test_refresh_fetches_again_and_leaves_unchanged_files_alone(catalogue, server):
    server.articles.update(fake_articles(3))
    for pmid in server.articles:
        write_study(catalogue, f"s{pmid}", pmid=pmid)
    Run(catalogue, server)
    files = {p.name: p.read_bytes() for p in (catalogue / "pubmed").iterdir()}
    pmid = next(iter(server.articles))
    server.articles[pmid] = FakeArticle(pmid, title="A corrected title.")
    server.requests.clear()
    run = Run(catalogue, server, Options(refresh=True), now=NOW + timedelta(days=9))
    assert len(server.requests) == 1
    assert "fetched 1, unchanged 2," in run.stdout
    for path in (catalogue / "pubmed").iterdir():
        if path.stem == pmid:
            assert run.cache[pmid]["article"]["title_text"] == "A corrected title."
            assert run.cache[pmid]["fetched"] == "2026-12-04T12:00:00+00:00"
        else:
            assert path.read_bytes() == files[path.name]


def test_max_age_fetches_only_old_entries(catalogue, server):
    server.articles.update(fake_articles(2))
    old, new = list(server.articles)
    write_study(catalogue, "old", pmid=old)
    Run(catalogue, server, now=NOW - timedelta(days=40))
    write_study(catalogue, "new", pmid=new)
    Run(catalogue, server, now=NOW - timedelta(days=5))
    server.requests.clear()
    run = Run(catalogue, server, Options(max_age=30))
    assert [r.ids for r in server.requests] == [[old]]
    assert "unchanged 1" in run.stdout and "(1 already cached)" in run.stdout


def test_dry_run_says_what_it_would_fetch_and_does_nothing(catalogue, server):
    server.articles.update(fake_articles(3))
    for pmid in server.articles:
        write_study(catalogue, f"s{pmid}", pmid=pmid)
    write_study(catalogue, "doi-only", doi="10.1/x")
    run = Run(catalogue, server, Options(dry_run=True, batch_size=2), offline=True)
    assert run.code == 0
    assert server.requests == [] and not (catalogue / "pubmed").exists()
    assert "would fetch 3 PMIDs in 2 request(s)" in run.stdout
    assert "PMID 30000001 (s30000001)" in run.stdout
    assert "would look up DOI 10.1/x (doi-only)" in run.stdout


# --- failures ------------------------------------------------------------------------------------


def test_pmids_not_returned_are_reported_by_id_and_exit_1(catalogue, server):
    server.articles.update(fake_articles(2))
    for pmid in server.articles:
        write_study(catalogue, f"s{pmid}", pmid=pmid)
    write_study(catalogue, "ghost", pmid="99999999")
    run = Run(catalogue, server)
    assert run.code == 1
    assert "error: PMID 99999999 (ghost): not returned by PubMed" in run.stderr
    assert "fetched 2, unchanged 0, missing 1, failed 0" in run.stdout
    assert set(run.cache) == set(server.articles)


def test_a_batch_that_keeps_failing_is_reported_by_pmid(catalogue, server):
    server.articles.update(fake_articles(5))
    for pmid in server.articles:
        write_study(catalogue, f"s{pmid}", pmid=pmid)
    pmids = list(server.articles)
    # batches of 2: the first recovers from one 500, the second fails all 3 attempts,
    # the third is not tried after that
    server.fail_next("500", "ok", "502", "502", "502")
    run = Run(catalogue, server, Options(batch_size=2), client=fast_client(server, max_retries=2))
    assert run.code == 1
    assert len(server.requests) == 5
    assert set(run.cache) == set(pmids[:2])
    assert "error: 2 PMID(s) not fetched: efetch.fcgi: gave up after 3 attempts" in run.stderr
    assert "error: 1 PMID(s) not fetched: not tried after the failure above" in run.stderr
    for pmid in pmids[2:]:
        assert f"PMID {pmid} (s{pmid})" in run.stderr
    assert "fetched 2, unchanged 0, missing 0, failed 3" in run.stdout


@pytest.mark.parametrize(
    "fault", ["429", "500", "502", "hang", "truncated", "short-read", "html", "empty", "400"]
)
def test_no_fault_ever_leaves_a_partial_or_invalid_cache_file(catalogue, server, fault):
    server.articles.update(fake_articles(4))
    for pmid in server.articles:
        write_study(catalogue, f"s{pmid}", pmid=pmid)
    server.hang_seconds = 0.2
    client = fast_client(server, max_retries=1, timeout=(1, 0.05))
    server.fail_next(fault, fault)  # the first batch fails for good (both attempts)
    run = Run(catalogue, server, Options(batch_size=2), client=client)
    assert run.code == 1
    if fault == "empty":  # a valid answer with nothing in it: both batches' PMIDs are missing
        assert "missing 4" in run.stdout
    else:
        assert "failed 4" in run.stdout  # the batch, and the one not tried after it
    assert set(run.cache) <= set(server.articles)
    server.faults.clear()  # an error envelope is not retried, so a fault may be left over
    run = Run(catalogue, server, Options(batch_size=2), client=fast_client(server))
    assert run.code == 0 and set(run.cache) == set(server.articles)


def test_corrupt_cache_file_is_reported_and_fetched_again(catalogue, server):
    server.articles.update(fake_articles(1))
    (pmid,) = server.articles
    write_study(catalogue, "s", pmid=pmid)
    (catalogue / "pubmed").mkdir()
    (catalogue / "pubmed" / f"{pmid}.json").write_text('{"pmid": "')
    run = Run(catalogue, server)
    assert run.code == 0
    assert f"warning: {catalogue / 'pubmed' / pmid}.json: not a valid cache entry" in run.stderr
    assert run.cache[pmid]["article"]["pmid"] == pmid


# --- DOIs ----------------------------------------------------------------------------------------


def test_doi_without_pmid_is_resolved_reported_and_cached(catalogue, server):
    server.articles["31000001"] = FakeArticle("31000001", doi="10.1016/J.Example.2020.1")
    write_study(catalogue, "doi-only", doi="10.1016/j.example.2020.1")
    run = Run(catalogue, server)
    assert run.code == 0
    assert [r.endpoint for r in server.requests] == ["esearch.fcgi", "efetch.fcgi"]
    assert server.requests[0].params["term"] == '"10.1016/j.example.2020.1"[doi]'
    message = 'doi-only: DOI 10.1016/j.example.2020.1 is PubMed 31000001; add `pmid: "31000001"`'
    assert message in run.stdout
    assert "dois-resolved 1" in run.stdout
    assert "31000001" in run.cache
    server.requests.clear()
    again = Run(catalogue, server, offline=True)
    assert server.requests == []  # resolved from the cache this time
    assert message in again.stdout


def test_doi_with_no_hit_or_several_hits_is_not_resolved(catalogue, server):
    server.esearch_hits["10.1/two"] = ["1", "2"]
    write_study(catalogue, "nothing", doi="10.1/none")
    write_study(catalogue, "ambiguous", doi="10.1/two")
    run = Run(catalogue, server)
    assert run.code == 0
    assert "note: nothing: no PubMed record has DOI 10.1/none" in run.stdout
    assert "note: ambiguous: 2 PubMed records match DOI 10.1/two; not resolved" in run.stdout
    assert "dois-resolved 0" in run.stdout
    assert [r.endpoint for r in server.requests] == ["esearch.fcgi", "esearch.fcgi"]
    answers = json.loads((catalogue / "pubmed" / DOI_LOOKUPS).read_text())
    assert answers == {
        "10.1/none": {"count": 0, "pmids": [], "checked": "2026-11-25T12:00:00+00:00"},
        "10.1/two": {"count": 2, "pmids": ["1", "2"], "checked": "2026-11-25T12:00:00+00:00"},
    }
    server.requests.clear()
    again = Run(catalogue, server, offline=True)  # the answers are remembered: no request
    assert "note: nothing: no PubMed record has DOI 10.1/none" in again.stdout
    assert "note: ambiguous: 2 PubMed records match DOI 10.1/two" in again.stdout
    server.esearch_hits["10.1/none"] = ["30000009"]
    server.articles["30000009"] = FakeArticle("30000009")
    later = Run(catalogue, server, Options(max_age=30), now=NOW + timedelta(days=31))
    assert [r.endpoint for r in server.requests] == ["esearch.fcgi"] * 2 + ["efetch.fcgi"]
    assert 'nothing: DOI 10.1/none is PubMed 30000009; add `pmid: "30000009"`' in later.stdout


def test_doi_lookup_failure_is_a_failure(catalogue, server):
    write_study(catalogue, "doi-only", doi="10.1/x")
    server.fail_next("502", "502")
    run = Run(catalogue, server, client=fast_client(server, max_retries=1))
    assert run.code == 1
    assert "error: doi-only: DOI 10.1/x lookup failed" in run.stderr


# --- reading the records -------------------------------------------------------------------------


def test_study_identifiers(catalogue):
    write_study(catalogue, "b", pmid="123", doi="10.1/b")
    write_study(catalogue, "a", doi="10.1/a")
    (catalogue / "studies" / "c.yaml").write_text("ids:\n  pmid: 456\n")  # unquoted PMID
    (catalogue / "studies" / "broken.yaml").write_text("ids: [unclosed\n")
    (catalogue / "studies" / "bad-pmid.yaml").write_text('ids: {pmid: "PMID123"}\n')
    (catalogue / "studies" / "list.yaml").write_text("- just a list\n")
    warnings: list[str] = []
    assert study_identifiers(catalogue, warnings.append) == [
        StudyIds("a", None, "10.1/a"),
        StudyIds("b", "123", "10.1/b"),
        StudyIds("bad-pmid", None, None),
        StudyIds("c", "456", None),
    ]
    assert len(warnings) == 3
    assert "bad-pmid.yaml: ids.pmid 'PMID123' is not a PMID" in warnings[0]
    assert "broken.yaml: skipped, it does not load (while parsing a flow sequence" in warnings[1]
    assert "list.yaml: skipped, it does not load (the file holds a list" in warnings[2]


def test_progress_is_shown_on_a_terminal_only(catalogue, server):
    server.articles.update(fake_articles(3))
    for pmid in server.articles:
        write_study(catalogue, f"s{pmid}", pmid=pmid)
    run = Run(catalogue, server, Options(batch_size=2), tty=True)
    assert "\rpubmed: 2/3 PMIDs" in run.stderr and "\rpubmed: 3/3 PMIDs\n" in run.stderr
    (catalogue / "pubmed" / "30000001.json").unlink()
    quiet = Run(catalogue, server)
    assert "pubmed:" not in quiet.stderr


# --- the command line ----------------------------------------------------------------------------


def test_command_line_run(catalogue, server, monkeypatch, capsys):
    monkeypatch.setenv("NCBI_EUTILS_URL", server.url)
    monkeypatch.setenv("NCBI_EMAIL", EMAIL)
    monkeypatch.setenv("NCBI_API_KEY", "KEY42")
    server.articles.update(fake_articles(2))
    for pmid in server.articles:
        write_study(catalogue, f"s{pmid}", pmid=pmid)
    assert main(["enrich", "--catalogue", str(catalogue)]) == 0
    (request,) = server.requests
    assert request.params["tool"] == "kratom-evidence-catalogue"
    assert request.params["email"] == EMAIL and request.params["api_key"] == "KEY42"
    assert "enrich: fetched 2" in capsys.readouterr().out
    write_study(catalogue, "ghost", pmid="99999999")
    before = studies_snapshot(catalogue)
    assert main(["enrich", "--catalogue", str(catalogue)]) == 1
    assert "PMID 99999999 (ghost)" in capsys.readouterr().err
    assert studies_snapshot(catalogue) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--batch-size", "201"], "--batch-size must be between 1 and 200"),
        (["--batch-size", "0"], "--batch-size must be between 1 and 200"),
        (["--max-age", "-1"], "--max-age must be zero or more days"),
    ],
)
def test_bad_options_exit_2(catalogue, capsys, argv, message):
    assert main(["enrich", "--catalogue", str(catalogue), *argv]) == 2
    assert message in capsys.readouterr().err


def test_missing_catalogue_exits_2(tmp_path, capsys):
    assert main(["enrich", "--catalogue", str(tmp_path / "nowhere")]) == 2
    assert "has no studies/ folder" in capsys.readouterr().err


def test_no_email_exits_2_only_when_a_request_is_due(catalogue, server, monkeypatch, capsys):
    monkeypatch.delenv("NCBI_EMAIL", raising=False)
    monkeypatch.setenv("NCBI_EUTILS_URL", server.url)
    write_study(catalogue, "s", pmid="30000001")
    assert main(["enrich", "--catalogue", str(catalogue)]) == 2
    assert "set NCBI_EMAIL" in capsys.readouterr().err
    assert server.requests == []
    (catalogue / "studies" / "s.yaml").unlink()
    assert main(["enrich", "--catalogue", str(catalogue)]) == 0


def test_network_down_is_an_error_message_not_a_traceback(catalogue, monkeypatch, capsys):
    monkeypatch.setenv("NCBI_EUTILS_URL", "http://127.0.0.1:9/")  # discard port: refused
    monkeypatch.setenv("NCBI_EMAIL", EMAIL)
    write_study(catalogue, "s", pmid="30000001")
    client = EutilsClient(max_retries=1, sleep=lambda s: None)
    out, err = io.StringIO(), io.StringIO()
    assert enrich_catalogue(catalogue, Options(), lambda: client, out=out, err=err) == 1
    assert "error: 1 PMID(s) not fetched: efetch.fcgi: gave up after 2 attempts" in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_leads_are_fetched_so_that_check_can_confirm_or_reject_them(catalogue, server):
    """A lead PMID is fetched and a lead DOI resolved and fetched; the record is left alone."""
    server.articles["32000001"] = FakeArticle("32000001")
    server.articles["32000002"] = FakeArticle("32000002", doi="10.1016/j.lead.2021.2")
    write_study(catalogue, "with-leads")
    path = catalogue / "studies" / "with-leads.yaml"
    path.write_text(
        path.read_text()
        + "curation:\n  leads:\n"
        + '    - {kind: pmid, value: "32000001", seen_at: https://mirror.example.org/a}\n'
        + "    - {kind: doi, value: 10.1016/j.lead.2021.2, seen_at: https://mirror.example.org/b}\n"
        + "    - {kind: pmcid, value: PMC1, seen_at: https://mirror.example.org/c}\n"
    )
    before = studies_snapshot(catalogue)
    run = Run(catalogue, server)
    assert run.code == 0
    assert {"32000001", "32000002"} <= set(run.cache)
    assert "with-leads: lead DOI 10.1016/j.lead.2021.2 is PubMed 32000002" in run.stdout
    assert "add `pmid" not in run.stdout  # a lead is confirmed by check, not by enrich
    assert studies_snapshot(catalogue) == before


def test_study_identifiers_include_leads_marked_as_such(catalogue):
    write_study(catalogue, "a", pmid="1")
    path = catalogue / "studies" / "a.yaml"
    path.write_text(
        path.read_text()
        + 'curation:\n  leads:\n    - {kind: pmid, value: "2", seen_at: x}\n'
        + "    - {kind: pmid, value: not-a-pmid, seen_at: x}\n"
    )
    assert study_identifiers(catalogue) == [
        StudyIds("a", "1", None),
        StudyIds("a", "2", None, lead=True),
    ]
