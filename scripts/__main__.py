"""The command line: one subcommand per pipeline stage, nothing else.

Exit codes: 0 clean, 1 problems found (or another build or enrich holds the folder), 2 bad
usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from .model.errors import CatalogueError

COMMAND_MODULES = (
    "check",
    "format_cmd",
    "build",
    "enrich",
    "scaffold",
    "candidates",
    "coverage",
    "docs",
)
"""Each module in cli/ exposes `register(subparsers)` (adds its parser and sets `func=run`)
and `run(args) -> int`."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep that, quietly
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m scripts", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMAND_MODULES:
        import_module(f".cli.{name}", __package__).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CatalogueError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
