"""The catalogue's own data files as typed values: vocabulary terms, claims, exclusions, search.

Built by load.vocabulary once the files have passed their schemas (the exclusion log has no
schema: its entries are checked by the exclusion_log rule, so an Exclusion keeps what it could
read and leaves the rest None). Every later stage reads attributes, never string keys.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a controlled vocabulary (vocabularies.yaml)."""

    key: str
    definition: str
    label: str | None = None
    tier: str | None = None
    """Designs only: the term of `tiers` giving the design's strength of evidence."""
    caveat: str | None = None
    """Designs only: what the design cannot show."""
    appraisal: str | None = None
    """Designs only: the term of `bias-tools` its appraisal follows (None: not appraised)."""
    domains: tuple[str, ...] = ()
    """Bias tools only: the `bias-domains` judged, in order."""
    wording: str | None = None
    """Certainty levels only: the word a verdict at this level uses."""
    rates: str | None = None
    """GRADE domains only: `down`, or `up` (observational evidence only)."""

    @classmethod
    def from_data(cls, key: str, data: dict[str, Any]) -> Term:
        return cls(
            key,
            data["definition"],
            data.get("label"),
            data.get("tier"),
            data.get("caveat"),
            data.get("appraisal"),
            tuple(data.get("domains", ())),
            data.get("wording"),
            data.get("rates"),
        )


@dataclass(frozen=True, slots=True)
class Gap:
    """What is not known about a claim: never studied, or studied and found no effect."""

    status: str
    text: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A popular claim (claims.yaml) and the findings that would support or contradict it."""

    key: str
    title: str
    statement: str
    supports_if: str
    contradicts_if: str
    outcomes: tuple[str, ...]
    gaps: tuple[Gap, ...] = ()

    @classmethod
    def from_data(cls, key: str, data: dict[str, Any]) -> Claim:
        return cls(
            key,
            data["title"],
            data["statement"],
            data["supports_if"],
            data["contradicts_if"],
            tuple(data["outcomes"]),
            tuple(Gap(g["status"], g["text"]) for g in data.get("gaps") or ()),
        )


@dataclass(frozen=True, slots=True)
class Exclusion:
    """One entry of the exclusion log, as far as it could be read (the rule reports the rest)."""

    index: int
    """Its place in the log, for the rule to point at its line."""
    title: str | None
    reason: str | None
    note: str | None = None
    found_via: tuple[str, ...] = ()
    ids: tuple[tuple[str, str], ...] = ()
    """(kind, value) of every identifier given as text, in the log's order."""

    @classmethod
    def from_data(cls, index: int, data: Any) -> Exclusion:
        if not isinstance(data, dict):
            return cls(index, None, None)
        ids = data.get("ids") if isinstance(data.get("ids"), dict) else {}
        found_via = data.get("found_via") if isinstance(data.get("found_via"), list) else []
        return cls(
            index,
            _text(data.get("title")),
            _text(data.get("reason")),
            _text(data.get("note")),
            tuple(str(source) for source in found_via),
            tuple((str(k), v) for k, v in ids.items() if isinstance(v, str)),
        )

    def identifier(self, kind: str) -> str | None:
        return next((value for k, value in self.ids if k == kind), None)


@dataclass(frozen=True)
class SearchStatement:
    """How studies were found (search.yaml): shown on the method page, rerun by `candidates`."""

    last_searched: str = ""
    """YYYY-MM-DD, as written."""
    inclusion: str = ""
    exclusion: str = ""
    sources: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    pubmed_query: str = ""
    other: tuple[tuple[str, Any], ...] = ()
    """Keys the schema does not name, shown on the method page as they are."""

    KNOWN = ("last_searched", "inclusion", "exclusion", "sources", "terms", "pubmed_query")

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> SearchStatement:
        return cls(
            _one_line(data.get("last_searched")),
            _one_line(data.get("inclusion")),
            _one_line(data.get("exclusion")),
            tuple(_one_line(v) for v in data.get("sources") or ()),
            tuple(_one_line(v) for v in data.get("terms") or ()),
            _one_line(data.get("pubmed_query")),
            tuple((k, v) for k, v in data.items() if k not in cls.KNOWN),
        )


def _one_line(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else " ".join(str(value).split())


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


@dataclass(frozen=True, slots=True)
class Rating:
    """One GRADE domain that moved a claim's certainty, and the records it rests on."""

    domain: str
    """A term of grade-domains."""
    change: int
    """Levels moved: -1 or -2 down, +1 or +2 up."""
    reason: str
    records: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KeyMessage:
    text: str
    records: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Assessment:
    """The catalogue's answer to a claim (assessments/<claim>.yaml): a graded, cited verdict."""

    claim: str
    verdict: str
    certainty: str
    """A term of certainty-levels."""
    ratings: tuple[Rating, ...]
    key_messages: tuple[KeyMessage, ...]
    would_change: str
    last_reviewed: datetime.date
    reviewed_by: str

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Assessment:
        """From data that passed assessment.schema.json; ValueError for an impossible date."""
        return cls(
            data["claim"],
            " ".join(data["verdict"].split()),
            data["certainty"],
            tuple(
                Rating(r["domain"], r["change"], " ".join(r["reason"].split()), tuple(r["records"]))
                for r in data.get("ratings") or ()
            ),
            tuple(
                KeyMessage(" ".join(m["text"].split()), tuple(m["records"]))
                for m in data["key_messages"]
            ),
            " ".join(data["would_change"].split()),
            datetime.date.fromisoformat(data["last_reviewed"]),
            data["reviewed_by"],
        )

    def cited(self) -> set[str]:
        """Every record the assessment cites."""
        return {r for item in (*self.ratings, *self.key_messages) for r in item.records}
