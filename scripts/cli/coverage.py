"""`coverage`: how many records there are per topic, design and claim (and which way they point).

Shows where the catalogue is thin. Records that report the same `sample` are counted once per
sample in the "independent samples" column, so a survey published three times does not look
like three studies.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TextIO

from ..load.records import DataFileError, Record
from ..load.vocabulary import Vocabulary
from .check import add_catalogue_option, check_catalogue


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "coverage", help="records per topic, design and claim", description=__doc__
    )
    add_catalogue_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    report = check_catalogue(args.catalogue)
    if report.vocabulary is None:
        raise DataFileError(report.problems)
    write_coverage(report.records, report.vocabulary, sys.stdout)
    return 0


def write_coverage(records: list[Record], vocabulary: Vocabulary, out: TextIO) -> None:
    samples = len({r.get("sample") or r.id for r in records})
    out.write(f"{len(records)} records, {samples} independent samples\n\n")
    _table(out, "topic", vocabulary.terms["topics"], records, lambda r: r.get("topics") or [])
    _table(out, "design", vocabulary.terms["designs"], records, lambda r: [r.get("design")])
    _claims_table(out, vocabulary, records)


def _table(out: TextIO, name: str, terms: Iterable[str], records: list[Record], values) -> None:
    counts: Counter[str] = Counter()
    independent: defaultdict[str, set[str]] = defaultdict(set)
    for record in records:
        for value in values(record):
            counts[value] += 1
            independent[value].add(record.get("sample") or record.id)
    out.write(f"| {name} | records | independent samples |\n| --- | ---: | ---: |\n")
    for term in terms:
        out.write(f"| {term} | {counts[term]} | {len(independent[term])} |\n")
    out.write("\n")


def _claims_table(out: TextIO, vocabulary: Vocabulary, records: list[Record]) -> None:
    stances = tuple(vocabulary.terms["stances"])
    out.write("| claim | " + " | ".join(stances) + " | total |\n")
    out.write("| --- |" + " ---: |" * (len(stances) + 1) + "\n")
    for claim in vocabulary.claims:
        counts = Counter((r.get("claims") or {}).get(claim) for r in records)
        row = [str(counts[stance]) for stance in stances]
        out.write(f"| {claim} | " + " | ".join(row) + f" | {sum(counts[s] for s in stances)} |\n")
