"""BibTeX (UTF-8, for biblatex/biber, Zotero, JabRef): one entry per study, keyed by record id.

Text fields are LaTeX-escaped so that any character, braces included, survives a round trip;
doi and url are verbatim fields in biblatex, so there only braces and backslashes are encoded.
"""

from __future__ import annotations

import re

from ..model.study import Author
from ..model.text import one_line
from .kind import page_range, publication_kind
from .protocol import ExportStudy as Study

_SPECIAL = re.compile(r"[\\{}&%$#_~^]")
_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# Publication kind -> (entry type, the field that names the journal or publisher).
_ENTRY_TYPE = {
    "article": ("article", "journal"),
    "registration": ("misc", "howpublished"),
    "report": ("techreport", "institution"),
}


def document(studies: list[Study]) -> str:
    return "\n".join(entry(s) for s in sorted(studies, key=lambda s: s.id))


def entry(study: Study) -> str:
    entry_type, container = _ENTRY_TYPE[publication_kind(study)]
    first, last = page_range(study.record.citation.pages)
    ids = study.record.ids
    fields = [
        ("author", " and ".join(_authors(study)) or None),
        ("title", "{" + latex(study.title) + "}"),
        (container, _text(study.journal)),
        ("year", str(study.year)),
        ("volume", _text(study.record.citation.volume)),
        ("number", _text(study.record.citation.issue)),
        ("pages", f"{latex(first)}--{latex(last)}" if last else _text(first)),
        ("doi", _verbatim(ids.doi)),
        ("pmid", _text(ids.pmid)),
        ("pmcid", _text(ids.pmcid)),
        ("url", _verbatim(ids.url)),
        ("keywords", ", ".join(latex(t.label) for t in study.topics)),
    ]
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields if value)
    return f"@{entry_type}{{{study.id},\n{body}}}\n"


def latex(text: str) -> str:
    return _SPECIAL.sub(lambda m: _ESCAPES[m.group()], one_line(text))


def _text(value: object) -> str | None:
    return latex(value) if isinstance(value, str) and value.strip() else None


def _verbatim(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return one_line(value).replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _authors(study: Study) -> list[str]:
    """BibTeX's own marker for an incomplete list is a last author named `others`."""
    names = [_author(a) for a in study.authors]
    return [*names, "others"] if names and study.et_al else names


def _author(author: Author) -> str:
    if author.is_group:
        return "{" + latex(author.name) + "}"
    return f"{latex(author.family)}, {author.given}"
