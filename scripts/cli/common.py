"""What every command shares: the --catalogue option and the exit codes."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..rules.run import require_catalogue

OK, PROBLEMS, USAGE = 0, 1, 2
"""Exit codes: clean, problems found, bad usage."""

__all__ = ["OK", "PROBLEMS", "USAGE", "add_catalogue_option", "require_catalogue"]


def add_catalogue_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--catalogue",
        type=Path,
        default=Path("catalogue"),
        metavar="DIR",
        help="catalogue folder (default catalogue/)",
    )
