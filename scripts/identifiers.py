"""Identifier syntax, one handler per kind, each able to say why a value is malformed.

Modelled on manubot's citekey handlers: a pattern to accept, and an `inspect` that explains the
commonest ways people get an identifier wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_PMID = re.compile(r"[1-9][0-9]{0,8}")
_PMCID = re.compile(r"PMC[1-9][0-9]{0,8}")
_DOI = re.compile(r"10\.[0-9]{4,9}(\.[0-9]+)*/\S+")
_NCT = re.compile(r"NCT[0-9]{8}")


def inspect_pmid(value: str) -> str | None:
    if _PMID.fullmatch(value):
        return None
    if value.lower().startswith("pmid"):
        return "write the digits only, without 'PMID'"
    if value.startswith("0"):
        return "PubMed IDs have no leading zeros"
    if value.isdigit():
        return "PubMed IDs have 1 to 9 digits"
    return 'PubMed IDs are digits only (for example "31284119")'


def inspect_pmcid(value: str) -> str | None:
    if _PMCID.fullmatch(value):
        return None
    if value.isdigit():
        return f"PMC IDs start with 'PMC': write PMC{value}"
    if value.upper().startswith("PMC") and not value.startswith("PMC"):
        return "write 'PMC' in capitals"
    return "PMC IDs are 'PMC' followed by digits (for example PMC7423016)"


def inspect_doi(value: str) -> str | None:
    if _DOI.fullmatch(value):
        return None
    lowered = value.lower()
    for prefix in (
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ):
        if lowered.startswith(prefix):
            return f"write the DOI without '{value[: len(prefix)]}': {value[len(prefix) :].strip()}"
    if value != value.strip() or " " in value:
        return "a DOI has no spaces"
    return "DOIs start with '10.', a registrant code, '/' and a suffix (for example 10.1016/j.drugalcdep.2019.05.005)"


def inspect_nct(value: str) -> str | None:
    if _NCT.fullmatch(value):
        return None
    if value.upper().startswith("NCT") and value[3:].isdigit():
        return "ClinicalTrials.gov numbers are 'NCT' and exactly 8 digits"
    return "trial registrations are ClinicalTrials.gov numbers such as NCT06072170"


def inspect_url(value: str) -> str | None:
    if re.fullmatch(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", value):
        return None
    return "only http:// or https:// addresses with a host name are allowed"


INSPECTORS: dict[str, Callable[[str], str | None]] = {
    "pmid": inspect_pmid,
    "pmcid": inspect_pmcid,
    "doi": inspect_doi,
    "registrations": inspect_nct,
    "url": inspect_url,
}


def normalise_doi(value: str) -> str:
    """DOIs are case-insensitive: compare them lowercased."""
    return value.strip().lower()
