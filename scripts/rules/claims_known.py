"""Every claim a record takes a stance on must exist in catalogue/claims.yaml."""

from __future__ import annotations

from collections.abc import Iterator

from ..load.records import Record
from ..load.vocabulary import did_you_mean
from ..model.problems import Problem, Severity
from .base import Codes, Context

CODES = Codes(
    {"unknown-claim": (Severity.ERROR, "a stance on a claim that claims.yaml does not list")}
)


def check(record: Record, context: Context) -> Iterator[Problem]:
    claims = record.data.get("claims")
    if not isinstance(claims, dict):
        return
    known = tuple(context.vocabulary.claims)
    for claim in claims:
        if claim not in context.vocabulary.claims:
            hint = (
                did_you_mean(claim, known)
                or "add the claim to claims.yaml first, or use an existing one"
            )
            yield CODES.at(
                record,
                ("claims", claim),
                "unknown-claim",
                f"claim '{claim}' is not in claims.yaml",
                hint,
            )
