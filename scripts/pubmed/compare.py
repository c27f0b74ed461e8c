"""Curated citation vs PubMed record: what the check rules compare.

Why: a title or year that does not match PubMed almost always means a wrong PMID (titles and
years are compared by `PubmedArticle.title_matches` and `.years`), and a retraction or
expression of concern must reach the reader. Pure functions: no network, no cache.
"""

from __future__ import annotations

from ..model.pubmed import NOTICE_OF_PUBLICATION_TYPE, Correction, NoticeKind, PubmedArticle
from ..model.study import Identifiers

# Notices that put an article's findings in doubt, so check reports them on the record.
DOUBT = (NoticeKind.RETRACTED, NoticeKind.EXPRESSION_OF_CONCERN)


def correction_notices(article: PubmedArticle) -> list[Correction]:
    """Retraction and expression-of-concern links from this article, with their PMIDs.

    A "Retracted Publication" type without a RetractionIn link still counts (as a Correction
    of that type with no PMID), since either signal alone means the article is retracted.
    """
    found = [c for c in article.corrections if c.notice in DOUBT]
    retracted_type = next(
        (t for t in article.publication_types if NOTICE_OF_PUBLICATION_TYPE.get(t) in DOUBT),
        None,
    )
    if retracted_type and not any(c.notice is NoticeKind.RETRACTED for c in found):
        found.append(Correction(retracted_type, None, None))
    return found


def missing_ids(ids: Identifiers, article: PubmedArticle) -> dict[str, str]:
    """Identifiers PubMed knows that the record lacks: {"doi": ..., "pmcid": ...}."""
    pubmed = {"doi": article.doi, "pmcid": article.pmcid}
    return {name: value for name, value in pubmed.items() if value and not getattr(ids, name)}
