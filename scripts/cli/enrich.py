"""`enrich`: fetch PubMed metadata for the catalogue's PMIDs into catalogue/pubmed/<pmid>.json.

Curated YAML (catalogue/studies/) is only read, never written: a DOI that resolves to a PMID is
reported for a person to add. What the cache already holds is not fetched again (unless
--refresh or --max-age), so with a full cache the command makes no request and works offline.
Two runs on the same catalogue never overlap: the second refuses (exit 1), or with --wait waits;
a --dry-run writes nothing and takes no lock.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

from ..load.lock import enrich_lock, locked
from ..load.records import load_records
from ..model.errors import UsageError
from ..model.identifiers import DOI, PMID
from ..model.pubmed import PubmedArticle
from ..pubmed import EutilsError, PubmedFormatError
from ..pubmed.cache import PubmedCache, iso_time
from ..pubmed.client import EutilsClient, client_from_environment
from ..pubmed.parse import parse_efetch, parse_esearch
from .common import add_catalogue_option, require_catalogue

MAX_BATCH = 200  # PMIDs per EFetch request, NCBI's recommended ceiling


@dataclass(frozen=True)
class StudyIds:
    """The identifiers enrich needs from one curated record."""

    record_id: str
    pmid: str | None
    doi: str | None
    lead: bool = False
    """An identifier seen only where it does not count (curation.leads): fetched so that
    `check` can confirm or reject it against PubMed."""


@dataclass(frozen=True)
class Options:
    refresh: bool = False
    max_age: float | None = None  # days
    dry_run: bool = False
    batch_size: int = MAX_BATCH
    wait: bool = False
    """Wait for another run on the same catalogue to finish instead of refusing."""


@dataclass
class Summary:
    fetched: int = 0
    unchanged: int = 0
    missing: int = 0
    failed: int = 0
    dois_resolved: int = 0
    cached: int = 0

    def line(self) -> str:
        return (
            f"enrich: fetched {self.fetched}, unchanged {self.unchanged}, missing {self.missing}, "
            f"failed {self.failed}, dois-resolved {self.dois_resolved} "
            f"({self.cached} already cached)"
        )


@dataclass
class _Plan:
    """What a run will do, decided from the records and the cache before any request."""

    fetch: list[str] = field(default_factory=list)
    lookup: list[StudyIds] = field(default_factory=list)  # DOI without PMID, not in the cache
    known: dict[str, list[str]] = field(default_factory=dict)  # PMID -> record ids
    doi_lookups: dict[str, dict] = field(default_factory=dict)  # see PubmedCache.doi_lookups


# --- command line ----------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "enrich",
        help="fetch PubMed metadata for the catalogue's PMIDs into catalogue/pubmed/",
        description="Fetch PubMed metadata for the catalogue's PMIDs into catalogue/pubmed/. "
        "Curated YAML is never written; a DOI that resolves to a PMID is reported.",
    )
    add_catalogue_option(parser)
    parser.add_argument("--refresh", action="store_true", help="fetch every PMID again")
    parser.add_argument(
        "--max-age",
        type=float,
        metavar="DAYS",
        help="fetch again what was fetched DAYS ago or more",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would be fetched, fetch nothing"
    )
    parser.add_argument(
        "--batch-size", type=int, default=MAX_BATCH, help=f"PMIDs per request (max {MAX_BATCH})"
    )
    parser.add_argument(
        "--wait",
        action="store_true",
        help="when another enrich of the same catalogue is running, wait for it instead of "
        "refusing",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    catalogue = Path(args.catalogue)
    if not 1 <= args.batch_size <= MAX_BATCH:
        raise UsageError(f"--batch-size must be between 1 and {MAX_BATCH}, got {args.batch_size}")
    if args.max_age is not None and args.max_age < 0:
        raise UsageError(f"--max-age must be zero or more days, got {args.max_age}")
    require_catalogue(catalogue)
    options = Options(args.refresh, args.max_age, args.dry_run, args.batch_size, args.wait)
    return enrich_catalogue(catalogue, options, client_from_environment)


# --- the stage -------------------------------------------------------------------------------


def enrich_catalogue(
    catalogue_dir: Path,
    options: Options,
    make_client: Callable[[], EutilsClient],
    now: datetime | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Fetch what the cache lacks, resolve DOIs, report; 1 when anything failed or went missing.

    Holds the catalogue's lock throughout (LockedError when another run holds it), except for a
    dry run, which writes nothing.
    """
    out, err = out or sys.stdout, err or sys.stderr
    if options.dry_run:
        return _enrich(catalogue_dir, options, make_client, now, out, err)

    def say(message: str) -> None:
        print(message, file=err, flush=True)

    lock = enrich_lock(catalogue_dir)
    with locked(lock, f"enriching {catalogue_dir}", wait=options.wait, say=say):
        return _enrich(catalogue_dir, options, make_client, now, out, err)


def _enrich(
    catalogue_dir: Path,
    options: Options,
    make_client: Callable[[], EutilsClient],
    now: datetime | None,
    out: TextIO,
    err: TextIO,
) -> int:
    now = now or datetime.now(UTC)
    cache = PubmedCache(catalogue_dir / "pubmed")
    studies = study_identifiers(catalogue_dir, warn=lambda m: print(f"warning: {m}", file=err))
    summary = Summary()
    plan = _plan(studies, cache, options, now, summary, out)
    for message in cache.corrupt.values():
        print(f"warning: {message}", file=err)
    if options.dry_run:
        _print_plan(plan, options, out)
        return 0
    if plan.fetch or plan.lookup:
        client = make_client()
        _resolve_dois(client, cache, plan, now, summary, out, err)
        _fetch(client, cache, plan, options, now, summary, err)
    print(summary.line(), file=out)
    return 1 if summary.failed or summary.missing else 0


def study_identifiers(
    catalogue_dir: Path, warn: Callable[[str], None] = lambda m: print(m, file=sys.stderr)
) -> list[StudyIds]:
    """PMID and DOI of every study; records that do not load are skipped with a warning."""
    studies = []
    for path, record, problems in load_records(catalogue_dir):
        if record is None:
            warn(f"{path}: skipped, it does not load ({problems[0].message})")
            continue
        pmid, doi = record.identifier("pmid"), record.identifier("doi")
        if pmid is not None and not PMID.valid(pmid):
            warn(f"{path}: ids.pmid {pmid!r} is not a PMID (digits only); not fetched")
            pmid = None
        studies.append(StudyIds(record.path.stem, pmid, doi))
        for kind, value in record.leads():
            if kind == "pmid" and PMID.valid(value):
                studies.append(StudyIds(record.path.stem, value, None, lead=True))
            elif kind == "doi" and DOI.valid(value):
                studies.append(StudyIds(record.path.stem, None, value, lead=True))
    return studies


def _plan(
    studies: list[StudyIds],
    cache: PubmedCache,
    options: Options,
    now: datetime,
    summary: Summary,
    out: TextIO,
) -> _Plan:
    plan = _Plan()
    for study in studies:
        if study.pmid:
            plan.known.setdefault(study.pmid, []).append(study.record_id)
    for pmid in plan.known:
        if _stale(cache, pmid, options, now):
            plan.fetch.append(pmid)
        else:
            summary.cached += 1
    doi_only = [study for study in studies if study.doi and not study.pmid]
    if not doi_only:
        return plan
    cached_dois = cache.doi_index()
    plan.doi_lookups = cache.doi_lookups()
    for study in doi_only:
        key = study.doi.lower()
        earlier = plan.doi_lookups.get(key)
        if key in cached_dois:
            _report_resolved(study, cached_dois[key], summary, out)
        elif earlier and not _too_old(datetime.fromisoformat(earlier["checked"]), options, now):
            _conclude_doi(study, earlier["count"], earlier["pmids"], plan, cache, summary, out)
        else:
            plan.lookup.append(study)
    return plan


def _stale(cache: PubmedCache, pmid: str, options: Options, now: datetime) -> bool:
    fetched = cache.fetched_at(pmid)
    return fetched is None or _too_old(fetched, options, now)


def _too_old(moment: datetime, options: Options, now: datetime) -> bool:
    if options.refresh:
        return True
    return options.max_age is not None and now - moment >= timedelta(days=options.max_age)


def _print_plan(plan: _Plan, options: Options, out: TextIO) -> None:
    requests = -(-len(plan.fetch) // options.batch_size)
    print(f"would fetch {len(plan.fetch)} PMIDs in {requests} request(s)", file=out)
    for pmid in plan.fetch:
        print(f"  PMID {pmid} ({', '.join(plan.known[pmid])})", file=out)
    for study in plan.lookup:
        print(f"would look up DOI {study.doi} ({study.record_id}) in PubMed", file=out)


def _resolve_dois(
    client: EutilsClient,
    cache: PubmedCache,
    plan: _Plan,
    now: datetime,
    summary: Summary,
    out: TextIO,
    err: TextIO,
) -> None:
    """One ESearch per DOI, answers kept in the cache; the PMID found is fetched too."""
    for study in plan.lookup:
        try:
            result = parse_esearch(client.esearch(f'"{study.doi}"[doi]'))
        except (EutilsError, PubmedFormatError) as exc:
            summary.failed += 1
            print(f"error: {study.record_id}: DOI {study.doi} lookup failed: {exc}", file=err)
            continue
        plan.doi_lookups[study.doi.lower()] = {
            "count": result["count"],
            "pmids": result["ids"],
            "checked": iso_time(now),
        }
        _conclude_doi(study, result["count"], result["ids"], plan, cache, summary, out)
    try:
        cache.put_doi_lookups(plan.doi_lookups)
    except OSError as exc:
        print(f"warning: cannot keep the DOI answers for next time: {exc}", file=err)


def _conclude_doi(
    study: StudyIds,
    count: int,
    pmids: list[str],
    plan: _Plan,
    cache: PubmedCache,
    summary: Summary,
    out: TextIO,
) -> None:
    """Only a single hit resolves a DOI; none or several are noted for a person to check."""
    if count == 1 and len(pmids) == 1:
        pmid = pmids[0]
        _report_resolved(study, pmid, summary, out)
        if pmid not in plan.known and cache.fetched_at(pmid) is None:
            plan.known[pmid] = [study.record_id]
            plan.fetch.append(pmid)
    elif count == 0:
        print(f"note: {study.record_id}: no PubMed record has DOI {study.doi}", file=out)
    else:
        print(
            f"note: {study.record_id}: {count} PubMed records match DOI {study.doi}; "
            "not resolved, check the DOI",
            file=out,
        )


def _report_resolved(study: StudyIds, pmid: str, summary: Summary, out: TextIO) -> None:
    summary.dois_resolved += 1
    if study.lead:
        print(
            f"{study.record_id}: lead DOI {study.doi} is PubMed {pmid}; `check` compares the titles",
            file=out,
        )
        return
    print(
        f'{study.record_id}: DOI {study.doi} is PubMed {pmid}; add `pmid: "{pmid}"` under ids',
        file=out,
    )


def _fetch(
    client: EutilsClient,
    cache: PubmedCache,
    plan: _Plan,
    options: Options,
    now: datetime,
    summary: Summary,
    err: TextIO,
) -> None:
    """Batches of at most `batch_size`; after a batch fails for good, the rest are not tried."""
    progress = _Progress(len(plan.fetch), err)
    batches = list(_batches(plan.fetch, options.batch_size))
    for index, batch in enumerate(batches):
        try:
            articles = parse_efetch(client.efetch(batch))
        except (EutilsError, PubmedFormatError) as exc:
            progress.done()
            skipped = [pmid for later in batches[index + 1 :] for pmid in later]
            _report_failed(batch, str(exc), plan, summary, err)
            _report_failed(skipped, "not tried after the failure above", plan, summary, err)
            return
        returned = {PubmedArticle.from_data(article).pmid: article for article in articles}
        for pmid in batch:
            article = returned.get(pmid)
            if article is None:
                summary.missing += 1
                print(
                    f"error: PMID {pmid} ({', '.join(plan.known[pmid])}): not returned by PubMed "
                    "(unknown, deleted or merged PMID); check the PMID",
                    file=err,
                )
                continue
            try:
                result = cache.put(pmid, article, now)
            except OSError as exc:
                _report_failed([pmid], f"cannot write the cache file: {exc}", plan, summary, err)
                continue
            if result == "unchanged":
                summary.unchanged += 1
            else:
                summary.fetched += 1
        for pmid in sorted(set(returned) - set(batch)):
            print(
                f"warning: PubMed returned PMID {pmid}, which was not asked for; ignored", file=err
            )
        progress.advance(len(batch))
    progress.done()


def _report_failed(
    pmids: list[str], reason: str, plan: _Plan, summary: Summary, err: TextIO
) -> None:
    if not pmids:
        return
    summary.failed += len(pmids)
    print(f"error: {len(pmids)} PMID(s) not fetched: {reason}", file=err)
    for pmid in pmids:
        print(f"  PMID {pmid} ({', '.join(plan.known[pmid])})", file=err)


class _Progress:
    """A counter on stderr, only when a person is watching it (a terminal)."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.count, self.stream = total, 0, stream
        self.shown = stream.isatty() and total > 0

    def advance(self, n: int) -> None:
        self.count += n
        if self.shown:
            print(
                f"\rpubmed: {self.count}/{self.total} PMIDs", end="", file=self.stream, flush=True
            )

    def done(self) -> None:
        if self.shown and self.count:
            print(file=self.stream)
            self.shown = False


def _batches(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
