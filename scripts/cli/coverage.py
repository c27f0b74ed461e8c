"""`coverage`: how many records there are per topic, design and claim, against the last build.

Shows where the catalogue is thin and how it moved. Records that report the same `sample` are
counted once per sample in the "independent samples" column, so a survey published three times
does not look like three studies. `build` writes the same figures to `figures.json` beside the
site; `coverage` prints today's next to those of the last build (or of `--previous FILE`), so
the live figures replace any hand-typed snapshot.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from ..model.errors import DataFileError, UsageError
from ..model.study import Study
from ..rules.run import Report, check_catalogue
from .common import add_catalogue_option

FIGURES = "figures.json"
Figures = dict[str, Any]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "coverage", help="records per topic, design and claim", description=__doc__
    )
    add_catalogue_option(parser)
    parser.add_argument(
        "--previous",
        type=Path,
        metavar="FILE",
        help=f"figures to compare with (default output/{FIGURES} beside the catalogue folder, "
        "written by the last build)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    report = check_catalogue(args.catalogue)
    if report.vocabulary is None:
        raise DataFileError(report.problems)
    previous_file = args.previous or args.catalogue.resolve().parent / "output" / FIGURES
    previous = _read(previous_file) if args.previous or previous_file.exists() else None
    write_coverage(figures(report), previous, sys.stdout)
    return 0


def figures(report: Report) -> Figures:
    """The catalogue's figures: records and samples per topic and design, stances and
    certainty per claim, completeness in its two parts. Plain data, for JSON and for print."""
    vocabulary, studies = report.vocabulary, report.studies
    assert vocabulary is not None
    claims = {}
    for key in vocabulary.claims:
        stances = Counter(s.stance_on(key).stance for s in studies if s.stance_on(key))
        file = vocabulary.assessments.get(key)
        claims[key] = {
            **{stance: stances[stance] for stance in vocabulary.terms["stances"]},
            "certainty": file.assessment.certainty if file else None,
        }
    return {
        "records": len(studies),
        "samples": len({s.sample or s.id for s in studies}),
        "topics": _counts(vocabulary.terms["topics"], studies, lambda s: s.topics),
        "designs": _counts(vocabulary.terms["designs"], studies, lambda s: [s.design]),
        "claims": claims,
        "completeness": {
            "average": round(report.average, 1),
            "fields_missing": report.fields_missing,
            "fields_awaiting_pubmed": report.fields_awaiting,
        },
    }


def figures_json(report: Report) -> str:
    return json.dumps(figures(report), indent=2, sort_keys=False) + "\n"


def _counts(
    terms: Iterable[str], studies: list[Study], values: Callable[[Study], Iterable[str]]
) -> dict[str, dict[str, int]]:
    counts: Counter[str] = Counter()
    independent: defaultdict[str, set[str]] = defaultdict(set)
    for study in studies:
        for value in values(study):
            counts[value] += 1
            independent[value].add(study.sample or study.id)
    return {t: {"records": counts[t], "samples": len(independent[t])} for t in terms}


def _read(path: Path) -> Figures:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: cannot read earlier figures ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("topics"), dict):
        raise UsageError(f"{path}: not a {FIGURES} written by `build`")
    return data


def write_coverage(now: Figures, previous: Figures | None, out: TextIO) -> None:
    was = f" (last build: {previous['records']})" if previous else ""
    out.write(f"{now['records']} records{was}, {now['samples']} independent samples\n\n")
    for section, name in (("topics", "topic"), ("designs", "design")):
        _table(out, name, now[section], (previous or {}).get(section, {}), previous is not None)
    _claims_table(out, now["claims"], (previous or {}).get("claims", {}))
    c = now["completeness"]
    out.write(
        f"\ncompleteness {c['average']:.0f}% on average; {c['fields_missing']} fields missing, "
        f"{c['fields_awaiting_pubmed']} awaiting PubMed\n"
    )


def _table(
    out: TextIO, name: str, now: dict[str, Any], before: dict[str, Any], compare: bool
) -> None:
    head = f"| {name} | records | independent samples |"
    rule = "| --- | ---: | ---: |"
    if compare:
        head, rule = head + " last build | change |", rule + " ---: | ---: |"
    out.write(f"{head}\n{rule}\n")
    for term, counts in now.items():
        row = f"| {term} | {counts['records']} | {counts['samples']} |"
        if compare:
            earlier = before.get(term, {}).get("records", 0)
            row += f" {earlier} | {counts['records'] - earlier:+d} |"
        out.write(row + "\n")
    out.write("\n")


def _claims_table(out: TextIO, now: dict[str, Any], before: dict[str, Any]) -> None:
    stances = [key for key in next(iter(now.values()), {}) if key != "certainty"]
    out.write("| claim | " + " | ".join(stances) + " | total | certainty |\n")
    out.write("| --- |" + " ---: |" * (len(stances) + 1) + " --- |\n")
    for claim, counts in now.items():
        total = sum(counts[s] for s in stances)
        earlier = sum(before.get(claim, {}).get(s, 0) for s in stances) if before else None
        change = f" ({total - earlier:+d})" if earlier is not None else ""
        row = " | ".join(str(counts[s]) for s in stances)
        out.write(f"| {claim} | {row} | {total}{change} | {counts['certainty'] or '-'} |\n")
