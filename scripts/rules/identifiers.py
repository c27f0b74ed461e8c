"""Identifier syntax (PMID, PMCID, DOI, NCT, URLs): each malformed one says what is wrong."""

from __future__ import annotations

from collections.abc import Iterator

from .. import identifiers as ids
from ..load.records import KeyPath, Record
from ..model.problems import Problem, Severity
from .base import Codes, Context

CODES = Codes(
    {
        "bad-pmid": (Severity.ERROR, "a malformed PubMed ID"),
        "bad-pmcid": (Severity.ERROR, "a malformed PubMed Central ID"),
        "bad-doi": (Severity.ERROR, "a malformed DOI"),
        "bad-registration": (Severity.ERROR, "a malformed trial registration number"),
        "bad-url": (Severity.ERROR, "a link that is not an http(s) address"),
    }
)
_CODE_OF = {
    "pmid": "bad-pmid",
    "pmcid": "bad-pmcid",
    "doi": "bad-doi",
    "registrations": "bad-registration",
    "url": "bad-url",
}


def check(record: Record, context: Context) -> Iterator[Problem]:
    for key_path, kind, value in _identifier_values(record):
        why = ids.INSPECTORS[kind](value)
        if why:
            yield CODES.at(
                record, key_path, _CODE_OF[kind], f"{kind.rstrip('s')} {value!r} is malformed", why
            )


def _identifier_values(record: Record) -> Iterator[tuple[KeyPath, str, str]]:
    given = record.data.get("ids")
    if isinstance(given, dict):
        for kind in ("pmid", "pmcid", "doi", "url"):
            if isinstance(given.get(kind), str):
                yield ("ids", kind), kind, given[kind]
        for index, value in enumerate(_items(given.get("registrations"))):
            if isinstance(value, str):
                yield ("ids", "registrations", index), "registrations", value
    for index, value in enumerate(_items(record.get("curation", "verified_from"))):
        if isinstance(value, str):
            yield ("curation", "verified_from", index), "url", value


def _items(value: object) -> list[object]:
    """A list's items; anything else is a schema error, reported by schema_shape."""
    return value if isinstance(value, list) else []
