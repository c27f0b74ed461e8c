"""The whole site's data: studies, claims, topics, maps and filter options, built once."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..load.history import record_history
from ..load.vocabulary import Vocabulary
from ..model import study as model
from ..model.catalogue import Assessment, SearchStatement
from ..model.identifiers import PMID
from ..model.names import CATALOGUE_NAME, is_slug
from ..model.pubmed import CacheEntry
from ..pubmed.cache import PubmedCache
from ..rules.base import Checked
from . import BuildError, links
from .claim_evidence import ClaimEvidence, claim_evidence
from .evidence_map import Matrix, evidence_maps
from .method_data import Exclusion, exclusions
from .model import Study, build_study, link_samples
from .notices import KINDS
from .safe import safe_url
from .screening import Flow, screening_flow
from .terms import Term, Terms

NAME = CATALOGUE_NAME
# Vocabularies shown on the method page, in this order, with a heading each.
VOCABULARY_SECTIONS = (
    ("designs", "Study designs"),
    ("tiers", "Strength of design (evidence tiers)"),
    ("species", "Species"),
    ("exposures", "Exposures"),
    ("topics", "Topics"),
    ("outcomes", "Outcomes"),
    ("directions", "Directions of effect"),
    ("stances", "Stances on claims"),
    ("funding-types", "Funding types"),
    ("exclusion-reasons", "Reasons for exclusion"),
    ("bias-judgements", "Risk-of-bias judgements"),
    ("certainty-levels", "Certainty of the evidence"),
    ("grade-domains", "What moves certainty (GRADE domains)"),
)


@dataclass(frozen=True)
class BiasTool:
    """A bias tool as the method page lists it: its domains and the designs judged with it."""

    tool: Term
    domains: list[Term]
    designs: list[Term]


@dataclass(frozen=True)
class Option:
    """One choice in a listing filter: the value in the URL, its label, how many studies."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Topic:
    term: Term
    studies: list[Study]


@dataclass
class Site:
    name: str
    studies: list[Study]
    claims: list[ClaimEvidence]
    topics: list[Topic]
    maps: list[Matrix]
    filters: dict[str, list[Option]]
    vocabularies: list[tuple[str, str, list[Term]]]
    terms: Terms
    search: SearchStatement | None
    exclusions: list[Exclusion] | None
    bias_tools: list[BiasTool]
    screening: Flow
    as_of: str
    years: tuple[int, int]
    repo_url: str | None
    base_url: str | None = None
    """Where the site is published, ending in "/"; None keeps every address relative."""

    @property
    def retracted_count(self) -> int:
        return sum(1 for s in self.studies if s.retracted)

    @property
    def lastmod(self) -> str:
        """When any record last changed (YYYY-MM-DD; "" for an empty catalogue)."""
        return newest(self.studies)

    def page_url(self, path: str) -> str | None:
        """The absolute address of a page of the site, or None without a base URL."""
        return links.page_url(self.base_url, path)


def newest(studies: Iterable[Study]) -> str:
    """The latest change among the studies' records (YYYY-MM-DD), "" when there are none."""
    return max((s.lastmod for s in studies), default="")


def build_site(
    checked: list[Checked],
    vocabulary: Vocabulary,
    catalogue: Path,
    repo_url: str | None,
    base_url: str | None = None,
) -> Site:
    """Everything the pages and exports need, from checked records and the catalogue files.

    `base_url` (checked by `safe.base_url`) makes canonical addresses absolute."""
    terms = Terms(vocabulary)
    _require_slugs("claim", vocabulary.claims)
    _require_slugs("topic", vocabulary.terms.get("topics", {}))
    cache = PubmedCache(catalogue / "pubmed")
    studies = [
        build_study(c, terms, vocabulary.claims, _entry(cache, c.study), repo_url) for c in checked
    ]
    # Absolute paths: record paths are relative to the working folder, not to the repository
    # root that record_history reads relative paths against.
    paths = [Path(os.path.abspath(c.record.path)) for c in checked]
    history = record_history(Path(os.path.abspath(catalogue)).parent, paths)
    for study, path in zip(studies, paths, strict=True):
        study.history = history.get(path, [])
    studies.sort(key=lambda s: (-s.year, s.first_author.casefold(), s.id))
    link_samples(studies)
    years = [s.year for s in studies] or [0]
    return Site(
        name=NAME,
        studies=studies,
        claims=[
            claim_evidence(
                c,
                studies,
                terms,
                _assessment(vocabulary, c.key),
                links.report_error_url(repo_url, links.ERROR_FORM_CLAIM, c.key),
            )
            for c in vocabulary.claims.values()
        ],
        topics=[
            Topic(t, [s for s in studies if t.key in {x.key for x in s.topics}])
            for t in terms.all("topics")
        ],
        maps=evidence_maps(studies, terms),
        filters=_filters(studies, terms, vocabulary),
        vocabularies=[(key, title, terms.all(key)) for key, title in VOCABULARY_SECTIONS],
        terms=terms,
        search=vocabulary.search,
        exclusions=exclusions(vocabulary, terms),
        screening=screening_flow([c.study for c in checked], vocabulary, terms),
        bias_tools=[
            BiasTool(
                terms.get("bias-tools", tool.key),
                [terms.get("bias-domains", d) for d in tool.domains],
                [
                    terms.get("designs", design.key)
                    for design in vocabulary.terms["designs"].values()
                    if design.appraisal == tool.key
                ],
            )
            for tool in vocabulary.terms.get("bias-tools", {}).values()
        ],
        as_of=max((s.record.curation.added.isoformat() for s in studies), default=""),
        years=(min(years), max(years)),
        repo_url=safe_url(repo_url.split("{path}")[0]) if repo_url else None,
        base_url=base_url,
    )


def _entry(cache: PubmedCache, study: model.Study) -> CacheEntry | None:
    pmid = study.ids.pmid
    return cache.entry(pmid) if pmid and PMID.valid(pmid) else None


def _assessment(vocabulary: Vocabulary, claim: str) -> Assessment | None:
    file = vocabulary.assessments.get(claim)
    return file.assessment if file else None


def _require_slugs(kind: str, keys: Iterable[str]) -> None:
    for key in keys:
        if not is_slug(key):
            raise BuildError(
                f"{kind} '{key}' cannot name a page: use lowercase words joined by hyphens"
            )


def _filters(studies: list[Study], terms: Terms, vocabulary: Vocabulary) -> dict[str, list[Option]]:
    """Filter choices in vocabulary order, only those some study has, with counts."""

    def options(vocab: str, keys_of: Any) -> list[Option]:
        counts = Counter(k for s in studies for k in set(keys_of(s)))
        return [Option(t.key, t.label, counts[t.key]) for t in terms.all(vocab) if counts[t.key]]

    claim_counts = Counter(st.claim for s in studies for st in s.stances)
    status_counts = Counter(k for s in studies for k in s.status)
    return {
        "topic": options("topics", lambda s: [t.key for t in s.topics]),
        "outcome": options("outcomes", lambda s: [f.outcome.key for f in s.findings]),
        "design": options("designs", lambda s: [s.design.key]),
        "tier": options("tiers", lambda s: [s.tier.key]),
        "species": options("species", lambda s: [s.species.key]),
        "exposure": options("exposures", lambda s: [t.key for t in s.substances]),
        "claim": [
            Option(k, c.title, claim_counts[k])
            for k, c in vocabulary.claims.items()
            if claim_counts[k]
        ],
        "stance": options("stances", lambda s: [st.stance.key for st in s.stances]),
        "bias": options(
            "bias-judgements",
            lambda s: [s.appraisal.overall.judgement.key] if s.appraisal else [],
        ),
        "funding": options(
            "funding-types", lambda s: [t.key for t in s.funding.types] if s.funding else []
        ),
        "status": [
            Option(k, label, status_counts[k])
            for k, (label, _) in KINDS.items()
            if status_counts[k]
        ],
    }
