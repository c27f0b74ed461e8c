"""`candidates`: rerun the catalogue's stated search against the fake E-utilities server."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest
from conftest import VALID_RECORD, write_record

from scripts.__main__ import main
from scripts.cli.candidates import Candidate, Result, query_from_terms, write_markdown
from scripts.pubmed import client as client_module
from scripts.pubmed.cache import PubmedCache
from scripts.pubmed.parse import parse_efetch
from tests.fake_eutils import FakeArticle, FakeEutils, article_set_xml

QUERY = "kratom AND withdrawal"


@dataclass
class SearchingEutils(FakeEutils):
    """The fake server, answering free-text searches too (it knows only DOI terms itself)."""

    query_hits: dict[str, list[str]] = field(default_factory=dict)

    def _esearch_ids(self, term: str) -> list[str]:
        if term in self.query_hits:
            return self.query_hits[term]
        return super()._esearch_ids(term)


ARTICLES = {
    "12345678": FakeArticle("12345678", title="A test study of kratom use.", doi="10.1000/test.1"),
    "30000001": FakeArticle("30000001", title="Excluded news item.", year=2019),
    "30000002": FakeArticle("30000002", title="Same study, DOI only.", doi="10.1000/doi-only"),
    "30000003": FakeArticle(
        "30000003", year=2021, title_xml="Kratom <i>and</i> [withdrawal] *survey*."
    ),
    "30000004": FakeArticle("30000004", title="A newer candidate.", year=2024),
}
EXCLUDED = """\
excluded:
  - title: Excluded news item
    ids:
      pmid: "30000001"
    reason: not-a-study
"""
DOI_ONLY = (
    VALID_RECORD.replace("doe-2020-kratom-test-study", "roe-2021-kratom-doi-only")
    .replace('  pmid: "12345678"\n', "")
    .replace("10.1000/test.1", "10.1000/DOI-only")
)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch):
    with SearchingEutils(articles=dict(ARTICLES), query_hits={QUERY: list(ARTICLES)}) as fake:
        monkeypatch.setenv("NCBI_EUTILS_URL", fake.url)
        monkeypatch.setenv("NCBI_EMAIL", "maintainer@example.org")
        monkeypatch.setenv("NCBI_API_KEY", "fake-key")  # 10 requests/s: faults cost less time
        monkeypatch.setattr(client_module, "BACKOFF_BASE", 0.01)
        yield fake


@pytest.fixture
def full_catalogue(catalogue):
    (catalogue / "search.yaml").write_text(f'pubmed_query: "{QUERY}"\n', encoding="utf-8")
    (catalogue / "excluded.yaml").write_text(EXCLUDED, encoding="utf-8")
    write_record(catalogue, VALID_RECORD)
    write_record(catalogue, DOI_ONLY, "roe-2021-kratom-doi-only")
    return catalogue


def candidates(catalogue, *args: str) -> int:
    return main(["candidates", "--catalogue", str(catalogue), *args])


def test_lists_what_is_neither_catalogued_nor_excluded(full_catalogue, server, capsys):
    assert candidates(full_catalogue) == 0
    out = capsys.readouterr().out
    assert out == (
        f"PubMed search: {QUERY}\n"
        "5 results, 5 checked: 2 already catalogued, 1 in the exclusion log, 2 candidates\n"
        "PMID 30000004 (2024): A newer candidate.\n"
        "PMID 30000003 (2021): Kratom and [withdrawal] *survey*.\n"
        "start a record with: python -m scripts new --pmid N\n"
    )
    search = [r for r in server.requests if r.endpoint == "esearch.fcgi"]
    assert [(r.params["term"], r.params["retmax"]) for r in search] == [(QUERY, "200")]
    fetched = [r.ids for r in server.requests if r.endpoint == "efetch.fcgi"]
    assert fetched == [["30000002", "30000003", "30000004"]]  # titles; catalogued PMIDs skipped
    assert not (full_catalogue / "pubmed").exists()  # candidates are not cached


def test_markdown_for_the_standing_issue(full_catalogue, server, capsys):
    assert candidates(full_catalogue, "--format", "markdown", "--retmax", "50") == 0
    out = capsys.readouterr().out
    assert out.startswith(f"### Candidate studies, {date.today().isoformat()}\n\n")
    assert f"PubMed search: `{QUERY}`" in out
    assert (
        "- [ ] [PMID 30000003](https://pubmed.ncbi.nlm.nih.gov/30000003/) (2021): "
        "Kratom and \\[withdrawal\\] \\*survey\\*.\n"
    ) in out
    assert "python -m scripts new --pmid N" in out
    assert [r.params["retmax"] for r in server.requests if r.endpoint == "esearch.fcgi"] == ["50"]


def test_titles_come_from_the_cache_first(full_catalogue, server, capsys):
    article = parse_efetch(article_set_xml([ARTICLES["30000004"]]))[0]
    article["title_text"] = "Title from the cache"
    PubmedCache(full_catalogue / "pubmed").put("30000004", article, datetime.now(UTC))
    assert candidates(full_catalogue) == 0
    assert "PMID 30000004 (2024): Title from the cache\n" in capsys.readouterr().out
    fetched = [r.ids for r in server.requests if r.endpoint == "efetch.fcgi"]
    assert fetched == [["30000002", "30000003"]]


def test_titles_unavailable_still_lists_pmids(full_catalogue, server, capsys):
    server.fail_next("ok", *["500"] * 6)  # the search works, every title fetch fails
    assert candidates(full_catalogue) == 0
    captured = capsys.readouterr()
    assert "PMID 30000004: (title not available)" in captured.out
    assert "PMID 30000002: (title not available)" in captured.out  # its DOI is unknown now
    assert "warning: titles of 3 PMIDs not fetched" in captured.err


def test_query_built_from_terms(catalogue, server, capsys):
    (catalogue / "search.yaml").write_text(
        "sources: [PubMed]\nterms:\n  - kratom\n  - Mitragyna speciosa\n", encoding="utf-8"
    )
    server.query_hits['kratom OR "Mitragyna speciosa"'] = ["30000004"]
    assert candidates(catalogue) == 0
    assert "PMID 30000004 (2024): A newer candidate." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("terms", "query"),
    [
        ("kratom[tiab]", "kratom[tiab]"),
        (["kratom", "mitragynine"], "kratom OR mitragynine"),
        (
            [["kratom", "Mitragyna speciosa"], ["withdrawal", "prolactin"]],
            '(kratom OR "Mitragyna speciosa") AND (withdrawal OR prolactin)',
        ),
        (
            {"plant": ["kratom"], "topic": ["withdrawal", "dependence"]},
            "kratom AND (withdrawal OR dependence)",
        ),
        ([], ""),
        (None, ""),
    ],
)
def test_query_from_terms(terms, query):
    assert query_from_terms(terms) == query


def test_no_search_statement_is_a_usage_error(catalogue, capsys):
    assert candidates(catalogue) == 2
    assert "search.yaml not found" in capsys.readouterr().err


def test_search_statement_without_query_or_terms(catalogue, capsys):
    (catalogue / "search.yaml").write_text("sources: [PubMed]\n", encoding="utf-8")
    assert candidates(catalogue) == 2
    assert "neither `pubmed_query:` nor usable `terms:`" in capsys.readouterr().err


def test_broken_search_statement(catalogue, capsys):
    (catalogue / "search.yaml").write_text("pubmed_query: a\npubmed_query: b\n", encoding="utf-8")
    assert candidates(catalogue) == 2
    assert "search.yaml:2:1: key 'pubmed_query' appears twice" in capsys.readouterr().err


def test_search_failure_is_a_message_not_a_traceback(full_catalogue, server, capsys):
    server.fail_next(*["500"] * 6)
    assert candidates(full_catalogue) == 1
    err = capsys.readouterr().err
    assert "error: the PubMed search failed" in err and "Traceback" not in err


def test_no_email(full_catalogue, server, monkeypatch, capsys):
    monkeypatch.delenv("NCBI_EMAIL")
    assert candidates(full_catalogue) == 2
    assert "set NCBI_EMAIL" in capsys.readouterr().err


def test_retmax_range(full_catalogue, capsys):
    assert candidates(full_catalogue, "--retmax", "0") == 2
    assert "--retmax must be between 1 and 10000" in capsys.readouterr().err


def test_tally_says_when_more_hits_exist():
    hostile = Candidate("2", "<script>alert(1)</script> [x](javascript:y)", 2020)
    result = Result("kratom", 900, 200, candidates=[hostile, Candidate("1", None, None)])
    out = io.StringIO()
    write_markdown(result, out, date(2026, 11, 25))
    assert "900 results, the first 200 checked (raise --retmax to check more)" in out.getvalue()
    assert "- [ ] [PMID 1](https://pubmed.ncbi.nlm.nih.gov/1/): *title not available*" in (
        out.getvalue()
    )
    assert "\\<script\\>alert\\(1\\)\\</script\\> \\[x\\]\\(javascript:y\\)" in out.getvalue()
