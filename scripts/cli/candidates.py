"""`candidates`: PubMed studies that match the catalogue's search but are neither in it nor excluded.

Why: the catalogue states its search (catalogue/search.yaml), so anyone can rerun it and see what
is new. Each hit is either a record, an entry in the exclusion log with its reason, or a
candidate listed here for someone to read and decide. Titles come from the PubMed cache or one
EFetch per 200 PMIDs; candidates are not written to the cache (it holds catalogued studies).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from ..load import data_files
from ..load.known import known_studies
from ..load.vocabulary import load_exclusions
from ..model.errors import DataFileError, UsageError
from ..model.identifiers import PMID, match_key
from ..model.pubmed import PubmedArticle
from ..pubmed import EutilsError, PubmedFormatError
from ..pubmed.cache import PubmedCache
from ..pubmed.client import EutilsClient, client_from_environment
from ..pubmed.parse import parse_efetch, parse_esearch
from .common import add_catalogue_option

SEARCH_FILE = "search.yaml"
DEFAULT_RETMAX = 200
MAX_RETMAX = 10_000  # ESearch returns at most this many ids per query
BATCH = 200  # PMIDs per EFetch request
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


@dataclass(frozen=True)
class Candidate:
    pmid: str
    title: str | None = None
    year: int | None = None


@dataclass
class Result:
    """One search and what became of its hits."""

    query: str
    count: int = 0  # hits PubMed reports in all
    checked: int = 0  # hits returned (at most --retmax)
    catalogued: int = 0
    excluded: int = 0
    candidates: list[Candidate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "candidates",
        help="PubMed studies matching catalogue/search.yaml that are neither catalogued nor excluded",
        description=__doc__.splitlines()[0],
    )
    add_catalogue_option(parser)
    parser.add_argument(
        "--retmax",
        type=int,
        default=DEFAULT_RETMAX,
        metavar="N",
        help=f"check at most N search hits (default {DEFAULT_RETMAX}, at most {MAX_RETMAX})",
    )
    parser.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="text, or markdown for the standing issue (default text)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.retmax <= MAX_RETMAX:
        raise UsageError(f"--retmax must be between 1 and {MAX_RETMAX}, got {args.retmax}")
    catalogue = Path(args.catalogue)
    query = search_query(catalogue)
    try:
        result = find_candidates(catalogue, query, args.retmax, client_from_environment)
    except (EutilsError, PubmedFormatError) as exc:
        print(
            f"error: the PubMed search failed ({exc}); check the network connection and "
            "try again later",
            file=sys.stderr,
        )
        return 1
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    WRITERS[args.format](result, sys.stdout, date.today())
    return 0


# --- the search statement --------------------------------------------------------------------


def search_query(catalogue: Path) -> str:
    """The PubMed query of catalogue/search.yaml: `pubmed_query`, else one built from `terms`."""
    path = catalogue / SEARCH_FILE
    try:
        record = data_files.load_optional(path)
    except DataFileError as exc:
        first = exc.problems[0]
        raise UsageError(f"{path}:{first.line}:{first.column}: {first.message}") from None
    if record is None:
        raise UsageError(
            f"{path} not found: the catalogue states its search there (`pubmed_query:` or "
            "`terms:`), and candidates reruns it"
        )
    query = record.data.get("pubmed_query")
    if isinstance(query, str) and query.strip():
        return query.strip()
    built = query_from_terms(record.data.get("terms"))
    if not built:
        raise UsageError(
            f"{path} has neither `pubmed_query:` nor usable `terms:`; give one of them "
            '(for example `terms: [kratom, "Mitragyna speciosa", mitragynine]`)'
        )
    return built


def query_from_terms(terms: Any) -> str:
    """PubMed syntax for the search terms.

    A list of terms means any of them (OR); a list of lists, or a mapping of named lists,
    means one of each group (groups joined by AND). Phrases are quoted.
    """
    if isinstance(terms, str):
        return terms.strip()
    if isinstance(terms, dict):
        terms = list(terms.values())
    if not isinstance(terms, list):
        return ""
    if all(isinstance(term, str) for term in terms):
        return _any_of(terms)
    groups = [_any_of(group if isinstance(group, list) else [group]) for group in terms]
    groups = [group for group in groups if group]
    if len(groups) == 1:
        return groups[0]
    return " AND ".join(f"({group})" if " OR " in group else group for group in groups)


def _any_of(terms: Iterable[Any]) -> str:
    words = [str(term).strip() for term in terms if str(term).strip()]
    quoted = [f'"{word}"' if " " in word and not word.startswith('"') else word for word in words]
    return " OR ".join(quoted)


# --- the stage -------------------------------------------------------------------------------


def find_candidates(
    catalogue: Path, query: str, retmax: int, make_client: Callable[[], EutilsClient]
) -> Result:
    """Run the search and sort its hits into catalogued, excluded and candidates."""
    client = make_client()
    search = parse_esearch(client.esearch(query, retmax=retmax))
    result = Result(query, count=search["count"], checked=len(search["ids"]))
    result.warnings += [f"PubMed says about the query: {message}" for message in search["errors"]]
    catalogued, excluded = _known(catalogue, result)
    fresh = []
    for pmid in search["ids"]:
        if match_key("pmid", pmid) in catalogued:
            result.catalogued += 1
        elif match_key("pmid", pmid) in excluded:
            result.excluded += 1
        else:
            fresh.append(pmid)
    articles = _articles(fresh, PubmedCache(catalogue / "pubmed"), client, result)
    for pmid in fresh:
        article = articles.get(pmid)
        doi = article.doi if article else None
        key = match_key("doi", doi) if doi else None
        if key in catalogued:
            result.catalogued += 1
        elif key in excluded:
            result.excluded += 1
        else:
            title = article.title_text or None if article else None
            year = article.pub_date.year if article else None
            result.candidates.append(Candidate(pmid, title, year))
    result.candidates.sort(key=lambda c: int(c.pmid), reverse=True)
    return result


def _known(catalogue: Path, result: Result) -> tuple[set[str], set[str]]:
    """Match keys of the catalogued records and of the exclusion log."""
    try:
        log = load_exclusions(catalogue)
    except DataFileError as exc:
        result.warnings.append(f"the exclusion log cannot be read ({exc}); not used")
        log = None
    known = known_studies(catalogue, log)
    return set(known.records), set(known.excluded)


def _articles(
    pmids: list[str], cache: PubmedCache, client: EutilsClient, result: Result
) -> dict[str, PubmedArticle]:
    """Articles by PMID, from the cache or EFetch; a failed fetch only costs the titles."""
    articles = {}
    missing = []
    for pmid in pmids:
        entry = cache.entry(pmid)
        if entry is not None:
            articles[pmid] = entry.article
        else:
            missing.append(pmid)
    for start in range(0, len(missing), BATCH):
        batch = missing[start : start + BATCH]
        try:
            fetched = parse_efetch(client.efetch(batch))
        except (EutilsError, PubmedFormatError) as exc:
            result.warnings.append(f"titles of {len(batch)} PMIDs not fetched: {exc}")
            continue
        typed = (PubmedArticle.from_data(a) for a in fetched)
        articles.update((a.pmid, a) for a in typed if a.pmid in batch)
    return articles


# --- output ----------------------------------------------------------------------------------


def write_text(result: Result, out: TextIO, today: date) -> None:
    out.write(f"PubMed search: {result.query}\n")
    out.write(_tally(result) + "\n")
    for c in result.candidates:
        year = f" ({c.year})" if c.year else ""
        out.write(f"PMID {c.pmid}{year}: {c.title or '(title not available)'}\n")
    if result.candidates:
        out.write("start a record with: python -m scripts new --pmid N\n")


def write_markdown(result: Result, out: TextIO, today: date) -> None:
    out.write(f"### Candidate studies, {today.isoformat()}\n\n")
    out.write(f"PubMed search: `{result.query.replace('`', '')}`\n\n")
    out.write(_tally(result) + "\n")
    if result.candidates:
        out.write(
            "\nRead each one and either add it (`python -m scripts new --pmid N`) or add it to "
            "`catalogue/excluded.yaml` with the reason.\n\n"
        )
    for c in result.candidates:
        year = f" ({c.year})" if c.year else ""
        title = _markdown_text(c.title) if c.title else "*title not available*"
        link = PMID.url(c.pmid)
        out.write(f"- [ ] [PMID {c.pmid}]({link}){year}: {title}\n")


def _tally(result: Result) -> str:
    shown = (
        f"the first {result.checked} checked (raise --retmax to check more)"
        if result.count > result.checked
        else f"{result.checked} checked"
    )
    return (
        f"{result.count} results, {shown}: {result.catalogued} already catalogued, "
        f"{result.excluded} in the exclusion log, {len(result.candidates)} candidates"
    )


def _markdown_text(text: str) -> str:
    """Plain text that Markdown shows as written (no links, emphasis or HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


WRITERS: dict[str, Callable[[Result, TextIO, date], None]] = {
    "text": write_text,
    "markdown": write_markdown,
}
