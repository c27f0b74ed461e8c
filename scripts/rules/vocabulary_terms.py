"""Controlled-vocabulary terms: every design, species, topic, outcome... must be a known term."""

from __future__ import annotations

from collections.abc import Iterator

from ..load.records import dotted
from ..load.vocabulary import did_you_mean
from ..model.problems import Problem, Severity
from .base import Checked, Codes, Context

CODES = Codes({"unknown-term": (Severity.ERROR, "a term not in catalogue/vocabularies.yaml")})


def check(checked: Checked, context: Context) -> Iterator[Problem]:
    for key_path, vocabulary, value in checked.study.terms():
        terms = context.vocabulary.terms.get(vocabulary, {})
        if value not in terms:
            hint = did_you_mean(value, tuple(terms)) or f"see '{vocabulary}' in vocabularies.yaml"
            yield CODES.at(
                checked,
                key_path,
                "unknown-term",
                f"'{value}' is not a term of '{vocabulary}' ({dotted(key_path)})",
                hint,
            )
