"""coverage: counts per topic, design and claim, with shared samples counted once."""

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
    assert "| kratom-relieves-opioid-withdrawal | 1 | 0 | 1 | 2 |" in lines
    assert "| kratom-is-safe | 0 | 0 | 0 | 0 |" in lines


def test_empty_catalogue(catalogue, capsys):
    assert main(["coverage", "--catalogue", str(catalogue)]) == 0
    assert capsys.readouterr().out.startswith("0 records, 0 independent samples\n")


def test_valid_record_fixture_is_single(catalogue, capsys):
    write_record(catalogue, VALID_RECORD)
    main(["coverage", "--catalogue", str(catalogue)])
    assert capsys.readouterr().out.startswith("1 records, 1 independent samples\n")
