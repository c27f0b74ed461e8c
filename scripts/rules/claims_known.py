"""Every claim a record takes a stance on must exist in catalogue/claims.yaml."""

from __future__ import annotations

from collections.abc import Iterator

from ..load.vocabulary import did_you_mean
from ..model.problems import Problem, Severity
from .base import Checked, Codes, Context

CODES = Codes(
    {"unknown-claim": (Severity.ERROR, "a stance on a claim that claims.yaml does not list")}
)


def check(checked: Checked, context: Context) -> Iterator[Problem]:
    known = tuple(context.vocabulary.claims)
    for stance in checked.study.claims or ():
        claim = stance.claim
        if claim not in context.vocabulary.claims:
            hint = (
                did_you_mean(claim, known)
                or "add the claim to claims.yaml first, or use an existing one"
            )
            yield CODES.at(
                checked,
                ("claims", claim),
                "unknown-claim",
                f"claim '{claim}' is not in claims.yaml",
                hint,
            )
