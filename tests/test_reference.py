"""Every entry of the shared reference list is a record, exactly as the reference gives it.

The reference list (../shared/reference/studies.yaml) holds identifiers its verifiers read on
stored pages; a null there means "not seen" and must stay absent in the record, so a curator's
lead from a weaker page goes into the record's notes, never into its fields. Skipped when the
folder is absent (it sits beside the repository, not in it).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

from scripts.load.records import load_record, record_paths

REFERENCE = REPO.parent / "shared" / "reference" / "studies.yaml"
CITATION_FIELDS = ("journal", "year", "volume", "issue", "pages")
ID_FIELDS = ("pmid", "pmcid", "doi")
# Registrations and statements have no journal: the record names the registry or agency, and
# the registration number stands in ids.registrations instead.
NO_JOURNAL_DESIGNS = {"trial-registration", "regulatory-statement"}


def _key(title: str) -> str:
    return re.sub(r"[^a-z0-9]", "", title.lower())


@pytest.fixture(scope="module")
def reference() -> list[dict[str, Any]]:
    if not REFERENCE.is_file():
        pytest.skip(f"the shared reference list is not at {REFERENCE}")
    return yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records() -> dict[str, tuple[Path, dict[str, Any]]]:
    loaded = {}
    for path in record_paths(REPO / "catalogue"):
        record = load_record(path)[0]
        loaded[_key(record.data["citation"]["title"])] = (path, record.data)
    return loaded


@pytest.fixture(scope="module")
def excluded_titles() -> set[str]:
    log = yaml.safe_load((REPO / "catalogue" / "excluded.yaml").read_text(encoding="utf-8"))
    return {_key(entry["title"]) for entry in log["excluded"]}


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def test_every_reference_entry_is_a_record_or_excluded(reference, records, excluded_titles):
    unaccounted = [
        entry["title"]
        for entry in reference
        if _key(entry["title"]) not in records and _key(entry["title"]) not in excluded_titles
    ]
    assert unaccounted == [], (
        "add a record for each (title exactly as in the reference) or log it in excluded.yaml"
    )


def test_records_keep_the_references_identifiers_and_citation(reference, records):
    differences = []
    for entry in reference:
        if _key(entry["title"]) not in records:
            continue
        path, data = records[_key(entry["title"])]
        name = path.name
        ids, cited = data.get("ids") or {}, data["citation"]
        for field in ID_FIELDS:
            if _text(entry.get(field)) != _text(ids.get(field)):
                differences.append(
                    f"{name}: ids.{field} is {ids.get(field)!r}, reference {entry.get(field)!r}"
                )
        for field in CITATION_FIELDS:
            if field == "journal" and data["design"] in NO_JOURNAL_DESIGNS:
                continue
            if _text(entry.get(field)) != _text(cited.get(field)):
                differences.append(
                    f"{name}: citation.{field} is {cited.get(field)!r}, reference {entry.get(field)!r}"
                )
        if " ".join(entry["title"].split()) != " ".join(cited["title"].split()):
            differences.append(f"{name}: citation.title differs from the reference's")
        named = [author for author in entry.get("authors") or [] if author != "et al."]
        truncated = "et al." in (entry.get("authors") or [])
        if named != (cited.get("authors") or []) or truncated != bool(cited.get("et_al")):
            differences.append(
                f"{name}: authors {cited.get('authors')} et_al={cited.get('et_al', False)}, "
                f"reference {entry.get('authors')}"
            )
    assert differences == [], (
        "records must carry the reference's values exactly (a null stays absent); put a lead "
        "from another page in curation.notes instead"
    )
