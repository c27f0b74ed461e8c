"""Each claim has an assessment whose citations, certainty and review date hold up.

Why: a verdict is only as good as what it rests on. Every cited record must exist and take a
stance on the claim; the certainty must follow GRADE's arithmetic from where the designs start
it (randomised trials high, anything else low) through the stated ratings, rating up only
observational evidence that nothing rated down; the verdict must use the certainty's standard
wording; and a review older than the newest change to a record bearing on the claim is stale.
A catalogue with no assessments/ folder publishes no verdicts (a new catalogue, a test one); once
it has the folder, every claim needs its file.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from pathlib import Path

from ..load.history import record_history
from ..load.vocabulary import AssessmentFile
from ..model.catalogue import Assessment
from ..model.problems import Problem, Severity
from .base import Checked, Codes, Context

CODES = Codes(
    {
        "missing-assessment": (Severity.ERROR, "a claim without assessments/<claim>.yaml"),
        "assessment-unknown-claim": (
            Severity.ERROR,
            "an assessment whose claim is not in claims.yaml or not its file name",
        ),
        "unknown-record": (Severity.ERROR, "an assessment cites a record that does not exist"),
        "not-bearing": (
            Severity.ERROR,
            "an assessment cites a record that takes no stance on its claim",
        ),
        "uncited-message": (
            Severity.ERROR,
            "a key message that cites no record although records bear on the claim",
        ),
        "unknown-grade-term": (
            Severity.ERROR,
            "a certainty or GRADE domain not in vocabularies.yaml",
        ),
        "certainty-unjustified": (
            Severity.ERROR,
            "a certainty that the starting level and the stated ratings do not give",
        ),
        "verdict-wording": (
            Severity.WARNING,
            "a verdict without the standard wording of its certainty",
        ),
        "stale-assessment": (
            Severity.WARNING,
            "records bearing on the claim were added or changed after its last review",
        ),
    }
)
LEVELS = ("very-low", "low", "moderate", "high")
"""Certainty levels, lowest first: a rating moves along this scale."""
NO_EVIDENCE = "no-evidence"
"""The certainty of a claim no record bears on: nothing to grade."""


def check_all(checked: list[Checked], context: Context) -> Iterator[Problem]:
    files = context.vocabulary.assessments
    publishes = (context.catalogue / "assessments").is_dir()
    for key in context.vocabulary.claims if publishes else ():
        if key not in files:
            yield CODES.at_file(
                context.catalogue / "claims.yaml",
                "missing-assessment",
                f"claim '{key}' has no assessment",
                f"write assessments/{key}.yaml (see catalogue/assessment.schema.json)",
            )
    by_id = {item.study.id: item for item in checked}
    changed = _last_changes(checked)
    for stem, file in files.items():
        assessment = file.assessment
        if assessment.claim != stem or assessment.claim not in context.vocabulary.claims:
            yield CODES.at(
                file.record,
                ("claim",),
                "assessment-unknown-claim",
                f"claim '{assessment.claim}' is not a claim of claims.yaml named like the file",
                f"name the file after the claim: assessments/{assessment.claim}.yaml",
            )
            continue
        yield from _citations(file, by_id)
        yield from _certainty(file, by_id, context)
        yield from _staleness(file, by_id, changed)


def _citations(file: AssessmentFile, by_id: dict[str, Checked]) -> Iterator[Problem]:
    claim = file.assessment.claim
    if any(item.study.stance_on(claim) for item in by_id.values()):
        for index, message in enumerate(file.assessment.key_messages):
            if not message.records:
                yield CODES.at(
                    file.record,
                    ("key_messages", index),
                    "uncited-message",
                    "this key message cites no record",
                    "list under `records:` the ids of the records it rests on",
                )
    places = [("ratings", i, r.records) for i, r in enumerate(file.assessment.ratings)]
    places += [("key_messages", i, m.records) for i, m in enumerate(file.assessment.key_messages)]
    for section, index, records in places:
        for position, record_id in enumerate(records):
            where = (section, index, "records", position)
            item = by_id.get(record_id)
            if item is None:
                yield CODES.at(
                    file.record,
                    where,
                    "unknown-record",
                    f"no record '{record_id}' in the catalogue",
                    "cite a record by its id (its file name without .yaml)",
                )
            elif item.study.stance_on(claim) is None:
                yield CODES.at(
                    file.record,
                    where,
                    "not-bearing",
                    f"'{record_id}' takes no stance on '{claim}'",
                    "cite only records with a stance on the claim, or give the record one",
                )


def starting_level(assessment: Assessment, by_id: dict[str, Checked]) -> str:
    """GRADE's start: high when a randomised trial bears on the claim, otherwise low; and
    no-evidence when no record bears on it."""
    designs = {
        item.study.design for item in by_id.values() if item.study.stance_on(assessment.claim)
    }
    if not designs:
        return NO_EVIDENCE
    return "high" if "randomized-controlled-trial" in designs else "low"


def expected_level(start: str, changes: list[int]) -> str:
    index = LEVELS.index(start) + sum(changes)
    return LEVELS[max(0, min(len(LEVELS) - 1, index))]


def _certainty(
    file: AssessmentFile, by_id: dict[str, Checked], context: Context
) -> Iterator[Problem]:
    assessment, vocabulary = file.assessment, context.vocabulary
    level = vocabulary.term("certainty-levels", assessment.certainty)
    if level is None:
        yield CODES.at(
            file.record,
            ("certainty",),
            "unknown-grade-term",
            f"'{assessment.certainty}' is not a certainty level",
            "use one of: " + ", ".join(vocabulary.terms.get("certainty-levels", {})),
        )
        return
    for index, rating in enumerate(assessment.ratings):
        domain = vocabulary.term("grade-domains", rating.domain)
        if domain is None:
            yield CODES.at(
                file.record,
                ("ratings", index, "domain"),
                "unknown-grade-term",
                f"'{rating.domain}' is not a GRADE domain",
                "use one of: " + ", ".join(vocabulary.terms.get("grade-domains", {})),
            )
            return
        if (rating.change > 0) != (domain.rates == "up"):
            yield CODES.at(
                file.record,
                ("ratings", index, "change"),
                "certainty-unjustified",
                f"'{rating.domain}' rates certainty {domain.rates}, not by {rating.change:+d}",
                "give a negative change for a domain that rates down, positive for one that rates up",
            )
            return
    start = starting_level(assessment, by_id)
    if NO_EVIDENCE in (start, assessment.certainty) and start != assessment.certainty:
        yield CODES.at(
            file.record,
            ("certainty",),
            "certainty-unjustified",
            f"certainty '{assessment.certainty}', but "
            + ("no record bears on the claim" if start == NO_EVIDENCE else "records bear on it"),
            f"'{NO_EVIDENCE}' exactly when no record takes a stance on the claim",
        )
        return
    changes = [r.change for r in assessment.ratings]
    if start == NO_EVIDENCE:
        yield from _wording(file, level.wording)
        return
    if any(c > 0 for c in changes) and (start == "high" or any(c < 0 for c in changes)):
        yield CODES.at(
            file.record,
            ("ratings",),
            "certainty-unjustified",
            "only observational evidence that nothing rated down may be rated up",
            "remove the rating up, or the ratings down that rule it out",
        )
        return
    expected = expected_level(start, changes)
    if assessment.certainty != expected:
        moves = ", ".join(f"{r.domain} {r.change:+d}" for r in assessment.ratings) or "none"
        yield CODES.at(
            file.record,
            ("certainty",),
            "certainty-unjustified",
            f"certainty '{assessment.certainty}', but the designs start at '{start}' and the "
            f"ratings ({moves}) give '{expected}'",
            "state a rating (with its reason) for every level moved, or correct the certainty",
        )
    else:
        yield from _wording(file, level.wording)


def _wording(file: AssessmentFile, wording: str | None) -> Iterator[Problem]:
    assessment = file.assessment
    if wording and wording.lower() not in assessment.verdict.lower():
        yield CODES.at(
            file.record,
            ("verdict",),
            "verdict-wording",
            f"a '{assessment.certainty}' verdict says '{wording}'",
            "use GRADE's standard statement for the certainty (see certainty-levels)",
        )


def _last_changes(checked: list[Checked]) -> dict[str, datetime.date]:
    """Each record's newest change: its git history where there is one, else when added."""
    if not checked:
        return {}
    catalogue = Path(os.path.abspath(checked[0].record.path)).parents[1]
    history = record_history(catalogue.parent, [item.record.path for item in checked])
    changed = {}
    for item in checked:
        dates = [item.study.curation.added]
        dates += [datetime.date.fromisoformat(c.date) for c in history.get(item.record.path, [])]
        changed[item.study.id] = max(dates)
    return changed


def _staleness(
    file: AssessmentFile, by_id: dict[str, Checked], changed: dict[str, datetime.date]
) -> Iterator[Problem]:
    assessment = file.assessment
    newer = sorted(
        record_id
        for record_id, item in by_id.items()
        if item.study.stance_on(assessment.claim) and changed[record_id] > assessment.last_reviewed
    )
    if newer:
        count = f"{len(newer)} record{'s' if len(newer) > 1 else ''}"
        yield CODES.at(
            file.record,
            ("last_reviewed",),
            "stale-assessment",
            f"{count} bearing on the claim added or changed since this review: "
            + ", ".join(newer[:5])
            + (" ..." if len(newer) > 5 else ""),
            "review the verdict against them, then update last_reviewed",
        )
