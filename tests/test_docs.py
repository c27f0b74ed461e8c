"""`docs`: the generated sections of README.md and CONTRIBUTING.md match their sources."""

from __future__ import annotations

import shutil

from conftest import REPO

from scripts.__main__ import main
from scripts.cli import code_table
from scripts.rules import CODES


def test_committed_docs_are_up_to_date(capsys):
    code = main(["docs", "--check", "--catalogue", str(REPO / "catalogue")])
    assert code == 0, capsys.readouterr().out + "\nrun `python -m scripts docs` and commit"


def test_the_code_table_lists_every_code_once_with_its_severity():
    table = code_table.render()
    for code, (severity, _meaning) in CODES.items():
        assert table.count(f"| `{code}` | {severity.value} |") == 1, code
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert len(rows) == len(CODES)


def copy_docs(tmp_path):
    for name in ("README.md", "CONTRIBUTING.md"):
        shutil.copy(REPO / name, tmp_path / name)
    return ["docs", "--root", str(tmp_path), "--catalogue", str(REPO / "catalogue")]


def test_stale_sections_are_reported_then_rewritten_alone(tmp_path, capsys):
    args = copy_docs(tmp_path)
    readme = tmp_path / "README.md"
    text = readme.read_text(encoding="utf-8")
    start = text.index("<!-- check-codes:start -->\n") + len("<!-- check-codes:start -->\n")
    end = text.index("<!-- check-codes:end -->")
    readme.write_text(text[:start] + "old table\n" + text[end:], encoding="utf-8")

    assert main([*args, "--check"]) == 1
    assert "README.md: check-codes is out of date" in capsys.readouterr().out
    assert "old table" in readme.read_text(encoding="utf-8")

    assert main(args) == 0
    assert readme.read_text(encoding="utf-8") == text
    assert main([*args, "--check"]) == 0


def test_missing_markers_are_a_usage_error(tmp_path, capsys):
    args = copy_docs(tmp_path)
    (tmp_path / "CONTRIBUTING.md").write_text("# No markers\n", encoding="utf-8")
    assert main(args) == 2
    assert "lacks the markers <!-- field-guide:start -->" in capsys.readouterr().err
