"""Dates are real calendar dates, and not in the future: `2026-13-45` passes a text pattern."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from ..load.records import Record
from ..model.problems import Problem, Severity
from .base import Codes, Context

CODES = Codes(
    {
        "bad-date": (Severity.ERROR, "a date that is not a real calendar date"),
        "future-date": (Severity.ERROR, "a date after today"),
    }
)
DATE_FIELDS = (("curation", "added"),)


def check(record: Record, context: Context) -> Iterator[Problem]:
    for key_path in DATE_FIELDS:
        value = record.get(*key_path)
        if not isinstance(value, str):
            continue  # absent or not text: the schema reports it
        try:
            date = datetime.date.fromisoformat(value)
        except ValueError:
            yield CODES.at(
                record,
                key_path,
                "bad-date",
                f"{value!r} is not a date",
                "write the date as YYYY-MM-DD, with a month from 01 to 12 and a day that month has",
            )
            continue
        if date > context.today:
            yield CODES.at(
                record,
                key_path,
                "future-date",
                f"{value} is after today ({context.today.isoformat()})",
                "write the day the record was added",
            )
