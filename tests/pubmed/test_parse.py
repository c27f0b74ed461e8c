"""parse_efetch / parse_esearch against every real NCBI sample and the project's own fixtures."""

from __future__ import annotations

import html
import json
import re
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.model.pubmed import PubmedArticle
from scripts.pubmed import PubmedFormatError
from scripts.pubmed.parse import parse_efetch, parse_esearch

EFETCH_SAMPLES = {
    "efetch_pubmed_100-articles_retracted_erratum_medlinedate.xml": 100,
    "efetch_pubmed_book-article_genereviews.xml": 1,
    "efetch_pubmed_collective-name_orcid_mathml.xml": 1,
    "efetch_pubmed_empty-articletitle_vernacular-only.xml": 1,
    "efetch_pubmed_empty-set_no-record-returned.xml": 0,
    "efetch_pubmed_erratum-in_escaped-nonascii-author.xml": 1,
    "efetch_pubmed_five-articles_medlinedate_collective_utf8-names.xml": 5,
    "efetch_pubmed_rettype-abstract_season-pubdate.xml": 2,
    "efetch_pubmed_structured-abstract_italic-title.xml": 1,
    "efetch_pubmed_title-italic-with-char-ref.xml": 1,
    "efetch_pubmed_two-articles_current-format.xml": 2,
    "efetch_pubmed_vernacular-title_bracketed-title.xml": 1,
    "ftp-updatefile-excerpt_expression-of-concern_deletecitation.xml": 3,
}
KEYS = {
    "pmid", "kind", "title", "title_text", "vernacular_title", "abstract", "authors", "journal",
    "journal_iso", "volume", "issue", "pages", "elocation", "pub_date", "article_date",
    "language", "publication_types", "mesh", "keywords", "grants", "coi_statement", "ids",
    "corrections", "book",
}  # fmt: skip


def notices(article: dict) -> list[str]:
    """The editorial notices of a parsed article, as the typed model reads them from the cache."""
    return [kind.value for kind in PubmedArticle.from_data(article).notices]


def by_pmid(body: bytes) -> dict[str, dict]:
    return {article["pmid"]: article for article in parse_efetch(body)}


@pytest.mark.parametrize(("name", "count"), sorted(EFETCH_SAMPLES.items()))
def test_every_efetch_sample_parses_to_stable_json_able_records(sample, name, count):
    articles = parse_efetch(sample(name))
    assert len(articles) == count
    for article in articles:
        assert set(article) == KEYS
        assert article["pmid"].isdigit()
        assert json.loads(json.dumps(article)) == article


def test_record_pmid_never_comes_from_references_or_deletions(sample):
    articles = parse_efetch(
        sample("ftp-updatefile-excerpt_expression-of-concern_deletecitation.xml")
    )
    assert [a["pmid"] for a in articles] == ["22395128", "20868729", "12657199"]


def test_collective_author_kept_with_orcids(sample):
    article = by_pmid(sample("efetch_pubmed_collective-name_orcid_mathml.xml"))["29963580"]
    collectives = [a["collective"] for a in article["authors"] if a["collective"]]
    assert collectives == ["Canadian Respiratory Research Network"]
    orcids = [a["orcid"] for a in article["authors"] if a["orcid"]]
    assert len(orcids) == 2
    assert "0000-0002-4590-7461" in orcids


def test_mathml_is_flattened_to_text_without_markup(sample):
    article = by_pmid(sample("efetch_pubmed_collective-name_orcid_mathml.xml"))["29963580"]
    text = article["abstract"][0]["text"]
    assert "mml" not in text and "<" not in text
    assert "inhaled He3/Xe129\u2009MRI ventilation" in text  # the thin space of <mml:mtext>
    assert "  " not in text


def test_retracted_article_both_signals(sample):
    articles = by_pmid(sample("efetch_pubmed_100-articles_retracted_erratum_medlinedate.xml"))
    article = articles["1752960"]
    assert "Retracted Publication" in article["publication_types"]
    assert {"type": "RetractionIn", "pmid": "16695966", "source": "J Clin Invest. 1993 Feb;91(2):737"} in article["corrections"]  # fmt: skip
    assert notices(article) == ["retracted"]


def test_erratum_without_pmid_and_name_suffixes(sample):
    articles = by_pmid(sample("efetch_pubmed_100-articles_retracted_erratum_medlinedate.xml"))
    assert articles["1696166"]["corrections"] == [
        {"type": "ErratumIn", "pmid": None, "source": "Cancer Res 1991 May 15;51(10):2749"}
    ]
    assert notices(articles["1696166"]) == ["has-erratum"]
    assert {a["suffix"] for a in articles["1500725"]["authors"]} >= {"3rd"}
    assert {a["suffix"] for a in articles["1537322"]["authors"]} >= {"Jr"}
    assert articles["1427600"]["language"] == ["jpn"]


def test_medline_dates(sample):
    five = by_pmid(sample("efetch_pubmed_five-articles_medlinedate_collective_utf8-names.xml"))
    assert five["151222"]["pub_date"] == {
        "year": 1978, "month": None, "day": None, "season": None,
        "medline_date": "1978 Jul-Sep", "years": [1978],
    }  # fmt: skip
    assert five["151222"]["ids"]["doi"] is None
    hundred = by_pmid(sample("efetch_pubmed_100-articles_retracted_erratum_medlinedate.xml"))
    assert hundred["1350224"]["pub_date"]["medline_date"] == "1992 Mar-Apr"
    assert hundred["1648713"]["pub_date"]["year"] == 1991


def test_five_articles_structured_abstracts_and_utf8_names(sample):
    five = by_pmid(sample("efetch_pubmed_five-articles_medlinedate_collective_utf8-names.xml"))
    sections = five["24792780"]["abstract"]
    assert [(s["label"], s["category"]) for s in sections] == [
        ("INTRODUCTION", "BACKGROUND"), ("OBJECTIVES", "OBJECTIVE"), ("METHODS", "METHODS"),
        ("RESULTS", "RESULTS"), ("CONCLUSION", "CONCLUSIONS"),
    ]  # fmt: skip
    assert all(s["text"] for s in five["33278872"]["abstract"])  # the empty one is dropped
    assert "GEFOS/GENOMOS consortium and the 23andMe research team" in [
        a["collective"] for a in five["30158200"]["authors"]
    ]
    assert five["35196497"]["title_text"].endswith("from C/EBPβ.")  # raw UTF-8 in a title
    # Medina-Gómez, Kähönen, Mägi are in the InvestigatorList, which is not the author list
    authors = {a["last"] for a in five["30158200"]["authors"]}
    assert not {"Medina-Gómez", "Kähönen", "Mägi"} & authors


def test_structured_abstract_all_sections_and_italic_title(sample):
    article = by_pmid(sample("efetch_pubmed_structured-abstract_italic-title.xml"))["27797938"]
    assert article["title"].startswith(
        "Leucocyte telomere length, genetic variants at the <i>TERT</i> gene region"
    )
    assert article["title_text"].startswith(
        "Leucocyte telomere length, genetic variants at the TERT"
    )
    labels = [s["label"] for s in article["abstract"]]
    assert labels == ["OBJECTIVE", "DESIGN", "RESULTS", "CONCLUSIONS"]
    assert all(s["category"] is None and len(s["text"]) > 50 for s in article["abstract"])
    assert article["ids"] == {
        "doi": "10.1136/gutjnl-2016-312510", "pmc": "PMC5442267", "pii": "gutjnl-2016-312510",
        "mid": "NIHMS857349", "pubmed": "27797938", "bookaccession": None,
    }  # fmt: skip
    assert {"type": "CommentIn", "pmid": "27920200", "source": "Gut. 2017 Jun;66(6):1"} in article[
        "corrections"
    ]
    assert article["coi_statement"] == "Competing interests: None declared."
    assert article["keywords"] == ["PANCREATIC CANCER"]
    assert article["grants"][0]["agency"] == "NCATS NIH HHS"


def test_title_with_italic_char_ref(sample):
    article = by_pmid(sample("efetch_pubmed_title-italic-with-char-ref.xml"))["37167981"]
    assert "(<i>μ</i>-XRF)" in article["title"]
    assert "(μ-XRF) based detection" in article["title_text"]
    assert article["pages"] is None
    assert article["elocation"] == [{"type": "doi", "value": "10.1088/1361-6560/acd48e"}]
    assert article["ids"]["doi"] == "10.1088/1361-6560/acd48e"
    assert article["article_date"] == {"year": 2023, "month": "05", "day": "30"}


def test_erratum_in_and_escaped_non_ascii_author(sample):
    article = by_pmid(sample("efetch_pubmed_erratum-in_escaped-nonascii-author.xml"))["38147649"]
    errata = [c for c in article["corrections"] if c["type"] == "ErratumIn"]
    assert [c["pmid"] for c in errata] == ["39705317"]
    assert notices(article) == ["has-erratum"]
    assert "Barrera-Bugueño" in [a["last"] for a in article["authors"]]
    assert sum(1 for a in article["authors"] if a["orcid"]) == 12
    assert article["mesh"] and all(m["descriptor"] for m in article["mesh"])


def test_book_article(sample):
    article = by_pmid(sample("efetch_pubmed_book-article_genereviews.xml"))["20301577"]
    assert article["kind"] == "book"
    assert article["title"] == "<i>CACNA1C</i>-Related Disorders"
    assert article["title_text"] == "CACNA1C-Related Disorders"
    book = article["book"]
    assert book["title"] == "GeneReviews<sup>®</sup>"
    assert book["publisher"] == "University of Washington, Seattle"
    assert book["year"] == 1993
    assert [e["last"] for e in book["editors"]][:2] == ["Adam", "Feldman"]
    assert [a["last"] for a in article["authors"]] == ["Napolitano", "Priori"]
    assert article["ids"]["bookaccession"] == "NBK1403"
    assert article["journal"] is None
    assert [s["label"] for s in article["abstract"]][:2] == [
        "CLINICAL CHARACTERISTICS",
        "DIAGNOSIS/TESTING",
    ]


def test_vernacular_and_bracketed_titles(sample):
    german = by_pmid(sample("efetch_pubmed_vernacular-title_bracketed-title.xml"))["38048813"]
    assert german["title_text"].startswith("[A Broader Scope")
    assert german["vernacular_title"].startswith("A Broader Scope \u2013 Bio-psycho-soziale")
    assert german["language"] == ["ger"]
    assert german["abstract"] == []
    spanish = by_pmid(sample("efetch_pubmed_empty-articletitle_vernacular-only.xml"))["33279447"]
    assert spanish["title"] == "" and spanish["vernacular_title"] == "Pere Barceló."
    assert spanish["language"] == ["eng", "spa"]


def test_season_date_and_old_record(sample):
    articles = by_pmid(sample("efetch_pubmed_rettype-abstract_season-pubdate.xml"))
    assert articles["12091962"]["pub_date"]["season"] == "Spring"
    assert articles["12091962"]["pub_date"]["year"] == 1990
    assert articles["9997"]["ids"]["doi"] == "10.1016/0005-2795(76)90109-4"


def test_two_current_format_articles(sample):
    articles = by_pmid(sample("efetch_pubmed_two-articles_current-format.xml"))
    assert articles["11748933"]["journal"] == "Cryobiology"
    assert (articles["11748933"]["volume"], articles["11748933"]["issue"]) == ("42", "4")
    assert articles["11748933"]["pages"] == "244-55"
    assert articles["11700088"]["journal_iso"] == "J Magn Reson"


def test_empty_set_is_an_empty_list(sample):
    assert parse_efetch(sample("efetch_pubmed_empty-set_no-record-returned.xml")) == []


def test_expression_of_concern_in_ftp_excerpt(sample):
    articles = by_pmid(sample("ftp-updatefile-excerpt_expression-of-concern_deletecitation.xml"))
    assert {"type": "ExpressionOfConcernIn", "pmid": "34752162", "source": "Psychol Sci. 2021 Nov 9;:9567976211058727"} in articles["22395128"]["corrections"]  # fmt: skip
    assert notices(articles["22395128"]) == ["expression-of-concern"]
    assert notices(articles["20868729"]) == ["has-erratum"]


@pytest.mark.parametrize(
    "name",
    [
        "esearch_pubmed_term-biopython.xml",
        "esummary_pubmed_v1_two-docsums.xml",
        "esummary_error_no-id-given.xml",
        "epost_pubmed_error_invalid-id.xml",
    ],
)
def test_other_replies_are_not_article_sets(sample, name):
    with pytest.raises(PubmedFormatError):
        parse_efetch(sample(name))


def test_error_envelope_message_is_shown(sample):
    with pytest.raises(PubmedFormatError, match="Some IDs have invalid value"):
        parse_efetch(sample("epost_pubmed_error_invalid-id.xml"))


@pytest.mark.parametrize(
    "body",
    [
        b"<!DOCTYPE html><html><head><title>Maintenance</title></head><body><p>Back soon<br></body></html>",
        b'<?xml version="1.0" ?>\n<PubmedArticleSet>\n<PubmedArticle><MedlineCitation>',
        b"",
        b'{"error":"API rate limit exceeded","api-key":"1.2.3.4","count":"5","limit":"3"}',
        b'<?xml version="1.0" encoding="UTF-8" ?>\n<eFetchResult>\n\t<ERROR>ID list is empty! '
        b"Possibly it has no correct IDs.</ERROR>\n</eFetchResult>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><PubmedArticleSet>&e;</PubmedArticleSet>',
    ],
    ids=["html", "truncated", "empty-body", "json-429", "efetch-error", "entity"],
)
def test_non_article_set_bodies_raise(body):
    with pytest.raises(PubmedFormatError):
        parse_efetch(body)


def test_esearch_hits_and_no_hits(sample):
    hits = parse_esearch(sample("esearch_pubmed_term-biopython.xml"))
    assert hits["count"] == 63 and len(hits["ids"]) == 20
    assert hits["ids"][0] == "41282813" and hits["ids"][-1] == "37810457"
    none = parse_esearch(sample("esearch_no-results_phrase-not-found.xml"))
    assert none == {
        "count": 0,
        "ids": [],
        "errors": ["PhraseNotFound: abcXYZ"],
        "warnings": ["OutputMessage: No items found."],
    }


def test_esearch_error_envelope_raises():
    body = b"<eSearchResult><ERROR>Invalid query</ERROR></eSearchResult>"
    with pytest.raises(PubmedFormatError, match="Invalid query"):
        parse_esearch(body)


# --- the project's own fixtures: cases the real samples lack -------------------------------------


def test_cross_year_medline_date_update_in_invalid_author(fixture_xml):
    (article,) = parse_efetch(fixture_xml("cross-year-medlinedate_update-in.xml"))
    assert article["pub_date"]["year"] == 1998
    assert article["pub_date"]["years"] == [1998, 1999]
    assert article["pub_date"]["medline_date"] == "1998 Dec-1999 Jan"
    assert article["article_date"]["year"] == 1998
    assert article["pages"] == "10-19"
    assert article["journal_iso"] == "J Proj Fixt"  # MedlineTA when ISOAbbreviation is absent
    assert notices(article) == ["updated"]
    assert article["corrections"][0] == {
        "type": "UpdateIn",
        "pmid": "9900009",
        "source": "J Proj Fixt. 2001;14(1):1-9",
    }
    assert article["corrections"][1]["type"] == "AssociatedDataset"
    assert [a["last"] for a in article["authors"]] == ["Wrong", "Right"]  # ValidYN="N" dropped
    assert article["authors"][1]["orcid"] == "0000-0002-1825-009X"


def test_retraction_notice(fixture_xml):
    (article,) = parse_efetch(fixture_xml("retraction-notice.xml"))
    assert notices(article) == ["retraction-notice"]
    assert article["corrections"] == [
        {"type": "RetractionOf", "pmid": "9900003", "source": "J Proj Fixt. 2020;1:1-2"}
    ]
    assert article["ids"]["doi"] == "10.9999/notice.1"  # from ELocationID
    assert article["pub_date"]["month"] == "Feb"
    assert article["title_text"] == 'Retraction notice to "Kratom cures everything".'


def test_hostile_markup_comes_out_escaped_and_unknown_elements_are_tolerated(fixture_xml):
    (article,) = parse_efetch(fixture_xml("hostile-markup_unknown-elements.xml"))
    title = article["title"]
    assert title == (
        '&lt;script&gt;alert("x")&lt;/script&gt; alert(1)<i>Mitragyna</i> speciosa &amp; '
        "H<sub>2</sub>O<sup>+</sup> <b>bold</b> end"
    )
    assert "<script" not in title and "onclick" not in title and "<u>" not in title
    assert article["title_text"] == (
        '<script>alert("x")</script> alert(1)Mitragyna speciosa & H2O+ bold end'
    )
    assert article["journal"] == "Journal of <b>Hostile</b> Fixtures"  # plain text, not HTML
    sections = article["abstract"]
    assert [s["label"] for s in sections] == ["BACKGROUND", "METHODS"]
    assert sections[0]["text"] == "Text with frame and &lt;img src=x onerror=alert(1)&gt;."
    assert sections[1]["text"] == "kept as text here."
    assert article["ids"]["doi"] == "10.9999/hostile"  # not the reference's DOI
    assert article["ids"]["pubmed"] == "9900004"


def test_article_without_pmid_is_a_format_error():
    body = (
        b"<PubmedArticleSet><PubmedArticle><MedlineCitation><Article><Journal><JournalIssue>"
        b"<PubDate/></JournalIssue></Journal></Article></MedlineCitation></PubmedArticle>"
        b"</PubmedArticleSet>"
    )
    with pytest.raises(PubmedFormatError, match="PMID"):
        parse_efetch(body)


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn"))
        | st.sampled_from("<>&\"' \n"),
        max_size=60,
    ),
    tag=st.sampled_from(["i", "b", "sup", "sub", "u", "script", "span", "a"]),
)
def test_any_title_text_comes_out_as_safe_html_that_reads_back_the_same(text, tag):
    """Whatever the text and the inline element around it, only i/b/sup/sub survive as tags."""
    inner = escape(text)
    body = (
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><Journal>"
        f"<JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue></Journal>"
        f"<ArticleTitle>{inner}<{tag}>{inner}</{tag}></ArticleTitle></Article></MedlineCitation>"
        "</PubmedArticle></PubmedArticleSet>"
    ).encode()
    (article,) = parse_efetch(body)
    title = article["title"]
    without_allowed = re.sub(r"</?(?:i|b|sup|sub)>", "", title)
    assert "<" not in without_allowed and ">" not in without_allowed
    assert squash(html.unescape(without_allowed)) == article["title_text"]
    assert article["title_text"] == squash(text + text)


def squash(text: str) -> str:
    """Whitespace as the parser leaves it: runs collapsed, ends stripped."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()
