"""The catalogue's data files other than records: loaded as safely as records and checked
against their schemas (catalogue/<name>.schema.json), so that a bad edit to the vocabularies,
the claims or the search statement is a located problem, not a crash in a later stage.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema

from ..model.errors import DataFileError
from ..model.problems import Problem, Severity
from .records import Record, dotted, load_record

SCHEMA_FOLDER = Path(__file__).resolve().parents[2] / "catalogue"
NAMES = ("vocabularies.yaml", "claims.yaml", "excluded.yaml", "search.yaml")
ASSESSMENTS = "assessments"
"""The folder of claim assessments, one <claim>.yaml each (assessment.schema.json)."""


def load(path: Path) -> Record:
    """A data file that every catalogue has; DataFileError when it is missing or bad."""
    record = load_optional(path)
    if record is None:
        problem = Problem(
            str(path),
            1,
            1,
            Severity.ERROR,
            "missing-file",
            f"{path.name} is missing",
            f"every catalogue has one: see catalogue/{path.name} in the repository",
        )
        raise DataFileError([problem])
    return record


def load_optional(path: Path, schema: str | None = None) -> Record | None:
    """A data file that a catalogue may lack (exclusion log, search statement): None then.

    Checked against catalogue/<schema or the file's stem>.schema.json where that exists."""
    if not path.exists():
        return None
    record, problems = load_record(path)
    if record is None or problems:
        raise DataFileError(problems)
    schema_file = SCHEMA_FOLDER / f"{schema or path.stem}.schema.json"
    if schema_file.exists():
        shape = [
            _problem(record, e, schema_file.name)
            for e in _validator(schema_file).iter_errors(record.data)
        ]
        if shape:
            raise DataFileError(sorted(shape, key=lambda p: p.sort_key))
    return record


@cache
def _validator(schema_file: Path) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(schema_file.read_text(encoding="utf-8")))


def _problem(record: Record, error: jsonschema.ValidationError, schema_name: str) -> Problem:
    path = tuple(error.absolute_path)
    line, column = record.position(path)
    where = dotted(path) or "the file"
    return Problem(
        str(record.path),
        line,
        column,
        Severity.ERROR,
        "bad-data-file",
        f"{where}: {error.message}",
        f"see catalogue/{schema_name} for the expected shape",
    )
