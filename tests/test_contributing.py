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


def test_field_guide_is_up_to_date():
    document = text()
    expected = field_guide.replace_section(document, field_guide.render(REPO / "catalogue"))
    assert document == expected, (
        "the field guide in CONTRIBUTING.md differs from the schema and vocabularies: "
        "run `python -m scripts.cli.field_guide` and commit CONTRIBUTING.md"
    )


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


def test_the_generator_rewrites_only_its_section(tmp_path, capsys):
    stale = tmp_path / "GUIDE.md"
    stale.write_text(
        f"# Before\n\n{field_guide.START}\nold text\n{field_guide.END}\n\n## After\n",
        encoding="utf-8",
    )
    args = ["--file", str(stale), "--catalogue", str(REPO / "catalogue")]
    assert field_guide.main([*args, "--check"]) == 1
    assert "out of date" in capsys.readouterr().out
    assert field_guide.main(args) == 0
    rewritten = stale.read_text(encoding="utf-8")
    assert rewritten.startswith("# Before\n\n<!-- field-guide:start -->\n")
    assert rewritten.endswith("<!-- field-guide:end -->\n\n## After\n")
    assert "old text" not in rewritten
    assert field_guide.main([*args, "--check"]) == 0


def test_missing_markers_are_an_error(tmp_path, capsys):
    plain = tmp_path / "GUIDE.md"
    plain.write_text("# No markers\n", encoding="utf-8")
    assert field_guide.main(["--file", str(plain)]) == 2
    assert "lacks the markers" in capsys.readouterr().err


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
