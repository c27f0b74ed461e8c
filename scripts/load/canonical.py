"""The canonical text of a record: one way to write each record, so diffs show content only.

Written by hand rather than through yaml.dump: PyYAML's emitter is slow, wraps long strings in
ways that are hard to read, and cannot follow the schema's key order at every depth. Keys follow
the schema's property order; lists are block lists indented under their key; strings are plain
where YAML reads them back as the same string, folded (`>-`) when long, and double-quoted
otherwise. `tests/test_canonical.py` proves that loading the output gives back the same data.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from .schema import key_order

HEADER = "# yaml-language-server: $schema=../record.schema.json\n"
WIDTH = 96
_UNPRINTABLE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff"
_PLAIN = re.compile(rf"(?![{_UNPRINTABLE}])[A-Za-z0-9(\u00c0-\uffff][^{_UNPRINTABLE}\t\n\r]*")
_ESCAPE = re.compile(rf"[{_UNPRINTABLE}]")
_NUMBER_START = frozenset("0123456789+-.")
_BOOL_NULL = re.compile(
    r"(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|null|Null|NULL|~)"
)
_NUMBER = re.compile(
    r"[-+]?(?:0b[0-1_]+|0[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?|[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?"
    r"|\.(?:inf|Inf|INF|nan|NaN|NAN))"
)


def dump(data: dict[str, Any]) -> str:
    """The canonical text of a record's data."""
    lines = [HEADER.rstrip("\n")]
    _mapping(data, (), 0, lines)
    return "\n".join(lines) + "\n"


def _mapping(data: dict[str, Any], path: tuple[str, ...], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for key in _ordered_keys(data, path):
        _entry(f"{pad}{_string(key)}:", data[key], (*path, key), indent, out)


def _entry(prefix: str, value: Any, path: tuple[str, ...], indent: int, out: list[str]) -> None:
    """Write `prefix` (a key and colon, or a list dash) followed by the value."""
    if isinstance(value, dict) and value:
        out.append(prefix)
        _mapping(value, path, indent + 2, out)
    elif isinstance(value, list) and value:
        out.append(prefix)
        for item in value:
            _list_item(item, path, indent + 2, out)
    else:
        out.append(_scalar_line(prefix, value, indent))


def _list_item(item: Any, path: tuple[str, ...], indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(item, dict) and item:
        start = len(out)
        _mapping(item, path, indent + 2, out)
        out[start] = f"{pad}- {out[start][indent + 2 :]}"
    else:
        _entry(f"{pad}-", item, path, indent, out)


def _scalar_line(prefix: str, value: Any, indent: int) -> str:
    text = _scalar(value)
    if isinstance(value, str) and len(prefix) + 1 + len(text) > WIDTH and _foldable(value):
        body = " " * (indent + 2)
        lines = _wrap(value, WIDTH - len(body))
        return f"{prefix} >-\n{body}" + f"\n{body}".join(lines)
    return f"{prefix} {text}"


def _wrap(text: str, width: int) -> list[str]:
    """Greedy wrap at single spaces (textwrap does far more work than folding needs)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _string(str(value))


@lru_cache(maxsize=8192)
def _short_string(value: str) -> str:
    return _quote_if_needed(value)


def _string(value: str) -> str:
    """A plain scalar where YAML reads it back as this very string, else double-quoted."""
    return _short_string(value) if len(value) < 48 else _quote_if_needed(value)


def _quote_if_needed(value: str) -> str:
    if (
        _PLAIN.fullmatch(value)
        and value[-1] not in " :"
        and ": " not in value
        and " #" not in value
        and not (len(value) <= 5 and _BOOL_NULL.fullmatch(value))
        and not (value[0] in _NUMBER_START and _NUMBER.fullmatch(value))
    ):
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    return _ESCAPE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


def _foldable(value: str) -> bool:
    """Folding joins lines with one space, so only text with single spaces survives it.

    Text without spaces (a long URL) cannot wrap, so it stays on its key's line.
    """
    return (
        " " in value
        and value == value.strip()
        and "  " not in value
        and not _ESCAPE.search(value)
        and not any(char in value for char in "\t\n\r")
    )


def _ordered_keys(data: dict[str, Any], path: tuple[str, ...]) -> list[str]:
    order = key_order(path)
    known = [key for key in order if key in data]
    return known + sorted(key for key in data if key not in order)
