"""The exclusion log: reasons from the fixed list, and no study both excluded and catalogued."""

from __future__ import annotations

from collections.abc import Iterator

from ..load.vocabulary import did_you_mean
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
    log = context.vocabulary.excluded
    if log is None:
        return
    reasons = tuple(context.vocabulary.terms.get("exclusion-reasons", {}))
    excluded_ids: dict[str, int] = {}
    for index, entry in enumerate(log.data.get("excluded") or []):
        where = ("excluded", index)
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            yield CODES.at(
                log,
                where,
                "bad-exclusion",
                "entry needs a title",
                "write `- title: ...` with `reason:` and `note:`",
            )
            continue
        reason = entry.get("reason")
        if reason not in reasons:
            hint = did_you_mean(str(reason), reasons)
            yield CODES.at(
                log,
                (*where, "reason"),
                "bad-exclusion",
                f"reason {reason!r} is not in exclusion-reasons",
                hint,
            )
        for kind, value in (entry.get("ids") or {}).items():
            if kind in ("pmid", "doi") and isinstance(value, str):
                excluded_ids[match_key(kind, value)] = index
    for item in checked:
        for kind in ("pmid", "doi"):
            value = getattr(item.study.ids, kind)
            if value is not None and match_key(kind, value) in excluded_ids:
                entry = excluded_ids[match_key(kind, value)]
                line = log.position(("excluded", entry))[0]
                yield CODES.at(
                    item,
                    ("ids", kind),
                    "excluded-but-catalogued",
                    f"{kind} {value} is in the exclusion log ({log.path}:{line})",
                    "remove the record or the exclusion entry, and say why in the other",
                )
