"""The view model: each checked record as a Study, with labels, links and PubMed extras.

Templates and exports read only these objects, so every decision about what a field means
(labels, safe links, citation style, notices) is made once, here, and tested here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..load.records import Record
from . import citation, links
from .links import Link
from .notices import Notice, notices
from .safe import inline_html
from .terms import Term, Terms
from .text import fold


@dataclass(frozen=True)
class Finding:
    outcome: Term
    direction: Term
    summary: str


@dataclass(frozen=True)
class Stance:
    claim: str
    title: str
    stance: Term


@dataclass(frozen=True)
class Funding:
    types: list[Term]
    statement: str | None
    conflicts: str | None


@dataclass(frozen=True)
class Pubmed:
    """What the PubMed cache adds to a study page."""

    pmid: str
    fetched: str
    journal_iso: str | None
    abstract: list[tuple[str | None, Markup]]
    mesh: list[str]
    publication_types: list[str]


@dataclass
class Study:
    """One study, ready for pages and exports."""

    id: str
    data: dict[str, Any]
    source_path: str
    title: str
    authors: list[citation.Author]
    et_al: bool
    """The curated author list holds only the first authors."""
    year: int
    journal: str | None
    citation: str
    links: list[Link]
    design: Term
    design_caveat: str
    tier: Term
    tier_rank: int
    species: Term
    n: int | None
    substances: list[Term]
    topics: list[Term]
    findings: list[Finding]
    stances: list[Stance]
    funding: Funding | None
    verified_from: list[Link]
    pubmed: Pubmed | None
    notices: list[Notice]
    edit_url: str | None
    search_text: str
    same_sample: list[Study] = field(default_factory=list)
    history: list[Any] = field(default_factory=list)
    """Change history entries, filled from git by a later stage; the template shows them."""

    @property
    def first_author(self) -> str:
        return self.authors[0].family if self.authors else ""

    @property
    def short_authors(self) -> str:
        """'Singh D, Müller CP, Vicknasingam BK' shortened to 'Singh D et al.' past two."""
        names = [a.name for a in self.authors]
        return (
            names[0] + " et al." if len(names) > 2 or (names and self.et_al) else ", ".join(names)
        )

    @property
    def status(self) -> list[str]:
        return sorted({n.kind for n in self.notices})

    @property
    def retracted(self) -> bool:
        return "retracted" in self.status

    def get(self, *keys: str) -> Any:
        value: Any = self.data
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return value


def build_study(
    record: Record,
    terms: Terms,
    claims: dict[str, dict[str, Any]],
    entry: dict[str, Any] | None,
    repo_url: str | None,
) -> Study:
    """A Study from a checked record and its PubMed cache entry (None when not cached)."""
    data = record.data
    get = record.get
    article = entry["article"] if entry else {}
    authors = [citation.parse_author(a) for a in get("citation", "authors") or []]
    ids = {k: v for k, v in (get("ids") or {}).items() if isinstance(v, str)}
    design = terms.get("designs", get("design"))
    tier_key = terms.vocabulary.tier_of(get("design"))
    findings = [
        Finding(
            terms.get("outcomes", f["outcome"]),
            terms.get("directions", f["direction"]),
            f["summary"],
        )
        for f in get("findings")
    ]
    source_path = links.repository_path(record.path)
    return Study(
        id=record.id,
        data=data,
        source_path=source_path,
        title=" ".join(get("citation", "title").split()),
        authors=authors,
        et_al=get("citation", "et_al") is True,
        year=get("citation", "year"),
        journal=get("citation", "journal"),
        citation=citation.nlm_citation(
            authors,
            get("citation", "title"),
            article.get("journal_iso") or get("citation", "journal"),
            get("citation", "year"),
            get("citation", "volume"),
            get("citation", "issue"),
            get("citation", "pages"),
            ids,
            et_al=get("citation", "et_al") is True,
        ),
        links=links.identifier_links(get("ids") or {}, article.get("ids") or {}),
        design=design,
        design_caveat=(terms.vocabulary.terms["designs"].get(design.key) or {}).get("caveat", ""),
        tier=terms.get("tiers", tier_key),
        tier_rank=terms.rank("tiers", tier_key),
        species=terms.get("species", get("population", "species")),
        n=get("population", "n"),
        substances=[terms.get("exposures", s) for s in get("exposure", "substances")],
        topics=[terms.get("topics", t) for t in get("topics")],
        findings=findings,
        stances=[
            Stance(claim, claims.get(claim, {}).get("title", claim), terms.get("stances", stance))
            for claim, stance in (get("claims") or {}).items()
        ],
        funding=_funding(get("funding"), terms),
        verified_from=[links.web(u) for u in get("curation", "verified_from") or []],
        pubmed=_pubmed(entry),
        notices=notices(article),
        edit_url=links.edit_url(repo_url, source_path),
        search_text=fold(
            " ".join(
                [get("citation", "title"), *(a.name for a in authors)]
                + [f.summary for f in findings]
            )
        ),
    )


def link_samples(studies: list[Study]) -> None:
    """Point each study at the other reports of the same sample, so counts are not inflated."""
    by_sample: dict[str, list[Study]] = {}
    for study in studies:
        if study.get("sample"):
            by_sample.setdefault(study.get("sample"), []).append(study)
    for group in by_sample.values():
        for study in group:
            study.same_sample = [s for s in group if s is not study]


def _funding(funding: dict[str, Any] | None, terms: Terms) -> Funding | None:
    if not funding:
        return None
    return Funding(
        [terms.get("funding-types", t) for t in funding.get("types") or []],
        funding.get("statement"),
        funding.get("conflicts"),
    )


def _pubmed(entry: dict[str, Any] | None) -> Pubmed | None:
    if not entry:
        return None
    article = entry["article"]
    return Pubmed(
        pmid=entry["pmid"],
        fetched=str(entry.get("fetched", ""))[:10],
        journal_iso=article.get("journal_iso"),
        abstract=[
            (section.get("label"), inline_html(section.get("text")))
            for section in article.get("abstract") or []
        ],
        mesh=[_mesh_heading(m) for m in article.get("mesh") or []],
        publication_types=sorted(str(t) for t in article.get("publication_types") or []),
    )


def _mesh_heading(heading: dict[str, Any]) -> str:
    """'Substance Withdrawal Syndrome/drug therapy*' in PubMed's own notation."""
    text = str(heading.get("descriptor", "")) + ("*" if heading.get("major") else "")
    for qualifier in heading.get("qualifiers") or []:
        text += f"/{qualifier.get('name', '')}" + ("*" if qualifier.get("major") else "")
    return text
