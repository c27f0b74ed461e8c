"""A PubMed article as the cache holds it: typed, immutable, read by attribute.

pubmed/parse.py turns E-utilities XML into the cache's JSON shape; `PubmedArticle.from_data`
turns that shape into these classes, once, when an entry is read. Editorial notices
(retraction, erratum, ...) are one enumeration with one mapping from PubMed's link types.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

_TAG = re.compile(r"<[^>]{0,200}>")


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


class NoticeKind(StrEnum):
    """Editorial status a reader must see, in the order banners show them."""

    RETRACTED = "retracted"
    EXPRESSION_OF_CONCERN = "expression-of-concern"
    HAS_ERRATUM = "has-erratum"
    RETRACTION_NOTICE = "retraction-notice"
    UPDATED = "updated"


# PubMed's CommentsCorrections RefType -> the notice it means for this article.
NOTICE_OF_CORRECTION: dict[str, NoticeKind] = {
    "RetractionIn": NoticeKind.RETRACTED,
    "RetractedandRepublishedIn": NoticeKind.RETRACTED,
    "ExpressionOfConcernIn": NoticeKind.EXPRESSION_OF_CONCERN,
    "ErratumIn": NoticeKind.HAS_ERRATUM,
    "RetractionOf": NoticeKind.RETRACTION_NOTICE,
    "UpdateIn": NoticeKind.UPDATED,
}
# Publication types that carry the same meaning without a link.
NOTICE_OF_PUBLICATION_TYPE: dict[str, NoticeKind] = {
    "Retracted Publication": NoticeKind.RETRACTED,
    "Retraction of Publication": NoticeKind.RETRACTION_NOTICE,
}


@dataclass(frozen=True, slots=True)
class PubDate:
    """A publication date as PubMed gives it: parts may be missing, or only a MedlineDate."""

    year: int | None = None
    month: str | None = None
    day: str | None = None
    season: str | None = None
    medline_date: str | None = None
    years: tuple[int, ...] = ()
    """Every year a MedlineDate spans ('1998 Dec-1999 Jan' gives 1998 and 1999)."""


@dataclass(frozen=True, slots=True)
class Correction:
    """A link from this article to another (a retraction, an erratum, a comment...)."""

    type: str
    pmid: str | None
    source: str | None

    @property
    def notice(self) -> NoticeKind | None:
        return NOTICE_OF_CORRECTION.get(self.type) or NOTICE_OF_PUBLICATION_TYPE.get(self.type)


@dataclass(frozen=True, slots=True)
class AbstractSection:
    label: str | None
    text: str
    """Safe inline HTML (only i, b, sup, sub tags)."""


@dataclass(frozen=True, slots=True)
class MeshHeading:
    descriptor: str
    major: bool
    qualifiers: tuple[tuple[str, bool], ...]
    """(qualifier name, major topic) pairs."""

    def notation(self) -> str:
        """'Substance Withdrawal Syndrome/drug therapy*' in PubMed's own notation."""
        text = self.descriptor + ("*" if self.major else "")
        for name, major in self.qualifiers:
            text += f"/{name}" + ("*" if major else "")
        return text


@dataclass(frozen=True, slots=True)
class Grant:
    id: str | None
    acronym: str | None
    agency: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class PubmedAuthor:
    last: str | None
    fore: str | None
    initials: str | None
    collective: str | None
    suffix: str | None = None

    @property
    def curated_form(self) -> str | None:
        """PubMed style as records write it: Surname Initials (Garcia-Romeu A), suffix after;
        a group name in full."""
        if self.collective:
            return self.collective
        if not self.last:
            return None
        return " ".join(part for part in (self.last, self.initials, self.suffix) if part)


@dataclass(frozen=True, slots=True)
class PubmedArticle:
    pmid: str
    kind: str
    """'article' or 'book'."""
    title: str
    """Safe inline HTML."""
    title_text: str
    vernacular_title: str | None
    book_title_text: str | None
    book_publisher: str | None
    book_year: int | None
    abstract: tuple[AbstractSection, ...]
    authors: tuple[PubmedAuthor, ...]
    journal: str | None
    journal_iso: str | None
    volume: str | None
    issue: str | None
    pages: str | None
    pub_date: PubDate
    article_date: PubDate | None
    publication_types: tuple[str, ...]
    mesh: tuple[MeshHeading, ...]
    grants: tuple[Grant, ...]
    coi_statement: str | None
    doi: str | None
    pmcid: str | None
    corrections: tuple[Correction, ...]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> PubmedArticle:
        """The article in a cache entry's `article` (the shape pubmed/parse.py writes)."""
        ids = data.get("ids") or {}
        book = data.get("book") or {}
        return cls(
            pmid=data["pmid"],
            kind=data.get("kind", "article"),
            title=data.get("title") or "",
            title_text=data.get("title_text") or "",
            vernacular_title=data.get("vernacular_title"),
            book_title_text=book.get("title_text"),
            book_publisher=book.get("publisher"),
            book_year=book.get("year"),
            abstract=tuple(
                AbstractSection(s.get("label"), s.get("text") or "")
                for s in data.get("abstract") or ()
            ),
            authors=tuple(
                PubmedAuthor(
                    a.get("last"),
                    a.get("fore"),
                    a.get("initials"),
                    a.get("collective"),
                    a.get("suffix"),
                )
                for a in data.get("authors") or ()
            ),
            journal=data.get("journal"),
            journal_iso=data.get("journal_iso"),
            volume=data.get("volume"),
            issue=data.get("issue"),
            pages=data.get("pages"),
            pub_date=_date(data.get("pub_date")) or PubDate(),
            article_date=_date(data.get("article_date")),
            publication_types=tuple(str(t) for t in data.get("publication_types") or ()),
            mesh=tuple(
                MeshHeading(
                    str(m.get("descriptor", "")),
                    bool(m.get("major")),
                    tuple(
                        (str(q.get("name", "")), bool(q.get("major")))
                        for q in m.get("qualifiers") or ()
                    ),
                )
                for m in data.get("mesh") or ()
            ),
            grants=tuple(
                Grant(g.get("id"), g.get("acronym"), g.get("agency"), g.get("country"))
                for g in data.get("grants") or ()
            ),
            coi_statement=data.get("coi_statement"),
            doi=ids.get("doi"),
            pmcid=ids.get("pmc"),
            corrections=tuple(
                Correction(c.get("type", ""), c.get("pmid"), c.get("source"))
                for c in data.get("corrections") or ()
            ),
        )

    @property
    def years(self) -> set[int]:
        """Every year a correct citation may give: issue year(s), e-pub year, book year."""
        found = set(self.pub_date.years)
        found |= {y for y in (self.pub_date.year, self.book_year) if y}
        if self.article_date and self.article_date.year:
            found.add(self.article_date.year)
        return found

    @property
    def year(self) -> int | None:
        """The year a citation gives: the issue's, else the e-pub's, else the book's."""
        dated = self.article_date.year if self.article_date else None
        return next((y for y in (self.pub_date.year, dated, self.book_year) if y), None)

    def title_matches(self, curated_title: str) -> bool:
        """True when a curated title is this article's title (or vernacular or book title)."""
        wanted = normalise_title(curated_title)
        candidates = (self.title_text, self.vernacular_title, self.book_title_text)
        return bool(wanted) and any(normalise_title(c) == wanted for c in candidates if c)

    @property
    def notices(self) -> tuple[NoticeKind, ...]:
        """Every editorial status that applies, in NoticeKind order, each once."""
        kinds = {c.notice for c in self.corrections if c.notice}
        kinds |= {
            NOTICE_OF_PUBLICATION_TYPE[t]
            for t in self.publication_types
            if t in NOTICE_OF_PUBLICATION_TYPE
        }
        return tuple(kind for kind in NoticeKind if kind in kinds)


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """One cache file: the article and when it was fetched (ISO 8601, UTC)."""

    pmid: str
    fetched: str
    article: PubmedArticle


def _date(data: dict[str, Any] | None) -> PubDate | None:
    if not data:
        return None
    return PubDate(
        year=data.get("year"),
        month=data.get("month"),
        day=data.get("day"),
        season=data.get("season"),
        medline_date=data.get("medline_date"),
        years=tuple(data.get("years") or ()),
    )
