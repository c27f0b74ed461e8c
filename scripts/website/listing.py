"""The studies listing at any size: one page of rows in the HTML, every study in a data file.

index.html holds the filters, the table's header and only its first `PAGE_SIZE` rows, rendered
by the build so that studies show before any script runs (and without one). `listing-data.js`
holds every study, column by column, for the listing script to filter, sort and page in the
browser: a plain `<script src>` assigning `window.CATALOGUE_LISTING`, because a page opened
from disk may load a script but not `fetch` a file. Terms are small integers into shared
tables (each label written once), search text is folded here, and the bytes depend only on the
data. Readers without JavaScript page through the same rows on static pages, `list/2.html`
onwards, linked by the pager under the table.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .model import Study
from .notices import KINDS
from .site import Site
from .terms import Term

PAGE_SIZE = 50
"""Rows per page: in index.html, on each static page and per page of the script's pager."""
DATA_FILE = "listing-data.js"
VARIABLE = "CATALOGUE_LISTING"
SPREAD = 2
"""The pager links the first and last pages and this many either side of the current one."""
STATUS_ORDER = {kind: index for index, kind in enumerate(KINDS)}


def page_count(total: int, size: int) -> int:
    return max(1, -(-total // size))


def page_path(number: int) -> str:
    """The static page holding a page of rows: the first is the listing itself."""
    return "index.html" if number == 1 else f"list/{number}.html"


def window(current: int, count: int, spread: int = SPREAD) -> list[int | None]:
    """Page numbers the pager links, None for a gap: 1 … 4 5 [6] 7 8 … 20.

    A gap of a single page shows that page instead. site.js pages the same way."""
    near = range(max(1, current - spread), min(count, current + spread) + 1)
    items: list[int | None] = []
    previous = 0
    for number in sorted({1, count, *near}):
        if number - previous == 2:
            items.append(number - 1)
        elif number - previous > 2:
            items.append(None)
        items.append(number)
        previous = number
    return items


@dataclass(frozen=True)
class Pager:
    """One page of the listing: which rows it holds and the pager's links."""

    number: int
    size: int
    total: int

    @property
    def count(self) -> int:
        return page_count(self.total, self.size)

    @property
    def start(self) -> int:
        """Index of the page's first row."""
        return (self.number - 1) * self.size

    @property
    def end(self) -> int:
        return min(self.total, self.start + self.size)

    @property
    def items(self) -> list[int | None]:
        return window(self.number, self.count)

    def path(self, number: int) -> str:
        return page_path(number)


def pagers(total: int, size: int) -> list[Pager]:
    return [Pager(number, size, total) for number in range(1, page_count(total, size) + 1)]


# --- the data file ---------------------------------------------------------------------------


class _Table:
    """Terms of one vocabulary as rows of a lookup table, in the vocabulary's order."""

    def __init__(self, row: Callable[[Term], list[Any]], rank: Callable[[Term], int]) -> None:
        self.row = row
        self.rank = rank
        self.terms: dict[str, Term] = {}
        self.index: dict[str, int] = {}

    def add(self, terms: Iterable[Term]) -> None:
        for term in terms:
            self.terms.setdefault(term.key, term)

    def freeze(self) -> list[list[Any]]:
        ordered = sorted(self.terms.values(), key=lambda t: (self.rank(t), t.key))
        self.index = {term.key: i for i, term in enumerate(ordered)}
        return [self.row(term) for term in ordered]

    def __getitem__(self, term: Term) -> int:
        return self.index[term.key]


def listing_data(site: Site, size: int) -> dict[str, Any]:
    """Every study in columns; terms as indices into `tables`. site.js reads this shape."""
    terms = site.terms
    studies = site.studies

    def by(vocab: str) -> Callable[[Term], int]:
        return lambda term: terms.rank(vocab, term.key)

    def plain(term: Term) -> list[Any]:
        return [term.key, term.label]

    def defined(term: Term) -> list[Any]:
        return [term.key, term.label, term.definition]

    claims = list(terms.vocabulary.claims)
    tables = {
        "topic": _Table(plain, by("topics")),
        "outcome": _Table(plain, by("outcomes")),
        "direction": _Table(defined, by("directions")),
        "tier": _Table(lambda t: [t.key, t.label, terms.rank("tiers", t.key)], by("tiers")),
        "species": _Table(plain, by("species")),
        "exposure": _Table(plain, by("exposures")),
        "claim": _Table(plain, lambda t: claims.index(t.key) if t.key in claims else len(claims)),
        "stance": _Table(defined, by("stances")),
        "bias": _Table(plain, by("bias-judgements")),
        "funding": _Table(plain, by("funding-types")),
        "status": _Table(plain, lambda t: STATUS_ORDER.get(t.key, len(STATUS_ORDER))),
    }
    designs = _Table(lambda t: [t.key, t.label, tables["tier"][tier_of[t.key]]], by("designs"))
    tier_of: dict[str, Term] = {}
    for s in studies:
        tier_of[s.design.key] = s.tier
        designs.add([s.design])
        tables["tier"].add([s.tier])
        tables["topic"].add(s.topics)
        tables["outcome"].add(f.outcome for f in s.findings)
        tables["direction"].add(f.direction for f in s.findings)
        tables["species"].add([s.species])
        tables["exposure"].add(s.substances)
        tables["claim"].add(Term("claims", st.claim, st.title, "") for st in s.stances)
        tables["stance"].add(st.stance for st in s.stances)
        tables["bias"].add([s.appraisal.overall.judgement] if s.appraisal else [])
        tables["funding"].add(s.funding.types if s.funding else [])
        tables["status"].add(_notice_terms(s))
    frozen = {name: table.freeze() for name, table in tables.items()}
    frozen["design"] = designs.freeze()
    journals: dict[str, int] = {}
    for s in studies:
        if s.journal:
            journals.setdefault(s.journal, len(journals))
    t = tables
    columns: dict[str, list[Any]] = {
        "id": [s.id for s in studies],
        "title": [s.title for s in studies],
        "journal": [journals[s.journal] if s.journal else -1 for s in studies],
        "authors": [s.short_authors for s in studies],
        "first": [s.first_author for s in studies],
        "year": [s.year for s in studies],
        "design": [designs[s.design] for s in studies],
        "species": [t["species"][s.species] for s in studies],
        "n": [s.n for s in studies],
        "exposure": [[t["exposure"][x] for x in s.substances] for s in studies],
        "topic": [[t["topic"][x] for x in s.topics] for s in studies],
        "finding": [
            [i for f in s.findings for i in (t["outcome"][f.outcome], t["direction"][f.direction])]
            for s in studies
        ],
        "stance": [
            [i for st in s.stances for i in (t["claim"].index[st.claim], t["stance"][st.stance])]
            for s in studies
        ],
        "bias": [t["bias"][s.appraisal.overall.judgement] if s.appraisal else -1 for s in studies],
        "funding": [
            [t["funding"][x] for x in s.funding.types] if s.funding else [] for s in studies
        ],
        "notice": [[t["status"][x] for x in _notice_terms(s)] for s in studies],
        "text": [s.search_text for s in studies],
    }
    return {
        "version": 1,
        "pageSize": size,
        "tables": frozen,
        "journals": list(journals),
        "columns": columns,
    }


def _notice_terms(study: Study) -> list[Term]:
    """The study's notices as terms (kind, badge label), in the order its flags show them."""
    return [Term("notices", n.kind, n.label, "") for n in study.notices]


def listing_script(site: Site, size: int) -> str:
    """The data file: one assignment of a JSON object, ASCII only, so any page encoding reads
    it, and JSON is a subset of JavaScript."""
    text = json.dumps(listing_data(site, size), ensure_ascii=True, separators=(",", ":"))
    return f"window.{VARIABLE} = {text};\n"
