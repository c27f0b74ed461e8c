"""Record change history from one `git log`, in a temporary git repository."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from scripts.load import history
from scripts.load.history import Change, record_history

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Tester",
    "GIT_AUTHOR_EMAIL": "tester@example.org",
    "GIT_COMMITTER_NAME": "Tester",
    "GIT_COMMITTER_EMAIL": "tester@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


class Repo:
    """A scratch repository whose commits carry fixed dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, date: str = "2026-01-01") -> str:
        env = {**os.environ, **GIT_ENV}
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
        result = subprocess.run(
            ["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True
        )
        return result.stdout

    def commit(self, files: dict[str, str | None], subject: str, date: str) -> str:
        """Write (or, for None, delete) files and commit them; the short sha."""
        for name, text in files.items():
            path = self.root / name
            if text is None:
                self.git("rm", "-q", name)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self.git("add", name)
        self.git("commit", "-q", "-m", subject, date=date)
        return self.git("rev-parse", "--short", "HEAD").strip()

    def move(self, old: str, new: str, subject: str, date: str) -> str:
        self.git("mv", old, new)
        self.git("commit", "-q", "-m", subject, date=date)
        return self.git("rev-parse", "--short", "HEAD").strip()


RECORD = "id: x\ncitation:\n  title: A study of kratom and opioid withdrawal\n  year: 2020\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    return Repo(tmp_path)


def test_each_record_gets_its_commits_newest_first(repo: Repo) -> None:
    first = repo.commit(
        {"catalogue/studies/a.yaml": RECORD, "catalogue/studies/b.yaml": RECORD},
        "Add a and b",
        "2026-01-02",
    )
    second = repo.commit(
        {"catalogue/studies/a.yaml": RECORD + "design: animal\n"}, "Fix a's design", "2026-02-03"
    )
    repo.commit({"README.md": "readme\n"}, "Docs only", "2026-02-04")
    a, b = Path("catalogue/studies/a.yaml"), Path("catalogue/studies/b.yaml")

    found = record_history(repo.root, [a, b])

    assert found == {
        a: [
            Change("2026-02-03", second, "Fix a's design"),
            Change("2026-01-02", first, "Add a and b"),
        ],
        b: [Change("2026-01-02", first, "Add a and b")],
    }


def test_renames_are_followed(repo: Repo) -> None:
    added = repo.commit({"catalogue/studies/old-name.yaml": RECORD}, "Add record", "2026-01-02")
    moved = repo.move(
        "catalogue/studies/old-name.yaml",
        "catalogue/studies/new-name.yaml",
        "Rename record",
        "2026-01-05",
    )
    edited = repo.commit(
        {"catalogue/studies/new-name.yaml": RECORD + "design: animal\n"}, "Edit", "2026-01-09"
    )

    found = record_history(repo.root, [Path("catalogue/studies/new-name.yaml")])

    assert [c.sha for c in found[Path("catalogue/studies/new-name.yaml")]] == [
        edited,
        moved,
        added,
    ]


def test_a_single_git_call_serves_every_record(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    names = [f"catalogue/studies/r{i}.yaml" for i in range(30)]
    repo.commit(dict.fromkeys(names, RECORD), "Add thirty records", "2026-03-01")
    calls = []
    real_run = history.subprocess.run

    def counting_run(*args, **kwargs):
        calls.append(args[0])
        return real_run(*args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting_run)
    found = record_history(repo.root, [Path(n) for n in names])

    assert len(calls) == 1
    assert all(len(changes) == 1 for changes in found.values())


def test_absolute_paths_and_unknown_files(repo: Repo) -> None:
    sha = repo.commit({"catalogue/studies/a.yaml": RECORD}, "Add a", "2026-01-02")
    known = repo.root / "catalogue/studies/a.yaml"
    untracked = repo.root / "catalogue/studies/not-committed.yaml"
    untracked.write_text(RECORD, encoding="utf-8")
    outside = repo.root.parent / "elsewhere.yaml"

    found = record_history(repo.root, [known, untracked, outside])

    assert found == {known: [Change("2026-01-02", sha, "Add a")], untracked: [], outside: []}


def test_the_result_is_deterministic(repo: Repo) -> None:
    for day in range(1, 6):
        repo.commit(
            {f"catalogue/studies/r{day % 2}.yaml": RECORD + f"n: {day}\n"},
            f"Change {day}",
            "2026-04-01",  # equal dates: order must still be stable
        )
    paths = [Path("catalogue/studies/r0.yaml"), Path("catalogue/studies/r1.yaml")]
    assert record_history(repo.root, paths) == record_history(repo.root, paths)
    assert [c.subject for c in record_history(repo.root, paths)[paths[1]]] == [
        "Change 5",
        "Change 3",
        "Change 1",
    ]


def test_subjects_keep_unicode_and_punctuation(repo: Repo) -> None:
    subject = "Corrige l'étude: « prolactine » | 7-OH"
    repo.commit({"catalogue/studies/ä.yaml": RECORD}, subject, "2026-01-02")
    found = record_history(repo.root, [Path("catalogue/studies/ä.yaml")])
    assert found[Path("catalogue/studies/ä.yaml")][0].subject == subject


def test_not_a_checkout_gives_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    (tmp_path / "a.yaml").write_text(RECORD, encoding="utf-8")
    assert record_history(tmp_path, [Path("a.yaml")]) == {}


def test_a_repository_without_commits_gives_nothing(repo: Repo) -> None:
    assert record_history(repo.root, [Path("catalogue/studies/a.yaml")]) == {}


def test_git_missing_gives_nothing(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.commit({"catalogue/studies/a.yaml": RECORD}, "Add a", "2026-01-02")
    monkeypatch.setenv("PATH", str(repo.root / "no-such-bin"))
    assert record_history(repo.root, [Path("catalogue/studies/a.yaml")]) == {}


def test_no_paths_no_call(repo: Repo) -> None:
    assert record_history(repo.root, []) == {}
