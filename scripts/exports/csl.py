"""CSL-JSON, the citation format of Zotero, Pandoc and citeproc: a JSON list of items."""

from __future__ import annotations

import json
from typing import Any

from .kind import publication_kind
from .protocol import ExportStudy as Study

_TYPE = {"article": "article-journal", "registration": "webpage", "report": "report"}


def document(studies: list[Study]) -> str:
    items = [item(s) for s in sorted(studies, key=lambda s: s.id)]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def item(study: Study) -> dict[str, Any]:
    kind = publication_kind(study)
    ids = study.record.ids
    data: dict[str, Any] = {
        "id": study.id,
        "type": _TYPE[kind],
        "title": study.title,
        "author": [
            {"literal": a.name} if a.is_group else {"family": a.family, "given": a.given}
            for a in study.authors
        ],
        "container-title" if kind == "article" else "publisher": study.journal,
        "issued": {"date-parts": [[study.year]]},
        "volume": study.record.citation.volume,
        "issue": study.record.citation.issue,
        "page": study.record.citation.pages,
        "DOI": ids.doi,
        "PMID": ids.pmid,
        "PMCID": ids.pmcid,
        "URL": ids.url,
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}
