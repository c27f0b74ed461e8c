"""Publication years within a plausible range: a typo in a year hides a study from filters."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.problems import Problem, Severity
from .base import Checked, Codes, Context

CODES = Codes({"bad-year": (Severity.ERROR, "a publication year outside 1800 to next year")})
FIRST_YEAR = 1800


def check(checked: Checked, context: Context) -> Iterator[Problem]:
    year = checked.study.citation.year
    last = context.today.year + 1
    if not FIRST_YEAR <= year <= last:
        yield CODES.at(
            checked,
            ("citation", "year"),
            "bad-year",
            f"year {year} is outside {FIRST_YEAR}-{last}",
            "write the four-digit year of publication",
        )
