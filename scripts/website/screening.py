"""The screening flow (PRISMA 2020 style) for the method page, counted from the data at build time.

Why computed: a flow diagram typed by hand drifts from the catalogue the day a record or an
exclusion is added. Every publication considered is either a record (included) or an entry of
the exclusion log (excluded, with its reason); each names the sources that turned it up
(`found_via`), so the counts per source, the duplicates across sources, the screened total, the
exclusions by reason and the inclusions all follow from the files.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..load.vocabulary import Vocabulary
from ..model.study import Study
from .terms import Term, Terms

NOT_RECORDED = Term(
    "search-sources",
    "not-recorded",
    "Source not recorded",
    "Added before the catalogue logged how each publication was found.",
)


@dataclass(frozen=True)
class Flow:
    sources: list[tuple[Term, int]]
    """Publications each source turned up (one publication may come from several)."""
    identified: int
    duplicates: int
    """Found by more than one source, counted once from here on."""
    screened: int
    excluded: list[tuple[Term, int]]
    """Exclusions by reason, in the vocabulary's order."""
    excluded_total: int
    included: int
    samples: int
    """Independent samples among the included studies (reports of one sample count once)."""


def screening_flow(studies: list[Study], vocabulary: Vocabulary, terms: Terms) -> Flow:
    entries = vocabulary.exclusions.entries if vocabulary.exclusions else ()
    found = [s.curation.found_via for s in studies] + [e.found_via for e in entries]
    per_source = Counter(source for sources in found for source in sources)
    unrecorded = sum(1 for sources in found if not sources)
    sources = [(t, per_source[t.key]) for t in terms.all("search-sources") if per_source[t.key]]
    if unrecorded:
        sources.append((NOT_RECORDED, unrecorded))
    identified = sum(count for _, count in sources)
    reasons = Counter(e.reason for e in entries if e.title is not None)
    excluded = [(t, reasons[t.key]) for t in terms.all("exclusion-reasons") if reasons[t.key]]
    excluded_total = sum(count for _, count in excluded)
    return Flow(
        sources=sources,
        identified=identified,
        duplicates=identified - len(found),
        screened=len(found),
        excluded=excluded,
        excluded_total=excluded_total,
        included=len(studies),
        samples=len({s.sample or s.id for s in studies}),
    )
