""".github/ and .pre-commit-config.yaml: what can be checked without GitHub.

Every file parses; every action is pinned to a commit; every job says its permissions; every
`python -m scripts ...` and `make ...` a workflow or hook runs exists with those options; the
shell of each step is valid bash; the standing-issue script works against a stand-in `gh`.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.__main__ import build_parser, main
from scripts.cli import issue_form

REPO = Path(__file__).resolve().parents[1]
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
SHELL_STOP = re.compile(r"[`\\\"']|\s(?:\d?>>?|\||&&|\|\||;)")  # quotes end a mention in text
EXPRESSION = re.compile(r"\$\{\{.*?\}\}")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """The `on:` mapping (YAML 1.1 reads the bare key `on` as True)."""
    return workflow.get("on", workflow.get(True)) or {}


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def run_blocks(workflow: dict) -> list[str]:
    return [step["run"] for step in steps(workflow) if "run" in step]


def script_commands(text: str) -> list[list[str]]:
    """The arguments after each `python -m scripts` in shell text, up to a pipe, redirect or
    closing quote (commands are also named inside echoed text)."""
    joined = text.replace("\\\n", " ")
    found = []
    for line in joined.splitlines():
        for match in re.finditer(r"python -m scripts\s+(.*)", line):
            args = SHELL_STOP.split(match.group(1))[0]
            found.append(shlex.split(args))
    return found


def make_targets(text: str) -> list[str]:
    return re.findall(r"(?:^|[\s;&|])make\s+([\w.-]+)", text)


def workflow_named(name: str) -> dict:
    return load(GITHUB / "workflows" / name)


# --- every file ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(GITHUB.rglob("*.yml")), ids=lambda p: p.name)
def test_parses_as_yaml(path):
    assert isinstance(load(path), dict)


def test_the_expected_files_exist():
    names = {p.name for p in WORKFLOWS}
    assert names >= {"check.yml", "pages.yml", "enrich.yml", "candidates.yml", "suggestion.yml"}
    assert {p.name for p in ISSUE_FORMS} == {"suggest-a-study.yml", "report-an-error.yml"}
    assert (GITHUB / "pull_request_template.md").is_file()


# --- workflows -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_stated_for_the_workflow_and_every_job(path):
    workflow = load(path)
    assert workflow.get("permissions") == {}, "default to no permissions at the top"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} has no permissions block"
        assert isinstance(job["permissions"], dict), f"{path.name}: {name}: list scopes"
        assert set(job["permissions"].values()) <= {"read", "write", "none"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    for step in steps(load(path)):
        if "uses" in step:
            assert PINNED.match(step["uses"]), f"{path.name}: {step['uses']} is not pinned"
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if re.match(r"-?\s*uses:", line):
            assert VERSION_COMMENT.search(line), f"{path.name}: no version comment: {line}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_scripts_command_exists_with_its_options(path, capsys):
    for block in run_blocks(load(path)):
        for args in script_commands(block):
            with pytest.raises(SystemExit) as help_exit:
                main([args[0], "--help"])
            assert help_exit.value.code == 0, f"{path.name}: no command {args[0]}"
            build_parser().parse_args(args)  # exits 2 on an unknown option
    capsys.readouterr()


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_make_target_exists(path):
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w.-]+)\s*:(?!=)", makefile, re.MULTILINE))
    for block in run_blocks(load(path)):
        for target in make_targets(block):
            assert target in targets, f"{path.name}: `make {target}` is not in the Makefile"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash not installed")
@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_step_is_valid_bash(path):
    for block in run_blocks(load(path)):
        script = EXPRESSION.sub("expression", block)
        result = subprocess.run(["bash", "-n", "-c", script], capture_output=True, text=True)
        assert result.returncode == 0, f"{path.name}: {result.stderr}\n{block}"


def test_pull_requests_run_the_check_with_annotations_and_the_tests():
    workflow = workflow_named("check.yml")
    assert "pull_request" in triggers(workflow)
    commands = [args for block in run_blocks(workflow) for args in script_commands(block)]
    assert ["check", "--format", "github"] in commands
    assert "test" in [t for block in run_blocks(workflow) for t in make_targets(block)]


def test_main_publishes_the_site_on_pages():
    workflow = workflow_named("pages.yml")
    assert triggers(workflow)["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "site" in [t for step in build["steps"] for t in make_targets(step.get("run", ""))]
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "output/"
    checkout = next(s for s in build["steps"] if "checkout" in s.get("uses", ""))
    assert checkout["with"]["fetch-depth"] == 0, "record histories need the whole git history"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])


def test_weekly_enrich_opens_a_pull_request():
    workflow = workflow_named("enrich.yml")
    (schedule,) = triggers(workflow)["schedule"]
    day, month, weekday = schedule["cron"].split()[2:]
    assert day == "*" and month == "*" and weekday != "*", "weekly"
    commands = [args for block in run_blocks(workflow) for args in script_commands(block)]
    assert ["enrich", "--max-age", "30"] in commands
    create = next(s for s in steps(workflow) if "create-pull-request" in s.get("uses", ""))
    assert create["with"]["add-paths"] == "catalogue/pubmed/"


def test_monthly_candidates_go_to_a_standing_issue():
    workflow = workflow_named("candidates.yml")
    (schedule,) = triggers(workflow)["schedule"]
    day, month, weekday = schedule["cron"].split()[2:]
    assert day != "*" and month == "*" and weekday == "*", "monthly"
    commands = [args for block in run_blocks(workflow) for args in script_commands(block)]
    assert ["candidates", "--format", "markdown"] in commands
    assert workflow["jobs"]["candidates"]["permissions"] == {"contents": "read", "issues": "write"}


def test_a_suggested_study_becomes_a_draft_pull_request_and_an_answer():
    workflow = workflow_named("suggestion.yml")
    assert triggers(workflow)["issues"]["types"] == ["opened", "labeled"]
    (job,) = workflow["jobs"].values()
    assert "'suggested-study'" in job["if"]
    labels = load(GITHUB / "ISSUE_TEMPLATE" / "suggest-a-study.yml")["labels"]
    assert labels == ["suggested-study"], "the form must set the label the workflow waits for"
    commands = [args for block in run_blocks(workflow) for args in script_commands(block)]
    assert ["new", "--github-issue", "$GITHUB_EVENT_PATH"] in commands
    create = next(s for s in steps(workflow) if "create-pull-request" in s.get("uses", ""))
    assert create["with"]["add-paths"] == "catalogue/studies/"
    assert create["with"]["draft"] is True
    assert any("gh issue comment" in block for block in run_blocks(workflow))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_issue_or_pull_request_text_is_pasted_into_a_shell_command(path):
    """Titles and bodies are anyone's text: they reach scripts as files or variables only."""
    for block in run_blocks(load(path)):
        for expression in EXPRESSION.findall(block):
            assert not re.search(r"github\.event\.(issue|pull_request|comment)\.", expression), (
                f"{path.name}: {expression} is pasted into a shell command; pass it through env"
            )


def test_the_suggestion_form_labels_match_what_new_reads():
    form = load(GITHUB / "ISSUE_TEMPLATE" / "suggest-a-study.yml")
    labels = [f["attributes"]["label"] for f in form["body"] if f["type"] != "markdown"]
    assert issue_form.IDENTIFIER_LABEL in labels and issue_form.TITLE_LABEL in labels


@pytest.mark.parametrize("name", ["enrich.yml", "candidates.yml", "suggestion.yml"])
def test_ncbi_settings_come_from_secrets(name):
    workflow = workflow_named(name)
    step = next(s for s in steps(workflow) if any(script_commands(s.get("run", ""))) and "env" in s)
    assert step["env"]["NCBI_EMAIL"] == "${{ secrets.NCBI_EMAIL }}"
    assert step["env"]["NCBI_API_KEY"] == "${{ secrets.NCBI_API_KEY }}"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash not installed")
@pytest.mark.parametrize(("existing", "expected"), [("", "42"), ("7", "7")])
def test_the_standing_issue_script(tmp_path, existing, expected):
    """The posting step against a stand-in `gh` that logs its calls."""
    workflow = workflow_named("candidates.yml")
    step = next(s for s in steps(workflow) if "gh issue comment" in s.get("run", ""))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "gh.log"
    gh = bin_dir / "gh"
    gh.write_text(
        "#!/usr/bin/env bash\n"
        f'echo "$*" >> {shlex.quote(str(log))}\n'
        f'case "$1 $2" in\n'
        f'  "issue list") echo "{existing}" ;;\n'
        '  "issue create") echo "https://github.example/o/r/issues/42" ;;\n'
        "esac\n",
        encoding="utf-8",
    )
    gh.chmod(gh.stat().st_mode | stat.S_IEXEC)
    (tmp_path / "candidates.md").write_text("### Candidate studies\n", encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(tmp_path),
        **workflow["jobs"]["candidates"]["env"],
    }
    script = EXPRESSION.sub("token", step["run"])
    subprocess.run(["bash", "-e", "-c", script], env=env, check=True, cwd=tmp_path)

    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls[0].startswith("issue list --state open")
    created = [c for c in calls if c.startswith("issue create")]
    assert len(created) == (0 if existing else 1)
    assert calls[-1] == f"issue comment {expected} --body-file {tmp_path}/candidates.md"
    if created:
        intro = (tmp_path / "intro.md").read_text(encoding="utf-8")
        assert intro.startswith("Each month the catalogue's PubMed search")


# --- issue forms and the pull request template -----------------------------------------------


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda p: p.name)
def test_issue_forms_are_well_formed(path):
    form = load(path)
    assert form["name"] and form["description"]
    ids = []
    for element in form["body"]:
        assert element["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if element["type"] == "markdown":
            assert element["attributes"]["value"].strip()
            continue
        ids.append(element["id"])
        assert element["attributes"]["label"].strip()
        if element["type"] in ("dropdown", "checkboxes"):
            assert element["attributes"]["options"]
    assert len(ids) == len(set(ids)), f"{path.name}: ids must be unique"


def test_suggest_a_study_asks_for_a_pmid_or_doi():
    form = load(GITHUB / "ISSUE_TEMPLATE" / "suggest-a-study.yml")
    field = next(e for e in form["body"] if e.get("id") == "identifier")
    assert field["type"] == "input" and field["validations"]["required"] is True
    assert "PMID" in field["attributes"]["label"] and "DOI" in field["attributes"]["label"]


def test_report_an_error_asks_which_record_or_claim_and_the_source():
    form = load(GITHUB / "ISSUE_TEMPLATE" / "report-an-error.yml")
    required = {e["id"] for e in form["body"] if e.get("validations", {}).get("required")}
    assert {"problem", "source"} <= required
    inputs = {e["id"] for e in form["body"] if e["type"] == "input"}
    assert {"record", "claim"} <= inputs  # either can be the subject; the site fills in one


def test_pull_request_checklist_is_the_review_checklist():
    def checklist(path: Path) -> list[str]:
        text = path.read_text(encoding="utf-8")
        section = text.split("<!-- checklist:start -->")[1].split("<!-- checklist:end -->")[0]
        return [line for line in section.splitlines() if line.strip()]

    template = checklist(GITHUB / "pull_request_template.md")
    assert template == checklist(REPO / "CONTRIBUTING.md")
    assert all(line.startswith("- [ ] ") for line in template)


# --- pre-commit ------------------------------------------------------------------------------


def pre_commit_hooks() -> list[dict]:
    config = load(REPO / ".pre-commit-config.yaml")
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_pre_commit_hooks_run_format_and_check_on_records(capsys):
    hooks = pre_commit_hooks()
    entries = {hook["entry"] for hook in hooks}
    assert entries == {"python -m scripts format", "python -m scripts check"}
    for hook in hooks:
        assert hook["language"] == "system"
        files = re.compile(hook["files"])
        assert files.search("catalogue/studies/doe-2020-kratom-test-study.yaml")
        assert not files.search("catalogue/vocabularies.yaml")
        assert not files.search("catalogue/studies/notes.md")
        args = [*script_commands(hook["entry"])[0], "catalogue/studies/x.yaml"]
        build_parser().parse_args(args)  # the command accepts file names
    capsys.readouterr()


def test_pre_commit_config_is_valid_for_pre_commit():
    clientlib = pytest.importorskip("pre_commit.clientlib")
    clientlib.load_config(str(REPO / ".pre-commit-config.yaml"))
