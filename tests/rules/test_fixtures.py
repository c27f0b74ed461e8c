"""Every check rule against fixture files of its own, in the manner of awesome-lint.

`tests/rules/<rule>/` (one folder per `Rule.name`, and `load/` for the loader) holds cases:

- `valid*.yaml`: a record in which check finds no problem at all;
- `invalid-<case>.yaml`: a record that breaks the rule, headed by every problem check reports
  for it, one comment line each, and nothing else reported:

      # case: what the case shows (optional)
      # expect: <line>[:<column>] <code> <message>
      # hint: <hint> (optional; the hint of the problem expected just above)

  These header lines are not part of the record: the test takes them off and writes the rest
  as `studies/<id>.yaml` (the fixture's own name when no `id:` line is found), so line
  numbers count from the record's first line, its `# yaml-language-server` header.
- `valid-<case>/` and `invalid-<case>/`: a small catalogue, for what needs more than one file
  (`studies/*.yaml`, `excluded.yaml`, `pubmed/<pmid>.json`, or data files of its own), with an
  `expect.yaml` (see `_folder_case`) listing the problems by file and making what git cannot
  hold portably (symbolic links, files over the size limit).

Every case runs the real check over a scratch catalogue with the project's vocabularies.yaml and
claims.yaml, from inside it, so paths read `studies/<id>.yaml`, on a fixed date.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from scripts.load.codes import LOAD_CODES
from scripts.rules import CATALOGUE_RULES, CODES, SHAPE_RULES, STUDY_RULES, TEXT_RULES
from scripts.rules.run import check_catalogue

HERE = Path(__file__).parent
TODAY = datetime.date(2026, 12, 1)
"""The date the fixtures are checked on: year_range allows up to 2027, dates refuses 2026-12-02."""
DATA_FILES = ("vocabularies.yaml", "claims.yaml")
RULE_CODES: dict[str, set[str]] = {
    rule.name: set(rule.codes)
    for rule in (*SHAPE_RULES, *TEXT_RULES, *STUDY_RULES, *CATALOGUE_RULES)
}
RULE_CODES["load"] = set(LOAD_CODES)

EXEMPT: dict[str, str] = {
    # Only permissions make a file that the checker lists but cannot read, and root (as in many
    # CI containers) reads through them. tests/test_records.py reads a path that is not there.
    "unreadable": "cannot be made portably from a fixture",
}
"""Codes no fixture can produce, with the reason; keep this as short as possible."""

_HEADER = re.compile(rb"# (case|expect|hint):(.*)")
_EXPECT = re.compile(r"(\d+)(?::(\d+))? (\S+) (.+)")
_ID = re.compile(r"""^id: *["']?([^"'\s#]+)["']? *$""", re.MULTILINE)


@dataclass(frozen=True)
class Expected:
    file: str
    line: int
    code: str
    message: str
    column: int | None = None
    hint: str | None = None

    @property
    def key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line, self.code, self.message)


@dataclass
class Case:
    rule: str
    path: Path
    expected: list[Expected] = field(default_factory=list)
    setup: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.path.name.removesuffix('.yaml')}"

    @property
    def valid(self) -> bool:
        return self.path.name.startswith("valid")


def _single_file_case(rule: str, path: Path) -> tuple[Case, str, bytes]:
    """The case, the name its record is written under and the record's bytes."""
    lines = path.read_bytes().splitlines(keepends=True)
    case = Case(rule, path)
    headers = 0
    for line in lines:
        found = _HEADER.fullmatch(line.rstrip(b"\r\n"))
        if not found:
            break
        headers += 1
        kind, value = found.group(1).decode(), found.group(2).decode("utf-8").strip()
        if kind == "hint":
            assert case.expected, f"{path.name}: a hint line needs an expect line above it"
            last = case.expected.pop()
            case.expected.append(
                Expected(last.file, last.line, last.code, last.message, last.column, value)
            )
        elif kind == "expect":
            parts = _EXPECT.fullmatch(value)
            assert parts, f"{path.name}: write `# expect: <line>[:<column>] <code> <message>`"
            line_number, column, code, message = parts.groups()
            case.expected.append(
                Expected("", int(line_number), code, message, int(column) if column else None)
            )
    record = b"".join(lines[headers:])
    named = _ID.search(record.decode("utf-8", "replace"))
    name = f"{named.group(1) if named else path.stem}.yaml"
    case.expected = [
        Expected(f"studies/{name}", e.line, e.code, e.message, e.column, e.hint)
        for e in case.expected
    ]
    return case, name, record


def _folder_case(rule: str, path: Path) -> Case:
    """A small catalogue. Its expect.yaml (none for a valid case that needs no setup) reads:

    case: what the case shows
    expect:  # every problem, by file relative to the folder; column and hint optional
      - {file: studies/x.yaml, line: 12, code: ..., message: ..., column: 3, hint: ...}
    setup:  # what git cannot hold portably, made by the test
      symlinks: {studies/x.yaml: ../elsewhere.yaml}  # the link: where it points
      sizes: {studies/y.yaml: 1000001}  # grow the file to this many bytes
      without: [claims.yaml]  # leave out a data file the test adds otherwise
    """
    spec_file = path / "expect.yaml"
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8")) if spec_file.exists() else {}
    unknown = set(spec) - {"case", "expect", "setup"}
    assert not unknown, f"{rule}/{path.name}/expect.yaml: unknown keys {unknown}"
    expected = [
        Expected(e["file"], e["line"], e["code"], e["message"], e.get("column"), e.get("hint"))
        for e in spec.get("expect") or []
    ]
    return Case(rule, path, expected, spec.get("setup") or {})


def _cases() -> list[Case]:
    cases = []
    for folder in sorted(p for p in HERE.iterdir() if p.is_dir() and p.name in RULE_CODES):
        for path in sorted(folder.iterdir()):
            if path.is_dir():
                cases.append(_folder_case(folder.name, path))
            else:
                cases.append(_single_file_case(folder.name, path)[0])
    return cases


CASES = _cases()


def _build(case: Case, root: Path) -> None:
    """The scratch catalogue of a case at `root`."""
    if case.path.is_dir():
        shutil.copytree(
            case.path, root, symlinks=True, ignore=shutil.ignore_patterns("expect.yaml")
        )
    (root / "studies").mkdir(parents=True, exist_ok=True)
    if case.path.is_file():
        _case, name, record = _single_file_case(case.rule, case.path)
        (root / "studies" / name).write_bytes(record)
    setup = case.setup
    for name in DATA_FILES:
        if name not in setup.get("without", ()) and not (root / name).exists():
            shutil.copy(REPO / "catalogue" / name, root / name)
    for link, target in setup.get("symlinks", {}).items():
        (root / link).symlink_to(target)
    for name, size in setup.get("sizes", {}).items():
        os.truncate(root / name, size)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_fixture(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "catalogue"
    _build(case, root)
    monkeypatch.chdir(root)
    problems = check_catalogue(Path("."), today=TODAY).problems

    found = sorted((p.path, p.line, p.code, p.message) for p in problems)
    assert found == sorted(e.key for e in case.expected), "reported (left) and expected differ"
    by_key = {(p.path, p.line, p.code, p.message): p for p in problems}
    for expected in case.expected:
        problem = by_key[expected.key]
        if expected.column is not None:
            assert problem.column == expected.column, expected
        if expected.hint is not None:
            assert problem.hint == expected.hint, expected
    for problem in problems:
        assert problem.severity is CODES[problem.code][0], problem


def test_every_rule_has_valid_and_invalid_cases() -> None:
    folders = {p.name for p in HERE.iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert folders == set(RULE_CODES), "one fixture folder per rule, and load/ for the loader"
    for rule in RULE_CODES:
        names = [case.path.name for case in CASES if case.rule == rule]
        assert any(n.startswith("valid") for n in names), f"{rule} has no valid case"
        assert any(n.startswith("invalid-") for n in names), f"{rule} has no invalid case"
    for case in CASES:
        name = case.path.name
        assert re.fullmatch(r"(valid|invalid)(-[a-z0-9]+)*(\.yaml)?", name), case.id
        if case.valid:
            assert case.expected == [], f"{case.id}: a valid case expects no problem"
        else:
            codes = {e.code for e in case.expected}
            assert codes & RULE_CODES[case.rule], f"{case.id} expects none of its rule's codes"


def test_every_code_is_expected_by_a_fixture() -> None:
    expected = {e.code for case in CASES for e in case.expected}
    assert set(expected) <= set(CODES), f"codes that do not exist: {set(expected) - set(CODES)}"
    assert set(EXEMPT) <= set(CODES)
    missing = set(CODES) - set(EXEMPT) - set(expected)
    assert not missing, f"codes no invalid fixture expects: {sorted(missing)}"
    now_covered = set(EXEMPT) & set(expected)
    assert not now_covered, f"exempt codes that a fixture now expects: {sorted(now_covered)}"
