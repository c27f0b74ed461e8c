"""canonical: dump(load(text)) == text for canonical files, and load(dump(data)) == data always."""

from pathlib import Path

import pytest
from conftest import REPO, VALID_RECORD
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.load import canonical
from scripts.load.records import _parse, load_record, record_paths


def reload(text: str):
    record, problems = _parse(Path("x.yaml"), text)
    assert problems == []
    return record.data


@pytest.mark.parametrize("path", record_paths(REPO / "catalogue"), ids=lambda p: p.stem)
def test_catalogue_records_round_trip_byte_identical(path):
    record, problems = load_record(path)
    assert problems == []
    assert canonical.dump(record.data) == record.text


def test_valid_record_is_canonical():
    assert canonical.dump(reload(VALID_RECORD)) == VALID_RECORD


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("plain words", "plain words"),
        ("12345678", '"12345678"'),
        ("1.5", '"1.5"'),
        ("yes", '"yes"'),
        ("null", '"null"'),
        ("", '""'),
        ("Title: with colon", '"Title: with colon"'),
        ("ends with colon:", '"ends with colon:"'),
        ("has # hash", '"has # hash"'),
        ("C#7 is fine", "C#7 is fine"),
        ("- leading dash", '"- leading dash"'),
        ("'quoted'", "\"'quoted'\""),
        ("2026-11-25", "2026-11-25"),
        ("line\nbreak", '"line\\nbreak"'),
        ("tab\there", '"tab\\there"'),
        ("del\x7fchar", '"del\\u007fchar"'),
        ("Müller CP", "Müller CP"),
        ("10.1016/S0376-8716(14)00793-5", "10.1016/S0376-8716(14)00793-5"),
    ],
)
def test_scalar_style(value, written):
    text = canonical.dump({"id": value})
    assert text.splitlines()[1] == f"id: {written}"
    assert reload(text) == {"id": value}


def test_long_text_is_folded_and_reads_back():
    summary = "word " * 60 + "end."
    text = canonical.dump({"limitations": summary.strip()})
    assert text.splitlines()[1] == "limitations: >-"
    assert all(len(line) <= canonical.WIDTH for line in text.splitlines())
    assert reload(text) == {"limitations": summary.strip()}


def test_long_text_with_double_spaces_is_quoted_not_folded():
    value = "two  spaces " * 20
    text = canonical.dump({"notes": value})
    assert reload(text) == {"notes": value}
    assert ">-" not in text


def test_keys_follow_the_schema_order():
    text = canonical.dump(
        {"curation": {"by": "a", "added": "2026-01-01"}, "id": "x", "zzz": 1, "aaa": 2}
    )
    assert [line.split(":")[0] for line in text.splitlines()[1:]] == [
        "id",
        "curation",
        "  added",
        "  by",
        "aaa",
        "zzz",
    ]


scalars = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=150),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.none(),
    st.sampled_from(
        ["1e5", "0x1F", "+1", ".inf", "~", "on", "2020-01-01", "a: b", " x", "x ", "#x"]
    ),
)
keys = st.sampled_from(["id", "citation", "title", "notes", "summary", "n", "x", "claims", "ids"])
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(keys, values, min_size=1, max_size=6))
def test_any_data_reads_back_identical_and_dump_is_stable(data):
    text = canonical.dump(data)
    assert reload(text) == data
    assert canonical.dump(reload(text)) == text


def test_long_text_without_spaces_stays_on_its_line():
    url = "https://example.org/" + "a" * 120
    text = canonical.dump({"curation": {"verified_from": [url]}})
    assert f"    - {url}" in text.splitlines()
    assert reload(text) == {"curation": {"verified_from": [url]}}
