"""pubmed_match: the curated citation against cached PubMed data (a wrong PMID shows here)."""

from datetime import UTC, datetime

from conftest import VALID_RECORD, check_one, edited

from scripts.pubmed.cache import PubmedCache
from scripts.pubmed.parse import parse_efetch
from tests.fake_eutils import FakeArticle, article_set_xml


def cache(catalogue, **fields) -> None:
    defaults = {"title": "A test study of kratom use.", "year": 2020, "doi": "10.1000/test.1"}
    (article,) = parse_efetch(article_set_xml([FakeArticle("12345678", **{**defaults, **fields})]))
    PubmedCache(catalogue / "pubmed").put("12345678", article, datetime(2026, 11, 25, tzinfo=UTC))


def test_matching_citation_passes(catalogue):
    cache(catalogue, title="A Test Study of Kratom Use.")
    assert check_one(catalogue, VALID_RECORD) == []


def test_title_mismatch_is_a_wrong_pmid(catalogue):
    cache(catalogue, title="Something else entirely.")
    assert check_one(catalogue, VALID_RECORD) == [
        (
            4,
            "pubmed-title-mismatch",
            "title differs from PubMed 12345678: 'Something else entirely.'",
        )
    ]


def test_year_mismatch(catalogue):
    cache(catalogue, year=2011)
    assert check_one(catalogue, VALID_RECORD) == [
        (8, "pubmed-year-mismatch", "year 2020 matches none of PubMed's dates for 12345678 (2011)")
    ]


def test_doi_known_to_pubmed_is_a_note(catalogue):
    cache(catalogue)
    text = edited("  doi: 10.1000/test.1\n", "")
    assert check_one(catalogue, text) == [
        (11, "pubmed-has-id", "PubMed gives doi 10.1000/test.1, which the record lacks")
    ]


def test_retraction_is_a_warning(catalogue):
    xml = article_set_xml(
        [FakeArticle("12345678", title="A test study of kratom use.", doi="10.1000/test.1")]
    )
    notice = b'<CommentsCorrectionsList><CommentsCorrections RefType="RetractionIn"><RefSource>Test Journal. 2021;2:3</RefSource><PMID Version="1">33333333</PMID></CommentsCorrections></CommentsCorrectionsList>'
    xml = xml.replace(b"</MedlineJournalInfo>", b"</MedlineJournalInfo>" + notice)
    (article,) = parse_efetch(xml)
    PubmedCache(catalogue / "pubmed").put("12345678", article, datetime(2026, 11, 25, tzinfo=UTC))
    found = check_one(catalogue, VALID_RECORD)
    assert [(line, code) for line, code, _ in found] == [(12, "retracted")]
    assert "33333333" in found[0][2]


def test_unreadable_cache_is_reported_not_crashed(catalogue):
    (catalogue / "pubmed").mkdir()
    (catalogue / "pubmed" / "12345678.json").write_text("{not json", encoding="utf-8")
    assert check_one(catalogue, VALID_RECORD) == [
        (12, "pubmed-cache-unreadable", "cached PubMed data for 12345678 cannot be read")
    ]
