"""Write the site into a fresh folder beside the output folder, then swap it in.

A failed build never touches the published folder; a finished one replaces it with two renames,
so a reader (or a web server) sees the old site or the new one, not a half-written mix.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def publish(files: dict[str, str | bytes], out: Path) -> None:
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
    try:
        for relative, content in sorted(files.items()):
            _write(staging / relative, content)
        os.chmod(staging, 0o755)  # mkdtemp makes 0700; a web server must read the site
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.write_bytes(data)


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        staging.rename(out)
        return
    retired = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-"))
    old = retired / out.name
    out.rename(old)
    try:
        staging.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(retired, ignore_errors=True)
