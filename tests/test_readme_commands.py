"""The README's two commands work from a clean clone.

`make site` runs for real in a fresh clone of the committed tree (sharing this environment's
installed packages, so the test needs no network); `make test` is what runs this very suite,
so here it is only resolved (`make -n`). CI runs both for real from nothing.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.skipif(
    not (shutil.which("git") and shutil.which("make") and (REPO / ".git").exists()),
    reason="needs git, make and a git checkout",
)


def test_readme_names_both_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("clone") / "catalogue-site"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(target)], check=True)
    venv = target / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    (site_packages,) = venv.glob("lib/python*/site-packages")
    ours = [p for p in sys.path if p.endswith("site-packages")]
    (site_packages / "shared-with-tests.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    ruff = Path(sys.executable).parent / "ruff"
    if ruff.exists():
        (venv / "bin" / "ruff").symlink_to(ruff)
    for stamp in (".site-requirements-installed", ".test-requirements-installed"):
        (venv / stamp).touch()  # this environment already has both lock files installed
    return target


def test_make_site_builds_from_a_clean_clone(clone):
    env = {**os.environ, "MAKEFLAGS": ""}
    result = subprocess.run(
        ["make", "site"], cwd=clone, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout
    index = clone / "output" / "index.html"
    assert index.exists()
    studies = list((clone / "catalogue" / "studies").glob("*.yaml"))
    assert len(list((clone / "output" / "studies").glob("*.html"))) == len(studies)


def test_make_test_resolves(clone):
    result = subprocess.run(
        ["make", "-n", "test"], cwd=clone, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "pytest" in result.stdout and "ruff check" in result.stdout


def test_make_site_installs_only_the_site_lock(clone):
    result = subprocess.run(
        ["make", "-n", "-B", "site"], cwd=clone, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "--require-hashes -r requirements.txt" in result.stdout
    assert "requirements-test" not in result.stdout


def test_make_test_adds_the_test_lock(clone):
    result = subprocess.run(
        ["make", "-n", "-B", "test"], cwd=clone, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "--require-hashes -r requirements-test.txt" in result.stdout
