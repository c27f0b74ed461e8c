"""What every rule shares: the context it may consult and the way it reports a problem."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..load.records import KeyPath, Record
from ..load.vocabulary import Vocabulary
from ..model.problems import Problem, Severity
from ..model.study import Study
from ..pubmed.cache import PubmedCache


@dataclass(frozen=True)
class Checked:
    """A record that passed the shape check, and the Study it became.

    Rules read values from `study`; `record` only gives the file and the position of a key."""

    record: Record
    study: Study


@dataclass(frozen=True)
class Context:
    """What rules may consult besides the record: vocabularies, claims, the PubMed cache."""

    vocabulary: Vocabulary
    catalogue: Path
    today: datetime.date = field(default_factory=datetime.date.today)

    @property
    def pubmed_dir(self) -> Path:
        return self.catalogue / "pubmed"

    @cached_property
    def pubmed(self) -> PubmedCache:
        return PubmedCache(self.pubmed_dir)

    @cached_property
    def doi_index(self) -> dict[str, str]:
        """DOI match key -> PMID over the whole cache, read once per check."""
        return self.pubmed.doi_index()

    @cached_property
    def pmcid_index(self) -> dict[str, str]:
        """PMCID -> PMID over the whole cache, read once per check."""
        return self.pubmed.pmcid_index()


class Codes(dict[str, tuple[Severity, str]]):
    """A rule's codes (code -> severity, meaning), and the way to report one at a record's key."""

    def at(
        self, where: Record | Checked, key_path: KeyPath, code: str, message: str, hint: str = ""
    ) -> Problem:
        record = where.record if isinstance(where, Checked) else where
        line, column = record.position(key_path)
        return Problem(str(record.path), line, column, self[code][0], code, message, hint)

    def at_file(self, path: Path, code: str, message: str, hint: str = "") -> Problem:
        """A problem of a whole file (line 1), such as something missing from it."""
        return Problem(str(path), 1, 1, self[code][0], code, message, hint)
