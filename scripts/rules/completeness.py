"""Completeness: the share of recommended fields a record fills, where they apply to it.

Required fields are the schema's business (missing one is an error); these are the fields a
reader needs to judge a study, absent from some records because the source does not give them.
An absent field is counted in one of two parts: *awaiting PubMed* when the first `enrich` run
will bring it (the DOI, authors, journal, pages, grants and conflict statements of a PMID not
yet fetched; the PMID of a DOI not yet looked up; a lead not yet checked), otherwise *missing*:
the real curation gap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model.identifiers import DOI
from ..model.study import Study

NO_POPULATION_COUNT = {"in-vitro", "commentary", "regulatory-statement", "narrative-review"}
# Reviews and opinion pieces read other studies: they have no study population of their own,
# so no country of one.
NO_STUDY_POPULATION = {"narrative-review", "systematic-review", "meta-analysis", "commentary"}


def _journal_article(study: Study) -> bool:
    return study.design not in {"trial-registration", "regulatory-statement"}


def _counts_population(study: Study) -> bool:
    return study.design not in NO_POPULATION_COUNT


def _human_population(study: Study) -> bool:
    return study.population.species == "human" and study.design not in NO_STUDY_POPULATION


def _always(study: Study) -> bool:
    return True


Present = Callable[[Study], object]
RECOMMENDED: tuple[tuple[str, Present, Callable[[Study], bool]], ...] = (
    ("citation.authors", lambda s: s.citation.authors, _journal_article),
    ("citation.journal", lambda s: s.citation.journal, _always),
    ("citation.volume or pages", lambda s: s.citation.volume or s.citation.pages, _journal_article),
    ("ids.pmid", lambda s: s.ids.pmid, _journal_article),
    ("ids.doi", lambda s: s.ids.doi, _journal_article),
    ("population.n", lambda s: s.population.n is not None, _counts_population),
    ("population.setting", lambda s: s.population.setting, _always),
    ("population.countries", lambda s: s.population.countries, _human_population),
    ("exposure.description", lambda s: s.exposure.description, _always),
    # `claims: {}` records the judgement that no claim applies: present, though empty.
    ("claims", lambda s: s.claims is not None, _always),
    ("limitations", lambda s: s.limitations, _always),
    ("funding", lambda s: s.funding, _journal_article),
)


FROM_PUBMED_RECORD = {
    "citation.authors",
    "citation.journal",
    "citation.volume or pages",
    "ids.doi",
    "funding",
}
"""Fields PubMed's record of a PMID supplies (funding: its grant list and conflict statement)."""


@dataclass(frozen=True)
class Score:
    record_id: str
    path: str
    percent: int
    missing: tuple[str, ...]
    """Absent, and no PubMed run will bring it: the curation gap."""
    awaiting: tuple[str, ...] = ()
    """Absent until `enrich` has run where PubMed is reachable."""


def score(study: Study, path: str, pubmed: PubmedState | None = None) -> Score:
    applicable = [(name, present) for name, present, applies in RECOMMENDED if applies(study)]
    absent = [name for name, present in applicable if not present(study)]
    percent = round(100 * (len(applicable) - len(absent)) / len(applicable)) if applicable else 100
    awaiting = tuple(name for name in absent if pubmed and pubmed.will_bring(study, name))
    missing = tuple(name for name in absent if name not in awaiting)
    return Score(study.id, path, percent, missing, awaiting)


@dataclass(frozen=True)
class PubmedState:
    """What the PubMed cache already holds: which PMIDs are fetched, which DOIs looked up."""

    fetched: frozenset[str]
    looked_up: frozenset[str]
    """DOIs (match keys) that E-utilities has answered for, whatever the answer."""

    def will_bring(self, study: Study, field: str) -> bool:
        pmid, leads = study.ids.pmid, {lead.kind for lead in study.curation.leads}
        if field in FROM_PUBMED_RECORD and pmid and pmid not in self.fetched:
            return True
        if field == "ids.pmid":
            doi = study.ids.doi
            return bool((doi and DOI.key(doi) not in self.looked_up) or leads & {"pmid", "doi"})
        return field == "ids.doi" and "doi" in leads
