"""What every rule shares: the context it may consult and the way it reports a problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..load.records import KeyPath, Record
from ..load.vocabulary import Vocabulary
from ..model.problems import Problem, Severity


@dataclass(frozen=True)
class Context:
    """What rules may consult besides the record: vocabularies, claims, the PubMed cache."""

    vocabulary: Vocabulary
    pubmed_dir: Path


class Codes(dict[str, tuple[Severity, str]]):
    """A rule's codes (code -> severity, meaning), and the way to report one at a record's key."""

    def at(
        self, record: Record, key_path: KeyPath, code: str, message: str, hint: str = ""
    ) -> Problem:
        line, column = record.position(key_path)
        return Problem(str(record.path), line, column, self[code][0], code, message, hint)
