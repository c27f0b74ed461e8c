"""The exclusion log as the method page shows it: each entry with its links and reason.

The search statement is shown as loaded (model.catalogue.SearchStatement); the log is read and
checked with the vocabularies (load.vocabulary, the exclusion_log rule); here its entries only
become what the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..load.vocabulary import Vocabulary
from ..model.study import Identifiers
from .links import Link, identifier_links
from .terms import Term, Terms


@dataclass(frozen=True)
class Exclusion:
    title: str
    links: list[Link]
    reason: Term
    note: str


def exclusions(vocabulary: Vocabulary, terms: Terms) -> list[Exclusion] | None:
    """The exclusion log's entries in their curated order, or None when there is no log."""
    if vocabulary.exclusions is None:
        return None
    return [
        Exclusion(
            title=" ".join(entry.title.split()),
            links=identifier_links(
                Identifiers(
                    pmid=entry.identifier("pmid"),
                    pmcid=entry.identifier("pmcid"),
                    doi=entry.identifier("doi"),
                    url=entry.identifier("url"),
                )
            ),
            reason=terms.get("exclusion-reasons", entry.reason or ""),
            note=" ".join((entry.note or "").split()),
        )
        for entry in vocabulary.exclusions.entries
        if entry.title is not None
    ]
