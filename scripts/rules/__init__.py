"""Check rules: one module per rule, registered here with their codes, in the order they run.

Three kinds, by what they read:
- shape rules read the loaded Record (its data and text); a record whose shape rules find no
  error becomes a Study;
- study rules read a Checked record (the Study, and the Record for positions);
- catalogue rules read every Checked record at once (duplicates across records).
Every code a check can report, the loader's included, is in CODES with its severity and
meaning; the README's table of codes is tested against it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..load.codes import LOAD_CODES
from ..model.problems import Problem, Severity
from . import (
    appraisal,
    assessments,
    canonical_form,
    claims_known,
    dates,
    duplicates,
    exclusion_log,
    id_matches_file,
    identifiers,
    leads,
    placeholders,
    pubmed_match,
    schema_shape,
    vocabulary_terms,
    year_range,
)
from .base import Checked, Codes, Context

__all__ = ["CATALOGUE_RULES", "CODES", "SHAPE_RULES", "STUDY_RULES", "Checked", "Context", "Rule"]


@dataclass(frozen=True)
class Rule:
    name: str
    codes: Codes
    check: Callable[[Any, Context], Iterable[Problem]]


SHAPE_RULES: tuple[Rule, ...] = (
    Rule("schema_shape", schema_shape.CODES, schema_shape.check),
    Rule("dates", dates.CODES, dates.check),
)
"""A record with an error from these does not become a Study."""
TEXT_RULES: tuple[Rule, ...] = (
    Rule("placeholders", placeholders.CODES, placeholders.check),
    Rule("canonical_form", canonical_form.CODES, canonical_form.check),
)
"""Shape rules that run on every loaded record but do not stop it becoming a Study."""
STUDY_RULES: tuple[Rule, ...] = (
    Rule("vocabulary_terms", vocabulary_terms.CODES, vocabulary_terms.check),
    Rule("claims_known", claims_known.CODES, claims_known.check),
    Rule("appraisal", appraisal.CODES, appraisal.check),
    Rule("id_matches_file", id_matches_file.CODES, id_matches_file.check),
    Rule("identifiers", identifiers.CODES, identifiers.check),
    Rule("leads", leads.CODES, leads.check),
    Rule("year_range", year_range.CODES, year_range.check),
    Rule("pubmed_match", pubmed_match.CODES, pubmed_match.check),
)
CATALOGUE_RULES: tuple[Rule, ...] = (
    Rule("duplicates", duplicates.CODES, duplicates.check_all),
    Rule("exclusion_log", exclusion_log.CODES, exclusion_log.check_all),
    Rule("assessments", assessments.CODES, assessments.check_all),
)


def _all_codes() -> dict[str, tuple[Severity, str]]:
    codes: dict[str, tuple[Severity, str]] = dict(LOAD_CODES)
    for rule in (*SHAPE_RULES, *TEXT_RULES, *STUDY_RULES, *CATALOGUE_RULES):
        for code, spec in rule.codes.items():
            if code in codes:
                raise RuntimeError(f"code {code!r} of rule {rule.name} is registered twice")
            codes[code] = spec
    return codes


CODES: dict[str, tuple[Severity, str]] = _all_codes()
