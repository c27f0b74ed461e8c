"""The optional method files: the search statement and the exclusion log.

Both may be absent (the method page then says so). Their exact layout is not fixed yet, so the
search statement is shown as the data it holds, and exclusions need only a title and a reason.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..records import Loader, read_text
from . import BuildError
from .links import Link, identifier_links


@dataclass(frozen=True)
class Exclusion:
    title: str
    links: list[Link]
    reason: str
    note: str


def load_search(catalogue: Path) -> Any:
    """catalogue/search.yaml as plain data (dates as text), or None when absent."""
    return _load(catalogue / "search.yaml")


def load_exclusions(catalogue: Path) -> list[Exclusion] | None:
    """catalogue/excluded.yaml as Exclusions, sorted by title, or None when absent."""
    data = _load(catalogue / "excluded.yaml")
    if data is None:
        return None
    if isinstance(data, dict) and isinstance(data.get("excluded"), list):
        data = data["excluded"]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise BuildError("excluded.yaml: expected a list of entries with title, ids, reason, note")
    exclusions = [
        Exclusion(
            title=str(item.get("title") or ""),
            links=identifier_links(item["ids"], {}) if isinstance(item.get("ids"), dict) else [],
            reason=str(item.get("reason") or ""),
            note=str(item.get("note") or ""),
        )
        for item in data
    ]
    return sorted(exclusions, key=lambda e: (e.title.casefold(), e.reason))


def _load(path: Path) -> Any:
    if not path.exists():
        return None
    text, problems = read_text(path)
    if text is None:
        raise BuildError("; ".join(f"{p.path}: {p.message}" for p in problems))
    try:
        return _plain(yaml.load(text, Loader=Loader))
    except yaml.YAMLError as exc:
        raise BuildError(f"{path}: not valid YAML: {exc}") from exc


def _plain(value: Any) -> Any:
    """Dates become ISO text, so templates and JSON see one kind of value."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
