"""Structured data (schema.org JSON-LD) for the pages: one builder per kind of page.

`BUILDERS` maps a page's template to the function that describes what the page shows, as
JSON-LD documents (plain dicts); `script_text` makes a document safe inside a
`<script type="application/ld+json">` element. A study page is a `WebPage` (with `lastReviewed`,
the day its record last changed) whose main entity is the study as a `ScholarlyArticle`. A
claim page is a `ClaimReview` of the claim, when the catalogue publishes an assessment of it.

Addresses (`url`, `@id`) are given only when the site's base URL is known: a relative address
in JSON-LD would be read against wherever a processor found the page. The documents are built in
a fixed order from the data alone, so the same catalogue gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from ..model.study import Author
from .claim_evidence import ClaimEvidence
from .model import Study
from .pages import Page
from .site import Site

CONTEXT = "https://schema.org"
Document = dict[str, Any]
Builder = Callable[[Site, Page], list[Document]]

IDENTIFIERS = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID"}
"""Identifier kinds (website.links) given as `identifier` and `sameAs`, with their names."""


def study_page(site: Site, page: Page) -> list[Document]:
    """The page as a `WebPage` about the study, a `ScholarlyArticle`."""
    study: Study = page.context["study"]
    document: Document = {"@context": CONTEXT, "@type": "WebPage"}
    document.update(_address(site.page_url(page.path)))
    document.update(
        {
            "name": study.title,
            "description": page.description,
            "lastReviewed": study.lastmod,
            "isPartOf": website(site),
            "mainEntity": scholarly_article(study),
        }
    )
    return [document]


def claim_page(site: Site, page: Page) -> list[Document]:
    """A `ClaimReview` of the claim: the verdict in words, its certainty, reviewed when.

    The claim comes from popular articles, not from this site; the rating is the verdict sentence
    (`alternateName`) with the GRADE certainty as its explanation. No `ratingValue`: certainty is
    not a truth score, and a number would read as one."""
    claim: ClaimEvidence = page.context["claim"]
    verdict = claim.verdict
    if verdict is None:
        return []
    document: Document = {"@context": CONTEXT, "@type": "ClaimReview"}
    document.update(_address(site.page_url(page.path)))
    document.update(
        {
            "claimReviewed": _shorten(claim.statement, CLAIM_REVIEWED_MAX),
            "itemReviewed": {
                "@type": "Claim",
                "name": claim.title,
                "text": claim.statement,
                "description": "As popular articles on kratom for opioid withdrawal state it.",
            },
            "reviewRating": {
                "@type": "Rating",
                "alternateName": verdict.text,
                "ratingExplanation": (
                    f"Certainty of the evidence (GRADE): {verdict.certainty.label}. "
                    f"{verdict.certainty.definition}"
                ),
            },
            "reviewBody": " ".join(m.text for m in verdict.messages),
            "author": {
                "@type": "Organization",
                "name": site.name,
                **_address(site.page_url("index.html")),
            },
            "datePublished": verdict.last_reviewed,
            "dateModified": verdict.last_reviewed,
            "isPartOf": website(site),
        }
    )
    return [document]


CLAIM_REVIEWED_MAX = 75
"""Google's fact-check guidance: the claim in under 75 characters."""


def _shorten(text: str, limit: int) -> str:
    if len(text) < limit:
        return text
    cut = text[: limit - 2].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


BUILDERS: dict[str, Builder] = {"study.html": study_page, "claim.html": claim_page}


def scholarly_article(study: Study) -> Document:
    """The study as schema.org describes a paper: title, authors, year, journal, identifiers."""
    article: Document = {
        "@type": "ScholarlyArticle",
        "headline": study.title,
        "name": study.title,
        "datePublished": str(study.year),
    }
    if study.authors:
        article["author"] = [author(a) for a in study.authors]
    if study.journal:
        article["isPartOf"] = {"@type": "Periodical", "name": study.journal}
    known = [item for item in study.links if item.kind in IDENTIFIERS and item.href]
    if known:
        article["identifier"] = [
            {"@type": "PropertyValue", "propertyID": IDENTIFIERS[item.kind], "value": item.text}
            for item in known
        ]
        article["sameAs"] = [item.href for item in known]
    if study.retracted:
        article["creativeWorkStatus"] = "Retracted"
    return article


def author(item: Author) -> Document:
    """A `Person` with family name and initials, or an `Organization` for a group author."""
    if item.is_group:
        return {"@type": "Organization", "name": item.name}
    return {
        "@type": "Person",
        "name": item.name,
        "familyName": item.family,
        "givenName": item.given,
    }


def website(site: Site) -> Document:
    return {"@type": "WebSite", "name": site.name, **_address(site.page_url("index.html"))}


def documents(site: Site, page: Page) -> list[Document]:
    """The JSON-LD documents of a page (none for a kind of page without a builder)."""
    builder = BUILDERS.get(page.template)
    return builder(site, page) if builder else []


def blocks(site: Site, page: Page) -> list[Markup]:
    """The page's JSON-LD, each ready to stand inside its script element."""
    return [script_text(document) for document in documents(site, page)]


def script_text(document: Document) -> Markup:
    """JSON that cannot end its script element early: every `<` is written `\\u003c`, so no
    `</script>` and no `<!--` can appear, whatever the data holds; a JSON parser reads the same
    value back."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c"))


def _address(url: str | None) -> Document:
    return {"@id": url, "url": url} if url else {}
