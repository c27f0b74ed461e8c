"""Publication years within a plausible range: a typo in a year hides a study from filters."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from ..load.records import Record
from ..model.problems import Problem, Severity
from .base import Codes, Context

CODES = Codes({"bad-year": (Severity.ERROR, "a publication year outside 1800 to next year")})
FIRST_YEAR = 1800


def check(record: Record, context: Context) -> Iterator[Problem]:
    year = record.get("citation", "year")
    last = datetime.date.today().year + 1
    if isinstance(year, int) and not isinstance(year, bool) and not FIRST_YEAR <= year <= last:
        yield CODES.at(
            record,
            ("citation", "year"),
            "bad-year",
            f"year {year} is outside {FIRST_YEAR}-{last}",
            "write the four-digit year of publication",
        )
