"""The same study twice: a PMID, DOI or title shared by two records (naming both files)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from ..load.records import KeyPath
from ..model.identifiers import DOI, PMID
from ..model.problems import Problem, Severity
from ..model.study import Study
from .base import Checked, Codes, Context

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


_KEYS: tuple[tuple[str, KeyPath, Callable[[Study], str | None], Callable[[str], str]], ...] = (
    ("duplicate-pmid", ("ids", "pmid"), lambda s: s.ids.pmid, PMID.key),
    ("duplicate-doi", ("ids", "doi"), lambda s: s.ids.doi, DOI.key),
    ("duplicate-title", ("citation", "title"), lambda s: s.citation.title, normalise_title),
)


def check_all(checked: list[Checked], context: Context) -> Iterator[Problem]:
    for code, key_path, value_of, normalise in _KEYS:
        first: dict[str, Checked] = {}
        for item in checked:
            value = value_of(item.study)
            if not value or not value.strip():
                continue
            key = normalise(value)
            if key in first:
                other = first[key]
                line = other.record.position(key_path)[0]
                yield CODES.at(
                    item,
                    key_path,
                    code,
                    f"{key_path[-1]} {value!r} is also in {other.record.path}:{line}",
                    "one study, one record: merge the two files (link other reports of the same sample with `sample:`)",
                )
            else:
                first[key] = item
