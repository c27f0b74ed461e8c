"""Each fact has one home: identifier links, the slug pattern and the prompt marker.

A second copy is how a PMID came to be 9 digits in one module and 10 in another; these tests
fail when code or templates grow one again.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import REPO

from scripts.model.names import PROMPT, SLUG

IDENTIFIER_HOSTS = (
    "pubmed.ncbi.nlm.nih.gov",
    "pmc.ncbi.nlm.nih.gov",
    "doi.org",
    "clinicaltrials.gov",
)
HOME_OF_IDENTIFIERS = REPO / "scripts" / "model" / "identifiers.py"


def code_files() -> list[Path]:
    return [
        *(REPO / "scripts").rglob("*.py"),
        *(REPO / "templates").rglob("*.html"),
        *(REPO / "templates").rglob("*.js"),
    ]


def test_identifier_links_are_built_only_by_their_handlers():
    for path in code_files():
        if path == HOME_OF_IDENTIFIERS:
            continue
        text = path.read_text(encoding="utf-8")
        for host in IDENTIFIER_HOSTS:
            assert host not in text, f"{path.relative_to(REPO)} spells out {host}"


def test_the_schemas_slug_pattern_is_the_models():
    """The schemas need the pattern written out (editors read them); it must be the same one."""
    expected = "^" + SLUG.pattern.replace("(?:", "(") + "$"
    seen = 0
    for schema in (REPO / "catalogue").glob("*.schema.json"):
        text = schema.read_text(encoding="utf-8")
        for pattern in re.findall(r'"pattern":\s*("(?:[^"\\]|\\.)*")', text):
            value = json.loads(pattern)
            if "a-z0-9" in value:
                seen += 1
                assert value == expected, f"{schema.name}: {value}"
    assert seen >= 4


def test_no_other_slug_pattern_in_code():
    for path in code_files():
        if path.name == "names.py":
            continue
        assert "[a-z0-9]+" not in path.read_text(encoding="utf-8"), path.relative_to(REPO)


def test_the_prompt_marker_is_written_once():
    literal = re.compile(r"""["']""" + re.escape(PROMPT))
    for path in (REPO / "scripts").rglob("*.py"):
        if path.name == "names.py":
            continue
        assert not literal.search(path.read_text(encoding="utf-8")), path.relative_to(REPO)
