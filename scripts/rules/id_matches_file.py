"""A record's id is its file name, and looks like firstauthor-year-title-words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..load.records import Record
from ..model.problems import Problem, Severity
from .base import Codes, Context

CODES = Codes(
    {
        "id-not-filename": (Severity.ERROR, "the id differs from the file name"),
        "id-convention": (Severity.WARNING, "the id does not follow firstauthor-year-words"),
    }
)


def check(record: Record, context: Context) -> Iterator[Problem]:
    value = record.data.get("id")
    if not isinstance(value, str):
        return
    if value != record.path.stem:
        yield CODES.at(
            record,
            ("id",),
            "id-not-filename",
            f"id '{value}' differs from the file name '{record.path.name}'",
            f"rename the file to {value}.yaml, or set id: {record.path.stem}",
        )
    year = record.get("citation", "year")
    if isinstance(year, int) and not re.match(
        rf"^[a-z0-9]+(-[a-z0-9]+)*-{year}(-[a-z0-9]+)+$", value
    ):
        yield CODES.at(
            record,
            ("id",),
            "id-convention",
            f"id '{value}' does not follow firstauthor-{year}-short-title",
            f"for example: surname-{year}-two-or-three-title-words",
        )
