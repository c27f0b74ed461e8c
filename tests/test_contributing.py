"""CONTRIBUTING.md: its field guide is the generator's output, and what it tells people exists."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from scripts.__main__ import main
from scripts.cli import field_guide
from scripts.load import schema
from scripts.load.vocabulary import load_vocabulary

REPO = Path(__file__).resolve().parents[1]
CONTRIBUTING = REPO / "CONTRIBUTING.md"


def text() -> str:
    return CONTRIBUTING.read_text(encoding="utf-8")


def test_field_guide_covers_every_field_term_and_claim():
    guide = field_guide.render(REPO / "catalogue")
    vocabulary = load_vocabulary(REPO / "catalogue")
    for key in schema.schema()["properties"]:
        assert f"| `{key}` |" in guide
    assert "| `findings[].summary` | yes |" in guide
    assert "| `population.n` |  |" in guide
    for name, terms in vocabulary.terms.items():
        assert f"#### {name}\n" in guide
        for term in terms:
            assert f"| `{term}` |" in guide, (name, term)
    for claim in vocabulary.claims:
        assert f"| `{claim}` |" in guide


def test_table_cells_cannot_break_the_table(tmp_path, catalogue):
    vocabularies = (catalogue / "vocabularies.yaml").read_text(encoding="utf-8")
    (catalogue / "vocabularies.yaml").write_text(
        vocabularies.replace(
            "    definition: People.\n", '    definition: "People | and\\n more."\n', 1
        ),
        encoding="utf-8",
    )
    guide = field_guide.render(catalogue)
    assert "| `human` | People \\| and more. |" in guide


@pytest.mark.parametrize(
    "heading",
    [
        "## Adding a study, step by step",
        "## Correcting a record",
        "## Curation rules",
        "## Review checklist",
        "## Field guide",
    ],
)
def test_sections(heading):
    assert f"\n{heading}\n" in text()


@pytest.mark.parametrize(
    "rule",
    [
        "Verified identifiers only, never guessed.",
        "Your own words.",
        "Record what the study found, whichever way it points.",
        "Say what the design can and cannot show.",
        "Funding only as stated.",
    ],
)
def test_curation_rules(rule):
    assert f"**{rule}**" in text()


def test_every_command_it_names_exists(capsys):
    commands = sorted(set(re.findall(r"python -m scripts (\w[\w-]*)", text())))
    assert {"new", "check", "format", "enrich", "candidates"} <= set(commands)
    for command in commands:
        with pytest.raises(SystemExit) as exit_info:
            main([command, "--help"])
        assert exit_info.value.code == 0, f"`python -m scripts {command}` does not exist"
    capsys.readouterr()


def test_internal_links_point_at_headings():
    document = text()
    anchors = {_anchor(h) for h in re.findall(r"^#+ (.+)$", document, re.MULTILINE)}
    links = set(re.findall(r"\]\(#([^)]+)\)", document))
    assert links and links <= anchors, links - anchors


def test_no_machine_specific_paths():
    assert not re.search(r"(/home/|/Users/|/tmp/|/wor[k]/|[A-Z]:\\)", text())


def _anchor(heading: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    heading = unicodedata.normalize("NFKC", heading).lower()
    return re.sub(r"[^\w\- ]", "", heading).replace(" ", "-")
