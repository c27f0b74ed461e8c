"""Curated citation vs PubMed record: pure functions for the check rules.

Why: a title or year that does not match PubMed almost always means a wrong PMID, and a
retraction or expression of concern must reach the reader. These functions take a parsed
article (see parse.py) and never touch the network or the cache.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

_TAG = re.compile(r"<[^>]{0,200}>")
# Retraction and expression-of-concern links that point from this article to a notice.
NOTICE_TYPES = {
    "RetractionIn": "retraction",
    "RetractedandRepublishedIn": "retraction",
    "ExpressionOfConcernIn": "expression-of-concern",
}


def normalise_title(title: str) -> str:
    """Letters and digits only, case-folded, NFKC: markup, punctuation and spacing do not count.

    Translated titles come in square brackets with a trailing period ("[Title].");
    these and any inline tags (<i>, <sub>) are removed first.
    """
    text = html.unescape(_TAG.sub("", title))
    text = unicodedata.normalize("NFKC", text).strip()
    text = text.removesuffix(".").strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def title_matches(curated_title: str, article: dict[str, Any]) -> bool:
    """True when the curated title is PubMed's title (or vernacular title, or book title)."""
    wanted = normalise_title(curated_title)
    if not wanted:
        return False
    book = article.get("book") or {}
    candidates = (
        article.get("title_text"),
        article.get("vernacular_title"),
        book.get("title_text"),
    )
    return any(normalise_title(c) == wanted for c in candidates if c)


def years_of(article: dict[str, Any]) -> set[int]:
    """Every year a correct citation may give: issue year(s), e-pub year, book year."""
    pub_date = article.get("pub_date") or {}
    years = set(pub_date.get("years") or [])
    if pub_date.get("year"):
        years.add(pub_date["year"])
    article_date = article.get("article_date") or {}
    if article_date.get("year"):
        years.add(article_date["year"])
    book = article.get("book") or {}
    if book.get("year"):
        years.add(book["year"])
    return years


def correction_notices(article: dict[str, Any]) -> list[dict[str, Any]]:
    """Retraction and expression-of-concern notices about this article, with their PMIDs.

    A "Retracted Publication" type without a RetractionIn link still yields a retraction
    notice (with pmid None), since either signal alone means the article is retracted.
    """
    notices = [
        {
            "kind": NOTICE_TYPES[c["type"]],
            "type": c["type"],
            "pmid": c["pmid"],
            "source": c["source"],
        }
        for c in article.get("corrections", [])
        if c.get("type") in NOTICE_TYPES
    ]
    retracted_type = "Retracted Publication" in article.get("publication_types", [])
    if retracted_type and not any(n["kind"] == "retraction" for n in notices):
        notices.append(
            {"kind": "retraction", "type": "Retracted Publication", "pmid": None, "source": None}
        )
    return notices


def missing_ids(record_ids: dict[str, Any], article: dict[str, Any]) -> dict[str, str]:
    """Identifiers PubMed knows that the record lacks: {"doi": ..., "pmcid": ...}."""
    known = article.get("ids") or {}
    pubmed = {"doi": known.get("doi"), "pmcid": known.get("pmc")}
    return {name: value for name, value in pubmed.items() if value and not record_ids.get(name)}
