"""The catalogue's controlled vocabularies and claims, loaded once per run."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from ..model.catalogue import Assessment, Claim, Exclusion, SearchStatement, Term
from ..model.errors import DataFileError
from ..model.problems import Problem, Severity
from . import data_files
from .records import Record


@dataclass(frozen=True)
class ExclusionLog:
    """The exclusion log's entries, and the loaded file for pointing at their lines."""

    record: Record
    entries: tuple[Exclusion, ...]

    def where(self, entry: Exclusion) -> str:
        """file:line of an entry."""
        return f"{self.record.path}:{self.record.position(('excluded', entry.index))[0]}"


def load_exclusions(catalogue: Path) -> ExclusionLog | None:
    """The exclusion log, or None when there is none; raises DataFileError on a bad file."""
    log = data_files.load_optional(catalogue / "excluded.yaml")
    if log is None:
        return None
    entries = log.data.get("excluded")
    listed = entries if isinstance(entries, list) else []  # the exclusion_log rule says why
    return ExclusionLog(log, tuple(Exclusion.from_data(i, e) for i, e in enumerate(listed)))


@dataclass(frozen=True)
class AssessmentFile:
    """A claim's assessment, and its loaded file for pointing at lines."""

    record: Record
    assessment: Assessment


def load_assessments(catalogue: Path) -> dict[str, AssessmentFile]:
    """Every assessments/<claim>.yaml by file stem; DataFileError on a bad file or date."""
    found: dict[str, AssessmentFile] = {}
    for path in sorted((catalogue / data_files.ASSESSMENTS).glob("*.yaml")):
        record = data_files.load_optional(path, schema="assessment")
        assert record is not None  # the file exists: it was just listed
        try:
            assessment = Assessment.from_data(record.data)
        except ValueError as exc:
            line, column = record.position(("last_reviewed",))
            problem = Problem(
                str(path),
                line,
                column,
                Severity.ERROR,
                "bad-data-file",
                f"last_reviewed: {exc}",
                "write a real calendar date, YYYY-MM-DD",
            )
            raise DataFileError([problem]) from None
        found[path.stem] = AssessmentFile(record, assessment)
    return found


@dataclass(frozen=True)
class Vocabulary:
    """The catalogue's data files, typed: terms, claims, the exclusion log, the search statement."""

    terms: dict[str, dict[str, Term]]
    """Vocabulary name -> term key -> Term, in the file's order."""
    claims: dict[str, Claim]
    exclusions: ExclusionLog | None = None
    """None when the catalogue has no exclusion log."""
    search: SearchStatement | None = None
    assessments: dict[str, AssessmentFile] = field(default_factory=dict)
    """By claim (the file's stem)."""

    def has(self, vocabulary: str, term: str) -> bool:
        return term in self.terms.get(vocabulary, {})

    def term(self, vocabulary: str, key: str) -> Term | None:
        return self.terms.get(vocabulary, {}).get(key)

    def tier_of(self, design: str) -> str:
        term = self.term("designs", design)
        return term.tier if term and term.tier else "other"


def load_vocabulary(catalogue: Path) -> Vocabulary:
    """Read the catalogue's data files; raises DataFileError on bad files."""
    terms = data_files.load(catalogue / "vocabularies.yaml").data
    claims = data_files.load(catalogue / "claims.yaml").data
    search = data_files.load_optional(catalogue / "search.yaml")
    return Vocabulary(
        terms={
            name: {key: Term.from_data(key, spec) for key, spec in vocabulary.items()}
            for name, vocabulary in terms.items()
        },
        claims={key: Claim.from_data(key, spec) for key, spec in claims.items()},
        exclusions=load_exclusions(catalogue),
        search=SearchStatement.from_data(search.data) if search else None,
        assessments=load_assessments(catalogue),
    )


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """' (did you mean X?)' for the closest choice, or a list of choices when few, else ''."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if len(choices) <= 8:
        return "use one of: " + ", ".join(choices)
    return ""
