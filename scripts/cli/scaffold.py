"""`new`: start a record from PubMed, with the citation filled in and a prompt in every other field.

Why: a contributor should never type an identifier or a citation by hand (that is how wrong
PMIDs get in), and should see every field the record format has. The identifiers and the
citation come from PubMed (the cache first, then E-utilities); each curated field holds a
prompt (the marker in model.names, then what to write) made from the schema's description and the vocabulary's terms, which
`check` reports as `unfilled` until it is replaced. The file is written in canonical form.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache as cache_result
from pathlib import Path
from typing import Any

from ..load import canonical, schema
from ..load.known import Known, identifier_keys, known_studies
from ..load.vocabulary import Vocabulary, load_vocabulary
from ..model.errors import DataFileError, ScaffoldError, UsageError
from ..model.identifiers import DOI, PMID
from ..model.names import PROMPT, SLUG, is_slug
from ..model.pubmed import PubmedArticle
from ..model.study import TERM_FIELDS
from ..pubmed import EutilsError, PubmedFormatError
from ..pubmed.cache import PubmedCache
from ..pubmed.client import EutilsClient, client_from_environment
from ..pubmed.parse import parse_efetch, parse_esearch
from . import issue_form
from .common import add_catalogue_option, require_catalogue

_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "þ": "th"})
_FUNCTION_WORDS = (
    "a about after among an and are as at be before between by can do does during for from has "
    "have how in into is it its of on or our over than that the their these this those through "
    "to upon versus via vs was we were what when which who with within without"
)
STOPWORDS = frozenset(_FUNCTION_WORDS.split())  # not "significant" title words
TITLE_CHARS = 32  # title words in an id: 2 to 4, a third or fourth only while this short
# What a prompt adds to the schema's description of an optional field: when to drop it.
OPTIONAL = {
    ("sample",): "Delete this line unless another record reports the same sample.",
    ("population", "n"): "A whole number without quotes; delete this line if not reported.",
    ("population", "setting"): "Delete this line if the source does not say.",
    ("population", "countries"): "One per line, such as US or MY; delete if not reported.",
    ("exposure", "description"): "Delete this line if the source does not say.",
    ("limitations",): "Include the limitations the authors name.",
    ("appraisal",): (
        "Write judged_from (abstract or full-text), then under domains each domain of the tool "
        "the design names (vocabularies.yaml designs: appraisal; bias-tools: domains) with its "
        "judgement (low, some-concerns, high or no-information) and reason, then overall; "
        "delete this line if the record takes no stance."
    ),
    ("funding", "statement"): "Delete this line if the source names no funder.",
    ("funding", "conflicts"): "Delete this line if the source declares none.",
    ("curation", "notes"): "For example where you read each identifier; or delete this line.",
}
FINDING_NOTE = "Record what it found whichever way it points; add one finding per outcome."


@dataclass(frozen=True)
class Wanted:
    """What the contributor asked for."""

    pmid: str | None = None
    doi: str | None = None
    by: str | None = None
    record_id: str | None = None
    title: str | None = None
    """The title the suggester read: PubMed's must match it, or the identifier is wrong."""


# --- command line ----------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="start a record from a PMID or DOI, with TODO prompts to fill in",
        description=__doc__.splitlines()[0],
    )
    add_catalogue_option(parser)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--pmid", metavar="N", help="PubMed ID of the study, such as 32007733")
    which.add_argument("--doi", metavar="DOI", help="DOI of the study, such as 10.1000/xyz123")
    which.add_argument(
        "--github-issue",
        metavar="EVENT",
        type=Path,
        help="a GitHub issue event (JSON, as in $GITHUB_EVENT_PATH) for a 'Suggest a study' "
        "issue: its PMID or DOI, its title checked against PubMed's, its author as --by",
    )
    parser.add_argument(
        "--by",
        metavar="HANDLE",
        help="your handle for curation.by (default: git config user.name)",
    )
    parser.add_argument(
        "--id",
        dest="record_id",
        metavar="ID",
        help="the record id and file name (default: firstauthor-year-title-words)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    catalogue = Path(args.catalogue)
    require_catalogue(catalogue)
    wanted = _wanted(args)
    if wanted.record_id is not None and not is_slug(wanted.record_id):
        raise UsageError(
            f"--id {wanted.record_id!r}: write lowercase words and digits joined by hyphens"
        )
    path, data = create_record(catalogue, wanted, _client_from_environment)
    print(
        f"wrote {path}: citation and identifiers from PubMed, {prompt_count(data)} fields to fill in"
    )
    print(
        f'next: replace every "{PROMPT} ..." with what the study reports (CONTRIBUTING.md explains '
        f"each field), then run `python -m scripts format {path}` and "
        f"`python -m scripts check {path}`"
    )
    return 0


def _wanted(args: argparse.Namespace) -> Wanted:
    """What the command line asks for, or the suggestion issue it names."""
    if args.github_issue is None:
        return Wanted(
            pmid=_valid(args.pmid, PMID.inspect, "--pmid"),
            doi=_valid(args.doi, DOI.inspect, "--doi"),
            by=args.by,
            record_id=args.record_id,
        )
    suggestion = issue_form.read_event(args.github_issue)
    source = "the issue's PMID or DOI"
    return Wanted(
        pmid=_valid(suggestion.pmid, PMID.inspect, source),
        doi=_valid(suggestion.doi, DOI.inspect, source),
        by=args.by or suggestion.author,
        record_id=args.record_id,
        title=suggestion.title,
    )


def _valid(value: str | None, inspect: Callable[[str], str | None], option: str) -> str | None:
    if value is None:
        return None
    value = value.strip()
    reason = inspect(value)
    if reason:
        raise UsageError(f"{option} {value!r} is not valid: {reason}")
    return value


def _client_from_environment() -> EutilsClient:
    """A client that gives up sooner than enrich's: a person is waiting at the terminal."""
    return client_from_environment(max_retries=2, max_total_wait=15)


def prompt_count(node: Any) -> int:
    """How many prompts a record's data holds."""
    if isinstance(node, dict):
        return sum(prompt_count(value) for value in node.values())
    if isinstance(node, list):
        return sum(prompt_count(value) for value in node)
    return int(isinstance(node, str) and node.startswith(PROMPT))


# --- the stage -------------------------------------------------------------------------------


def create_record(
    catalogue: Path,
    wanted: Wanted,
    make_client: Callable[[], EutilsClient],
    today: date | None = None,
) -> tuple[Path, dict[str, Any]]:
    """Write catalogue/studies/<id>.yaml for the study; its path and data."""
    try:
        vocabulary = load_vocabulary(catalogue)
    except DataFileError as exc:
        raise ScaffoldError(
            f"the catalogue's vocabularies or claims cannot be read ({exc}); "
            "run `python -m scripts check` to see where"
        ) from None
    known = known_studies(catalogue, vocabulary.exclusions)
    _refuse_known(known, pmid=wanted.pmid, doi=wanted.doi)
    cache = PubmedCache(catalogue / "pubmed")
    client = cache_result(make_client)  # built on first use: a cached study needs no network
    pmid = wanted.pmid or _resolve_doi(wanted.doi or "", cache, client)
    _refuse_known(known, pmid=pmid)
    article = _article(pmid, cache, client)
    _refuse_known(known, doi=article.doi)
    if wanted.title and not article.title_matches(wanted.title):
        raise ScaffoldError(
            f"PubMed's title for PMID {pmid} is {article.title_text!r}, not the suggested "
            f"{wanted.title!r}: check that the identifier belongs to the study"
        )
    by = wanted.by or _git_user() or f"{PROMPT} your handle, such as your GitHub user name"
    data = record_data(article, vocabulary, by, today or date.today())
    record_id = wanted.record_id or data["id"]
    data["id"] = record_id
    path = catalogue / "studies" / f"{record_id}.yaml"
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(canonical.dump(data))
    except FileExistsError:
        raise ScaffoldError(
            f"{path} already exists, for another study with the same first author, year and "
            "title words: choose another name with --id"
        ) from None
    return path, data


def _refuse_known(known: Known, pmid: str | None = None, doi: str | None = None) -> None:
    """Raise ScaffoldError when the study is already catalogued or excluded."""
    for key in identifier_keys({"pmid": pmid, "doi": doi}):
        kind, _, value = key.partition(":")
        label = f"{kind.upper()} {value}"
        if key in known.records:
            raise ScaffoldError(
                f"{label} is already catalogued in {known.records[key]}: correct that record "
                "instead (CONTRIBUTING.md, 'Correcting a record')"
            )
        if key in known.excluded:
            entry = known.excluded[key]
            note = f' ("{entry.note}")' if entry.note else ""
            raise ScaffoldError(
                f"{label} is in the exclusion log ({entry.where}), reason "
                f"'{entry.reason}'{note}: if that no longer holds, remove the entry in the same "
                "pull request and say why"
            )


def _resolve_doi(doi: str, cache: PubmedCache, client: Callable[[], EutilsClient]) -> str:
    """The one PMID PubMed gives for a DOI (the cache is asked first)."""
    cached = cache.doi_index().get(DOI.key(doi))
    if cached:
        return cached
    try:
        result = parse_esearch(client().esearch(f'"{doi}"[doi]', retmax=5))
    except (EutilsError, PubmedFormatError) as exc:
        raise ScaffoldError(_unreachable(f"DOI {doi}", exc)) from None
    if result["count"] == 1 and len(result["ids"]) == 1:
        return result["ids"][0]
    if result["count"] == 0:
        raise ScaffoldError(
            f"PubMed has no record with DOI {doi}: check the DOI on the publisher's page; a study "
            "PubMed lacks is written by hand (CONTRIBUTING.md, 'Adding a study')"
        )
    raise ScaffoldError(
        f"{result['count']} PubMed records match DOI {doi} ({', '.join(result['ids'])}): "
        "find the right one on PubMed and use --pmid"
    )


def _article(pmid: str, cache: PubmedCache, client: Callable[[], EutilsClient]) -> PubmedArticle:
    """The PubMed article, from the cache or fetched (and then kept in the cache)."""
    entry = cache.entry(pmid)
    if entry is not None:
        return entry.article
    try:
        articles = parse_efetch(client().efetch([pmid]))
    except (EutilsError, PubmedFormatError) as exc:
        raise ScaffoldError(_unreachable(f"PMID {pmid}", exc)) from None
    raw = next((a for a in articles if PubmedArticle.from_data(a).pmid == pmid), None)
    if raw is None:
        raise ScaffoldError(
            f"PubMed has no record with PMID {pmid} (unknown, deleted or merged): check the PMID "
            "on the study's PubMed page"
        )
    try:
        cache.put(pmid, raw, datetime.now(UTC))
    except OSError as exc:
        print(f"warning: cannot keep PMID {pmid} in {cache.directory}: {exc}", file=sys.stderr)
    return PubmedArticle.from_data(raw)


def _unreachable(what: str, exc: Exception) -> str:
    return (
        f"cannot get {what} from PubMed ({exc}); check your network connection and try again "
        "later, or write the record by hand (CONTRIBUTING.md, 'Adding a study')"
    )


def _git_user() -> str | None:
    try:
        result = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return result.stdout.strip() or None


# --- the record ------------------------------------------------------------------------------


def record_data(
    article: PubmedArticle, vocabulary: Vocabulary, by: str, today: date
) -> dict[str, Any]:
    """The new record: citation and ids from the article, prompts in every curated field."""
    citation = citation_of(article)
    ids = {
        "pmid": article.pmid,
        "pmcid": article.pmcid,
        "doi": article.doi,
    }
    prompt = _Prompts(vocabulary)
    return {
        "id": record_id(article, citation.get("year")),
        "citation": citation,
        "ids": {key: value for key, value in ids.items() if value},
        "sample": prompt("sample"),
        "design": prompt("design"),
        "population": {
            key: prompt("population", key) for key in ("species", "n", "setting", "countries")
        },
        "exposure": {key: prompt("exposure", key) for key in ("substances", "description")},
        "topics": prompt("topics"),
        "findings": [{key: prompt("findings", key) for key in ("outcome", "direction", "summary")}],
        "claims": {
            key: f"{PROMPT} how the findings bear on '{claim.title}': "
            f"{prompt.stances}; delete this line if they do not bear on it (none at all: write "
            "`claims: {}` and say why in curation.notes)."
            for key, claim in vocabulary.claims.items()
        },
        "limitations": prompt("limitations"),
        "appraisal": prompt("appraisal"),
        "funding": {key: prompt("funding", key) for key in ("types", "statement", "conflicts")},
        "curation": {
            "added": today.isoformat(),
            "by": by,
            "verified_from": [PMID.url(article.pmid)],
            "notes": prompt("curation", "notes"),
        },
    }


class _Prompts:
    """`TODO: <schema description> <vocabulary terms> <when to drop it>` for a field."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        stances = list(vocabulary.terms.get("stances", {}))
        self.stances = ", ".join(stances[:-1]) + f" or {stances[-1]}" if stances else "a stance"

    def __call__(self, *path: str) -> Any:
        node = schema.subschema(path)
        is_list = node.get("type") == "array"
        item = node.get("items", {}) if is_list else node
        text = item.get("description") or node.get("description") or ""
        vocabulary = TERM_FIELDS.get(path)
        if vocabulary:
            terms = ", ".join(self.vocabulary.terms.get(vocabulary, {}))
            how_many = "One or more, one per line," if is_list else "One"
            text = f"{how_many} of the {vocabulary} in vocabularies.yaml: {terms}."
        if path == ("findings", "summary"):
            text += f" {FINDING_NOTE}"
        if path in OPTIONAL:
            text += f" {OPTIONAL[path]}"
        value = f"{PROMPT} {text.strip()}"
        return [value] if is_list else value


def citation_of(article: PubmedArticle) -> dict[str, Any]:
    """The citation as PubMed gives it, in the record's format; absent parts are left out."""
    year = article.year
    citation = {
        "title": _title(article.title_text) or f"{PROMPT} the title as published",
        "authors": [a.curated_form for a in article.authors if a.curated_form],
        "journal": article.journal or article.book_publisher,
        "year": year if year is not None else f"{PROMPT} the year of publication",
        "volume": article.volume,
        "issue": article.issue,
        "pages": article.pages,
    }
    return {key: value for key, value in citation.items() if value not in (None, "", [])}


def _title(text: str) -> str:
    """PubMed's title without its closing period (and without the brackets of a translation)."""
    text = " ".join(text.split())
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return text


def record_id(article: PubmedArticle, year: Any) -> str:
    """firstauthor-year-two-to-four-title-words, ASCII only."""
    first = article.authors[0] if article.authors else None
    if first and first.last:
        name = _words(first.last)
    elif first and first.collective:
        name = [w for w in _words(first.collective) if w not in STOPWORDS][:2]
    else:
        name = []
    words = [w for w in _words(article.title_text) if w not in STOPWORDS]
    title: list[str] = []
    for word in words:
        if word in title:
            continue
        if len(title) >= 2 and len("-".join([*title, word])) > TITLE_CHARS:
            break
        title.append(word)
        if len(title) == 4:
            break
    parts = ["-".join(name) or "anonymous", str(year) if isinstance(year, int) else "", *title]
    return "-".join(part for part in parts if part)


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").replace("'", "")
    return SLUG.findall(ascii_text)
