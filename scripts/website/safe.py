"""What may reach a page from the data: http(s) links only, and PubMed's four inline tags.

PubMed text arrives pre-sanitised by the parser; we still rebuild it through a whitelist, so a
hand-edited or corrupted cache file cannot carry markup or script into the site.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

from markupsafe import Markup

INLINE_TAGS = frozenset({"i", "b", "sup", "sub"})
_DROP_CONTENT = frozenset({"script", "style", "template", "textarea", "title", "noscript"})
# Characters a URL may keep as they are; everything else is percent-encoded.
_URL_SAFE = "/:?#[]@!$&'()*+,;=%-._~"


def safe_url(value: object) -> str | None:
    """The URL if it is an absolute http(s) address with a host, percent-encoded; else None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(url, safe=_URL_SAFE)


def base_url(value: object) -> str | None:
    """Where the site is published, ending in "/", if `value` is an absolute http(s) address
    with a host and no query or fragment; else None."""
    url = safe_url(value)
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.query or parts.fragment or "?" in url or "#" in url or parts.username is not None:
        return None
    return url if url.endswith("/") else url + "/"


def inline_html(text: object) -> Markup:
    """Safe markup from PubMed-style HTML: only bare <i>, <b>, <sup>, <sub>, balanced."""
    if not isinstance(text, str):
        return Markup("")
    parser = _Whitelist()
    parser.feed(text)
    parser.close()
    return Markup(parser.result())


class _Whitelist(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._out: list[str] = []
        self._open: list[str] = []
        self._dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_CONTENT:
            self._dropping += 1
        elif tag in INLINE_TAGS and not self._dropping:
            self._out.append(f"<{tag}>")
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_CONTENT:
            self._dropping = max(0, self._dropping - 1)
        elif tag in self._open:
            while self._open:
                closing = self._open.pop()
                self._out.append(f"</{closing}>")
                if closing == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self._out.append(escape(data, quote=False))

    def result(self) -> str:
        return "".join(self._out) + "".join(f"</{tag}>" for tag in reversed(self._open))
