"""Every claim a record takes a stance on exists in claims.yaml, and a finding bears on it.

A stance rests on a finding: a record whose findings include none of the claim's outcomes
(claims.yaml `outcomes`) takes a stance on nothing it recorded, which is worth a second look.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..load.vocabulary import did_you_mean
from ..model.problems import Problem, Severity
from .base import Checked, Codes, Context

CODES = Codes(
    {
        "unknown-claim": (Severity.ERROR, "a stance on a claim that claims.yaml does not list"),
        "stance-without-finding": (
            Severity.WARNING,
            "a stance on a claim none of whose outcomes the record has a finding on",
        ),
    }
)


def check(checked: Checked, context: Context) -> Iterator[Problem]:
    known = tuple(context.vocabulary.claims)
    for stance in checked.study.claims or ():
        claim = stance.claim
        known_claim = context.vocabulary.claims.get(claim)
        if known_claim is None:
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
            continue
        outcomes = {finding.outcome for finding in checked.study.findings}
        if not outcomes & set(known_claim.outcomes):
            yield CODES.at(
                checked,
                ("claims", claim, "stance"),
                "stance-without-finding",
                f"no finding on the outcomes of '{claim}' ({', '.join(known_claim.outcomes)})",
                "add the finding the stance rests on, or remove the stance",
            )
