"""`coverage`: how many records there are per topic, design and claim (and which way they point).

Shows where the catalogue is thin. Records that report the same `sample` are counted once per
sample in the "independent samples" column, so a survey published three times does not look
like three studies.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import TextIO

from ..load.vocabulary import Vocabulary
from ..model.errors import DataFileError
from ..model.study import Study
from ..rules.run import check_catalogue
from .common import add_catalogue_option


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
    write_coverage(report.studies, report.vocabulary, sys.stdout)
    return 0


def write_coverage(studies: list[Study], vocabulary: Vocabulary, out: TextIO) -> None:
    samples = len({s.sample or s.id for s in studies})
    out.write(f"{len(studies)} records, {samples} independent samples\n\n")
    _table(out, "topic", vocabulary.terms["topics"], studies, lambda s: s.topics)
    _table(out, "design", vocabulary.terms["designs"], studies, lambda s: [s.design])
    _claims_table(out, vocabulary, studies)


def _table(
    out: TextIO,
    name: str,
    terms: Iterable[str],
    studies: list[Study],
    values: Callable[[Study], Iterable[str]],
) -> None:
    counts: Counter[str] = Counter()
    independent: defaultdict[str, set[str]] = defaultdict(set)
    for study in studies:
        for value in values(study):
            counts[value] += 1
            independent[value].add(study.sample or study.id)
    out.write(f"| {name} | records | independent samples |\n| --- | ---: | ---: |\n")
    for term in terms:
        out.write(f"| {term} | {counts[term]} | {len(independent[term])} |\n")
    out.write("\n")


def _claims_table(out: TextIO, vocabulary: Vocabulary, studies: list[Study]) -> None:
    stances = tuple(vocabulary.terms["stances"])
    out.write("| claim | " + " | ".join(stances) + " | total |\n")
    out.write("| --- |" + " ---: |" * (len(stances) + 1) + "\n")
    for claim in vocabulary.claims:
        counts = Counter(s.stance_on(claim) and s.stance_on(claim).stance for s in studies)
        row = [str(counts[stance]) for stance in stances]
        out.write(f"| {claim} | " + " | ".join(row) + f" | {sum(counts[s] for s in stances)} |\n")
