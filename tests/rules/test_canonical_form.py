"""canonical_form: a non-canonical file is a warning that names the first differing line."""

from conftest import VALID_RECORD, check_one, edited, write_record

from scripts.model.problems import Severity
from scripts.rules.run import check_catalogue


def test_non_canonical_is_a_warning(catalogue):
    text = edited('  volume: "1"\n', "  volume: '1'\n")
    assert check_one(catalogue, text) == [
        (1, "not-canonical", "formatting differs from the canonical form from line 9")
    ]
    (problem,) = check_catalogue(catalogue).problems
    assert problem.severity is Severity.WARNING
    assert problem.hint.startswith("run `python -m scripts format ")


def test_missing_header(catalogue):
    text = VALID_RECORD.split("\n", 1)[1]
    assert check_one(catalogue, text) == [
        (1, "not-canonical", "formatting differs from the canonical form from line 1")
    ]


def test_canonical_passes(catalogue):
    write_record(catalogue, VALID_RECORD)
    assert check_catalogue(catalogue).problems == []
