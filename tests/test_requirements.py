"""The lock files: every dependency pinned with hashes, the site's lock free of test tools."""

import re

from conftest import REPO

PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)", re.MULTILINE)
TEST_TOOLS = {"pytest", "hypothesis", "ruff", "pre-commit", "playwright", "axe-playwright-python"}


def pins(name: str) -> dict[str, str]:
    text = (REPO / name).read_text(encoding="utf-8")
    return {package.lower(): version for package, version in PIN.findall(text)}


def entries(name: str) -> list[str]:
    """Each pinned entry of a lock file: its line and the continuation lines after it."""
    text = (REPO / name).read_text(encoding="utf-8")
    return [block for block in re.split(r"\n(?=[A-Za-z0-9])", text) if PIN.match(block)]


def test_every_locked_package_has_a_hash():
    for lock in ("requirements.txt", "requirements-test.txt"):
        for entry in entries(lock):
            assert "--hash=sha256:" in entry, f"{lock}: {entry.splitlines()[0]} has no hash"


def test_the_locks_hold_what_the_inputs_ask_for():
    for source, lock in (
        ("requirements.in", "requirements.txt"),
        ("requirements-test.in", "requirements-test.txt"),
    ):
        locked = pins(lock)
        for package, version in pins(source).items():
            assert locked.get(package) == version, f"{lock}: {package} is not {version}"


def test_the_test_lock_keeps_the_site_lock_versions():
    test_lock = pins("requirements-test.txt")
    for package, version in pins("requirements.txt").items():
        assert test_lock.get(package) == version, f"{package} differs between the two locks"


def test_the_site_lock_has_no_test_tools():
    assert not TEST_TOOLS & set(pins("requirements.txt"))
    assert set(pins("requirements-test.txt")) >= TEST_TOOLS


def test_locks_name_no_index_or_machine_path():
    for lock in ("requirements.txt", "requirements-test.txt"):
        text = (REPO / lock).read_text(encoding="utf-8")
        assert not re.search(r"--(extra-)?index-url|--find-links|file://|https?://", text), lock
