"""compare.py: title matching, years, correction notices, identifiers PubMed knows."""

from __future__ import annotations

import pytest

from scripts.model.pubmed import PubmedArticle, normalise_title
from scripts.model.study import Identifiers
from scripts.pubmed.compare import correction_notices, missing_ids
from scripts.pubmed.parse import parse_efetch


def title_matches(curated: str, article: PubmedArticle) -> bool:
    return article.title_matches(curated)


def years_of(article: PubmedArticle) -> set[int]:
    return article.years


def parsed(body: bytes) -> list[PubmedArticle]:
    return [PubmedArticle.from_data(a) for a in parse_efetch(body)]


def notices(article: PubmedArticle) -> list[tuple[str, str, str | None, str | None]]:
    return [(c.notice, c.type, c.pmid, c.source) for c in correction_notices(article)]


FULLWIDTH = "".join(chr(ord(c) + 0xFEE0) for c in "Fullwidth")  # NFKC folds it to ASCII


def article(**fields) -> PubmedArticle:
    base = {
        "pmid": "1",
        "title_text": "",
        "vernacular_title": None,
        "pub_date": {"year": None, "years": []},
        "article_date": None,
        "book": None,
        "corrections": [],
        "publication_types": ["Journal Article"],
        "ids": {"doi": None, "pmc": None},
    }
    return PubmedArticle.from_data({**base, **fields})


@pytest.mark.parametrize(
    ("curated", "pubmed"),
    [
        ("Kratom use in the United States", "Kratom use in the United States."),
        ("KRATOM USE IN THE UNITED STATES.", "Kratom use in the United States."),
        ("Kratom  use\nin the United-States", "Kratom use in the United States."),
        ("Effects of <i>Mitragyna speciosa</i>", "Effects of Mitragyna speciosa."),
        ("Doped SnO2 thin films", "Doped SnO2thin films."),  # no space after </sub> in PubMed
        ("(µ-XRF) detection", "(μ-XRF) detection."),  # micro sign vs Greek mu: NFKC
        (FULLWIDTH + " title", "Fullwidth title"),
        ("A Broader Scope - Bio-Psycho-Social Medicine", "[A Broader Scope - Bio-Psycho-Social Medicine]."),
        ("Kratom &amp; opioids", "Kratom & opioids"),
    ],
)  # fmt: skip
def test_titles_that_match(curated, pubmed):
    assert title_matches(curated, article(title_text=pubmed))


@pytest.mark.parametrize(
    "curated",
    ["Kratom use in Thailand", "", "Kratom use in the United States: a survey"],
)
def test_titles_that_do_not_match(curated):
    assert not title_matches(curated, article(title_text="Kratom use in the United States."))


def test_vernacular_and_book_titles_count():
    german = article(title_text="[A Broader Scope].", vernacular_title="Ein weiterer Blick.")
    assert title_matches("Ein weiterer Blick", german)
    book = article(title_text="CACNA1C-Related Disorders", book={"title_text": "GeneReviews®"})
    assert title_matches("GeneReviews®", book)
    assert title_matches("GeneReviews", book)  # ® is a symbol, not a letter
    assert title_matches("CACNA1C-related disorders", book)


def test_empty_pubmed_title_never_matches_an_empty_curated_title():
    assert not title_matches("", article(title_text="", vernacular_title=""))


def test_normalise_title_keeps_letters_and_digits_of_every_script():
    assert normalise_title("Kratom (Mitragyna speciosa) — 2020!") == "kratommitragynaspeciosa2020"
    assert normalise_title("Κρατόμ και ΟΠΙΟΕΙΔΗ") == "κρατόμκαιοπιοειδη"
    assert normalise_title("[Übersetzter Titel].") == "übersetztertitel"


def test_years_of_collects_every_date():
    assert years_of(
        article(
            pub_date={"year": 1998, "years": [1998, 1999]},
            article_date={"year": 1997, "month": "11", "day": "20"},
        )
    ) == {1997, 1998, 1999}
    assert years_of(article(book={"year": 1993}, pub_date={"year": 1993, "years": [1993]})) == {
        1993
    }
    assert years_of(article()) == set()


def test_correction_notices():
    retracted = article(
        corrections=[
            {"type": "CommentIn", "pmid": "1", "source": "a"},
            {"type": "RetractionIn", "pmid": "16695966", "source": "J Clin Invest. 1993"},
            {"type": "ExpressionOfConcernIn", "pmid": "34752162", "source": "Psychol Sci."},
            {"type": "ErratumIn", "pmid": None, "source": "b"},
        ],
        publication_types=["Journal Article", "Retracted Publication"],
    )
    assert notices(retracted) == [
        ("retracted", "RetractionIn", "16695966", "J Clin Invest. 1993"),
        ("expression-of-concern", "ExpressionOfConcernIn", "34752162", "Psychol Sci."),
    ]


def test_retracted_publication_type_alone_is_a_notice():
    only_type = article(publication_types=["Retracted Publication"])
    assert notices(only_type) == [("retracted", "Retracted Publication", None, None)]
    assert correction_notices(article()) == []


def test_a_retraction_notice_is_not_itself_retracted():
    notice = article(
        corrections=[{"type": "RetractionOf", "pmid": "9", "source": "x"}],
        publication_types=["Retraction of Publication"],
    )
    assert correction_notices(notice) == []


def test_missing_ids():
    pubmed = article(ids={"doi": "10.1/ABC", "pmc": "PMC123", "pubmed": "5"})
    assert missing_ids(Identifiers(pmid="5"), pubmed) == {"doi": "10.1/ABC", "pmcid": "PMC123"}
    complete = Identifiers(pmid="5", doi="10.1/abc", pmcid="PMC123")
    assert missing_ids(complete, pubmed) == {}
    assert missing_ids(Identifiers(doi="10.1/abc"), article()) == {}


def test_on_real_samples(sample):
    retracted = {
        a.pmid: a
        for a in parsed(sample("efetch_pubmed_100-articles_retracted_erratum_medlinedate.xml"))
    }["1752960"]
    assert [n.pmid for n in correction_notices(retracted)] == ["16695966"]
    (german,) = parsed(sample("efetch_pubmed_vernacular-title_bracketed-title.xml"))
    assert title_matches("A Broader Scope: Bio-Psycho-Social Medicine in Global Focus", german)
    (italic,) = parsed(sample("efetch_pubmed_title-italic-with-char-ref.xml"))
    assert title_matches(
        "Monte Carlo simulation of micro-x-ray fluorescence (µ-XRF) based detection of "
        "immunomagnetically labeled tumor cells",
        italic,
    )
    (structured,) = parsed(sample("efetch_pubmed_structured-abstract_italic-title.xml"))
    assert missing_ids(Identifiers(pmid="27797938"), structured) == {
        "doi": "10.1136/gutjnl-2016-312510",
        "pmcid": "PMC5442267",
    }
