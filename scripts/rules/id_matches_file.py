"""A record's id is its file name, and looks like firstauthor-year-title-words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model.names import SLUG
from ..model.problems import Problem, Severity
from .base import Checked, Codes, Context

CODES = Codes(
    {
        "id-not-filename": (Severity.ERROR, "the id differs from the file name"),
        "id-convention": (Severity.WARNING, "the id does not follow firstauthor-year-words"),
    }
)


def check(checked: Checked, context: Context) -> Iterator[Problem]:
    record, value = checked.record, checked.study.id
    if value != record.path.stem:
        yield CODES.at(
            record,
            ("id",),
            "id-not-filename",
            f"id '{value}' differs from the file name '{record.path.name}'",
            f"rename the file to {value}.yaml, or set id: {record.path.stem}",
        )
    year = checked.study.citation.year
    if not re.fullmatch(rf"{SLUG.pattern}-{year}-{SLUG.pattern}", value):
        yield CODES.at(
            record,
            ("id",),
            "id-convention",
            f"id '{value}' does not follow firstauthor-{year}-short-title",
            f"for example: surname-{year}-two-or-three-title-words",
        )
