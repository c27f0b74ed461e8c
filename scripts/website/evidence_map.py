"""The evidence map: outcome-by-exposure and outcome-by-tier matrices of study counts.

Cell area grows with the number of studies; bands inside show the directions of effect found.
Each cell links to the listing filtered to exactly the studies it counts.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from .model import Study
from .terms import Term, Terms

CELL = 40.0  # the side of the largest cell's square, in SVG units
SMALLEST = 10.0


@dataclass(frozen=True)
class Band:
    direction: Term
    count: int
    y: float
    height: float


@dataclass(frozen=True)
class Cell:
    count: int
    side: float
    offset: float
    bands: list[Band]
    href: str
    label: str


@dataclass(frozen=True)
class Matrix:
    title: str
    column_name: str
    rows: list[Term]
    columns: list[Term]
    cells: dict[tuple[str, str], Cell]


def evidence_maps(studies: list[Study], terms: Terms) -> list[Matrix]:
    return [
        _matrix(
            "Outcomes by exposure",
            "exposure",
            studies,
            terms,
            terms.all("exposures"),
            lambda s: {t.key for t in s.substances},
        ),
        _matrix(
            "Outcomes by strength of design",
            "tier",
            studies,
            terms,
            terms.all("tiers"),
            lambda s: {s.tier.key},
        ),
    ]


def _matrix(
    title: str,
    column_name: str,
    studies: list[Study],
    terms: Terms,
    columns: list[Term],
    columns_of: Callable[[Study], set[str]],
) -> Matrix:
    members: dict[tuple[str, str], list[Study]] = {}
    for study in studies:
        for outcome in {f.outcome.key for f in study.findings}:
            for column in columns_of(study):
                members.setdefault((outcome, column), []).append(study)
    largest = max((len(m) for m in members.values()), default=1)
    rows = [t for t in terms.all("outcomes") if any(k[0] == t.key for k in members)]
    used_columns = [t for t in columns if any(k[1] == t.key for k in members)]
    cells = {key: _cell(key, column_name, group, largest, terms) for key, group in members.items()}
    return Matrix(title, column_name, rows, used_columns, cells)


def _cell(
    key: tuple[str, str], column_name: str, studies: list[Study], largest: int, terms: Terms
) -> Cell:
    outcome, column = key
    directions = Counter(
        f.direction.key for s in studies for f in s.findings if f.outcome.key == outcome
    )
    side = round(max(SMALLEST, CELL * math.sqrt(len(studies) / largest)), 2)
    total = sum(directions.values())
    bands, y = [], 0.0
    for term in terms.all("directions"):
        if directions[term.key]:
            height = side * directions[term.key] / total
            bands.append(Band(term, directions[term.key], round(y, 2), round(height, 2)))
            y += height
    plural = "study" if len(studies) == 1 else "studies"
    mix = ", ".join(f"{b.count} {b.direction.label.lower()}" for b in bands)
    outcome_label, column_label = (
        terms.get("outcomes", outcome).label,
        _column_label(terms, column_name, column),
    )
    return Cell(
        count=len(studies),
        side=side,
        offset=round((CELL - side) / 2, 2),
        bands=bands,
        href=f"index.html#outcome={quote(outcome)}&{column_name}={quote(column)}",
        label=f"{outcome_label}, {column_label}: {len(studies)} {plural} (findings: {mix})",
    )


def _column_label(terms: Terms, column_name: str, key: str) -> str:
    return terms.get("exposures" if column_name == "exposure" else "tiers", key).label
