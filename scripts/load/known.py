"""What the catalogue already knows about: records and exclusions by identifier match key.

`new` refuses a study that is known, and `candidates` leaves known PubMed hits out; both read
the records raw (a record with a shape error still names its study) and the exclusion log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.identifiers import match_key
from .records import load_records
from .vocabulary import ExclusionLog


@dataclass(frozen=True)
class Excluded:
    where: str
    """file:line of the entry in the exclusion log."""
    reason: str
    note: str | None


@dataclass
class Known:
    records: dict[str, Path] = field(default_factory=dict)
    """Match key ('pmid:123', 'doi:10.1/x') -> the record file that holds it."""
    excluded: dict[str, Excluded] = field(default_factory=dict)


def identifier_keys(ids: Any) -> list[str]:
    """Match keys of the PMID and DOI in an `ids` mapping of unchecked data."""
    if not isinstance(ids, dict):
        return []
    keys = []
    pmid, doi = ids.get("pmid"), ids.get("doi")
    if isinstance(pmid, str | int) and not isinstance(pmid, bool) and str(pmid).strip():
        keys.append(match_key("pmid", str(pmid)))
    if isinstance(doi, str) and doi.strip():
        keys.append(match_key("doi", doi))
    return keys


def known_studies(catalogue: Path, log: ExclusionLog | None) -> Known:
    """Every catalogued and excluded study by key (the first record or entry wins)."""
    known = Known()
    for path, record, _problems in load_records(catalogue):
        for key in identifier_keys(record.data.get("ids") if record else None):
            known.records.setdefault(key, path)
    for entry in log.entries if log else ():
        excluded = Excluded(log.where(entry), entry.reason or "no reason given", entry.note)
        for kind in ("pmid", "doi"):
            value = entry.identifier(kind)
            if value and value.strip():
                known.excluded.setdefault(match_key(kind, value), excluded)
    return known
