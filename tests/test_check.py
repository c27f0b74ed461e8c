"""check: the command's output formats, exit codes, --strict, file filter and completeness."""

import json

from conftest import REPO, VALID_ID, VALID_RECORD, edited, write_record

from scripts.__main__ import main
from scripts.rules.run import check_catalogue

BAD = edited("design: cross-sectional-survey\n", "design: cross-sectional-surevy\n")


def run(capsys, *args):
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_real_catalogue_checks_clean(capsys):
    code, out, _ = run(capsys, "--catalogue", str(REPO / "catalogue"))
    assert code == 0, out
    assert " 0 errors, 0 warnings" in out


def test_clean_catalogue_exits_0(catalogue, capsys):
    write_record(catalogue, VALID_RECORD)
    code, out, _ = run(capsys, "--catalogue", str(catalogue))
    assert code == 0
    assert (
        out
        == "checked 1 records: 0 errors, 0 warnings, 0 notes; completeness 100% on average (lowest 100%: doe-2020-kratom-test-study); 0 fields missing, 0 awaiting PubMed\n"
    )


def test_text_format(catalogue, capsys):
    path = write_record(catalogue, BAD)
    code, out, _ = run(capsys, "--catalogue", str(catalogue))
    assert code == 1
    assert out.splitlines()[0] == (
        f"{path}:14:1: error unknown-term: 'cross-sectional-surevy' is not a term of 'designs' (design)"
        " (did you mean 'cross-sectional-survey'?)"
    )


def test_github_format(catalogue, capsys):
    path = write_record(catalogue, BAD)
    code, out, _ = run(capsys, "--catalogue", str(catalogue), "--format", "github")
    assert code == 1
    assert out.splitlines()[0] == (
        f"::error file={path},line=14,col=1,title=unknown-term::'cross-sectional-surevy' is not a term"
        " of 'designs' (design) (did you mean 'cross-sectional-survey'?)"
    )


def test_json_format(catalogue, capsys):
    write_record(catalogue, BAD)
    code, out, _ = run(capsys, "--catalogue", str(catalogue), "--format", "json")
    document = json.loads(out)
    assert code == 1
    assert document["summary"]["errors"] == 1
    assert document["problems"][0]["code"] == "unknown-term"
    assert document["problems"][0]["line"] == 14
    assert document["completeness"][0]["percent"] == 100


def test_warnings_fail_only_with_strict(catalogue, capsys):
    write_record(catalogue, edited('  volume: "1"\n', "  volume: '1'\n"))
    assert run(capsys, "--catalogue", str(catalogue))[0] == 0
    assert run(capsys, "--catalogue", str(catalogue), "--strict")[0] == 1


def test_all_files_reported_in_one_run(catalogue, capsys):
    write_record(catalogue, BAD)
    write_record(
        catalogue,
        BAD.replace(VALID_ID, "roe-2020-second-study")
        .replace('"12345678"', '"22222222"')
        .replace("test.1", "test.2")
        .replace("A test study", "Another study"),
        name="roe-2020-second-study",
    )
    _code, out, _ = run(capsys, "--catalogue", str(catalogue))
    assert out.count("unknown-term") == 2


def test_files_argument_limits_the_report(catalogue, capsys):
    write_record(catalogue, BAD)
    other = write_record(
        catalogue,
        VALID_RECORD.replace(VALID_ID, "roe-2020-second-study")
        .replace('"12345678"', '"22222222"')
        .replace("test.1", "test.2")
        .replace("A test study", "Another study"),
        name="roe-2020-second-study",
    )
    code, out, _ = run(capsys, "--catalogue", str(catalogue), str(other))
    assert code == 0 and "unknown-term" not in out


def test_completeness_lists_missing_fields(catalogue, capsys):
    write_record(
        catalogue,
        edited(
            "funding:\n  types:\n    - government\n  statement: A test grant\n",
            "",
            edited('  pmid: "12345678"\n', ""),
        ),
    )
    _code, out, _ = run(capsys, "--catalogue", str(catalogue), "--completeness")
    assert "  83%  doe-2020-kratom-test-study  missing: funding; awaiting PubMed: ids.pmid" in (
        out.splitlines()
    )


def test_bad_vocabulary_file_is_a_problem_not_a_crash(catalogue, capsys):
    (catalogue / "claims.yaml").write_text("a: 1\na: 2\n", encoding="utf-8")
    code, out, _ = run(capsys, "--catalogue", str(catalogue))
    assert code == 1
    assert "claims.yaml:2:1: error duplicate-key" in out


def test_missing_catalogue_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(capsys, "--catalogue", str(tmp_path / "nowhere"))
    assert code == 2
    assert "has no studies/ folder" in err


def test_unknown_option_is_a_usage_error(capsys):
    try:
        main(["check", "--no-such-option"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_report_counts(catalogue):
    write_record(catalogue, BAD)
    report = check_catalogue(catalogue)
    assert len(report.records) == 1 and report.average == 100


def test_a_file_name_outside_the_catalogue_is_a_usage_error_not_a_silent_pass(catalogue, capsys):
    write_record(catalogue, VALID_RECORD)
    typo = catalogue / "studies" / "doe-2020-kratom-test-studdy.yaml"
    code, out, err = run(capsys, "--catalogue", str(catalogue), str(typo))
    assert (code, out) == (2, "")
    assert "doe-2020-kratom-test-studdy.yaml is not a record or data file of" in err


def test_a_data_file_may_be_named(catalogue, capsys):
    write_record(catalogue, VALID_RECORD)
    code, out, _ = run(capsys, "--catalogue", str(catalogue), str(catalogue / "claims.yaml"))
    assert code == 0 and out.startswith("checked 1 records: 0 errors")
