"""Leads: identifiers seen only where they do not count as verified, checked against PubMed.

Why: an identifier read in an address, a mirror or a citing list may be wrong, so it waits in
`curation.leads` rather than `ids`. Until `enrich` has fetched it, each lead is listed as a note;
once PubMed's record is cached, its title confirms the lead (move it into `ids`) or rejects it
(remove it). Never needs the network.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

from ..model.identifiers import DOI
from ..model.problems import Problem, Severity
from .base import Checked, Codes, Context

CODES = Codes(
    {
        "unconfirmed-lead": (
            Severity.NOTE,
            "an identifier seen only where it does not count, not yet checked against PubMed",
        ),
        "lead-confirmed": (
            Severity.WARNING,
            "PubMed's record for a lead has the study's title: the lead belongs in ids",
        ),
        "lead-rejected": (
            Severity.WARNING,
            "PubMed's record for a lead is another publication",
        ),
    }
)


def check(checked: Checked, context: Context) -> Iterator[Problem]:
    study = checked.study
    for index, lead in enumerate(study.curation.leads):
        where = ("curation", "leads", index)
        pmid = _pmid_of(lead.kind, lead.value, context)
        entry = context.pubmed.entry(pmid) if pmid else None
        if entry is None:
            seen = urlparse(lead.seen_at).hostname or lead.seen_at
            yield CODES.at(
                checked,
                where,
                "unconfirmed-lead",
                f"{lead.kind} {lead.value} is a lead (seen on {seen}), not a verified identifier",
                "run `python -m scripts enrich` where PubMed is reachable to confirm or reject it",
            )
        elif entry.article.title_matches(study.citation.title):
            yield CODES.at(
                checked,
                where,
                "lead-confirmed",
                f"PubMed {pmid} has this study's title, so {lead.kind} {lead.value} is confirmed",
                f"move it into ids.{lead.kind}, cite PubMed's page in verified_from, drop the lead",
            )
        else:
            yield CODES.at(
                checked,
                where,
                "lead-rejected",
                f"{lead.kind} {lead.value} is PubMed {pmid}, {entry.article.title_text!r}, "
                "not this study",
                "remove the lead (and say in curation.notes where the wrong identifier was seen)",
            )


def _pmid_of(kind: str, value: str, context: Context) -> str | None:
    """The PMID a lead names, where the cache knows it."""
    if kind == "pmid":
        return value if (context.pubmed_dir / f"{value}.json").exists() else None
    if kind == "doi":
        return context.doi_index.get(DOI.key(value))
    return context.pmcid_index.get(value)
