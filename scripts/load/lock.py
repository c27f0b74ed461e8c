"""One `build` or `enrich` at a time per folder: an exclusive advisory lock on a lock file.

`enrich` locks `<catalogue>/.lock` (it writes the PubMed cache inside the catalogue); `build`
locks `<out>.lock` beside its output folder (it replaces that folder whole, so the lock cannot
live inside). A second run on the same folder refuses with a `LockedError` naming the holder's
pid, or with `wait=True` waits for it. Other commands only read, and every write is atomic
(load/atomic.py), so they need no lock.

The lock is `fcntl.flock` on the open lock file: the kernel releases it when its process ends,
however it ends, so a file left behind by a killed run blocks nothing. The holder writes its pid
into the file (for the message only) and removes the file when done; since a waiter may have
opened the file just before it went, whoever gets the lock checks that the file it locked is
still the one at that path, and starts again if not. Where fcntl does not exist (Windows), no
lock is taken.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..model.errors import CatalogueError, LockedError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".lock"


def enrich_lock(catalogue: Path) -> Path:
    """The lock file of `enrich` on a catalogue."""
    return catalogue / LOCK_NAME


def build_lock(out: Path) -> Path:
    """The lock file of `build` into a site folder: beside it, as <out>.lock."""
    out = out.resolve()
    return out.parent / f"{out.name}{LOCK_NAME}"


@contextmanager
def locked(
    path: Path,
    doing: str,
    wait: bool = False,
    say: Callable[[str], None] = lambda message: print(message, file=sys.stderr, flush=True),
) -> Iterator[None]:
    """Hold the lock at `path` for the block.

    `doing` completes "another process is ..." in the messages, as in "building output". Without `wait`, a lock held by another process raises LockedError at once; with it, `say`
    tells that we are waiting, and the block runs once the other process is done.
    """
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    fd = _acquire(path, doing, wait, say)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        try:
            path.unlink(missing_ok=True)  # still ours: nobody else can hold it meanwhile
        finally:
            os.close(fd)  # releases the lock


def _acquire(path: Path, doing: str, wait: bool, say: Callable[[str], None]) -> int:
    said = False
    while True:
        fd = _open(path)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                busy = f"another process ({_holder(fd)}) is {doing} (lock file {_shown(path)})"
                if not wait:
                    raise LockedError(
                        f"{busy}: wait for it to finish, or run again with --wait to wait for it"
                    ) from None
                if not said:
                    say(f"waiting: {busy}")
                    said = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_file(fd, path):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder removed that file as we waited: lock the path's new one


def _open(path: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise CatalogueError(
            f"cannot create the lock file {_shown(path)}: {exc.strerror}"
        ) from None


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        text = ""
    return f"pid {text}" if text.isdigit() else "pid not known yet"


def _same_file(fd: int, path: Path) -> bool:
    try:
        status = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            return False
        raise
    opened = os.fstat(fd)
    return (status.st_dev, status.st_ino) == (opened.st_dev, opened.st_ino)


def _shown(path: Path) -> str:
    """The path relative to the working directory where it is inside it, as messages give it."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()
