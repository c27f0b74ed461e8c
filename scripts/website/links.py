"""Links to where a study lives: PubMed, DOI, PMC, trial registries, and the record's file.

Every address is built from a validated identifier and passed through `safe_url`, so a
malformed or hostile value yields plain text, never a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .safe import safe_url

_PMID = re.compile(r"[1-9][0-9]{0,9}")
_PMCID = re.compile(r"PMC[1-9][0-9]{0,9}")
_DOI = re.compile(r"10\.[0-9]{4,9}(?:\.[0-9]+)*/\S+")
_NCT = re.compile(r"NCT[0-9]{8}")


@dataclass(frozen=True)
class Link:
    """An identifier as shown (label and value) and its address, when it has a safe one."""

    label: str
    text: str
    href: str | None


def pubmed(pmid: str) -> Link:
    href = f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if _PMID.fullmatch(pmid) else None
    return Link("PubMed", pmid, href)


def doi(value: str) -> Link:
    href = None
    if _DOI.fullmatch(value):
        href = safe_url("https://doi.org/" + quote(value, safe="/:;()._-~"))
    return Link("DOI", value, href)


def pmc(pmcid: str) -> Link:
    href = f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/" if _PMCID.fullmatch(pmcid) else None
    return Link("PMC", pmcid, href)


def registration(number: str) -> Link:
    if _NCT.fullmatch(number):
        return Link("ClinicalTrials.gov", number, f"https://clinicaltrials.gov/study/{number}")
    return Link("Registration", number, None)


def web(url: str) -> Link:
    return Link("Web", url, safe_url(url))


def identifier_links(ids: dict[str, object], pubmed_ids: dict[str, object]) -> list[Link]:
    """The record's identifiers; PubMed's PMC ID fills in when the record has none."""
    links = []
    if isinstance(ids.get("pmid"), str):
        links.append(pubmed(ids["pmid"]))
    if isinstance(ids.get("doi"), str):
        links.append(doi(ids["doi"]))
    pmcid = ids.get("pmcid") or pubmed_ids.get("pmc")
    if isinstance(pmcid, str):
        links.append(pmc(pmcid))
    for number in ids.get("registrations") or []:
        if isinstance(number, str):
            links.append(registration(number))
    if isinstance(ids.get("url"), str):
        links.append(web(ids["url"]))
    return links


def repository_path(record_path: Path) -> str:
    """The record's path inside its git repository (or beside its catalogue folder), posix."""
    path = record_path.resolve()
    for parent in path.parents:
        if (parent / ".git").exists():
            return path.relative_to(parent).as_posix()
    return path.relative_to(path.parents[2]).as_posix()


def edit_url(repo_url: str | None, path: str) -> str | None:
    """Where to edit a file: `{path}` in the URL is replaced, else GitHub's /edit/main/ form."""
    if not repo_url:
        return None
    if "{path}" in repo_url:
        return safe_url(repo_url.replace("{path}", path))
    return safe_url(f"{repo_url.rstrip('/')}/edit/main/{path}")
