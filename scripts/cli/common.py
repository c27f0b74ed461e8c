"""What the commands share: the --catalogue option and the check that it is a catalogue."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..rules.run import require_catalogue

__all__ = ["add_catalogue_option", "require_catalogue"]


def add_catalogue_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--catalogue",
        type=Path,
        default=Path("catalogue"),
        metavar="DIR",
        help="catalogue folder (default catalogue/)",
    )
