"""sitemap.xml and robots.txt: which pages there are and when their data last changed.

A sitemap must give absolute addresses, so it is written only when the site's base URL is
known; `lastmod` is the day the data a page shows last changed (its records' history, see
`pages.Page.lastmod`), never the build time, so rebuilding the same catalogue gives the same
bytes. robots.txt is always written: every crawler may read everything.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from .pages import Page
from .site import Site

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(site: Site, pages: list[Page]) -> str | None:
    """One `<url>` per listed page, sorted by address; None without a base URL."""
    if site.base_url is None:
        return None
    entries = []
    for page in pages:
        url = site.page_url(page.path)
        if url and page.listed:
            lastmod = f"<lastmod>{escape(page.lastmod)}</lastmod>" if page.lastmod else ""
            entries.append(f"  <url><loc>{escape(url)}</loc>{lastmod}</url>\n")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="{NAMESPACE}">\n' + "".join(sorted(entries)) + "</urlset>\n"
    )


def robots_txt(site: Site) -> str:
    """Allow all; name the sitemap when there is one."""
    text = "User-agent: *\nAllow: /\n"
    sitemap = site.page_url("sitemap.xml")
    return text + (f"\nSitemap: {sitemap}\n" if sitemap else "")
