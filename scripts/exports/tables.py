"""The catalogue as data: CSV (one row per study) and JSON (the curated records in full).

CSV cells that a spreadsheet would run as a formula (=, +, -, @ first) get a leading
apostrophe, the usual guard against formula injection.
"""

from __future__ import annotations

import csv
import io
import json

from ..model.names import CATALOGUE_NAME as NAME
from .protocol import ExportStudy as Study

COLUMNS = (
    "id",
    "title",
    "authors",
    "year",
    "journal",
    "pmid",
    "doi",
    "pmcid",
    "url",
    "design",
    "tier",
    "species",
    "n",
    "countries",
    "substances",
    "topics",
    "findings",
    "claims",
    "funding",
    "status",
    "added",
    "page",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_document(studies: list[Study]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for study in sorted(studies, key=lambda s: s.id):
        writer.writerow([_guard(v) for v in row(study)])
    return out.getvalue()


def row(study: Study) -> list[str]:
    ids = study.record.ids
    n = study.n
    return [
        study.id,
        study.title,
        "; ".join([a.name for a in study.authors] + (["et al."] if study.et_al else [])),
        str(study.year),
        study.journal or "",
        ids.pmid or "",
        ids.doi or "",
        ids.pmcid or "",
        ids.url or "",
        study.design.key,
        study.tier.key,
        study.species.key,
        "" if n is None else str(n),
        "; ".join(study.record.population.countries),
        "; ".join(t.key for t in study.substances),
        "; ".join(t.key for t in study.topics),
        "; ".join(f"{f.outcome.key}: {f.direction.key}" for f in study.findings),
        "; ".join(f"{s.claim}: {s.stance.key}" for s in study.stances),
        "; ".join(t.key for t in study.funding.types) if study.funding else "",
        "; ".join(study.status),
        study.record.curation.added.isoformat(),
        f"studies/{study.id}.html",
    ]


def json_document(studies: list[Study]) -> str:
    document = {
        "name": NAME,
        "studies": [
            {
                "id": s.id,
                "page": f"studies/{s.id}.html",
                "tier": s.tier.key,
                "pubmed_status": s.status,
                "record": s.record.to_data(),
            }
            for s in sorted(studies, key=lambda s: s.id)
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _guard(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
