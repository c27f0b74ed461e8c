"""The page plan: every page of the site, its template and what it shows.

Paths are relative and posix; a page's `root` is the way back to the site's top folder, so every
link is relative and the site works from disk and under any sub-path of a host.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..exports import bibtex, ris
from .site import Site


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    section: str
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> str:
        return "../" * self.path.count("/")


def plan(site: Site) -> list[Page]:
    pages = [Page("index.html", "index.html", "studies")]
    pages += [
        Page(
            f"studies/{s.id}.html",
            "study.html",
            "studies",
            {"study": s, "bibtex": bibtex.entry(s), "ris": ris.reference(s)},
        )
        for s in site.studies
    ]
    pages.append(Page("claims/index.html", "claims.html", "claims"))
    pages += [
        Page(f"claims/{c.id}.html", "claim.html", "claims", {"claim": c}) for c in site.claims
    ]
    pages.append(Page("map.html", "map.html", "map"))
    pages.append(Page("topics/index.html", "topics.html", "studies"))
    pages += [
        Page(f"topics/{t.term.key}.html", "topic.html", "studies", {"topic": t})
        for t in site.topics
    ]
    pages.append(Page("method.html", "method.html", "method"))
    pages.append(Page("404.html", "404.html", ""))
    return pages
