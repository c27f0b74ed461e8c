"""Identifier syntax (PMID, PMCID, DOI, NCT, URLs): each malformed one says what is wrong."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.identifiers import HANDLERS
from ..model.problems import Problem, Severity
from .base import Checked, Codes, Context

CODES = Codes(
    {
        "bad-pmid": (Severity.ERROR, "a malformed PubMed ID"),
        "bad-pmcid": (Severity.ERROR, "a malformed PubMed Central ID"),
        "bad-doi": (Severity.ERROR, "a malformed DOI"),
        "bad-registration": (Severity.ERROR, "a malformed trial registration number"),
        "bad-url": (Severity.ERROR, "a link that is not an http(s) address"),
    }
)
_CODE_OF = {
    "pmid": "bad-pmid",
    "pmcid": "bad-pmcid",
    "doi": "bad-doi",
    "registrations": "bad-registration",
    "url": "bad-url",
}


def check(checked: Checked, context: Context) -> Iterator[Problem]:
    study = checked.study
    places = [*study.ids.items()]
    places += [
        (("curation", "verified_from", index), "url", url)
        for index, url in enumerate(study.curation.verified_from)
    ]
    for key_path, kind, value in places:
        why = HANDLERS[kind].inspect(value)
        if why:
            yield CODES.at(
                checked, key_path, _CODE_OF[kind], f"{kind.rstrip('s')} {value!r} is malformed", why
            )
