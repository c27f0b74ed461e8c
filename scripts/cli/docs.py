"""`docs`: rewrite the generated sections of README.md and CONTRIBUTING.md.

Why: the field guide (from the schema, vocabularies and claims) and the table of check codes
(from the rule registry) are generated, so they cannot drift from what the code does. With
`--check` nothing is written and the exit code says whether a section is out of date (CI).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..model.errors import UsageError
from . import code_table, field_guide
from .common import add_catalogue_option, require_catalogue
from .markdown import replace_section

REPO = Path(__file__).resolve().parents[2]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "docs",
        help="rewrite the generated sections of README.md and CONTRIBUTING.md",
        description=__doc__,
    )
    add_catalogue_option(parser)
    parser.add_argument(
        "--root",
        type=Path,
        default=REPO,
        metavar="DIR",
        help="folder holding README.md and CONTRIBUTING.md (default the project)",
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    parser.set_defaults(func=run)


def sections(catalogue: Path) -> list[tuple[str, str, Callable[[], str]]]:
    """(file, marker, renderer) of every generated section."""
    return [
        ("README.md", code_table.MARKER, code_table.render),
        ("CONTRIBUTING.md", field_guide.MARKER, lambda: field_guide.render(catalogue)),
    ]


def run(args: argparse.Namespace) -> int:
    require_catalogue(args.catalogue)
    stale = []
    for name, marker, render in sections(args.catalogue):
        path = args.root / name
        try:
            document = path.read_text(encoding="utf-8")
            updated = replace_section(document, marker, render())
        except (OSError, ValueError) as exc:
            raise UsageError(f"{path}: {exc}") from exc
        if updated == document:
            print(f"{name}: {marker} is up to date")
        elif args.check:
            print(f"{name}: {marker} is out of date; run python -m scripts docs")
            stale.append(name)
        else:
            path.write_text(updated, encoding="utf-8")
            print(f"{name}: {marker} rewritten")
    return 1 if stale else 0
