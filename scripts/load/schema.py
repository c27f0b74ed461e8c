"""The record schema: shape validation, error locations, and the canonical key order.

Validation runs twice as fast as it could be wrong: a compiled validator (fastjsonschema) says
whether a record is valid, and only for an invalid one does jsonschema list every error with its
path. The schema file itself is what editors use for autocompletion.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "catalogue" / "record.schema.json"


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _fast_validator() -> Any:
    return fastjsonschema.compile(schema())


@cache
def _full_validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(schema())


def errors(data: Any) -> Iterator[jsonschema.ValidationError]:
    """Every schema error in a record, leaf errors first-class (anyOf/oneOf flattened)."""
    try:
        _fast_validator()(data)
        return
    except fastjsonschema.JsonSchemaValueException:
        pass
    yield from _full_validator().iter_errors(data)


def subschema(path: tuple[str | int, ...]) -> dict[str, Any]:
    """The schema of the value at a key path (list indices step into `items`)."""
    node = schema()
    for key in path:
        if isinstance(key, int) or node.get("type") == "array":
            node = node.get("items", {})
            if isinstance(key, int):
                continue
        props = node.get("properties", {})
        node = props.get(key, node.get("additionalProperties") or {})
        if not isinstance(node, dict):
            return {}
    return node


@cache
def key_order(path: tuple[str, ...]) -> tuple[str, ...]:
    """The canonical order of the keys of the mapping at `path` (the schema's property order)."""
    node = subschema(path)
    if node.get("type") == "array":
        node = node.get("items", {})
    return tuple(node.get("properties", {}))
