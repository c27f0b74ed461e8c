"""data_files: the vocabularies, claims and search statement are checked against their schemas,
and every command reports a bad one by file and line instead of crashing on it later."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, VALID_RECORD, problems_of, write_record

from scripts.__main__ import main
from scripts.load import data_files
from scripts.model.errors import DataFileError


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


@pytest.mark.parametrize("name", ["vocabularies.yaml", "claims.yaml", "search.yaml"])
def test_the_real_data_files_match_their_schemas(name):
    assert data_files.load(REPO / "catalogue" / name).data


def test_a_term_without_definition_is_named_at_its_line(catalogue):
    vocabularies = catalogue / "vocabularies.yaml"
    replace(vocabularies, "  human:\n    definition:", "  human:\n    meaning:")
    write_record(catalogue, VALID_RECORD)
    assert problems_of(catalogue) == [
        (
            "vocabularies.yaml",
            line_of(vocabularies, "meaning:") - 1,
            "bad-data-file",
            "species.human: Additional properties are not allowed ('meaning' was unexpected)",
        ),
        (
            "vocabularies.yaml",
            line_of(vocabularies, "meaning:") - 1,
            "bad-data-file",
            "species.human: 'definition' is a required property",
        ),
    ]


def test_a_design_tier_of_the_wrong_type_is_a_problem_not_a_crash(catalogue):
    vocabularies = catalogue / "vocabularies.yaml"
    replace(vocabularies, "    tier: trial\n", "    tier: [trial]\n")
    with pytest.raises(DataFileError) as raised:
        data_files.load(vocabularies)
    (problem,) = raised.value.problems
    assert (problem.line, problem.code) == (line_of(vocabularies, "tier: [trial]"), "bad-data-file")
    assert (
        problem.message
        == "designs.randomized-controlled-trial.tier: ['trial'] is not of type 'string'"
    )
    assert problem.hint == "see catalogue/vocabularies.schema.json for the expected shape"


def test_a_claim_with_a_bad_name_or_missing_wording(catalogue):
    claims = catalogue / "claims.yaml"
    claims.write_text("Kratom Is Great:\n  title: x\n", encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        data_files.load(claims)
    messages = sorted(p.message for p in raised.value.problems)
    assert "the file: 'Kratom Is Great' does not match '^[a-z0-9]+(-[a-z0-9]+)*$'" in messages
    assert "Kratom Is Great: 'statement' is a required property" in messages


def test_a_missing_vocabulary_file_says_which(catalogue):
    (catalogue / "claims.yaml").unlink()
    with pytest.raises(DataFileError) as raised:
        data_files.load(catalogue / "claims.yaml")
    assert raised.value.problems[0].code == "missing-file"
    assert raised.value.problems[0].message == "claims.yaml is missing"


def test_an_optional_file_may_be_absent(catalogue):
    assert data_files.load_optional(catalogue / "search.yaml") is None


def test_a_search_statement_with_terms_of_the_wrong_type(catalogue):
    (catalogue / "search.yaml").write_text("terms: kratom\n", encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        data_files.load_optional(catalogue / "search.yaml")
    assert [p.message for p in raised.value.problems] == ["terms: 'kratom' is not of type 'array'"]


@pytest.mark.parametrize("command", ["check", "build", "coverage"])
def test_every_command_reports_a_bad_data_file_and_exits_1(catalogue, command, capsys, tmp_path):
    replace(catalogue / "vocabularies.yaml", "    tier: trial\n", "    tier: {}\n")
    write_record(catalogue, VALID_RECORD)
    args = [command, "--catalogue", str(catalogue)]
    if command == "build":
        args += ["--out", str(tmp_path / "site")]
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert "vocabularies.yaml:" in out + err
    assert "error bad-data-file: designs.randomized-controlled-trial.tier" in out + err
    assert "Traceback" not in out + err
