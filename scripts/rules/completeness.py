"""Completeness: the share of recommended fields a record fills, where they apply to it.

Required fields are the schema's business (missing one is an error); these are the fields a
reader needs to judge a study, absent from some records because the source does not give them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..load.records import Record

NO_POPULATION_COUNT = {"in-vitro", "commentary", "regulatory-statement", "narrative-review"}
# Reviews and opinion pieces read other studies: they have no study population of their own,
# so no country of one.
NO_STUDY_POPULATION = {"narrative-review", "systematic-review", "meta-analysis", "commentary"}


def _has(*key_path: str) -> Callable[[Record], bool]:
    return lambda record: record.get(*key_path) not in (None, "", [], {})


def _given(key: str) -> Callable[[Record], bool]:
    """Present, even when empty: `claims: {}` records the judgement that no claim applies."""
    return lambda record: isinstance(record.get(key), dict)


def _always(record: Record) -> bool:
    return True


def _design(record: Record) -> str | None:
    """The design term, or None when it is not text (a schema error reported elsewhere)."""
    design = record.get("design")
    return design if isinstance(design, str) else None


def _counts_population(record: Record) -> bool:
    return _design(record) not in NO_POPULATION_COUNT


def _human_population(record: Record) -> bool:
    return (
        record.get("population", "species") == "human"
        and _design(record) not in NO_STUDY_POPULATION
    )


def _journal_article(record: Record) -> bool:
    return _design(record) not in {"trial-registration", "regulatory-statement"}


RECOMMENDED: tuple[tuple[str, Callable[[Record], bool], Callable[[Record], bool]], ...] = (
    ("citation.authors", _has("citation", "authors"), _journal_article),
    ("citation.journal", _has("citation", "journal"), _always),
    (
        "citation.volume or pages",
        lambda r: _has("citation", "volume")(r) or _has("citation", "pages")(r),
        _journal_article,
    ),
    ("ids.pmid", _has("ids", "pmid"), _journal_article),
    ("ids.doi", _has("ids", "doi"), _journal_article),
    ("population.n", _has("population", "n"), _counts_population),
    ("population.setting", _has("population", "setting"), _always),
    ("population.countries", _has("population", "countries"), _human_population),
    ("exposure.description", _has("exposure", "description"), _always),
    ("claims", _given("claims"), _always),
    ("limitations", _has("limitations"), _always),
    ("funding", _has("funding"), _journal_article),
)


@dataclass(frozen=True)
class Score:
    record_id: str
    path: str
    percent: int
    missing: tuple[str, ...]


def score(record: Record) -> Score:
    applicable = [(name, present) for name, present, applies in RECOMMENDED if applies(record)]
    missing = tuple(name for name, present in applicable if not present(record))
    percent = round(100 * (len(applicable) - len(missing)) / len(applicable)) if applicable else 100
    return Score(record.id, str(record.path), percent, missing)
