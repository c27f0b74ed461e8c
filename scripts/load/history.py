"""The change history of each record, read from git, for the site's "changes to this record".

Why one `git log` for all records: the catalogue has 100+ records, and a process per file would
cost seconds on every build. The log is limited to the folders holding the records and read
newest first; a rename seen on the way (`R100 old new`) makes the older name count as the same
record from there on, which is how renames are followed without `--follow` (one file only).
Outside a git checkout, or without git, there is no history: {} and the site shows none.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

_RECORD = "\x1e"  # starts each commit in the log output
_FIELD = "\x1f"  # separates a commit's fields
_FORMAT = f"{_RECORD}%h{_FIELD}%cd{_FIELD}%s"


@dataclass(frozen=True)
class Change:
    """One commit that changed a record."""

    date: str  # committer date, YYYY-MM-DD
    sha: str  # abbreviated commit id
    subject: str  # first line of the commit message


def record_history(repo_root: Path, paths: list[Path]) -> dict[Path, list[Change]]:
    """Commits that changed each path, newest first, keyed by the paths as given.

    Relative paths are taken relative to `repo_root`. Every path gets a list (empty for a file
    git does not know yet, or one outside `repo_root`); the result is {} when `repo_root` is
    not in a git checkout or git is not installed. The same repository state always gives the
    same result.
    """
    if not paths:
        return {}
    root = Path(os.path.abspath(repo_root))
    tracked: dict[str, list[Path]] = {}  # a name in git -> the given paths it is
    for path in paths:
        tracked.setdefault(_relative(root, path), []).append(path)
    inside = [name for name in tracked if name != ".." and not name.startswith("../")]
    folders = sorted({name.rpartition("/")[0] or "." for name in inside}) or ["."]
    output = _git_log(root, folders)
    if output is None:
        return {}
    history: dict[Path, list[Change]] = {path: [] for path in paths}
    for change, files in _commits(output):
        for status, old, new in files:
            for path in tracked.get(new, []):
                history[path].append(change)
            if status.startswith("R") and new in tracked:
                tracked[old] = tracked.pop(new)
    return history


def _relative(root: Path, path: Path) -> str:
    """The path relative to the root in git's spelling (forward slashes, `..` for outside)."""
    absolute = os.path.abspath(path if path.is_absolute() else root / path)
    return Path(os.path.relpath(absolute, root)).as_posix()


def _git_log(root: Path, folders: list[str]) -> str | None:
    command = [
        "git",
        "-c",
        "core.quotepath=off",
        "-c",
        "log.showSignature=false",
        "-C",
        str(root),
        "log",
        "-z",
        "--no-color",
        "--no-merges",
        "--relative",
        "-M",
        "--name-status",
        "--date=short",
        f"--format={_FORMAT}",
        "--",
        *folders,
    ]
    try:
        result = subprocess.run(command, capture_output=True, check=False)
    except OSError:  # git not installed
        return None
    if result.returncode != 0:  # not a checkout, or a repository without commits
        return None
    return result.stdout.decode("utf-8", errors="replace")


def _commits(output: str) -> list[tuple[Change, list[tuple[str, str, str]]]]:
    """(commit, [(status, old name, new name)]) from `git log -z --name-status` output."""
    commits = []
    for chunk in output.split(_RECORD):
        if not chunk:
            continue
        header, _, body = chunk.partition("\0")
        sha, date, subject = header.split(_FIELD, 2)
        tokens = body.lstrip("\n").split("\0")
        files = []
        index = 0
        while index < len(tokens) and tokens[index]:
            status = tokens[index]
            if status[:1] in ("R", "C") and index + 2 < len(tokens):
                files.append((status, tokens[index + 1], tokens[index + 2]))
                index += 3
            elif index + 1 < len(tokens):
                files.append((status, tokens[index + 1], tokens[index + 1]))
                index += 2
            else:
                break
        commits.append((Change(date, sha, subject), files))
    return commits
