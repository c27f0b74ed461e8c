"""coverage: counts per topic, design and claim, with shared samples counted once."""

import json

from conftest import VALID_ID, VALID_RECORD, edited, write_record

from scripts.__main__ import main


def test_counts_records_and_independent_samples(catalogue, capsys):
    first = edited(
        "design: cross-sectional-survey\n", "sample: survey-a\ndesign: cross-sectional-survey\n"
    )
    write_record(catalogue, first)
    second = first.replace(VALID_ID, "roe-2020-second-report").replace('"12345678"', '"22222222"')
    second = second.replace("test.1", "test.2").replace("A test study", "Second report")
    second = second.replace("stance: supports", "stance: mixed")
    write_record(catalogue, second, name="roe-2020-second-report")
    assert main(["coverage", "--catalogue", str(catalogue)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2 records, 1 independent samples"
    assert "| withdrawal-self-treatment | 2 | 1 |" in lines
    assert "| cross-sectional-survey | 2 | 1 |" in lines
    assert "| animal | 0 | 0 |" in lines
    assert "| kratom-relieves-opioid-withdrawal | 1 | 0 | 1 | 2 | - |" in lines
    assert "| kratom-is-safe | 0 | 0 | 0 | 0 | - |" in lines


def test_empty_catalogue(catalogue, capsys):
    assert main(["coverage", "--catalogue", str(catalogue)]) == 0
    assert capsys.readouterr().out.startswith("0 records, 0 independent samples\n")


def test_valid_record_fixture_is_single(catalogue, capsys):
    write_record(catalogue, VALID_RECORD)
    main(["coverage", "--catalogue", str(catalogue)])
    assert capsys.readouterr().out.startswith("1 records, 1 independent samples\n")


def test_the_build_writes_the_figures_and_coverage_compares_with_them(catalogue, capsys):
    write_record(catalogue, VALID_RECORD)
    out = catalogue.parent / "output"
    assert main(["build", "--catalogue", str(catalogue), "--out", str(out)]) == 0
    figures = json.loads((out / "figures.json").read_text(encoding="utf-8"))
    assert figures["records"] == 1
    assert figures["topics"]["withdrawal-self-treatment"] == {"records": 1, "samples": 1}
    assert figures["claims"]["kratom-relieves-opioid-withdrawal"]["supports"] == 1
    assert set(figures["completeness"]) == {"average", "fields_missing", "fields_awaiting_pubmed"}
    second = VALID_RECORD.replace(VALID_ID, "roe-2020-second-report").replace('"12345678"', '"2"')
    second = second.replace("test.1", "test.2").replace("A test study", "Second report")
    write_record(catalogue, second, name="roe-2020-second-report")
    capsys.readouterr()
    assert main(["coverage", "--catalogue", str(catalogue)]) == 0  # compares with the last build
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2 records (last build: 1), 2 independent samples"
    assert "| withdrawal-self-treatment | 2 | 2 | 1 | +1 |" in lines
    assert "| kratom-relieves-opioid-withdrawal | 2 | 0 | 0 | 2 (+1) | - |" in lines


def test_unreadable_previous_figures_are_a_usage_error(catalogue, tmp_path, capsys):
    bad = tmp_path / "figures.json"
    bad.write_text("[1, 2]")
    assert main(["coverage", "--catalogue", str(catalogue), "--previous", str(bad)]) == 2
    assert "not a figures.json written by `build`" in capsys.readouterr().err
