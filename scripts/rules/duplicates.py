"""The same study twice: a PMID, DOI or title shared by two records (naming both files)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from ..identifiers import normalise_doi
from ..load.records import KeyPath, Record
from ..model.problems import Problem, Severity
from .base import Codes, Context

CODES = Codes(
    {
        "duplicate-pmid": (Severity.ERROR, "two records share a PMID"),
        "duplicate-doi": (Severity.ERROR, "two records share a DOI"),
        "duplicate-title": (Severity.ERROR, "two records share a title"),
    }
)


def normalise_title(title: str) -> str:
    """Case, accents, punctuation and spacing do not make two titles different."""
    text = unicodedata.normalize("NFKD", title).casefold()
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


_KEYS: tuple[tuple[str, KeyPath, Callable[[str], str]], ...] = (
    ("duplicate-pmid", ("ids", "pmid"), str.strip),
    ("duplicate-doi", ("ids", "doi"), normalise_doi),
    ("duplicate-title", ("citation", "title"), normalise_title),
)


def check_all(records: list[Record], context: Context) -> Iterator[Problem]:
    for code, key_path, normalise in _KEYS:
        first: dict[str, Record] = {}
        for record in records:
            value = record.get(*key_path)
            if not isinstance(value, str) or not value.strip():
                continue
            key = normalise(value)
            if key in first:
                other = first[key]
                line = other.position(key_path)[0]
                yield CODES.at(
                    record,
                    key_path,
                    code,
                    f"{key_path[-1]} {value!r} is also in {other.path}:{line}",
                    "one study, one record: merge the two files (link other reports of the same sample with `sample:`)",
                )
            else:
                first[key] = record
