"""The method files for the method page: the search statement and the exclusion log.

Both are optional (the page then says they are not published yet). They are read and checked
with the vocabularies (see vocabulary.py and the exclusion_log rule); here they only become
what the page shows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from ..load.vocabulary import Vocabulary
from ..model.study import Identifiers
from .links import Link, identifier_links
from .terms import Term, Terms

# Search statement keys shown in their own places; any others are shown as they are.
_KNOWN = ("inclusion", "exclusion", "last_searched", "sources", "terms", "pubmed_query")


@dataclass(frozen=True)
class SearchStatement:
    inclusion: str
    exclusion: str
    last_searched: str
    sources: list[str]
    terms: list[str]
    pubmed_query: str
    other: dict[str, Any]


@dataclass(frozen=True)
class Exclusion:
    title: str
    links: list[Link]
    reason: Term
    note: str


def search_statement(vocabulary: Vocabulary) -> SearchStatement | None:
    data = vocabulary.search
    if not isinstance(data, dict):
        return None
    return SearchStatement(
        inclusion=_text(data.get("inclusion")),
        exclusion=_text(data.get("exclusion")),
        last_searched=_text(data.get("last_searched")),
        sources=_texts(data.get("sources")),
        terms=_texts(data.get("terms")),
        pubmed_query=_text(data.get("pubmed_query")),
        other={k: v for k, v in data.items() if k not in _KNOWN},
    )


def exclusions(vocabulary: Vocabulary, terms: Terms) -> list[Exclusion] | None:
    """The exclusion log's entries in their curated order, or None when there is no log."""
    if vocabulary.excluded is None:
        return None
    entries = vocabulary.excluded.data.get("excluded") or []
    return [
        Exclusion(
            title=_text(entry.get("title")),
            links=identifier_links(_identifiers(entry.get("ids"))),
            reason=terms.get("exclusion-reasons", _text(entry.get("reason"))),
            note=_text(entry.get("note")),
        )
        for entry in entries
        if isinstance(entry, dict)
    ]


def _identifiers(ids: Any) -> Identifiers:
    """An exclusion entry's identifiers (the data file's schema makes them text)."""
    ids = ids if isinstance(ids, dict) else {}
    return Identifiers(
        pmid=ids.get("pmid"), pmcid=ids.get("pmcid"), doi=ids.get("doi"), url=ids.get("url")
    )


def _text(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else " ".join(str(value).split())


def _texts(value: Any) -> list[str]:
    if isinstance(value, list):
        return [_text(v) for v in value]
    return [_text(value)] if value else []
