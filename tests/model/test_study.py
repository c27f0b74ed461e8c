"""The Study classes and record.schema.json describe the same record.

Each class names the schema object it models (`schema_path`); its fields must be that object's
properties, a field without a default exactly where the schema requires the property, and every
property described in the schema (where each field is documented, once).
"""

from __future__ import annotations

import dataclasses
import datetime
import json

import pytest
from conftest import REPO

from scripts.model.study import (
    Appraisal,
    Citation,
    ClaimStance,
    Curation,
    DomainJudgement,
    Exposure,
    Finding,
    Funding,
    Identifiers,
    Judgement,
    Lead,
    Population,
    Study,
)

SCHEMA = json.loads((REPO / "catalogue" / "record.schema.json").read_text(encoding="utf-8"))
MODELLED = (Study, Citation, Identifiers, Population, Exposure, Finding, ClaimStance, Funding,
            Lead, Curation, Appraisal, DomainJudgement, Judgement)  # fmt: skip
KEY_FIELDS = {ClaimStance: {"claim"}, DomainJudgement: {"domain"}}
"""Fields that hold a mapping's key rather than a property (the claim a stance is on)."""


def node(path: str) -> dict:
    """The schema object at a dotted path; `*` is a mapping's values, lists step into items."""
    current = SCHEMA
    for part in filter(None, path.split(".")):
        current = current["additionalProperties"] if part == "*" else current["properties"][part]
        if current.get("type") == "array":
            current = current["items"]
    return current


@pytest.mark.parametrize("cls", MODELLED, ids=lambda c: c.__name__)
def test_fields_are_the_schema_properties(cls):
    schema = node(cls.schema_path)
    fields = {f.name for f in dataclasses.fields(cls)} - KEY_FIELDS.get(cls, set())
    assert fields == set(schema["properties"])


@pytest.mark.parametrize("cls", MODELLED, ids=lambda c: c.__name__)
def test_required_exactly_where_the_schema_requires(cls):
    schema = node(cls.schema_path)
    no_default = {
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    } - KEY_FIELDS.get(cls, set())
    assert no_default == set(schema.get("required", ()))


def test_every_object_the_schema_has_is_modelled():
    paths = {cls.schema_path for cls in MODELLED}

    def walk(schema: dict, path: str) -> None:
        for key, child in schema.get("properties", {}).items():
            child_path = f"{path}.{key}".lstrip(".")
            item = child.get("items", child) if child.get("type") == "array" else child
            if item.get("type") == "object" and "properties" in item:
                assert child_path in paths, f"{child_path} has no model class"
                walk(item, child_path)
            extra = child.get("additionalProperties")
            if isinstance(extra, dict) and "properties" in extra:
                assert f"{child_path}.*" in paths, f"{child_path}.* has no model class"

    walk(SCHEMA, "")


def test_every_property_is_described_once_in_the_schema():
    def walk(schema: dict, path: str) -> None:
        for key, child in schema.get("properties", {}).items():
            where = f"{path}.{key}".lstrip(".")
            item = child.get("items", {}) if child.get("type") == "array" else {}
            assert child.get("description") or item.get("description"), f"{where} undescribed"
            walk(item or child, where)
            extra = child.get("additionalProperties")
            if isinstance(extra, dict):
                walk(extra, f"{where}.*")

    walk(SCHEMA, "")


def test_dates_are_calendar_dates():
    types = {f.name: f.type for f in dataclasses.fields(Curation)}
    assert types["added"] in (datetime.date, "datetime.date")
