"""A record with any value of the wrong type is a set of problems, never a crash of a stage.

Every key of a full record is given, in turn, each kind of wrong value: check must not raise,
and where it finds no error the site must build. (Found by fuzzing: a design written as a list once crashed
the completeness score.)
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import VALID_RECORD, write_record

from scripts.__main__ import main
from scripts.model.problems import Severity
from scripts.rules.run import check_catalogue

WRONG_VALUES = (None, 7, "text", [], ["text"], [None], {}, {"key": "value"})


def full_record() -> dict[str, Any]:
    data = yaml.safe_load(VALID_RECORD)
    data["citation"].update(issue="2", et_al=True)
    data["ids"].update(pmcid="PMC123", url="https://example.org/a", registrations=["NCT01234567"])
    data["sample"] = "a-shared-sample"
    data["funding"]["conflicts"] = "None declared."
    data["curation"]["notes"] = "A note."
    return data


def key_paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from key_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*prefix, index)
            yield from key_paths(value, (*prefix, index))


def with_value(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    node = changed
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return changed


PATHS = list(key_paths(full_record()))


@pytest.mark.parametrize("path", PATHS, ids=[".".join(map(str, p)) for p in PATHS])
def test_any_wrong_value_anywhere_is_reported_not_raised(catalogue: Path, path, capsys) -> None:
    out = catalogue.parent / "site"
    for value in WRONG_VALUES:
        write_record(catalogue, yaml.safe_dump(with_value(full_record(), path, value)))
        report = check_catalogue(catalogue)  # must not raise
        if report.count(Severity.ERROR) == 0:  # accepted as it is: the site must build from it
            assert main(["build", "--catalogue", str(catalogue), "--out", str(out)]) == 0
    assert "Traceback" not in capsys.readouterr().err
