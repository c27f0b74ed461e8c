"""Run every rule over a catalogue: load, shape-check, build Studies, check them, score them.

The library behind `check`, `build` and `coverage`: one pass that turns files into checked
Studies, every problem located at its file, line and column.
"""

from __future__ import annotations

import datetime
import gc
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..load.records import Record, load_records
from ..load.vocabulary import Vocabulary, load_vocabulary
from ..model.errors import DataFileError, UsageError
from ..model.problems import Problem, Severity
from ..model.study import Study
from . import CATALOGUE_RULES, SHAPE_RULES, STUDY_RULES, TEXT_RULES
from .base import Checked, Context
from .completeness import PubmedState, Score, score


@dataclass
class Report:
    records: list[Record] = field(default_factory=list)
    """Every record that loaded, whatever its shape."""
    checked: list[Checked] = field(default_factory=list)
    """The records that passed the shape check, as Studies."""
    problems: list[Problem] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)
    vocabulary: Vocabulary | None = None
    """None when the data files could not be read (their problems are in `problems`)."""

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity is severity)

    @property
    def average(self) -> float:
        return sum(s.percent for s in self.scores) / len(self.scores) if self.scores else 0.0

    @property
    def fields_missing(self) -> int:
        """Recommended fields absent that no PubMed run will bring: the curation gap."""
        return sum(len(s.missing) for s in self.scores)

    @property
    def fields_awaiting(self) -> int:
        """Recommended fields absent until `enrich` runs where PubMed is reachable."""
        return sum(len(s.awaiting) for s in self.scores)

    @property
    def studies(self) -> list[Study]:
        return [item.study for item in self.checked]


def require_catalogue(catalogue: Path) -> Path:
    """The catalogue folder, or a usage error when it has no studies/ folder."""
    if not (catalogue / "studies").is_dir():
        raise UsageError(
            f"{catalogue} has no studies/ folder: give the catalogue folder with --catalogue"
        )
    return catalogue


def check_catalogue(catalogue: Path, today: datetime.date | None = None) -> Report:
    """Every problem in a catalogue, and every record's completeness.

    `today` is the date the rules judge by (a date after it is in the future, a publication year
    may be the next one): the calendar's unless given, as tests give a fixed one.

    The cyclic garbage collector is paused meanwhile: the records kept in memory make no cycles,
    and rescanning them as they pile up cost a third of the run on 10,000 records.
    """
    gc.disable()
    try:
        return _check(catalogue, today)
    finally:
        gc.enable()


def _check(catalogue: Path, today: datetime.date | None) -> Report:
    require_catalogue(catalogue)
    report = Report()
    try:
        vocabulary = load_vocabulary(catalogue)
    except DataFileError as exc:
        report.problems = exc.problems
        return report
    report.vocabulary = vocabulary
    context = Context(vocabulary, catalogue, today or datetime.date.today())
    pubmed = PubmedState(
        frozenset(context.pubmed.pmids()),
        frozenset(context.pubmed.doi_lookups()) | frozenset(context.doi_index),
    )
    for _path, record, problems in load_records(catalogue):
        report.problems.extend(problems)
        if record is None:
            continue
        report.records.append(record)
        shape = [p for rule in SHAPE_RULES for p in rule.check(record, context)]
        report.problems.extend(shape)
        for rule in TEXT_RULES:
            report.problems.extend(rule.check(record, context))
        if any(p.severity is Severity.ERROR for p in shape):
            continue
        checked = Checked(record, Study.from_data(record.data))
        report.checked.append(checked)
        for rule in STUDY_RULES:
            report.problems.extend(rule.check(checked, context))
        report.scores.append(score(checked.study, str(record.path), pubmed))
    for catalogue_rule in CATALOGUE_RULES:
        report.problems.extend(catalogue_rule.check(report.checked, context))
    report.problems = [_relative(p) for p in report.problems]
    report.problems.sort(key=lambda p: p.sort_key)
    return report


def _relative(problem: Problem) -> Problem:
    """Paths relative to the working directory, as pull-request annotations need them."""
    path = os.path.relpath(problem.path)
    if path.startswith(".."):
        return problem
    return Problem(
        path,
        problem.line,
        problem.column,
        problem.severity,
        problem.code,
        problem.message,
        problem.hint,
    )
