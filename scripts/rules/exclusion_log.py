"""The exclusion log: reasons from the fixed list, and no study both excluded and catalogued."""

from __future__ import annotations

from collections.abc import Iterator

from ..load.vocabulary import did_you_mean
from ..model.catalogue import Exclusion
from ..model.identifiers import match_key
from ..model.problems import Problem, Severity
from .base import Checked, Codes, Context

CODES = Codes(
    {
        "bad-exclusion": (
            Severity.ERROR,
            "an exclusion log entry without a title or a known reason",
        ),
        "excluded-but-catalogued": (
            Severity.ERROR,
            "a record for a study the exclusion log leaves out",
        ),
    }
)


def check_all(checked: list[Checked], context: Context) -> Iterator[Problem]:
    exclusions = context.vocabulary.exclusions
    if exclusions is None:
        return
    log = exclusions.record
    reasons = tuple(context.vocabulary.terms.get("exclusion-reasons", {}))
    excluded_ids: dict[str, Exclusion] = {}
    for entry in exclusions.entries:
        where = ("excluded", entry.index)
        if entry.title is None:
            yield CODES.at(
                log,
                where,
                "bad-exclusion",
                "entry needs a title",
                "write `- title: ...` with `reason:` and `note:`",
            )
            continue
        if entry.reason not in reasons:
            hint = did_you_mean(str(entry.reason), reasons)
            yield CODES.at(
                log,
                (*where, "reason"),
                "bad-exclusion",
                f"reason {entry.reason!r} is not in exclusion-reasons",
                hint,
            )
        for kind, value in entry.ids:
            if kind in ("pmid", "doi"):
                excluded_ids[match_key(kind, value)] = entry
    for item in checked:
        for kind in ("pmid", "doi"):
            value = getattr(item.study.ids, kind)
            if value is not None and match_key(kind, value) in excluded_ids:
                where = exclusions.where(excluded_ids[match_key(kind, value)])
                yield CODES.at(
                    item,
                    ("ids", kind),
                    "excluded-but-catalogued",
                    f"{kind} {value} is in the exclusion log ({where})",
                    "remove the record or the exclusion entry, and say why in the other",
                )
