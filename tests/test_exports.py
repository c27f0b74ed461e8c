"""Exports: pinned by golden files for the fixture catalogue, and read back by real readers.

Regenerate the golden files after an intended change with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_exports.py`, and review the diff.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware

from scripts import exports
from scripts.exports import tables
from scripts.load.records import load_records
from scripts.load.vocabulary import load_vocabulary
from scripts.rules.run import check_catalogue
from scripts.website.model import Study
from scripts.website.site import build_site

FIXTURE = Path(__file__).parent / "fixtures" / "site_catalogue"
GOLDEN = Path(__file__).parent / "golden"
HOSTILE = "fixture-2022-hostile-record"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def studies() -> list[Study]:
    return build_site(
        check_catalogue(FIXTURE).checked, load_vocabulary(FIXTURE), FIXTURE, None
    ).studies


@pytest.fixture(scope="module")
def files(studies: list[Study]) -> dict[str, str]:
    found = exports.catalogue_files(studies)
    for study in studies:
        found.update(exports.study_files(study))
    return found


GOLDEN_FILES = [
    *exports.CATALOGUE_EXPORTS,
    *(f"studies/{HOSTILE}.{ext}" for ext in exports.STUDY_EXPORTS),
    *(f"studies/fixture-2024-trial-registration.{ext}" for ext in exports.STUDY_EXPORTS),
]


@pytest.mark.parametrize("name", GOLDEN_FILES)
def test_export_matches_its_golden_file(files: dict[str, str], name: str) -> None:
    golden = GOLDEN / name.replace("studies/", "study-")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(files[name], encoding="utf-8", newline="\n")
    assert golden.exists(), f"no golden file {golden}: run with UPDATE_GOLDEN=1"
    assert files[name] == golden.read_text(encoding="utf-8"), (
        f"{name} differs from {golden}; if the change is intended, rerun with UPDATE_GOLDEN=1"
    )


def test_every_study_has_its_citation_files(files: dict[str, str], studies: list[Study]) -> None:
    for study in studies:
        for ext in exports.STUDY_EXPORTS:
            assert f"studies/{study.id}.{ext}" in files


# --- BibTeX ----------------------------------------------------------------------------------


def test_bibtex_reads_back_with_bibtexparser(files: dict[str, str], studies: list[Study]) -> None:
    library = bibtexparser.parse_string(
        files["catalogue.bib"], append_middleware=[LatexDecodingMiddleware()]
    )
    assert not library.failed_blocks
    entries = {e.key: e for e in library.entries}
    assert sorted(entries) == sorted(s.id for s in studies)
    for study in studies:
        entry = entries[study.id]
        assert entry["title"] == study.title, study.id
        assert entry["year"] == str(study.year)
    trial = entries["fixture-2021-kratom-tea-withdrawal-trial"]
    assert trial.entry_type == "article"
    assert trial["author"].startswith("Alpha, A. and Bravo, B. C. and")
    assert trial["pages"] == "1001\u20131010"  # -- decoded to an en dash
    assert trial["doi"] == "10.5555/fixture.2021.1"
    assert trial["pmid"] == "90000001"
    assert entries["fixture-2024-trial-registration"].entry_type == "misc"


def test_bibtex_escapes_braces_so_hostile_text_cannot_break_entries(files: dict[str, str]) -> None:
    text = files[f"studies/{HOSTILE}.bib"]
    library = bibtexparser.parse_string(text)
    assert len(library.entries) == 1 and not library.failed_blocks
    assert library.entries[0]["pages"] == r"\{7--9\}"
    assert library.entries[0]["journal"].startswith("<script>")  # text; BibTeX is not HTML


# --- RIS -------------------------------------------------------------------------------------


def test_ris_reads_back_with_rispy(files: dict[str, str], studies: list[Study]) -> None:
    references = rispy.loads(files["catalogue.ris"])
    assert [r["id"] for r in references] == sorted(s.id for s in studies)
    by_id = {r["id"]: r for r in references}
    for study in studies:
        assert by_id[study.id]["title"] == study.title
    trial = by_id["fixture-2021-kratom-tea-withdrawal-trial"]
    assert trial["type_of_reference"] == "JOUR"
    assert trial["authors"][:2] == ["Alpha, A.", "Bravo, B. C."]
    assert (trial["start_page"], trial["end_page"]) == ("1001", "1010")
    assert trial["doi"] == "10.5555/fixture.2021.1"
    assert trial["accession_number"] == "90000001"
    assert trial["secondary_title"] == "Journal of Fixture Studies"
    assert by_id["fixture-2024-trial-registration"]["type_of_reference"] == "GEN"


def test_ris_puts_every_value_on_one_line(studies: list[Study]) -> None:
    study = dataclasses.replace(studies[0], title="First line\nTY  - JOUR\nforged")
    (reference,) = rispy.loads(exports.ris.document([study]))
    assert reference["title"] == "First line TY - JOUR forged"


# --- CSL-JSON, CSV, JSON ---------------------------------------------------------------------


def test_csl_json_is_a_list_of_items(files: dict[str, str], studies: list[Study]) -> None:
    items = json.loads(files["catalogue.csl.json"])
    assert [i["id"] for i in items] == sorted(s.id for s in studies)
    trial = next(i for i in items if i["id"] == "fixture-2021-kratom-tea-withdrawal-trial")
    assert trial["type"] == "article-journal"
    assert trial["author"][0] == {"family": "Alpha", "given": "A."}
    assert trial["issued"] == {"date-parts": [[2021]]}
    assert trial["PMCID"] == "PMC9000001"


def test_csv_has_one_row_per_study(files: dict[str, str], studies: list[Study]) -> None:
    rows = list(csv.DictReader(io.StringIO(files["catalogue.csv"])))
    assert [r["id"] for r in rows] == sorted(s.id for s in studies)
    assert list(rows[0]) == list(tables.COLUMNS)
    trial = next(r for r in rows if r["id"] == "fixture-2021-kratom-tea-withdrawal-trial")
    assert trial["claims"] == (
        "kratom-reduces-opioid-craving: contradicts; kratom-relieves-opioid-withdrawal: supports"
    )
    assert trial["n"] == "60" and trial["tier"] == "trial"
    retracted = next(r for r in rows if r["id"] == "fixture-2016-retracted-case-series")
    assert retracted["status"] == "retracted"


def test_csv_guards_against_spreadsheet_formulas(studies: list[Study]) -> None:
    study = dataclasses.replace(studies[0], title='=HYPERLINK("https://example.org")')
    (row,) = csv.DictReader(io.StringIO(tables.csv_document([study])))
    assert row["title"] == '\'=HYPERLINK("https://example.org")'


def test_json_holds_every_record_as_curated(files: dict[str, str]) -> None:
    document = json.loads(files["catalogue.json"])
    records = {r.id: r.data for _, r, _ in load_records(FIXTURE) if r is not None}
    assert {s["id"]: s["record"] for s in document["studies"]} == records
    retracted = next(
        s for s in document["studies"] if s["id"] == "fixture-2016-retracted-case-series"
    )
    assert retracted["pubmed_status"] == ["retracted"]


# --- Atom ------------------------------------------------------------------------------------


def test_atom_feed_lists_newest_additions_first(
    files: dict[str, str], studies: list[Study]
) -> None:
    feed = ET.fromstring(files["feed.xml"].encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    added = {s.id: s.record.curation.added.isoformat() for s in studies}
    ids = [link.removeprefix("studies/").removesuffix(".html") for link in links]
    assert ids == sorted(sorted(added), key=lambda i: added[i], reverse=True)
    assert ids[0] == "fixture-2024-trial-registration"
    assert feed.findtext(f"{ATOM}updated") == "2026-11-28T00:00:00Z"
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    assert all(e.findtext(f"{ATOM}id").startswith("urn:uuid:") for e in entries)
