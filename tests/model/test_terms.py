"""Study.terms() yields a value at every place TERM_FIELDS names, and nowhere else."""

from __future__ import annotations

import yaml
from conftest import REPO

from scripts.model.study import TERM_FIELDS, Study


def matches(path: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    return len(path) == len(pattern) and all(
        p in (q, "*") for q, p in zip(path, pattern, strict=True)
    )


def test_terms_and_term_fields_name_the_same_places():
    text = (REPO / "tests/rules/schema_shape/valid-every-field.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    study = Study.from_data(data | {"curation": data["curation"] | {"added": "2026-11-25"}})
    seen = set()
    for path, vocabulary, _term in study.terms():
        named = tuple(str(p) for p in path if not isinstance(p, int))
        found = [
            (pattern, vocab) for pattern, vocab in TERM_FIELDS.items() if matches(named, pattern)
        ]
        assert found and found[0][1] == vocabulary, (path, vocabulary)
        seen.add(found[0][0])
    assert seen == set(TERM_FIELDS), "a place TERM_FIELDS names that terms() never yields"
