"""A study that takes a stance is appraised, on exactly its design's bias-tool domains.

Why: a claim's verdict weighs studies by their risk of bias, so every study behind a stance
needs one, judged on the domains that fit its design (vocabularies.yaml `designs` name the tool,
`bias-tools` list the domains), and its overall judgement is never milder than its worst domain.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.problems import Problem, Severity
from .base import Checked, Codes, Context

CODES = Codes(
    {
        "missing-appraisal": (
            Severity.ERROR,
            "a record with a stance on a claim but no appraisal of its risk of bias",
        ),
        "wrong-domains": (
            Severity.ERROR,
            "appraisal domains other than those its design's bias tool lists",
        ),
        "overall-too-mild": (
            Severity.ERROR,
            "an overall judgement milder than the worst domain, or 'no-information'",
        ),
    }
)
SEVERITY = {"low": 0, "some-concerns": 1, "high": 2}
"""Judgements by severity; no-information is no judgement and counts towards none."""


def check(checked: Checked, context: Context) -> Iterator[Problem]:
    study, vocabulary = checked.study, context.vocabulary
    design = vocabulary.term("designs", study.design)
    if design is None:
        return  # an unknown design is vocabulary_terms' to report
    tool = vocabulary.term("bias-tools", design.appraisal) if design.appraisal else None
    appraisal = study.appraisal
    if appraisal is None:
        if study.claims and tool:
            yield CODES.at(
                checked,
                ("claims",),
                "missing-appraisal",
                f"the record takes a stance on {_claims(len(study.claims))} but has no appraisal",
                f"add `appraisal:` (judged_from, domains, overall) with the domains of "
                f"{tool.label}: {', '.join(tool.domains)}",
            )
        return
    if tool is None:
        yield CODES.at(
            checked,
            ("appraisal",),
            "wrong-domains",
            f"design '{study.design}' names no bias tool, so it is not appraised",
            "remove `appraisal:`, or give the design an `appraisal:` tool in vocabularies.yaml",
        )
        return
    judged = [d.domain for d in appraisal.domains]
    if set(judged) != set(tool.domains):
        yield CODES.at(
            checked,
            ("appraisal", "domains"),
            "wrong-domains",
            _domains_message(judged, list(tool.domains)),
            f"judge exactly the domains of {tool.label}: {', '.join(tool.domains)}",
        )
    yield from _overall(checked)


def _overall(checked: Checked) -> Iterator[Problem]:
    appraisal = checked.study.appraisal
    assert appraisal is not None
    overall = appraisal.overall.judgement
    worst = max(appraisal.domains, key=lambda d: SEVERITY.get(d.judgement, -1), default=None)
    worst_rank = SEVERITY.get(worst.judgement, -1) if worst else -1
    if overall == "no-information":
        message = "the overall judgement cannot be 'no-information'"
    elif overall in SEVERITY and worst and SEVERITY[overall] < worst_rank:
        message = (
            f"overall '{overall}' is milder than the worst domain "
            f"('{worst.judgement}' for {worst.domain})"
        )
    else:
        return
    yield CODES.at(
        checked,
        ("appraisal", "overall", "judgement"),
        "overall-too-mild",
        message,
        "judge the study low, some-concerns or high overall, at least as severe as its worst domain",
    )


def _domains_message(judged: list[str], expected: list[str]) -> str:
    missing = [d for d in expected if d not in judged]
    unknown = [d for d in judged if d not in expected]
    parts = []
    if missing:
        parts.append("missing " + ", ".join(missing))
    if unknown:
        parts.append("not domains of this tool: " + ", ".join(unknown))
    return "; ".join(parts)


def _claims(count: int) -> str:
    return "1 claim" if count == 1 else f"{count} claims"
