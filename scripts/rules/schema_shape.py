"""The record's shape against catalogue/record.schema.json, every error mapped to its key."""

from __future__ import annotations

import re
from collections.abc import Iterator

import jsonschema

from ..load import schema
from ..load.records import Record, dotted
from ..load.vocabulary import did_you_mean
from ..model.problems import Problem, Severity
from .base import Codes, Context

CODES = Codes(
    {
        "missing-field": (Severity.ERROR, "a required field is absent"),
        "unknown-key": (Severity.ERROR, "a key the record format does not have"),
        "wrong-type": (Severity.ERROR, "a value of the wrong kind (text, number, list, mapping)"),
        "empty-value": (Severity.ERROR, "a value that is empty or too short"),
        "bad-format": (Severity.ERROR, "a value that does not follow its pattern"),
        "missing-identifier": (Severity.ERROR, "none of pmid, doi or url is given"),
        "duplicate-item": (Severity.ERROR, "a list that holds the same item twice"),
    }
)
_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list",
    "object": "a mapping of keys",
    "number": "a number",
    "boolean": "true or false",
}
_REQUIRED = re.compile(r"'(.+?)' is a required property")


def check(record: Record, context: Context) -> Iterator[Problem]:
    for error in schema.errors(record.data):
        yield from _explain(record, error)


def _explain(record: Record, error: jsonschema.ValidationError) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    where = dotted(path) or "the record"
    kind = error.validator
    if kind == "required":
        name = _REQUIRED.match(error.message)
        key = name.group(1) if name else str(error.validator_value)
        field = dotted((*path, key))
        described = schema.subschema((*path, key)).get("description", "")
        yield CODES.at(
            record,
            path,
            "missing-field",
            f"missing required field '{field}'",
            f"add `{key}:`" + (f": {described}" if described else ""),
        )
    elif kind == "additionalProperties":
        allowed = tuple(schema.subschema(path).get("properties", {}))
        for key in sorted(set(error.instance) - set(allowed)):
            yield CODES.at(
                record,
                (*path, key),
                "unknown-key",
                f"unknown key '{key}' in {where}",
                did_you_mean(key, allowed) or "remove it; see CONTRIBUTING.md for the fields",
            )
    elif kind == "type":
        expected = _TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        actual = _describe(error.instance)
        hint = (
            f'write it in quotes: "{error.instance}"'
            if error.validator_value == "string" and not isinstance(error.instance, list | dict)
            else f"write {expected}"
        )
        yield CODES.at(
            record, path, "wrong-type", f"'{where}' must be {expected}, not {actual}", hint
        )
    elif kind in ("minLength", "minItems"):
        at_least = error.validator_value
        too_short = (
            "is empty"
            if not error.instance
            else f"is too short (at least {at_least} {'characters' if kind == 'minLength' else 'items'})"
        )
        yield CODES.at(
            record,
            path,
            "empty-value",
            f"'{where}' {too_short}",
            schema.subschema(path).get("description", "fill it in or remove the key"),
        )
    elif kind == "anyOf" and path == ("ids",):
        yield CODES.at(
            record,
            path,
            "missing-identifier",
            "ids needs at least one of pmid, doi or url",
            "add the PMID or DOI you read on the publication's page, or its url",
        )
    elif kind == "uniqueItems":
        seen: list[object] = []
        for index, item in enumerate(error.instance):
            if item in seen:
                yield CODES.at(
                    record,
                    (*path, index),
                    "duplicate-item",
                    f"'{where}' lists {item!r} twice (items {seen.index(item) + 1} and {index + 1})",
                    "keep one of them",
                )
            else:
                seen.append(item)
    elif kind in ("pattern", "minimum"):
        yield CODES.at(
            record,
            path,
            "bad-format",
            f"'{where}' has the wrong format: {error.instance!r}",
            schema.subschema(path).get("description", error.message),
        )
    else:
        yield CODES.at(
            record,
            path,
            "wrong-type",
            f"'{where}': {error.message}",
            "see record.schema.json for this field",
        )


def _describe(value: object) -> str:
    if value is None:
        return "empty (null)"
    for kind, name in (
        (bool, "true/false"),
        (int, "a number"),
        (float, "a number"),
        (str, "text"),
        (list, "a list"),
        (dict, "a mapping"),
    ):
        if isinstance(value, kind):
            return name
    return type(value).__name__
