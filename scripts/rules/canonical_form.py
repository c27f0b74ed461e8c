"""Records in canonical form, so a pull request's diff shows content, not formatting."""

from __future__ import annotations

from collections.abc import Iterator

from ..load import canonical
from ..load.records import Record
from ..model.problems import Problem, Severity
from .base import Codes, Context

CODES = Codes({"not-canonical": (Severity.WARNING, "the file is not in canonical form")})


def check(record: Record, context: Context) -> Iterator[Problem]:
    expected = canonical.dump(record.data)
    if record.text != expected:
        line = _first_difference(record.text, expected)
        yield CODES.at(
            record,
            (),
            "not-canonical",
            f"formatting differs from the canonical form from line {line}",
            f"run `python -m scripts format {record.path}`",
        )


def _first_difference(actual: str, expected: str) -> int:
    for number, (a, b) in enumerate(
        zip(actual.splitlines(), expected.splitlines(), strict=False), 1
    ):
        if a != b:
            return number
    return min(len(actual.splitlines()), len(expected.splitlines())) + 1
