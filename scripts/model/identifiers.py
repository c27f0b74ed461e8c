"""Identifiers, one handler per kind: the only home of each pattern, normal form, link and key.

Modelled on manubot's citekey handlers: a pattern to accept, an `inspect` that explains the
commonest ways people get an identifier wrong, the address of the identifier's own page, and
the key two spellings of one identifier share (DOIs are case-insensitive).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Handler:
    """What the catalogue knows about one kind of identifier."""

    kind: str
    label: str
    pattern: re.Pattern[str]
    inspect_other: Callable[[str], str]
    """Why a value that does not match the pattern is wrong (called only then)."""
    address: Callable[[str], str] | None = None
    pasted: tuple[re.Pattern[str], ...] = ()
    """Forms people paste (a label, a link), each capturing the identifier as group 1."""

    def inspect(self, value: str) -> str | None:
        """None when the value is well-formed, else what is wrong with it and how to fix it."""
        return None if self.pattern.fullmatch(value) else self.inspect_other(value)

    def valid(self, value: object) -> bool:
        return isinstance(value, str) and self.pattern.fullmatch(value) is not None

    def url(self, value: str) -> str | None:
        """The identifier's own page, or None when the value is malformed (never a guess)."""
        return self.address(value) if self.address and self.valid(value) else None

    def from_pasted(self, text: str) -> str | None:
        """The identifier in a pasted form (bare, labelled or its own page's link), else None."""
        value = text.strip().strip("`<>").strip()
        for form in (self.pattern, *self.pasted):
            match = form.fullmatch(value)
            if match:
                found = match.group(1) if form.groups else value
                return found if self.valid(found) else None
        return None

    def key(self, value: str) -> str:
        """The form two spellings of the same identifier share, for duplicate detection."""
        return value.strip().lower() if self.kind == "doi" else value.strip()


def _pmid_problem(value: str) -> str:
    if value.lower().startswith("pmid"):
        return "write the digits only, without 'PMID'"
    if value.startswith("0"):
        return "PubMed IDs have no leading zeros"
    if value.isdigit():
        return "PubMed IDs have 1 to 9 digits"
    return 'PubMed IDs are digits only (for example "31284119")'


def _pmcid_problem(value: str) -> str:
    if value.isdigit():
        return f"PMC IDs start with 'PMC': write PMC{value}"
    if value.upper().startswith("PMC") and not value.startswith("PMC"):
        return "write 'PMC' in capitals"
    return "PMC IDs are 'PMC' followed by digits (for example PMC7423016)"


_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/")


def _doi_problem(value: str) -> str:
    lowered = value.lower()
    for prefix in (*_DOI_PREFIXES, "doi:"):
        if lowered.startswith(prefix):
            return f"write the DOI without '{value[: len(prefix)]}': {value[len(prefix) :].strip()}"
    if value != value.strip() or " " in value:
        return "a DOI has no spaces"
    return "DOIs start with '10.', a registrant code, '/' and a suffix (for example 10.1016/j.drugalcdep.2019.05.005)"


def _nct_problem(value: str) -> str:
    if value.upper().startswith("NCT") and value[3:].isdigit():
        return "ClinicalTrials.gov numbers are 'NCT' and exactly 8 digits"
    return "trial registrations are ClinicalTrials.gov numbers such as NCT06072170"


def _url_problem(value: str) -> str:
    return "only http:// or https:// addresses with a host name are allowed"


PMID = Handler(
    "pmid",
    "PubMed",
    re.compile(r"[1-9][0-9]{0,8}"),
    _pmid_problem,
    lambda v: f"https://pubmed.ncbi.nlm.nih.gov/{v}/",
    (
        re.compile(r"pmid:?\s*(\d+)", re.IGNORECASE),
        re.compile(r"https?://(?:www\.)?pubmed\.ncbi\.nlm\.nih\.gov/(\d+)/?(?:[?#].*)?"),
    ),
)
PMCID = Handler(
    "pmcid",
    "PMC",
    re.compile(r"PMC[1-9][0-9]{0,8}"),
    _pmcid_problem,
    lambda v: f"https://pmc.ncbi.nlm.nih.gov/articles/{v}/",
)
DOI = Handler(
    "doi",
    "DOI",
    re.compile(r"10\.[0-9]{4,9}(?:\.[0-9]+)*/\S+"),
    _doi_problem,
    lambda v: "https://doi.org/" + quote(v, safe="/:;()._-~"),
    (re.compile(r"(?:doi:\s*|https?://(?:dx\.)?doi\.org/)(10\.\S+)", re.IGNORECASE),),
)
NCT = Handler(
    "registrations",
    "ClinicalTrials.gov",
    re.compile(r"NCT[0-9]{8}"),
    _nct_problem,
    lambda v: f"https://clinicaltrials.gov/study/{v}",
)
URL = Handler(
    "url",
    "Web",
    re.compile(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?"),
    _url_problem,
    lambda v: v,
)
HANDLERS: dict[str, Handler] = {h.kind: h for h in (PMID, PMCID, DOI, NCT, URL)}
"""By the record key that holds the identifier (`ids.registrations` holds NCT numbers)."""


def match_key(kind: str, value: str) -> str:
    """'doi:10.1000/xyz' : how records, exclusions and candidates are matched to each other."""
    return f"{kind}:{HANDLERS[kind].key(value)}"
