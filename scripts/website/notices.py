"""Editorial notices from PubMed (retraction, erratum, expression of concern) as banners."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .links import Link, pubmed

# Notice kind -> (short label for badges and filters, sentence for the banner).
KINDS: dict[str, tuple[str, str]] = {
    "retracted": ("Retracted", "This article has been retracted."),
    "expression-of-concern": (
        "Expression of concern",
        "The publisher has issued an expression of concern about this article.",
    ),
    "has-erratum": ("Erratum", "A correction (erratum) has been published for this article."),
    "retraction-notice": ("Retraction notice", "This item is a notice retracting another article."),
    "updated": ("Updated", "An updated version of this article has been published."),
}
_CORRECTION_KIND = {
    "RetractionIn": "retracted",
    "RetractedandRepublishedIn": "retracted",
    "ExpressionOfConcernIn": "expression-of-concern",
    "ErratumIn": "has-erratum",
    "RetractionOf": "retraction-notice",
    "UpdateIn": "updated",
}


@dataclass(frozen=True)
class Notice:
    kind: str
    label: str
    message: str
    source: str | None
    link: Link | None


def notices(article: dict[str, Any]) -> list[Notice]:
    """One notice per linked correction, plus one for each status flag no link explains."""
    found = []
    for correction in article.get("corrections") or []:
        kind = _CORRECTION_KIND.get(correction.get("type"))
        if kind:
            pmid = correction.get("pmid")
            link = pubmed(pmid) if isinstance(pmid, str) else None
            found.append(
                _notice(kind, correction.get("source"), link if link and link.href else None)
            )
    explained = {n.kind for n in found}
    for kind in article.get("status") or []:
        if kind in KINDS and kind not in explained:
            found.append(_notice(kind, None, None))
    return sorted(found, key=lambda n: (list(KINDS).index(n.kind), n.source or ""))


def _notice(kind: str, source: object, link: Link | None) -> Notice:
    label, message = KINDS[kind]
    text = source.strip().rstrip(".") if isinstance(source, str) else ""
    return Notice(kind, label, message, text or None, link)
