"""The view model: each checked record as a Study, with labels, links and PubMed extras.

Templates and exports read only these objects, so every decision about what a field means
(labels, safe links, citation style, notices) is made once, here, and tested here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..load.history import Change
from ..model import study as model
from ..model.catalogue import Claim
from ..model.pubmed import CacheEntry
from ..model.text import fold
from ..rules.base import Checked
from . import citation, links
from .links import Link
from .notices import Notice, notices
from .safe import inline_html
from .terms import Term, Terms


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
    reason: str


@dataclass(frozen=True)
class Judgement:
    """One cell of a risk-of-bias row: a domain (or 'Overall'), its judgement and reason."""

    domain: Term
    judgement: Term
    reason: str


@dataclass(frozen=True)
class Appraisal:
    """A study's risk of bias as its pages show it: one row, domains in the tool's order."""

    tool: Term
    judged_from: Term
    domains: list[Judgement]
    overall: Judgement


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
    """One study, ready for pages and exports: the typed record with labels and links."""

    record: model.Study
    source_path: str
    title: str
    citation: str
    links: list[Link]
    design: Term
    design_caveat: str
    tier: Term
    tier_rank: int
    species: Term
    substances: list[Term]
    topics: list[Term]
    findings: list[Finding]
    stances: list[Stance]
    appraisal: Appraisal | None
    funding: Funding | None
    verified_from: list[Link]
    pubmed: Pubmed | None
    notices: list[Notice]
    edit_url: str | None
    report_url: str | None
    """The repository's "report an error" form with this record's id filled in."""
    search_text: str
    same_sample: list[Study] = field(default_factory=list)
    history: list[Change] = field(default_factory=list)
    """The record's changes from git, newest first (empty outside a git checkout)."""

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def authors(self) -> tuple[model.Author, ...]:
        return self.record.citation.authors

    @property
    def et_al(self) -> bool:
        """The curated author list holds only the first authors."""
        return self.record.citation.et_al

    @property
    def year(self) -> int:
        return self.record.citation.year

    @property
    def journal(self) -> str | None:
        return self.record.citation.journal

    @property
    def n(self) -> int | None:
        return self.record.population.n

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

    @property
    def lastmod(self) -> str:
        """When the record last changed (YYYY-MM-DD): its newest commit, else when it was added."""
        return self.history[0].date if self.history else self.record.curation.added.isoformat()


def build_study(
    checked: Checked,
    terms: Terms,
    claims: dict[str, Claim],
    entry: CacheEntry | None,
    repo_url: str | None,
) -> Study:
    """A Study view from a checked record and its PubMed cache entry (None when not cached)."""
    study = checked.study
    article = entry.article if entry else None
    cited = study.citation
    findings = [
        Finding(terms.get("outcomes", f.outcome), terms.get("directions", f.direction), f.summary)
        for f in study.findings
    ]
    source_path = links.repository_path(checked.record.path)
    design = terms.get("designs", study.design)
    tier_key = terms.vocabulary.tier_of(study.design)
    return Study(
        record=study,
        source_path=source_path,
        title=" ".join(cited.title.split()),
        citation=citation.nlm_citation(
            list(cited.authors),
            cited.title,
            (article.journal_iso if article else None) or cited.journal,
            cited.year,
            cited.volume,
            cited.issue,
            cited.pages,
            study.ids,
            et_al=cited.et_al,
        ),
        links=links.identifier_links(study.ids, article.pmcid if article else None),
        design=design,
        design_caveat=_caveat(terms, study.design),
        tier=terms.get("tiers", tier_key),
        tier_rank=terms.rank("tiers", tier_key),
        species=terms.get("species", study.population.species),
        substances=[terms.get("exposures", s) for s in study.exposure.substances],
        topics=[terms.get("topics", t) for t in study.topics],
        findings=findings,
        stances=[
            Stance(
                s.claim,
                claims[s.claim].title if s.claim in claims else s.claim,
                terms.get("stances", s.stance),
                s.reason,
            )
            for s in study.claims or ()
        ],
        appraisal=_appraisal(study, terms),
        funding=_funding(study.funding, terms),
        verified_from=[links.link("url", u) for u in study.curation.verified_from],
        pubmed=_pubmed(entry),
        notices=notices(article),
        edit_url=links.edit_url(repo_url, source_path),
        report_url=links.report_error_url(repo_url, links.ERROR_FORM_RECORD, study.id),
        search_text=fold(
            " ".join(
                [cited.title, *(a.name for a in cited.authors)] + [f.summary for f in findings]
            )
        ),
    )


def link_samples(studies: list[Study]) -> None:
    """Point each study at the other reports of the same sample, so counts are not inflated."""
    by_sample: dict[str, list[Study]] = {}
    for study in studies:
        if study.record.sample:
            by_sample.setdefault(study.record.sample, []).append(study)
    for group in by_sample.values():
        for study in group:
            study.same_sample = [s for s in group if s is not study]


def _appraisal(study: model.Study, terms: Terms) -> Appraisal | None:
    """The appraisal with labels, domains in the order of the design's tool."""
    appraisal = study.appraisal
    design = terms.vocabulary.term("designs", study.design)
    tool = (
        terms.vocabulary.term("bias-tools", design.appraisal)
        if design and design.appraisal
        else None
    )
    if appraisal is None or tool is None:
        return None
    order = {domain: index for index, domain in enumerate(tool.domains)}
    domains = sorted(appraisal.domains, key=lambda d: order.get(d.domain, len(order)))
    return Appraisal(
        tool=terms.get("bias-tools", tool.key),
        judged_from=terms.get("appraisal-sources", appraisal.judged_from),
        domains=[
            Judgement(
                terms.get("bias-domains", d.domain),
                terms.get("bias-judgements", d.judgement),
                d.reason,
            )
            for d in domains
        ],
        overall=Judgement(
            Term("bias-domains", "overall", "Overall", "The study's risk of bias as a whole."),
            terms.get("bias-judgements", appraisal.overall.judgement),
            appraisal.overall.reason,
        ),
    )


def _caveat(terms: Terms, design: str) -> str:
    """What the design cannot show, from its vocabulary term."""
    term = terms.vocabulary.term("designs", design)
    return term.caveat or "" if term else ""


def _funding(funding: model.Funding | None, terms: Terms) -> Funding | None:
    if not funding:
        return None
    return Funding(
        [terms.get("funding-types", t) for t in funding.types], funding.statement, funding.conflicts
    )


def _pubmed(entry: CacheEntry | None) -> Pubmed | None:
    if not entry:
        return None
    article = entry.article
    return Pubmed(
        pmid=entry.pmid,
        fetched=entry.fetched[:10],
        journal_iso=article.journal_iso,
        abstract=[(s.label, inline_html(s.text)) for s in article.abstract],
        mesh=[m.notation() for m in article.mesh],
        publication_types=sorted(article.publication_types),
    )
