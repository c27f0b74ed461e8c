"""The curated citation against cached PubMed metadata: a mismatch is how a wrong PMID shows.

Runs only where `enrich` has cached the record's PMID; never needs the network.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.problems import Problem, Severity
from ..pubmed import compare
from .base import Checked, Codes, Context

CODES = Codes(
    {
        "pubmed-title-mismatch": (
            Severity.ERROR,
            "the curated title differs from PubMed's for this PMID",
        ),
        "pubmed-year-mismatch": (Severity.ERROR, "the curated year matches none of PubMed's dates"),
        "retracted": (Severity.WARNING, "PubMed lists a retraction or expression of concern"),
        "pubmed-has-id": (Severity.NOTE, "PubMed knows an identifier the record lacks"),
        "pubmed-cache-unreadable": (Severity.WARNING, "the cached PubMed file cannot be read"),
    }
)


def check(checked: Checked, context: Context) -> Iterator[Problem]:
    study = checked.study
    pmid = study.ids.pmid
    if pmid is None or not (context.pubmed_dir / f"{pmid}.json").exists():
        return
    entry = context.pubmed.entry(pmid)
    if entry is None:
        yield CODES.at(
            checked,
            ("ids", "pmid"),
            "pubmed-cache-unreadable",
            f"cached PubMed data for {pmid} cannot be read",
            "run `python -m scripts enrich --refresh` to fetch it again",
        )
        return
    article = entry.article
    if not article.title_matches(study.citation.title):
        yield CODES.at(
            checked,
            ("citation", "title"),
            "pubmed-title-mismatch",
            f"title differs from PubMed {pmid}: {article.title_text!r}",
            "check the PMID: a wrong PMID shows up as a different title; if the PMID is right, copy PubMed's title",
        )
    year, years = study.citation.year, article.years
    if years and year not in years:
        shown = ", ".join(str(y) for y in sorted(years))
        yield CODES.at(
            checked,
            ("citation", "year"),
            "pubmed-year-mismatch",
            f"year {year} matches none of PubMed's dates for {pmid} ({shown})",
            "check the PMID and the year of publication",
        )
    for notice in compare.correction_notices(article):
        target = f" (PMID {notice.pmid})" if notice.pmid else ""
        yield CODES.at(
            checked,
            ("ids", "pmid"),
            "retracted",
            f"PubMed lists {notice.type}{target}: {notice.source or ''}".rstrip(": "),
            "read the notice and say in curation.notes how it affects the record",
        )
    for kind, value in compare.missing_ids(study.ids, article).items():
        yield CODES.at(
            checked,
            ("ids",),
            "pubmed-has-id",
            f"PubMed gives {kind} {value}, which the record lacks",
            f"add `{kind}: {value}` under ids if it is the same publication",
        )
