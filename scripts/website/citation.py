"""Authors and the NLM (Vancouver) citation, as PubMed and most medical journals print it."""

from __future__ import annotations

import re

from ..model.study import Author, Identifiers

NLM_MAX_AUTHORS = 6
_PAGE_RANGE = re.compile(r"(\d+)-(\d+)")


def nlm_pages(pages: str) -> str:
    """NLM elides the repeated leading digits of a page range: 132-137 -> 132-7."""
    match = _PAGE_RANGE.fullmatch(pages.replace("\u2013", "-").replace(" ", ""))
    if not match:
        return pages
    first, last = match.groups()
    if len(first) != len(last) or int(last) <= int(first):
        return pages
    common = 0
    while common < len(first) - 1 and first[common] == last[common]:
        common += 1
    return f"{first}-{last[common:]}"


def nlm_citation(
    authors: list[Author],
    title: str,
    journal: str | None,
    year: int | None,
    volume: str | None = None,
    issue: str | None = None,
    pages: str | None = None,
    ids: Identifiers | None = None,
    et_al: bool = False,
) -> str:
    """One study in NLM style, ending with its DOI, PMID and PMCID when known.

    `et_al` says the curated list holds only the first authors, so the citation must not
    present it as complete.
    """
    parts = []
    if authors:
        names = [a.name for a in authors[:NLM_MAX_AUTHORS]]
        if et_al or len(authors) > NLM_MAX_AUTHORS:
            names.append("et al")
        parts.append(", ".join(names) + ".")
    parts.append(_sentence(title))
    parts.append(_source(journal, year, volume, issue, pages))
    ids = ids or Identifiers()
    if ids.doi:
        parts.append(f"doi: {ids.doi}.")
    if ids.pmid:
        parts.append(f"PMID: {ids.pmid}.")
    if ids.pmcid:
        parts.append(f"PMCID: {ids.pmcid}.")
    if ids.url and not (ids.doi or ids.pmid):
        parts.append(f"Available from: {ids.url}")
    return " ".join(p for p in parts if p)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _source(
    journal: str | None, year: int | None, volume: str | None, issue: str | None, pages: str | None
) -> str:
    """'Drug Alcohol Depend. 2014;139(2):132-7.' with whatever parts are known."""
    where = f"{journal.rstrip('.')}. " if journal else ""
    when = str(year) if year else ""
    if volume:
        when += f";{volume}"
    if issue:
        when += f"({issue})"
    if pages:
        when += f":{nlm_pages(pages)}"
    text = (where + when).strip()
    return _sentence(text) if text else ""
