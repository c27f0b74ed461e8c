"""PubmedCache: deterministic files, untouched when unchanged, atomic, corrupt files reported."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta

import pytest

from scripts.pubmed.cache import DOI_LOOKUPS, PubmedCache

T0 = datetime(2026, 11, 25, 10, 56, 7, 123456, tzinfo=UTC)
ARTICLE = {"pmid": "123", "title": "Kratom and <i>µ</i>", "authors": [{"last": "Núñez"}]}


@pytest.fixture
def cache(tmp_path):
    return PubmedCache(tmp_path / "pubmed")


def test_file_format_is_deterministic(cache):
    assert cache.put("123", ARTICLE, T0) == "new"
    text = cache.path("123").read_text(encoding="utf-8")
    expected = {"pmid": "123", "fetched": "2026-11-25T10:56:07+00:00", "article": ARTICLE}
    assert text == json.dumps(expected, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert "Núñez" in text  # not \u escapes
    assert cache.get("123") == expected
    assert cache.fetched_at("123") == T0.replace(microsecond=0)
    assert cache.pmids() == ["123"]


def test_same_content_leaves_the_file_untouched(cache):
    cache.put("123", ARTICLE, T0)
    path = cache.path("123")
    before, stat = path.read_bytes(), path.stat()
    assert cache.put("123", dict(ARTICLE), T0 + timedelta(days=30)) == "unchanged"
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert path.stat().st_ino == stat.st_ino


def test_changed_content_is_rewritten_with_the_new_time(cache):
    cache.put("123", ARTICLE, T0)
    changed = {**ARTICLE, "title": "Corrected title"}
    assert cache.put("123", changed, T0 + timedelta(days=1)) == "updated"
    entry = cache.get("123")
    assert entry["article"] == changed
    assert entry["fetched"] == "2026-11-26T10:56:07+00:00"


def test_tuples_compare_as_their_json_lists(cache):
    cache.put("123", {"years": [1998, 1999]}, T0)
    assert cache.put("123", {"years": (1998, 1999)}, T0) == "unchanged"


@pytest.mark.parametrize(
    "content",
    ["{not json", "", '{"pmid": "999", "fetched": "2026-01-01T00:00:00+00:00", "article": {}}',
     '{"pmid": "123", "fetched": "yesterday", "article": {}}', '["a list"]', "\xff",
     "[" * 100_000 + "]" * 100_000],
    ids=["broken", "empty", "other-pmid", "bad-time", "list", "binary", "deep"],
)  # fmt: skip
def test_corrupt_file_is_reported_not_raised(cache, content):
    cache.directory.mkdir(parents=True)
    cache.path("123").write_bytes(content.encode("latin-1"))
    assert cache.get("123") is None
    assert cache.fetched_at("123") is None
    assert "123" in cache.corrupt and str(cache.path("123")) in cache.corrupt["123"]
    assert cache.put("123", ARTICLE, T0) == "new"  # re-fetching repairs it
    assert cache.get("123")["article"] == ARTICLE
    assert "123" not in cache.corrupt


def test_missing_entries(cache):
    assert cache.get("123") is None
    assert cache.fetched_at("123") is None
    assert cache.pmids() == []
    assert cache.corrupt == {}


@pytest.mark.parametrize("bad", ["../studies/x", "012", "", "12a", "1" * 11])
def test_pmids_that_are_not_pmids_cannot_name_a_file(cache, bad):
    with pytest.raises(ValueError):
        cache.put(bad, ARTICLE, T0)


def test_naive_time_is_refused(cache):
    with pytest.raises(ValueError, match="timezone"):
        cache.put("123", ARTICLE, datetime(2026, 1, 1))


def test_a_failed_write_leaves_the_old_file_and_no_temporary(cache, monkeypatch):
    cache.put("123", ARTICLE, T0)
    before = cache.path("123").read_bytes()

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        cache.put("123", {**ARTICLE, "title": "new"}, T0)
    assert cache.path("123").read_bytes() == before
    assert sorted(p.name for p in cache.directory.iterdir()) == ["123.json"]


def test_pmids_ignores_other_files(cache):
    for pmid in ("20", "3", "100"):
        cache.put(pmid, ARTICLE, T0)
    (cache.directory / ".123.tmp").write_text("partial")
    (cache.directory / "README.json").write_text("{}")
    assert cache.pmids() == ["3", "20", "100"]


def test_files_are_readable_by_others(cache):
    cache.put("123", ARTICLE, T0)
    assert cache.path("123").stat().st_mode & 0o777 == 0o644


def test_doi_answers_are_kept_and_rewritten_only_when_changed(cache):
    answers = {"10.1/x": {"count": 0, "pmids": [], "checked": "2026-11-25T10:56:07+00:00"}}
    assert cache.doi_lookups() == {}
    cache.put_doi_lookups(answers)
    path = cache.directory / DOI_LOOKUPS
    stat = path.stat()
    cache.put_doi_lookups(dict(answers))
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert cache.doi_lookups() == answers
    assert cache.pmids() == []  # not mistaken for a PMID entry


@pytest.mark.parametrize(
    "content",
    ["{oops", "[]", '{"10.1/x": {"count": 1}}', '{"10.1/x": "1"}', "[" * 100_000 + "]" * 100_000],
    ids=["broken", "list", "no-pmids", "not-a-mapping", "deep"],
)
def test_corrupt_doi_answers_are_reported_not_raised(cache, content):
    cache.directory.mkdir(parents=True)
    (cache.directory / DOI_LOOKUPS).write_text(content)
    assert cache.doi_lookups() == {}
    assert "DOIs will be looked up again" in cache.corrupt[DOI_LOOKUPS]
