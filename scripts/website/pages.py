"""The page plan: every page of the site, its template, what it shows and what it says about
itself (description, Open Graph type, when its data last changed).

Paths are relative and posix; a page's `root` is the way back to the site's top folder, so every
link is relative and the site works from disk and under any sub-path of a host.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..exports import bibtex, ris
from . import listing, meta
from .site import Site, newest


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    section: str
    context: dict[str, Any] = field(default_factory=dict)
    description: str = meta.SITE
    """For `<meta name="description">` and `og:description`."""
    kind: str = "website"
    """The Open Graph type: "article" for a study, "website" for every other page."""
    lastmod: str = ""
    """When the data the page shows last changed (YYYY-MM-DD), for the sitemap."""
    listed: bool = True
    """In the sitemap and open to search engines (the 404 page is neither)."""

    @property
    def root(self) -> str:
        return "../" * self.path.count("/")


def plan(site: Site) -> list[Page]:
    every = site.lastmod

    def index(path: str, template: str, section: str) -> Page:
        return Page(path, template, section, description=meta.fixed(path), lastmod=every)

    # The listing: its first page of rows in index.html, the others on static pages (list/2.html
    # on) for readers without JavaScript; with it, site.js pages through listing-data.js.
    book = listing.pagers(len(site.studies), listing.PAGE_SIZE)
    pages = [
        Page(
            listing.page_path(pager.number),
            "index.html" if pager.number == 1 else "list.html",
            "studies",
            {
                "rows": site.studies[pager.start : pager.end],
                "pager": pager,
                "data_file": listing.DATA_FILE,
            },
            description=meta.fixed("index.html") if pager.number == 1 else meta.listing(pager),
            lastmod=every,
        )
        for pager in book
    ]
    pages += [
        Page(
            f"studies/{s.id}.html",
            "study.html",
            "studies",
            {"study": s, "bibtex": bibtex.entry(s), "ris": ris.reference(s)},
            description=meta.study(s),
            kind="article",
            lastmod=s.lastmod,
        )
        for s in site.studies
    ]
    pages.append(index("claims/index.html", "claims.html", "claims"))
    pages += [
        Page(
            f"claims/{c.id}.html",
            "claim.html",
            "claims",
            {"claim": c},
            description=meta.claim(c),
            lastmod=newest(c.studies) or every,
        )
        for c in site.claims
    ]
    pages.append(index("map.html", "map.html", "map"))
    pages.append(index("topics/index.html", "topics.html", "studies"))
    pages += [
        Page(
            f"topics/{t.term.key}.html",
            "topic.html",
            "studies",
            {"topic": t},
            description=meta.topic(t),
            lastmod=newest(t.studies) or every,
        )
        for t in site.topics
    ]
    pages.append(index("method.html", "method.html", "method"))
    pages.append(Page("404.html", "404.html", "", description=meta.fixed("404.html"), listed=False))
    return pages
