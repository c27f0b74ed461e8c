"""RIS (Zotero, EndNote, Mendeley): tagged lines, one reference per study.

RIS is line-based, so every value is put on one line; a newline in a record cannot start a
forged tag.
"""

from __future__ import annotations

from ..model.text import one_line
from .kind import page_range, publication_kind
from .protocol import ExportStudy as Study

_TYPE = {"article": "JOUR", "registration": "GEN", "report": "RPRT"}


def document(studies: list[Study]) -> str:
    return "\n".join(reference(s) for s in sorted(studies, key=lambda s: s.id))


def reference(study: Study) -> str:
    kind = publication_kind(study)
    first, last = page_range(study.record.citation.pages)
    ids = study.record.ids
    tags: list[tuple[str, object]] = [("TY", _TYPE[kind]), ("ID", study.id)]
    tags += [("AU", a.name if a.is_group else f"{a.family}, {a.given}") for a in study.authors]
    tags += [
        ("TI", study.title),
        ("T2" if kind == "article" else "PB", study.journal),
        ("PY", str(study.year)),
        ("VL", study.record.citation.volume),
        ("IS", study.record.citation.issue),
        ("SP", first),
        ("EP", last),
        ("DO", ids.doi),
        ("AN", ids.pmid),
        ("C2", ids.pmcid),
        ("UR", ids.url),
    ]
    tags += [("KW", t.label) for t in study.topics]
    lines = [
        f"{tag}  - {one_line(value)}"
        for tag, value in tags
        if isinstance(value, str) and value.strip()
    ]
    return "\n".join([*lines, "ER  - "]) + "\n"
