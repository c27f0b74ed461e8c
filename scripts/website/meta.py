"""What each page says about itself to search engines and link previews: its description.

Descriptions come from the page's data (a study's design, population and first finding; a
claim's statement and tally) or are fixed text for the index pages, and are shortened at a word
boundary so that a search result shows them whole.
"""

from __future__ import annotations

from .claim_evidence import ClaimEvidence
from .listing import Pager
from .model import Study
from .site import Topic

LIMIT = 160
"""Longest description in characters; search engines cut longer ones wherever they like."""

SITE = (
    "An open, neutral catalogue of studies on kratom and opioid withdrawal: design, population, "
    "findings and limitations of each study."
)
FIXED = {
    "index.html": SITE,
    "claims/index.html": (
        "Popular claims about kratom and opioid withdrawal, each set against the catalogued "
        "studies that support or contradict it, by strength of design."
    ),
    "map.html": (
        "Evidence map: which outcomes of kratom and its alkaloids have been studied, with designs "
        "of what strength, and which way the findings point."
    ),
    "topics/index.html": "The topics of the catalogued studies on kratom, each with its studies.",
    "method.html": (
        "How studies get into the kratom evidence catalogue, how each one is described and "
        "graded, and what the words on the site mean."
    ),
    "404.html": "There is no page at this address in the kratom evidence catalogue.",
}


def shorten(text: str, limit: int = LIMIT) -> str:
    """The text on one line, cut at the last word boundary that fits, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-(\u2013\u2014") + "\u2026"


def study(item: Study) -> str:
    """'Randomised controlled trial, 2021 (Human, n = 60): <first finding>' shortened."""
    population = item.species.label
    if item.n is not None:
        population += f", n = {item.n:,}"
    head = f"{item.design.label}, {item.year} ({population})"
    if item.retracted:
        head = f"Retracted. {head}"
    finding = item.findings[0].summary if item.findings else ""
    return shorten(f"{head}: {finding}" if finding else f"{head}.")


def claim(item: ClaimEvidence) -> str:
    """'The claim "<statement>" tested against 5 studies: 1 supports, ...': the statement is
    quoted (a search result must not read as the site asserting it) and shortened to fit."""
    head, tail = "The claim \u201c", f"\u201d tested against {item.summary}."
    return head + shorten(item.statement, max(40, LIMIT - len(head) - len(tail))) + tail


def topic(item: Topic) -> str:
    return shorten(f"Studies on {item.term.label.lower()}: {item.term.definition}")


def listing(pager: Pager) -> str:
    """A static page of the listing: which of the studies it holds."""
    return (
        f"Studies {pager.start + 1} to {pager.end} of {pager.total} in the catalogue of studies "
        "on kratom and opioid withdrawal, newest first, each with its design and findings."
    )


def fixed(path: str) -> str:
    """The description of an index page (the site's own for any other)."""
    return FIXED.get(path, SITE)
