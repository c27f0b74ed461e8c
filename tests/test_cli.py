"""The command line: one entry point, conventional exit codes, no tracebacks for bad usage."""

import subprocess
import sys

import pytest
from conftest import REPO

from scripts.__main__ import main


def test_no_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "required: COMMAND" in capsys.readouterr().err


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["publish-everything"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize("command", ["check", "format", "build", "enrich", "coverage"])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "--catalogue" in capsys.readouterr().out


def test_runs_as_a_module_from_the_repo_root():
    result = subprocess.run(
        [sys.executable, "-m", "scripts", "check", "--catalogue", "no/such/dir"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert (
        result.stderr
        == "error: no/such/dir has no studies/ folder: give the catalogue folder with --catalogue\n"
    )
