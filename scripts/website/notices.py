"""Editorial notices from PubMed (retraction, erratum, expression of concern) as banners."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.pubmed import NOTICE_OF_CORRECTION, NoticeKind, PubmedArticle
from .links import Link, link

# Notice kind -> (short label for badges and filters, sentence for the banner).
KINDS: dict[str, tuple[str, str]] = {
    NoticeKind.RETRACTED: ("Retracted", "This article has been retracted."),
    NoticeKind.EXPRESSION_OF_CONCERN: (
        "Expression of concern",
        "The publisher has issued an expression of concern about this article.",
    ),
    NoticeKind.HAS_ERRATUM: (
        "Erratum",
        "A correction (erratum) has been published for this article.",
    ),
    NoticeKind.RETRACTION_NOTICE: (
        "Retraction notice",
        "This item is a notice retracting another article.",
    ),
    NoticeKind.UPDATED: ("Updated", "An updated version of this article has been published."),
}


@dataclass(frozen=True)
class Notice:
    kind: str
    label: str
    message: str
    source: str | None
    link: Link | None


def notices(article: PubmedArticle | None) -> list[Notice]:
    """One notice per linked correction, plus one for each status no link explains."""
    if article is None:
        return []
    found = []
    for correction in article.corrections:
        if correction.type in NOTICE_OF_CORRECTION:
            target = link("pmid", correction.pmid) if correction.pmid else None
            target = target if target and target.href else None
            found.append(_notice(NOTICE_OF_CORRECTION[correction.type], correction.source, target))
    explained = {n.kind for n in found}
    for kind in article.notices:
        if kind not in explained:
            found.append(_notice(kind, None, None))
    order = list(KINDS)
    return sorted(found, key=lambda n: (order.index(n.kind), n.source or ""))


def _notice(kind: NoticeKind, source: str | None, target: Link | None) -> Notice:
    label, message = KINDS[kind]
    text = source.strip().rstrip(".") if source else ""
    return Notice(str(kind), label, message, text or None, target)
