"""The other process in test_lock.py: holds a build or enrich lock until its input closes.

    python -m tests.lock_holder build OUT          # holds OUT.lock, as `build --out OUT` would
    python -m tests.lock_holder enrich CATALOGUE   # holds CATALOGUE/.lock, as `enrich` would

Prints "held" once it holds the lock, then waits for standard input to close.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.load.lock import build_lock, enrich_lock, locked


def main(kind: str, folder: str) -> int:
    path = build_lock(Path(folder)) if kind == "build" else enrich_lock(Path(folder))
    with locked(path, f"holding {folder} for a test"):
        print("held", flush=True)
        sys.stdin.read()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
