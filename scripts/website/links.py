"""Links to where a study lives: PubMed, DOI, PMC, trial registries, and the record's file.

Every address is built from a validated identifier and passed through `safe_url`, so a
malformed or hostile value yields plain text, never a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model.identifiers import HANDLERS
from ..model.study import Identifiers
from .safe import safe_url


@dataclass(frozen=True)
class Link:
    """An identifier as shown (label and value) and its address, when it has a safe one."""

    label: str
    text: str
    href: str | None


def link(kind: str, value: str) -> Link:
    """A link to an identifier's own page; a malformed value gets no address."""
    handler = HANDLERS[kind]
    url = handler.url(value)
    label = handler.label if kind != "registrations" or url else "Registration"
    return Link(label, value, safe_url(url) if url else None)


def identifier_links(ids: Identifiers, pubmed_pmcid: str | None = None) -> list[Link]:
    """The record's identifiers; PubMed's PMC ID fills in when the record has none."""
    links = []
    if ids.pmid:
        links.append(link("pmid", ids.pmid))
    if ids.doi:
        links.append(link("doi", ids.doi))
    pmcid = ids.pmcid or pubmed_pmcid
    if pmcid:
        links.append(link("pmcid", pmcid))
    links += [link("registrations", number) for number in ids.registrations]
    if ids.url:
        links.append(link("url", ids.url))
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
