"""format: canonical rewrite that never loses content, comments or a whole file."""

from conftest import VALID_RECORD, edited, write_record

from scripts.__main__ import main
from scripts.load.records import load_record


def test_rewrites_into_canonical_form_without_changing_content(catalogue, capsys):
    messy = edited('  volume: "1"\n', "  volume: '1'\n").replace(
        "topics:\n  - withdrawal-self-treatment\n", "topics: [withdrawal-self-treatment]\n"
    )
    path = write_record(catalogue, messy)
    before = load_record(path)[0].data
    assert main(["format", "--catalogue", str(catalogue)]) == 0
    assert path.read_text(encoding="utf-8") == VALID_RECORD
    assert load_record(path)[0].data == before
    assert main(["format", "--catalogue", str(catalogue)]) == 0  # idempotent
    assert path.read_text(encoding="utf-8") == VALID_RECORD


def test_check_mode_changes_nothing_and_exits_1(catalogue, capsys):
    messy = edited('  volume: "1"\n', "  volume: '1'\n")
    path = write_record(catalogue, messy)
    assert main(["format", "--check", "--catalogue", str(catalogue)]) == 1
    assert path.read_text(encoding="utf-8") == messy
    assert "would reformat" in capsys.readouterr().out


def test_refuses_to_drop_comments(catalogue, capsys):
    commented = edited("  year: 2020\n", "  year: 2020  # from the journal page\n").replace(
        '"1"', "'1'"
    )
    path = write_record(catalogue, commented)
    assert main(["format", "--catalogue", str(catalogue)]) == 1
    assert path.read_text(encoding="utf-8") == commented
    assert "has comments" in capsys.readouterr().err


def test_refuses_broken_files(catalogue, capsys):
    broken = VALID_RECORD + "id: again\n"
    path = write_record(catalogue, broken)
    assert main(["format", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == broken
    assert "appears twice" in capsys.readouterr().err


def test_leaves_no_temporary_files(catalogue):
    write_record(catalogue, edited('  volume: "1"\n', "  volume: '1'\n"))
    main(["format", "--catalogue", str(catalogue)])
    assert [p.name for p in (catalogue / "studies").iterdir()] == [
        "doe-2020-kratom-test-study.yaml"
    ]


def test_missing_catalogue_is_a_usage_error(tmp_path, capsys):
    assert main(["format", "--catalogue", str(tmp_path / "nowhere")]) == 2
    assert "has no studies/ folder" in capsys.readouterr().err
