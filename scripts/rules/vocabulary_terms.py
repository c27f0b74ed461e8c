"""Controlled-vocabulary terms: every design, species, topic, outcome... must be a known term."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..load.records import KeyPath, Record, dotted
from ..load.vocabulary import TERM_FIELDS, did_you_mean
from ..model.problems import Problem, Severity
from .base import Codes, Context

CODES = Codes({"unknown-term": (Severity.ERROR, "a term not in catalogue/vocabularies.yaml")})


def check(record: Record, context: Context) -> Iterator[Problem]:
    for field, vocabulary in TERM_FIELDS.items():
        terms = context.vocabulary.terms.get(vocabulary, {})
        for key_path, value in _values(record.data, field, ()):
            if isinstance(value, str) and value not in terms:
                hint = (
                    did_you_mean(value, tuple(terms)) or f"see '{vocabulary}' in vocabularies.yaml"
                )
                yield CODES.at(
                    record,
                    key_path,
                    "unknown-term",
                    f"'{value}' is not a term of '{vocabulary}' ({dotted(key_path)})",
                    hint,
                )


def _values(node: Any, field: tuple[str, ...], path: KeyPath) -> Iterator[tuple[KeyPath, Any]]:
    """Values at a field path, stepping through lists; '*' stands for every value of a mapping."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _values(item, field, (*path, index))
        return
    if not field:
        yield path, node
        return
    if not isinstance(node, dict):
        return
    head, rest = field[0], field[1:]
    keys = list(node) if head == "*" else [head] if head in node else []
    for key in keys:
        yield from _values(node[key], rest, (*path, key))
