"""Template prompts left in a record (`new` writes them): a field nobody filled in yet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..load.records import KeyPath, Record, dotted
from ..model.names import PROMPT
from ..model.problems import Problem, Severity
from .base import Codes, Context

CODES = Codes({"unfilled": (Severity.ERROR, "a field still holds the template's prompt")})


def check(record: Record, context: Context) -> Iterator[Problem]:
    if PROMPT not in record.text:
        return
    for key_path, value in _strings(record.data, ()):
        if value.startswith(PROMPT):
            yield CODES.at(
                record,
                key_path,
                "unfilled",
                f"'{dotted(key_path)}' is not filled in yet",
                value[len(PROMPT) :].strip(),
            )


def _strings(node: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*path, index))
