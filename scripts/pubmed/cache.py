"""One JSON file per PMID (catalogue/pubmed/<pmid>.json), written atomically.

Why: the cache is committed, so files must be deterministic (sorted keys, fixed indent) and
must not change when PubMed has nothing new (a re-fetch of the same content leaves the file,
and its fetch time, untouched, so diffs show only real changes). A crash or a full disk must
never leave a half-written file: we write a temporary file in the same folder, fsync it and
rename it over the old one.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from ..load import atomic
from ..model.identifiers import DOI, PMID
from ..model.pubmed import CacheEntry, PubmedArticle

DOI_LOOKUPS = "doi-lookups.json"

PutResult = Literal["new", "updated", "unchanged"]


class PubmedCache:
    """The cached PubMed records of the catalogue, one file per PMID."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.corrupt: dict[str, str] = {}
        """PMID -> why its cache file could not be read (filled in by `get` and `fetched_at`)."""

    def path(self, pmid: str) -> Path:
        if not PMID.valid(pmid):
            raise ValueError(f"not a PMID: {pmid!r}")
        return self.directory / f"{pmid}.json"

    def pmids(self) -> list[str]:
        """The PMIDs with a cache file, in numeric order."""
        if not self.directory.is_dir():
            return []
        found = (p.stem for p in self.directory.glob("*.json"))
        return sorted((s for s in found if PMID.valid(s)), key=int)

    def get(self, pmid: str) -> dict[str, Any] | None:
        """The cache entry {"pmid", "fetched", "article"}, or None when absent or unreadable.

        An unreadable file is recorded in `corrupt` (with the reason) instead of raising.
        """
        return self._entry(pmid)

    def entry(self, pmid: str) -> CacheEntry | None:
        """The typed entry, or None when absent or unreadable (see `get`)."""
        raw = self._entry(pmid)
        if raw is None:
            return None
        return CacheEntry(pmid, raw["fetched"], PubmedArticle.from_data(raw["article"]))

    def doi_index(self) -> dict[str, str]:
        """DOI (match key) -> PMID over the whole cache, so a resolved DOI needs no lookup."""
        index = {}
        for pmid in self.pmids():
            entry = self.entry(pmid)
            if entry and entry.article.doi:
                index[DOI.key(entry.article.doi)] = pmid
        return index

    def pmcid_index(self) -> dict[str, str]:
        """PMCID -> PMID over the whole cache."""
        index = {}
        for pmid in self.pmids():
            entry = self.entry(pmid)
            if entry and entry.article.pmcid:
                index[entry.article.pmcid] = pmid
        return index

    def fetched_at(self, pmid: str) -> datetime | None:
        """When the cached content was fetched (UTC), or None when there is no usable entry."""
        entry = self._entry(pmid)
        return datetime.fromisoformat(entry["fetched"]) if entry else None

    def put(self, pmid: str, article: dict[str, Any], fetched: datetime) -> PutResult:
        """Store an article; an article identical to the cached one leaves the file untouched."""
        path = self.path(pmid)
        article = json.loads(json.dumps(article))  # compare as it will read back (tuples...)
        old = self._entry(pmid)
        if old is not None and old["article"] == article:
            return "unchanged"
        entry = {"pmid": pmid, "fetched": iso_time(fetched), "article": article}
        atomic.write_text(
            path, json.dumps(entry, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        )
        self.corrupt.pop(pmid, None)
        return "new" if old is None else "updated"

    def doi_lookups(self) -> dict[str, dict[str, Any]]:
        """Earlier ESearch answers by DOI (lower case): {"count", "pmids", "checked"}.

        Kept so that a DOI PubMed does not know is not asked about again on every run (and so
        that a run from a full cache makes no request at all).
        """
        path = self.directory / DOI_LOOKUPS
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            for entry in data.values():
                if not isinstance(entry["count"], int) or not isinstance(entry["pmids"], list):
                    raise ValueError("an entry lacks its count or PMIDs")
                datetime.fromisoformat(entry["checked"])
        except FileNotFoundError:
            return {}
        except (
            OSError,
            UnicodeDecodeError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            RecursionError,
        ) as exc:
            self.corrupt[DOI_LOOKUPS] = f"{path}: not valid ({exc}); DOIs will be looked up again"
            return {}
        return data

    def put_doi_lookups(self, lookups: dict[str, dict[str, Any]]) -> None:
        """Store the DOI answers; the file is only rewritten when they changed."""
        if lookups == self.doi_lookups():
            return
        text = json.dumps(lookups, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        atomic.write_text(self.directory / DOI_LOOKUPS, text)
        self.corrupt.pop(DOI_LOOKUPS, None)

    def _entry(self, pmid: str) -> dict[str, Any] | None:
        path = self.path(pmid)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.corrupt[pmid] = f"{path}: cannot read: {exc}"
            return None
        try:
            entry = json.loads(text)
            if entry["pmid"] != pmid or not isinstance(entry["article"], dict):
                raise ValueError("it holds another PMID or no article")
            datetime.fromisoformat(entry["fetched"])
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            self.corrupt[pmid] = f"{path}: not a valid cache entry ({exc}); it will be re-fetched"
            return None
        return entry


def iso_time(moment: datetime) -> str:
    """ISO 8601 in UTC to the second, e.g. 2026-11-25T10:56:00+00:00."""
    if moment.tzinfo is None:
        raise ValueError("fetch times must be timezone-aware")
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()
