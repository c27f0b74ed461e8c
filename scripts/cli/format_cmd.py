"""`format`: rewrite records into their canonical form without changing their content.

Refuses a file whose rewrite would drop comments (the canonical form has none) or that has
problems loading: format never loses curated data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..load import atomic, canonical
from ..load.records import load_record, record_paths
from ..model.errors import FormatRefused
from .common import add_catalogue_option, require_catalogue


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "format", help="rewrite records in canonical form", description=__doc__
    )
    add_catalogue_option(parser)
    parser.add_argument(
        "files", nargs="*", type=Path, help="record files (default: every record in the catalogue)"
    )
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if any file would change"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    paths = args.files or record_paths(require_catalogue(args.catalogue))
    changed = refused = 0
    for path in paths:
        try:
            if format_file(path, write=not args.check):
                changed += 1
                print(f"{'would reformat' if args.check else 'reformatted'} {path}")
        except FormatRefused as exc:
            refused += 1
            print(f"{path}: refused: {exc}", file=sys.stderr)
    verb = "would be reformatted" if args.check else "reformatted"
    print(f"{len(paths)} files: {changed} {verb}, {refused} refused", file=sys.stderr)
    return 1 if refused or (args.check and changed) else 0


def format_file(path: Path, write: bool = True) -> bool:
    """Whether the file is (or, without `write`, would be) rewritten into the canonical form;
    FormatRefused when a rewrite would lose something or the file does not load."""
    record, problems = load_record(path)
    if record is None or problems:
        first = problems[0]
        raise FormatRefused(
            f"line {first.line}: {first.message} "
            "(fix it first; `python -m scripts check` lists all problems)"
        )
    text = canonical.dump(record.data)
    if text == record.text:
        return False
    if text.count("#") < record.text.count("#"):
        raise FormatRefused(
            "the file has comments, which the canonical form cannot keep "
            "(move them into curation.notes)"
        )
    if write:
        atomic.write_text(path, text)
    return True
