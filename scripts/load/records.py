"""Load study records safely, keeping the line and column of every key.

PyYAML's loaders drop positions, keep the last of duplicate keys and expand aliases. We compose
with the libyaml C parser where present (nodes carry marks), then build plain Python data
ourselves: duplicate keys, anchors/aliases and odd scalars become problems, never surprises.
Dates stay strings (a record's `added: 2026-11-25` is text, as in JSON).
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..model.problems import Problem, Severity

Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 1_000_000
# libyaml's composer recurses in C, so a text nested tens of thousands of levels deep crashes
# the process instead of raising. Every level of nesting needs an indicator character of its
# own ([ { - ? :), so their count bounds the depth: a text with more of them than this goes to
# the pure-Python composer, which stops with a RecursionError that we report.
C_SAFE_INDICATORS = 2_000
MAX_DEPTH = 32  # records nest four levels deep; anything far deeper is not a record
KeyPath = tuple[str | int, ...]

_constructor = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_SCALARS = {
    _STR: lambda node: node.value,
    "tag:yaml.org,2002:timestamp": lambda node: node.value,
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": lambda node: None,
}
_TOO_DEEP_HINT = "records nest at most four levels (findings, then a finding's keys); flatten it"
_ANCHOR_HINT = re.compile(r"(?:^|[\s\[{,:])[&*][^\s]", re.MULTILINE)


@dataclass
class Record:
    """One study file: its data, the position of every key, and its text."""

    path: Path
    data: dict[str, Any]
    text: str
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        value = self.data.get("id")
        return value if isinstance(value, str) else self.path.stem

    def position(self, key_path: KeyPath) -> tuple[int, int]:
        """Line and column (1-based) of a key, or of its nearest present parent."""
        for end in range(len(key_path), 0, -1):
            found = self.positions.get(tuple(key_path[:end]))
            if found:
                return found
        return (1, 1)

    def identifier(self, kind: str) -> str | None:
        """`ids.<kind>` as stripped text, from data not yet checked (an unquoted PMID is an int)."""
        ids = self.data.get("ids")
        value = ids.get(kind) if isinstance(ids, dict) else None
        if value is None or isinstance(value, bool | dict | list):
            return None
        return str(value).strip() or None

    def leads(self) -> list[tuple[str, str]]:
        """(kind, value) of each `curation.leads` entry, from data not yet checked."""
        leads = self.get("curation", "leads")
        return [
            (str(lead["kind"]), str(lead["value"]).strip())
            for lead in (leads if isinstance(leads, list) else ())
            if isinstance(lead, dict) and lead.get("kind") and lead.get("value")
        ]

    def get(self, *key_path: str | int) -> Any:
        """The value at a key path, or None where any step is missing."""
        value: Any = self.data
        for key in key_path:
            if isinstance(value, dict):
                value = value.get(key)
            elif isinstance(value, list) and isinstance(key, int) and key < len(value):
                value = value[key]
            else:
                return None
        return value


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem saying why it cannot be a record."""
    name = str(path)

    def fail(line: int, col: int, code: str, message: str, hint: str) -> tuple[None, list[Problem]]:
        return None, [Problem(name, line, col, Severity.ERROR, code, message, hint)]

    try:
        status = path.lstat()
        if not stat.S_ISREG(status.st_mode):
            kind = "a symbolic link" if stat.S_ISLNK(status.st_mode) else "not a regular file"
            return fail(
                1,
                1,
                "not-a-file",
                f"{path.name} is {kind}; it was not read",
                "a record is a regular file inside catalogue/studies/: replace it with the file itself",
            )
        size = status.st_size
        if size > MAX_BYTES:
            return fail(
                1,
                1,
                "file-too-large",
                f"file is {size:,} bytes; records are at most {MAX_BYTES:,}",
                "a study record is a few kilobytes: split or trim it",
            )
        raw = path.read_bytes()
    except OSError as exc:
        return fail(
            1,
            1,
            "unreadable",
            f"cannot read the file: {exc.strerror}",
            "check the file exists and is readable",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        return fail(
            1,
            1,
            "byte-order-mark",
            "file starts with a UTF-8 byte-order mark",
            "save the file as UTF-8 without BOM",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return fail(
            line,
            col,
            "not-utf8",
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
            "save the file as UTF-8",
        )
    if not text.strip():
        return fail(
            1,
            1,
            "empty-file",
            "file is empty",
            "write a record: see CONTRIBUTING.md or run `python -m scripts new --pmid N`",
        )
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), 1):
            indent = len(line) - len(line.lstrip(" \t"))
            if "\t" in line[:indent]:
                return fail(
                    number,
                    line.index("\t") + 1,
                    "tab-indent",
                    "tab character in indentation",
                    "indent with spaces (two per level)",
                )
    return text, []


def load_record(path: Path) -> tuple[Record | None, list[Problem]]:
    """Parse one record file into a Record, or the problems that prevent it."""
    text, problems = read_text(path)
    if text is None:
        return None, problems
    return _parse(path, text)


def _parse(path: Path, text: str) -> tuple[Record | None, list[Problem]]:
    name = str(path)

    def fail(line: int, col: int, code: str, message: str, hint: str) -> tuple[None, list[Problem]]:
        return None, [Problem(name, line, col, Severity.ERROR, code, message, hint)]

    loader = Loader if sum(map(text.count, "[{-?:")) <= C_SAFE_INDICATORS else yaml.SafeLoader
    try:
        node = yaml.compose(text, Loader=loader)
    except RecursionError:
        return fail(1, 1, "too-deep", "values are nested too deeply", _TOO_DEEP_HINT)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = (
            f"{exc.context}: {exc.problem}" if exc.context else (exc.problem or "invalid YAML")
        )
        return fail(
            mark.line + 1 if mark else 1,
            mark.column + 1 if mark else 1,
            "yaml-syntax",
            message,
            "fix the YAML syntax at this place",
        )
    except yaml.YAMLError as exc:
        return fail(1, 1, "yaml-syntax", str(exc), "fix the YAML syntax")
    if node is None:
        return fail(
            1, 1, "empty-file", "file holds no YAML value, only comments", "write the record's keys"
        )
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        return fail(
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            "not-a-mapping",
            f"the file holds {kind}, not a mapping of keys",
            "write `key: value` pairs at the top level, such as `id: ...` and `citation: ...`",
        )
    builder = _Builder()
    data = builder.build(node, ())
    found = builder.problems
    if ("&" in text or "*" in text) and _ANCHOR_HINT.search(text):
        found += _anchor_problems(text, loader)
    problems = [
        Problem(name, line, col, Severity.ERROR, code, msg, hint)
        for line, col, code, msg, hint in found
    ]
    return Record(path, data, text, builder.positions), problems


class _Builder:
    """Turn a composed node tree into plain data, noting positions and problems."""

    def __init__(self) -> None:
        self.positions: dict[KeyPath, tuple[int, int]] = {}
        self.problems: list[tuple[int, int, str, str, str]] = []
        self._seen: set[int] = set()

    def build(self, node: yaml.Node, key_path: KeyPath) -> Any:
        kind = node.__class__
        if kind is yaml.ScalarNode:  # a shared scalar needs an anchor, which is reported
            return node.value if node.tag == _STR else self._scalar(node)
        if id(node) in self._seen:  # the composer shares an aliased collection: an alias
            line, col = self.positions.get(key_path, (node.start_mark.line + 1, 1))
            self.problems.append(
                (
                    line,
                    col,
                    "yaml-alias",
                    "aliases (*name) are not allowed in records",
                    "write the value out in full",
                )
            )
            return None
        self._seen.add(id(node))
        if len(key_path) >= MAX_DEPTH:
            mark = node.start_mark
            self.problems.append(
                (
                    mark.line + 1,
                    mark.column + 1,
                    "too-deep",
                    f"values are nested more than {MAX_DEPTH} levels deep",
                    _TOO_DEEP_HINT,
                )
            )
            return None
        if kind is yaml.SequenceNode:
            items = []
            positions = self.positions
            for index, item in enumerate(node.value):
                mark = item.start_mark
                positions[(*key_path, index)] = (mark.line + 1, mark.column + 1)
                items.append(self.build(item, (*key_path, index)))
            return items
        return self._mapping(node, key_path)

    def _mapping(self, node: yaml.MappingNode, key_path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.problems.append(
                    (
                        line,
                        col,
                        "bad-key",
                        f"key {key_node.value!r} is not a plain name"
                        if isinstance(key_node, yaml.ScalarNode)
                        else "a key must be a plain name, not a list or mapping",
                        "keys are lowercase names such as `title`",
                    )
                )
                continue
            if key in result:
                first = self.positions[(*key_path, key)][0]
                self.problems.append(
                    (
                        line,
                        col,
                        "duplicate-key",
                        f"key '{key}' appears twice (first on line {first}); YAML would silently keep only this one",
                        f"keep one '{key}' and merge the two values",
                    )
                )
                continue
            self.positions[(*key_path, key)] = (line, col)
            result[key] = self.build(value_node, (*key_path, key))
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        convert = _SCALARS.get(node.tag)
        if convert is None:
            mark = node.start_mark
            self.problems.append(
                (
                    mark.line + 1,
                    mark.column + 1,
                    "yaml-tag",
                    f"tag {node.tag} is not allowed in records",
                    "remove the !tag and write a plain value",
                )
            )
            return node.value
        return convert(node)


def _anchor_problems(text: str, loader: type) -> list[tuple[int, int, str, str, str]]:
    """Find anchors (&name) by the parser's own events: a text match may sit inside a string."""
    return [
        (
            event.start_mark.line + 1,
            event.start_mark.column + 1,
            "yaml-anchor",
            f"anchor &{event.anchor} is not allowed in records",
            "write values out in full; records need no anchors",
        )
        for event in yaml.parse(text, Loader=loader)
        if isinstance(event, yaml.NodeEvent)
        and event.anchor
        and not isinstance(event, yaml.AliasEvent)
    ]


def record_paths(catalogue: Path) -> list[Path]:
    """The study files of a catalogue, in a stable order."""
    return sorted((catalogue / "studies").glob("*.yaml"))


def load_records(catalogue: Path) -> Iterator[tuple[Path, Record | None, list[Problem]]]:
    for path in record_paths(catalogue):
        record, problems = load_record(path)
        yield path, record, problems


def dotted(key_path: KeyPath) -> str:
    """`findings[0].summary` style, as contributors see fields in the docs."""
    text = ""
    for key in key_path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text
