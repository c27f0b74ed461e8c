"""Links to where a study lives: PubMed, DOI, PMC, trial registries, the record's file, the
form to report an error in it, and a page's own address when the site's base URL is known.

Every address is built from a validated identifier and passed through `safe_url`, so a
malformed or hostile value yields plain text, never a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlencode

from ..model.identifiers import HANDLERS
from ..model.study import Identifiers
from .safe import safe_url


@dataclass(frozen=True)
class Link:
    """An identifier as shown (label and value) and its address, when it has a safe one."""

    label: str
    text: str
    href: str | None
    kind: str
    """The identifier handler's kind: pmid, pmcid, doi, registrations or url."""


def link(kind: str, value: str) -> Link:
    """A link to an identifier's own page; a malformed value gets no address."""
    handler = HANDLERS[kind]
    url = handler.url(value)
    label = handler.label if kind != "registrations" or url else "Registration"
    return Link(label, value, safe_url(url) if url else None, kind)


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
    return path.relative_to(_root_of(path.parent)).as_posix()


@cache
def _root_of(folder: Path) -> Path:
    """The git checkout holding a records folder, else the folder above its catalogue: looked up
    once per folder, not once per record (a thousand records share one)."""
    for parent in (folder, *folder.parents):
        if (parent / ".git").exists():
            return parent
    return folder.parents[1]


def edit_url(repo_url: str | None, path: str) -> str | None:
    """Where to edit a file: `{path}` in the URL is replaced, else GitHub's /edit/main/ form."""
    if not repo_url:
        return None
    if "{path}" in repo_url:
        return safe_url(repo_url.replace("{path}", path))
    return safe_url(f"{repo_url.rstrip('/')}/edit/main/{path}")


ERROR_FORM = "report-an-error.yml"
"""The repository's issue form for errors (.github/ISSUE_TEMPLATE/), and below the ids of its
fields that name what is wrong; tests/test_build.py checks the form has them."""
ERROR_FORM_RECORD = "record"
ERROR_FORM_CLAIM = "claim"


def report_error_url(repo_url: str | None, field: str, value: str) -> str | None:
    """The repository's "report an error" form with one field (and the title) filled in.

    Only for a repository address (`{path}` patterns name an editor, not a repository).
    """
    if not repo_url or "{path}" in repo_url:
        return None
    query = urlencode(
        {"template": ERROR_FORM, field: value, "title": f"Error in {value}"}, quote_via=quote
    )
    return safe_url(f"{repo_url.rstrip('/')}/issues/new?{query}")


def page_url(base_url: str | None, path: str) -> str | None:
    """A page's absolute address under the site's base URL (None without one).

    `index.html` is addressed by its folder, as web servers serve it: `claims/index.html` is
    `<base>claims/`.
    """
    if not base_url:
        return None
    folder, _, name = path.rpartition("/")
    if name == "index.html":
        path = f"{folder}/" if folder else ""
    return safe_url(base_url + quote(path))
