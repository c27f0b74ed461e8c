"""RIS (Zotero, EndNote, Mendeley): tagged lines, one reference per study.

RIS is line-based, so every value is put on one line; a newline in a record cannot start a
forged tag.
"""

from __future__ import annotations

from ..website.model import Study
from ..website.text import one_line
from .kind import page_range, publication_kind

_TYPE = {"article": "JOUR", "registration": "GEN", "report": "RPRT"}


def document(studies: list[Study]) -> str:
    return "\n".join(reference(s) for s in sorted(studies, key=lambda s: s.id))


def reference(study: Study) -> str:
    kind = publication_kind(study)
    first, last = page_range(study.get("citation", "pages"))
    ids = study.get("ids") or {}
    tags: list[tuple[str, object]] = [("TY", _TYPE[kind]), ("ID", study.id)]
    tags += [("AU", a.name if a.is_group else f"{a.family}, {a.given}") for a in study.authors]
    tags += [
        ("TI", study.title),
        ("T2" if kind == "article" else "PB", study.journal),
        ("PY", str(study.year)),
        ("VL", study.get("citation", "volume")),
        ("IS", study.get("citation", "issue")),
        ("SP", first),
        ("EP", last),
        ("DO", ids.get("doi")),
        ("AN", ids.get("pmid")),
        ("C2", ids.get("pmcid")),
        ("UR", ids.get("url")),
    ]
    tags += [("KW", t.label) for t in study.topics]
    lines = [
        f"{tag}  - {one_line(value)}"
        for tag, value in tags
        if isinstance(value, str) and value.strip()
    ]
    return "\n".join([*lines, "ER  - "]) + "\n"
