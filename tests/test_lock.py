"""Two builds or two enrich runs on the same folder never overlap: the second refuses with the
holder's pid, or with --wait waits; a lock file left by a killed run blocks nothing.

The holder is a real second process (tests/lock_holder.py) taking the same lock as the command;
the contender is the real command line, run as a process of its own.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

from scripts.load.lock import build_lock, enrich_lock, locked
from scripts.model.errors import CatalogueError, LockedError
from tests.fake_eutils import FakeEutils, fake_articles

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no fcntl, so no lock")

FIXTURE = REPO / "tests" / "fixtures" / "site_catalogue"
TIMEOUT = 120  # generous: the machine may be busy


class Holder:
    """tests/lock_holder.py holding a lock until released (or killed)."""

    def __init__(self, kind: str, folder: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.lock_holder", kind, str(folder)],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline() == "held\n"

    @property
    def pid(self) -> int:
        return self.process.pid

    def release(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        assert self.process.wait(timeout=TIMEOUT) == 0

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=TIMEOUT)


@pytest.fixture
def holders() -> Iterator[list[Holder]]:
    started: list[Holder] = []
    yield started
    for holder in started:
        if holder.process.poll() is None:
            holder.kill()


@pytest.fixture
def server() -> Iterator[FakeEutils]:
    with FakeEutils() as fake:
        yield fake


def command(*argv: str, server: FakeEutils | None = None, **popen) -> subprocess.Popen:
    env = {**os.environ, "NCBI_EMAIL": "maintainer@example.org"}
    env["NCBI_EUTILS_URL"] = server.url if server else "http://127.0.0.1:9/"  # discard: refused
    return subprocess.Popen(
        [sys.executable, "-m", "scripts", *argv], cwd=REPO, env=env, text=True, **popen
    )


def run(*argv: str, server: FakeEutils | None = None) -> subprocess.CompletedProcess:
    process = command(*argv, server=server, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate(timeout=TIMEOUT)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """The site fixture, its PubMed cache lacking PMIDs the records name: enrich has work."""
    copy = tmp_path / "catalogue"
    shutil.copytree(FIXTURE, copy)
    (copy / "pubmed" / "90000004.json").unlink()
    return copy


def contender(kind: str, catalogue: Path, out: Path) -> list[str]:
    if kind == "build":
        return ["build", "--catalogue", str(catalogue), "--out", str(out)]
    return ["enrich", "--catalogue", str(catalogue)]


def lock_file(kind: str, catalogue: Path, out: Path) -> Path:
    return build_lock(out) if kind == "build" else enrich_lock(catalogue)


def locked_folder(kind: str, catalogue: Path, out: Path) -> Path:
    return out if kind == "build" else catalogue


def serve_the_missing_articles(server: FakeEutils) -> None:
    server.articles.update(fake_articles(20, start=90000000))  # the fixture has 9000000x PMIDs


# --- two processes -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["build", "enrich"])
def test_the_second_run_refuses_naming_the_holder_and_touches_nothing(
    kind, catalogue, tmp_path, holders, server
):
    out = tmp_path / "output"
    if kind == "build":
        assert run("build", "--catalogue", str(catalogue), "--out", str(out)).returncode == 0
    serve_the_missing_articles(server)
    holders.append(Holder(kind, locked_folder(kind, catalogue, out)))
    before = snapshot(tmp_path)
    result = run(*contender(kind, catalogue, out), server=server)
    assert result.returncode == 1, result.stderr
    doing = "building" if kind == "build" else "enriching"
    assert f"error: another process (pid {holders[0].pid}) is {doing} " in result.stderr
    assert f"(lock file {lock_file(kind, catalogue, out).as_posix()})" in result.stderr
    assert "run again with --wait to wait for it" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before  # site, records and cache as they were
    assert server.requests == []
    holders[0].release()
    assert not lock_file(kind, catalogue, out).exists()


@pytest.mark.parametrize("kind", ["build", "enrich"])
def test_wait_waits_for_the_holder_then_runs(kind, catalogue, tmp_path, holders, server):
    out = tmp_path / "output"
    serve_the_missing_articles(server)
    holders.append(Holder(kind, locked_folder(kind, catalogue, out)))
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as stream:
        waiting = command(*contender(kind, catalogue, out), "--wait", server=server, stderr=stream)
    try:
        deadline = time.monotonic() + TIMEOUT
        while f"waiting: another process (pid {holders[0].pid})" not in errors.read_text():
            assert waiting.poll() is None, errors.read_text()
            assert time.monotonic() < deadline, "no waiting message"
            time.sleep(0.05)
        time.sleep(0.3)
        assert waiting.poll() is None  # still waiting, having done nothing
        assert not out.exists() and server.requests == []
        holders[0].release()
        assert waiting.wait(timeout=TIMEOUT) == 0, errors.read_text()
    finally:
        if waiting.poll() is None:
            waiting.kill()
    if kind == "build":
        assert (out / "index.html").is_file()
    else:
        assert (catalogue / "pubmed" / "90000004.json").is_file()
    assert not lock_file(kind, catalogue, out).exists()


@pytest.mark.parametrize("kind", ["build", "enrich"])
def test_a_lock_file_left_by_a_killed_run_blocks_nothing(
    kind, catalogue, tmp_path, holders, server
):
    out = tmp_path / "output"
    serve_the_missing_articles(server)
    holder = Holder(kind, locked_folder(kind, catalogue, out))
    holders.append(holder)
    holder.kill()  # no chance to clean up: the file stays, the kernel dropped the lock
    left = lock_file(kind, catalogue, out)
    assert left.read_text() == f"{holder.pid}\n"
    result = run(*contender(kind, catalogue, out), server=server)
    assert result.returncode == 0, result.stderr
    assert not left.exists()


# --- the lock itself, in one process (flock locks conflict between open files too) ---------------


def test_the_lock_file_names_its_holder_and_goes_when_released(tmp_path):
    path = tmp_path / ".lock"
    with locked(path, "testing"):
        assert path.read_text() == f"{os.getpid()}\n"
        with pytest.raises(LockedError) as refused, locked(path, "testing"):
            pass
    assert not path.exists()
    assert str(refused.value) == (
        f"another process (pid {os.getpid()}) is testing (lock file {path.as_posix()}): "
        "wait for it to finish, or run again with --wait to wait for it"
    )
    assert refused.value.exit_code == 1  # busy is not bad usage


def test_the_lock_is_released_when_the_block_fails(tmp_path):
    path = tmp_path / ".lock"
    with pytest.raises(RuntimeError), locked(path, "testing"):
        raise RuntimeError("boom")
    assert not path.exists()
    with locked(path, "testing"):
        pass


def test_a_waiter_locks_the_new_file_when_the_old_one_is_removed(tmp_path):
    """The holder removes its file on release; a waiter that locked that removed file must
    start again on the path's new file, or two runs could both believe they hold the lock."""
    path = tmp_path / ".lock"
    said: list[str] = []
    acquired, release = threading.Event(), threading.Event()

    def waiter() -> None:
        with locked(path, "testing", wait=True, say=said.append):
            acquired.set()
            release.wait(TIMEOUT)

    with locked(path, "testing"):
        thread = threading.Thread(target=waiter)
        thread.start()
        deadline = time.monotonic() + TIMEOUT
        while not said and time.monotonic() < deadline:
            time.sleep(0.01)
        assert said == [
            f"waiting: another process (pid {os.getpid()}) is testing (lock file {path.as_posix()})"
        ]
        assert not acquired.is_set()
    assert acquired.wait(TIMEOUT)
    assert path.exists()  # the waiter's own file, and it is locked:
    with pytest.raises(LockedError), locked(path, "testing"):
        pass
    release.set()
    thread.join(TIMEOUT)
    assert not path.exists()


def test_an_uncreatable_lock_file_is_an_error_not_a_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with (
        pytest.raises(CatalogueError, match="cannot create the lock file") as failed,
        locked(blocker / ".lock", "testing"),
    ):
        pass
    assert not isinstance(failed.value, LockedError)
