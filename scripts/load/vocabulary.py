"""The catalogue's controlled vocabularies and claims, loaded once per run."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import data_files
from .records import Record

# Record field -> vocabulary name. Values at these places must be terms of that vocabulary.
TERM_FIELDS: dict[tuple[str, ...], str] = {
    ("design",): "designs",
    ("population", "species"): "species",
    ("exposure", "substances"): "exposures",
    ("topics",): "topics",
    ("findings", "outcome"): "outcomes",
    ("findings", "direction"): "directions",
    ("claims", "*", "stance"): "stances",
    ("curation", "found_via"): "search-sources",
    ("funding", "types"): "funding-types",
}


@dataclass(frozen=True)
class Vocabulary:
    """Terms with their definitions, and the claims the catalogue tests."""

    terms: dict[str, dict[str, dict[str, Any]]]
    claims: dict[str, dict[str, Any]]
    excluded: Record | None = None
    search: dict[str, Any] | None = None

    def has(self, vocabulary: str, term: str) -> bool:
        return term in self.terms.get(vocabulary, {})

    def tier_of(self, design: str) -> str:
        return self.terms["designs"].get(design, {}).get("tier", "other")


def load_vocabulary(catalogue: Path) -> Vocabulary:
    """Read the catalogue's data files; raises DataFileError on bad files.

    The exclusion log is kept as a Record so that its problems can point at lines.
    """
    search = data_files.load_optional(catalogue / "search.yaml")
    return Vocabulary(
        terms=data_files.load(catalogue / "vocabularies.yaml").data,
        claims=data_files.load(catalogue / "claims.yaml").data,
        excluded=data_files.load_optional(catalogue / "excluded.yaml"),
        search=search.data if search else None,
    )


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """' (did you mean X?)' for the closest choice, or a list of choices when few, else ''."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if len(choices) <= 8:
        return "use one of: " + ", ".join(choices)
    return ""
