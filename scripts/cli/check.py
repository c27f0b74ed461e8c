"""`check`: load every record, run the rules, score completeness, and report.

Exit 0 when clean, 1 when any error (or, with --strict, any warning) is found.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from ..load import data_files
from ..load.records import record_paths
from ..model.errors import UsageError
from ..model.problems import Severity
from ..rules.completeness import Score
from ..rules.run import Report, check_catalogue
from .common import add_catalogue_option


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help="check records for completeness and correctness", description=__doc__
    )
    add_catalogue_option(parser)
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="report only on these record files (all records are still loaded, for duplicate checks)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help="output format (default text)",
    )
    parser.add_argument("--strict", action="store_true", help="warnings fail the check too")
    parser.add_argument(
        "--completeness",
        action="store_true",
        help="list every record's completeness and missing fields",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    report = check_catalogue(args.catalogue)
    if args.files:
        wanted = {os.path.abspath(f) for f in args.files}
        _refuse_files_outside(args.catalogue, wanted)
        report.problems = [p for p in report.problems if os.path.abspath(p.path) in wanted]
        report.scores = [s for s in report.scores if os.path.abspath(s.path) in wanted]
    WRITERS[args.format](report, sys.stdout, args.completeness)
    failing = report.count(Severity.ERROR) + (report.count(Severity.WARNING) if args.strict else 0)
    return 1 if failing else 0


def _refuse_files_outside(catalogue: Path, wanted: set[str]) -> None:
    """A file check does not read would pass silently: name it instead."""
    known = {os.path.abspath(p) for p in record_paths(catalogue)}
    known |= {os.path.abspath(catalogue / name) for name in data_files.NAMES}
    outside = sorted(wanted - known)
    if outside:
        raise UsageError(
            f"{os.path.relpath(outside[0])} is not a record or data file of {catalogue} (records are "
            f"{catalogue / 'studies'}/<id>.yaml); give --catalogue for another catalogue"
        )


def summary(report: Report) -> str:
    errors, warnings, notes = (report.count(s) for s in Severity)
    text = f"checked {len(report.records)} records: {errors} errors, {warnings} warnings, {notes} notes"
    if report.scores:
        lowest = min(report.scores, key=lambda s: (s.percent, s.record_id))
        text += f"; completeness {report.average:.0f}% on average (lowest {lowest.percent}%: {lowest.record_id})"
        text += (
            f"; {report.fields_missing} fields missing, {report.fields_awaiting} awaiting PubMed"
        )
    return text


def write_text(report: Report, out: TextIO, completeness: bool) -> None:
    for p in report.problems:
        out.write(p.line_text() + "\n")
    if completeness:
        _write_completeness(report.scores, out)
    out.write(summary(report) + "\n")


def write_github(report: Report, out: TextIO, completeness: bool) -> None:
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
    for p in report.problems:
        message = _escape_data(f"{p.message}" + (f" ({p.hint})" if p.hint else ""))
        props = f"file={_escape_property(p.path)},line={p.line},col={p.column},title={_escape_property(p.code)}"
        out.write(f"::{level[p.severity]} {props}::{message}\n")
    if completeness:
        _write_completeness(report.scores, out)
    out.write(summary(report) + "\n")


def write_json(report: Report, out: TextIO, completeness: bool) -> None:
    errors, warnings, notes = (report.count(s) for s in Severity)
    document = {
        "summary": {
            "records": len(report.records),
            "errors": errors,
            "warnings": warnings,
            "notes": notes,
            "completeness_average": round(report.average, 1),
            "fields_missing": report.fields_missing,
            "fields_awaiting_pubmed": report.fields_awaiting,
        },
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "severity": p.severity.value,
                "code": p.code,
                "message": p.message,
                "hint": p.hint,
            }
            for p in report.problems
        ],
        "completeness": [
            {
                "id": s.record_id,
                "path": s.path,
                "percent": s.percent,
                "missing": list(s.missing),
                "awaiting_pubmed": list(s.awaiting),
            }
            for s in report.scores
        ],
    }
    json.dump(document, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _write_completeness(scores: Iterable[Score], out: TextIO) -> None:
    for s in sorted(scores, key=lambda s: (s.percent, s.record_id)):
        missing = ", ".join(s.missing) or "-"
        awaiting = f"; awaiting PubMed: {', '.join(s.awaiting)}" if s.awaiting else ""
        out.write(f"{s.percent:4d}%  {s.record_id}  missing: {missing}{awaiting}\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


WRITERS = {"text": write_text, "github": write_github, "json": write_json}
