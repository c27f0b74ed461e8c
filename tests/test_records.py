"""records: safe loading with positions; every kind of bad file is a clear problem, never a crash."""

from pathlib import Path

import pytest
from conftest import VALID_RECORD

from scripts.load.records import MAX_BYTES, load_record


def load(tmp_path: Path, content: bytes | str):
    path = tmp_path / "x-2020-test.yaml"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return load_record(path)


def only_problem(tmp_path, content):
    record, problems = load(tmp_path, content)
    assert len(problems) == 1, problems
    p = problems[0]
    return record, (p.line, p.column, p.code, p.message)


def test_valid_record_keeps_positions(tmp_path):
    record, problems = load(tmp_path, VALID_RECORD)
    assert problems == []
    assert record.data["citation"]["year"] == 2020
    assert record.data["curation"]["added"] == "2026-11-25"  # dates stay text
    assert record.position(("citation", "title")) == (4, 3)
    assert record.position(("topics", 0)) == (26, 5)
    assert record.position(("findings", 0, "summary")) == (30, 5)
    assert record.position(("citation", "no-such-key")) == (3, 1)  # nearest present parent


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"\xef\xbb\xbfid: x\n",
            (1, 1, "byte-order-mark", "file starts with a UTF-8 byte-order mark"),
        ),
        (b"id: x\ntitle: caf\xe9\n", (2, 11, "not-utf8", "byte 0xe9 is not valid UTF-8")),
        (b"", (1, 1, "empty-file", "file is empty")),
        (b"   \n\n", (1, 1, "empty-file", "file is empty")),
        (b"# only a comment\n", (1, 1, "empty-file", "file holds no YAML value, only comments")),
        (b"id: x\n\tcitation: y\n", (2, 1, "tab-indent", "tab character in indentation")),
        (b"- a\n- b\n", (1, 1, "not-a-mapping", "the file holds a list, not a mapping of keys")),
        (
            b"just text\n",
            (1, 1, "not-a-mapping", "the file holds a single value, not a mapping of keys"),
        ),
        (
            b"id: [unclosed\n",
            (
                2,
                1,
                "yaml-syntax",
                "while parsing a flow sequence: did not find expected ',' or ']'",
            ),
        ),
        (
            b"id: a\nid: b\n",
            (
                2,
                1,
                "duplicate-key",
                "key 'id' appears twice (first on line 1); YAML would silently keep only this one",
            ),
        ),
        (
            b"id: !!python/object:os.system x\n",
            (
                1,
                5,
                "yaml-tag",
                "tag tag:yaml.org,2002:python/object:os.system is not allowed in records",
            ),
        ),
        (
            b"? [a, b]\n: c\n",
            (1, 3, "bad-key", "a key must be a plain name, not a list or mapping"),
        ),
    ],
    ids=[
        "bom",
        "latin1",
        "empty",
        "blank",
        "comment-only",
        "tab",
        "list",
        "scalar",
        "syntax",
        "duplicate-key",
        "python-tag",
        "complex-key",
    ],
)
def test_bad_files(tmp_path, content, expected):
    assert only_problem(tmp_path, content)[1] == expected


def test_anchor_and_alias_are_rejected(tmp_path):
    record, problems = load(tmp_path, "a: &x [1, 2]\nb: *x\n")
    assert [(p.line, p.code) for p in problems] == [(2, "yaml-alias"), (1, "yaml-anchor")]
    assert record.data["b"] is None


def test_alias_bomb_does_not_expand(tmp_path):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 12)]
    _record, problems = load(tmp_path, "\n".join(levels) + "\n")  # 10**12 items if expanded
    assert {p.code for p in problems} == {"yaml-alias", "yaml-anchor"}


def test_ampersand_in_text_is_not_an_anchor(tmp_path):
    record, problems = load(tmp_path, "title: Drugs & Alcohol *not* anchors\n")
    assert problems == [] and record.data["title"] == "Drugs & Alcohol *not* anchors"


@pytest.mark.parametrize(
    "content",
    [
        "a: " + "[" * 450_000 + "]" * 450_000 + "\n",  # deep enough to crash libyaml's C composer
        "a:\n" + "- " * 400_000 + "x\n",  # block sequences nested on one line
        "a: " + "{b: " * 2_000 + "1" + "}" * 2_000 + "\n",  # past Python's recursion limit
    ],
    ids=["flow-450k", "block-400k", "mapping-2k"],
)
def test_deep_nesting_is_a_problem_not_a_crash(tmp_path, content):
    assert only_problem(tmp_path, content)[1] == (
        1,
        1,
        "too-deep",
        "values are nested too deeply",
    )


def test_nesting_far_deeper_than_a_record_is_reported_where_it_starts(tmp_path):
    record, (line, column, code, message) = only_problem(
        tmp_path, "id: x\nnotes:\n  a: " + "[" * 40 + "]" * 40 + "\n"
    )
    assert (line, column, code) == (3, 6 + 30, "too-deep")  # the 31st bracket, 32 levels in
    assert message == "values are nested more than 32 levels deep"
    assert record.data["id"] == "x"


def test_large_file_is_refused_before_reading(tmp_path):
    _, problem = only_problem(tmp_path, b"id: x\nnotes: " + b"a" * (5 * 1024 * 1024) + b"\n")
    assert problem[2] == "file-too-large"
    assert f"{MAX_BYTES:,}" in problem[3]


def test_unreadable_path(tmp_path):
    record, problems = load_record(tmp_path / "missing.yaml")
    assert record is None and problems[0].code == "unreadable"
