"""A PubMed article as the cache holds it: typed, immutable, read by attribute.

pubmed/parse.py turns E-utilities XML into the cache's JSON shape; `PubmedArticle.from_data`
turns that shape into these classes, once, when an entry is read. Editorial notices
(retraction, erratum, ...) are one enumeration with one mapping from PubMed's link types.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


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
        return NOTICE_OF_CORRECTION.get(self.type)


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

    @property
    def curated_form(self) -> str | None:
        """'Garcia-Romeu A' as records write authors, or a group name in full."""
        if self.collective:
            return self.collective
        if self.last:
            return f"{self.last} {self.initials}" if self.initials else self.last
        return None


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
            abstract=tuple(
                AbstractSection(s.get("label"), s.get("text") or "")
                for s in data.get("abstract") or ()
            ),
            authors=tuple(
                PubmedAuthor(a.get("last"), a.get("fore"), a.get("initials"), a.get("collective"))
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
        for date in (self.pub_date, self.article_date):
            if date and date.year:
                found.add(date.year)
        return found

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
