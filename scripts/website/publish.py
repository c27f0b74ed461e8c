"""Write the site into a fresh folder beside the output folder, then swap it in.

A failed build never touches the published folder; a finished one replaces it with two renames,
so a reader (or a web server) sees the old site or the new one, not a half-written mix. Since the
whole folder is replaced, a folder this command did not build (no marker file in it: say
`--out catalogue` or `--out .` by mistake) is refused, never replaced.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from . import BuildError

MARKER = ".catalogue-site"
MARKER_TEXT = (
    "Built by `python -m scripts build`, which replaces this whole folder on every build.\n"
)


def publish(files: dict[str, str | bytes], out: Path) -> None:
    out = out.resolve()
    _refuse_what_we_did_not_build(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
    except OSError as exc:
        raise BuildError(f"cannot create the site beside {out}: {exc.strerror or exc}") from None
    try:
        for relative, content in sorted({**files, MARKER: MARKER_TEXT}.items()):
            _write(staging / relative, content)
        os.chmod(staging, 0o755)  # mkdtemp makes 0700; a web server must read the site
        _swap(staging, out)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise BuildError(f"cannot write the site into {out}: {exc.strerror or exc}") from None
        raise


def _refuse_what_we_did_not_build(out: Path) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise BuildError(f"{out} is a file, not a site folder; give --out a folder")
    if not (out / MARKER).is_file() and any(out.iterdir()):
        raise BuildError(
            f"{out} holds files that this command did not build (it has no {MARKER}), and a "
            "build replaces the whole folder: give --out a new or empty folder, or remove "
            "this one yourself if it is an old copy of the site"
        )


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
